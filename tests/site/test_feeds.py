"""Atom feeds, sitemap.xml and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.support import factories

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}link").get("href")) for e in feed.iter(f"{ATOM}entry")]


def test_new_articles_feed_is_newest_first(client, world):
    found = entries(client, reverse("articles:feed_articles"))
    assert [href for _, href in found] == [
        "http://testserver" + world[a].get_absolute_url() for a in ("interview", "speech")
    ]


def test_speaker_feed_has_their_statements(client, world):
    found = entries(client, reverse("articles:feed_speaker", args=[world["cuong"].slug]))
    assert {href for _, href in found} == {
        "http://testserver" + world[q].get_absolute_url() for q in ("outer", "conclusion_quote")
    }
    assert all(title.startswith("Nguyễn Mạnh Cường: ") for title, _ in found)


def test_directive_feed_leaves_out_rejected_statements(client, world):
    found = entries(client, reverse("articles:feed_directive", args=[world["congress"].slug]))
    assert len(found) == 4
    assert "http://testserver" + world["rejected"].get_absolute_url() not in {href for _, href in found}


def test_unknown_feed_is_404(client, world):
    assert client.get("/feeds/speakers/khong-co/").status_code == 404


def locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [e.text for e in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def every_sitemap_address(client) -> list[str]:
    """The addresses of every file the sitemap index lists."""
    files = locations(client, "/sitemap.xml")
    assert all("/sitemap-" in f for f in files), files
    return [loc for f in files for loc in locations(client, f.removeprefix("http://testserver"))]


def test_sitemap_lists_articles_speakers_directives_and_statements(client, world):
    found = every_sitemap_address(client)
    for name in ("interview", "cuong", "autonomy", "outer"):
        assert "http://testserver" + world[name].get_absolute_url() in found
    assert "http://testserver" + world["rejected"].get_absolute_url() not in found
    assert len(found) == len(set(found))


def test_the_sitemap_is_an_index_of_files_of_at_most_the_set_number_of_addresses(client, world, settings):
    everything = every_sitemap_address(client)
    settings.ARCHIVE_SITEMAP_URLS = 2
    files = locations(client, "/sitemap.xml")
    assert any(f.endswith("?p=2") for f in files), files
    assert all(len(locations(client, f.removeprefix("http://testserver"))) <= 2 for f in files)
    assert sorted(every_sitemap_address(client)) == sorted(everything)


def test_feeds_send_a_statement_as_plain_text_so_markup_in_a_source_is_never_run(client):
    a = factories.article("Bài có mã", ['Ông nói: "<img src=x onerror=alert(1)> & <b>đậm</b>".'])
    q = factories.quote(a, "<img src=x onerror=alert(1)> & <b>đậm</b>", factories.speaker("Trần Văn Bình"))
    response = client.get(reverse("articles:feed_speaker", args=[q.speaker.slug]))
    summary = ET.fromstring(response.content).find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "text"
    # What a feed reader shows is the text as written, markup and all, never rendered.
    assert summary.text == "<img src=x onerror=alert(1)> & <b>đậm</b>"
    assert b'type="html"' not in response.content


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_search(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /search/" in text and "Disallow: /admin/" in text
