"""Accessibility in headless Chromium: axe-core finds nothing serious or critical on the
reading pages; the page language, the skip link and the focus ring are there."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "home": lambda w: "/",
    "article list": lambda w: "/articles/",
    "article": lambda w: w["interview"].get_absolute_url(),
    "speaker": lambda w: w["cuong"].get_absolute_url(),
    "directive": lambda w: w["congress"].get_absolute_url(),
    "search": lambda w: "/search/?q=tu+chu+chien+luoc",
    "statement list": lambda w: "/statements/",
    "statement": lambda w: w["inner"].get_absolute_url(),
    "directive list": lambda w: "/directives/",
    "speaker list": lambda w: "/speakers/",
}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_or_critical_axe_violation(page, axe, width):
    world = f.sample_archive()
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for name, url in PAGES.items():
        page.goto(url(world))
        assert page.locator("html").get_attribute("lang") == "vi"
        violations = serious(axe.run(page))
        if violations:
            found[name] = violations
    assert found == {}


def test_the_skip_link_is_first_and_appears_on_focus(page):
    f.sample_archive()
    page.goto("/")
    skip = page.locator(".skip-link")
    assert skip.bounding_box()["y"] < 0
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    expect(page).to_have_url(page.url.split("#")[0] + "#main")


def test_keyboard_focus_is_visible(page):
    f.sample_archive()
    page.goto("/articles/")
    for _ in range(3):
        page.keyboard.press("Tab")
    outline = page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)];
    }""")
    assert outline[0] == "A" and outline[1] == "solid" and outline[2] >= 2
