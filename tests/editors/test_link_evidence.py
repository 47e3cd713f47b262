"""A statement link's evidence: both statements whole, the shared phrases marked, the score in words."""

import re

import pytest
from django.urls import reverse

from articles.extraction.fingerprints import evidence
from articles.models import QuoteLink
from tests.support import factories as f

pytestmark = pytest.mark.django_db

SAID = "Việt Nam kiên trì tự chủ chiến lược là nền tảng của chính sách đối ngoại trong mọi hoàn cảnh."
AGAIN = "Bộ trưởng nhắc lại rằng tự chủ chiến lược là nền tảng của chính sách đối ngoại, không thay đổi."


@pytest.fixture
def pair():
    first = f.article("Bài thứ nhất", [SAID], "2026-01-05")
    second = f.article("Bài thứ hai", [AGAIN], "2026-02-05")
    a = f.quote(first, SAID, f.speaker("Phạm Thị Một"), status="confirmed")
    b = f.quote(second, AGAIN, f.speaker("Đỗ Văn Hai"), status="suggested")
    return f.link(b, a, status="suggested", score=0.5)


def test_the_evidence_shows_both_statements_whole_with_the_shared_phrases_marked(editor_client, pair):
    html = editor_client.get(reverse("admin:articles_quotelink_evidence", args=[pair.pk])).content.decode()
    assert "<mark>tự chủ chiến lược là nền tảng của chính sách đối ngoại</mark>" in html
    assert html.count("<mark>") == 2
    assert "Phạm Thị Một" in html and "Đỗ Văn Hai" in html
    assert "Bài thứ nhất" in html and "Bài thứ hai" in html
    assert "không thay đổi" in html and "trong mọi hoàn cảnh" in html  # whole, not cut


def test_the_score_is_explained_in_words(editor_client, pair):
    response = editor_client.get(reverse("admin:articles_quotelink_evidence", args=[pair.pk]))
    found = evidence(pair.from_quote.text, pair.to_quote.text)
    assert found.shared >= 5
    numbers = [int(n) for n in re.findall(r"\d+(?:\.\d+)?", response.context["explanation"]) if "." not in n]
    assert numbers[:2] == [found.shared, found.shared] and set(found.phrases) <= set(numbers)


def test_accepting_from_the_evidence_moves_on_to_the_next_suggested_link(editor_client, pair):
    other = f.link(pair.to_quote, f.quote(pair.from_quote.article, "không thay đổi"), status="suggested")
    response = editor_client.post(
        reverse("admin:articles_quotelink_decide", args=[pair.pk]), {"link_decision": "confirmed", "then": "next"}
    )
    assert QuoteLink.objects.get(pk=pair.pk).status == "confirmed"
    assert response.url == reverse("admin:articles_quotelink_evidence", args=[other.pk])


def test_after_the_last_link_the_queue_of_links_opens(editor_client, pair):
    response = editor_client.post(
        reverse("admin:articles_quotelink_decide", args=[pair.pk]), {"link_decision": "rejected", "then": "next"}
    )
    assert QuoteLink.objects.get(pk=pair.pk).status == "rejected"
    assert response.url == reverse("admin:articles_quote_review") + "?kind=link"


def test_a_link_reads_as_its_two_statements(pair):
    assert SAID[:40] in str(pair) and AGAIN[:40] in str(pair)
