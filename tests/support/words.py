"""The interface's words as a test reads them: the Vietnamese catalog, and a page's visible text."""

import gettext
import html
import re

from django.conf import settings


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def plain(text: str) -> str:
    """Markup dropped and spaces collapsed, so a msgid with <kbd> reads as its page does."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def catalog(domain: str = "django") -> dict[str, str]:
    """English msgid -> Vietnamese msgstr of the compiled catalog, without placeholders (a
    formatted string is not on the page as written)."""
    path = settings.LOCALE_PATHS[0] / "vi" / "LC_MESSAGES" / f"{domain}.mo"
    with open(path, "rb") as mo:
        found = gettext.GNUTranslations(mo)._catalog
    pairs = {}
    for key, translated in found.items():
        english = key[0] if isinstance(key, tuple) else key
        english = english.split("\x04")[-1]  # msgctxt
        if english and translated and "%" not in english and "{" not in english:
            pairs[plain(english)] = plain(translated)
    return pairs


def words(text: str) -> int:
    return len(text.split())


def visible(page: str) -> str:
    """The text a reader sees or hears: text, labels and alternatives, not the markup."""
    page = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S)
    said = " ".join(re.findall(r'(?:aria-label|placeholder|title|alt)="([^"]*)"', page))
    return plain(page + " " + said)


def english_left(text: str, english: list[str]) -> list[str]:
    """The English msgids found in ``text`` as whole words, whatever their case (the admin
    capitalises column headers)."""
    folded = text.casefold()
    return [e for e in english if re.search(rf"(?<!\w){re.escape(e.casefold())}(?!\w)", folded)]
