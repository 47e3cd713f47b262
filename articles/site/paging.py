"""What long public lists need at scale: counting only as far as a reader pages, and
statement counts worked out for the rows of one page only.

An exact count of a list of 760,000 statements reads all of them to print one number that
no reader checks; nobody pages that far either. ``CappedPaginator`` counts up to the next
round ``STEP`` past the requested page and says "more than …" beyond it, and serves no page
deeper than ``MAX_ROWS``: past that, the filters (a date range, a speaker) or the other sort
order reach the rest faster than paging would, and no request costs more than that.
"""

from django.core.paginator import Paginator
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

# Counting stops at the first multiple of STEP past the requested page; each page size
# (20, 50, 100) divides it, so a page never ends past the count.
STEP = 1000
MAX_ROWS = 10_000


def per_row_statement_count(field: str):
    """Public statements of each row, for annotate(): ``field`` is Quote's way to the row
    ("article", "speaker", "directives").

    A correlated subquery, so PostgreSQL counts for the rows a page shows, after the LIMIT;
    Count() over a join would group every statement of every row first."""
    from articles.models import Quote

    counted = (Quote.objects.public().filter(**{field: OuterRef("pk")}).order_by()
               .annotate(n=Func(F("pk"), function="COUNT")).values("n"))
    return Subquery(counted, output_field=IntegerField())


def kept_statement_count():
    """A speaker's or a directive's public statements, as the database keeps them
    (``articles.counts.tallies``): a join, where a subquery would count a directive's 80,000
    citations on every page that shows it."""
    return Coalesce(F("tally__statements"), 0)


class CappedPaginator(Paginator):
    """A paginator for page ``number`` that counts no further than it must.

    ``count`` is exact when ``capped`` is false, and otherwise the number of rows known to
    exist, a multiple of ``step`` (the pages say "more than {count}"). Two queries, as
    Django's. ``step`` must be a multiple of ``per_page``.
    """

    def __init__(self, object_list, per_page: int, number: int, step: int | None = None):
        super().__init__(object_list, per_page)
        step = step or getattr(object_list, "count_step", None) or STEP
        bottom = (max(number, 1) - 1) * self.per_page
        self.limit = min(MAX_ROWS, (bottom + self.per_page) // step * step + step)

    @cached_property
    def _counted(self) -> int:
        # One row past the limit tells "exactly limit" from "more than limit".
        if isinstance(self.object_list, QuerySet):
            return self.object_list.order_by().values("pk")[:self.limit + 1].count()
        return self.object_list.count(self.limit + 1)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.limit)

    @property
    def capped(self) -> bool:
        return self._counted > self.limit

    @property
    def at_depth_limit(self) -> bool:
        """Whether the pages stop here although rows remain."""
        return self.capped and self.limit == MAX_ROWS
