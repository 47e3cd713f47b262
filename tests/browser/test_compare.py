"""Comparing two speakers in headless Chromium, from a speaker's page."""

import pytest
from playwright.sync_api import expect

from tests.support import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_compares_a_speaker_with_another_by_typing_a_name(page):
    world = f.sample_archive()
    page.goto(world["cuong"].get_absolute_url())
    page.get_by_role("link", name="So sánh với người phát biểu khác").click()
    page.get_by_label("Người phát biểu thứ hai").fill("le hoai trung")
    page.get_by_role("button", name="So sánh").click()
    expect(page.get_by_role("heading", level=2, name="Nguyễn Mạnh Cường và Lê Hoài Trung")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name=world["congress"].name)).to_be_visible()
