"""SQLite's side of search: the folded column (``articles.folding``) matched with LIKE,
whole words only, and a count of the query's phrases standing in for ts_rank.

A word typed with tone marks must also occur with them (``articles.search.query``): SQLite
keeps no such column, so the row's text is keyed with its marks by ``pa_exact`` where the
folded column already matched (SQLite tests an AND's terms in order, so only those rows
are keyed). SQLite is the small archive's database: PostgreSQL stores that key instead.
"""

from django.db.backends.signals import connection_created
from django.db.models import Case, Exists, Func, IntegerField, OuterRef, Q, TextField, Value, When
from django.db.models.functions import Concat

from articles.folding import WORD, search_key
from articles.models import DirectiveAlias, SpeakerAlias
from articles.search.backend import Plain
from articles.search.query import Chunk, DocumentNumber, Query
from articles.text import nfc


def exact_key(text: str) -> str:
    """' tô lâm ' for 'Tô Lâm.': words lowercased with their marks, space-padded."""
    words = WORD.findall(nfc(text or "").lower())
    return f" {' '.join(words)} " if words else ""


class Folded(Func):
    """``pa_fold(column)``: articles.folding.search_key, registered on each SQLite connection."""

    function = "pa_fold"
    output_field = TextField()


class Exact(Func):
    """``pa_exact(column)``: ``exact_key``, registered on each SQLite connection."""

    function = "pa_exact"
    output_field = TextField()


def register_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("pa_fold", 1, search_key, deterministic=True)
        connection.connection.create_function("pa_exact", 1, exact_key, deterministic=True)


connection_created.connect(register_fold, dispatch_uid="articles.search.register_fold")


def _padded(words) -> str:
    return f" {' '.join(words)} "


def _chunk(field: str, chunk: Chunk) -> Q:
    condition = Q()
    for words in chunk.alternatives:
        condition |= Q(**{f"{field}__contains": _padded(words)})
    return condition


def _exact(field: str, query: Query) -> Q:
    condition = Q()
    for chunk in query.chunks:
        for phrase in chunk.exact:
            condition &= Q(**{f"{field}__contains": _padded(phrase)})
    return condition


def _marked(query: Query) -> bool:
    return any(c.exact for c in query.chunks)


def _all_of(field: str, query: Query, exact_field: str | None = None) -> Q:
    condition = Q()
    for chunk in query.chunks:
        condition &= _chunk(field, chunk)
    if exact_field and _marked(query):
        condition &= _exact(exact_field, query)
    return condition


def _score(field: str, query: Query, weight: int = 1):
    """How many of the query's chunks occur in ``field``: SQLite's stand-in for ts_rank."""
    return sum(
        (
            Case(When(_chunk(field, c), then=Value(weight)), default=Value(0), output_field=IntegerField())
            for c in query.chunks
        ),
        Value(0),
    )


def _as_typed(field: str, query: Query, weight: int):
    """``weight`` when the query's words occur as typed, marks and all (``ts_rank`` on PostgreSQL)."""
    typed = [c for c in query.chunks if not isinstance(c, DocumentNumber)]
    if not typed:
        return Value(0)
    condition = Q()
    for c in typed:
        condition &= Q(**{f"{field}__contains": _padded(c.typed)})
    return Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())


def _together(query: Query) -> Query:
    """All the query's words as one phrase: found as written, a row ranks higher."""
    if any(isinstance(c, DocumentNumber) for c in query.chunks):
        return Query(())
    return Query((Chunk("", query.words),))


def _text(*fields):
    parts = []
    for f in fields:
        parts += [f, Value(" ")]
    return Concat(*parts[:-1], output_field=TextField()) if len(fields) > 1 else fields[0]


ARTICLE_TEXT = ("title", "body")


class sqlite(Plain):
    @staticmethod
    def articles(queryset, query):
        return queryset.alias(exact=Exact(_text(*ARTICLE_TEXT))).filter(_all_of("search_folded", query, "exact"))

    @staticmethod
    def rank_articles(queryset, query):
        return queryset.alias(title_folded=Folded("title"), exact=Exact(_text(*ARTICLE_TEXT))).annotate(
            rank=_score("title_folded", query, 2)
            + _score("search_folded", _together(query))
            + _as_typed("exact", query, 4)
        )

    @staticmethod
    def statements(queryset, query):
        return queryset.alias(exact=Exact("text")).filter(_all_of("search_folded", query, "exact"))

    @staticmethod
    def rank_statements(queryset, query):
        return queryset.alias(exact=Exact("text")).annotate(
            rank=_score("search_folded", _together(query)) + _as_typed("exact", query, 2)
        )

    @staticmethod
    def speakers(queryset, query):
        alias = (
            SpeakerAlias.objects.filter(speaker=OuterRef("pk"))
            .alias(folded=Folded("name"), exact=Exact("name"))
            .filter(_all_of("folded", query, "exact"))
        )
        return queryset.alias(name_folded=Folded("name"), name_exact=Exact("name")).filter(
            _all_of("name_folded", query, "name_exact") | Q(Exists(alias))
        )

    @staticmethod
    def rank_speakers(queryset, query):
        return queryset.alias(name_folded=Folded("name"), name_exact=Exact("name")).annotate(
            rank=_score("name_folded", query) + _as_typed("name_exact", query, 2)
        )

    @staticmethod
    def directives(queryset, query):
        alias = (
            DirectiveAlias.objects.filter(directive=OuterRef("pk"))
            .alias(folded=Folded("name"), exact=Exact("name"))
            .filter(_all_of("folded", query, "exact"))
        )
        return queryset.alias(text_folded=Folded(_directive_text()), text_exact=Exact(_directive_text())).filter(
            _all_of("text_folded", query, "text_exact") | Q(Exists(alias))
        )

    @staticmethod
    def rank_directives(queryset, query):
        return queryset.alias(
            name_folded=Folded(_directive_name()),
            text_folded=Folded(_directive_text()),
            name_exact=Exact(_directive_name()),
        ).annotate(
            rank=_score("name_folded", query, 2) + _score("text_folded", query) + _as_typed("name_exact", query, 2)
        )


def _directive_name():
    return Concat("name", Value(" "), "code", output_field=TextField())


def _directive_text():
    return Concat("name", Value(" "), "code", Value(" "), "description", output_field=TextField())
