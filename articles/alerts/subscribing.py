"""Double opt-in: a reader asks to follow something, a confirmation mail goes to the address,
and nothing more is sent until its link is confirmed.

The answer is the same whether the address was new, waiting or subscribed already, so the
form tells no one who follows what; an address gets one active subscription per target
(the database's unique constraints decide, also between two requests at once).

Confirmation mails are throttled per address and per client address, counted in the
database's ConfirmationMail rows rather than the cache: without Redis each process has its
own local-memory cache, and a limit counted there would be multiplied by the workers.
Requests arriving at the very same moment may each pass the count before either is recorded:
a limit of a few mails a day can be exceeded by those few, never by a flood.
"""

import enum
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from articles.alerts import mail, tokens
from articles.alerts.models import ConfirmationMail, Subscription
from articles.models import Quote


class Outcome(enum.Enum):
    SENT = "sent"
    THROTTLED = "throttled"


def normalise(email: str) -> str:
    """Addresses are kept in lower case: one reader, one address, however they type it."""
    return email.strip().lower()


def throttled(email: str, client: str | None) -> bool:
    since = timezone.now() - timedelta(hours=settings.ARCHIVE_ALERT_THROTTLE_HOURS)
    recent = ConfirmationMail.objects.filter(sent_at__gte=since)
    if recent.filter(email=email).count() >= settings.ARCHIVE_ALERT_MAILS_PER_ADDRESS:
        return True
    return client is not None and recent.filter(client=client).count() >= settings.ARCHIVE_ALERT_MAILS_PER_CLIENT


def subscribe(
    email: str, *, language: str, client: str | None = None, speaker=None, directive=None, query=""
) -> Outcome:
    """Ask ``email`` to confirm following one target (exactly one of speaker, directive, query)."""
    email = normalise(email)
    if throttled(email, client):
        return Outcome.THROTTLED
    target = {"speaker": speaker, "directive": directive, "query": query.strip()}
    subscription = Subscription.objects.active().filter(email=email, **target).first()
    if subscription is None:
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(email=email, language=language, **target)
        except IntegrityError:
            # Another request made it a moment ago.
            subscription = Subscription.objects.active().get(email=email, **target)
    ConfirmationMail.objects.create(email=email, client=client)
    mail.confirmation(subscription).send()
    return Outcome.SENT


def pending(token: str) -> Subscription | None:
    """The active subscription a confirmation link names, if the link is good."""
    pk = tokens.confirmed_subscription_id(token)
    if pk is None:
        return None
    return Subscription.objects.active().select_related("speaker", "directive").filter(pk=pk).first()


def confirm(subscription: Subscription) -> None:
    """From now on: its watermark starts at the newest statement there is, so the first digest
    brings what is new, not the archive's past. Confirming twice changes nothing."""
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.last_sent_quote_id = Quote.objects.aggregate(top=Max("pk"))["top"] or 0
        subscription.save(update_fields=["confirmed_at", "last_sent_quote_id"])


def leaving(token: str) -> list[Subscription]:
    """The active subscriptions an unsubscribe link names."""
    found = tokens.unsubscribing(token)
    if found is None:
        return []
    chosen = Subscription.objects.active().select_related("speaker", "directive")
    if found.subscription is not None:
        return list(chosen.filter(pk=found.subscription))
    return list(chosen.filter(email=found.email))


def unsubscribe(subscriptions: list[Subscription]) -> int:
    return (
        Subscription.objects.filter(pk__in=[s.pk for s in subscriptions])
        .active()
        .update(unsubscribed_at=timezone.now())
    )
