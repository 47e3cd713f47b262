"""Placeholder with the agreed API (fingerprint, similarity, THRESHOLD, MIN_SHARED, EchoIndex);
the restatement model replaces it."""

import hashlib
import re
import unicodedata

THRESHOLD = 0.2
MIN_SHARED = 3


def _fold(text):
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


def fingerprint(text):
    words = re.findall(r"\w+", _fold(text))
    grams = {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}
    return frozenset(int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big", signed=True)
                     for g in grams)


def similarity(a, b):
    a = a if isinstance(a, frozenset) else fingerprint(a)
    b = b if isinstance(b, frozenset) else fingerprint(b)
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
