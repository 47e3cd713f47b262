"""What the annotate view does to the archive: an editor's statement, its edits, its review.

Offsets are Python string indexes (code points) into ``article.body``; the server trusts an
offset only when ``body[start:end]`` is exactly the text the editor selected.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.editors import locking
from articles.ingest.storing import unique_slug
from articles.models import Origin, Quote, Speaker, Status


class SpanError(ValueError):
    """The offsets do not select the given text in the article's body."""


def check_span(body: str, start: int, end: int, text: str) -> None:
    if not (0 <= start < end <= len(body)):
        raise SpanError(_("The selection is outside the article's text."))
    if body[start:end] != text:
        raise SpanError(_("The selection no longer matches the article's text; reload the page."))
    if not text.strip():
        raise SpanError(_("Select some words, not only spaces."))


def resolve_speaker(speaker: Speaker | None, new_name: str = "") -> Speaker | None:
    """The chosen speaker, or the one a typed name (or alias) names, created when new."""
    new_name = " ".join(new_name.split())
    if speaker or not new_name:
        return speaker
    found = Speaker.objects.filter(Q(name=new_name) | Q(aliases__name=new_name)).first()
    if found:
        return found
    return Speaker.objects.create(name=new_name, slug=unique_slug(Speaker, new_name, "speaker"))


def _link_to_article(quote: Quote) -> None:
    """The article lists who speaks in it and what it cites; the loader keeps these too."""
    if quote.speaker and quote.speaker.kind == Speaker.Kind.PERSON:
        quote.article.people.add(quote.speaker)
    quote.article.directives.add(*quote.directives.all())


@transaction.atomic
def create_statement(
    article, *, start: int, end: int, text: str, speaker=None, kind=Quote.Kind.REPORTED, directives=(), note: str = ""
) -> Quote:
    """An editor's own statement: confirmed as written, kept by every reload."""
    check_span(article.body, start, end, text)
    quote = Quote.objects.create(
        article=article,
        start=start,
        end=end,
        text=text,
        speaker=speaker,
        kind=kind,
        note=note,
        origin=Origin.EDITOR,
        status=Status.CONFIRMED,
    )
    quote.directives.set(directives)
    _link_to_article(quote)
    return quote


@transaction.atomic
def update_statement(quote: Quote, read_version: int, *, speaker, kind, directives, note: str) -> Quote:
    """Correct a statement; refused with ``locking.StaleVersion`` if it changed since it was read."""
    quote.speaker, quote.kind, quote.note, quote.edited = speaker, kind, note, True
    locking.save_if_current(quote, read_version, ["speaker", "kind", "note", "edited"])
    quote.directives.set(directives)
    _link_to_article(quote)
    return quote


def decide_statement(quote: Quote, read_version: int, status: str) -> Quote:
    quote.status = Status(status)
    locking.save_if_current(quote, read_version, ["status"])
    return quote


def statement_data(quote: Quote) -> dict:
    """A statement as the annotate script reads it (code point offsets)."""
    return {
        "id": quote.pk,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "status": quote.status,
        "status_label": quote.get_status_display(),
        "kind": quote.kind,
        "kind_label": quote.get_kind_display(),
        "origin": quote.origin,
        "note": quote.note,
        "version": quote.version,
        "anchored": quote.anchored,
        "speaker": {"id": quote.speaker.pk, "name": quote.speaker.name} if quote.speaker else None,
        "directives": [{"id": d.pk, "name": d.name} for d in quote.directives.all()],
    }


def statements_of(article) -> list[dict]:
    quotes = article.quotes.filter(anchored=True).select_related("speaker").prefetch_related("directives")
    return [statement_data(q) for q in quotes]
