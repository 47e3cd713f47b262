"""Search in headless Chromium: a reader types a name with its marks, without them, and a
document number, and reads the best match first and only what matched highlighted."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive():
    lam = f.speaker("Tô Lâm")
    resolution = f.directive("Nghị quyết số 59-NQ/TW về hội nhập quốc tế", code="59-NQ/TW")
    a = f.article(
        "Bảo vệ Tổ quốc và hội nhập",
        ["Bộ trưởng Tô Lâm nói về Nghị quyết 59.", "Bảo vệ Tổ quốc là việc phải làm."],
    )
    f.quote(a, "Bộ trưởng Tô Lâm nói về Nghị quyết 59.", lam, [resolution])
    f.quote(a, "Bảo vệ Tổ quốc là việc phải làm.")
    return {"lam": lam, "resolution": resolution}


def search(page, text):
    """Typed in the header's box, as a reader on any page would."""
    page.goto("/")
    box = page.locator("#site-search-q")
    box.fill(text)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")


def test_a_name_typed_with_marks_is_the_best_match_and_only_it_is_highlighted(page, archive):
    search(page, "Tô Lâm")
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0].startswith("Kết quả phù hợp nhất")
    expect(page.locator(".best-match a", has_text="Tô Lâm")).to_be_visible()
    marked = page.locator(".search-results mark").all_inner_texts()
    assert marked and set(marked) == {"Tô Lâm"}


def test_a_name_typed_without_marks_still_finds_it(page, archive):
    search(page, "to lam")
    expect(page.locator(".best-match a", has_text="Tô Lâm")).to_be_visible()


def test_a_document_number_written_another_way_finds_the_document(page, archive):
    search(page, "NQ 59")
    expect(page.locator(".best-match a", has_text="59-NQ/TW")).to_be_visible()
    page.locator(".best-match a", has_text="59-NQ/TW").click()
    expect(page).to_have_url(archive["resolution"].get_absolute_url())


def test_the_search_page_has_no_serious_axe_violation(page, archive):
    search(page, "Tô Lâm")
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
