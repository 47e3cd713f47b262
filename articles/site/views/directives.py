"""Directives: the list grouped by kind, and one directive with every statement citing it."""

from django.shortcuts import render
from django.utils.safestring import mark_safe

from articles.counts.tallies import kept_statement_count
from articles.models import Directive, Quote
from articles.site import charts
from articles.site.filters import DirectiveFilter
from articles.site.views.common import get_or_redirect, paginate
from articles.site.views.counted import Counted

KIND_ORDER = {kind: i for i, kind in enumerate(Directive.Kind.values)}


def directive_list(request):
    directives = Directive.objects.annotate(statement_count=kept_statement_count()).order_by("kind", "name")
    filterset = DirectiveFilter(request.GET, queryset=directives)
    page = paginate(request, filterset.qs, 100, capped=True)
    groups: dict[str, list] = {}
    for d in page.object_list:
        groups.setdefault(d.kind, []).append(d)
    labels = dict(Directive.Kind.choices)
    grouped = [
        {"kind": k, "label": labels.get(k, k), "directives": groups[k]}
        for k in sorted(groups, key=lambda k: KIND_ORDER.get(k, len(KIND_ORDER)))
    ]
    return render(request, "articles/directive_list.html", {"filterset": filterset, "page": page, "groups": grouped})


def directive_detail(request, slug):
    directive = get_or_redirect(request, Directive.objects.select_related("parent"), slug, "directive")
    if not isinstance(directive, Directive):
        return directive
    # Kept per month by the database: the chart and the count read these rows, never the
    # statements, however many cite the directive.
    months = dict(directive.months.filter(statements__gt=0).values_list("month", "statements"))
    statements = Quote.objects.public().for_directive(directive).as_cards().newest_first()
    bars = charts.month_bars(months)
    return render(
        request,
        "articles/directive_detail.html",
        {
            "directive": directive,
            "aliases": directive.aliases.all(),
            "children": directive.children.all(),
            "related": directive.related.all(),
            "bars": bars,
            # Numbers and months only: nothing in them to escape.
            "chart": {
                "width": charts.WIDTH,
                "height": charts.HEIGHT,
                "baseline": charts.BASELINE,
                "desc": charts.describe(bars),
                "bars": mark_safe(charts.svg_bars(bars)),
                "rows": mark_safe(charts.table_rows(bars)),
            },
            "page": paginate(request, Counted(statements, sum(months.values()))),
        },
    )
