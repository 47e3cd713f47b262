"""A read-only JSON API mirroring the public lists: the same FilterSets, the same rows.

Plain JsonResponse views. A filter that does not validate (a malformed date, an unknown
speaker) is a 400 with the reasons; pages are numbered like the site's. Like the site's
lists, a long list is counted only as far as the page asked for (``articles.site.paging``):
``count`` is then a lower bound and ``count_exact`` is false, and no page lies deeper than
10,000 rows. Statement counts are the site's too: per row of the page for articles, the
database's kept counts for speakers and directives.
"""

from django.http import JsonResponse

from articles.counts.tallies import kept_statement_count, per_row_statement_count
from articles.models import Article, Directive, Speaker
from articles.site.filters import ArticleFilter, DirectiveFilter, QuoteFilter, SpeakerFilter, TextFilterSet, listed
from articles.site.views.common import paginate
from articles.site.views.statements import public_statements

PER_PAGE = 50


def absolute(request, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def article_row(request, a: Article) -> dict:
    return {
        "title": a.title,
        "slug": a.slug,
        "url": absolute(request, a),
        "published_on": a.published_on.isoformat(),
        "statements": a.statement_count,
    }


def quote_row(request, q) -> dict:
    return {
        "id": q.pk,
        "url": absolute(request, q),
        "text": q.text,
        "kind": q.kind,
        "status": q.status,
        "speaker": {"name": q.speaker.name, "slug": q.speaker.slug, "url": absolute(request, q.speaker)}
        if q.speaker
        else None,
        "article": {
            "title": q.article.title,
            "slug": q.article.slug,
            "url": absolute(request, q.article),
            "published_on": q.article.published_on.isoformat(),
        },
        "directives": [{"name": d.name, "slug": d.slug, "kind": d.kind} for d in q.directives.all()],
    }


def speaker_row(request, s: Speaker) -> dict:
    return {
        "name": s.name,
        "slug": s.slug,
        "url": absolute(request, s),
        "kind": s.kind,
        "statements": s.statement_count,
    }


def directive_row(request, d: Directive) -> dict:
    return {
        "name": d.name,
        "slug": d.slug,
        "url": absolute(request, d),
        "kind": d.kind,
        "code": d.code,
        "issuer": d.issuer,
        "statements": d.statement_count,
    }


def listing(request, filterset_class, queryset, row):
    filterset = filterset_class(request.GET, queryset=queryset)
    if not filterset.is_valid():
        return JsonResponse(
            {"errors": filterset.errors.get_json_data()}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    # With a text, the rows are found as the site's lists find them, a page at a time.
    rows = listed(filterset, PER_PAGE) if isinstance(filterset, TextFilterSet) else filterset.qs
    page = paginate(request, rows, PER_PAGE, capped=True)

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": page.paginator.count,
            "count_exact": not page.paginator.capped,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [row(request, obj) for obj in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def articles(request):
    queryset = (
        Article.objects.published()
        .annotate(statement_count=per_row_statement_count("article"))
        .order_by("-published_on", "title")
    )
    return listing(request, ArticleFilter, queryset, article_row)


def quotes(request):
    return listing(request, QuoteFilter, public_statements(), quote_row)


def speakers(request):
    queryset = Speaker.objects.annotate(statement_count=kept_statement_count()).order_by("-statement_count", "name")
    return listing(request, SpeakerFilter, queryset, speaker_row)


def directives(request):
    queryset = Directive.objects.annotate(statement_count=kept_statement_count()).order_by("kind", "name")
    return listing(request, DirectiveFilter, queryset, directive_row)
