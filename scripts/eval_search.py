"""Search relevance: precision@5 and MRR of the relevance set (tests/support/relevance.py)
on the database DATABASE_URL names (SQLite by default), in a throwaway test database.

    make eval-search                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa make eval-search

Prints each query that missed its first result, then the two figures; exits non-zero below
the target MRR. docs/SEARCH.md keeps the figures.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.db import connection
from django.test.utils import setup_test_environment

from tests.support import relevance

TARGET_MRR = 0.9


def main() -> int:
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        outcomes = relevance.evaluate(relevance.build())
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    for o in outcomes:
        if o.rank != 1 or os.environ.get("VERBOSE"):
            print(f"  {o.query!r} ({o.kind}): first relevant at {o.rank or 'none'}; top {o.top}")
    precision, mrr = relevance.summary(outcomes)
    print(f"{connection.vendor}: {len(outcomes)} queries, precision@5 {precision:.3f}, MRR {mrr:.3f}")
    return 0 if mrr >= TARGET_MRR else 1


if __name__ == "__main__":
    sys.exit(main())
