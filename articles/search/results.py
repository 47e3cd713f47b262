"""Search across articles, statements, speakers and directives: one entry point, two backends.

``search(text, kind)`` gives the matching rows of one kind, best first, as ``Results``: a
sequence Django's Paginator can count and slice, each row annotated ``rank``.
``matching(text, kind, queryset)`` is the condition alone, for the lists' text filter: a
list keeps its own order (newest first, or the reader's choice), and ``listing()`` pages
through it as ``Results`` do. The query language is ``articles.search.query``, the SQL
``articles.search.postgresql`` and ``articles.search.sqlite``, the snippets ``articles.search.snippets``.

Both backends give the same meaning to a query (``articles.search.query``): every word must
occur as a whole word, words in double quotes must occur together in that order, case and
NFC/NFD make no difference; a word typed without marks matches any marks ("tu chu chien
luoc" finds "Tự chủ chiến lược"), one typed with them only those ("Tô" is not "Tổ"); a
document number is found however it is written. docs/SEARCH.md has the measures.

- PostgreSQL: full-text search with the ``pa_vi`` configuration (unaccent, then simple) over
  the stored ``search_vector`` columns of migration 0005 and their GIN indexes (a test
  checks the planner uses every one of them); ``ts_rank`` reads the same columns. Marked
  words are also looked up in ``search_exact`` (migration 0013, marks kept).
- SQLite: LIKE over the space-padded folded words (``articles.folding``); speakers and
  directives are small, so their names are folded on the fly by a ``pa_fold`` SQL function.

Best first, at any size
-----------------------
A reader expects the most relevant rows first, the newest first among equals, and an answer
at once even for a word found in every article. Ranking every match cannot give all three:
"Việt Nam" matches nearly every one of hundreds of thousands of statements, and ranking them
means reading them all. So:

- a query with at most ``WHOLE`` matches (a name, a code, a phrase: most searches) is ranked
  whole: relevance, then recency, exactly;
- a broader one is ranked ``BLOCK`` matches at a time, taken in natural order (newest first
  for articles and statements, by name for speakers and directives): the first pages are the
  most relevant of the ``BLOCK`` newest matches, the next ones the most relevant of the
  ``BLOCK`` before those, and so on. An old article on the subject is not on page one;
  another word, a quoted phrase or a date range brings it there. The search page says so.

So a page reads about as many rows as it shows for a word in every article as for a rare
one, and the count stops too: at ``WHOLE`` (a ``WHOLE`` past the page, further on) the pages
say "more than …" (``articles.site.paging``). A count that ends below its limit has found every
match, and the page fetches those by key.

On PostgreSQL the count also chooses how a broad query's rows are found
(``articles.search.postgresql``): reading newest first when the word is common among the newest
rows, gathering every match from the GIN index and sorting when it is rare there (which
costs as many rows as there are matches: a word common in old articles only reads them
all). What stays slow is a phrase of common words that almost never occur in that order
("nam việt"): the index can only say which rows hold all the words, and each of those must
be read to look for the phrase.

The lists' text filter is the same condition in the list's own order: no ranking, the same
counting and the same two ways to a page (``listing``).
"""

from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

from articles.counts.tallies import kept_statement_count
from articles.models import Article, Directive, Quote, Speaker
from articles.search import postgresql, sqlite
from articles.search.query import MAX_QUERY_CHARS, Query, parse  # noqa: F401 (the search page's)

KINDS = ("articles", "statements", "speakers", "directives")
# A query with up to WHOLE matches is ranked whole; past that, BLOCK newest matches at a
# time. Both bound the rows a page reads, whatever the archive's size; each is a multiple
# of every page size, so a page never straddles two blocks.
WHOLE = 200
BLOCK = 100
# The natural order blocks are taken in, which is also the order among equal ranks.
ORDER = {
    "articles": ("-published_on", "pk"),
    "statements": ("-article__published_on", "pk"),
    "speakers": ("name", "pk"),
    "directives": ("name", "pk"),
}


def default_queryset(kind: str) -> QuerySet:
    """What readers may see of a kind, with what the result rows show."""
    if kind == "articles":
        return Article.objects.published()
    if kind == "statements":
        return Quote.objects.public().with_people()
    if kind in ("speakers", "directives"):
        return (Speaker if kind == "speakers" else Directive).objects.annotate(statement_count=kept_statement_count())
    raise ValueError(f"unknown kind {kind!r}")


def backend(queryset: QuerySet):
    connection = connections[queryset.db]
    if connection.vendor == "postgresql":
        return postgresql.postgres
    # The function may be missing on a connection opened before this module was imported.
    connection.ensure_connection()
    sqlite.register_fold(None, connection)
    return sqlite.sqlite


def matching(text: str, kind: str, queryset: QuerySet | None = None) -> QuerySet:
    """The rows of ``queryset`` (by default, what readers may see of ``kind``) that match
    ``text``, in the queryset's own order; none when the text has no word."""
    queryset = default_queryset(kind) if queryset is None else queryset
    query = parse(text)
    if not query:
        return queryset.none()
    return getattr(backend(queryset), kind)(queryset, query)


