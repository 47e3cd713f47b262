"""The public pages' addresses, without walking the URL resolver for each one.

reverse() resolves the pattern on every call, and a page of statements prints four
addresses a row: a large share of the article page's time went there.
Each pattern is reversed once (per URL configuration, script prefix and language) with a
marker for its one argument; after that the argument takes the marker's place. Slugs and
ids need no quoting, so the address is the one reverse() gives.
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

MARKER = "9876543210123456789"
_patterns: dict[tuple, tuple[str, str]] = {}


def address(name: str, arg) -> str:
    if arg is None or arg == "":
        return reverse(name, args=[arg])  # refused, as before
    key = (name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())
    parts = _patterns.get(key)
    if parts is None:
        before, _, after = reverse(name, args=[MARKER]).partition(MARKER)
        parts = _patterns[key] = (before, after)
    return f"{parts[0]}{arg}{parts[1]}"
