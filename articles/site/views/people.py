"""Speakers: the list with their counts, and one speaker's page: titles over time, statements
per month, the directives they cite most, their first and latest statement, the people
quoted beside them, and every statement."""

from django.db.models import Count, Max, Min
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils.safestring import mark_safe

from articles.choices import PublicationStatus
from articles.counts.tallies import kept_statement_count
from articles.models import Directive, Quote, Speaker
from articles.querysets import public_quotes_q
from articles.site import charts
from articles.site.filters import QuoteFilter, SpeakerFilter
from articles.site.views.common import get_or_redirect, paginate
from articles.site.views.counted import Counted

# How many directives and people the side panel names; months a chart spans at least.
TOP = 5
CHART_MONTHS = 12


def speaker_list(request):
    speakers = Speaker.objects.annotate(statement_count=kept_statement_count()).order_by("-statement_count", "name")
    filterset = SpeakerFilter(request.GET, queryset=speakers)
    return render(
        request,
        "articles/speaker_list.html",
        {"filterset": filterset, "page": paginate(request, filterset.qs, 50, capped=True)},
    )


def month_chart(counts: dict) -> dict:
    bars = charts.month_bars(counts, at_least=CHART_MONTHS)
    # Numbers and months only: nothing in them to escape.
    return {
        "bars_list": bars,
        "width": charts.WIDTH,
        "height": charts.HEIGHT,
        "baseline": charts.BASELINE,
        "desc": charts.describe(bars),
        "bars": mark_safe(charts.svg_bars(bars)),
        "rows": mark_safe(charts.table_rows(bars)),
    }


def appearing_with(speaker: Speaker):
    """Other speakers quoted in the articles this speaker is quoted in, most shared first."""
    articles = Quote.objects.public().filter(speaker=speaker).values("article_id")
    return (
        Speaker.objects.filter(public_quotes_q("quotes__"), quotes__article_id__in=articles)
        .exclude(pk=speaker.pk)
        .annotate(together=Count("quotes__article", distinct=True))
        .order_by("-together", "name")
        .only("name", "slug")[:TOP]
    )


def speaker_detail(request, slug):
    speaker = get_or_redirect(request, Speaker.objects.select_related("tally"), slug, "speaker")
    if not isinstance(speaker, Speaker):
        return speaker
    titles = list(
        speaker.titles.filter(article__status=PublicationStatus.PUBLISHED)
        .values("title")
        .annotate(first_seen=Min("seen_on"), last_seen=Max("seen_on"))
        .order_by("first_seen", "title")
    )
    theirs = Quote.objects.public().filter(speaker=speaker)
    months = dict(
        theirs.annotate(month=TruncMonth("article__published_on"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    statements = theirs.as_cards().with_directives().newest_first()
    filterset = QuoteFilter(request.GET, queryset=statements)
    # Only the directives this speaker cited are worth offering, the most cited first. Counted
    # from the speaker's statements: DISTINCT in name order made PostgreSQL walk every
    # directive by name looking for theirs.
    cited = (
        Directive.objects.filter(public_quotes_q("quotes__"), quotes__speaker=speaker)
        .annotate(cited=Count("quotes"))
        .order_by("-cited", "name")
        .only("name", "slug")
    )
    filterset.filters["directive"].suggest_from(cited, key=f"cited-by:{speaker.pk}")
    listed = filterset.qs
    if not request.GET.keys() - {"page"}:
        # Unfiltered, the list is all their public statements: the database keeps that count.
        listed = Counted(listed, speaker.tally.statements if hasattr(speaker, "tally") else 0)
    by_date = theirs.as_cards()
    return render(
        request,
        "articles/speaker_detail.html",
        {
            "speaker": speaker,
            "titles": titles,
            # The title seen last: what the speaker was when last quoted.
            "current_title": max(titles, key=lambda t: (t["last_seen"], t["first_seen"]), default=None),
            "chart": month_chart(months),
            "cited": cited[:TOP],
            "first": by_date.order_by("article__published_on", "article_id", "start", "pk").first(),
            "latest": by_date.newest_first().first(),
            "with": appearing_with(speaker),
            "filterset": filterset,
            "page": paginate(request, listed),
        },
    )
