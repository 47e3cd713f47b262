"""A web server's queries are cancelled past ARCHIVE_WEB_STATEMENT_TIMEOUT_MS, so none outlives
its request; the loader and other commands are not limited."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from tests.support.sources import database_url

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout"),
    pytest.mark.django_db,
]
ROOT = Path(__file__).resolve().parents[2]

SLEEP = """
import sys
if sys.argv[1] == "web":
    import policy_archive.wsgi  # what gunicorn imports
else:
    import django
    django.setup()
from django.db import OperationalError, connection
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print(cursor.fetchone()[0])
    try:
        cursor.execute("SELECT pg_sleep(1)")
        print("finished")
    except OperationalError as exc:
        print("cancelled" if "statement timeout" in str(exc) else exc)
"""


def run(kind: str) -> list[str]:
    env = dict(
        os.environ,
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="tests.settings",
        ARCHIVE_WEB_STATEMENT_TIMEOUT_MS="200",
    )
    env.pop("ARCHIVE_PROCESS", None)
    done = subprocess.run(
        [sys.executable, "-c", SLEEP, kind], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_a_web_process_cancels_a_query_past_the_timeout():
    assert run("web") == ["200ms", "cancelled"]


def test_a_command_is_not_limited():
    assert run("command") == ["0", "finished"]


@override_settings(DEBUG=False, ROOT_URLCONF="tests.support.urls_failing")
def test_a_cancelled_query_answers_503_to_come_back_later(client):
    client.raise_request_exception = False
    response = client.get("/slow/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "Máy chủ đang bận" in response.content.decode()


@override_settings(DEBUG=False, ROOT_URLCONF="tests.support.urls_failing")
def test_another_database_error_is_still_a_server_error(client):
    client.raise_request_exception = False
    assert client.get("/refused/").status_code == 500
