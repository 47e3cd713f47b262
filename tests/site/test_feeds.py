"""Atom feeds, sitemap.xml and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


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


def test_sitemap_lists_articles_speakers_directives_and_statements(client, world):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {
        e.text for e in ET.fromstring(response.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    }
    for name in ("interview", "cuong", "autonomy", "outer"):
        assert "http://testserver" + world[name].get_absolute_url() in locations
    assert "http://testserver" + world["rejected"].get_absolute_url() not in locations


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_search(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /search/" in text and "Disallow: /admin/" in text
