"""A policy-archive/1 archive checked whole before import writes anything: every record of
every section, each problem one line naming the record:
``articles[3] "a.txt" quote 17: unknown status 'Rejected'``.
"""

import datetime
import math
import re

from django.utils.dateparse import parse_datetime

from articles.ingest.archive_source import ArchiveError
from articles.models import Directive, Origin, Paragraph, PublicationStatus, Quote, QuoteLink, Speaker, Status

# The problems listed before giving up: enough to see a pattern, not a wall of text.
MAX_PROBLEMS = 50
MAX_INT = 2**31 - 1  # PositiveIntegerField on PostgreSQL
MAX_BIGINT = 2**63 - 1
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


class Problem(ValueError):
    pass


# --- one field at a time: each returns the value or raises Problem -----------------------


def _nul_free(value, where: str = "") -> None:
    """No NUL anywhere: PostgreSQL's text cannot hold one."""
    if isinstance(value, str):
        if "\x00" in value:
            raise Problem(f"NUL byte in {where or 'a value'}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _nul_free(key, where)
            _nul_free(item, key)
    elif isinstance(value, list):
        for item in value:
            _nul_free(item, where)


def text(row: dict, key: str, max_length: int | None = None, *, required: bool = True, blank: bool = True) -> str:
    if key not in row:
        if required:
            raise Problem(f"{key} is missing")
        return ""
    value = row[key]
    if not isinstance(value, str):
        raise Problem(f"{key} is not text")
    if not blank and not value.strip():
        raise Problem(f"{key} is empty")
    if max_length is not None and len(value) > max_length:
        raise Problem(f"{key} is {len(value):,} characters, over {max_length:,}")
    return value


def integer(row: dict, key: str, low: int = 0, high: int = MAX_INT, *, default=None) -> int:
    if key not in row and default is not None:
        return default
    value = row.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise Problem(f"{key} is not a whole number")
    if not low <= value <= high:
        raise Problem(f"{key} {value} is out of range ({low} to {high})")
    return value


def flag(row: dict, key: str, default: bool = False) -> bool:
    value = row.get(key, default)
    if not isinstance(value, bool):
        raise Problem(f"{key} is not true or false")
    return value


def choice(row: dict, key: str, choices, *, default=None) -> str:
    value = row.get(key, default)
    if value not in choices.values:
        raise Problem(f"unknown {key} {value!r} (one of {', '.join(choices.values)})")
    return value


def names(row: dict, key: str, max_length: int) -> list[str]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Problem(f"{key} is not a list of names")
    for v in value:
        if len(v) > max_length or not v.strip():
            raise Problem(f"{key}: name {v[:40]!r} is empty or over {max_length} characters")
    return value


def stamps(row: dict) -> None:
    for key in ("created_at", "updated_at"):
        try:
            if key not in row or not isinstance(row[key], str) or parse_datetime(row[key]) is None:
                raise ValueError
        except ValueError:
            raise Problem(f"{key} is not a date and time") from None


def day(value, key: str) -> None:
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Problem(f"{key} {str(value)[:20]!r} is not a date (YYYY-MM-DD)") from None


def slug(row: dict) -> str:
    value = text(row, "slug", 100, blank=False)
    if not SLUG.match(value):
        raise Problem(f"slug {value[:40]!r} has characters a slug cannot have")
    return value


def field_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# --- the records ----------------------------------------------------------------------------


class Checker:
    """Every record of every section, checked; ``problems`` lists what is wrong, one line each."""

    def __init__(self, source):
        self.source = source
        self.problems: list[str] = []
        self.speakers: set[str] = set()
        self.directives: set[str] = set()
        self.quote_ids: set[int] = set()
        self.quoting: list[tuple[str, int, int]] = []
        self.source_files: set[str] = set()
        self._seen: dict[str, set] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")
        if len(self.problems) >= MAX_PROBLEMS:
            raise ArchiveError(f"{len(self.problems)} problems or more", self.problems)

    def run(self) -> None:
        self.source.check_shape()
        self.each("speakers", self.speaker, lambda r: r.get("name"))
        parents = []
        self.each("directives", lambda r: parents.append(self.directive(r)), lambda r: r.get("name"))
        for where, parent, related in parents:
            try:
                self.known(parent and [parent], self.directives, "parent directive")
                self.known(related, self.directives, "related directive")
            except Problem as exc:
                self.problem(where, str(exc))
        self.each("articles", self.article, lambda r: r.get("source_file"))
        for where, ident, quoting in self.quoting:
            if quoting not in self.quote_ids or quoting == ident:
                self.problem(where, f"statement {ident}: quoted by unknown statement {quoting}")
        self.each("speakers", self.titles, lambda r: r.get("name"))
        links = set()
        self.each("links", lambda r: self.link(r, links), lambda r: f"{r.get('from')} -> {r.get('to')}")
        if self.problems:
            raise ArchiveError(f"{len(self.problems)} problem(s)", self.problems)

    def each(self, section: str, check, label) -> None:
        for i, row in enumerate(self.source.records(section)):
            where = f"{section}[{i}]"
            try:
                if not isinstance(row, dict):
                    raise Problem("is not a record")
                name = label(row)
                if isinstance(name, str):
                    where = f"{where} {name[:80]!r}"
                self.where = where
                check(row)
                _nul_free(row)
            except Problem as exc:
                self.problem(where, str(exc))

    def unique(self, kind: str, value) -> None:
        seen = self._seen.setdefault(kind, set())
        if value in seen:
            raise Problem(f"duplicate {kind} {value!r}")
        seen.add(value)

    @staticmethod
    def known(values, found: set, what: str) -> None:
        for value in values or ():
            if value not in found:
                raise Problem(f"unknown {what} {value!r}")

    def speaker(self, row: dict) -> None:
        name = text(row, "name", field_length(Speaker, "name"), blank=False)
        self.unique("speaker name", name)
        self.speakers.add(name)  # known from here on: a later problem is this record's alone
        self.unique("speaker slug", slug(row))
        choice(row, "kind", Speaker.Kind, default=Speaker.Kind.PERSON)
        text(row, "description", required=False)
        integer(row, "version", 1, default=1)
        for alias in names(row, "aliases", 200):
            self.unique("speaker alias", alias)
        stamps(row)

    def titles(self, row: dict) -> None:
        value = row.get("titles_seen", [])
        if not isinstance(value, list):
            raise Problem("titles_seen is not a list")
        seen = set()
        for item in value:
            if not (isinstance(item, list) and len(item) == 3 and all(isinstance(v, str) for v in item)):
                raise Problem("titles_seen: each is [title, date, source file]")
            title, seen_on, source_file = item
            if len(title) > 300:
                raise Problem("titles_seen: a title is over 300 characters")
            day(seen_on, "titles_seen date")
            self.known([source_file], self.source_files, "article")
            if (title, source_file) in seen:
                raise Problem(f"duplicate title {title[:40]!r} in {source_file!r}")
            seen.add((title, source_file))

    def directive(self, row: dict):
        name = text(row, "name", field_length(Directive, "name"), blank=False)
        self.unique("directive name", name)
        self.directives.add(name)
        self.unique("directive slug", slug(row))
        choice(row, "kind", Directive.Kind)
        text(row, "code", 64, required=False)
        text(row, "issuer", 200, required=False)
        text(row, "description", required=False)
        integer(row, "version", 1, default=1)
        for alias in names(row, "aliases", 300):
            self.unique("directive alias", alias)
        parent = row.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise Problem("parent is not a name")
        if parent == name:
            raise Problem("is its own parent")
        related = names(row, "related", 300)
        stamps(row)
        return f"directives {name[:80]!r}", parent, related

    def article(self, row: dict) -> None:
        source_file = text(row, "source_file", 255, blank=False)
        self.unique("source file", source_file)
        self.source_files.add(source_file)
        self.unique("article slug", slug(row))
        day(row.get("published"), "published")
        text(row, "title", 300)
        flag(row, "title_is_custom")
        choice(row, "status", PublicationStatus, default=PublicationStatus.PUBLISHED)
        text(row, "content_hash", 64, required=False)
        text(row, "extractor_version", 32, required=False)
        integer(row, "version", 1, default=1)
        body = text(row, "body")
        stamps(row)
        paragraphs = row.get("paragraphs", [])
        if not isinstance(paragraphs, list):
            raise Problem("paragraphs is not a list")
        for n, item in enumerate(paragraphs):
            if not (isinstance(item, list) and len(item) == 3):
                raise Problem(f"paragraph {n}: not [start, end, role]")
            start, end = integer({"start": item[0]}, "start"), integer({"end": item[1]}, "end")
            if not start < end <= len(body):
                raise Problem(f"paragraph {n}: span {start}-{end} is not inside the body")
            choice({"role": item[2]}, "role", Paragraph.Role)
        self.known(names(row, "people", 200), self.speakers, "speaker")
        self.known(names(row, "directives", 300), self.directives, "directive")
        quotes = row.get("quotes", [])
        if not isinstance(quotes, list):
            raise Problem("quotes is not a list")
        spans = set()
        for quote in quotes:
            if not isinstance(quote, dict):
                raise Problem("a statement is not a record")
            try:
                self.quote(quote, body, spans)
            except Problem as exc:  # each statement its own line; the others are still checked
                self.problem(self.where, f"statement {quote.get('id')!r}: {exc}")

    def quote(self, row: dict, body: str, spans: set) -> None:
        ident = integer(row, "id", 1, MAX_BIGINT)
        if ident in self.quote_ids:
            raise Problem(f"duplicate statement id {ident}")
        self.quote_ids.add(ident)
        speaker = row.get("speaker")
        if speaker is not None:
            self.known([speaker], self.speakers, "speaker")
        text(row, "text", blank=False)
        choice(row, "kind", Quote.Kind)
        start, end = integer(row, "start"), integer(row, "end")
        anchored = flag(row, "anchored", True)
        # A withdrawn statement keeps where it last stood, which the changed body may not reach.
        if not start < end or (anchored and end > len(body)):
            raise Problem(f"span {start}-{end} is not inside the body")
        choice(row, "status", Status)
        origin = choice(row, "origin", Origin, default=Origin.EXTRACTED)
        if origin == Origin.EXTRACTED and anchored:
            if (start, end) in spans:
                raise Problem(f"a second extracted statement at {start}-{end}")
            spans.add((start, end))
        flag(row, "edited")
        text(row, "note", required=False)
        integer(row, "version", 1, default=1)
        self.known(names(row, "directives", 300), self.directives, "directive")
        if row.get("restatement_group") is not None:
            integer(row, "restatement_group", 1, MAX_BIGINT)
        if row.get("quoted_by") is not None:
            self.quoting.append((self.where, ident, integer(row, "quoted_by", 1, MAX_BIGINT)))
        stamps(row)

    def link(self, row: dict, seen: set) -> None:
        ends = integer(row, "from", 1, MAX_BIGINT), integer(row, "to", 1, MAX_BIGINT)
        for end in ends:
            if end not in self.quote_ids:
                raise Problem(f"unknown statement {end}")
        if ends[0] == ends[1]:
            raise Problem("links a statement to itself")
        kind = choice(row, "kind", QuoteLink.Kind)
        if (*ends, kind) in seen:
            raise Problem("duplicate link")
        seen.add((*ends, kind))
        choice(row, "status", Status)
        choice(row, "origin", Origin, default=Origin.EXTRACTED)
        score = row.get("score")
        if score is not None and (
            not isinstance(score, (int, float)) or isinstance(score, bool) or not math.isfinite(score)
        ):
            raise Problem(f"score {score!r} is not a number")
        stamps(row)


def check(source) -> None:
    """Raises ArchiveError listing every problem (up to MAX_PROBLEMS) of ``source``."""
    Checker(source).run()
