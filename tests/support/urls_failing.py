"""The project's URLs plus views that fail, to see what a reader would get."""

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path

from policy_archive.urls import urlpatterns as project_urlpatterns


def broken(request):
    raise RuntimeError("secret-detail-from-the-traceback")


def slow(request):
    """A query cancelled by the statement timeout, as a web process sets it (PostgreSQL)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '50ms'")
        cursor.execute("SELECT pg_sleep(2)")
    return HttpResponse("finished")


def refused(request):
    """A query that fails for another reason than the timeout."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table_here")
    return HttpResponse("finished")


urlpatterns = [path("broken/", broken), path("slow/", slow), path("refused/", refused), *project_urlpatterns]
