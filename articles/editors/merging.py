"""Merging two speakers or two directives that are one: everything moves to the one kept.

The dropped one's statements, titles, aliases, articles (and for directives: children,
related directives, citations) move to the kept one; its name becomes an alias, so the loader
resolves it to the kept one next time; its slug becomes a FormerSlug, so its old URL
redirects; both sides get a history record saying what happened. One transaction each.
"""

from collections import Counter

from django.db import transaction
from django.db.models import Exists, OuterRef

from articles.editors import locking
from articles.models import Article, Directive, DirectiveAlias, FormerSlug, Quote, SpeakerAlias, SpeakerTitle


class MergeError(ValueError):
    pass


def _reason(text: str) -> str:
    return text[:100]  # the history table's change reason column


def _move_m2m(through, field: str, other: str, drop, keep) -> int:
    """Point ``through`` rows from ``drop`` to ``keep``; rows ``keep`` already has are dropped."""
    rows = through.objects.filter(**{field: drop})
    already = through.objects.filter(**{field: keep, other: OuterRef(other)})
    rows.filter(Exists(already)).delete()
    return rows.update(**{field: keep})


def _move_aliases(alias_model, owner: str, drop, keep) -> int:
    moved = alias_model.objects.filter(**{owner: drop}).update(**{owner: keep})
    alias_model.objects.filter(**{owner: keep, "name": keep.name}).delete()
    alias_model.objects.get_or_create(name=drop.name, defaults={owner: keep})
    return moved


def _finish(owner: str, drop, keep, user, fields: list[str]) -> None:
    """Former slug, blank fields filled from the dropped one, history on both sides.

    The kept one is saved at the version it was read at: an edit saved meanwhile refuses
    the merge (``locking.StaleVersion``) rather than being overwritten.
    """
    FormerSlug.objects.filter(**{owner: drop}).update(**{owner: keep})
    FormerSlug.objects.create(**{owner: keep}, slug=drop.slug)
    for field in ("description", "code", "issuer"):
        if hasattr(keep, field) and not getattr(keep, field) and getattr(drop, field):
            setattr(keep, field, getattr(drop, field))
            fields.append(field)
    keep._history_user = drop._history_user = user
    keep._change_reason = _reason(f"merged {drop.name} ({drop.slug})")
    locking.save_if_current(keep, keep.version, fields)
    drop._change_reason = _reason(f"merged into {keep.name} ({keep.slug})")
    drop.delete()


def _check(keep, drop) -> None:
    if keep.pk == drop.pk:
        raise MergeError("cannot merge an item into itself")


@transaction.atomic
def merge_speakers(keep, drop, user=None) -> Counter:
    """Move everything of speaker ``drop`` to ``keep`` and delete ``drop``; returns what moved."""
    _check(keep, drop)
    moved = Counter()
    moved["statements"] = locking.update_all(
        Quote.objects.filter(speaker=drop), user, _reason(f"speaker {drop.name} merged into {keep.name}"), speaker=keep
    )
    titles = SpeakerTitle.objects.filter(speaker=drop)
    titles.filter(
        Exists(SpeakerTitle.objects.filter(speaker=keep, article=OuterRef("article"), title=OuterRef("title")))
    ).delete()
    moved["titles"] = titles.update(speaker=keep)
    moved["articles"] = _move_m2m(Article.people.through, "speaker", "article", drop, keep)
    moved["aliases"] = _move_aliases(SpeakerAlias, "speaker", drop, keep)
    _finish("speaker", drop, keep, user, [])
    return moved


@transaction.atomic
def merge_directives(keep, drop, user=None) -> Counter:
    """Move everything of directive ``drop`` to ``keep`` and delete ``drop``; returns what moved."""
    _check(keep, drop)
    moved = Counter()
    reason = _reason(f"directive {drop.name} merged into {keep.name}")
    citing = Quote.objects.filter(directives=drop).values("pk")
    # The citation is an M2M row history does not track: a history record says why, and the
    # version bump makes any statement form opened before the merge stale.
    locking.update_all(Quote.objects.filter(pk__in=citing), user, reason)
    moved["statements"] = _move_m2m(Quote.directives.through, "directive", "quote", drop, keep)
    moved["articles"] = _move_m2m(Article.directives.through, "directive", "article", drop, keep)
    moved["children"] = locking.update_all(
        Directive.objects.filter(parent=drop).exclude(pk=keep.pk), user, reason, parent=keep
    )
    if keep.parent_id == drop.pk:
        keep.parent_id = drop.parent_id if drop.parent_id != keep.pk else None
    elif keep.parent_id is None and drop.parent_id != keep.pk:
        keep.parent_id = drop.parent_id
    if keep.kind == Directive.Kind.OTHER:
        keep.kind = drop.kind
    related = drop.related.exclude(pk=keep.pk)
    moved["related"] = related.count()
    keep.related.add(*related)
    moved["aliases"] = _move_aliases(DirectiveAlias, "directive", drop, keep)
    _finish("directive", drop, keep, user, ["parent", "kind"])
    return moved
