"""Public pages are cached for anonymous readers and dropped as soon as anything changes."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles import changes
from articles.ingest.loading import load_paths
from articles.site import page_cache
from tests.support import factories
from tests.support.sources import write_source
from tests.support.users import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caching(settings):
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def story():
    a = factories.article("Ngoại giao cây tre", ["Thứ trưởng nói: “Đối ngoại đi trước”.", "Đoạn hai."])
    factories.quote(a, "“Đối ngoại đi trước”", factories.speaker("Nguyễn Mạnh Cường"))
    return a


def pages(story):
    return [
        reverse("articles:home"),
        reverse("articles:article_list"),
        reverse("articles:article_detail", args=[story.slug]),
        reverse("articles:speaker_list"),
        reverse("articles:search") + "?q=tre",
    ]


def test_a_second_anonymous_request_is_served_from_the_cache(client, story, django_assert_num_queries):
    for url in pages(story):
        first = client.get(url)
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.status_code == 200
        assert second.content == first.content or b"csrfmiddlewaretoken" in first.content


def test_each_reader_gets_their_own_csrf_token(story):
    url = reverse("articles:article_detail", args=[story.slug])
    Client().get(url)
    other = Client()
    response = other.get(url)
    token = response.content.split(b'name="csrfmiddlewaretoken" value="')[1].split(b'"')[0]
    assert len(token) == 64 and page_cache.CSRF_PLACEHOLDER not in response.content
    assert "csrftoken" in response.cookies
    switched = other.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token.decode()})
    assert switched.status_code == 302


def test_query_string_and_language_are_part_of_the_key(client, story):
    assert client.get("/search/?q=tre").content != client.get("/search/?q=zzzz").content
    vietnamese = client.get("/articles/", HTTP_ACCEPT_LANGUAGE="vi").content
    assert client.get("/articles/", HTTP_ACCEPT_LANGUAGE="en").content != vietnamese


def cached_pages() -> int:
    client = cache._cache
    if hasattr(client, "get_client"):  # Redis, with REDIS_URL set
        return len(client.get_client().keys("*:archive:page:*"))
    return sum(":archive:page:" in key for key in client)


def test_an_editor_is_never_served_a_cached_page(editor_client, story):
    url = reverse("articles:article_detail", args=[story.slug])
    editor_client.get(url)
    assert editor_client.get(url).status_code == 200
    assert cached_pages() == 0
    Client().get(url)
    assert cached_pages() == 1


def test_an_admin_save_shows_on_the_next_request(client, editor, story, django_capture_on_commit_callbacks):
    url = reverse("articles:article_detail", args=[story.slug])
    assert "Ngoại giao cây tre" in client.get(url).text
    editor_client = Client()
    editor_client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[story.pk])
    with django_capture_on_commit_callbacks(execute=True):
        saved = editor_client.post(change, form_data(editor_client.get(change), title="Tiêu đề mới của biên tập"))
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.title == "Tiêu đề mới của biên tập", story.title
    assert "Tiêu đề mới của biên tập" in client.get(url).text


def test_a_load_that_changes_nothing_keeps_the_cache_and_one_that_does_drops_its_pages(
    client, tmp_path, story, django_capture_on_commit_callbacks
):
    """A file loaded on its own says what it changes: the lists' version moves, the
    generation (every page) stays."""
    url = reverse("articles:home")
    client.get(url)
    before = changes.versions(changes.LISTS)
    with django_capture_on_commit_callbacks(execute=True):
        assert load_paths([tmp_path]).created == []
    assert changes.versions(changes.LISTS) == before
    write_source(tmp_path, "moi.txt", ["Bài mới về ngoại giao đa phương.", "Đoạn hai."])
    with django_capture_on_commit_callbacks(execute=True):
        assert load_paths([tmp_path]).created
    generation, lists = changes.versions(changes.LISTS)
    assert generation == before[0] and lists != before[1]
    assert "Bài mới về ngoại giao" in client.get(url).text


def test_the_health_probe_and_posts_are_not_cached(client, story):
    client.get("/healthz")
    client.post("/search/?q=tre")
    assert cached_pages() == 0


def test_unknown_query_parameters_make_no_new_entry_and_leave_the_page_as_it_is(client, story):
    clean = client.get("/articles/")
    for n in range(30):
        junk = client.get(f"/articles/?junk{n}={n}&utm_source=x{n}")
        assert junk.status_code == 200
        assert f"junk{n}".encode() not in junk.content
    assert cached_pages() == 1
    assert client.get("/articles/?page=1").status_code == 200
    assert cached_pages() == 2  # a parameter the view reads is part of the key
    assert clean.content.count(b"<article") == client.get("/articles/?junk=1").content.count(b"<article")


def test_the_api_still_refuses_an_unknown_filter_with_the_cache_on(client, story):
    assert client.get("/api/quotes/?status=confirmed").status_code == 400
    assert client.get("/api/quotes/?status=confirmed").status_code == 400  # not served from the cache
    assert cached_pages() == 0
    assert client.get("/api/quotes/").status_code == 200
    assert cached_pages() == 1


def test_a_parameter_a_view_reads_still_makes_its_own_page(client, story):
    assert b"tre" in client.get("/search/?q=tre&junk=1").content
    assert client.get("/search/?q=tre").content != client.get("/search/?q=zzzz&junk=2").content


def test_every_public_view_says_which_parameters_it_reads():
    """A view left out of page_cache.PARAMETERS would never be cached; one listed with too few
    parameters would serve one page for different queries. The filters' names are read from
    the FilterSets themselves."""
    from django.urls import get_resolver

    names = {name for name in get_resolver().namespace_dict["articles"][1].reverse_dict if isinstance(name, str)}
    assert names == set(page_cache.PARAMETERS)
    assert {"q", "speaker", "directive", "published_after", "sort", "page"} <= page_cache.PARAMETERS["quote_list"]


def test_the_csv_and_the_sitemap_are_cached_until_the_archive_changes(client, story, django_assert_num_queries):
    for url in ("/statements.csv", "/sitemap.xml", "/sitemap-statements.xml"):
        response = client.get(url)
        first = b"".join(response.streaming_content) if response.streaming else response.content
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200 and again.content == first, url
    assert again["Content-Type"].startswith("application/xml")
    factories.quote(story, "Đoạn hai", factories.speaker("Trần Thị Hoa"))
    changes.bump()  # the factory's writes commit with the test's transaction, never here
    assert b"Tr\xe1\xba\xa7n Th\xe1\xbb\x8b Hoa" in b"".join(client.get("/statements.csv").streaming_content)


def test_the_page_cache_says_hit_or_miss_on_the_pages_it_may_keep_and_nothing_elsewhere(editor_client, story):
    client = Client()
    url = reverse("articles:article_detail", args=[story.slug])
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(url + "?junk=1")["X-Page-Cache"] == "hit"  # the same page: junk is dropped
    assert client.get("/no-such-page/").get("X-Page-Cache") is None
    assert client.get("/healthz").get("X-Page-Cache") is None
    assert client.post("/search/?q=tre").get("X-Page-Cache") is None
    assert client.get("/api/quotes/?status=confirmed").get("X-Page-Cache") is None
    assert editor_client.get(url).get("X-Page-Cache") is None
    assert editor_client.get(url).get("X-Page-Cache") is None


def test_a_page_from_the_cache_has_the_headers_and_cookies_of_the_page_made(story):
    """A hit is answered before sessions, locale and CSRF run: what they add must be there."""
    url = reverse("articles:article_detail", args=[story.slug])
    made = Client().get(url, HTTP_ACCEPT_LANGUAGE="en")
    kept = Client().get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert (made["X-Page-Cache"], kept["X-Page-Cache"]) == ("miss", "hit")
    different = {"x-page-cache", "date"}
    assert {k: v for k, v in kept.items() if k.lower() not in different} == {
        k: v for k, v in made.items() if k.lower() not in different
    }
    assert kept["Content-Language"] == "en" and "Accept-Language" in kept["Vary"]
    assert int(kept["Content-Length"]) == len(kept.content)
    assert set(kept.cookies) == set(made.cookies) == {"csrftoken"}
    # Its attributes but the expiry date, a second apart when the requests straddle one.
    assert {k: v for k, v in kept.cookies["csrftoken"].items() if v and k != "expires"} == {
        k: v for k, v in made.cookies["csrftoken"].items() if v and k != "expires"
    }
    assert kept.cookies["csrftoken"].value != made.cookies["csrftoken"].value


def test_a_reader_keeps_their_csrf_cookie_on_a_cached_page(client, story):
    url = reverse("articles:article_detail", args=[story.slug])
    client.get(url)
    cookie = client.cookies["csrftoken"].value
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit"
    token = again.content.split(b'name="csrfmiddlewaretoken" value="')[1].split(b'"')[0].decode()
    switched = client.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302 and client.cookies["csrftoken"].value == cookie
