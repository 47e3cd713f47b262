"""Vietnamese-aware text helpers shared by models, loading and search. Pure, no Django models."""

import re
import unicodedata

from django.utils.text import slugify


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def fold(text: str) -> str:
    """Lowercase, accents and đ removed, spaces single: 'Tự chủ' and 'tu chu' fold alike.

    Casefold first, then NFD and drop combining marks; đ is a letter of its own, not an
    accented d, so NFD leaves it and it is replaced by hand.
    """
    text = unicodedata.normalize("NFD", nfc(text).casefold().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip()


def slugify_vi(text: str, max_length: int = 80) -> str:
    """An ASCII slug; Django's slugify would drop đ/Đ ('Đảng' -> 'ang'), so map them first."""
    slug = slugify(nfc(text).replace("đ", "d").replace("Đ", "D"))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def shorten(text: str, length: int, ellipsis: str = "…") -> str:
    """``text`` (NFC) cut to ``length`` characters, ``ellipsis`` the last of them: what
    Django's ``truncatechars`` gives, combining marks not counted, without the lazy object
    and the translation lookup it makes per call (pages shorten one per linked statement).
    ``ellipsis`` is what the active language's truncatechars appends, looked up once by
    the caller."""
    if length <= 0:
        return ""
    text = nfc(text)
    if len(text) <= length:
        return text
    keep = max(length - sum(1 for c in ellipsis if not unicodedata.combining(c)), 0)
    counted, end = 0, None
    for i, char in enumerate(text):
        if unicodedata.combining(char):
            continue
        counted += 1
        if end is None and counted > keep:
            end = i
        if counted > length:
            return text[: end or 0] + ellipsis
    return text


# Characters of context kept on each side of a statement, as annotation tools keep them.
CONTEXT = 32


def context_of(body: str, start: int, end: int, size: int = CONTEXT) -> tuple[str, str]:
    """The text just before and just after ``body[start:end]``: a statement's selector context."""
    return body[max(0, start - size) : start], body[end : end + size]
