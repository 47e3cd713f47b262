"""The fetcher is bounded: http(s) only, no private addresses unless allowed, timeouts,
a size limit, few redirects, conditional requests, an honest User-Agent, retries."""

import pytest

from articles.ingest import fetching
from articles.ingest.fetching import FetchError, checked_addresses, fetch
from tests.support.web import Site


@pytest.fixture
def site():
    with Site() as s:
        yield s


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    monkeypatch.setattr(fetching, "BACKOFF", 0.05)


def test_a_page_is_fetched_with_an_honest_user_agent(site):
    url = site.put("/a.html", "<p>xin chào</p>")
    response = fetch(url, allow_private=True)
    assert (response.status, response.body, response.is_html) == (200, "<p>xin chào</p>".encode(), True)
    assert site.requests[0][1]["User-Agent"].startswith("PolicyArchive/")


def test_loopback_is_refused_unless_allowed(site):
    url = site.put("/a.html", "<p>x</p>")
    with pytest.raises(FetchError, match="refused: 127.0.0.1 resolves to a private or loopback address"):
        fetch(url)
    assert site.requests == []


@pytest.mark.parametrize("host", ["10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "localhost", "fd00::1"])
def test_private_link_local_and_loopback_addresses_are_refused(host):
    with pytest.raises(FetchError, match="refused"):
        checked_addresses(host, 80, allow_private=False)


def test_every_redirect_is_checked_like_the_first_address(site):
    site.put("/to-file", location="file:///etc/passwd")
    site.put("/to-nowhere", location="http://0.0.0.0:9/admin")
    with pytest.raises(FetchError, match="not an http"):
        fetch(site.url("/to-file"), allow_private=True)
    with pytest.raises(FetchError, match="refused: 0.0.0.0 resolves to 0.0.0.0"):
        fetch(site.url("/to-nowhere"), allow_private=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a", "gopher://x/", "http:///nohost"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="not an http"):
        fetch(url, allow_private=True)


def test_redirects_are_followed_a_few_times_only(site):
    site.put("/final", "<p>ok</p>")
    site.put("/hop", location="/final")
    assert fetch(site.url("/hop"), allow_private=True).url == site.url("/final")
    for i in range(fetching.MAX_REDIRECTS + 1):
        site.put(f"/loop{i}", location=f"/loop{i + 1}")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(site.url("/loop0"), allow_private=True)


def test_a_page_over_the_limit_is_refused_by_its_length_or_as_it_is_read(site):
    site.put("/big", b"x" * 5000)
    site.put("/big-chunked", b"x" * 200_000, chunked=True)
    with pytest.raises(FetchError, match="too big: 5,000 bytes"):
        fetch(site.url("/big"), allow_private=True, max_bytes=1000)
    with pytest.raises(FetchError, match="too big: over the limit of 100,000 bytes"):
        fetch(site.url("/big-chunked"), allow_private=True, max_bytes=100_000)


def test_a_missing_page_fails_at_once_and_a_busy_one_is_tried_again(site):
    with pytest.raises(FetchError, match="HTTP 404") as missing:
        fetch(site.url("/nowhere"), allow_private=True)
    assert not missing.value.transient and site.requested("/nowhere") == 1
    site.put("/busy", "<p>ok</p>", failures=2)
    assert fetch(site.url("/busy"), allow_private=True).status == 200
    assert site.requested("/busy") == 3


def test_a_slow_page_times_out_and_counts_as_transient(site):
    site.put("/slow", "<p>ok</p>", delay=1.0)
    with pytest.raises(FetchError, match="timed out") as slow:
        fetch(site.url("/slow"), allow_private=True, attempts=1, timeout=0.2)
    assert slow.value.transient


def test_a_conditional_request_is_answered_not_modified(site):
    url = site.put("/feed.xml", "<rss/>", content_type="application/rss+xml")
    first = fetch(url, allow_private=True)
    assert first.etag and first.modified
    assert fetch(url, etag=first.etag, allow_private=True).status == 304
    assert fetch(url, modified=first.modified, allow_private=True).status == 304
    assert site.requests[1][1]["If-None-Match"] == first.etag
