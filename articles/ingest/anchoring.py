"""Finding a statement again when its article's text changes. Pure functions.

A statement is stored the way annotation tools store a highlight (the W3C Web Annotation
``TextQuoteSelector`` and ``TextPositionSelector`` that Hypothesis uses): its exact text,
a little of the text before and after it, and where it started, which is only a hint.
Re-anchoring tries the exact text first, the occurrence whose context agrees best and then
the nearest to the hint; failing that, the stretch of the new body most like the old text,
if it is like enough (``FUZZY_THRESHOLD``).
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from articles.text import CONTEXT, context_of

__all__ = ["CONTEXT", "Anchor", "Selector", "anchor", "context_of", "find_anchor", "fuzzy_span", "selector"]


@dataclass(frozen=True)
class Selector:
    """What is kept of a statement to find it again: text, context, and the old position."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0


@dataclass(frozen=True)
class Anchor:
    """Where a selector was found: the span, and whether its text is the old text exactly."""

    start: int
    end: int
    exact: bool


def selector(body: str, start: int, end: int, context: int = CONTEXT) -> Selector:
    return Selector(body[start:end], *context_of(body, start, end, context), start)


def agreement(body: str, span: tuple[int, int], chosen: Selector) -> int:
    """How many characters of the stored context the body still has around ``span``."""
    before = body[max(0, span[0] - len(chosen.prefix)) : span[0]]
    after = body[span[1] : span[1] + len(chosen.suffix)]
    same_before = next((i for i, (a, b) in enumerate(zip(reversed(before), reversed(chosen.prefix))) if a != b), None)
    same_after = next((i for i, (a, b) in enumerate(zip(after, chosen.suffix)) if a != b), None)
    return (min(len(before), len(chosen.prefix)) if same_before is None else same_before) + (
        min(len(after), len(chosen.suffix)) if same_after is None else same_after
    )


def exact_spans(body: str, text: str) -> list[tuple[int, int]]:
    """Every occurrence of ``text``; failing that, those that differ only in spacing (a
    reflowed source), so a statement survives a paragraph being re-wrapped."""
    if not text.strip():
        return []
    spans = [(m.start(), m.start() + len(text)) for m in re.finditer(re.escape(text), body)]
    if spans:
        return spans
    loose = re.compile(r"\s+".join(re.escape(w) for w in text.split()))
    return [m.span() for m in loose.finditer(body)]


def find_anchor(body: str, text: str, near: int) -> tuple[int, int] | None:
    """The span of ``text`` in ``body`` closest to ``near``, or None if it is not there."""
    spans = exact_spans(body, text)
    return min(spans, key=lambda span: abs(span[0] - near)) if spans else None


# The least rapidfuzz ``ratio`` (0 to 100) for the stretch of the new body most like a
# statement's old text to count as that statement. docs/RELIABILITY.md gives the figures it
# was chosen from: a word changed inside a seed statement scores well above it, and the
# best stretch of an article for a statement taken out of it scores below.
FUZZY_THRESHOLD = 80.0


def anchor(body: str, chosen: Selector, threshold: float = FUZZY_THRESHOLD) -> Anchor | None:
    """Where the statement ``chosen`` describes is in ``body`` now, or None if it is gone."""
    spans = exact_spans(body, chosen.exact)
    if spans:
        best = min(spans, key=lambda span: (-agreement(body, span, chosen), abs(span[0] - chosen.start)))
        return Anchor(*best, exact=body[best[0] : best[1]] == chosen.exact)
    span = fuzzy_span(body, chosen.exact, threshold)
    return Anchor(*span, exact=False) if span else None


def fuzzy_span(body: str, text: str, threshold: float = FUZZY_THRESHOLD) -> tuple[int, int] | None:
    """The stretch of ``body`` most like ``text``, on word boundaries, if its ratio reaches
    ``threshold``.

    rapidfuzz aligns a window as long as ``text``; a changed word is seldom as long as the
    old one, so the window's ends are then moved to the nearby word boundaries that make
    the stretch most like the old text.
    """
    if not text.strip() or len(text) > len(body):
        return None
    found = fuzz.partial_ratio_alignment(text, body, score_cutoff=threshold)
    if found is None:
        return None
    slack = max(8, len(text) // 5)
    starts = {found.dest_start, *boundaries(body, found.dest_start - slack, found.dest_start + slack, starting=True)}
    ends = {found.dest_end, *boundaries(body, found.dest_end - slack, found.dest_end + slack, starting=False)}
    best, best_score = None, threshold
    for start in sorted(starts):
        for end in sorted(ends):
            if end - start < len(text) // 2:
                continue
            score = fuzz.ratio(text, body[start:end], score_cutoff=best_score)
            if score > best_score or (best is None and score >= best_score):
                best, best_score = (start, end), score
    return best


def boundaries(body: str, low: int, high: int, starting: bool) -> list[int]:
    """Positions in [low, high] where a word starts (``starting``) or ends: at spaces, and
    between letters and punctuation, so a stretch may take a closing quote or leave a full stop."""
    low, high = max(0, low), min(len(body), high)
    found = []
    for i in range(low, high + 1):
        before = body[i - 1] if i > 0 else " "
        after = body[i] if i < len(body) else " "
        outside, inside = (before, after) if starting else (after, before)
        if (outside.isspace() and not inside.isspace()) or (inside.isalnum() and not outside.isalnum()):
            found.append(i)
    return found


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def mostly_covered(span: tuple[int, int], others: list[tuple[int, int]], share: float = 0.5) -> bool:
    """Whether some span in ``others`` covers at least ``share`` of ``span`` or vice versa."""
    length = span[1] - span[0]
    return any(overlap(span, o) >= share * min(length, o[1] - o[0]) for o in others)


def best_covering(span: tuple[int, int], others: list[tuple[int, int]], share: float = 0.5) -> int | None:
    """The index of the span in ``others`` that overlaps ``span`` most, if it mostly covers it."""
    length = span[1] - span[0]
    scored = [(overlap(span, o), i) for i, o in enumerate(others)]
    scored = [(n, i) for n, i in scored if n >= share * min(length, others[i][1] - others[i][0])]
    return max(scored)[1] if scored else None
