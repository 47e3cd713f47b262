"""Every public page's query count, pinned, and the same with one row or hundreds.

Each page is measured twice: over the sample archive, and after adding many statements,
speakers and directives. A page whose count grows with the rows has an N+1 somewhere.
"""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Quote
from tests.support import factories as f

pytestmark = pytest.mark.django_db


# page -> queries; the comments say what they are, so a change here is a decision.
PINNED = {
    "home": 3,  # latest articles, top directives, top speakers (by their kept counts)
    "article_list": 4,  # speaker suggestions, directive suggestions (cached when on), count, page
    "article_detail": 10,  # article, statements, their directives, people, directives, titles,
    # links from them, links to them, the linked statements, paragraphs
    "speaker_list": 2,  # count (capped), page with the kept counts
    "speaker_detail": 10,  # speaker and their count, titles, months, directives cited most, first and
    # latest statement, people quoted beside them, directive choices, page, their directives
    "directive_list": 2,  # count (capped), page with the kept counts
    "directive_detail": 8,  # directive+parent, months (and so the count), aliases, children, related, page,
    # its first statement, the restatement groups citing it (and, when there are, their first statements)
    "speaker_compare": 8,  # the two names (each validated, then fetched), directives both cite,
    # their statements, those statements' directives, the names the boxes suggest
    "quote_list": 5,  # speaker, directive suggestions (cached when on), count, page, their directives
    "quote_detail": 7,  # statement+speaker+article, paragraphs, titles, directives,
    # links from it, links to it, the linked statements
    "search": 7,  # count (capped) of each of the four kinds, first rows of the three
    # with matches (no speaker's name has these words)
    "search_one_kind": 2,  # count (capped), page
    "api_articles": 2,
    "api_quotes": 3,
    "api_speakers": 2,
    "api_directives": 2,
    "api_quote": 2,  # statement+speaker+article, its directives
    "api_article": 3,  # article with its statement count, people, directives
    "api_speaker": 3,  # speaker with their kept count, aliases, titles over time
    "api_directive": 4,  # directive+parent with its kept count, aliases, children, related
    "api_annotations": 3,  # article, statements+speakers, their directives
}


def grow(world, n: int):
    """n more statements, by many speakers, citing many directives, in many articles, linked."""
    speakers = [f.speaker(f"Người phát biểu số {i}") for i in range(n // 10)]
    directives = [f.directive(f"Nghị quyết số {i}-NQ/TW") for i in range(n // 10)]
    for i in range(n // 10):
        a = f.article(
            f"Bài viết thêm {i}",
            [f"Tự chủ chiến lược, đoạn {i}: " + "x" * 20],
            published_on=f"2025-{i % 12 + 1:02d}-01",
        )
        quotes = f.many_quotes(a, 10, speakers[i], [directives[i], world["congress"], world["autonomy"]])
        f.link(quotes[0], world["outer"])
        f.link(world["trung_quote"], quotes[1], "cites")
    f.many_quotes(world["interview"], n // 2, world["cuong"], [world["autonomy"], world["congress"]])


def urls(world) -> dict[str, str]:
    return {
        "home": "/",
        "article_list": "/articles/",
        "article_detail": world["interview"].get_absolute_url(),
        "speaker_list": "/speakers/",
        "speaker_detail": world["cuong"].get_absolute_url(),
        "directive_list": "/directives/",
        "directive_detail": world["autonomy"].get_absolute_url(),
        "speaker_compare": f"/speakers/compare/?a={world['cuong'].slug}&b={world['trung'].slug}",
        "quote_list": "/statements/",
        "quote_detail": world["outer"].get_absolute_url(),
        "search": "/search/?q=tu+chu+chien+luoc",
        "search_one_kind": "/search/?q=tu+chu&type=statements",
        "api_articles": "/api/articles/",
        "api_quotes": "/api/quotes/",
        "api_speakers": "/api/speakers/",
        "api_directives": "/api/directives/",
        "api_quote": f"/api/quotes/{world['trung_quote'].pk}/",
        "api_article": f"/api/articles/{world['interview'].slug}/",
        "api_speaker": f"/api/speakers/{world['cuong'].slug}/",
        "api_directive": f"/api/directives/{world['autonomy'].slug}/",
        "api_annotations": f"/api/articles/{world['interview'].slug}/annotations/",
    }


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name", PINNED)
def test_query_count_is_pinned_and_does_not_grow_with_rows(client, name):
    world = f.sample_archive()
    url = urls(world)[name]
    small = count_queries(client, url)
    grow(world, 300)
    large = count_queries(client, url)
    assert (small, large) == (PINNED[name], PINNED[name])


def test_an_article_page_from_its_cached_body_does_not_read_the_paragraphs(client):
    world = f.sample_archive()
    url = urls(world)["article_detail"]
    assert count_queries(client, url) == PINNED["article_detail"]
    # The same page again: the body is a cached fragment, and the paragraphs it was made of
    # are not read; every other query is the same, with one row or hundreds.
    assert count_queries(client, url) == PINNED["article_detail"] - 1
    grow(world, 300)
    count_queries(client, url)
    assert count_queries(client, url) == PINNED["article_detail"] - 1


def test_filtering_adds_a_fixed_number_of_queries(client):
    world = f.sample_archive()
    url = (
        f"/statements/?q=tu+chu&speaker={world['cuong'].slug}&directive={world['autonomy'].slug}"
        "&kind=reported&published_after=2026-01-01&published_before=2026-12-31&sort=-date"
    )
    small = count_queries(client, url)
    grow(world, 200)
    # The speaker and the directive named are looked up once each to validate them.
    assert count_queries(client, url) == small == PINNED["quote_list"] + 2


def test_the_csv_download_reads_in_a_fixed_number_of_queries(client):
    world = f.sample_archive()
    grow(world, 200)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/statements.csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1 + 5 + 200 + 200 // 2
    assert len(queries) == 2  # the statements and their directives, in chunks of 500


def test_a_withdrawn_statements_page_reads_in_two_queries(client):
    """The public statement is looked for first; a gone one is then read with its article."""
    world = f.sample_archive()
    Quote.objects.filter(pk=world["outer"].pk).update(anchored=False)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(world["outer"].get_absolute_url())
    assert (response.status_code, len(queries)) == (410, 2)
