"""The word lists rules read, loaded once from the data files beside this module.

Lists are data so that a new title, country or concept is a one-line change a reviewer can
read, not a code change. Entries are folded (case, tone placement) the way text is.
"""

import json
from functools import cache
from pathlib import Path

from .text import fold

DATA = Path(__file__).with_name("data")


def _lines(name: str) -> list[str]:
    rows = (line.strip() for line in (DATA / name).read_text(encoding="utf-8").splitlines())
    return [row for row in rows if row and not row.startswith("#")]


def _folded_set(name: str) -> frozenset[str]:
    return frozenset(fold(row) for row in _lines(name))


@cache
def titles() -> tuple[str, ...]:
    """Folded titles, longest first so "Phó Thủ tướng" wins over "Thủ tướng"."""
    return tuple(sorted({fold(t) for t in _lines("titles.txt")}, key=len, reverse=True))


@cache
def titles_by_first_word() -> dict[str, tuple[str, ...]]:
    """Titles grouped by their first word, longest first: a lookup per word, not a scan."""
    table: dict[str, list[str]] = {}
    for title in titles():
        table.setdefault(title.split()[0], []).append(title)
    return {word: tuple(group) for word, group in table.items()}


@cache
def honorifics() -> dict[str, str]:
    pairs = (row.split("\t") + [""] for row in _lines("honorifics.txt"))
    return {fold(p[0]): p[1] for p in pairs}


@cache
def surnames() -> frozenset[str]:
    return _folded_set("surnames.txt")


@cache
def countries() -> tuple[str, ...]:
    return tuple(sorted(_folded_set("countries.txt"), key=len, reverse=True))


@cache
def places() -> frozenset[str]:
    return _folded_set("places.txt")


@cache
def place_cues() -> frozenset[str]:
    return _folded_set("place_cues.txt")


@cache
def title_ends() -> frozenset[str]:
    """Lowercase words after which a title's portfolio has ended."""
    return _folded_set("title_ends.txt")


@cache
def org_words() -> frozenset[str]:
    return _folded_set("org_words.txt")


@cache
def org_heads() -> dict[str, tuple[str, ...]]:
    """Folded first words of speaking institutions, by first word, longest first."""
    table: dict[str, list[str]] = {}
    for head in sorted(_folded_set("org_heads.txt"), key=len, reverse=True):
        table.setdefault(head.split()[0], []).append(head)
    return {word: tuple(group) for word, group in table.items()}


@cache
def speech_verbs() -> tuple[str, ...]:
    return tuple(sorted(_folded_set("speech_verbs.txt"), key=len, reverse=True))


@cache
def speech_adverbs() -> tuple[str, ...]:
    return tuple(sorted(_folded_set("speech_adverbs.txt"), key=len, reverse=True))


@cache
def concepts() -> dict[str, str]:
    """Folded surface form -> canonical concept name."""
    raw = json.loads((DATA / "concepts.json").read_text(encoding="utf-8"))
    table = {}
    for name, aliases in raw.items():
        if name.startswith("_"):
            continue
        for form in (name, *aliases):
            table[fold(form)] = name
    return table
