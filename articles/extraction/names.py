"""Deciding whether a run of capitalised words is a person's name.

Vietnamese capitalises every syllable of a personal name but only the first word of an
institution ("Bộ Ngoại giao", "Ủy ban Quốc phòng"), so a name is a run of capitalised
syllables. What is left to decide is where a title's portfolio ends and the name begins.
"""

import re

from . import lexicon
from .text import fold, is_acronym

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Consonant pairs Vietnamese spelling has; any other pair marks a foreign word.
_VIETNAMESE_PAIRS = {"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"}
_VIETNAMESE_FINALS = ("c", "ch", "m", "n", "ng", "nh", "p", "t", "a", "e", "i", "o", "u", "y")


def looks_foreign(word: str) -> bool:
    """A Latin-script word that cannot be one Vietnamese syllable ("Blinken", "Putin").

    A Vietnamese word is a single syllable: one vowel group, Vietnamese consonant pairs and
    finals. Accented letters mean Vietnamese.
    """
    w = word.lower()
    if not w.isascii() or not w.isalpha() or len(w) < 3:
        return False
    if len(_VOWEL_GROUPS.findall(w)) >= 2 or any(c in w for c in "fjwz"):
        return True
    pairs = re.findall(r"(?=([^aeiouy]{2}))", w)
    if any(p not in _VIETNAMESE_PAIRS for p in pairs):
        return True
    return not w.endswith(_VIETNAMESE_FINALS)


def strip_countries(run: list[str]) -> list[str]:
    """Drop leading country names: "Lào Sonexay Siphandone" -> the name."""
    changed = True
    while run and changed:
        changed = False
        joined = fold(" ".join(run))
        for country in lexicon.countries():
            if joined == country or joined.startswith(country + " "):
                run = run[len(country.split()) :]
                changed = True
                break
    return run


def _is_place(words: list[str]) -> bool:
    return fold(" ".join(words)) in lexicon.places()


def surname_name(run: list[str]) -> tuple[int, int] | None:
    """Index range of a Vietnamese name inside run: family name + one to three more words."""
    for k, word in enumerate(run):
        rest = len(run) - k
        if (
            fold(word) in lexicon.surnames()
            and 2 <= rest <= 4
            and not _is_place(run[k : k + 2])
            and all(not is_acronym(w) for w in run[k:])
        ):
            return k, len(run)
    return None


def name_after_title(run: list[str]) -> tuple[int, int] | None:
    """Where the name is in a capitalised run right after a title, or None for a portfolio.

    "Công Thương Nguyễn Hồng Diên" -> the last three words; "Trung Quốc Vương Nghị" ->
    after the country; "Bộ Ngoại" (of "Bộ Ngoại giao") -> None.
    """
    rest = strip_countries(run)
    skipped = len(run) - len(rest)
    if len(rest) > 4:
        # "Cộng hòa Dân chủ Nhân dân Lào X Y": a state's formal name, then its
        # country, then the name; the name follows the last country inside the run.
        for i in range(len(rest) - 1, 0, -1):
            after = strip_countries(rest[i:])
            if len(after) < len(rest) - i and 1 <= len(after) <= 4:
                return len(run) - len(after), len(run)
    if not rest:
        return None
    found = surname_name(rest)
    if found:
        return skipped + found[0], skipped + found[1]
    if fold(rest[0]) in lexicon.org_words() or any(is_acronym(w) for w in rest) or _is_place(rest):
        return None
    if 2 <= len(rest) <= 4 or (len(rest) == 1 and looks_foreign(rest[0])):
        return skipped, len(run)
    return None
