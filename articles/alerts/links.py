"""Absolute addresses for mails, from ARCHIVE_SITE_URL: a mail has no request to take a host
from."""

from django.conf import settings
from django.urls import reverse

from articles.alerts import tokens


def absolute(path: str) -> str:
    return f"{settings.ARCHIVE_SITE_URL}{path}"


def confirm_url(subscription) -> str:
    return absolute(reverse("articles:alerts:confirm", args=[tokens.confirm_token(subscription)]))


def unsubscribe_url(subscription=None, email: str | None = None) -> str:
    return absolute(reverse("articles:alerts:unsubscribe", args=[tokens.unsubscribe_token(subscription, email)]))
