"""The search box's language, pure: words and "quoted phrases", folded the way both
databases fold them. No Django here, so it is tested without a database."""

import re
import unicodedata
from dataclasses import dataclass

from articles.folding import WORD
from articles.text import fold, nfc

# Longer queries are cut, not refused: a pasted paragraph still finds its article.
MAX_QUERY_CHARS = 300
MAX_CHUNKS = 12
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
CHUNK = re.compile(r'"([^"]*)"|([^\s"]+)')


@dataclass(frozen=True)
class Chunk:
    """A word or a quoted phrase: its text for PostgreSQL's parser, its folded words for ours."""

    text: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    chunks: tuple[Chunk, ...]

    def __bool__(self) -> bool:
        return bool(self.chunks)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for c in self.chunks for w in c.words)


def clean(text: str) -> str:
    """NFC, without control characters (PostgreSQL refuses NUL) and cut to a sane length."""
    text = nfc(text or "")[:MAX_QUERY_CHARS]
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") else c for c in text)


def parse(text: str) -> Query:
    """Words and "quoted phrases"; an unmatched quote is ignored. A word written with inner
    punctuation (59-NQ/TW) is a phrase of its parts, as PostgreSQL's parser also reads it."""
    chunks = []
    for match in CHUNK.finditer(clean(text).translate(QUOTES)):
        raw = match.group(1) if match.group(1) is not None else match.group(2)
        words = tuple(WORD.findall(fold(raw)))
        if words:
            chunks.append(Chunk(" ".join(raw.split()), words))
    return Query(tuple(dict.fromkeys(chunks))[:MAX_CHUNKS])
