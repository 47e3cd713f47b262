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
