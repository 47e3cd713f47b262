"""A statement keeps its id and its address for as long as it exists: a reload moves it,
follows its changed text, or withdraws it (410 Gone), and never deletes it."""

import pytest
from django.db.models import Sum

from articles.extraction.fingerprints import fingerprint
from articles.ingest.loading import load_file, load_paths
from articles.models import Article, Quote, Status
from articles.restatements.models import Shingle, ShingleFrequency
from tests.support.sources import write_source

pytestmark = pytest.mark.django_db(transaction=False)

INSERTED = "Hội nghị diễn ra tại Hà Nội, với sự tham dự của đại diện nhiều cơ quan đối ngoại."


def public_urls(article):
    return {q.pk: q.get_absolute_url() for q in article.quotes.public()}


def changed_word(text: str) -> str:
    """``text`` with one word in its middle replaced."""
    words = text.split(" ")
    middle = len(words) // 2
    words[middle] = "thực chất" if words[middle] != "thực chất" else "hiệu quả"
    return " ".join(words)


@pytest.fixture
def reloaded(seed_dir, client):
    """The first seed loaded; one of its statements confirmed; then one word of that statement
    changed and a paragraph inserted near the top of the source, and the source reloaded."""
    load_paths([seed_dir])
    path = sorted(seed_dir.glob("*.txt"))[0]
    article = Article.objects.get(source_file=path.name)
    confirmed = max(article.quotes.public().filter(text__contains=" "), key=lambda q: len(q.text.split()))
    Quote.objects.filter(pk=confirmed.pk).update(status=Status.CONFIRMED)
    before = {pk: client.get(url).status_code for pk, url in public_urls(article).items()}
    ids = set(article.quotes.values_list("pk", flat=True))
    source = path.read_text(encoding="utf-8")
    assert source.count(confirmed.text) == 1
    new_text = changed_word(confirmed.text)
    source = source.replace(confirmed.text, new_text)
    first_break = source.index("\n\n")
    path.write_text(source[:first_break] + "\n\n" + INSERTED + source[first_break:], encoding="utf-8")
    assert load_file(path)[0] == "updated"
    article.refresh_from_db()
    return article, confirmed, new_text, before, ids


def test_every_permalink_that_answered_answers_200_or_410_after_a_reload(reloaded, client):
    article, _, _, before, _ = reloaded
    assert before and set(before.values()) == {200}
    after = {pk: client.get(f"/statements/{pk}/").status_code for pk in before}
    assert set(after.values()) <= {200, 410}, after


def test_nine_in_ten_statement_ids_survive_a_reload(reloaded):
    article, _, _, _, ids = reloaded
    kept = ids & set(article.quotes.values_list("pk", flat=True))
    assert len(kept) >= 0.9 * len(ids)
    assert kept == ids  # nothing is deleted: a statement the source lost is withdrawn


def test_a_confirmed_statement_whose_word_changed_stays_public_confirmed_and_anchored(reloaded, client):
    article, confirmed, new_text, _, _ = reloaded
    quote = Quote.objects.public().get(pk=confirmed.pk)
    assert (quote.status, quote.anchored) == (Status.CONFIRMED, True)
    assert article.body[quote.start : quote.end] == quote.text
    assert new_text in quote.text or quote.text in new_text
    assert quote.start > confirmed.start  # after the inserted paragraph
    assert (quote.source_changed, quote.previous_text) == (True, confirmed.text)
    assert client.get(quote.get_absolute_url()).status_code == 200


def test_a_statement_whose_text_changed_is_indexed_under_its_new_text(reloaded):
    _, confirmed, _, _, _ = reloaded
    quote = Quote.objects.get(pk=confirmed.pk)
    stored = set(Shingle.objects.filter(quote=quote).values_list("hash", flat=True))
    assert stored == set(fingerprint(quote.text)) != set(fingerprint(confirmed.text))
    assert Shingle.objects.count() == ShingleFrequency.objects.aggregate(n=Sum("statements"))["n"]


def test_a_statement_the_source_lost_is_withdrawn_410_and_comes_back_with_its_text(tmp_path, client):
    said = "Bộ trưởng Lê Hoài Trung khẳng định đối ngoại đa phương là ưu tiên hàng đầu của Việt Nam."
    path = write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", said])
    load_file(path)
    quote = Quote.objects.public().get()
    write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", "Một đoạn khác hẳn về thời tiết ở Hà Nội."])
    load_file(path)
    quote.refresh_from_db()
    assert (quote.anchored, quote.withdrawn) == (False, True)
    response = client.get(quote.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert quote.text in html and quote.article.get_absolute_url() in html
    assert f"/statements/{quote.pk}/" not in client.get("/statements/").content.decode()
    assert quote.pk not in [row["id"] for row in client.get("/api/quotes/").json()["results"]]

    write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", said])
    load_file(path)
    assert Quote.objects.public().get().pk == quote.pk
    assert client.get(quote.get_absolute_url()).status_code == 200


def test_a_reload_that_moves_statements_onto_each_others_spans_keeps_every_id(tmp_path):
    """Suggestions' spans are unique: moving one onto the span another leaves must not fail."""
    said = "Thứ trưởng Nguyễn Mạnh Cường cho biết Việt Nam sẵn sàng hợp tác với mọi đối tác."
    other = "Bộ trưởng Lê Hoài Trung khẳng định Việt Nam luôn là bạn tin cậy của mọi quốc gia"
    assert len(other) == len(said)
    path = write_source(tmp_path, "a.txt", ["Mở đầu.", said, other])
    load_file(path)
    article = Article.objects.get()
    article.quotes.all().delete()
    for text in (said, other):
        start = article.body.index(text)
        Quote.objects.create(article=article, text=text, start=start, end=start + len(text), origin="extracted")
    ids = set(Quote.objects.values_list("pk", flat=True))
    # As long as the statement: the first moves exactly onto the second's old span.
    filler = ("Đoạnchènvào" * 20)[: len(said)]
    write_source(tmp_path, "a.txt", ["Mở đầu.", filler, said, other])
    load_file(path)
    assert set(Quote.objects.values_list("pk", flat=True)) == ids
    article.refresh_from_db()
    assert all(article.body[q.start : q.end] == q.text for q in Quote.objects.all())


def test_a_withdrawn_suggestion_holds_no_span_against_the_new_texts_suggestions(tmp_path):
    said = "Bộ trưởng Lê Hoài Trung khẳng định đối ngoại đa phương là ưu tiên hàng đầu của Việt Nam."
    path = write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", said])
    load_file(path)
    live = Quote.objects.get()
    # What a statement the source dropped looks like: its old offsets are where new text is now.
    gone = Quote.objects.create(
        article=live.article, text="Một câu nguồn đã bỏ.", start=live.start, end=live.end, anchored=False
    )
    write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", said, "Kết bài."])
    assert load_file(path)[0] == "updated"
    assert Quote.objects.get(pk=gone.pk).withdrawn and Quote.objects.get(pk=live.pk).anchored
