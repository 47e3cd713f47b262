"""The interface's words: sort labels that say what they do, in both languages, and no
interface string of one language left in the other on the public pages."""

import gettext
import html
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

SORTS = {
    "vi": ["Ngày, cũ nhất trước", "Ngày, mới nhất trước", "Tiêu đề, A → Z", "Tiêu đề, Z → A"],
    "en": ["Date, oldest first", "Date, newest first", "Title, A to Z", "Title, Z to A"],
}


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def options(page: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return {
        value: html.unescape(label) for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select)
    }


@pytest.mark.parametrize("language", ["vi", "en"])
def test_sort_labels_say_what_they_do_in_each_language(client, world, language):
    page = in_language(client, language).get("/articles/").content.decode()
    sorts = options(page, "sort")
    oldest, newest, a_to_z, z_to_a = SORTS[language]
    assert (sorts["date"], sorts["-date"], sorts["title"], sorts["-title"]) == (oldest, newest, a_to_z, z_to_a)
    assert "descending" not in page
    statements = options(in_language(client, language).get("/statements/").content.decode(), "sort")
    assert (statements["date"], statements["-date"]) == (oldest, newest)


def test_newest_first_lists_the_newest_first(client, world):
    page = in_language(client, "en").get("/articles/?sort=-date").content.decode()
    assert page.index(world["interview"].title) < page.index(world["speech"].title)


def catalog() -> dict[str, str]:
    path = settings.LOCALE_PATHS[0] / "vi" / "LC_MESSAGES" / "django.mo"
    with open(path, "rb") as mo:
        found = gettext.GNUTranslations(mo)._catalog
    pairs = {}
    for key, translated in found.items():
        english = key[0] if isinstance(key, tuple) else key
        if english and translated and "%" not in english and "{" not in english:
            pairs[english] = translated
    return pairs


def visible(page: str) -> str:
    """The text a reader sees or hears: text, labels and alternatives, not the markup."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    said = " ".join(re.findall(r'(?:aria-label|placeholder|title|alt)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + said)


def words(text: str) -> int:
    return len(text.split())


def public_pages(world) -> list[str]:
    return [
        "/",
        "/articles/",
        world["interview"].get_absolute_url(),
        "/speakers/",
        world["cuong"].get_absolute_url(),
        "/directives/",
        world["autonomy"].get_absolute_url(),
        "/statements/",
        world["outer"].get_absolute_url(),
        "/search/?q=tu+chu",
        f"/speakers/compare/?a={world['cuong'].slug}&b={world['trung'].slug}",
        "/no-such-page/",
    ]


def test_no_english_interface_string_is_left_on_the_vietnamese_pages(client, world):
    # Phrases of three words and more: one- and two-word strings ("Policy Archive",
    # "JSON API") may rightly read the same in both.
    english = [e for e, v in catalog().items() if words(e) >= 3 and e != v]
    for url in public_pages(world):
        text = visible(in_language(client, "vi").get(url).content.decode())
        left = [e for e in english if e in text]
        assert left == [], url


def test_no_vietnamese_interface_string_is_on_the_english_pages(client, world):
    vietnamese = [v for e, v in catalog().items() if words(v) >= 3 and e != v]
    for url in public_pages(world):
        text = visible(in_language(client, "en").get(url).content.decode())
        left = [v for v in vietnamese if v in text]
        assert left == [], url
