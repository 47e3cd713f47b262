"""Feeds and pages from a loopback server into the archive, through the commands operators run."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.ingest import fetching, tasks
from articles.ingest.extracting import SourceError
from articles.ingest.feeds import fetch_page
from articles.ingest.loading import load_paths
from articles.models import Article, Feed, Paragraph, Quote, Status
from tests.support.web import PAGES, Site, atom, rss

pytestmark = pytest.mark.django_db

HOI_DAM = "https://thoidiem.example/the-gioi/viet-nam-nhat-ban-nang-tam-hop-tac-20260305083000123.htm"
HOP_BAO = "https://tinhoabinh.example/chinh-tri/nguoi-phat-ngon-kien-tri-hoa-binh-post98765.html"


@pytest.fixture
def site():
    with Site() as s:
        yield s


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    monkeypatch.setattr(fetching, "BACKOFF", 0.05)


def run(command, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def two_item_feed(site) -> str:
    site.page("/the-gioi/hoi-dam.htm", "thoidiem_hoi_dam.html")
    site.page("/chinh-tri/hop-bao.html", "hoabinh_hop_bao.html")
    return site.put(
        "/rss/the-gioi.rss",
        rss(
            [
                ("Việt Nam và Nhật Bản nhất trí", "{base}/the-gioi/hoi-dam.htm", "Thu, 05 Mar 2026 01:30:00 GMT"),
                (
                    "Người phát ngôn: kiên trì hòa bình",
                    "{base}/chinh-tri/hop-bao.html",
                    "Fri, 06 Mar 2026 09:45:00 GMT",
                ),
            ]
        ),
        content_type="application/rss+xml; charset=utf-8",
    )


def test_each_item_is_stored_with_its_provenance_and_statements_and_no_furniture(site):
    out, _ = run("fetch_feed", two_item_feed(site))
    assert out.startswith("2 created, 0 updated, 0 unchanged, 0 already stored, 0 failed")
    article = Article.objects.get(source_url=HOI_DAM)
    assert article.title == "Việt Nam và Nhật Bản nhất trí nâng tầm hợp tác chuyển đổi số"
    assert (article.outlet, article.authors) == ("Báo Thời Điểm", ["Minh Anh", "Hoàng Lan"])
    assert article.source_file == site.url("/the-gioi/hoi-dam.htm")
    assert article.published_at.isoformat() == "2026-03-05T01:30:00+00:00" and article.fetched_at
    assert set(article.quotes.values_list("speaker__name", flat=True)) == {"Lê Văn Thành", "Sato Kenji"}
    assert "Tin liên quan" not in article.body and "Quảng cáo" not in article.body
    assert "Giấy phép" not in article.body and "Trang sau" not in article.body
    caption = article.paragraphs.get(role=Paragraph.Role.CAPTION)
    assert article.body[caption.start : caption.end].endswith("Ảnh: Ngọc Hà")
    other = Article.objects.get(source_url=HOP_BAO)
    assert (other.outlet, other.authors, other.quotes.count() > 0) == ("Tin Hòa Bình", ["Thu Trang"], True)


def test_a_second_run_adds_nothing_and_asks_conditionally(site):
    feed = two_item_feed(site)
    run("fetch_feed", feed)
    out, _ = run("fetch_feed", feed)
    assert out.startswith("0 created, 0 updated, 0 unchanged, 0 already stored, 0 failed")
    assert site.requested("/the-gioi/hoi-dam.htm") == 1
    assert site.requests[-1][1]["If-None-Match"]
    assert Article.objects.count() == 2


def test_a_changed_feed_fetches_only_its_new_items(site):
    feed = two_item_feed(site)
    run("fetch_feed", feed)
    site.page("/moi.htm", "thoidiem_hoi_dam.html")
    site.routes["/moi.htm"].body = site.routes["/moi.htm"].body.replace(b"20260305083000123", b"20260307090000999")
    body = site.routes["/rss/the-gioi.rss"].body.decode()
    site.put(
        "/rss/the-gioi.rss",
        body.replace("<item>", f"<item><title>Tin mới</title><link>{site.url('/moi.htm')}</link></item><item>", 1),
    )
    out, _ = run("fetch_feed", feed)
    assert out.startswith("1 created, 0 updated, 0 unchanged, 2 already stored, 0 failed")
    assert site.requested("/the-gioi/hoi-dam.htm") == 1


def test_an_atom_feed_is_read_too(site):
    site.page("/hop-bao", "hoabinh_hop_bao.html")
    url = site.put(
        "/atom.xml", atom([("Họp báo", "{base}/hop-bao", "2026-03-06T09:45:00Z")]), content_type="application/atom+xml"
    )
    out, _ = run("fetch_feed", url)
    assert out.startswith("1 created")
    assert Article.objects.get().outlet == "Tin Hòa Bình"


def test_bad_pages_are_named_one_line_each_and_the_others_load(site, settings, monkeypatch):
    settings.ARCHIVE_MAX_SOURCE_BYTES = 200_000
    site.page("/tot.htm", "thoidiem_hoi_dam.html")
    site.page("/cham.htm", "thoidiem_hoi_dam.html")
    site.routes["/cham.htm"].delay = 1.0
    site.put("/json", '{"a": 1}', content_type="application/json")
    site.put("/lon.htm", b"<p>" + b"x" * 300_000, content_type="text/html")
    site.page("/chuyen-muc", "chuyen_muc.html")
    site.put("/ban.htm", "<p>x</p>", failures=10)
    links = ["/tot.htm", "/mat.htm", "/cham.htm", "/json", "/lon.htm", "/chuyen-muc", "/ban.htm"]
    feed = site.put("/rss", rss([(p, "{base}" + p, "Thu, 05 Mar 2026 01:30:00 GMT") for p in links]))
    monkeypatch.setattr(fetching, "TIMEOUT", 0.3)
    err = io.StringIO()
    with pytest.raises(CommandError, match="6 feed"):
        call_command("fetch_feed", feed, stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        f"{site.url('/mat.htm')}: HTTP 404 Not Found",
        f"{site.url('/cham.htm')}: timed out after 0.3s",
        f"{site.url('/json')}: not an HTML page (application/json)",
        f"{site.url('/lon.htm')}: too big: 300,003 bytes, over the limit of 200,000",
        f"{site.url('/chuyen-muc')}: no article text found: the page says it is a 'website', not an article",
        f"{site.url('/ban.htm')}: HTTP 503 Service Unavailable",
    ]
    assert site.requested("/ban.htm") == fetching.ATTEMPTS  # tried again, waiting longer each time
    assert list(Article.objects.values_list("source_url", flat=True)) == [HOI_DAM]
    feed_row = Feed.objects.get(url=feed)
    assert feed_row.last_error.count("\n") == 5 and feed_row.etag == ""  # asked for again next time


def test_a_changed_page_updates_its_article_and_keeps_the_editors_work(site):
    url = site.page("/hoi-dam.htm", "thoidiem_hoi_dam.html")
    assert fetch_page(url)[0] == "created"
    article = Article.objects.get()
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề của biên tập viên", title_is_custom=True)
    confirmed = article.quotes.get(speaker__name="Sato Kenji")
    Quote.objects.filter(pk=confirmed.pk).update(status=Status.CONFIRMED)
    site.routes["/hoi-dam.htm"].body = site.routes["/hoi-dam.htm"].body.replace(
        "<h2>Mở rộng hợp tác địa phương</h2>".encode(),
        "<p>Hai bộ trưởng cũng trao đổi về tình hình khu vực.</p>".encode(),
    )
    out, _ = run("fetch_url", url)
    assert out.startswith("0 created, 1 updated")
    article.refresh_from_db()
    assert article.title == "Tiêu đề của biên tập viên" and "tình hình khu vực" in article.body
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CONFIRMED and confirmed.anchored
    assert article.body[confirmed.start : confirmed.end] == confirmed.text
    assert Article.objects.count() == 1


def test_the_same_article_under_another_address_is_one_article(site):
    first = site.page("/a.htm", "thoidiem_hoi_dam.html")
    second = site.page("/a.htm?utm_source=rss", "thoidiem_hoi_dam.html")
    assert fetch_page(first)[0] == "created"
    assert fetch_page(second)[0] == "unchanged"
    assert Article.objects.count() == 1


def test_an_html_file_loads_like_a_text_file(tmp_path):
    (tmp_path / "hop_bao.html").write_bytes((PAGES / "hoabinh_hop_bao.html").read_bytes())
    (tmp_path / "muc.html").write_bytes((PAGES / "chuyen_muc.html").read_bytes())
    report = load_paths([tmp_path])
    assert report.created == [str(tmp_path / "hop_bao.html")]
    assert report.failed == [
        (str(tmp_path / "muc.html"), "no article text found: the page says it is a 'website', not an article")
    ]
    article = Article.objects.get()
    assert (article.source_file, article.source_url, article.outlet) == ("hop_bao.html", HOP_BAO, "Tin Hòa Bình")


def test_a_registered_feed_is_polled_when_no_address_is_given(site):
    feed = two_item_feed(site)
    Feed.objects.create(url=feed, outlet="Thời Điểm")
    Feed.objects.create(url=site.url("/tat.rss"), active=False)
    out, _ = run("fetch_feed")
    assert out.startswith("2 created")
    polled = Feed.objects.get(url=feed)
    assert polled.last_polled and polled.last_result.startswith("2 created") and polled.etag
    assert Feed.objects.get(url=site.url("/tat.rss")).last_polled is None


def test_queue_without_a_broker_runs_in_process(site):
    feed = two_item_feed(site)
    out, _ = run("fetch_feed", "--queue", feed)
    assert out.startswith("1 feed(s) queued")
    assert Article.objects.count() == 2
    assert Feed.objects.get(url=feed).last_result.startswith("2 queued")


def test_the_schedule_polls_every_active_feed(site, settings):
    Feed.objects.create(url=two_item_feed(site))
    assert settings.CELERY_BEAT_SCHEDULE["poll-active-feeds"]["schedule"] == settings.ARCHIVE_FEED_MINUTES * 60
    assert tasks.poll_active_feeds.delay().get() == 1  # no broker in the tests: it runs here
    assert Article.objects.count() == 2


def test_operators_manage_feeds_in_the_admin(site, admin_client):
    feed = Feed.objects.create(url=two_item_feed(site), outlet="Báo Thời Điểm")
    page = admin_client.get("/admin/articles/feed/")
    assert page.status_code == 200 and feed.url in page.content.decode()
    admin_client.post("/admin/articles/feed/", {"action": "poll_now", "_selected_action": [feed.pk]})
    feed.refresh_from_db()
    assert feed.last_result.startswith("2 queued") and Article.objects.count() == 2
    assert admin_client.get(f"/admin/articles/feed/{feed.pk}/change/").status_code == 200


def test_a_host_asked_a_moment_ago_waits_its_turn(settings):
    settings.ARCHIVE_FETCH_HOST_SECONDS = 60
    assert tasks.host_is_free("https://thoidiem.example/a.htm")
    assert not tasks.host_is_free("https://thoidiem.example/b.htm")
    assert tasks.host_is_free("https://tinhoabinh.example/a.html")
    settings.ARCHIVE_FETCH_HOST_SECONDS = 0
    assert tasks.host_is_free("https://thoidiem.example/c.htm")


def test_an_address_too_long_to_record_is_refused_before_it_is_fetched(site):
    path = "/" + "a" * 300
    site.page(path, "thoidiem_hoi_dam.html")
    with pytest.raises(SourceError, match="address longer than 255 characters"):
        fetch_page(site.url(path))
    assert site.requested(path) == 0
