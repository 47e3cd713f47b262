"""What the annotate view does to the archive: an editor's statement, its edits, its review.

Offsets are Python string indexes (code points) into ``article.body``; the server trusts an
offset only when ``body[start:end]`` is exactly the text the editor selected.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.editors import locking
from articles.ingest.anchoring import context_of
from articles.ingest.storing import unique_slug
from articles.models import Article, Origin, Quote, Speaker, Status


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
    # The body as stored now: a reload running meanwhile is waited for, and the selection
    # is then checked against the body it wrote.
    article.body = Article.objects.select_for_update(no_key=True).values_list("body", flat=True).get(pk=article.pk)
    check_span(article.body, start, end, text)
    prefix, suffix = context_of(article.body, start, end)
    quote = Quote.objects.create(
        article=article,
        start=start,
        end=end,
        text=text,
        prefix=prefix,
        suffix=suffix,
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


@transaction.atomic
def reattach_statement(quote: Quote, read_version: int, *, start: int, end: int, text: str) -> Quote:
    """Anchor a withdrawn or moved statement to the text an editor selected in the new body.

    Its id, review state, speaker and links stay; what it said before is kept beside the
    new text until an editor reviews it. Refused with ``locking.StaleVersion`` if the
    statement changed since it was read, with ``SpanError`` if the selection is not the text.
    """
    body = Article.objects.select_for_update(no_key=True).values_list("body", flat=True).get(pk=quote.article_id)
    check_span(body, start, end, text)
    if text != quote.text:
        quote.previous_text = quote.previous_text if quote.source_changed else quote.text
        quote.source_changed = True
    quote.start, quote.end, quote.text, quote.anchored = start, end, text, True
    quote.prefix, quote.suffix = context_of(body, start, end)
    fields = ["start", "end", "text", "anchored", "prefix", "suffix", "previous_text", "source_changed"]
    try:
        with transaction.atomic():
            locking.save_if_current(quote, read_version, fields)
    except IntegrityError:
        raise SpanError(_("Another suggestion holds exactly this text; review that one instead.")) from None
    return quote


def review_source_change(queryset, user=None) -> int:
    """The statements' changed text reviewed: the old text is no longer shown beside it."""
    changed = queryset.filter(source_changed=True)
    return locking.update_all(changed, user, reason="source change reviewed", source_changed=False, previous_text="")


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
        "source_changed": quote.source_changed,
        "previous_text": quote.previous_text,
        "speaker": {"id": quote.speaker.pk, "name": quote.speaker.name} if quote.speaker else None,
        "directives": [{"id": d.pk, "name": d.name} for d in quote.directives.all()],
    }


def statements_of(article) -> list[dict]:
    """Every statement of the article, withdrawn ones too: the editor may attach them again."""
    quotes = article.quotes.select_related("speaker").prefetch_related("directives")
    return [statement_data(q) for q in quotes]
