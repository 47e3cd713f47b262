"""The loader's own SQL: fresh planner statistics for the tables a load grows, on PostgreSQL.

The loader's queries are planned from statistics that ANALYZE gathers: how many rows a
table has, how many share a value. A table that has grown far past its statistics gets
plans made for a much smaller one: the restatement index read whole for each batch
(``hash = ANY(…)`` looks unselective on a table with no statistics), a trigger's cached
plan scanning every article for each statement stored. Each batch then costs more than the
last. A bulk load outruns autovacuum, which looks at most once a minute and may be off,
so the loader analyzes for itself, after each batch commits, every table that has grown to
more than twice the size its statistics describe: they are never more than half a table
out of date, at the cost of a few sampling passes per table over a load of any size.

Size is read from the table's file, not from the statistics collector's change counts: a
backend reports those at most once a second, so a check right after a commit could miss
the batch it follows.

The restatement index is also vacuumed after each batch. Its postings are read from an
index alone (``Shingle.Meta``), which PostgreSQL does only for pages the visibility map
marks all-visible, and only VACUUM marks them: left to autovacuum, a load's new pages stay
unmarked, and each posting on them is looked up in the table after all. The pages a batch
added are the only ones read, so it costs a few milliseconds.
"""

from django.db import connections

from articles.restatements.models import Shingle

# Read through index-only scans while a load writes them.
VACUUMED = [Shingle._meta.db_table]
# No parallel worker: starting one costs more than the vacuum itself. No index cleanup: a
# load of new rows deletes none, and autovacuum still cleans after reloads. SKIP_LOCKED:
# if autovacuum or another loader is at it, that run is as good as this one.
VACUUM = "VACUUM (PARALLEL 0, INDEX_CLEANUP OFF, SKIP_LOCKED)"

# Tables smaller than this (in 8 KB pages) are left to autovacuum: their plans do not matter.
MINIMUM_PAGES = 16


def stale_tables(minimum_pages: int | None = None, using: str = "default") -> list[str]:
    """This schema's tables with more than twice the pages their statistics counted."""
    minimum = MINIMUM_PAGES if minimum_pages is None else minimum_pages
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r' "
            "AND pg_relation_size(c.oid) / current_setting('block_size')::int > greatest(%s, 2 * c.relpages) "
            "ORDER BY c.relname",
            [minimum],
        )
        return [name for (name,) in cursor.fetchall()]


def refresh(minimum_pages: int | None = None, using: str = "default") -> list[str]:
    """ANALYZE the stale tables (PostgreSQL only; SQLite plans without them), VACUUM those
    read index-only unless inside a transaction, where VACUUM cannot run; the names of the
    tables analyzed."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    tables = stale_tables(minimum_pages, using)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        if not connection.in_atomic_block:
            for table in VACUUMED:
                cursor.execute(f"{VACUUM} {connection.ops.quote_name(table)}")
    return tables
