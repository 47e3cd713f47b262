"""The site comes back by itself when PostgreSQL drops its connections (a restart, a
failover, an administrator's pg_terminate_backend). The full drill with gunicorn is
`make outage`; this is the same recovery in-process."""

import time

import psycopg
import pytest
from django.db import InterfaceError, OperationalError, close_old_connections, connection, connections
from django.test import Client, override_settings

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="terminates PostgreSQL backends"),
    # Every alias: with a replica configured, the public pages read from it.
    pytest.mark.django_db(transaction=True, databases="__all__"),
]


def terminate(pid: int) -> None:
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            time.sleep(0.05)


def backend_pid(alias: str = "default") -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def open_backends() -> dict[str, int]:
    """The backend of each connection the last request opened (the replica's too, if any)."""
    return {c.alias: backend_pid(c.alias) for c in connections.all() if c.connection is not None}


@override_settings(ARCHIVE_PAGE_CACHE_SECONDS=0)  # a cached page would not need the database
def test_next_request_after_the_connection_was_killed_is_served():
    client = Client()
    assert client.get("/").status_code == 200
    killed = open_backends()
    for pid in killed.values():
        terminate(pid)
    started = time.monotonic()
    # What a server does at the start of every request (the test client skips it):
    # with CONN_HEALTH_CHECKS the dead persistent connection is found and replaced.
    close_old_connections()
    assert client.get("/").status_code == 200
    assert time.monotonic() - started < 5
    assert all(backend_pid(alias) != pid for alias, pid in killed.items())


def test_health_checks_are_what_recovers():
    """Without the per-request check the dead connection is used as is: this is what the
    setting protects against, so the test above cannot pass by accident."""
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    backend_pid()
    terminate(backend_pid())
    with pytest.raises((InterfaceError, OperationalError)):
        backend_pid()
    close_old_connections()
    assert backend_pid()