def search(text: str, kind: str, queryset: QuerySet | None = None) -> "Results":
    """The rows of ``kind`` (one of KINDS) matching ``text``, best first (see above).

    ``queryset`` narrows the search; by default, what readers may see.
    """
    queryset = default_queryset(kind) if queryset is None else queryset
    return Results(kind, queryset, parse(text))


def listing(text: str, kind: str, queryset: QuerySet, per_page: int) -> "Results":
    """The rows of ``queryset`` matching ``text`` in the queryset's own order, pages of
    ``per_page`` found as search finds its blocks: what a list filtered by text pages through."""
    order = tuple(queryset.query.order_by or queryset.model._meta.ordering or ("pk",))
    return Results(kind, queryset, parse(text), order=order, wanted=per_page)


class Results:
    """Matches of one kind, best first or in a given ``order``; counted and sliced like a
    queryset, so Django's Paginator takes them.

    Best first: up to WHOLE matches are ranked together, in one query per slice; past that,
    a slice costs one query per BLOCK it touches, the block's ids found in natural order and
    only those ranked. In order: one query per slice. Either way, how the rows are found
    (``articles.search.backend``) is learnt from the count, which the paginator asks for first; on
    PostgreSQL the count reads the newest rows, and the matches it found there are the first
    blocks' or pages' ids, not looked for again.
    """

    def __init__(self, kind: str, queryset: QuerySet, query: Query, order=None, wanted: int = BLOCK):
        self.kind, self.queryset, self.query = kind, queryset, query
        self.ranks = order is None
        self.order = ORDER[kind] if order is None else order
        self.wanted = wanted
        self.broad: bool | None = None
        self.strategy = None
        self.known: list | None = None  # the ids of every match, when the count found them all
        self.first: list = []  # the ids of the first matches in ``order``, when the count read them

    @property
    def count_step(self) -> int:
        """A paginator counts these a WHOLE at a time: past it, counting costs more than a page."""
        return WHOLE

    @cached_property
    def found(self) -> QuerySet:
        if not self.query:
            return self.queryset.none()
        return getattr(backend(self.queryset), self.kind)(self.queryset, self.query)

    def matches(self) -> QuerySet:
        return self.found.all()

    def count(self, limit: int | None = None) -> int:
        """How many rows match, counting no further than ``limit``."""
        if not self.query:
            return 0
        found = backend(self.queryset).count(
            self.kind, self.queryset, self.query, self.matches(), self.order, limit, self.wanted
        )
        self.strategy, self.first = found.strategy, found.first or []
        if limit is None or limit > WHOLE:
            self.broad = found.counted > WHOLE
            self.known = found.ids if not self.broad else None
        return found.counted

    def ids(self, offset: int, limit: int | None):
        """The ids of the matches from ``offset`` on in ``order``, for ``pk__in``: those the
        count found when they are enough, else a query; a query with few matches (not broad)
        gathers them all from the index."""
        if limit is not None and offset + limit <= len(self.first):
            return self.first[offset : offset + limit]
        strategy = self.strategy if self.broad else "gather"
        return backend(self.queryset).ids(
            self.kind, self.queryset, self.query, self.matches(), self.order, offset, limit, strategy
        )

    def ranked(self, queryset: QuerySet) -> QuerySet:
        return getattr(backend(queryset), f"rank_{self.kind}")(queryset, self.query).order_by(
            "-rank", *ORDER[self.kind]
        )

    def block(self, number: int) -> QuerySet:
        """The ``number``th BLOCK of matches in natural order (``page`` ranks them)."""
        return self.queryset.filter(pk__in=self.ids(number * BLOCK, BLOCK))

    def page(self, rows: QuerySet, index: slice) -> list:
        """``rows`` best first (or in order), the ``index`` slice of them, with what the result
        rows show. The slice is taken from the bare rows, and only it fetched with the rest:
        given a hundred ids, PostgreSQL would join every one of them to its speaker, by a
        scan of all the speakers, before keeping the page's few."""
        ordered = self.ranked(rows) if self.ranks else rows
        shown = self.queryset.filter(pk__in=ordered.values("pk")[index])
        return list(self.ranked(shown) if self.ranks else shown)

    def __getitem__(self, index):
        if isinstance(index, int):
            rows = self[index : index + 1]
            if not rows:
                raise IndexError(index)
            return rows[0]
        if index.step is not None or (index.start or 0) < 0 or (index.stop is not None and index.stop < 0):
            raise ValueError("Results take plain slices")
        start, rows = index.start or 0, []
        if not self.query:
            return rows
        if self.broad is None:
            self.count(WHOLE + 1)
        if self.known == []:
            return rows  # the count found nothing: no query
        if self.known is not None:
            return self.page(self.queryset.filter(pk__in=self.known), index)
        if not self.ranks:
            limit = None if index.stop is None else index.stop - start
            return list(self.queryset.filter(pk__in=self.ids(start, limit)))
        if not self.broad:
            return list(self.ranked(self.matches())[index])
        while index.stop is None or start < index.stop:
            number, offset = divmod(start, BLOCK)
            end = BLOCK if index.stop is None else min(BLOCK, index.stop - number * BLOCK)
            part = self.page(self.block(number), slice(offset, end))
            rows += part
            if len(part) < end - offset:
                break
            start = (number + 1) * BLOCK
        return rows

    def __iter__(self):
        return iter(self[0:])
