"""The filter forms' name suggestions are computed once per archive generation, not per page."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.counts import tallies
from articles.models import Speaker
from articles.site.filters import NamedFilter, quoted_lately
from tests.site.test_query_counts import PINNED
from tests.support import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caching(db, settings):
    # A speaker's page lists as many statements as their kept count, folded at commit on
    # PostgreSQL: a test never commits, so it folds them at once.
    tallies.settle()
    settings.ARCHIVE_SUGGESTIONS_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def suggested(html: str, field: str) -> list[str]:
    start = html.index(f'id="id_{field}-suggestions"')
    return re.findall(r'<option value="([^"]+)"></option>', html[start : html.index("</datalist>", start)])


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    return len(captured), html


def test_the_lists_share_one_computation_of_the_suggestions(client):
    world = f.sample_archive()
    # The pinned counts (tests/site/test_query_counts.py) include the speaker and directive suggestions.
    first, html = queries(client, "/statements/")
    assert first == PINNED["quote_list"] and world["cuong"].name in suggested(html, "speaker")
    # The article list offers the same names, read from the cache; so does the statement list again.
    again, html_again = queries(client, "/articles/")
    assert again == PINNED["article_list"] - 2 and suggested(html_again, "speaker") == suggested(html, "speaker")
    assert queries(client, "/statements/")[0] == PINNED["quote_list"] - 2


def test_a_change_to_the_archive_brings_fresh_suggestions(client, django_capture_on_commit_callbacks):
    world = f.sample_archive()
    _, html = queries(client, "/statements/")
    assert "Phạm Thu Hằng" not in suggested(html, "speaker")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        newest = f.article(
            "Họp báo mới nhất", ["Người phát ngôn nói: “Việt Nam hoan nghênh”."], published_on="2027-01-01"
        )
        f.quote(newest, "“Việt Nam hoan nghênh”", f.speaker("Phạm Thu Hằng"), [world["autonomy"]])
    count, html = queries(client, "/statements/")
    assert count == PINNED["quote_list"] and "Phạm Thu Hằng" in suggested(html, "speaker")


def test_each_speakers_page_keeps_its_own_directive_suggestions(client):
    world = f.sample_archive()
    queries(client, "/statements/")
    pages = {}
    for who in ("cuong", "trung"):
        speaker = world[who]
        count, html = queries(client, speaker.get_absolute_url())
        cited = {d.name for q in speaker.quotes.exclude(status="rejected") for d in q.directives.all()}
        pages[who] = suggested(html, "directive")
        assert count == PINNED["speaker_detail"] and set(pages[who]) == cited
    assert pages["cuong"] != pages["trung"]
    # Read again, each from its own key.
    assert queries(client, world["cuong"].get_absolute_url())[0] == PINNED["speaker_detail"] - 1
    assert suggested(client.get(world["trung"].get_absolute_url()).content.decode(), "directive") == pages["trung"]


def test_only_a_named_list_is_shared_through_the_cache(django_assert_num_queries):
    f.sample_archive()
    by_name = Speaker.objects.order_by("name")
    unnamed = [NamedFilter("speakers", by_name), NamedFilter("speakers", lambda request: by_name.reverse())]
    named = NamedFilter("speakers", quoted_lately)
    for each in (*unnamed, named):
        each.parent = None
    everyone = list(by_name.values_list("name", flat=True))
    # Two lists with no name of their own never answer for each other: both are read each time.
    for each, names in zip(unnamed, (everyone, everyone[::-1])):
        assert each.suggestions() == names
        with django_assert_num_queries(1):
            assert each.suggestions() == names
    first = named.suggestions()
    with django_assert_num_queries(0):
        assert named.suggestions() == first and first
