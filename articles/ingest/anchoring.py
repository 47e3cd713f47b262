"""Re-anchoring an editor's statement when its article's text changes. Pure functions."""

import re


def find_anchor(body: str, text: str, near: int) -> tuple[int, int] | None:
    """The span of ``text`` in ``body`` closest to where it used to start, or None if it is gone.

    An exact occurrence wins; failing that, one that differs only in spacing (a reflowed
    source), so an editor's statement survives a paragraph being re-wrapped.
    """
    if not text:
        return None
    starts = [m.start() for m in re.finditer(re.escape(text), body)]
    if starts:
        start = min(starts, key=lambda s: abs(s - near))
        return start, start + len(text)
    words = text.split()
    if not words:
        return None
    loose = re.compile(r"\s+".join(re.escape(w) for w in words))
    spans = [m.span() for m in loose.finditer(body)]
    if not spans:
        return None
    return min(spans, key=lambda span: abs(span[0] - near))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def mostly_covered(span: tuple[int, int], others: list[tuple[int, int]], share: float = 0.5) -> bool:
    """Whether some span in ``others`` covers at least ``share`` of ``span`` or vice versa."""
    length = span[1] - span[0]
    return any(overlap(span, o) >= share * min(length, o[1] - o[0]) for o in others)
