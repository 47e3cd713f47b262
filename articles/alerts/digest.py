"""The daily digest: for every confirmed subscription, the public statements above its
watermark that its target matches, one mail per address, then the watermarks move.

A watermark moves only after the mail server has accepted that address's mail: a refused or
failed mail leaves it, so the next run sends the same statements again, and a statement
accepted once is never sent again (ids only grow; the watermark is the highest id carried).

The statements are found per kind of target, not per subscription: one query for every
followed speaker, one for every followed directive, one per distinct saved search (through
``articles.search``, the search the site runs), then one for the cards. Each mail sent adds
one UPDATE of its address's watermarks.
"""

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from articles.alerts import links, mail
from articles.alerts.models import Subscription
from articles.models import Quote
from articles.search.results import matching

logger = logging.getLogger("policy_archive.alerts")


@dataclass
class Report:
    mails: int = 0
    statements: int = 0
    failed: list[str] = field(default_factory=list)


def _matches(subscriptions: list[Subscription]) -> dict[int, set[int]]:
    """Statement ids above each subscription's watermark that its target matches."""
    found: dict[int, set[int]] = defaultdict(set)
    public = Quote.objects.public()
    by_speaker, by_directive, by_query = defaultdict(list), defaultdict(list), defaultdict(list)
    for s in subscriptions:
        if s.speaker_id:
            by_speaker[s.speaker_id].append(s)
        elif s.directive_id:
            by_directive[s.directive_id].append(s)
        else:
            by_query[s.query].append(s)

    def lowest(group) -> int:
        return min(s.last_sent_quote_id for subs in group.values() for s in subs)

    def distribute(pairs, group):
        for quote_id, key in pairs:
            for s in group[key]:
                if quote_id > s.last_sent_quote_id:
                    found[s.pk].add(quote_id)

    if by_speaker:
        rows = public.filter(speaker_id__in=by_speaker, pk__gt=lowest(by_speaker)).values_list("pk", "speaker_id")
        distribute(rows, by_speaker)
    if by_directive:
        citing = Quote.directives.through.objects.filter(
            directive_id__in=by_directive, quote_id__gt=lowest(by_directive), quote__in=public
        )
        distribute(citing.values_list("quote_id", "directive_id"), by_directive)
    for text, subs in by_query.items():
        above = public.filter(pk__gt=min(s.last_sent_quote_id for s in subs))
        distribute(((pk, text) for pk in matching(text, "statements", above).values_list("pk", flat=True)), by_query)
    return found


def _statement(quote: Quote) -> Quote:
    quote.permalink = links.absolute(quote.get_absolute_url())
    quote.article_url = links.absolute(quote.article.get_absolute_url())
    return quote


def plan() -> dict[str, list[dict]]:
    """Per address, the sections of its digest (see ``mail.digest``): subscriptions with
    something new, oldest statement first, at most ARCHIVE_ALERT_MAX_STATEMENTS each."""
    confirmed = Subscription.objects.confirmed().select_related("speaker", "directive")
    subscriptions = list(confirmed.order_by("email", "pk"))
    found = _matches(subscriptions)
    wanted = {s.pk: sorted(found[s.pk])[: settings.ARCHIVE_ALERT_MAX_STATEMENTS] for s in subscriptions}
    ids = {pk for chosen in wanted.values() for pk in chosen}
    cards = {q.pk: _statement(q) for q in Quote.objects.public().as_cards().filter(pk__in=ids)} if ids else {}
    digests: dict[str, list[dict]] = defaultdict(list)
    for s in subscriptions:
        statements = [cards[pk] for pk in wanted[s.pk] if pk in cards]
        if statements:
            digests[s.email].append(
                {"subscription": s, "statements": statements, "unsubscribe_url": links.unsubscribe_url(s)}
            )
    return digests


def send_digests() -> Report:
    """Send every digest due; a mail the server refuses is reported and tried again next run."""
    report = Report()
    for email, sections in plan().items():
        # The language the reader last subscribed in.
        language = max((s["subscription"] for s in sections), key=lambda s: s.confirmed_at).language
        try:
            mail.digest(email, language, sections).send()
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("alert digest to %s not sent: %s", email, error)
            report.failed.append(f"{email}: {error}")
            continue
        moved = []
        for section in sections:
            section["subscription"].last_sent_quote_id = max(q.pk for q in section["statements"])
            moved.append(section["subscription"])
        Subscription.objects.bulk_update(moved, ["last_sent_quote_id"])
        report.mails += 1
        report.statements += sum(len(s["statements"]) for s in sections)
    return report
