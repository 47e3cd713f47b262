"""Database outage drill: kill every PostgreSQL connection of a running site, measure recovery.

    make outage                      # or: .venv/bin/python scripts/outage.py [--seconds 20]

Serves the archive with gunicorn on a free 127.0.0.1 port from a PostgreSQL database with the
seeds loaded (OUTAGE_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/policy_archive_outage,
recreated), requests pages in a loop, and part-way through terminates every backend of that
database with pg_terminate_backend. Reports how many requests failed and how long after the
termination the site served 200 again, without a restart. Exits non-zero when recovery takes
5 s or more. The page cache is off for the drill, so that every request needs the database.
"""

import argparse
import os
import sys
import time

import psycopg
from serving import database_name, get, gunicorn, manage, recreate_database

PAGES = ["/", "/articles/", "/speakers/", "/directives/", "/statements/", "/search/?q=bi%E1%BB%83n"]
TARGET_SECONDS = 5.0


def terminate_backends(database_url: str) -> int:
    with psycopg.connect(database_url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database_name(database_url)],
        ).fetchall()
    return len(rows)


def drill(base: str, database_url: str, seconds: float, kill_at: float) -> dict:
    started = time.monotonic()
    killed_at = None
    terminated = 0
    requests = failed = 0
    recovered_after = None
    failures = {}
    index = 0
    while time.monotonic() - started < seconds:
        if killed_at is None and time.monotonic() - started >= kill_at:
            terminated = terminate_backends(database_url)
            killed_at = time.monotonic()
        status = get(base + PAGES[index % len(PAGES)])
        index += 1
        requests += 1
        if status != 200:
            failed += 1
            failures[status] = failures.get(status, 0) + 1
        elif killed_at is not None and recovered_after is None:
            recovered_after = time.monotonic() - killed_at
    return {
        "requests": requests,
        "failed": failed,
        "failures": failures,
        "terminated": terminated,
        "recovered_after": recovered_after,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    database_url = os.environ.get("OUTAGE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/policy_archive_outage")
    print(f"preparing {database_name(database_url)}: migrate and load the seeds", flush=True)
    recreate_database(database_url)
    manage(database_url, "migrate", "--noinput", "--verbosity", "0")
    manage(database_url, "load_seeds", "seeds/")
    # The page cache off: every request must reach the database for the drill to mean anything.
    with gunicorn(database_url, workers=options.workers, extra_env={"ARCHIVE_PAGE_CACHE_SECONDS": "0"}) as (
        base,
        _process,
    ):
        print(
            f"serving at {base}; requesting for {options.seconds:.0f} s, "
            f"terminating every backend at {options.seconds / 3:.0f} s",
            flush=True,
        )
        result = drill(base, database_url, options.seconds, options.seconds / 3)
    recovered = result["recovered_after"]
    print(f"requests: {result['requests']}  failed: {result['failed']} {result['failures'] or ''}")
    print(f"backends terminated: {result['terminated']}")
    print("first 200 after the termination: " + (f"{recovered * 1000:.0f} ms" if recovered is not None else "never"))
    ok = recovered is not None and recovered < TARGET_SECONDS
    print("PASS" if ok else f"FAIL: target is a 200 within {TARGET_SECONDS:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
