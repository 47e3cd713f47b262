"""The home page, site-wide search, and the health probe."""

from django.db import DatabaseError, connection
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from articles.counts.tallies import per_row_statement_count
from articles.models import Article, Directive, Speaker
from articles.search import results as archive_search
from articles.search.snippets import highlight, matches_all
from articles.site.views.common import paginate

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


def ranked(model):
    """The speakers or directives with the most public statements, by the counts the
    database keeps (``articles.counts.tallies``): an index read, not a count of the archive."""
    return (
        model.objects.filter(tally__statements__gt=0)
        .annotate(statement_count=F("tally__statements"))
        .order_by("-statement_count", "name")
        .only("name", "slug")[:HOME_ROWS]
    )


def home(request):
    return render(
        request,
        "articles/home.html",
        {
            "articles": Article.objects.published()
            .annotate(statement_count=per_row_statement_count("article"))
            .only("title", "slug", "published_on")
            .order_by("-published_on", "title")[:HOME_ROWS],
            "directives": ranked(Directive),
            "speakers": ranked(Speaker),
        },
    )


BEST_MATCHES = 3


def best_matches(sections, query) -> list[dict]:
    """The speakers and directives whose own name (or code) has every word of the query,
    from the rows already found: the reader typed a name, so that person or document comes
    first, above the statements that mention it."""
    best = []
    for section in sections:
        if section["kind"] not in ("speakers", "directives"):
            continue
        for row in section["rows"]:
            obj = row["object"]
            name = f"{obj.name} {obj.code}" if section["kind"] == "directives" else obj.name
            if matches_all(name, query):
                best.append({"kind": section["kind"], "object": obj})
    return best[:BEST_MATCHES]


def snippet(kind: str, row, query):
    if kind == "articles":
        return highlight(row.body, query, SNIPPET_CHARS)
    if kind == "statements":
        return highlight(row.text, query, SNIPPET_CHARS)
    if kind == "directives":
        return highlight(row.description, query, SNIPPET_CHARS) if row.description else ""
    return ""


def search(request):
    """Every kind at once (a few of each), or one kind page by page with ``type``.

    Counts stop at ``WHOLE``: past it the page says "more than", and the results are ranked
    a block at a time (``articles.search``), which the page tells the reader.
    """
    text = request.GET.get("q", "")[: archive_search.MAX_QUERY_CHARS]
    kind = request.GET.get("type", "")
    kind = kind if kind in archive_search.KINDS else ""
    query = archive_search.parse(text)
    context = {
        "q": text,
        "type": kind,
        "query": query,
        "kinds": archive_search.KINDS,
        "sections": [],
        "whole": archive_search.WHOLE,
        # Not "block": inside {% block %} the template engine binds that name to the block.
        "ranked": archive_search.BLOCK,
    }
    if query:
        for name in [kind] if kind else archive_search.KINDS:
            results = archive_search.search(text, name)
            if kind:
                page = paginate(request, results, capped=True)
                rows, count, capped = page.object_list, page.paginator.count, page.paginator.capped
            else:
                counted = results.count(archive_search.WHOLE + 1)
                page, rows = None, results[:PREVIEW_ROWS]
                count, capped = min(counted, archive_search.WHOLE), counted > archive_search.WHOLE
            rows = [{"object": row, "snippet": snippet(name, row, query)} for row in rows]
            context["sections"].append({"kind": name, "rows": rows, "count": count, "capped": capped, "page": page})
        context["blocked"] = any(s["capped"] for s in context["sections"])
        context["best"] = best_matches(context["sections"], query)
    return render(request, "articles/search.html", context)
