"""An editor's save that meets a reload (or another editor) at the same rows is tried again.

PostgreSQL resolves two transactions waiting on each other's rows by failing one of them
(a deadlock); that one, tried again a moment later, goes through. Each write request runs
its view in one transaction, tried again after such a failure (``articles.conflicts``); if
it still fails, the editor is told so with a 409 and nothing was saved, instead of a 500.
"""

from django.db import OperationalError, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from articles import conflicts

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class RetryConflictsMiddleware:
    """Last in the chain, so that every check before the view (CSRF, login) has run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method in SAFE_METHODS:
            return None
        storage = getattr(request, "_messages", None)
        queued = list(getattr(storage, "_queued_messages", []))

        def attempt():
            if storage is not None:  # a failed attempt's messages go with it
                storage._queued_messages[:] = queued
            with transaction.atomic():
                return view(request, *args, **kwargs)

        try:
            return conflicts.retried(attempt)
        except OperationalError as exc:
            if not conflicts.transient(exc):
                raise
            return conflict(request)


def conflict(request):
    message = _(
        "Not saved: the archive was busy with the same statements (a reload of the article, "
        "or another editor) and gave up waiting. Nothing was changed; try again."
    )
    if "/annotate/" in request.path:  # the annotate view's script reads JSON
        return JsonResponse({"error": message}, status=409)
    return render(request, "admin/articles/conflict.html", {"title": _("Not saved"), "message": message}, status=409)
