"""What alert mails say: plain text and HTML from templates, in the reader's language, each
with an unsubscribe link in its body and in the List-Unsubscribe headers (RFC 2369), with
List-Unsubscribe-Post for one-click unsubscribing (RFC 8058): a mail client POSTs to it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from articles.alerts import links


def compose(to: str, subject: str, template: str, context: dict, unsubscribe: str) -> EmailMultiAlternatives:
    context = {**context, "unsubscribe_url": unsubscribe, "site_url": settings.ARCHIVE_SITE_URL}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/{template}.txt", context),
        to=[to],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(render_to_string(f"alerts/{template}.html", context), "text/html")
    return message


def confirmation(subscription) -> EmailMultiAlternatives:
    with translation.override(subscription.language):
        return compose(
            subscription.email,
            _("Confirm your alert: %(target)s") % {"target": subscription.target_name},
            "confirm",
            {"subscription": subscription, "confirm_url": links.confirm_url(subscription)},
            links.unsubscribe_url(subscription),
        )


def digest(email: str, language: str, sections: list[dict]) -> EmailMultiAlternatives:
    """One mail for an address: a section per subscription with something new, each section
    ``{"subscription", "statements", "unsubscribe_url"}``, statements with their speaker and
    article loaded and ``permalink`` set."""
    count = sum(len(s["statements"]) for s in sections)
    with translation.override(language):
        subject = translation.ngettext(
            "%(count)d new statement in the archive", "%(count)d new statements in the archive", count
        ) % {"count": count}
        context = {"sections": sections, "count": count}
        return compose(email, subject, "digest", context, links.unsubscribe_url(email=email))
