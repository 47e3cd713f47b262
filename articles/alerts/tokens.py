"""The signed links in alert mails: Django's signing with the site's secret key, so a link
needs no login and cannot be made up for another address.

A confirmation link expires (ARCHIVE_ALERT_CONFIRM_DAYS); an unsubscribe link never does,
since a mail read months later must still let its reader leave. An unsubscribe token names
one subscription, or an address (every subscription of it: the mail headers' one-click link).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONFIRM = "articles.alerts.confirm"
UNSUBSCRIBE = "articles.alerts.unsubscribe"


@dataclass(frozen=True)
class Unsubscribing:
    subscription: int | None = None
    email: str | None = None


def confirm_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=CONFIRM)


def confirmed_subscription_id(token: str) -> int | None:
    """The subscription a confirmation token names, or None if it is forged or expired."""
    try:
        value = signing.loads(token, salt=CONFIRM, max_age=settings.ARCHIVE_ALERT_CONFIRM_DAYS * 86400)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def unsubscribe_token(subscription=None, email: str | None = None) -> str:
    return signing.dumps({"s": subscription.pk} if subscription else {"e": email}, salt=UNSUBSCRIBE)


def unsubscribing(token: str) -> Unsubscribing | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE)
    except signing.BadSignature:
        return None
    if isinstance(value, dict) and isinstance(value.get("s"), int):
        return Unsubscribing(subscription=value["s"])
    if isinstance(value, dict) and isinstance(value.get("e"), str):
        return Unsubscribing(email=value["e"])
    return None
