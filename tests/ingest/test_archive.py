"""policy-archive/1: the export is stable and restores to an identical archive."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.ingest.archive import ArchiveError, export_archive, import_archive
from articles.ingest.loading import load_paths
from articles.models import Article, Directive, Origin, Quote, QuoteLink, Speaker, Status
from tests.support.sources import write_source
from tests.support.web import PAGES

pytestmark = pytest.mark.django_db


def export_text(tmp_path, name="export.json"):
    path = tmp_path / name
    call_command("export_archive", output=str(path))
    return path.read_text(encoding="utf-8")


def wipe():
    for model in (QuoteLink, Quote, Article, Speaker, Directive):
        model.objects.all().delete()


@pytest.fixture
def archive(seed_dir):
    """The seeds plus an editor's statement, link, directive and speaker, to round-trip."""
    load_paths([seed_dir])
    first, second = Article.objects.order_by("source_file")
    speaker = Speaker.objects.create(name="Nguyễn Thị Thử", slug="nguyen-thi-thu")
    parent = Directive.objects.create(name="Chiến lược thử", slug="chien-luoc-thu", kind="strategy")
    directive = Directive.objects.create(
        name="Nghị quyết 99-NQ/TW", slug="nq-99", kind="resolution", code="99-NQ/TW", parent=parent
    )
    directive.related.add(parent)
    directive.aliases.create(name="Nghị quyết 99")
    quotes = []
    for article in (first, second):
        text = article.body[article.paragraphs.all()[1].start : article.paragraphs.all()[1].end]
        quote = Quote.objects.create(
            article=article,
            speaker=speaker,
            text=text,
            start=article.body.index(text),
            end=article.body.index(text) + len(text),
            origin=Origin.EDITOR,
            status=Status.CONFIRMED,
            note="ghi chú",
        )
        quote.directives.add(directive)
        quotes.append(quote)
    QuoteLink.objects.create(from_quote=quotes[0], to_quote=quotes[1], status=Status.CONFIRMED, origin=Origin.EDITOR)
    return quotes


def test_export_has_the_required_shape(archive):
    data = export_archive()
    assert data["format"] == "policy-archive/1"
    assert {"articles", "speakers", "directives", "links"} <= data.keys()
    article = data["articles"][0]
    assert {"source_file", "published", "title", "url", "body", "people", "directives", "quotes"} <= article.keys()
    assert article["url"] == Article.objects.get(source_file=article["source_file"]).get_absolute_url()
    quote = next(q for a in data["articles"] for q in a["quotes"] if q["origin"] == "editor")
    assert {"id", "speaker", "text", "kind", "start", "end", "status", "directives"} <= quote.keys()
    assert quote["directives"] == ["Nghị quyết 99-NQ/TW"]
    assert {"name", "slug", "url", "titles"} <= data["speakers"][0].keys()
    assert {"name", "slug", "url", "kind", "aliases"} <= data["directives"][0].keys()
    assert data["links"][0].keys() >= {"from", "to", "kind", "status", "score"}


def test_every_exported_quote_anchors_in_its_body(archive):
    for article in export_archive()["articles"]:
        for q in article["quotes"]:
            assert article["body"][q["start"] : q["end"]] == q["text"]


def test_loading_twice_gives_an_identical_export(seed_dir, tmp_path):
    load_paths([seed_dir])
    first = export_text(tmp_path, "a.json")
    load_paths([seed_dir])
    assert export_text(tmp_path, "b.json") == first


def test_export_import_export_is_identical(archive, tmp_path):
    before = export_text(tmp_path, "before.json")
    wipe()
    call_command("import_archive", str(tmp_path / "before.json"))
    assert export_text(tmp_path, "after.json") == before


def test_imported_archive_accepts_new_rows(archive, tmp_path):
    """Restored ids must not collide with the next ones the database hands out."""
    export_text(tmp_path, "before.json")
    wipe()
    call_command("import_archive", str(tmp_path / "before.json"))
    path = write_source(tmp_path, "new.txt", ["Một bài mới.", "Đoạn hai."])
    assert load_paths([path]).created == [str(path)]
    article = Article.objects.get(source_file="new.txt")
    Quote.objects.create(
        article=article,
        text="Đoạn hai.",
        start=article.body.index("Đoạn hai."),
        end=article.body.index("Đoạn hai.") + 9,
        origin=Origin.EDITOR,
    )


def test_import_refuses_a_non_empty_database(archive):
    with pytest.raises(ArchiveError, match="not empty"):
        import_archive(export_archive())


