"""Source articles: bytes in, a normalised body with paragraph offsets out.

Pure functions, no Django: the loader is the only place where parsed text meets the ORM.

The source format is plain text: an optional UTF-8 BOM, then (after optional whitespace)
optional metadata lines (``title:``, ``url:``, ``outlet:``, ``author:``, the last one
repeatable), then ``date YYYY-MM-DD`` followed on the same line by the first paragraph;
every further non-empty line is a paragraph; LF or CRLF line ends.

A web page (``articles.ingest.pages``) becomes the same ``ParsedSource`` through ``build``.
"""

import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# A source past these is refused: a million one-line paragraphs, or one paragraph of a
# whole book, makes a page no reader can load and costs the loader for nothing. Real
# articles stay far below (the seeds: 41 paragraphs, 546 characters at most).
DEFAULT_MAX_PARAGRAPHS = 2000
DEFAULT_MAX_PARAGRAPH_CHARS = 20_000
PARAGRAPH_SEPARATOR = "\n\n"

_META_LINE = re.compile(r"(title|url|outlet|author)[ \t]*:[ \t]*(.*)\Z", re.IGNORECASE)
_DATE_LINE = re.compile(r"date[ \t]+(\S+)[ \t]*(.*)\Z", re.IGNORECASE | re.DOTALL)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# Horizontal whitespace, including the no-break and ideographic spaces news sites paste in.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters that only get in the way of matching quotes against the body.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0 controls that never belong in an article. Tab, LF, CR, VT and FF are treated as spacing.
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")


class ParseError(ValueError):
    """The source cannot be loaded; the message is one line a person can act on."""


@dataclass(frozen=True)
class Limits:
    """What one source may hold (settings ARCHIVE_MAX_SOURCE_BYTES, ARCHIVE_MAX_PARAGRAPHS,
    ARCHIVE_MAX_PARAGRAPH_CHARS)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_paragraphs: int = DEFAULT_MAX_PARAGRAPHS
    max_paragraph_chars: int = DEFAULT_MAX_PARAGRAPH_CHARS


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Metadata:
    """Where the text was published, as its source says; empty for a bare text file."""

    title: str = ""
    url: str = ""
    outlet: str = ""
    authors: tuple[str, ...] = ()
    # The moment of publication, when the source gives the time and not only the day.
    published_at: datetime.datetime | None = None

    def lines(self) -> list[str]:
        """The metadata as the text format writes it, in a fixed order (hashed with the body)."""
        lines = [f"title: {self.title}"] if self.title else []
        lines += [f"url: {self.url}"] if self.url else []
        lines += [f"outlet: {self.outlet}"] if self.outlet else []
        lines += [f"author: {a}" for a in self.authors]
        lines += [f"time: {self.published_at.isoformat()}"] if self.published_at else []
        return lines


@dataclass(frozen=True)
class ParsedSource:
    published: datetime.date
    body: str
    paragraphs: tuple[Paragraph, ...]
    content_hash: str
    meta: Metadata = Metadata()
    # Positions of the paragraphs the source itself marks as photo captions (a page's
    # <figcaption>): extraction takes them as captions whatever their wording.
    captions: frozenset[int] = frozenset()

    @property
    def lede(self) -> str:
        return self.paragraphs[0].text


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Bytes to text, refusing what PostgreSQL or a reader could not take."""
    if len(data) > max_bytes:
        raise ParseError(f"file is {len(data):,} bytes, over the limit of {max_bytes:,}")
    if not data.strip():
        raise ParseError("file is empty")
    if b"\x00" in data:
        raise ParseError("binary content: NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 (invalid byte at offset {exc.start})") from None
    if _CONTROL.search(text):
        raise ParseError("binary content: control characters")
    return text


def normalise_line(line: str) -> str:
    """NFC, visible characters only, single spaces: the form every offset refers to.

    NFC first, because sources arrive in NFD too and a quote typed by an editor is NFC.
    """
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    line = line.replace("\v", " ").replace("\f", " ")
    return _SPACES.sub(" ", line).strip()


