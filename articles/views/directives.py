"""Directives: the list grouped by kind, and one directive with every statement citing it."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import render

from .. import charts
from ..filters import DirectiveFilter
from ..models import Directive, Quote
from ..querysets import statement_count
from .common import get_or_redirect, paginate

KIND_ORDER = {kind: i for i, kind in enumerate(Directive.Kind.values)}


def directive_list(request):
    directives = Directive.objects.annotate(statement_count=statement_count()).order_by("kind", "name")
    filterset = DirectiveFilter(request.GET, queryset=directives)
    page = paginate(request, filterset.qs, 100)
    groups: dict[str, list] = {}
    for d in page.object_list:
        groups.setdefault(d.kind, []).append(d)
    labels = dict(Directive.Kind.choices)
    grouped = [{"kind": k, "label": labels.get(k, k), "directives": groups[k]}
               for k in sorted(groups, key=lambda k: KIND_ORDER.get(k, len(KIND_ORDER)))]
    return render(request, "articles/directive_list.html",
                  {"filterset": filterset, "page": page, "groups": grouped})


def directive_detail(request, slug):
    directive = get_or_redirect(request, Directive.objects.select_related("parent"), slug, "directive")
    if not isinstance(directive, Directive):
        return directive
    statements = Quote.objects.public().for_directive(directive)
    per_month = (statements.annotate(month=TruncMonth("article__published_on")).values("month")
                 .annotate(n=Count("pk", distinct=True)).order_by("month"))
    bars = charts.month_bars({row["month"]: row["n"] for row in per_month})
    return render(request, "articles/directive_detail.html", {
        "directive": directive,
        "aliases": directive.aliases.all(),
        "children": directive.children.all(),
        "related": directive.related.all(),
        "bars": bars,
        "chart": {"width": charts.WIDTH, "height": charts.HEIGHT, "baseline": charts.BASELINE},
        "page": paginate(request, statements.with_people().newest_first()),
    })
