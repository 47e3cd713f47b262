"""Known directive names and aliases, matched by word sequence.

The archive's vocabulary grows with every article loaded (each numbered document becomes a
name) and with every alias an editor adds, so an article must not be compared with each name
in turn. Names are indexed by their words instead: scanning an article costs a dictionary
look-up per word and candidate length, whatever the size of the vocabulary.
"""

import re
from collections.abc import Iterator, Mapping

from .documents import NUMBERED
from .text import fold

WORDS = re.compile(r"[^\W_]+")
# Names shorter than this are too likely to occur by accident inside other words.
MIN_LENGTH = 3


def doc_key(name: str) -> tuple[str, str] | None:
    """("nghị quyết", "18") for "Nghị quyết số 18-NQ/TW": one document however it is written."""
    m = NUMBERED.match(fold(name))
    return (m.group(1), re.match(r"\d+", m.group(2)).group()) if m and m.end() else None


class Vocabulary:
    """Alias -> (canonical name, kind); later entries for the same alias win."""

    def __init__(self, entries: Mapping[str, tuple[str, str]] | None = None):
        self._by_fold: dict[str, tuple[str, str]] = {}
        self._by_words: dict[tuple[str, ...], tuple[str, str]] = {}
        self._by_doc: dict[tuple[str, str], tuple[str, str]] = {}
        self._lengths: dict[str, set[int]] = {}
        for alias, (name, kind) in (entries or {}).items():
            self.add(alias, name, kind)

    def __len__(self) -> int:
        return len(self._by_fold)

    def add(self, alias: str, name: str, kind: str) -> None:
        folded = fold(alias)
        value = (name, kind)
        self._by_fold[folded] = value
        key = doc_key(alias)
        if key:
            self._by_doc[key] = value
        words = tuple(WORDS.findall(folded))
        if words and len(folded) >= MIN_LENGTH:
            self._by_words[words] = value
            self._lengths.setdefault(words[0], set()).add(len(words))

    def get(self, text: str) -> tuple[str, str] | None:
        return self._by_fold.get(fold(text))

    def document(self, name: str) -> tuple[str, str] | None:
        key = doc_key(name)
        return self._by_doc.get(key) if key else None

    def scan(self, folded: str) -> Iterator[tuple[int, int, str, str, str, str]]:
        """Every occurrence of a known name in folded text, as a directive hit."""
        tokens = [(m.start(), m.end(), m.group()) for m in WORDS.finditer(folded)]
        words = [t[2] for t in tokens]
        for i, word in enumerate(words):
            for n in sorted(self._lengths.get(word, ()), reverse=True):
                value = self._by_words.get(tuple(words[i : i + n])) if i + n <= len(words) else None
                if value:
                    yield tokens[i][0], tokens[i + n - 1][1], value[0], value[1], "", ""
