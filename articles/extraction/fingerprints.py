"""Restatements: the same point made again, in another article, found by shared shingles.

A statement's fingerprint is the set of its word bigrams and trigrams, folded (no accents,
no case: "hoà"/"hòa" and typing slips in tone marks still match), each hashed to a signed
64-bit integer so the database can store it in a BigIntegerField. N-grams made only of the
genre's everyday words ("đối ngoại", "phát triển đất nước") are left out: every article has
them. Similarity is the cosine of the two sets, |A∩B| / sqrt(|A|·|B|).

Retrieval is two steps, the same in memory (RestatementIndex) and in the database (one row per
statement and hash, indexed on the hash): candidates sharing at least MIN_SHARED hashes,
then the exact score against THRESHOLD. Hashes carried by too many statements are skipped
when gathering candidates, so a query reads short posting lists only.
"""

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicon import DATA
from .text import bare

THRESHOLD = 0.15  # seeds: 8 of the 9 hand-marked pairs, no false link (nearest miss 0.14)
MIN_SHARED = 3
# A hash in more than this share of the stored statements (and more than COMMON_FLOOR of
# them) is too common to pick candidates with.
COMMON_SHARE = 0.01
COMMON_FLOOR = 50
SIZES = (2, 3)


@cache
def _generic() -> frozenset[str]:
    rows = (DATA / "generic_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for row in rows if not row.startswith("#") for w in row.split())


# The genre's n-grams come back article after article: most are hashed once per process.
@lru_cache(maxsize=1 << 16)
def _hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "big", signed=True)


WORD = re.compile(r"[^\W_]+")


def fingerprint(text: str) -> frozenset[int]:
    words = WORD.findall(bare(text))
    generic = _generic()
    grams = set()
    for n in SIZES:
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if not all(w in generic for w in gram):
                grams.add(" ".join(gram))
    return frozenset(_hash(g) for g in grams)


@dataclass(frozen=True)
class Evidence:
    """Why two statements look like restatements: the distinctive phrases (the n-grams of
    their fingerprints) they share, and where those stand in each text."""

    shared: int
    phrases: tuple[int, int]
    spans: tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]

    @property
    def score(self) -> float:
        return self.shared / math.sqrt(self.phrases[0] * self.phrases[1]) if all(self.phrases) else 0.0


def _grams(text: str) -> dict[str, list[tuple[int, int]]]:
    """Each distinctive n-gram of ``text`` with its spans in ``text`` (``bare`` keeps offsets)."""
    words = [(m.group(), m.start(), m.end()) for m in WORD.finditer(bare(text))]
    generic = _generic()
    grams = defaultdict(list)
    for n in SIZES:
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if not all(w in generic for w, _, _ in gram):
                grams[" ".join(w for w, _, _ in gram)].append((gram[0][1], gram[-1][2]))
    return grams


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def evidence(a: str, b: str) -> Evidence:
    """The phrases ``a`` and ``b`` share; ``score`` is their ``similarity``."""
    grams_a, grams_b = _grams(a), _grams(b)
    shared = grams_a.keys() & grams_b.keys()
    return Evidence(
        shared=len(shared),
        phrases=(len(grams_a), len(grams_b)),
        spans=(
            _merged([span for g in shared for span in grams_a[g]]),
            _merged([span for g in shared for span in grams_b[g]]),
        ),
    )


def similarity(a: str | frozenset[int], b: str | frozenset[int]) -> float:
    a = a if isinstance(a, frozenset) else fingerprint(a)
    b = b if isinstance(b, frozenset) else fingerprint(b)
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


class RestatementIndex:
    """Statements by shingle hash; query returns restatements from other groups (articles)."""

    def __init__(self):
        self._prints: dict[object, frozenset[int]] = {}
        self._groups: dict[object, object] = {}
        self._postings: dict[int, list] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._prints)

    def add(self, id, group, text: str) -> None:
        fp = fingerprint(text)
        self._prints[id], self._groups[id] = fp, group
        for h in fp:
            self._postings[h].append(id)

    def query(self, text: str, exclude_group=None) -> list[tuple[object, float]]:
        fp = fingerprint(text)
        common = max(COMMON_FLOOR, COMMON_SHARE * len(self._prints))
        shared = Counter()
        for h in fp:
            ids = self._postings.get(h, ())
            if len(ids) <= common:
                shared.update(ids)
        found = []
        for id, n in shared.items():
            if n >= MIN_SHARED and self._groups[id] != exclude_group:
                score = similarity(fp, self._prints[id])
                if score >= THRESHOLD:
                    found.append((id, score))
        return sorted(found, key=lambda pair: (-pair[1], str(pair[0])))
