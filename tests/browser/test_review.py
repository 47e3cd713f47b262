"""The review queue in Chromium, from the keyboard alone: confirm, reject, undo, correct a
speaker; how long a decision takes; nothing serious for axe."""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models import Quote, QuoteLink
from tests.browser.test_a11y import serious
from tests.browser.test_annotate import log_in, watch_csp
from tests.support import factories as f
from tests.support.users import make_user

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = "/admin/articles/quote/review/?kind=suggested"


def suggestions(count: int) -> list[Quote]:
    speaker = f.speaker("Trần Văn Thử")
    paragraphs = [f"Ông Thử nói câu thứ {i} về hợp tác khu vực." for i in range(count)]
    article = f.article("Họp báo thử", paragraphs, "2026-03-02")
    return [f.quote(article, text, speaker, status="suggested") for text in paragraphs]


def open_queue(page):
    make_user("bien-tap")
    log_in(page, "bien-tap")
    page.goto(QUEUE)
    page.wait_for_selector(".pa-item.pa-current")


def decided(page, before: int) -> None:
    """Wait until one more item has left the queue."""
    page.wait_for_function("(n) => document.querySelectorAll('.pa-item:not([hidden])').length === n", arg=before - 1)


def test_confirm_reject_and_undo_from_the_keyboard(page):
    first, second, third = suggestions(3)
    violations = watch_csp(page)
    open_queue(page)
    page.keyboard.press("c")
    decided(page, 3)
    page.keyboard.press("r")
    decided(page, 2)
    assert Quote.objects.get(pk=first.pk).status == "confirmed"
    assert Quote.objects.get(pk=second.pk).status == "rejected"
    page.keyboard.press("u")
    page.wait_for_function("() => document.querySelectorAll('.pa-item:not([hidden])').length === 2")
    assert Quote.objects.get(pk=second.pk).status == "suggested"
    assert Quote.objects.get(pk=third.pk).status == "suggested"
    assert violations == []


def test_a_speaker_is_corrected_from_the_keyboard(page):
    quote, *_ = suggestions(2)
    right = f.speaker("Lê Thị Đúng")
    open_queue(page)
    page.keyboard.press("e")
    page.wait_for_selector("#pa-speaker-name:focus")
    page.keyboard.press("Control+a")
    page.keyboard.type(right.name)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(name) => document.querySelector('.pa-current .pa-speaker').textContent === name", arg=right.name
    )
    quote.refresh_from_db()
    assert quote.speaker == right and quote.status == "suggested"
    page.keyboard.press("c")
    decided(page, 2)
    quote.refresh_from_db()
    assert quote.status == "confirmed" and quote.speaker == right


def test_seconds_per_decision_for_fifty_suggestions(page, capsys):
    quotes = suggestions(50)
    open_queue(page)
    started = time.perf_counter()
    for remaining in range(50, 0, -1):
        page.keyboard.press("c")
        decided(page, remaining)
    elapsed = time.perf_counter() - started
    assert Quote.objects.filter(pk__in=[q.pk for q in quotes], status="confirmed").count() == 50
    with capsys.disabled():
        print(f"\nreview queue: 50 decisions by keyboard in {elapsed:.2f} s, {elapsed / 50:.3f} s per decision")


def test_no_serious_axe_violation_on_the_review_queue(page):
    suggestions(3)
    f.sample_archive()
    open_queue(page)
    page.goto("/admin/articles/quote/review/")
    assert serious(Axe().run(page)) == []
    page.goto("/admin/")
    assert serious(Axe().run(page)) == []


def test_a_link_is_accepted_from_its_evidence_with_one_key(page):
    f.sample_archive()
    link = QuoteLink.objects.get(status="suggested")
    violations = watch_csp(page)
    make_user("bien-tap")
    log_in(page, "bien-tap")
    page.goto(f"/admin/articles/quotelink/{link.pk}/evidence/")
    assert page.locator(".pa-full mark").count() >= 1
    page.keyboard.press("a")
    page.wait_for_url("**/review/?kind=link")
    link.refresh_from_db()
    assert link.status == "confirmed"
    assert serious(Axe().run(page)) == []
    assert violations == []
