"""Transient failures of a write that meets another at the same rows: the database gives up
one side (a deadlock, a serialization failure, a lock it waited for too long, SQLite's
busy database), and trying the same transaction again succeeds. Read here for the loader and
for editors' saves alike."""

import logging
import time
from collections.abc import Callable

from django.db import OperationalError

logger = logging.getLogger(__name__)

# PostgreSQL's SQLSTATEs: serialization_failure, deadlock_detected, lock_not_available.
TRANSIENT_STATES = {"40001", "40P01", "55P03"}
ATTEMPTS = 4
# Seconds before each further attempt: the other transaction is usually done by then.
BACKOFF = (0.05, 0.2, 0.5)


def transient(exc: BaseException) -> bool:
    """Whether trying the transaction again may succeed."""
    if not isinstance(exc, OperationalError):
        return False
    state = getattr(exc.__cause__, "sqlstate", None)
    if state is not None:
        return state in TRANSIENT_STATES
    return "database is locked" in str(exc)  # SQLite, which has no SQLSTATE


def retried[T](attempt: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """``attempt()``, called again after a transient failure; the last failure is raised.
    ``attempt`` must be a whole transaction, so that a failed one left nothing behind."""
    for n in range(attempts):
        try:
            return attempt()
        except OperationalError as exc:
            if not transient(exc) or n == attempts - 1:
                raise
            logger.warning("tried again after a conflicting write: %s", str(exc).splitlines()[0])
            time.sleep(BACKOFF[min(n, len(BACKOFF) - 1)])
    raise AssertionError("unreachable")
