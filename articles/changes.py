"""The archive's generation: a number that changes whenever what readers see may have.

Anything cached from the archive (whole pages, the filter forms' suggestions) is kept under
the generation it was made in. Every save or delete of a row of the archive app, whoever
makes it (an editor in the admin, a loader, an import), sets a new generation once its
transaction commits, so nothing cached before it is found again.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "archive:generation"
APP_LABEL = "articles"


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


def on_change(sender, **kwargs) -> None:
    if sender._meta.app_label == APP_LABEL:
        invalidate(kwargs.get("using"))


def connect() -> None:
    """Every model of the archive app: articles, statements, links, speakers, directives,
    their aliases, titles and history."""
    post_save.connect(on_change, dispatch_uid="archive-page-cache-save")
    post_delete.connect(on_change, dispatch_uid="archive-page-cache-delete")
    m2m_changed.connect(on_change, dispatch_uid="archive-page-cache-m2m")


def recorded(model, pks, user=None, reason: str = "") -> None:
    """After a bulk ``update()`` (which saves no history and sends no signal): one history
    record per changed row as it now stands, and cached copies dropped."""
    rows = list(model._default_manager.filter(pk__in=list(pks)))
    if rows:
        model.history.bulk_history_create(rows, update=True, default_user=user, default_change_reason=reason)
    invalidate()
