"""Speakers: the list with their counts, and one speaker's titles and statements."""

from django.db.models import Max, Min
from django.shortcuts import render

from ..filters import QuoteFilter, SpeakerFilter
from ..models import Directive, Quote, Speaker
from ..querysets import public_quotes_q, statement_count
from .common import get_or_redirect, paginate


def speaker_list(request):
    speakers = Speaker.objects.annotate(statement_count=statement_count()).order_by("-statement_count", "name")
    filterset = SpeakerFilter(request.GET, queryset=speakers)
    return render(request, "articles/speaker_list.html",
                  {"filterset": filterset, "page": paginate(request, filterset.qs, 50)})


def speaker_detail(request, slug):
    speaker = get_or_redirect(request, Speaker.objects.all(), slug, "speaker")
    if not isinstance(speaker, Speaker):
        return speaker
    titles = (speaker.titles.values("title").annotate(first_seen=Min("seen_on"), last_seen=Max("seen_on"))
              .order_by("first_seen", "title"))
    statements = Quote.objects.public().filter(speaker=speaker).with_people().with_directives().newest_first()
    filterset = QuoteFilter(request.GET, queryset=statements)
    # Only the directives this speaker cited are worth offering.
    filterset.filters["directive"].queryset = (
        Directive.objects.filter(public_quotes_q("quotes__"), quotes__speaker=speaker).distinct().only("name", "slug"))
    return render(request, "articles/speaker_detail.html", {
        "speaker": speaker, "titles": titles, "filterset": filterset, "page": paginate(request, filterset.qs),
    })
