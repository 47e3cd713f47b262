"""The two databases' side of search (``articles.search``): matching, ranking, counting,
and finding the rows of one page or block.

Every backend class answers, for a kind ("articles", ...): ``<kind>(queryset, query)``, the
matching rows; ``rank_<kind>(queryset, query)``, those rows annotated ``rank``; ``count()``,
how many match up to a limit, with their ids when that is all of them, and how the rows of a
page are best found otherwise; ``ids()``, the ids of the rows from an offset, in a given
order, for a ``pk__in`` subquery.
"""

from typing import NamedTuple

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import (BooleanField, Case, Exists, Expression, F, Field, FloatField, Func, IntegerField,
                              OuterRef, Q, TextField, Value, When)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from articles.folding import search_key
from articles.models import DirectiveAlias, SpeakerAlias
from articles.search.query import Chunk, Query

# PostgreSQL, articles and statements: rows read newest first per match counted before the
# GIN index counts instead (a word in one row in PROBE is counted by reading), and how many
# such readings a walk to the rows of a page may take before gathering from the index is the
# better way. Articles walk further: gathering reads each match's page of the table, where a
# walk reads the pages in order (measured at 100,000 articles: 30 µs a row against 5).
PROBE = {"articles": 4, "statements": 20}
WALK_SHARE = {"articles": 20, "statements": 4}


class Count(NamedTuple):
    """What counting the matches learnt: how many (up to the limit asked), how the rows of a
    page are best found, the ids of every match when the count found them all, and, when it
    read the first rows in order, the ids of the first matches in that order (``first``): the
    rows of the first pages, found without reading those rows again."""

    counted: int
    strategy: str | None
    ids: list | None
    first: list | None = None


def compiled(queryset) -> tuple[str, tuple]:
    return queryset.query.get_compiler(using=queryset.db).as_sql()


def order_keys(order) -> list[tuple[str, bool]]:
    """("-published_on", "pk") as [("published_on", True), ("pk", False)]: field, descending."""
    return [(o.lstrip("-"), o.startswith("-")) for o in order]


def key_columns(prefix: str, order) -> dict[str, F]:
    """The ``order`` keys as annotations ``<prefix>_0``, ``<prefix>_1``, …, to sort by above a fence."""
    return {f"{prefix}_{i}": F(field) for i, (field, _) in enumerate(order_keys(order))}


def by_key_columns(prefix: str, order) -> str:
    """ORDER BY's list for the columns of ``key_columns``."""
    return ", ".join(f'"{prefix}_{i}" {"DESC" if desc else "ASC"}' for i, (_, desc) in enumerate(order_keys(order)))


class Plain:
    """Counting and finding rows as the ORM writes them: what SQLite runs, and PostgreSQL for
    the small tables."""

    @staticmethod
    def count(kind, queryset, query, found, order, limit, wanted):
        rows = found.order_by().values_list("pk", flat=True)
        ids = list(rows[:limit] if limit is not None else rows)
        return Count(len(ids), None, ids if limit is None or len(ids) < limit else None)

    @staticmethod
    def ids(kind, queryset, query, found, order, offset: int, limit: int | None, strategy):
        rows = found.order_by(*order).values("pk")
        return rows[offset:offset + limit] if limit is not None else rows[offset:]


# --- PostgreSQL -------------------------------------------------------------------------

class StoredVector(Expression):
    """The ``search_vector`` column of migration 0005 on the query's own table: unknown to the
    models (SQLite has no tsvector), and under its subquery alias when the query is nested."""

    output_field = Field()

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name(compiler.query.base_table)}.search_vector", []


def tsquery(query: Query):
    phrases = [Func(Value(c.text), template="phraseto_tsquery('pa_vi'::regconfig, %(expressions)s)")
               for c in query.chunks]
    return Func(*phrases, arg_joiner=" && ", template="(%(expressions)s)", output_field=Field())


def matches(query: Query):
    return Func(StoredVector(), tsquery(query), arg_joiner=" @@ ", template="(%(expressions)s)",
                output_field=BooleanField())


def ts_rank(query: Query):
    return Func(StoredVector(), tsquery(query), function="ts_rank", output_field=FloatField())


