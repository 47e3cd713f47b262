"""Linked statements: links between our statements and public statements of other articles.

An early statement restated by many later ones gathers hundreds of links, so the article
page shows the strongest few and a statement's own page shows them a page at a time.

The links are read in three queries, none of which joins more than it must:

1. and 2. the strongest links from our statements and to them, one query per direction.
   Each is answered by QuoteLink's index on that side (the incoming one holds every column
   read), in order, without touching another table. One query for both directions needs
   an OR across two joins that no index answers: PostgreSQL then read every link of the
   archive, and spent longer planning that query than running the rest of the page.
3. the statements at the other end of those links that readers may see, with their
   speaker and article.

A link whose other end is not public (rejected, unanchored, in a draft) is skipped, so a
few more links than shown are read (``SLACK``); only when more than that many are hidden
at once are the links read again in full.
"""

from heapq import merge

from django.db.models import F

from articles.choices import Status
from articles.models import Quote, QuoteLink
from articles.site.views.common import PER_PAGE, RELATIONS

ARTICLE_ROWS = 20
# A statement's links are read from the first one to the page's end: no deeper than this.
MAX_PAGE = 200
SLACK = 20
KINDS = dict(QuoteLink.Kind.choices)
# Strongest first; a link an editor made has no score and comes before all others.
ORDER = (F("score").desc(nulls_first=True), "pk")
# What a row shows of the statement at the other end, read as plain values: building a
# statement, a speaker and an article object per row took a third of the time to read them.
SHOWN = (
    "pk",
    "version",
    "text",
    "speaker_id",
    "speaker__name",
    "speaker__slug",
    "article__title",
    "article__slug",
    "article__published_on",
)


def _strongest_first(link):
    return (link.score is not None, -(link.score or 0), link.pk)


class Links:
    """The links of the statements ``own`` (by id; public ones), read from our side; with
    ``article_id``, links to other statements of that article are left out."""

    def __init__(self, own: dict, article_id: int | None = None):
        self.own = own
        self.article_id = article_id

    def _candidates(self, limit: int | None) -> tuple[list, bool]:
        """The strongest links of both directions, merged, and whether either was cut at
        ``limit``. As plain rows: a page reads four of their fields."""
        found, cut = [], False
        for side in ("from_quote", "to_quote"):
            links = (
                QuoteLink.objects.exclude(status=Status.REJECTED)
                .filter(**{f"{side}__in": list(self.own)})
                .order_by(*ORDER)
                .values_list("pk", "from_quote_id", "to_quote_id", "kind", "status", "score", named=True)
            )
            links = list(links[:limit] if limit is not None else links)
            found.append(links)
            cut = cut or (limit is not None and len(links) == limit)
        return list(merge(*found, key=_strongest_first)), cut

    def _other_end(self, link) -> int:
        return link.to_quote_id if link.from_quote_id in self.own else link.from_quote_id

    def _public(self, links) -> dict:
        """The statements at the other end of ``links`` that readers may see, as rows of ``SHOWN``."""
        theirs = Quote.objects.public().filter(pk__in={self._other_end(link) for link in links}).order_by()
        if self.article_id is not None:
            theirs = theirs.exclude(article_id=self.article_id)
        return {q.pk: q for q in theirs.values_list(*SHOWN, named=True)}

    def window(self, start: int, stop: int) -> tuple[list[dict], bool]:
        """Rows ``start`` to ``stop`` (strongest first), and whether more follow."""
        want = stop + 1
        limit = want + SLACK
        while True:
            links, cut = self._candidates(limit)
            head = links[:limit] if limit is not None else links
            theirs = self._public(head)
            shown = [link for link in head if self._other_end(link) in theirs][:want]
            if len(shown) == want or (len(head) == len(links) and not cut):
                break
            limit = None
        return [self.row(link, theirs[self._other_end(link)]) for link in shown[start:stop]], len(shown) > stop

    def row(self, link, theirs) -> dict:
        """A link read from our side: (ours, how theirs relates to it, theirs)."""
        outgoing = link.from_quote_id in self.own
        ours = self.own[link.from_quote_id if outgoing else link.to_quote_id]
        relation = RELATIONS.get((link.kind, outgoing)) or KINDS.get(link.kind, link.kind)
        # Translated here, once: a lazy string is translated again at every lookup made on it.
        return {"link": link, "ours": ours, "theirs": theirs, "relation": str(relation)}


def strongest(own: dict, article_id: int) -> tuple[list[dict], bool]:
    """The article page's rows, and whether there are more than it shows."""
    return Links(own, article_id).window(0, ARTICLE_ROWS)


def page_of(request, own: dict, per_page: int = PER_PAGE) -> dict:
    """One page of a statement's links, numbered by ``?page=``. Without a count: the page
    knows there is a next one by reading one row more."""
    number = request.GET.get("page", "1")
    number = min(int(number), MAX_PAGE) if number.isascii() and number.isdigit() and len(number) < 6 else 1
    number = max(number, 1)
    rows, more = Links(own).window((number - 1) * per_page, number * per_page)
    return {
        "rows": rows,
        "number": number,
        "has_previous": number > 1,
        "has_next": more,
        "previous": number - 1,
        "next": number + 1,
    }
