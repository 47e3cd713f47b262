"""A quotation of another author inside a statement is stored as that author's, recording
the statement that quotes it; organisations speak but are not among the people named."""

import pytest

from articles.ingest.archive import export_archive
from articles.ingest.loading import load_paths
from articles.models import Article, Quote, Speaker
from tests.support.sources import write_source

pytestmark = pytest.mark.django_db

QUOTING = (
    "Đại sứ Lục Văn Tường nhắc lại lời Chủ tịch Hồ Chí Minh đã dạy: "
    "“Dĩ bất biến, ứng vạn biến là phương châm của ngoại giao Việt Nam”."
)


def test_the_quoted_words_are_the_authors_and_record_who_quoted_them(tmp_path):
    load_paths([write_source(tmp_path, "a.txt", ["Hà Nội hôm nay tổ chức hội thảo ngoại giao.", QUOTING])])
    inner = Quote.objects.get(speaker__name="Hồ Chí Minh")
    assert inner.quoted_by is not None and inner.quoted_by.speaker.name == "Lục Văn Tường"
    assert [q.quoted_by_id for q in Quote.objects.filter(speaker__name="Lục Văn Tường")] == [None]
    quotes = [q for a in export_archive()["articles"] for q in a["quotes"]]
    assert [q.get("quoted_by") for q in quotes if q["speaker"] == "Hồ Chí Minh"] == [inner.quoted_by_id]


def test_a_reload_keeps_who_quoted_it(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Hà Nội hôm nay tổ chức hội thảo ngoại giao.", QUOTING])
    load_paths([path])
    inner = Quote.objects.get(speaker__name="Hồ Chí Minh")
    write_source(tmp_path, "a.txt", ["Sáng nay, Hà Nội tổ chức hội thảo ngoại giao.", QUOTING])
    load_paths([path])
    again = Quote.objects.get(speaker__name="Hồ Chí Minh")
    assert (again.pk, again.quoted_by_id) == (inner.pk, inner.quoted_by_id)


def test_an_organisation_speaks_but_is_not_among_the_people_named(tmp_path):
    text = "Bộ Ngoại giao cho biết Việt Nam hoan nghênh mọi nỗ lực đối thoại trong khu vực."
    load_paths([write_source(tmp_path, "b.txt", ["Tin ngoại giao trong ngày.", text])])
    article = Article.objects.get()
    ministry = Speaker.objects.get(name="Bộ Ngoại giao")
    assert ministry.kind == Speaker.Kind.ORGANIZATION
    assert Quote.objects.filter(speaker=ministry).exists()
    assert ministry not in article.people.all()


def test_pages_say_who_quoted_the_words(tmp_path, client):
    load_paths([write_source(tmp_path, "a.txt", ["Hà Nội hôm nay tổ chức hội thảo ngoại giao.", QUOTING])])
    inner = Quote.objects.get(speaker__name="Hồ Chí Minh")
    permalink = client.get(inner.get_absolute_url()).content.decode()
    assert 'class="quoted-by"' in permalink and inner.quoted_by.get_absolute_url() in permalink
    listed = client.get("/statements/").content.decode()
    assert listed.count('class="quoted-by"') == 1 and "Lục Văn Tường" in listed


def test_pages_show_where_an_article_was_published(tmp_path, client):
    source = tmp_path / "c.txt"
    source.write_text(
        "title: Hai nước nhất trí mở rộng hợp tác\nurl: https://thoidiem.example/hop-tac.htm\n"
        "outlet: Báo Thời Điểm\nauthor: Minh Anh\n"
        f"date 2026-03-05 Hà Nội hôm nay tổ chức hội thảo ngoại giao.\n{QUOTING}\n",
        encoding="utf-8",
    )
    load_paths([source])
    article = Article.objects.get()
    for url in (article.get_absolute_url(), Quote.objects.filter(quoted_by=None).first().get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Báo Thời Điểm" in html and "https://thoidiem.example/hop-tac.htm" in html and "Minh Anh" in html
    assert "(Báo Thời Điểm)" in client.get("/statements/").content.decode()
