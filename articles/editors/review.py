"""The review queue: everything waiting for an editor's decision, and decisions that can be undone.

Waiting are suggested statements, statements the source no longer holds as they were
(unanchored), and suggested statement links. Each decision goes through the same version
check and history as the admin's other paths (``locking``), so a queue opened before a
reload or another editor's save never overwrites what they did. A decision returns a signed
token naming what it changed and the version it left; undo restores the previous state only
of rows still at that version, within ``UNDO_SECONDS``.
"""

from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.db.models import F, Q

from articles import changes
from articles.choices import PublicationStatus, Status
from articles.editors import locking
from articles.models import Quote, QuoteLink

# Long enough for the editor to see what happened and press undo; the page offers it for
# less, the server allows a little more for a slow request.
UNDO_SECONDS = 60
SALT = "articles.review.undo"


class Kind:
    """What waits: a statement to confirm or reject, one to find again, or a link."""

    SUGGESTED = "suggested"
    UNANCHORED = "unanchored"
    LINK = "link"
    ALL = (SUGGESTED, UNANCHORED, LINK)


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    speaker: int | None = None
    directive: int | None = None
    outlet: str = ""


def statements_waiting(filters: Filters = Filters()):
    """Statements waiting for a decision, newest article first."""
    rows = Quote.objects.exclude(status=Status.REJECTED)
    if filters.kind == Kind.SUGGESTED:
        rows = rows.filter(status=Status.SUGGESTED, anchored=True)
    elif filters.kind == Kind.UNANCHORED:
        rows = rows.filter(anchored=False)
    elif filters.kind == Kind.LINK:
        return Quote.objects.none()
    else:
        rows = rows.filter(Q(status=Status.SUGGESTED) | Q(anchored=False))
    if filters.speaker:
        rows = rows.filter(speaker_id=filters.speaker)
    if filters.directive:
        rows = rows.filter(directives=filters.directive)
    if filters.outlet:
        rows = rows.filter(article__outlet=filters.outlet)
    return rows.select_related("speaker", "article").order_by("-article__published_on", "-article_id", "start", "pk")


def links_waiting(filters: Filters = Filters()):
    """Suggested statement links, those of the newest statements first."""
    if filters.kind and filters.kind != Kind.LINK:
        return QuoteLink.objects.none()
    rows = QuoteLink.objects.filter(status=Status.SUGGESTED).exclude(
        Q(from_quote__status=Status.REJECTED) | Q(to_quote__status=Status.REJECTED)
    )
    if filters.speaker:
        rows = rows.filter(Q(from_quote__speaker_id=filters.speaker) | Q(to_quote__speaker_id=filters.speaker))
    if filters.directive:
        rows = rows.filter(Q(from_quote__directives=filters.directive) | Q(to_quote__directives=filters.directive))
    if filters.outlet:
        rows = rows.filter(Q(from_quote__article__outlet=filters.outlet) | Q(to_quote__article__outlet=filters.outlet))
    return (
        rows.select_related("from_quote__speaker", "from_quote__article", "to_quote__speaker", "to_quote__article")
        .order_by("-from_quote__article__published_on", "-from_quote_id", "-score", "pk")
        .distinct()
    )


def counts() -> dict[str, int]:
    """How many of each kind wait: for the admin index."""
    statements = Quote.objects.exclude(status=Status.REJECTED).filter(article__status=PublicationStatus.PUBLISHED)
    return {
        Kind.SUGGESTED: statements.filter(status=Status.SUGGESTED, anchored=True).count(),
        Kind.UNANCHORED: statements.filter(anchored=False).count(),
        Kind.LINK: QuoteLink.objects.filter(status=Status.SUGGESTED).count(),
    }


def decide_statements(user, versions: dict[int, int], status: str, reason: str = "") -> str:
    """Set ``status`` on each statement still at the version the editor saw; returns an undo
    token. A statement changed since (by a reload or another editor) raises StaleVersion and
    nothing is saved."""
    return _decide(user, versions, reason, status=status)


def correct_speaker(user, quote_id: int, version: int, speaker) -> str:
    """The statement's speaker, corrected; an undo token."""
    return _decide(user, {quote_id: version}, "", speaker=speaker, edited=True)


def _decide(user, versions: dict[int, int], reason: str, **values) -> str:
    with transaction.atomic():
        rows = {q.pk: q for q in Quote.objects.select_for_update().filter(pk__in=versions)}
        for pk, version in versions.items():
            row = rows.get(pk)
            if row is None or row.version != version:
                raise locking.StaleVersion(row, version)
        before = [[pk, rows[pk].version + 1, {n: getattr(rows[pk], _field(n)) for n in values}] for pk in versions]
        with changes.touching(quotes=versions):
            Quote.objects.filter(pk__in=versions).update(version=F("version") + 1, **values)
            changes.recorded(Quote, list(versions), user, reason)
    return signing.dumps({"model": "quote", "rows": before}, salt=SALT)


def decide_links(user, ids: list[int], status: str) -> str:
    """Accept or reject suggested links; an undo token."""
    with transaction.atomic():
        links = list(QuoteLink.objects.select_for_update().filter(pk__in=ids, status=Status.SUGGESTED))
        before = [[link.pk, status, {"status": link.status}] for link in links]
        with changes.touching(quotes=ends(links)):
            QuoteLink.objects.filter(pk__in=[link.pk for link in links]).update(status=status)
            changes.recorded(QuoteLink, [link.pk for link in links], user)
    return signing.dumps({"model": "link", "rows": before}, salt=SALT)


def undo(user, token: str) -> int:
    """Put back what the token's decision changed, on rows nobody has changed since. Returns
    how many rows were restored; a token older than UNDO_SECONDS or altered is refused
    with ``signing.BadSignature``."""
    data = signing.loads(token, salt=SALT, max_age=UNDO_SECONDS)
    restored = []
    ids = [row[0] for row in data["rows"]]
    touched = ends(QuoteLink.objects.filter(pk__in=ids)) if data["model"] == "link" else ids
    with transaction.atomic(), changes.touching(quotes=touched):
        for pk, mark, previous in data["rows"]:
            if data["model"] == "link":
                if QuoteLink.objects.filter(pk=pk, status=mark).update(**previous):
                    restored.append(pk)
                    QuoteLink.history.bulk_history_create(
                        list(QuoteLink.objects.filter(pk=pk)),
                        update=True,
                        default_user=user,
                        default_change_reason="undo",
                    )
                continue
            values = {_field(name): value for name, value in previous.items()}
            if Quote.objects.filter(pk=pk, version=mark).update(version=F("version") + 1, **values):
                restored.append(pk)
        changes.recorded(Quote if data["model"] == "quote" else QuoteLink, restored, user, "undo")
    return len(restored)


def ends(links) -> set[int]:
    """The statements at either end of ``links``: what a decision on them changes."""
    return {pk for link in links for pk in (link.from_quote_id, link.to_quote_id)}


def _field(name: str) -> str:
    """Foreign keys are kept by their id in the token."""
    return "speaker_id" if name == "speaker" else name
