"""Statements: the filtered list, its CSV download, and a statement's permalink page."""

import csv

from django.conf import settings
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render

from articles.models import Quote, SpeakerTitle
from articles.site import fragments
from articles.site.filters import QuoteFilter, listed
from articles.site.rendering import render_body
from articles.site.views import linked
from articles.site.views.common import PER_PAGE, paginate

CSV_COLUMNS = ["id", "url", "published_on", "article", "speaker", "kind", "status", "directives", "text"]


def public_statements():
    return Quote.objects.public().with_people().with_directives().newest_first()


def quote_list(request):
    # Only what a card shows: not each article's body and folded copy, twenty times over.
    statements = Quote.objects.public().as_cards().with_directives().newest_first()
    filterset = QuoteFilter(request.GET, queryset=statements)
    return render(
        request,
        "articles/quote_list.html",
        {"filterset": filterset, "page": paginate(request, listed(filterset, PER_PAGE), capped=True)},
    )


def quote_detail(request, pk):
    quote = (
        Quote.objects.public()
        .with_people()
        .select_related("quoted_by__speaker")
        .defer("search_folded", "article__search_folded", "quoted_by__search_folded")
        .filter(pk=pk)
        .first()
    )
    if quote is None:
        return quote_gone(request, pk)
    # Unordered: render_body sorts the spans, and the model's ordering would join the article.
    around = quote.article.paragraphs.filter(start__lt=quote.end, end__gt=quote.start).order_by()
    titles = SpeakerTitle.objects.filter(speaker_id=quote.speaker_id, article_id=quote.article_id)
    links = linked.page_of(request, {quote.pk: quote})
    links["rows"] = fragments.linked_rows(links["rows"])
    return render(
        request,
        "articles/quote_detail.html",
        {
            "quote": quote,
            "context_blocks": render_body(
                quote.article.body, list(around), [quote], around=(quote.start, quote.end), notes=False
            ),
            "directives": quote.directives.only("name", "slug"),
            "titles": [t.title for t in titles] if quote.speaker_id else [],
            "linked": links,
        },
    )


def quote_gone(request, pk):
    """A statement that was public and is no longer: 410 Gone, so a citation of it learns
    why, with the last text the source had (unless an editor rejected it) and its article."""
    quote = get_object_or_404(
        Quote.objects.gone()
        .select_related("article")
        .only("text", "status", "anchored", "article__title", "article__slug", "article__published_on"),
        pk=pk,
    )
    return render(request, "articles/quote_gone.html", {"quote": quote}, status=410)


class PassThrough:
    def write(self, value):
        return value


def cell(value) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: such text is quoted."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def quote_csv(request):
    """The filtered list's statements (not only one page), newest first, at most
    ARCHIVE_CSV_MAX_ROWS of them, as UTF-8 CSV with a BOM, written as they are read."""
    filterset = QuoteFilter(request.GET, queryset=public_statements())
    if not filterset.is_valid():
        return HttpResponseBadRequest(filterset.errors.as_text(), content_type="text/plain; charset=utf-8")
    writer = csv.writer(PassThrough())
    limit = settings.ARCHIVE_CSV_MAX_ROWS

    def rows():
        yield "\ufeff" + writer.writerow(CSV_COLUMNS)
        for q in filterset.qs[:limit].iterator(chunk_size=500):
            yield writer.writerow(
                [
                    cell(v)
                    for v in [
                        q.pk,
                        request.build_absolute_uri(q.get_absolute_url()),
                        q.article.published_on.isoformat(),
                        q.article.title,
                        q.speaker.name if q.speaker else "",
                        q.kind,
                        q.status,
                        "; ".join(d.name for d in q.directives.all()),
                        q.text,
                    ]
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statements.csv"'
    response["X-Statements-Limit"] = str(limit)
    return response
