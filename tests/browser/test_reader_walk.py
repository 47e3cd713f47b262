"""A reader's walk in headless Chromium: home, search without accents, article, statement,
its speaker, a directive. The data is made here, so the walk does not depend on extraction."""

import re

import pytest
from playwright.sync_api import expect

from tests.support import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def watch_for_errors(page) -> list[str]:
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return problems


def test_home_search_article_statement_speaker_directive(page):
    world = f.sample_archive()
    problems = watch_for_errors(page)

    page.goto("/")
    box = page.get_by_role("searchbox", name="Tìm phát biểu, bài viết, người phát biểu và văn bản chỉ đạo")
    box.fill("tu chu chien luoc")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=tu\+chu\+chien\+luoc"))
    articles = page.locator("#results-articles").locator("xpath=..")
    expect(articles.locator("mark").first).to_have_text("Tự chủ chiến lược")

    articles.get_by_role("link", name=world["speech"].title).click()
    expect(page.locator("h1")).to_have_text(world["speech"].title)
    statement = page.locator(f"#s{world['trung_quote'].pk}")
    expect(statement).to_have_text(world["trung_quote"].text)

    page.locator(f"#n{world['trung_quote'].pk}").get_by_role("link", name="Liên kết cố định").click()
    expect(page).to_have_url(re.compile(rf"/statements/{world['trung_quote'].pk}/$"))
    expect(page.locator(".statement-text")).to_have_text(world["trung_quote"].text)

    page.locator(".attribution").get_by_role("link", name="Lê Hoài Trung").click()
    expect(page.locator("h1")).to_have_text("Lê Hoài Trung")
    expect(page.locator(".timeline")).to_contain_text("Bộ trưởng Bộ Ngoại giao")

    page.locator(".statement-card .tags").first.get_by_role("link", name="Tự chủ chiến lược").click()
    expect(page.locator("h1")).to_have_text("Tự chủ chiến lược")
    expect(page.locator(".month-chart svg")).to_be_visible()
    expect(page.locator(".kicker")).to_contain_text("Quan điểm, nguyên tắc")
    assert problems == []


def test_the_language_switcher_works_without_javascript(chromium, live_server):
    f.sample_archive()
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/articles/")
        page.select_option("#language-select", "en")
        page.get_by_role("button", name="Đổi ngôn ngữ").click()
        expect(page).to_have_url(re.compile(r"/articles/$"))
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("h1")).to_have_text("Articles")
    finally:
        context.close()
