"""Accessibility of what a much restated statement adds to the pages: the article's note
that only the strongest links are shown, and the statement's pages of links."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_a11y import serious
from tests.support import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_strongest_links_note_and_the_pages_of_links_have_no_serious_axe_violation(page):
    world = f.sample_archive()
    restatements = f.many_quotes(f.article("Nhiều bài nhắc lại", ["y" * 40]), 30, world["trung"])
    for i, q in enumerate(restatements):
        f.link(q, world["outer"], score=i / 100)
    axe = Axe()
    found = {}
    for url in [
        world["interview"].get_absolute_url(),
        world["outer"].get_absolute_url(),
        world["outer"].get_absolute_url() + "?page=2",
    ]:
        page.goto(url)
        assert page.locator(".hint, .pagination").count() >= 1, url
        violations = serious(axe.run(page))
        if violations:
            found[url] = violations
    assert found == {}