def read_metadata(lines: list[str]) -> tuple[Metadata, list[str]]:
    """The metadata lines before the date line, and the lines from the date line on."""
    fields, authors, n = {}, [], 0
    while n < len(lines) and (match := _META_LINE.match(lines[n].strip())):
        key, value = match.group(1).lower(), normalise_line(match.group(2))
        if key == "author":
            authors += [value] if value else []
        elif key in fields:
            raise ParseError(f"metadata line {key!r} given twice")
        else:
            fields[key] = value
        n += 1
    return Metadata(authors=tuple(dict.fromkeys(authors)), **fields), lines[n:]


def parse_text(text: str, limits: Limits = DEFAULT_LIMITS) -> ParsedSource:
    lines = text.lstrip().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Counted before any line is normalised: a file of a million lines is refused at once.
    count = sum(1 for line in lines if line and not line.isspace())
    if count > limits.max_paragraphs:
        raise ParseError(f"{count:,} paragraphs, over the limit of {limits.max_paragraphs:,}")
    meta, lines = read_metadata(lines)
    match = _DATE_LINE.match(lines[0].strip()) if lines and lines[0].strip() else None
    if not match:
        raise ParseError("no date line: the text must begin with 'date YYYY-MM-DD'")
    raw_date, first = match.groups()
    if not _ISO_DATE.match(raw_date):
        raise ParseError(f"invalid date {raw_date[:20]!r}: expected YYYY-MM-DD")
    try:
        published = datetime.date.fromisoformat(raw_date)
    except ValueError:
        raise ParseError(f"invalid date {raw_date!r}: no such day") from None
    texts = [normalise_line(line) for line in [first, *lines[1:]]]
    if not any(texts):
        raise ParseError("no paragraphs after the date line")
    return build(published, texts, meta, limits=limits)


def build(
    published: datetime.date,
    texts: list[str],
    meta: Metadata = Metadata(),
    captions: frozenset[int] = frozenset(),
    limits: Limits = DEFAULT_LIMITS,
) -> ParsedSource:
    """The parsed source of normalised paragraphs (empty ones dropped); ``captions`` are
    positions in ``texts``.

    The hash covers the metadata too, so a changed headline or byline is a changed source;
    a text with none hashes as it did before sources had metadata.
    """
    paragraphs, kept, offset = [], set(), 0
    for i, t in enumerate(texts):
        if not t:
            continue
        if len(paragraphs) >= limits.max_paragraphs:
            raise ParseError(f"more than {limits.max_paragraphs:,} paragraphs, the limit")
        if len(t) > limits.max_paragraph_chars:
            raise ParseError(
                f"paragraph {len(paragraphs) + 1} is {len(t):,} characters, "
                f"over the limit of {limits.max_paragraph_chars:,}"
            )
        if i in captions:
            kept.add(len(paragraphs))
        paragraphs.append(Paragraph(offset, offset + len(t), t))
        offset += len(t) + len(PARAGRAPH_SEPARATOR)
    if not paragraphs:
        raise ParseError("no paragraphs")
    body = PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs)
    head = "".join(f"{line}\n" for line in meta.lines())
    digest = hashlib.sha256(f"{head}{published.isoformat()}\n{body}".encode()).hexdigest()
    return ParsedSource(published, body, tuple(paragraphs), digest, meta, frozenset(kept))


def parse_source(data: bytes, max_bytes: int | None = None, limits: Limits = DEFAULT_LIMITS) -> ParsedSource:
    """``max_bytes``, when given, replaces the limits' own."""
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    return parse_text(decode(data, limits.max_bytes), limits)


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[A-ZÀ-Ỹ0-9Đ])")


def derive_title(lede: str, limit: int = 110) -> str:
    """A readable title from the lede: its first sentence, cut at a word boundary.

    Sources carry no title; the lede's first sentence is what a sub-editor would start from.
    """
    sentence = _SENTENCE_END.split(lede.strip(), maxsplit=1)[0].strip()
    sentence = sentence.rstrip(" .;:,")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"
