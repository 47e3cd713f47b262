"""The browser harness itself: Chromium renders a page of the archive under its CSP."""

import pytest

from articles.ingest.loading import load_paths

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_renders_in_chromium_without_csp_violations(page, seed_dir):
    load_paths([seed_dir])
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("#latest-heading + ul a").count() == 2
    assert violations == []
