"""The editors' own pages at desktop and phone widths, in Vietnamese: the review queue, a
link's evidence and a statement's readable history. Nothing spills sideways and no English
string of the catalog is left on them. With UPDATE_SCREENSHOTS=1 the pictures are written to
docs/screenshots/ for review; otherwise to a temporary directory."""

import os

import pytest

from articles.models import Quote, QuoteLink
from tests.browser.test_annotate import log_in
from tests.browser.test_reader_screenshots import DOCS
from tests.support import factories as f
from tests.support.users import make_user
from tests.support.words import catalog, english_left, plain

pytestmark = pytest.mark.django_db(transaction=True)

SAID = "Việt Nam kiên trì tự chủ chiến lược là nền tảng của chính sách đối ngoại trong mọi hoàn cảnh."
AGAIN = "Bộ trưởng nhắc lại rằng tự chủ chiến lược là nền tảng của chính sách đối ngoại, không thay đổi."


def editors_archive(editor) -> dict:
    """The sample archive, a suggested restatement between two articles, and a statement an
    editor corrected twice."""
    world = f.sample_archive()
    first = f.article("Hội nghị Ngoại giao lần thứ 32", [SAID], "2026-01-05", outlet="Báo Thế Giới và Việt Nam")
    second = f.article("Bộ trưởng trả lời phỏng vấn đầu năm", [AGAIN], "2026-02-05", outlet="Báo Quốc tế")
    said = f.quote(first, SAID, f.speaker("Phạm Thị Một"), status="confirmed")
    again = f.quote(second, AGAIN, world["trung"], status="suggested")
    link = f.link(again, said, status="suggested", score=0.62)
    quote = Quote.objects.get(pk=world["inner"].pk)
    quote._history_user = editor
    quote.note = "Lời Tổng Bí thư, được Thứ trưởng trích dẫn trong câu trả lời."
    quote.save()
    quote.status, quote.kind = "confirmed", "direct"
    quote.note = "Lời Tổng Bí thư, được Thứ trưởng trích dẫn lại trong câu trả lời thứ hai."
    quote.save()
    return {"link": link, "quote": quote}


@pytest.mark.parametrize("width", [1280, 390])
def test_review_evidence_and_history_pages_fit_the_screen_in_vietnamese(page, tmp_path, width):
    editor = make_user("bien-tap")
    world = editors_archive(editor)
    log_in(page, "bien-tap")
    target = DOCS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    english = [e for e, v in catalog().items() if e != v and len(e) >= 4]
    page.set_viewport_size({"width": width, "height": 900})
    assert QuoteLink.objects.filter(pk=world["link"].pk, status="suggested").exists()
    for name, url in [
        ("review-queue", "/admin/articles/quote/review/"),
        ("link-evidence", f"/admin/articles/quotelink/{world['link'].pk}/evidence/"),
        ("statement-history", f"/admin/articles/quote/{world['quote'].pk}/history/"),
    ]:
        page.goto(url)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px is {overflow}px too wide"
        assert english_left(plain(page.inner_text("body")), english) == [], name
        # The queue's speaker form waits, hidden, until "e" opens it on a statement.
        assert not page.locator("#pa-speaker-form").is_visible()
        # A version's changes get a readable line, not a column a few letters wide.
        changes = page.locator(".pa-changes")
        assert all(changes.nth(i).bounding_box()["width"] >= 250 for i in range(changes.count())), name
        page.screenshot(path=str(target / f"{name}-{width}.png"), full_page=True)
