"""The backup is a PostgreSQL dump (docs/RELIABILITY.md): pg_dump of a database with edit
history, pg_restore into another, and every history row is there, as it was."""

import shutil
import subprocess

import psycopg
import pytest
from django.db import connection

from articles.editors import locking
from articles.models import Quote, Status
from tests.support import factories

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the backup is a PostgreSQL dump"),
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs pg_dump and pg_restore"),
    pytest.mark.django_db(transaction=True),
]

HISTORY_TABLES = ["articles_historicalarticle", "articles_historicalquote", "articles_historicalspeaker"]


def libpq_args(name: str) -> list[str]:
    s = connection.settings_dict
    args = ["--host", s["HOST"] or "127.0.0.1", "--port", str(s["PORT"] or 5432), "--username", s["USER"]]
    return [*args, "--dbname", name]


def admin_url(name: str) -> str:
    s = connection.settings_dict
    return f"postgresql://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def history(database: str) -> dict[str, list[tuple]]:
    with psycopg.connect(admin_url(database)) as db:
        return {
            table: db.execute(
                f"SELECT history_id, id, history_type, history_date, history_user_id, history_change_reason "
                f"FROM {table} ORDER BY history_id"
            ).fetchall()
            for table in HISTORY_TABLES
        }


def test_a_dump_restores_the_edit_history(tmp_path, editor):
    world = factories.sample_archive()
    statement = Quote.objects.get(pk=world["inner"].pk)
    statement.status, statement._history_user = Status.CONFIRMED, editor
    locking.save_if_current(statement, statement.version, ["status"])
    locking.update_all(Quote.objects.filter(pk=world["outer"].pk), editor, "rejected in review", status=Status.REJECTED)

    source = connection.settings_dict["NAME"]
    before = history(source)
    assert any(row[2] == "~" and row[5] == "rejected in review" for row in before["articles_historicalquote"])

    dump = tmp_path / "archive.dump"
    subprocess.run(["pg_dump", "--format=custom", "--file", str(dump), *libpq_args(source)], check=True)
    restored = f"{source}_restored"
    with psycopg.connect(admin_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        admin.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(["pg_restore", "--no-owner", *libpq_args(restored), str(dump)], check=True)
        assert history(restored) == before
    finally:
        with psycopg.connect(admin_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
