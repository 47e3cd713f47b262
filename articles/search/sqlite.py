"""SQLite's side of search: the folded column (``articles.folding``) matched with LIKE,
whole words only, and a count of the query's phrases standing in for ts_rank."""

from django.db.backends.signals import connection_created
from django.db.models import Case, Exists, Func, IntegerField, OuterRef, Q, TextField, Value, When
from django.db.models.functions import Concat

from articles.folding import search_key
from articles.models import DirectiveAlias, SpeakerAlias
from articles.search.backend import Plain
from articles.search.query import Chunk, Query


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
    return sum(
        (
            Case(
                When(Q(**{f"{field}__contains": _padded(c)}), then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for c in query.chunks
        ),
        Value(0),
    )


def _together(query: Query) -> Query:
    """All the query's words as one phrase: found as written, a row ranks higher."""
    return Query((Chunk("", query.words),))


class sqlite(Plain):
    @staticmethod
    def articles(queryset, query):
        return queryset.filter(_all_of("search_folded", query))

    @staticmethod
    def rank_articles(queryset, query):
        return queryset.alias(title_folded=Folded("title")).annotate(
            rank=_score("title_folded", query, 2) + _score("search_folded", _together(query))
        )

    statements = articles

    @staticmethod
    def rank_statements(queryset, query):
        return queryset.annotate(rank=_score("search_folded", _together(query)))

    @staticmethod
    def speakers(queryset, query):
        alias = (
            SpeakerAlias.objects.filter(speaker=OuterRef("pk"))
            .alias(folded=Folded("name"))
            .filter(_all_of("folded", query))
        )
        return queryset.alias(name_folded=Folded("name")).filter(_all_of("name_folded", query) | Q(Exists(alias)))

    @staticmethod
    def rank_speakers(queryset, query):
        return queryset.alias(name_folded=Folded("name")).annotate(rank=_score("name_folded", query))

    @staticmethod
    def directives(queryset, query):
        alias = (
            DirectiveAlias.objects.filter(directive=OuterRef("pk"))
            .alias(folded=Folded("name"))
            .filter(_all_of("folded", query))
        )
        return queryset.alias(text_folded=Folded(_directive_text())).filter(
            _all_of("text_folded", query) | Q(Exists(alias))
        )

    @staticmethod
    def rank_directives(queryset, query):
        return queryset.alias(name_folded=Folded("name"), text_folded=Folded(_directive_text())).annotate(
            rank=_score("name_folded", query, 2) + _score("text_folded", query)
        )


def _directive_text():
    return Concat("name", Value(" "), "code", Value(" "), "description", output_field=TextField())
