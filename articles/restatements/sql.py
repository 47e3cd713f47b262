"""The restatement index's SQL, both databases: bulk reads and writes in the cheapest form
each database takes.

An article brings a few hundred shingle hashes and a few dozen suggested links. Through
the ORM each would be a model instance and a query parameter; here PostgreSQL gets COPY
and array parameters (one parameter for the whole set, written as one array literal:
the driver adapting a list element by element costs more than the query), SQLite gets
executemany, and nothing builds model objects.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping

from django.db import connection, transaction
from django.db.models import Q

from articles import bulk_rows
from articles.models import Origin, Quote, QuoteLink, Status
from articles.restatements.models import Shingle, ShingleFrequency

SHINGLES = Shingle._meta.db_table
FREQUENCIES = ShingleFrequency._meta.db_table
LINKS = QuoteLink._meta.db_table
QUOTES = Quote._meta.db_table
# PostgreSQL: the looked-up values, as one array the planner cannot see into. Shown the
# array, it multiplies its length (tens of thousands of hashes for a batch) by the rows of
# an average hash, which common hashes make large, and reads the whole table, at a cost
# that grows with the archive. Hidden in a subquery, the array counts as a few values and
# the index is used, which is right for these lookups by design: the values are ids, or
# hashes chosen for being rare (docs/BENCHMARKS.md, "Design measurements").
ANY_OF = "ANY((SELECT %s::bigint[])::bigint[])"
# The price of hiding the array: the database cannot hash it, so each row it rechecks is
# compared with every value in turn. It rechecks rows when the bitmap of the pages to read
# outgrows work_mem and keeps whole pages instead of rows ("lossy"): every row of those
# pages then, against thousands of hashes. With the default 4 MB that happened within tens
# of thousands of articles. So the lookups raise work_mem for their transaction: 128 MB
# holds an exact bitmap of about two million pages, a Shingle table of 16 GB, several
# hundred thousand articles. Splitting the lookup in smaller arrays instead reads the same
# pages once per part (a statement's hashes share its pages).
LOOKUP_WORK_MEM = "128MB"


def insert(prints: Mapping[int, Collection[int]]) -> None:
    """Statement id -> its hashes."""
    bulk_rows.write_grouped(SHINGLES, ["quote_id", "hash"], prints)


def remove(quote_ids: Collection[int]) -> None:
    """The statements' shingle rows, for statements that stay (a deleted one takes its own)."""
    Shingle.objects.filter(quote_id__in=list(quote_ids)).delete()


def remove_suggested_links(quote_ids: Collection[int]) -> None:
    """Links extraction suggested to or from the statements and no editor decided. Locked
    first: an editor deciding one meanwhile waits, and finds it gone."""
    ids = list(quote_ids)
    undecided = QuoteLink.objects.filter(
        Q(from_quote__in=ids) | Q(to_quote__in=ids), status=Status.SUGGESTED, origin=Origin.EXTRACTED
    )
    doomed = list(undecided.select_for_update().order_by("pk").values_list("pk", flat=True))
    QuoteLink.objects.filter(pk__in=doomed).delete()


def links_from(quote_ids: Collection[int]) -> set[tuple[int, int, str]]:
    """(from, to, kind) of every link from the statements."""
    return set(QuoteLink.objects.filter(from_quote__in=list(quote_ids)).values_list("from_quote", "to_quote", "kind"))


def insert_links(rows: list[tuple[int, int, str, float]], when) -> None:
    """Suggested links, as (from statement, to statement, kind, score) rows, made ``when``."""
    when = connection.ops.adapt_datetimefield_value(when)
    columns = ["from_quote_id", "to_quote_id", "kind", "score", "status", "origin", "created_at", "updated_at"]
    bulk_rows.write(
        LINKS, columns, [(*row, Status.SUGGESTED.value, Origin.EXTRACTED.value, when, when) for row in rows]
    )


