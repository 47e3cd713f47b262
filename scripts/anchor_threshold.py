"""The figures behind ``articles.ingest.anchoring.FUZZY_THRESHOLD`` (docs/RELIABILITY.md).

    .venv/bin/python scripts/anchor_threshold.py

For every statement of at least four words that extraction finds in the seeds and the gold
articles, two changed bodies: one with a word inside the statement replaced (the statement
should be found), one with the statement taken out (it should not). Prints the similarity
rapidfuzz gives the best stretch of each body, and how many of each kind ``anchor`` finds
at a few thresholds. Pure Python, no database; the word and its position are drawn from a
fixed seed, so the figures are the same on every run.
"""

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from articles.extraction import extract  # noqa: E402
from articles.extraction.parsing import parse_source  # noqa: E402
from articles.ingest.anchoring import FUZZY_THRESHOLD, anchor, selector  # noqa: E402

SOURCES = [ROOT / "seeds", ROOT / "tests" / "gold", ROOT / "tests" / "gold" / "seeds"]
WORDS = ["hợp tác", "chiến lược", "mới", "quan trọng nhất"]


def cases():
    """(body, span, body with a word changed, body without the statement) for each statement."""
    draw = random.Random(19)
    for path in sorted(p for d in SOURCES for p in d.glob("*.txt")):
        parsed = parse_source(path.read_bytes())
        body = parsed.body
        for st in extract(body, [(p.start, p.end) for p in parsed.paragraphs]).statements:
            words = st.text.split()
            if len(words) < 4:
                continue
            words[draw.randrange(1, len(words) - 1)] = draw.choice(WORDS)
            yield (
                body,
                (st.start, st.end),
                body[: st.start] + " ".join(words) + body[st.end :],
                (body[: st.start] + body[st.end :]),
            )


def main() -> None:
    rows = list(cases())
    changed = sorted(fuzz.partial_ratio_alignment(body[a:b], new).score for body, (a, b), new, _ in rows)
    removed = sorted(fuzz.partial_ratio_alignment(body[a:b], gone).score for body, (a, b), _, gone in rows)
    print(f"{len(rows)} statements")
    print(f"a word changed: lowest {changed[:3]}, median {changed[len(changed) // 2]:.1f}")
    print(f"taken out: highest {removed[-3:]}, median {removed[len(removed) // 2]:.1f}")
    for threshold in (75, 80, 85, 90):
        found = sum(anchor(new, selector(body, *span), threshold) is not None for body, span, new, _ in rows)
        wrong = sum(anchor(gone, selector(body, *span), threshold) is not None for body, span, _, gone in rows)
        mark = "  <- FUZZY_THRESHOLD" if threshold == FUZZY_THRESHOLD else ""
        print(f"at {threshold}: changed found {found}/{len(rows)}, taken out found {wrong}/{len(rows)}{mark}")


if __name__ == "__main__":
    main()
