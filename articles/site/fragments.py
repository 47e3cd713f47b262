"""Cached fragments of the pages: statement cards, an article's body with its notes, and
linked statement rows, rendered by their templates and kept in Django's cache.

A page the page cache misses (any page after an edit, every page with the page cache off)
is mostly HTML that did not change: the twenty cards of a list, the body of an article.
Through the template language those were most of a page's time (docs/BENCHMARKS.md), so
each is kept under a key made of what it shows, and a page takes the unchanged ones from
the cache and renders only the others.

A key holds:

- the kind of fragment and its variant (a card with the directives it cites, a card without
  its article, a row that names which of ours it is linked to);
- the active language: the fixed words are translated in the fragment;
- the archive's generation (``articles.changes.generation``), which moves on any write
  nobody declared: a speaker, an article or a directive renamed, a citation added, so a
  name a card shows is never an old one;
- the statement's ``version``, which every write of a statement moves (text, kind, status,
  speaker: the editors' paths and a reload), and for what it shows of other rows the
  versions of those (the statement quoting it, the statement at a link's other end).

The fragments of a list, or of an article page (its body and its linked rows), are read in
one ``get_many`` and the missing ones written in one ``set_many``: Django's ``{% cache %}``
tag asks the cache once per fragment, a round trip each to Redis (the figures are in
docs/BENCHMARKS.md). Only a body that is missing reads its notes, in a second one. A card
with a search snippet (``_statement.html`` included with ``snippet``) is rendered and never
kept: its text is the query's.

Old keys are never deleted: a new generation or version orphans them and they expire.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from articles import changes
from articles.site.rendering import render_body

TIMEOUT = 24 * 3600
CARD = "articles/_statement.html"
BODY = "articles/_body.html"
NOTE = "articles/_body.html#note"
ROW = "articles/_linked.html#row"


def prefix() -> str:
    """What every key of this request starts with: the language and the archive's generation."""
    return f"fragment:{get_language()}:{changes.generation()}"


def fetch(wanted: dict[str, Callable[[], str]]) -> dict[str, SafeString]:
    """The HTML under each key of ``wanted``: found in the cache, or made by its function and
    kept. One read and at most one write, whatever the number of fragments."""
    found = cache.get_many(list(wanted))
    made = {key: str(make()) for key, make in wanted.items() if key not in found}
    if made:
        cache.set_many(made, TIMEOUT)
    return {key: mark_safe(found[key] if key in found else made[key]) for key in wanted}


def _renderer(name: str, context: dict) -> Callable[[], str]:
    return lambda: get_template(name).render(context)


def card_key(start: str, quote, with_directives: bool, hide_article: bool) -> str:
    # The card names the speaker of the statement quoting this one: its version is in the key.
    by = quote.quoted_by.version if quote.quoted_by_id else 0
    return f"{start}:card:{int(with_directives)}{int(hide_article)}:{quote.pk}:{quote.version}:{by}"


def statement_cards(quotes: Iterable, with_directives: bool = False, hide_article: bool = False) -> list[SafeString]:
    """The cards of ``quotes`` (``Quote.objects.as_cards()`` rows), in order."""
    start = prefix()
    keyed = [(card_key(start, q, with_directives, hide_article), q) for q in quotes]
    wanted = {
        key: _renderer(CARD, {"quote": q, "with_directives": with_directives, "hide_article": hide_article})
        for key, q in keyed
    }
    html = fetch(wanted)
    return [html[key] for key, _ in keyed]


def row_key(start: str, row: dict, show_ours: bool) -> str:
    # A link has no version: what its row shows is its status and relation (kind, read from
    # which side) and the two statements, by their versions.
    link, ours, theirs = row["link"], row["ours"], row["theirs"]
    side = int(link.from_quote_id == ours.pk)
    return (
        f"{start}:link:{int(show_ours)}:{link.pk}:{link.status}:{link.kind}:{side}"
        f":{ours.pk}:{ours.version}:{theirs.pk}:{theirs.version}"
    )


def _row_wanted(start: str, rows: list[dict], show_ours: bool) -> dict:
    return {row_key(start, row, show_ours): _renderer(ROW, {"row": row, "show_ours": show_ours}) for row in rows}


def linked_rows(rows: list[dict], show_ours: bool = False) -> list[SafeString]:
    """The rows of linked statements (``articles.site.views.linked``), in order."""
    start = prefix()
    wanted = _row_wanted(start, rows, show_ours)
    html = fetch(wanted)
    return [html[key] for key in wanted]


def body_key(start: str, article, quotes: list) -> str:
    # The body shows the article's text and paragraphs (its version moves when a reload
    # changes them) and where each statement is, in which state.
    spans = sorted((q.pk, q.start, q.end, q.status, q.version) for q in quotes)
    digest = hashlib.blake2b(repr(spans).encode(), digest_size=16).hexdigest()
    return f"{start}:body:{article.pk}:{article.version}:{digest}"


def note_key(start: str, number: int, quote) -> str:
    return f"{start}:note:{quote.pk}:{quote.version}:{number}"


def render_article_body(start: str, article, paragraphs, quotes: list) -> str:
    """The body through its template; the notes under its paragraphs from the cache when
    the body is not there (one statement confirmed leaves the other notes as they were)."""
    blocks = render_body(article.body, paragraphs, quotes)
    wanted = {
        note_key(start, number, q): _renderer(NOTE, {"number": number, "quote": q})
        for block in blocks
        for number, q in block.statements
    }
    notes = fetch(wanted)
    pairs = [(block, [notes[note_key(start, n, q)] for n, q in block.statements]) for block in blocks]
    return get_template(BODY).render({"blocks": pairs})


def article_page(article, paragraphs, quotes: list, rows: list[dict]) -> tuple[SafeString, list[SafeString]]:
    """An article's body and its linked statement rows, in one read of the cache.

    ``paragraphs`` is read only when the body is not in the cache.
    """
    start = prefix()
    body = body_key(start, article, quotes)
    wanted = {body: lambda: render_article_body(start, article, paragraphs, quotes)}
    wanted.update(_row_wanted(start, rows, show_ours=True))
    html = fetch(wanted)
    return html.pop(body), list(html.values())
