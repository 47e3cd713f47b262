"""Restatement suggestions through the Shingle table: the database side of extraction.echoes.

A new statement's shingle hashes are looked up in the index; only statements sharing enough
of them are scored, so the cost follows the matches, not the size of the archive.
"""

from collections import Counter

from django.db.models import Q

from .extraction import echoes
from .models import Article, Quote, QuoteLink, Shingle

# How many statements sharing hashes are scored exactly, at most.
CANDIDATES = 50


def index(quotes: list[Quote]) -> dict[int, frozenset[int]]:
    prints = {q.pk: echoes.fingerprint(q.text) for q in quotes}
    Shingle.objects.bulk_create(
        [Shingle(quote_id=pk, hash=h) for pk, fp in prints.items() for h in fp], batch_size=5000)
    return prints


def candidates(article: Article, fingerprint: frozenset[int]) -> list[tuple[int, float]]:
    """Statements of other articles that restate this fingerprint, with their score, best first."""
    if not fingerprint:
        return []
    rows = (Shingle.objects.filter(hash__in=list(fingerprint))
            .exclude(quote__article=article).values_list("quote_id", flat=True))
    shared = Counter(rows)
    best = [pk for pk, n in shared.most_common(CANDIDATES) if n >= echoes.MIN_SHARED]
    texts = dict(Quote.objects.filter(pk__in=best).exclude(status="rejected").values_list("pk", "text"))
    scored = [(pk, echoes.similarity(fingerprint, echoes.fingerprint(text))) for pk, text in texts.items()]
    return sorted([c for c in scored if c[1] >= echoes.THRESHOLD], key=lambda c: (-c[1], c[0]))


def index_and_link(article: Article, quotes: list[Quote]) -> int:
    prints = index(quotes)
    links = []
    for quote in quotes:
        for other, score in candidates(article, prints[quote.pk]):
            links.append(QuoteLink(from_quote_id=quote.pk, to_quote_id=other,
                                   kind=QuoteLink.Kind.RESTATES, score=round(score, 4)))
    if links:
        pairs = Q()
        for link in links:
            pairs |= Q(from_quote_id=link.to_quote_id, to_quote_id=link.from_quote_id)
        reverse = set(QuoteLink.objects.filter(pairs).values_list("to_quote_id", "from_quote_id"))
        links = [l for l in links if (l.from_quote_id, l.to_quote_id) not in reverse]
        QuoteLink.objects.bulk_create(links, ignore_conflicts=True)
    return len(links)
