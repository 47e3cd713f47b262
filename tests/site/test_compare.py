"""Comparing two speakers: their statements side by side on the directives both cite."""

import pytest

from tests.support import factories as f

pytestmark = pytest.mark.django_db


def page(client, **query):
    response = client.get("/speakers/compare/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_directives_both_cite_with_each_ones_statements(client, world):
    html = page(client, a=world["cuong"].slug, b=world["trung"].slug)
    shared = html[html.index('id="compare-heading"') :]
    congress, autonomy = (f'id="directive-{world[n].pk}"' for n in ("congress", "autonomy"))
    # Congress: Cường once, Trung twice; autonomy once each; the conclusion only Cường cites.
    assert shared.index(congress) < shared.index(autonomy)
    assert f'id="directive-{world["conclusion"].pk}"' not in shared
    row = shared[shared.index(congress) : shared.index(autonomy)]
    mine, theirs = row.split(world["trung"].get_absolute_url(), 1)
    assert world["outer"].get_absolute_url() in mine
    assert world["trung_quote"].get_absolute_url() in theirs and world["elsewhere"].get_absolute_url() in theirs


def test_speakers_are_named_as_typed_without_accents(client, world):
    html = page(client, a="nguyen manh cuong", b="Lê Hoài Trung")
    assert 'id="compare-heading"' in html and world["autonomy"].name in html


def test_no_directive_in_common_is_said(client, world):
    other = f.speaker("Người khác")
    html = page(client, a=world["cuong"].slug, b=other.slug)
    assert "Không có văn bản nào cả hai cùng dẫn." in html


def test_an_unknown_name_is_reported_and_nothing_is_compared(client, world):
    html = page(client, a=world["cuong"].slug, b="ai-do-khong-co")
    assert 'role="alert"' in html and 'id="compare-heading"' not in html


def test_rejected_statements_are_not_compared(client, world):
    rejected = f.quote(
        world["speech"], "quan điểm chỉ đạo chung", world["trung"], [world["conclusion"]], status="rejected"
    )
    html = page(client, a=world["cuong"].slug, b=world["trung"].slug)
    assert f'id="directive-{world["conclusion"].pk}"' not in html
    assert rejected.get_absolute_url() not in html


def test_a_speaker_page_offers_to_compare_them(client, world):
    speaker_page = client.get(world["cuong"].get_absolute_url()).content.decode()
    assert f"/speakers/compare/?a={world['cuong'].slug}" in speaker_page
    html = page(client, a=world["cuong"].slug)
    assert 'role="alert"' not in html and f'value="{world["cuong"].slug}"' in html
