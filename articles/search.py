"""Search across articles, statements, speakers and directives: one entry point, two backends.

``search(text, kind)`` returns the matching rows of one kind as a queryset, best first, with
a ``rank`` annotation. Both backends give the same meaning to a query: every word must
occur as a whole word, words in double quotes must occur together in that order, and case,
accents, đ/d and NFC/NFD make no difference ("tu chu chien luoc" finds "Tự chủ chiến lược").

- PostgreSQL: full-text search with the ``pa_vi`` configuration (unaccent, then simple) over
  the GIN expression indexes of migration 0003; ``Vector`` writes the indexed expressions, and
  they must stay identical or the planner stops using the indexes (a test checks it does).
- SQLite: LIKE over the space-padded folded words (``articles.folding``); speakers and
  directives are small, so their names are folded on the fly by a ``pa_fold`` SQL function.

``highlight()`` marks the matched words in a text for the result snippets, in Python, so the
snippets look the same on both databases.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import (BooleanField, Case, Exists, Field, FloatField, Func, IntegerField, OuterRef, Q,
                              QuerySet, TextField, Value, When)
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .folding import WORD, search_key
from .models import Article, Directive, DirectiveAlias, Quote, Speaker, SpeakerAlias
from .querysets import statement_count
from .text import fold, nfc

KINDS = ("articles", "statements", "speakers", "directives")
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


def default_queryset(kind: str) -> QuerySet:
    if kind == "articles":
        return Article.objects.published()
    if kind == "statements":
        return Quote.objects.public().with_people()
    if kind == "speakers":
        return Speaker.objects.annotate(statement_count=statement_count())
    if kind == "directives":
        return Directive.objects.annotate(statement_count=statement_count())
    raise ValueError(f"unknown kind {kind!r}")


def search(text: str, kind: str, queryset: QuerySet | None = None) -> QuerySet:
    """The rows of ``kind`` (one of KINDS) matching ``text``, best first, annotated ``rank``.

    ``queryset`` narrows the search (a filtered list); by default, what readers may see.
    """
    queryset = default_queryset(kind) if queryset is None else queryset
    query = parse(text)
    if not query:
        return queryset.none()
    connection = connections[queryset.db]
    if connection.vendor == "postgresql":
        return getattr(postgres, kind)(queryset, query)
    # The function may be missing on a connection opened before this module was imported.
    connection.ensure_connection()
    register_fold(None, connection)
    return getattr(sqlite, kind)(queryset, query)


# --- PostgreSQL -------------------------------------------------------------------------

class Vector(Func):
    """to_tsvector('pa_vi', ...), weighted or not: the SQL of migration 0003's indexes."""

    output_field = Field()

    def __init__(self, *expressions, weight: str | None = None):
        expression = expressions[0] if len(expressions) == 1 else Func(
            *expressions, arg_joiner=" || ' ' || ", template="%(expressions)s", output_field=TextField())
        template = "to_tsvector('pa_vi'::regconfig, %(expressions)s)"
        if weight:
            template = f"setweight({template}, '{weight}')"
        super().__init__(expression, template=template)


def either(*vectors):
    return Func(*vectors, arg_joiner=" || ", template="(%(expressions)s)", output_field=Field())


def tsquery(query: Query):
    phrases = [Func(Value(c.text), template="phraseto_tsquery('pa_vi'::regconfig, %(expressions)s)")
               for c in query.chunks]
    return Func(*phrases, arg_joiner=" && ", template="(%(expressions)s)", output_field=Field())


def matches(vector, query: Query):
    return Func(vector, tsquery(query), arg_joiner=" @@ ", template="(%(expressions)s)",
                output_field=BooleanField())


def ts_rank(vector, query: Query):
    return Func(vector, tsquery(query), function="ts_rank", output_field=FloatField())


class postgres:
    @staticmethod
    def article_vector():
        return either(Vector("title", weight="A"), Vector("body", weight="B"))

    @staticmethod
    def directive_vector():
        return either(Vector("name", "code", weight="A"), Vector("description", weight="C"))

    @classmethod
    def articles(cls, queryset, query):
        vector = cls.article_vector()
        return (queryset.filter(matches(vector, query)).annotate(rank=ts_rank(vector, query))
                .order_by("-rank", "-published_on", "pk"))

    @classmethod
    def statements(cls, queryset, query):
        return (queryset.filter(matches(Vector("text"), query)).annotate(rank=ts_rank(Vector("text"), query))
                .order_by("-rank", "-article__published_on", "pk"))

    @staticmethod
    def by_name_or_alias(queryset, query, vector, aliases, owner: str):
        """Rows matching by their own text or by an alias: a union of two index lookups, which
        PostgreSQL answers from both GIN indexes (an OR with EXISTS would scan the table)."""
        own = queryset.model.objects.filter(matches(vector, query)).values("pk")
        by_alias = aliases.filter(matches(Vector("name"), query)).values(owner)
        return queryset.filter(pk__in=own.union(by_alias)).annotate(rank=ts_rank(vector, query)).order_by(
            "-rank", "name")

    @classmethod
    def speakers(cls, queryset, query):
        return cls.by_name_or_alias(queryset, query, Vector("name"), SpeakerAlias.objects.all(), "speaker_id")

    @classmethod
    def directives(cls, queryset, query):
        return cls.by_name_or_alias(queryset, query, cls.directive_vector(), DirectiveAlias.objects.all(),
                                    "directive_id")


