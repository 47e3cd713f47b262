"""Editors annotate an article in Chromium: select, save, review; under the strict CSP."""

import pytest

from articles.models import Quote
from tests.support import factories
from tests.support.users import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SENTENCES = [
    "Bộ trưởng Lê Hoài Trung trình bày chuyên đề về đối ngoại.",
    "Bộ trưởng khẳng định tự chủ chiến lược là quan điểm chỉ đạo chung. Đây là câu thứ hai của đoạn.",
    "Theo Bộ trưởng, đối ngoại phải đi trước mở đường.",
]
WANTED = "Bộ trưởng khẳng định tự chủ chiến lược là quan điểm chỉ đạo chung."


def log_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def watch_csp(page):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return violations


def drag_select(page, text):
    """Select ``text`` in the body with the mouse, as an editor would: press, drag, release."""
    box = page.evaluate(
        """(text) => {
        const body = document.getElementById('pa-body');
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        const at = body.textContent.indexOf(text);
        const place = (offset) => { let seen = 0, node;
            while ((node = walker.nextNode())) { if (seen + node.length >= offset) return [node, offset - seen];
                                                 seen += node.length; } };
        const range = document.createRange();
        range.setStart(...place(at));
        walker.currentNode = body;
        range.setEnd(...place(at + text.length));
        const rects = range.getClientRects();
        const first = rects[0], last = rects[rects.length - 1];
        return {x1: first.left + 1, y1: first.top + first.height / 2,
                x2: last.right - 1, y2: last.top + last.height / 2};
    }""",
        text,
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()


def choose(page, select_id, typed, option):
    """Pick from an admin autocomplete (select2) by typing, as a person does."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.locator(".select2-container--open .select2-search__field").last.fill(typed)
    page.click(f".select2-results__option:has-text('{option}')")


@pytest.fixture
def article():
    return factories.article("Chuyên đề đối ngoại", SENTENCES)


def test_a_selected_sentence_becomes_a_statement_on_the_public_page(page, article):
    trung = factories.speaker("Lê Hoài Trung")
    factories.directive("Nghị quyết Đại hội XIV", kind="congress")
    make_user("bien-tap")
    violations = watch_csp(page)
    log_in(page, "bien-tap")
    page.goto(f"/admin/articles/article/{article.pk}/annotate/")

    drag_select(page, WANTED)
    assert page.locator("#pa-selected").inner_text() == WANTED
    choose(page, "id_speaker", "hoai trung", "Lê Hoài Trung")
    choose(page, "id_directives", "dai hoi xiv", "Nghị quyết Đại hội XIV")
    page.select_option("#id_kind", "reported")
    page.click("#pa-save")
    page.wait_for_selector("#pa-statement:not([hidden])")
    assert "Lê Hoài Trung" in page.inner_text("#pa-f-speaker")

    quote = Quote.objects.get(text=WANTED)
    assert article.body[quote.start : quote.end] == WANTED
    assert (quote.speaker, [d.name for d in quote.directives.all()]) == (trung, ["Nghị quyết Đại hội XIV"])
    assert page.locator(f"mark[data-id='{quote.pk}']").count() >= 1

    page.goto(f"/articles/{article.slug}/")
    permalink = page.locator(f"#q{quote.pk}, a[href$='/statements/{quote.pk}/']")
    assert permalink.count() >= 1
    assert WANTED in page.content()
    assert violations == []


def test_a_suggested_statement_is_confirmed_by_clicking_its_highlight(page, article):
    suggestion = factories.quote(article, "Theo Bộ trưởng, đối ngoại phải đi trước mở đường.", status="suggested")
    make_user("bien-tap")
    log_in(page, "bien-tap")
    page.goto(f"/admin/articles/article/{article.pk}/annotate/")
    mark = page.locator(f"mark[data-id='{suggestion.pk}']")
    assert "pa-q--suggested" in mark.get_attribute("class")
    mark.click()
    page.click("#pa-confirm")
    page.wait_for_selector(f"mark.pa-q--confirmed[data-id='{suggestion.pk}']")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.version) == ("confirmed", 2)


def test_the_keyboard_alone_selects_a_sentence_and_saves_it(page, article):
    make_user("bien-tap")
    log_in(page, "bien-tap")
    page.goto(f"/admin/articles/article/{article.pk}/annotate/")
    page.focus("#pa-body")
    page.keyboard.press("n")
    page.keyboard.press("n")
    page.keyboard.press("Enter")
    assert page.locator("#pa-selected").inner_text() == WANTED
    assert page.evaluate("document.activeElement.id") == "pa-new-title"
    page.focus("#id_kind")
    page.keyboard.press("ArrowDown")  # "direct" -> "reported" or back; the choice is read below
    kind = page.eval_on_selector("#id_kind", "el => el.value")
    page.focus("#pa-save")
    page.keyboard.press("Enter")
    page.wait_for_selector("#pa-statement:not([hidden])")
    quote = Quote.objects.get(text=WANTED)
    assert quote.kind == kind and quote.origin == "editor"
    # A highlight is reached with Tab and opened with Enter.
    page.focus(f"mark[data-id='{quote.pk}'][tabindex='0']")
    page.keyboard.press("Enter")
    assert page.inner_text("#pa-statement-text") == WANTED
    page.keyboard.press("Escape")
    assert page.locator("#pa-statement").is_hidden()


def test_the_keyboard_alone_attaches_a_withdrawn_statement_to_the_selected_sentence(page, article):
    withdrawn = Quote.objects.create(
        article=article,
        text="Bộ trưởng nói một câu mà nguồn đã bỏ.",
        start=0,
        end=10,
        anchored=False,
        status="confirmed",
    )
    make_user("bien-tap")
    violations = watch_csp(page)
    log_in(page, "bien-tap")
    page.goto(f"/admin/articles/article/{article.pk}/annotate/")
    assert "nguồn đã bỏ" in page.inner_text("#pa-withdrawn-list")
    page.focus("#pa-body")
    page.keyboard.press("n")
    page.keyboard.press("n")
    page.keyboard.press("Enter")
    assert page.locator("#pa-attach").is_visible()
    page.focus("#pa-attach-choice")
    assert page.eval_on_selector("#pa-attach-choice", "el => el.value") == str(withdrawn.pk)
    page.focus("#pa-attach-save")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"mark[data-id='{withdrawn.pk}']")
    withdrawn.refresh_from_db()
    assert (withdrawn.text, withdrawn.anchored, withdrawn.status) == (WANTED, True, "confirmed")
    assert (withdrawn.source_changed, withdrawn.previous_text) == (True, "Bộ trưởng nói một câu mà nguồn đã bỏ.")
    assert page.locator("#pa-withdrawn").is_hidden()
    assert violations == []


def test_the_statements_are_listed_beside_the_text_in_step_with_the_highlights(page, article):
    suggestion = factories.quote(article, "Theo Bộ trưởng, đối ngoại phải đi trước mở đường.", status="suggested")
    make_user("bien-tap")
    log_in(page, "bien-tap")
    page.goto(f"/admin/articles/article/{article.pk}/annotate/")
    item = page.locator(f"#pa-list-items button[data-id='{suggestion.pk}']")
    assert page.locator("#pa-list-items li").count() == article.quotes.filter(anchored=True).count()
    assert "pa-q--suggested" in item.get_attribute("class")
    item.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#pa-statement:not([hidden])")
    page.click("#pa-confirm")
    page.wait_for_selector(f"#pa-list-items button.pa-q--confirmed[data-id='{suggestion.pk}']")
    assert page.locator(f"mark.pa-q--confirmed[data-id='{suggestion.pk}']").count() >= 1
