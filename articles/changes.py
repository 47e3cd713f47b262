"""The archive's generation: a number that changes whenever what readers see may have.

Anything cached from the archive (whole pages, the filter forms' suggestions) is kept under
the generation it was made in. Every write to a table of the archive app sets a new
generation once its transaction commits, so nothing cached before it is found again.

The writes are caught where they all pass: the database connection (``watch``), not model
signals. ``QuerySet.update()`` (the admin's bulk actions), ``bulk_create``/``bulk_update``,
deletes of many rows, m2m through tables, the loader's and the restatement index's own SQL
and the import send no signal, or not one per table; a statement that writes to an
``articles_`` table reaches the connection whoever sends it. The only writes that do not
go through a Django cursor, PostgreSQL's COPY in ``articles.bulk_rows``, call ``wrote``
themselves. Writes to other apps' tables (sessions, login attempts) keep the generation.
"""

import re
import time

from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created

GENERATION_KEY = "archive:generation"
# The archive app's tables are all named "articles_..." (its app label; no model sets db_table).
TABLE_PREFIX = "articles_"
# A statement that writes to an archive table: INSERT/UPDATE/DELETE/TRUNCATE, also inside a
# WITH, and SQLite's "INSERT OR IGNORE INTO" (an m2m add there, such as a citation).
# "SELECT ... FOR UPDATE OF articles_x" does not match: OF stands between.
WRITE = re.compile(
    r"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)"
    r'\s+(?:ONLY\s+)?"?' + TABLE_PREFIX,
    re.IGNORECASE,
)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = bump()
    return value


def bump():
    """A new generation: every page cached so far is no longer found."""
    value = time.time_ns()
    cache.set(GENERATION_KEY, value, None)
    return value


def invalidate(using=None) -> None:
    """A new generation once the change is committed (at once outside a transaction).

    Until the commit other readers still see the old rows, so pages cached meanwhile are
    right; one callback per transaction however many rows it saves (a loader saves many).
    """
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        bump()
    else:
        savepoints = set(connection.savepoint_ids)
        if not any(func is bump and sids == savepoints for sids, func, _ in connection.run_on_commit):
            transaction.on_commit(bump, using=using)


def writes_archive(sql) -> bool:
    text = sql if isinstance(sql, str) else str(sql)
    # Most statements are reads, told apart by their first word without a search.
    if text[:6].upper() == "SELECT" or TABLE_PREFIX not in text:
        return False
    return WRITE.search(text) is not None


def wrote(table: str, using=None) -> None:
    """For writes that bypass Django's cursor (COPY): ``table`` was written to."""
    if table.strip('"').startswith(TABLE_PREFIX):
        invalidate(using)


class Watcher:
    """An execute wrapper: after a statement that wrote to an archive table, ``invalidate``."""

    def __init__(self, alias: str):
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if writes_archive(sql):
            invalidate(self.alias)
        return result


def watch(connection) -> None:
    """Watch every statement ``connection`` runs (once per connection object)."""
    if not any(isinstance(w, Watcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(Watcher(connection.alias))


def on_connection(sender, connection, **kwargs) -> None:
    watch(connection)


def connect() -> None:
    """Every connection, as it opens: the wrapper list outlives reconnections, and
    ``watch`` adds it once."""
    connection_created.connect(on_connection, dispatch_uid="archive-generation-watch")


def recorded(model, pks, user=None, reason: str = "") -> None:
    """After a bulk ``update()`` (which saves no history): one history record per changed
    row as it now stands. The write itself already moved the generation (``watch``)."""
    rows = list(model._default_manager.filter(pk__in=list(pks)))
    if rows:
        model.history.bulk_history_create(rows, update=True, default_user=user, default_change_reason=reason)
