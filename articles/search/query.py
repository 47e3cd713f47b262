"""The search box's language, pure: words and "quoted phrases", folded the way both
databases fold them, and document numbers however they are written. No Django here, so it
is tested without a database.

Tone marks are letters' meaning in Vietnamese: "Tô" (a surname) is not "Tổ" (homeland),
"Lâm" is not "làm" (to do). So a word typed with marks (tone, vowel marks or đ) must occur
with those marks; a word typed without them matches any marks ("to lam" finds "Tô Lâm").
Case and NFC/NFD never matter. A phrase typed with marks throughout must occur with them as
written; in a phrase that mixes the two, the marked words must occur with their marks.

A document number ("59-NQ/TW", "NQ 59", "Nghị quyết 59", "nghi quyet so 59") becomes one
chunk with its usual spellings as alternatives (``DocumentNumber``), any of which matches.
"""

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

# Kinds of document and their abbreviations in a number (59-NQ/TW), folded.
DOCUMENT_KINDS = {
    "nq": "nghi quyet",
    "kl": "ket luan",
    "ct": "chi thi",
    "qd": "quyet dinh",
    "nd": "nghi dinh",
    "tb": "thong bao",
    "hd": "huong dan",
    "qc": "quy che",
}
_ABBR = "|".join(DOCUMENT_KINDS)
_NAMES = "|".join(n.replace(" ", r"\s+") for n in DOCUMENT_KINDS.values())
# Read on the folded query (lowercase, no marks): "59-nq/tw", "59/nq", "nq 59", "nq so 59",
# "nghi quyet 59", "nghi quyet so 59".
# The issuer after the kind (/TW, -TTg) says nothing more and is read with the number.
_ISSUER = r"(?:\s*[-/]\s*[a-z]+){0,2}"
DOCUMENT_NUMBER = re.compile(
    rf"\b(?P<n1>\d+)\s*[-/]\s*(?P<a1>{_ABBR}){_ISSUER}\b"
    rf"|\b(?P<a2>{_ABBR})\s*(?:so\s*)?(?P<n2>\d+)\b"
    rf"|\b(?P<k3>{_NAMES})\s+(?:so\s+)?(?P<n3>\d+){_ISSUER}\b"
)


@dataclass(frozen=True)
class Chunk:
    """A word or a quoted phrase: its text for PostgreSQL's parser, its folded words for
    ours, and the words as typed (lowercase, NFC) with which of them carry marks."""

    text: str
    words: tuple[str, ...]
    typed: tuple[str, ...] = ()
    marked: tuple[bool, ...] = ()

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        """The folded phrases any of which matches."""
        return (self.words,)

    @property
    def exact(self) -> tuple[tuple[str, ...], ...]:
        """Phrases (as typed) that must also occur: the whole phrase when every word has
        marks, else each marked word alone; none for a chunk typed without marks."""
        if self.marked and all(self.marked):
            return (self.typed,)
        return tuple((w,) for w, m in zip(self.typed, self.marked) if m)


@dataclass(frozen=True)
class DocumentNumber(Chunk):
    """Document ``number`` of a kind (``abbreviation``, "nq"), however written."""

    number: str = ""
    abbreviation: str = ""

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        name = tuple(DOCUMENT_KINDS[self.abbreviation].split())
        return ((self.number, self.abbreviation), (*name, self.number), (*name, "so", self.number))

    @property
    def exact(self) -> tuple[tuple[str, ...], ...]:
        return ()


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


def chunk(raw: str) -> Chunk | None:
    words = tuple(WORD.findall(fold(raw)))
    if not words:
        return None
    typed = tuple(WORD.findall(raw.lower()))
    if len(typed) != len(words):  # a character that folds to two words, or none: no marks kept
        typed = words
    return Chunk(" ".join(raw.split()), words, typed, tuple(t != w for t, w in zip(typed, words)))


def document_numbers(text: str) -> tuple[list[Chunk], str]:
    """The document numbers in ``text`` as chunks, and the text without them."""
    folded = "".join(fold(c)[:1] or " " if not c.isspace() else " " for c in text)
    found, rest = [], list(text)
    for m in DOCUMENT_NUMBER.finditer(folded):
        number = m["n1"] or m["n2"] or m["n3"]
        if m["k3"]:
            abbreviation = next(a for a, n in DOCUMENT_KINDS.items() if n.split() == m["k3"].split())
        else:
            abbreviation = m["a1"] or m["a2"]
        number = str(int(number))  # "059" is 59
        found.append(
            DocumentNumber(f"{number}-{abbreviation.upper()}", (number, abbreviation), (), (), number, abbreviation)
        )
        rest[m.start() : m.end()] = [" "] * (m.end() - m.start())
    return found, "".join(rest)


def parse(text: str) -> Query:
    """Words, "quoted phrases" and document numbers; an unmatched quote is ignored. A word
    written with inner punctuation (59-KL) is a phrase of its parts, as PostgreSQL's parser
    also reads it."""
    documents, text = document_numbers(clean(text).translate(QUOTES))
    chunks = list(documents)
    for match in CHUNK.finditer(text):
        raw = match.group(1) if match.group(1) is not None else match.group(2)
        found = chunk(raw)
        if found is not None:
            chunks.append(found)
    return Query(tuple(dict.fromkeys(chunks))[:MAX_CHUNKS])
