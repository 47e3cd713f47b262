"""Restatement suggestions through the Shingle table: the database side of extraction.fingerprints.

For a run of articles stored together, a fixed number of indexed reads whatever the size
of the archive or of the run: how many statements carry each of their hashes, the
statements behind each statement's rarest hashes, and the full fingerprints of the best
candidates (those indexed earlier in the same load are kept in memory instead). Common
hashes ("tăng cường hợp tác") would bring back a good part of the archive and say little,
so they are skipped, as in the in-memory RestatementIndex; and only the rarest PREFIX hashes of a
statement are looked up (a true restatement shares several rare n-grams, so it is among
their postings).
"""

import math
from array import array
from collections import Counter
from collections.abc import Collection
from itertools import chain

from django.utils import timezone

from articles.extraction import fingerprints
from articles.models import Article, Quote, QuoteLink
from articles.restatements import sql

# Statements scored exactly per new statement, and links kept per new statement, at most.
CANDIDATES = 10
LINKS_PER_STATEMENT = 5
# Hashes of a statement whose postings are read: its rarest ones, at most PREFIX of them
# and, past the first MIN_SHARED (fewer could never make a candidate), only while their
# postings add up to no more than POSTINGS_BUDGET. Without the budget a statement made of
# middling-common phrases reads up to PREFIX * COMMON_CAP postings, and a batch of such
# statements millions; with it, at most about MIN_SHARED * COMMON_CAP + POSTINGS_BUDGET.
# The rarest hashes are the ones that tell a restatement apart, and they come first.
PREFIX = 24
POSTINGS_BUDGET = 2000
# However large the archive, a hash carried by more statements than this is not used to
# gather candidates: its posting list would cost more than it tells.
COMMON_CAP = 1000


def stored_statements() -> tuple[int, bool]:
    """How many statements are stored, and whether that is exact (``sql.estimated_rows``)."""
    estimate = sql.estimated_rows(Quote._meta.db_table)
    if estimate:
        return estimate, False
    return Quote.objects.count(), True


def statement_count() -> int:
    return stored_statements()[0]


def limit_for(statements: int) -> int:
    return int(max(fingerprints.COMMON_FLOOR, min(fingerprints.COMMON_SHARE * statements, COMMON_CAP)))


def common_limit() -> int:
    return limit_for(statement_count())


def index(quotes: list[Quote], prints: dict[int, frozenset[int]] | None = None) -> dict[int, frozenset[int]]:
    """Store the statements' hashes; ``prints`` are their fingerprints if already computed."""
    prints = prints if prints is not None else {q.pk: fingerprints.fingerprint(q.text) for q in quotes}
    sql.insert(prints)
    sql.add_counts(Counter(chain.from_iterable(prints.values())))
    return prints


def forget(quote_ids) -> None:
    """Before statements are deleted: their hashes are carried by fewer statements."""
    sql.add_counts({h: -n for h, n in sql.counts_of(quote_ids).items()})


def unindex(quotes: list[Quote]) -> None:
    """Statements that stay but no longer say what they were indexed for (their text changed,
    or the source withdrew it): their hashes and the links suggested from them go, except
    links an editor decided. ``index_and_link`` indexes those still in the source again."""
    if not quotes:
        return
    ids = [q.pk for q in quotes]
    forget(ids)
    sql.remove(ids)
    sql.remove_suggested_links(ids)


def suggest(article: Article, prints: dict[int, frozenset[int]]) -> dict[int, list[tuple[int, float]]]:
    """For each new statement, the statements of other articles it restates, best first."""
    return suggest_run([article], [list(prints)], prints)


class Recent:
    """Fingerprints of the statements one load has indexed, so that candidates among them
    need not be read back from the Shingle table. A statement indexed again (its text changed)
    has its new fingerprint put in place of the old;
    the most recent LIMIT are kept (about half a kilobyte each), older ones are read.

    Statement ids of a rolled-back transaction may be given again (SQLite), so the loader
    clears this when a transaction fails.
    """

    LIMIT = 100_000

    def __init__(self):
        self._prints: dict[int, array] = {}

    def add(self, prints: dict[int, frozenset[int]]) -> None:
        for pk, fp in prints.items():
            self._prints[pk] = array("q", fp)
        while len(self._prints) > self.LIMIT:
            del self._prints[next(iter(self._prints))]

    def get(self, pk: int) -> array | None:
        """The statement's hashes, as kept: scoring needs their count and the ones shared, not a set."""
        return self._prints.get(pk)

    def clear(self) -> None:
        self._prints.clear()


