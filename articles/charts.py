"""Statements per month as bars for an inline SVG. Pure: counts in, geometry out.

The page draws the SVG itself (no script, no style attribute under the CSP): this module only
works out the months, including those with no statement, and where each bar goes.
"""

import datetime
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 160
BASELINE = 130
TOP = 12
GAP = 2


@dataclass(frozen=True)
class Bar:
    month: datetime.date
    count: int
    x: float
    y: float
    width: float
    height: float
    label: bool
    anchor: str = "middle"

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 2)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current.replace(year=current.year + 1, month=1) if current.month == 12
                   else current.replace(month=current.month + 1))
    return months


def month_bars(counts: dict[datetime.date, int]) -> list[Bar]:
    """One bar per month from the first to the last with statements; a few carry a label."""
    counts = {m.replace(day=1): n for m, n in counts.items() if m is not None}
    if not counts:
        return []
    months = months_between(min(counts), max(counts))
    most = max(counts.values())
    slot = WIDTH / len(months)
    every = max(1, round(len(months) / 6))
    last = len(months) - 1
    # Every few months a label; the last month always, so the one before it may give way.
    labelled = {i for i in range(0, len(months), every) if last - i >= every or i == last} | {last}
    bars = []
    for i, month in enumerate(months):
        n = counts.get(month, 0)
        height = (BASELINE - TOP) * n / most
        anchor = "start" if i == 0 else "end" if i == last else "middle"
        bars.append(Bar(month, n, round(i * slot + GAP / 2, 2), round(BASELINE - height, 2),
                        round(max(slot - GAP, 1), 2), round(height, 2), label=i in labelled, anchor=anchor))
    return bars
