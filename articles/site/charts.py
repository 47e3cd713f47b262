"""Statements per month as bars for an inline SVG. Pure: counts in, geometry out.

The page draws the SVG itself (no script, no style attribute under the CSP): this module only
works out the months, including those with no statement, and where each bar goes, and
writes what the page prints for them. Written here, not by the template language: a
directive cited for years has a hundred bars, each printed three times, and the template
loops over them made up most of the page's time.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

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

    @property
    def text(self) -> str:
        """The month as the page prints it: 02/2026."""
        return f"{self.month:%m/%Y}"

    @cached_property
    def svg(self) -> dict[str, str]:
        """The numbers for the SVG's attributes, as text: the page's locale would print 12,5."""
        return {
            "x": str(self.x),
            "y": str(self.y),
            "width": str(self.width),
            "height": str(self.height),
            "centre": str(self.centre),
        }


def describe(bars: list[Bar]) -> str:
    """The chart in words, for its <desc>: 01/2026: 4; 02/2026: 0."""
    return "; ".join(f"{bar.text}: {bar.count}" for bar in bars)


def svg_bars(bars: list[Bar]) -> str:
    """The SVG elements of the bars and their labels (numbers and months only: nothing to
    escape), laid out as the template lays out the rest of the chart."""
    out = []
    for bar in bars:
        svg = bar.svg
        label = ""
        if bar.label:
            x = svg["x"] if bar.anchor == "start" else WIDTH if bar.anchor == "end" else svg["centre"]
            minor = " minor" if bar.anchor == "middle" else ""
            label = f'<text class="label{minor}" text-anchor="{bar.anchor}" x="{x}" y="{HEIGHT - 10}">{bar.text}</text>'
        out.append(
            f'\n    <rect class="bar" x="{svg["x"]}" y="{svg["y"]}" width="{svg["width"]}" '
            f'height="{svg["height"]}"><title>{bar.text}: {bar.count}</title></rect>\n    {label}\n    '
        )
    return "".join(out)


def table_rows(bars: list[Bar]) -> str:
    """The rows of the table that gives the chart's figures."""
    return "".join(f'<tr><td>{bar.text}</td><td class="num">{bar.count}</td></tr>' for bar in bars)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (
            current.replace(year=current.year + 1, month=1)
            if current.month == 12
            else current.replace(month=current.month + 1)
        )
    return months


def months_before(last: datetime.date, n: int) -> datetime.date:
    """The first of the month ``n`` months before ``last``'s."""
    index = last.year * 12 + last.month - 1 - n
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_bars(counts: dict[datetime.date, int], at_least: int = 1) -> list[Bar]:
    """One bar per month from the first to the last with statements, and over ``at_least``
    months however few have statements (so that one busy month is a bar, not the whole
    chart); a few carry a label."""
    counts = {m.replace(day=1): n for m, n in counts.items() if m is not None}
    if not counts:
        return []
    months = months_between(min(min(counts), months_before(max(counts), at_least - 1)), max(counts))
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
        bars.append(
            Bar(
                month,
                n,
                round(i * slot + GAP / 2, 2),
                round(BASELINE - height, 2),
                round(max(slot - GAP, 1), 2),
                round(height, 2),
                label=i in labelled,
                anchor=anchor,
            )
        )
    return bars
