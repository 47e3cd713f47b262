"""Two speakers compared: their statements side by side on the directives both cite."""

from django import forms
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from articles.models import Directive, Quote, Speaker
from articles.querysets import public_quotes_q
from articles.site.filters import NameField, SuggestingInput, quoted_lately

# Directives shown, the most cited by both first; statements of each speaker per directive.
DIRECTIVES = 10
PER_SIDE = 3


def suggestions():
    return list(quoted_lately().values_list("name", flat=True)[:20])


class CompareForm(forms.Form):
    """Two speakers, each by slug or name as the lists take them (``NameField``)."""

    a = NameField("speakers", label=_("First speaker"), required=False, widget=SuggestingInput(suggestions))
    b = NameField("speakers", label=_("Second speaker"), required=False, widget=SuggestingInput(suggestions))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Both boxes offer the same names: read once.
        names = []

        def once():
            if not names:
                names.append(suggestions())
            return names[0]

        for field in self.fields.values():
            field.widget.suggestions = once

    def speaker(self, name: str) -> Speaker | None:
        found = self.cleaned_data.get(name)
        return None if found is None else Speaker.objects.filter(pk__in=found).order_by("name").first()


def shared_directives(a: Speaker, b: Speaker):
    """The directives both cite in public statements, the most cited by the two first."""
    by = {}
    for side, speaker in (("a", a), ("b", b)):
        by[side] = Count("quotes", filter=public_quotes_q("quotes__") & Q(quotes__speaker=speaker), distinct=True)
    return (
        Directive.objects.filter(public_quotes_q("quotes__"), quotes__speaker__in=[a, b])
        .annotate(**by)
        .filter(a__gt=0, b__gt=0)
        .order_by("-a", "-b", "name")
        .only("name", "slug", "kind")[:DIRECTIVES]
    )


def side_by_side(a: Speaker, b: Speaker, directives) -> list[dict]:
    """Per directive, the newest statements of each speaker citing it."""
    statements = (
        Quote.objects.public()
        .filter(speaker__in=[a, b], directives__in=directives)
        .distinct()
        .as_cards()
        .with_directives()
        .newest_first()
    )
    rows = [{"directive": d, "a": [], "b": []} for d in directives]
    by_directive = {row["directive"].pk: row for row in rows}
    for quote in statements:
        side = "a" if quote.speaker_id == a.pk else "b"
        for cited in quote.directives.all():
            row = by_directive.get(cited.pk)
            if row is not None and len(row[side]) < PER_SIDE:
                row[side].append(quote)
    return rows


def speaker_compare(request):
    form = CompareForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        a, b = form.speaker("a"), form.speaker("b")
        if a is not None and b is not None:
            directives = list(shared_directives(a, b))
            context.update(a=a, b=b, rows=side_by_side(a, b, directives) if directives else [])
    return render(request, "articles/speaker_compare.html", context)