def add_counts(changes: dict[int, int]) -> None:
    """Add to each hash's statement count. Rows go in hash order, so that two loaders at
    once lock them in the same order and cannot deadlock."""
    rows = sorted((h, n) for h, n in changes.items() if n)
    if not rows:
        return
    upsert = f"ON CONFLICT (hash) DO UPDATE SET statements = {FREQUENCIES}.statements + excluded.statements"
    with connection.cursor() as cursor:
        if bulk_rows.postgres():
            cursor.execute(
                f"INSERT INTO {FREQUENCIES} (hash, statements) "
                f"SELECT * FROM unnest(%s::bigint[], %s::integer[]) {upsert}",
                [bulk_rows.array(h for h, _ in rows), bulk_rows.array(n for _, n in rows)],
            )
        else:
            cursor.executemany(f"INSERT INTO {FREQUENCIES} (hash, statements) VALUES (%s, %s) {upsert}", rows)


def _select(sql_any: str, sql_in: str, values: list) -> list[tuple]:
    """Rows for a set of values: one array parameter on PostgreSQL, IN lists on SQLite."""
    if not values:
        return []
    if bulk_rows.postgres():
        # SET LOCAL lasts until the transaction ends: the loader's batch, or this block.
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', %s, true)", [LOOKUP_WORK_MEM])
            cursor.execute(sql_any, [bulk_rows.array(values)])
            return cursor.fetchall()
    found = []
    with connection.cursor() as cursor:
        for chunk in bulk_rows.chunks(values):
            cursor.execute(sql_in.format(", ".join(["%s"] * len(chunk))), chunk)
            found.extend(cursor.fetchall())
    return found


def _grouped(key: str, value: str, values: list) -> dict[int, list[int]]:
    """Shingle rows whose ``key`` is one of ``values``: key -> its ``value``s, ascending.
    PostgreSQL groups them, one row and one array per key: building a Python tuple for each
    of a batch's hundred thousand postings cost the loader more than the lookup itself."""
    rows = _select(
        f"SELECT {key}, array_agg({value} ORDER BY {value}) FROM {SHINGLES} WHERE {key} = {ANY_OF} GROUP BY {key}",
        f"SELECT {key}, {value} FROM {SHINGLES} WHERE {key} IN ({{}}) ORDER BY {key}, {value}",
        values,
    )
    if bulk_rows.postgres():
        return dict(rows)
    found = defaultdict(list)
    for k, v in rows:
        found[k].append(v)
    return found


def frequencies(hashes: Iterable[int]) -> dict[int, int]:
    rows = _select(
        f"SELECT hash, statements FROM {FREQUENCIES} WHERE hash = {ANY_OF}",
        f"SELECT hash, statements FROM {FREQUENCIES} WHERE hash IN ({{}})",
        list(hashes),
    )
    return dict(rows)


def postings(hashes: Iterable[int]) -> dict[int, list[int]]:
    """Hash -> the statements carrying it."""
    return _grouped("hash", "quote_id", list(hashes))


def fingerprints(quote_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    return {pk: frozenset(hashes) for pk, hashes in _grouped("quote_id", "hash", list(quote_ids)).items()}


def counts_of(quote_ids: Iterable[int]) -> dict[int, int]:
    """How many of the given statements carry each hash (to take them off the counts)."""
    counts = defaultdict(int)
    for hashes in fingerprints(quote_ids).values():
        for h in hashes:
            counts[h] += 1
    return counts


def rejected(quote_ids: Iterable[int]) -> set[int]:
    """Those of the statements an editor rejected: never suggested as restated."""
    select = f"SELECT id FROM {QUOTES} WHERE status = '{Status.REJECTED.value}' AND id"
    rows = _select(f"{select} = {ANY_OF}", f"{select} IN ({{}})", list(quote_ids))
    return {row[0] for row in rows}


def estimated_rows(table: str) -> int | None:
    """PostgreSQL's estimate of a table's rows, or None (SQLite, or a table never analysed).
    An exact count reads the whole table; the planner's estimate is free and close enough
    for a cutoff (it counts committed rows only)."""
    if not bulk_rows.postgres():
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        estimate = cursor.fetchone()[0]
    return int(estimate) if estimate and estimate > 0 else None
