"""The home page, site-wide search, and the health probe."""

from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .. import search as archive_search
from ..models import Article, Directive, Speaker
from ..querysets import statement_count
from .common import paginate

HOME_ROWS = 8
PREVIEW_ROWS = 5
SNIPPET_CHARS = 260


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not: for load balancers and probes."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


def home(request):
    cited = Q(statement_count__gt=0)
    return render(request, "articles/home.html", {
        "articles": Article.objects.published().with_statement_counts().order_by("-published_on", "title")[:HOME_ROWS],
        "directives": Directive.objects.annotate(statement_count=statement_count()).filter(cited)
                      .order_by("-statement_count", "name")[:HOME_ROWS],
        "speakers": Speaker.objects.annotate(statement_count=statement_count()).filter(cited)
                    .order_by("-statement_count", "name")[:HOME_ROWS],
    })


def snippet(kind: str, row, query):
    if kind == "articles":
        return archive_search.highlight(row.body, query, SNIPPET_CHARS)
    if kind == "statements":
        return archive_search.highlight(row.text, query, SNIPPET_CHARS)
    if kind == "directives":
        return archive_search.highlight(row.description, query, SNIPPET_CHARS) if row.description else ""
    return ""


def search(request):
    """Every kind at once (a few of each), or one kind page by page with ``type``."""
    text = request.GET.get("q", "")[:archive_search.MAX_QUERY_CHARS]
    kind = request.GET.get("type", "")
    kind = kind if kind in archive_search.KINDS else ""
    query = archive_search.parse(text)
    context = {"q": text, "type": kind, "query": query, "kinds": archive_search.KINDS, "sections": []}
    if query:
        for name in [kind] if kind else archive_search.KINDS:
            results = archive_search.search(text, name)
            if kind:
                page = paginate(request, results)
                rows, count = page.object_list, page.paginator.count
            else:
                page, rows, count = None, results[:PREVIEW_ROWS], results.count()
            rows = [{"object": row, "snippet": snippet(name, row, query)} for row in rows]
            context["sections"].append({"kind": name, "rows": rows, "count": count, "page": page})
    return render(request, "articles/search.html", context)
