"""Text helpers shared by the extraction rules: folding, words, quotes and sentences.

Every fold here maps one character to one character, so a match found in folded text has
the same offsets in the body: rules search the folded copy and slice the original.
"""

import re
import unicodedata
from functools import lru_cache

# Old-style tone placement ("hoà", "Uỷ") and new style ("hòa", "Ủy") are both in print; a
# title or concept typed one way must match the other, so the tone moves to the first vowel.
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_OLD_STYLE = re.compile(r"(?i)([ou])([àáảãạèéẻẽẹỳýỷỹỵ])(?![a-zà-ỹđ])")

OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
_ANY_QUOTE = re.compile('[“«”»"]')
WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")


def _move_tone(match: re.Match) -> str:
    first, second = match.group(1), match.group(2)
    parts = unicodedata.normalize("NFD", second)
    tone = next((c for c in parts if c in _TONES), "")
    bare = "".join(c for c in parts if c not in _TONES)
    toned = unicodedata.normalize("NFC", first + tone)
    return toned + unicodedata.normalize("NFC", bare)


def fold(text: str) -> str:
    """Lower case and new-style tone placement; same length as the input."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" and a few others lower to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _OLD_STYLE.sub(_move_tone, lowered)


@lru_cache(maxsize=4096)
def _bare_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)
    if len(base) > 1 and all(unicodedata.combining(x) for x in base[1:]):
        return base[0].lower()
    low = c.lower()
    return low if len(low) == 1 else c


class _BareTable(dict):
    """Code point -> its bare character, for str.translate: filled as characters are met,
    for the scripts news is written in (anything past them is worked out each time, so
    that odd input cannot grow the table without bound)."""

    def __missing__(self, code: int) -> str:
        value = _bare_char(chr(code))
        if code < 0x3000:
            self[code] = value
        return value


_BARE = _BareTable()


def bare(text: str) -> str:
    """No accents, no case, đ as d: for matching paraphrases; same length as the input."""
    # translate() looks each character up from C: a third of the time of a join over calls.
    return text.translate(_BARE)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def quote_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Outermost quotations in text, quote marks included, as body offsets.

    Curly, straight and mixed pairs (“…" and "…”) all occur. A straight quote opens when it
    follows a space or an opening bracket, and closes otherwise.
    """
    if not _ANY_QUOTE.search(text):
        return []
    spans, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == STRAIGHT_QUOTE:
            prev = text[i - 1] if i else " "
            opening = prev.isspace() or prev in "(“«[" or (depth == 0 and not prev.isalnum())
            c = OPEN_QUOTES[0] if opening else CLOSE_QUOTES[0]
        if c in OPEN_QUOTES:
            if depth == 0:
                start = i
            depth += 1
        elif c in CLOSE_QUOTES and depth:
            depth -= 1
            if depth == 0:
                spans.append((offset + start, offset + i + 1))
    return spans


def unclosed(text: str) -> bool:
    """Whether a quotation opened in text is still open at its end ("nói: “A." ... "B.”")."""
    if not _ANY_QUOTE.search(text):
        return False
    depth = 0
    for i, c in enumerate(text):
        if c == STRAIGHT_QUOTE:
            prev = text[i - 1] if i else " "
            c = (
                OPEN_QUOTES[0]
                if prev.isspace() or prev in "(“«[" or (depth == 0 and not prev.isalnum())
                else CLOSE_QUOTES[0]
            )
        if c in OPEN_QUOTES:
            depth += 1
        elif c in CLOSE_QUOTES and depth:
            depth -= 1
    return depth > 0


def quoted_regions(text: str, offset: int = 0, inside: bool = False) -> list[tuple[int, int]]:
    """Quotations in text, and the parts of ones that run over its ends, as body offsets.

    A quotation left open runs to the end; a closing mark with no opening before it ends
    one that started in an earlier paragraph; inside=True says the paragraph begins inside
    a quotation, so with no marks at all it is quoted throughout.
    """
    spans = quote_spans(text, offset)
    if inside and not any(c in text for c in OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT_QUOTE):
        return [(offset, offset + len(text))]
    closes = [i for i, c in enumerate(text) if c in CLOSE_QUOTES]
    if closes and not any(c in text[: closes[0]] for c in OPEN_QUOTES):
        spans.insert(0, (offset, offset + closes[0] + 1))
    if unclosed(text):
        opening = max(text.rfind(c) for c in OPEN_QUOTES + STRAIGHT_QUOTE)
        spans.append((offset + opening, offset + len(text)))
    return spans


_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[^\W\d_])")


def sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph; never splits inside a quotation.

    A boundary needs a capital letter after it, so "TP. Đà Nẵng" style abbreviations
    are the only false splits, and those cost a statement nothing but its first words.
    """
    inside = quote_spans(text)
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        nxt = text[m.end() : m.end() + 2].lstrip('"“‘«(')
        if not nxt[:1].isupper() or any(a < m.start() < b - 1 for a, b in inside):
            continue
        spans.append((offset + start, offset + m.start()))
        start = m.end()
    spans.append((offset + start, offset + len(text)))
    return [(a, b) for a, b in spans if b > a]


def words(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    return [(offset + m.start(), offset + m.end(), m.group()) for m in WORD.finditer(text)]
