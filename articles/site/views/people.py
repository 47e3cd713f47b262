"""Speakers: the list with their counts, and one speaker's titles and statements."""

from django.db.models import Count, Max, Min
from django.shortcuts import render

from articles.choices import PublicationStatus
from articles.counts.tallies import kept_statement_count
from articles.models import Directive, Quote, Speaker
from articles.querysets import public_quotes_q
from articles.site.filters import QuoteFilter, SpeakerFilter
from articles.site.views.common import get_or_redirect, paginate
from articles.site.views.counted import Counted


def speaker_list(request):
    speakers = Speaker.objects.annotate(statement_count=kept_statement_count()).order_by("-statement_count", "name")
    filterset = SpeakerFilter(request.GET, queryset=speakers)
    return render(
        request,
        "articles/speaker_list.html",
        {"filterset": filterset, "page": paginate(request, filterset.qs, 50, capped=True)},
    )


def speaker_detail(request, slug):
    speaker = get_or_redirect(request, Speaker.objects.select_related("tally"), slug, "speaker")
    if not isinstance(speaker, Speaker):
        return speaker
    titles = (
        speaker.titles.filter(article__status=PublicationStatus.PUBLISHED)
        .values("title")
        .annotate(first_seen=Min("seen_on"), last_seen=Max("seen_on"))
        .order_by("first_seen", "title")
    )
    statements = Quote.objects.public().filter(speaker=speaker).as_cards().with_directives().newest_first()
    filterset = QuoteFilter(request.GET, queryset=statements)
    # Only the directives this speaker cited are worth offering, the most cited first. Counted
    # from the speaker's statements: DISTINCT in name order made PostgreSQL walk every
    # directive by name looking for theirs.
    filterset.filters["directive"].suggest_from(
        Directive.objects.filter(public_quotes_q("quotes__"), quotes__speaker=speaker)
        .annotate(cited=Count("quotes"))
        .order_by("-cited", "name")
        .only("name", "slug"),
        key=f"cited-by:{speaker.pk}",
    )
    listed = filterset.qs
    if not request.GET.keys() - {"page"}:
        # Unfiltered, the list is all their public statements: the database keeps that count.
        listed = Counted(listed, speaker.tally.statements if hasattr(speaker, "tally") else 0)
    return render(
        request,
        "articles/speaker_detail.html",
        {
            "speaker": speaker,
            "titles": titles,
            "filterset": filterset,
            "page": paginate(request, listed),
        },
    )