class postgres:
    """The planner chooses well between the GIN index and reading in order when it knows how
    common the words are, and it does for one word. For several it multiplies their
    frequencies, so "Việt Nam", in one statement in seven, looks like one in fifty, and a
    phrase of common words (“ngoại giao cây tre”) like one in ten thousand: it then fetches
    every match from the index to keep the newest twenty, a hundred thousand rows. And a
    word it has no statistics for looks common enough to read newest first, through the
    whole table when there is none. So for articles and statements the way is chosen here,
    from a count that reads newest first only a little way (``count``), and imposed by the
    shape of the SQL (``walk`` and ``gather``).
    """

    @staticmethod
    def walk(queryset, query, order) -> tuple[str, tuple]:
        """Every row in ``order`` with whether it matches and its ``order`` keys (walk_0, …),
        read only as far as a LIMIT above asks. The match is tested above this subquery's
        OFFSET 0 fence, so the planner cannot turn the reading into an index lookup of every
        match and a sort."""
        keys = key_columns("walk", order)
        rows = queryset.order_by(*order).annotate(walk_id=F("pk"), walk_hit=matches(query), **keys).values(
            "walk_id", "walk_hit", *keys)
        sql, params = compiled(rows)
        return f"{sql} OFFSET 0", params

    @staticmethod
    def gather(found, order, offset: int, limit: int | None) -> RawSQL:
        """The ids of every match, from the GIN index, sorted: the order is applied above a
        fence, so the planner cannot read the table in order instead."""
        keys = key_columns("gather", order)
        sql, params = compiled(found.order_by().annotate(gather_id=F("pk"), **keys).values("gather_id", *keys))
        by = by_key_columns("gather", order)
        return RawSQL(f'SELECT "gather_id" FROM ({sql} OFFSET 0) AS "gather" ORDER BY {by} LIMIT %s OFFSET %s',
                      (*params, limit, offset))

    @classmethod
    def count(cls, kind, queryset, query, found, order, limit, wanted):
        """Up to ``limit`` matches counted, and how to find ``wanted`` of them in order.

        Articles and statements are read in order for PROBE rows per match wanted: a common
        word is counted there. Otherwise the GIN index finds them, returning their ids when
        they are fewer than ``limit`` (the page then fetches those by key, whatever the
        planner would have guessed), and the share of matches among the rows read says
        whether further rows are nearer by reading on (a word still fairly common) or by
        gathering every match from the index and sorting them. The matches the reading found
        are the first ones in ``order`` (any other comes after the rows read): their ids come
        back too, in that order, and serve the first pages.
        """
        if kind not in PROBE or limit is None:
            return Plain.count(kind, queryset, query, found, order, limit, wanted)
        walk, walk_params = cls.walk(queryset, query, order)
        gin, gin_params = compiled(found.order_by().values("pk")[:limit])
        probe = limit * PROBE[kind]
        by = by_key_columns("walk", order)
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(
                f'SELECT CASE WHEN "hits" < %s THEN (SELECT array_agg("pk") FROM ({gin}) AS "gin") END, '
                f'"hits", "first" '
                f'FROM (SELECT count(*) AS "hits", array_agg("walk_id" ORDER BY {by}) AS "first" '
                f'FROM (SELECT * FROM ({walk} LIMIT %s) AS "walk" WHERE "walk_hit" LIMIT %s) AS "hit") AS "probe"',
                (limit, *gin_params, *walk_params, probe, limit))
            ids, hits, first = cursor.fetchone()
        counted = hits if hits >= limit else len(ids or ())
        # Reading on to ``wanted`` matches takes about wanted * probe / hits rows.
        strategy = "walk" if hits * WALK_SHARE[kind] >= wanted else "gather"
        return Count(counted, strategy, (ids or []) if counted < limit else None, first)

    @classmethod
    def ids(cls, kind, queryset, query, found, order, offset: int, limit: int | None, strategy):
        if strategy == "walk":
            walk, params = cls.walk(queryset, query, order)
            return RawSQL(f'SELECT "walk_id" FROM ({walk}) AS "walk" WHERE "walk_hit" LIMIT %s OFFSET %s',
                          (*params, limit, offset))
        if strategy == "gather":
            return cls.gather(found, order, offset, limit)
        return Plain.ids(kind, queryset, query, found, order, offset, limit, strategy)

    @staticmethod
    def articles(queryset, query):
        return queryset.filter(matches(query))

    @staticmethod
    def rank_articles(queryset, query):
        return queryset.annotate(rank=ts_rank(query))

    @staticmethod
    def by_name_or_alias(queryset, query, aliases, owner: str):
        """Rows matching by their own text or by an alias: a union of two index lookups, which
        PostgreSQL answers from both GIN indexes (an OR with EXISTS would scan the table)."""
        own = queryset.model.objects.filter(matches(query)).values("pk")
        return queryset.filter(pk__in=own.union(aliases.filter(matches(query)).values(owner)))

    @classmethod
    def speakers(cls, queryset, query):
        return cls.by_name_or_alias(queryset, query, SpeakerAlias.objects.all(), "speaker_id")

    @classmethod
    def directives(cls, queryset, query):
        return cls.by_name_or_alias(queryset, query, DirectiveAlias.objects.all(), "directive_id")

    statements = articles
    rank_statements = rank_speakers = rank_directives = rank_articles


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


def _together(query: Query) -> Query:
    """All the query's words as one phrase: found as written, a row ranks higher."""
    return Query((Chunk("", query.words),))


class sqlite(Plain):
    @staticmethod
    def articles(queryset, query):
        return queryset.filter(_all_of("search_folded", query))

    @staticmethod
    def rank_articles(queryset, query):
        return (queryset.alias(title_folded=Folded("title"))
                .annotate(rank=_score("title_folded", query, 2) + _score("search_folded", _together(query))))

    statements = articles

    @staticmethod
    def rank_statements(queryset, query):
        return queryset.annotate(rank=_score("search_folded", _together(query)))

    @staticmethod
    def speakers(queryset, query):
        alias = (SpeakerAlias.objects.filter(speaker=OuterRef("pk")).alias(folded=Folded("name"))
                 .filter(_all_of("folded", query)))
        return queryset.alias(name_folded=Folded("name")).filter(_all_of("name_folded", query) | Q(Exists(alias)))

    @staticmethod
    def rank_speakers(queryset, query):
        return queryset.alias(name_folded=Folded("name")).annotate(rank=_score("name_folded", query))

    @staticmethod
    def directives(queryset, query):
        alias = (DirectiveAlias.objects.filter(directive=OuterRef("pk")).alias(folded=Folded("name"))
                 .filter(_all_of("folded", query)))
        return (queryset.alias(text_folded=Folded(_directive_text()))
                .filter(_all_of("text_folded", query) | Q(Exists(alias))))

    @staticmethod
    def rank_directives(queryset, query):
        return (queryset.alias(name_folded=Folded("name"), text_folded=Folded(_directive_text()))
                .annotate(rank=_score("name_folded", query, 2) + _score("text_folded", query)))


def _directive_text():
    return Concat("name", Value(" "), "code", Value(" "), "description", output_field=TextField())
