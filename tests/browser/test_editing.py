"""Editors reviewing statements on their admin pages in Chromium: links, and two editors at once."""

import pytest

from articles.models import Quote, QuoteLink
from tests.browser.test_annotate import log_in, watch_csp
from tests.support import factories
from tests.support.users import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive():
    return factories.sample_archive()


def test_a_suggested_link_is_accepted_from_the_statement_page(page, archive):
    link = QuoteLink.objects.get(status="suggested")
    make_user("bien-tap")
    violations = watch_csp(page)
    log_in(page, "bien-tap")
    page.goto(f"/admin/articles/quote/{link.from_quote_id}/change/")
    row = page.locator("#links_out-group tr.has_original")
    assert row.count() == 1
    row.get_by_role("button", name="Chấp nhận").click()
    page.wait_for_selector(".messagelist .success")
    link.refresh_from_db()
    assert link.status == "confirmed"
    assert page.locator("#links_out-group button.pa-accept").count() == 0
    assert violations == []


def test_a_link_is_added_by_searching_for_the_other_statement(page, archive):
    make_user("bien-tap")
    log_in(page, "bien-tap")
    source = archive["conclusion_quote"]
    page.goto(f"/admin/articles/quote/{source.pk}/change/")
    page.click("#links_out-group .add-row a")
    page.click("#links_out-group tr.dynamic-links_out .select2-selection")
    page.locator(".select2-container--open .select2-search__field").fill("tu chu chien luoc la quan diem")
    page.click(".select2-results__option:has-text('Tự chủ chiến lược là quan điểm')")
    page.select_option("#links_out-group tr.dynamic-links_out select[name$='-kind']", "elaborates")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    link = QuoteLink.objects.get(from_quote=source)
    assert (link.to_quote, link.kind, link.status, link.origin) == (
        archive["trung_quote"],
        "elaborates",
        "confirmed",
        "editor",
    )


def test_of_two_editors_saving_one_statement_the_second_is_refused(new_page, archive):
    statement = archive["inner"]
    make_user("an")
    make_user("binh")
    first, second = new_page(), new_page()
    log_in(first, "an")
    log_in(second, "binh")
    url = f"/admin/articles/quote/{statement.pk}/change/"
    first.goto(url)
    second.goto(url)

    first.fill("#id_note", "An: trích dẫn Tổng Bí thư")
    first.click("input[name=_continue]")
    first.wait_for_selector(".messagelist .success")

    second.fill("#id_note", "Bình: cần kiểm tra")
    second.select_option("#id_status", "rejected")
    second.click("input[name=_continue]")
    error = second.locator(".errornote, .errorlist.nonfield")
    error.first.wait_for()
    text = second.inner_text("#content")
    assert "Chưa lưu" in text and "an đã lưu phiên bản 2" in text
    assert "An: trích dẫn Tổng Bí thư" in text  # the newer version is shown
    assert second.input_value("#id_note") == "Bình: cần kiểm tra"  # and the editor's own input kept

    stored = Quote.objects.get(pk=statement.pk)
    assert (stored.note, stored.status, stored.version) == ("An: trích dẫn Tổng Bí thư", "suggested", 2)


def test_history_shows_an_edit_and_reverts_it(page, archive):
    statement = archive["conclusion_quote"]
    make_user("bien-tap")
    violations = watch_csp(page)
    log_in(page, "bien-tap")
    page.goto(f"/admin/articles/quote/{statement.pk}/change/")
    page.fill("#id_note", "Ghi chú sẽ bị hoàn tác")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    page.click("a.historylink")
    table = page.locator("#change-history")
    assert "Ghi chú sẽ bị hoàn tác" in table.inner_text() and "bien-tap" in table.inner_text()
    table.locator("tbody tr").last.locator("a").first.click()  # the oldest record
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    statement.refresh_from_db()
    assert (statement.note, statement.version) == ("", 3)
    assert statement.history.count() == 3
    assert violations == []
