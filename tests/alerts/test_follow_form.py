"""The follow form on the speaker, directive and search pages: the same for every reader, so
the pages stay cached for anonymous readers."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
TOKEN = re.compile(r'<form class="follow-form"[^>]*><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def caching(settings):
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def form_of(content: str) -> str:
    return content[content.index('<form class="follow-form"') :].split("</form>")[0]


def test_each_page_names_what_it_follows(client, world):
    pages = {
        world["cuong"].get_absolute_url(): f'name="speaker" value="{world["cuong"].slug}"',
        world["conclusion"].get_absolute_url(): f'name="directive" value="{world["conclusion"].slug}"',
        "/search/?q=kinh+t%E1%BA%BF": 'name="q" value="kinh tế"',
    }
    for url, hidden in pages.items():
        form = form_of(client.get(url).content.decode())
        assert 'method="post" action="/alerts/follow/"' in form and hidden in form
        assert '<label for="follow-email">' in form and 'type="email" id="follow-email"' in form


def test_search_without_a_word_offers_nothing_to_follow(client, world):
    assert 'class="follow-form"' not in client.get("/search/?q=%22%22").content.decode()


def test_a_cached_page_carries_the_form_with_each_readers_own_token(caching, world, django_assert_num_queries):
    url = world["cuong"].get_absolute_url()
    first = Client().get(url).content.decode()
    with django_assert_num_queries(0):
        second = Client().get(url).content.decode()
    (mine,), (theirs,) = TOKEN.findall(first), TOKEN.findall(second)
    assert mine != theirs
    assert CSRF.sub("", first) == CSRF.sub("", second), "nothing else differs between readers"
