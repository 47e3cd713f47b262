"""Restatement groups: statements an editor found to make the same point.

Accepting a restatement link can put both statements in one group (merging their groups if
each had one). Suggested restatement links between members of a group are then decided by
the group itself, so an editor decides once per statement, not once per pair.
"""

from django.db import transaction
from django.db.models import F, Q

from articles import changes
from articles.choices import Status
from articles.models import Quote, QuoteLink
from articles.restatements.models import RestatementGroup


def group(first_id: int, second_id: int, user=None) -> RestatementGroup:
    """One group holding both statements and everything already grouped with either."""
    with transaction.atomic():
        pair = list(Quote.objects.select_for_update().filter(pk__in=[first_id, second_id]))
        existing = sorted({q.restatement_group_id for q in pair} - {None})
        kept = RestatementGroup.objects.get(pk=existing[0]) if existing else RestatementGroup.objects.create()
        moved = Quote.objects.filter(Q(pk__in=[first_id, second_id]) | Q(restatement_group__in=existing)).exclude(
            restatement_group=kept
        )
        moved_ids = list(moved.values_list("pk", flat=True))
        Quote.objects.filter(pk__in=moved_ids).update(restatement_group=kept, version=F("version") + 1)
        RestatementGroup.objects.filter(pk__in=existing[1:]).delete()
        members = Quote.objects.filter(restatement_group=kept).values("pk")
        implied = QuoteLink.objects.filter(
            kind=QuoteLink.Kind.RESTATES, status=Status.SUGGESTED, from_quote__in=members, to_quote__in=members
        )
        implied_ids = list(implied.values_list("pk", flat=True))
        QuoteLink.objects.filter(pk__in=implied_ids).update(status=Status.CONFIRMED)
        changes.recorded(Quote, moved_ids, user, "grouped")
        changes.recorded(QuoteLink, implied_ids, user, "grouped")
    return kept
