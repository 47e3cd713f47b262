"""The API's documentation page in headless Chromium: Swagger UI from this site's own
static files, under the site's strict CSP, lists the endpoints."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_documentation_page_lists_the_endpoints_with_nothing_from_other_sites(page, live_server):
    requested, refused = [], []
    page.on("request", lambda r: requested.append(r.url))
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/api/docs/")
    expect(page.get_by_text("/api/quotes/{id}/").first).to_be_visible()
    expect(page.get_by_text("/api/articles/{slug}/annotations/").first).to_be_visible()
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requested), requested
    assert refused == []
