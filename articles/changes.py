"""The archive's generation and its tags' versions: what cached copies are checked against.

Anything cached from the archive (whole pages, the filter forms' suggestions) is kept with
the generation it was made in. Every write to a table of the archive app sets a new
generation once its transaction commits, so nothing cached before it is found again: the
safe default, which needs nobody to say what a write changed.

Code that knows what it changes says so (``touching``): the writes seen while its scope is
open keep the generation, and move instead the versions of the tags of what it touched
(``articles.tags``: ``article:<slug>``, ``quote:<pk>``, ``speaker:<slug>``,
``directive:<slug>``, ``lists``), computed from the database as the rows stood when the scope
opened and as they stand when it ends, once the transaction commits. A page is kept with the
generation and its one tag's version, so an editor's decision drops only the pages that show
what it changed. A version is a fresh ``time.time_ns()``; a version missing from the cache
(evicted) is made anew, so an eviction costs a miss, never a stale page.

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
from contextlib import contextmanager
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created

GENERATION_KEY = "archive:generation"
TAG_KEY = "archive:tag:"
# The tag of every page that is not one object's: home, lists, search, feeds of all, sitemaps.
LISTS = "lists"
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


def tag_key(tag: str) -> str:
    return TAG_KEY + tag


def current(keys: list[str], found: dict) -> list:
    """The values of ``keys`` (a generation or tags' versions) as read into ``found``, those
    missing made anew: added, not set, so that two readers making one agree on it."""
    values = []
    for key in keys:
        value = found.get(key)
        if value is None:
            value = time.time_ns()
            if not cache.add(key, value, None):
                value = cache.get(key, value)
        values.append(value)
    return values


def versions(*tags: str) -> list:
    """The generation and the versions of ``tags``, in one read of the cache."""
    keys = [GENERATION_KEY, *map(tag_key, tags)]
    return current(keys, cache.get_many(keys))


def bump_tags(tags) -> None:
    """New versions for ``tags``: the pages kept with their old ones are no longer found."""
    value = time.time_ns()
    cache.set_many({tag_key(tag): value for tag in tags}, None)


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


def after_commit(func, using=None) -> None:
    """``func`` once the transaction commits, at once outside one."""
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(func, using=using)
    else:
        func()


class Scope:
    """What a scope declared it changes; ``wrote`` once a write was seen while it was open."""

    def __init__(self, alias: str):
        self.alias = alias
        self.quotes: set[int] = set()
        self.articles: set[int] = set()
        self.before: set[str] = set()
        self.wrote = False

    def add(self, quotes=(), articles=()) -> None:
        """More it changes, known only as it goes (a new article's id): their tags are
        computed as they stand at the scope's end."""
        self.quotes.update(quotes)
        self.articles.update(articles)


@contextmanager
def touching(quotes=(), articles=(), using=None):
    """Declare that the writes inside change these statements and articles (ids), and no
    other rows readers see but their speakers', directives' and links' (which the tags
    cover): they move those tags' versions, not the generation. If the block fails, what it
    wrote may be committed all the same (outside a transaction), so the generation moves."""
    from articles.tags import tags_of  # the models import this module

    connection = transaction.get_connection(using)
    scope = Scope(connection.alias)
    scope.add(quotes, articles)
    scope.before = tags_of(scope.quotes, scope.articles, using=connection.alias)
    scopes = connection.__dict__.setdefault("archive_scopes", [])
    scopes.append(scope)
    try:
        yield scope
    except BaseException:
        scopes.remove(scope)
        if scope.wrote:
            invalidate(connection.alias)
        raise
    scopes.remove(scope)
    if scope.wrote:
        tags = scope.before | tags_of(scope.quotes, scope.articles, using=connection.alias)
        after_commit(partial(bump_tags, frozenset(tags)), using=connection.alias)


def seen(connection) -> None:
    """A write to an archive table on ``connection``: its open scope's, else the generation's."""
    scopes = connection.__dict__.get("archive_scopes")
    if scopes:
        scopes[-1].wrote = True
    else:
        invalidate(connection.alias)


def writes_archive(sql) -> bool:
    text = sql if isinstance(sql, str) else str(sql)
    # Most statements are reads, told apart by their first word without a search.
    if text[:6].upper() == "SELECT" or TABLE_PREFIX not in text:
        return False
    return WRITE.search(text) is not None


def wrote(table: str, using=None) -> None:
    """For writes that bypass Django's cursor (COPY): ``table`` was written to."""
    if table.strip('"').startswith(TABLE_PREFIX):
        seen(transaction.get_connection(using))


class Watcher:
    """An execute wrapper: after a statement that wrote to an archive table, ``seen``."""

    def __init__(self, alias: str):
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if writes_archive(sql):
            seen(context["connection"])
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