def suggest_run(
    articles: list[Article], new: list[list[int]], prints: dict[int, frozenset[int]], recent: Recent | None = None
) -> dict[int, list[tuple[int, float]]]:
    """``suggest`` for a run of articles indexed in one go, ``new[i]`` being the new
    statements of ``articles[i]``. Each article gets what it would have got indexed on its
    own after the articles before it: the counts and postings of the statements after it,
    already in the database, are taken off again. The reads are made once for the run.
    """
    if not any(prints.values()):
        return {}
    stored, exact = stored_statements()
    own = {a.pk: set() for a in articles}
    for article_id, pk in Quote.objects.filter(article__in=list(own)).values_list("article_id", "pk"):
        own[article_id].add(pk)
    frequencies = sql.frequencies(set().union(*prints.values()))
    # The hashes and statements of the article at hand and of those after it.
    ahead = Counter(chain.from_iterable(prints[pk] for pks in new for pk in pks))
    after = {pk for pks in new for pk in pks}
    prefixes, excluded = {}, {}
    for article, pks in zip(articles, new):
        after.difference_update(pks)
        limit = limit_for(stored - len(after) if exact else stored)
        # What matters is how many statements of other articles carry a hash. A hash no
        # other statement carries can find nothing, however rare.
        others = {h: frequencies.get(h, 0) - ahead[h] for pk in pks for h in prints[pk]}
        for pk in pks:
            prefixes[pk] = rarest(prints[pk], others, limit)
        excluded[article.pk] = own[article.pk] | after
        ahead.subtract(chain.from_iterable(prints[pk] for pk in pks))
    postings = sql.postings(set().union(*prefixes.values()))
    best = {}
    for article, pks in zip(articles, new):
        skip = excluded[article.pk]
        for pk in pks:
            # Counted whole, the skipped taken out after: the same counts, in the same order
            # of first appearance, without a test per posting.
            shared = Counter(chain.from_iterable(postings.get(h, ()) for h in prefixes[pk]))
            for q in skip.intersection(shared):
                del shared[q]
            best[pk] = [q for q, n in shared.most_common(CANDIDATES) if n >= fingerprints.MIN_SHARED]
    pool = {q for ids in best.values() for q in ids}
    pool -= sql.rejected(pool)
    # Statements fingerprinted in this load are not read back.
    known = {}
    for q in pool:
        fp = prints.get(q) or (recent.get(q) if recent else None)
        if fp:
            known[q] = fp
    known.update(sql.fingerprints(pool - known.keys()))
    found = {}
    for pk, ids in best.items():
        scored = [(q, cosine(prints[pk], known[q])) for q in ids if q in known]
        scored = sorted([c for c in scored if c[1] >= fingerprints.THRESHOLD], key=lambda c: (-c[1], c[0]))
        found[pk] = scored[:LINKS_PER_STATEMENT]
    return found


def rarest(hashes, carried: dict[int, int], limit: int) -> list[int]:
    """The hashes whose postings are read for one statement, rarest first: those carried
    by 1 to ``limit`` other statements, within PREFIX and the postings budget."""
    usable = sorted((h for h in hashes if 0 < carried[h] <= limit), key=lambda h: (carried[h], h))
    chosen, spent = [], 0
    for h in usable[:PREFIX]:
        if len(chosen) >= fingerprints.MIN_SHARED and spent + carried[h] > POSTINGS_BUDGET:
            break
        chosen.append(h)
        spent += carried[h]
    return chosen


def cosine(a: frozenset[int], b: Collection[int]) -> float:
    """``b`` holds each hash once, as a fingerprint does."""
    return len(a.intersection(b)) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def index_and_link(
    articles: Article | list[Article],
    quotes: list[Quote],
    prints: dict[int, frozenset[int]] | None = None,
    recent: Recent | None = None,
    renewed: Collection[int] = (),
) -> int:
    """Index new statements and link each to the statements of other articles it restates.

    ``articles`` is one article, or a run of them in the order they were stored, and
    ``quotes`` their new statements; ``prints`` their fingerprints, if computed already;
    ``recent`` those of the statements indexed earlier in the same load; ``renewed`` the
    ids of statements among ``quotes`` that were stored before (``unindex``).
    """
    articles = [articles] if isinstance(articles, Article) else articles
    prints = index(quotes, prints)
    new = {a.pk: [] for a in articles}
    for q in quotes:
        new[q.article_id].append(q.pk)
    found = suggest_run(articles, list(new.values()), prints, recent)
    if recent is not None:
        recent.add(prints)
    links = [
        (pk, other, QuoteLink.Kind.RESTATES.value, round(score, 4))
        for pk, candidates in found.items()
        for other, score in candidates
    ]
    # New statements have new ids, so no link to them exists yet; a statement indexed again
    # (its text changed) keeps the links an editor decided, which are not suggested twice.
    decided = sql.links_from([q.pk for q in quotes if q.pk in renewed]) if renewed else set()
    sql.insert_links([row for row in links if row[:3] not in decided], timezone.now())
    return len(links)
