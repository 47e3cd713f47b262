"""Shared by the slow checks (outage.py, loadtest.py) and the benchmarks: a PostgreSQL
database to serve from, gunicorn on a free loopback port in the production profile (DEBUG
off, plain http), and wrk to load it."""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def manage(database_url: str, *args: str) -> None:
    """Runs manage.py; its output streams through, so a long load shows its progress."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def database_name(database_url: str) -> str:
    return urlsplit(database_url).path.lstrip("/")


def recreate_database(database_url: str) -> None:
    import psycopg

    name = database_name(database_url)
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 5.0) -> int:
    """The status code, or 0 when there is no HTTP answer at all."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


@contextlib.contextmanager
def gunicorn(database_url: str, workers: int = 2, threads: int = 1, extra_env: dict | None = None):
    """Yields (base_url, process); stops gunicorn on the way out, whatever happened."""
    manage(database_url, "collectstatic", "--noinput", "--verbosity", "0")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # What `make serve` sets for plain http on loopback.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        **(extra_env or {}),
    }
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "policy_archive.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while get(base + "/healthz", timeout=2) != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ensure_wrk() -> str | None:
    """wrk's path, installed with apt-get when missing and this is root; None when it cannot be."""
    if shutil.which("wrk") is None and shutil.which("apt-get") and os.geteuid() == 0:
        print("installing wrk with apt-get", flush=True)
        subprocess.run(
            "apt-get install -y -qq wrk >/dev/null 2>&1 || "
            "(apt-get update -qq && apt-get install -y -qq wrk >/dev/null)",
            shell=True,
        )
    return shutil.which("wrk")