# --- SQLite ------------------------------------------------------------------------------

class Folded(Func):
    """``pa_fold(column)``: articles.folding.search_key, registered on each SQLite connection."""

    function = "pa_fold"
    output_field = TextField()


def register_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("pa_fold", 1, search_key, deterministic=True)


connection_created.connect(register_fold, dispatch_uid="articles.search.register_fold")


def _padded(chunk: Chunk) -> str:
    return f" {' '.join(chunk.words)} "


def _all_of(field: str, query: Query) -> Q:
    condition = Q()
    for chunk in query.chunks:
        condition &= Q(**{f"{field}__contains": _padded(chunk)})
    return condition


def _score(field: str, query: Query, weight: int = 1):
    """How many of the query's chunks occur in ``field``: SQLite's stand-in for ts_rank."""
    return sum((Case(When(Q(**{f"{field}__contains": _padded(c)}), then=Value(weight)), default=Value(0),
                     output_field=IntegerField()) for c in query.chunks), Value(0))


class sqlite:
    @staticmethod
    def articles(queryset, query):
        whole = Chunk("", query.words)
        return (queryset.filter(_all_of("search_folded", query))
                .alias(title_folded=Folded("title"))
                .annotate(rank=_score("title_folded", query, 2) + _score("search_folded", Query((whole,))))
                .order_by("-rank", "-published_on", "pk"))

    @staticmethod
    def statements(queryset, query):
        whole = Chunk("", query.words)
        return (queryset.filter(_all_of("search_folded", query))
                .annotate(rank=_score("search_folded", Query((whole,))))
                .order_by("-rank", "-article__published_on", "pk"))

    @staticmethod
    def speakers(queryset, query):
        alias = (SpeakerAlias.objects.filter(speaker=OuterRef("pk")).alias(folded=Folded("name"))
                 .filter(_all_of("folded", query)))
        return (queryset.alias(name_folded=Folded("name"))
                .filter(_all_of("name_folded", query) | Q(Exists(alias)))
                .annotate(rank=_score("name_folded", query)).order_by("-rank", "name"))

    @staticmethod
    def directives(queryset, query):
        alias = (DirectiveAlias.objects.filter(directive=OuterRef("pk")).alias(folded=Folded("name"))
                 .filter(_all_of("folded", query)))
        text = Concat("name", Value(" "), "code", Value(" "), "description", output_field=TextField())
        return (queryset.alias(name_folded=Folded("name"), text_folded=Folded(text))
                .filter(_all_of("text_folded", query) | Q(Exists(alias)))
                .annotate(rank=_score("name_folded", query, 2) + _score("text_folded", query))
                .order_by("-rank", "name"))


# --- Snippets ----------------------------------------------------------------------------

def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the query's words and phrases occur in ``text`` (NFC), merged and sorted."""
    tokens = [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
    starts: dict[str, list[int]] = {}
    for i, (_, _, word) in enumerate(tokens):
        starts.setdefault(word, []).append(i)
    spans = []
    for chunk in query.chunks:
        n = len(chunk.words)
        for i in starts.get(chunk.words[0], []):
            if tuple(t[2] for t in tokens[i:i + n]) == chunk.words:
                spans.append((tokens[i][0], tokens[i + n - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        # Words next to each other read as one match: one <mark>, not one per word.
        if merged and (start <= merged[-1][1] or text[merged[-1][1]:start].isspace()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _crop(text: str, spans, width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (spans[0][1] if spans else start) else end
    return start, end


def highlight(text: str, query: Query | str, width: int | None = None) -> SafeString:
    """``text`` escaped, with each match in <mark>; cut to about ``width`` characters around
    the first match when a width is given."""
    query = parse(query) if isinstance(query, str) else query
    text = nfc(text or "")
    spans = match_spans(text, query) if query else []
    start, end = (0, len(text)) if width is None else _crop(text, spans, width)
    parts, cursor = ["…" if start else ""], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        parts += [escape(text[cursor:s]), "<mark>", escape(text[s:e]), "</mark>"]
        cursor = e
    parts += [escape(text[cursor:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(parts))
