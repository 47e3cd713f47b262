"""Directives: the list grouped by kind, and one directive with every statement citing it."""

from django.db.models import Count
from django.shortcuts import render
from django.utils.safestring import mark_safe

from articles.counts.tallies import kept_statement_count
from articles.models import Directive, Quote
from articles.site import charts
from articles.site.filters import DirectiveFilter
from articles.site.views.common import get_or_redirect, paginate
from articles.site.views.counted import Counted

KIND_ORDER = {kind: i for i, kind in enumerate(Directive.Kind.values)}
CHART_MONTHS = 12


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
    # A year at least, so that one month of statements is a bar among months, not the chart.
    bars = charts.month_bars(months, at_least=CHART_MONTHS)
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
            "first": Quote.objects.public().for_directive(directive).as_cards().oldest_first().first(),
            "points": restated_points(directive),
        },
    )


def restated_points(directive: Directive, limit: int = 10) -> list[dict]:
    """The points made again and again while citing the directive: each restatement group an
    editor made, by how often it was said, with the statement that said it first."""
    groups = (
        Quote.objects.public()
        .for_directive(directive)
        .exclude(restatement_group=None)
        .values("restatement_group")
        .annotate(times=Count("pk", distinct=True))
        .filter(times__gt=1)
        .order_by("-times", "restatement_group")[:limit]
    )
    times = {row["restatement_group"]: row["times"] for row in groups}
    firsts = {}
    for quote in Quote.objects.public().filter(restatement_group__in=times).as_cards().oldest_first():
        firsts.setdefault(quote.restatement_group_id, quote)
    return [{"first": firsts[g], "times": n} for g, n in times.items() if g in firsts]