def test_import_refuses_other_formats(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(CommandError, match="x.json: not a policy-archive/1 archive"):
        call_command("import_archive", str(path))


def test_malformed_archive_leaves_nothing(archive, tmp_path):
    data = export_archive()
    wipe()
    data["articles"][1]["quotes"][0]["speaker"] = "Nobody Known"
    with pytest.raises(ArchiveError) as refused:
        import_archive(data)
    assert refused.value.problems == [
        f"articles[1] {data['articles'][1]['source_file']!r}: statement {data['articles'][1]['quotes'][0]['id']}: "
        "unknown speaker 'Nobody Known'"
    ]
    assert not Article.objects.exists() and not Speaker.objects.exists()


def test_each_article_carries_its_source_and_a_headline_is_its_title(seed_dir, tmp_path):
    (seed_dir / "trang.html").write_bytes((PAGES / "hoabinh_hop_bao.html").read_bytes())
    load_paths([seed_dir])
    articles = {a["source_file"]: a for a in export_archive()["articles"]}
    page = articles.pop("trang.html")
    assert page["title"].startswith("Người phát ngôn: Việt Nam kiên trì")
    assert page["source"] == {
        "url": "https://tinhoabinh.example/chinh-tri/nguoi-phat-ngon-kien-tri-hoa-binh-post98765.html",
        "outlet": "Tin Hòa Bình",
        "authors": ["Thu Trang"],
        "fetched": None,
        "published_at": "2026-03-06T09:45:00+00:00",
    }
    empty = {"url": "", "outlet": "", "authors": [], "fetched": None, "published_at": None}
    assert [a["source"] for a in articles.values()] == [empty] * len(articles)


def test_sources_round_trip_and_an_export_from_before_sources_imports(archive, tmp_path):
    Article.objects.filter(pk=archive[0].article_id).update(
        source_url="https://thoidiem.example/a.htm", outlet="Báo Thời Điểm", authors=["Minh Anh"]
    )
    before = export_text(tmp_path, "before.json")
    wipe()
    call_command("import_archive", str(tmp_path / "before.json"))
    assert export_text(tmp_path, "after.json") == before
    older = json.loads(before)
    for article in older["articles"]:
        del article["source"]
    (tmp_path / "older.json").write_text(json.dumps(older), encoding="utf-8")
    wipe()
    call_command("import_archive", str(tmp_path / "older.json"))
    assert set(Article.objects.values_list("source_url", flat=True)) == {""}


NEW_KEYS = {"prefix", "suffix", "source_changed", "previous_text"}


def test_an_archive_no_source_changed_exports_without_the_selector_keys(archive):
    assert not any(NEW_KEYS & q.keys() for a in export_archive()["articles"] for q in a["quotes"])


@pytest.fixture
def changed_sources(tmp_path):
    """One statement whose word changed, one the source lost."""
    said = "Bộ trưởng Lê Hoài Trung khẳng định đối ngoại đa phương là ưu tiên hàng đầu của Việt Nam."
    gone = "Thứ trưởng Nguyễn Mạnh Cường cho biết Việt Nam sẵn sàng hợp tác với mọi đối tác."
    path = write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", said, gone])
    load_paths([path])
    write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", said.replace("hàng đầu", "thực chất"), "Hết."])
    load_paths([path])
    assert Quote.objects.filter(source_changed=True).exists() and Quote.objects.filter(anchored=False).exists()


def test_changed_and_withdrawn_statements_round_trip_with_their_context(changed_sources, tmp_path):
    before = export_text(tmp_path, "before.json")
    quotes = [q for a in json.loads(before)["articles"] for q in a["quotes"]]
    withdrawn = next(q for q in quotes if not q["anchored"])
    changed = next(q for q in quotes if q.get("source_changed"))
    assert {"prefix", "suffix"} <= withdrawn.keys() and "hàng đầu" in changed["previous_text"]
    stored = {q.pk: (q.prefix, q.suffix, q.source_changed, q.previous_text) for q in Quote.objects.all()}
    wipe()
    call_command("import_archive", str(tmp_path / "before.json"))
    assert export_text(tmp_path, "after.json") == before
    assert {q.pk: (q.prefix, q.suffix, q.source_changed, q.previous_text) for q in Quote.objects.all()} == stored


def test_an_export_made_before_statements_kept_their_context_imports(archive, tmp_path):
    data = export_archive()
    for article in data["articles"]:
        for q in article["quotes"]:
            for key in NEW_KEYS:
                q.pop(key, None)
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    wipe()
    call_command("import_archive", str(tmp_path / "old.json"))
    quote = Quote.objects.get(pk=archive[0].pk)
    body = quote.article.body
    assert (quote.prefix, quote.suffix) == (
        body[max(0, quote.start - 32) : quote.start],
        body[quote.end : quote.end + 32],
    )
    assert (quote.source_changed, quote.previous_text) == (False, "")
