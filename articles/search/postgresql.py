"""PostgreSQL's side of search: full-text vectors, folded (migration 0005) and with their
marks (migration 0013), their GIN indexes, and reading in order where that beats the index.

A word typed with tone marks is looked up in both: the folded vector finds the phrase, the
exact one (the ``simple`` configuration: lowercase, marks kept) keeps the rows where the
marked words occur as typed (``articles.search.query``)."""

from django.db import connections
from django.db.models import BooleanField, Case, Expression, F, Field, FloatField, Func, Value, When
from django.db.models.expressions import RawSQL

from articles.models import DirectiveAlias, SpeakerAlias
from articles.search.backend import Count, Plain, by_key_columns, compiled, key_columns
from articles.search.query import Chunk, DocumentNumber, Query

# PostgreSQL, articles and statements: rows read newest first per match counted before the
# GIN index counts instead (a word in one row in PROBE is counted by reading), and how many
# such readings a walk to the rows of a page may take before gathering from the index is the
# better way. Articles walk further: gathering reads each match's page of the table, where a
# walk reads the pages in order, several times faster per row.
PROBE = {"articles": 4, "statements": 20}
WALK_SHARE = {"articles": 20, "statements": 4}


class StoredVector(Expression):
    """A stored tsvector column on the query's own table: ``search_vector`` (folded, migration
    0005) or ``search_exact`` (marks kept, migration 0013). Unknown to the models (SQLite has
    no tsvector), and under its subquery alias when the query is nested."""

    output_field = Field()

    def __init__(self, column: str = "search_vector"):
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name(compiler.query.base_table)}.{self.column}", []


def _phrase(config: str, text: str):
    return Func(Value(text), template=f"phraseto_tsquery('{config}'::regconfig, %(expressions)s)")


def _alternatives(chunk: Chunk):
    """A document number's spellings, any of which matches; its kind's abbreviation as a
    prefix, since the parser reads "59-NQ/TW" as "59" and "nq/tw"."""
    spellings = []
    for words in chunk.alternatives:
        if words == (chunk.number, chunk.abbreviation):
            words = (chunk.number, f"{chunk.abbreviation}:*")
        spellings.append("(" + " <-> ".join(words) + ")")
    return Func(Value(" | ".join(spellings)), template="to_tsquery('pa_vi'::regconfig, %(expressions)s)")


def _all(parts):
    return Func(*parts, arg_joiner=" && ", template="(%(expressions)s)", output_field=Field())


def tsquery(query: Query):
    """Every chunk, folded: the query for ``search_vector``."""
    return _all([_alternatives(c) if isinstance(c, DocumentNumber) else _phrase("pa_vi", c.text) for c in query.chunks])


def exact_tsquery(query: Query):
    """What must occur with its marks, for ``search_exact``; None when nothing was typed with them."""
    parts = [_phrase("simple", " ".join(phrase)) for c in query.chunks for phrase in c.exact]
    return _all(parts) if parts else None


def _match(column: str, tsq):
    return Func(StoredVector(column), tsq, arg_joiner=" @@ ", template="(%(expressions)s)", output_field=BooleanField())


def matches(query: Query):
    folded = _match("search_vector", tsquery(query))
    exact = exact_tsquery(query)
    if exact is None:
        return folded
    return Func(
        folded,
        _match("search_exact", exact),
        arg_joiner=" AND ",
        template="(%(expressions)s)",
        output_field=BooleanField(),
    )


def _bonus(condition, points: float):
    return Case(When(condition, then=Value(points)), default=Value(0.0), output_field=FloatField())


def ts_rank(query: Query):
    """ts_rank on the folded words, then a point for the words found as typed (marks and
    all) and half a point for all of them found together as one phrase: "Tự chủ chiến lược"
    above a text with "tự chủ" in one place and "chiến lược" in another, and either above
    "hội tụ ... chủ".
    """
    rank = Func(StoredVector(), tsquery(query), function="ts_rank", output_field=FloatField())
    typed = [c for c in query.chunks if not isinstance(c, DocumentNumber)]
    if typed:
        as_typed = _all([_phrase("simple", " ".join(c.typed)) for c in typed])
        rank = rank + _bonus(_match("search_exact", as_typed), 1.0)
    if len(query.words) > 1 and len(typed) == len(query.chunks):
        rank = rank + _bonus(_match("search_vector", _phrase("pa_vi", " ".join(query.words))), 0.5)
    return rank


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
        rows = (
            queryset.order_by(*order)
            .annotate(walk_id=F("pk"), walk_hit=matches(query), **keys)
            .values("walk_id", "walk_hit", *keys)
        )
        sql, params = compiled(rows)
        return f"{sql} OFFSET 0", params

    @staticmethod
    def gather(found, order, offset: int, limit: int | None) -> RawSQL:
        """The ids of every match, from the GIN index, sorted: the order is applied above a
        fence, so the planner cannot read the table in order instead."""
        keys = key_columns("gather", order)
        sql, params = compiled(found.order_by().annotate(gather_id=F("pk"), **keys).values("gather_id", *keys))
        by = by_key_columns("gather", order)
        return RawSQL(
            f'SELECT "gather_id" FROM ({sql} OFFSET 0) AS "gather" ORDER BY {by} LIMIT %s OFFSET %s',
            (*params, limit, offset),
        )

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
                (limit, *gin_params, *walk_params, probe, limit),
            )
            ids, hits, first = cursor.fetchone()
        counted = hits if hits >= limit else len(ids or ())
        # Reading on to ``wanted`` matches takes about wanted * probe / hits rows.
        strategy = "walk" if hits * WALK_SHARE[kind] >= wanted else "gather"
        return Count(counted, strategy, (ids or []) if counted < limit else None, first)

    @classmethod
    def ids(cls, kind, queryset, query, found, order, offset: int, limit: int | None, strategy):
        if strategy == "walk":
            walk, params = cls.walk(queryset, query, order)
            return RawSQL(
                f'SELECT "walk_id" FROM ({walk}) AS "walk" WHERE "walk_hit" LIMIT %s OFFSET %s',
                (*params, limit, offset),
            )
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
