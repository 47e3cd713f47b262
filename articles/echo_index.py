"""Restatement suggestions through the Shingle table: the database side of extraction.echoes.

Per article, a fixed number of indexed reads whatever the size of the archive: how many
statements carry each of its hashes, the statements behind each statement's rarest hashes,
and the full fingerprints of the best candidates. Common hashes ("tăng cường hợp tác")
would bring back a good part of the archive and say little, so they are skipped, as in the
in-memory EchoIndex; and only the rarest PREFIX hashes of a statement are looked up (a true
restatement shares several rare n-grams, so it is among their postings).
"""

import math
from collections import Counter

from django.db import connection

from . import shingle_store as store
from .extraction import echoes
from .models import Article, Quote, QuoteLink

# Statements scored exactly per new statement, and links kept per new statement, at most.
CANDIDATES = 10
LINKS_PER_STATEMENT = 5
# Hashes of a statement whose postings are read: its rarest ones.
PREFIX = 24
# However large the archive, a hash carried by more statements than this is not used to
# gather candidates: its posting list would cost more than it tells.
COMMON_CAP = 1000


def statement_count() -> int:
    """Stored statements. An exact count reads the whole table on PostgreSQL, once per
    article; the planner's estimate is free and close enough for a cutoff."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Quote._meta.db_table])
            estimate = cursor.fetchone()[0]
        if estimate and estimate > 0:
            return int(estimate)
    return Quote.objects.count()


def common_limit() -> int:
    return int(max(echoes.COMMON_FLOOR, min(echoes.COMMON_SHARE * statement_count(), COMMON_CAP)))


def index(quotes: list[Quote]) -> dict[int, frozenset[int]]:
    prints = {q.pk: echoes.fingerprint(q.text) for q in quotes}
    store.insert([(pk, h) for pk, fp in prints.items() for h in fp])
    store.add_counts(Counter(h for fp in prints.values() for h in fp))
    return prints


def forget(quote_ids) -> None:
    """Before statements are deleted: their hashes are carried by fewer statements."""
    store.add_counts({h: -n for h, n in store.counts_of(quote_ids).items()})


def suggest(article: Article, prints: dict[int, frozenset[int]]) -> dict[int, list[tuple[int, float]]]:
    """For each new statement, the statements of other articles it restates, best first."""
    wanted = set().union(*prints.values()) if prints else set()
    if not wanted:
        return {}
    limit = common_limit()
    # The counts include the new statements themselves; what matters is how many others
    # carry a hash. A hash no other statement carries can find nothing, however rare.
    own_counts = Counter(h for fp in prints.values() for h in fp)
    others = {h: n - own_counts[h] for h, n in store.frequencies(wanted).items()}
    prefixes = {pk: sorted((h for h in fp if 0 < others.get(h, 0) <= limit),
                           key=lambda h: (others[h], h))[:PREFIX]
                for pk, fp in prints.items()}
    postings = store.postings(set().union(*prefixes.values()))
    own = set(article.quotes.values_list("pk", flat=True))
    best = {}
    for pk, prefix in prefixes.items():
        shared = Counter(q for h in prefix for q in postings.get(h, ()) if q not in own)
        best[pk] = [q for q, n in shared.most_common(CANDIDATES) if n >= echoes.MIN_SHARED]
    pool = {q for ids in best.values() for q in ids}
    rejected = set(Quote.objects.filter(pk__in=pool, status="rejected").values_list("pk", flat=True))
    stored = store.fingerprints(pool - rejected)
    found = {}
    for pk, ids in best.items():
        scored = [(q, cosine(prints[pk], stored[q])) for q in ids if q in stored]
        scored = sorted([c for c in scored if c[1] >= echoes.THRESHOLD], key=lambda c: (-c[1], c[0]))
        found[pk] = scored[:LINKS_PER_STATEMENT]
    return found


def cosine(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def index_and_link(article: Article, quotes: list[Quote]) -> int:
    prints = index(quotes)
    links = [QuoteLink(from_quote_id=pk, to_quote_id=other, kind=QuoteLink.Kind.RESTATES, score=round(score, 4))
             for pk, found in suggest(article, prints).items() for other, score in found]
    # New statements have new ids, so no link to them exists yet: nothing to deduplicate.
    QuoteLink.objects.bulk_create(links)
    return len(links)
