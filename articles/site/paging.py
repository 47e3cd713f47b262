"""What long public lists need at scale: counting only as far as a reader pages, and
statement counts worked out for the rows of one page only.

An exact count of a list of 760,000 statements reads all of them to print one number that
no reader checks; nobody pages that far either. ``CappedPaginator`` counts up to the next
round ``STEP`` past the requested page and says "more than …" beyond it, and serves no page
deeper than ``MAX_ROWS``: past that, the filters (a date range, a speaker) or the other sort
order reach the rest faster than paging would, and no request costs more than that.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

# Counting stops at the first multiple of STEP past the requested page; each page size
# (20, 50, 100) divides it, so a page never ends past the count.
STEP = 1000
MAX_ROWS = 10_000


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
            return self.object_list.order_by().values("pk")[: self.limit + 1].count()
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
