"""What both databases' search backends share (``articles.search.postgresql`` and
``articles.search.sqlite``): matching, ranking, counting, and finding the rows of one page
or block.

Every backend class answers, for a kind ("articles", ...): ``<kind>(queryset, query)``, the
matching rows; ``rank_<kind>(queryset, query)``, those rows annotated ``rank``; ``count()``,
how many match up to a limit, with their ids when that is all of them, and how the rows of a
page are best found otherwise; ``ids()``, the ids of the rows from an offset, in a given
order, for a ``pk__in`` subquery.
"""

from typing import NamedTuple

from django.db.models import F


class Count(NamedTuple):
    """What counting the matches learnt: how many (up to the limit asked), how the rows of a
    page are best found, the ids of every match when the count found them all, and, when it
    read the first rows in order, the ids of the first matches in that order (``first``): the
    rows of the first pages, found without reading those rows again."""

    counted: int
    strategy: str | None
    ids: list | None
    first: list | None = None


def compiled(queryset) -> tuple[str, tuple]:
    return queryset.query.get_compiler(using=queryset.db).as_sql()


def order_keys(order) -> list[tuple[str, bool]]:
    """("-published_on", "pk") as [("published_on", True), ("pk", False)]: field, descending."""
    return [(o.lstrip("-"), o.startswith("-")) for o in order]


def key_columns(prefix: str, order) -> dict[str, F]:
    """The ``order`` keys as annotations ``<prefix>_0``, ``<prefix>_1``, …, to sort by above a fence."""
    return {f"{prefix}_{i}": F(field) for i, (field, _) in enumerate(order_keys(order))}


def by_key_columns(prefix: str, order) -> str:
    """ORDER BY's list for the columns of ``key_columns``."""
    return ", ".join(f'"{prefix}_{i}" {"DESC" if desc else "ASC"}' for i, (_, desc) in enumerate(order_keys(order)))


class Plain:
    """Counting and finding rows as the ORM writes them: what SQLite runs, and PostgreSQL for
    the small tables."""

    @staticmethod
    def count(kind, queryset, query, found, order, limit, wanted):
        rows = found.order_by().values_list("pk", flat=True)
        ids = list(rows[:limit] if limit is not None else rows)
        return Count(len(ids), None, ids if limit is None or len(ids) < limit else None)

    @staticmethod
    def ids(kind, queryset, query, found, order, offset: int, limit: int | None, strategy):
        rows = found.order_by(*order).values("pk")
        return rows[offset : offset + limit] if limit is not None else rows[offset:]
