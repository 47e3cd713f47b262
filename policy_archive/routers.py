"""Reads of the archive from a replica, everything else from the primary.

Only the public site's reads go to the replica, and only when it is safe for them to be a
moment behind: `ReplicaMiddleware` allows it for GET and HEAD requests outside the admin.
Inside a transaction, after a write in the same request, outside any request (loaders,
commands, the shell) and for every other app (sessions, users, login throttling: a reader
just logged in must find their session) reads stay on the primary. Migrations run on the
primary only; the replica gets its schema by replication.
"""

from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
REPLICATED_APPS = {"articles"}
SAFE_METHODS = {"GET", "HEAD"}

replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)


def has_replica() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            replica_allowed.get()
            and model._meta.app_label in REPLICATED_APPS
            and has_replica()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Whatever this request reads next must see what it just wrote.
        replica_allowed.set(False)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaMiddleware:
    """Marks the requests whose archive reads may go to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = request.method in SAFE_METHODS and not request.path_info.startswith("/admin/")
        token = replica_allowed.set(allowed)
        try:
            return self.get_response(request)
        finally:
            replica_allowed.reset(token)
