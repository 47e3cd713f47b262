"""A web request whose query ran past the statement timeout answers 503, not 500.

A web process cancels any query running longer than ``ARCHIVE_WEB_STATEMENT_TIMEOUT_MS``
(settings). That is the database being too busy or a page too costly for now, not a fault in
the page: the reader is told to try again shortly (503 with ``Retry-After``), clients and
crawlers know to come back, and the server-error log keeps only real faults. The answer is
never cached.
"""

from django.db import OperationalError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

RETRY_AFTER_SECONDS = 30


def cancelled_by_timeout(exc: BaseException) -> bool:
    """PostgreSQL's "canceling statement due to statement timeout" (SQLSTATE 57014)."""
    cause = exc.__cause__
    return isinstance(exc, OperationalError) and getattr(cause, "sqlstate", None) == "57014"


class StatementTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not cancelled_by_timeout(exception):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
