"""Alerts in headless Chromium: a reader follows a speaker from its page, the confirmation mail
arrives at a real SMTP server, the reader opens its link and confirms; axe finds nothing
serious or critical on the pages alerts add."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.alerts import links
from articles.alerts.models import Subscription
from tests.browser.test_a11y import serious
from tests.support import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inbox(smtp, settings, live_server):
    """Mail links point at the live server, as ARCHIVE_SITE_URL points at the site."""
    settings.ARCHIVE_SITE_URL = live_server.url
    return smtp


def mailed_link(inbox, kind: str) -> str:
    text = inbox.text(inbox.messages[-1])
    return re.search(rf"http://\S+/alerts/{kind}/\S+/", text).group()


def test_a_reader_follows_a_speaker_and_confirms_from_the_mail(page, inbox):
    world = f.sample_archive()
    page.goto(world["cuong"].get_absolute_url())
    page.get_by_label("Địa chỉ email").fill("ban.doc@example.test")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Hãy kiểm tra hộp thư")).to_be_visible()

    (mail,) = inbox.to("ban.doc@example.test")
    assert world["cuong"].name in mail["Subject"]
    page.goto(mailed_link(inbox, "confirm"))
    expect(page.get_by_text("ban.doc@example.test")).to_be_visible()
    assert Subscription.objects.get().confirmed_at is None
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", level=1, name="Đã xác nhận đăng ký")).to_be_visible()
    assert Subscription.objects.get().confirmed_at is not None


def test_a_mistyped_address_is_named_and_kept_for_correcting(page, inbox):
    world = f.sample_archive()
    page.goto(world["cuong"].get_absolute_url())
    # The browser's own check would stop a typo first; a reader without it meets ours.
    page.locator("#follow-email").evaluate("e => { e.type = 'text'; e.value = 'ban.doc@'; }")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    field = page.get_by_label("Địa chỉ email")
    expect(field).to_have_value("ban.doc@")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert inbox.messages == []


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_or_critical_axe_violation_on_the_alert_pages(page, inbox, width):
    world = f.sample_archive()
    axe = Axe()
    page.set_viewport_size({"width": width, "height": 900})
    found = {}

    def check(name):
        violations = serious(axe.run(page))
        if violations:
            found[name] = violations

    page.goto(world["congress"].get_absolute_url())
    check("directive with the form")
    page.get_by_label("Địa chỉ email").fill("ban.doc@example.test")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    check("sent")
    page.goto(mailed_link(inbox, "confirm"))
    check("confirm")
    page.get_by_role("button", name="Xác nhận").click()
    check("confirmed")
    page.goto(links.unsubscribe_url(Subscription.objects.get()))
    check("unsubscribe")
    page.get_by_role("button", name="Ngừng các đăng ký này").click()
    expect(page.get_by_role("heading", level=1, name="Đã ngừng nhận tin")).to_be_visible()
    check("unsubscribed")
    page.goto(world["cuong"].get_absolute_url())
    page.locator("#follow-email").evaluate("e => { e.type = 'text'; e.value = 'sai'; }")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    check("address to correct")
    assert found == {}
