"""Alerts by email, the reader's side: the follow form's answer, and the pages a mail's links
open. None of them is cached (their namespace, articles:alerts, is not the page cache's): they answer one
reader.

Confirming and unsubscribing are POSTs from the page a link opens, since mail scanners fetch
every GET link in a mail. The unsubscribe POST takes no CSRF token: mail clients send the
one-click POST of RFC 8058 without one, and the signed link is what authorises it (a forged
POST could only unsubscribe an address whose link its sender already has).
"""

import logging
import smtplib

from django import forms
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from articles.alerts import subscribing
from articles.alerts.subscribing import Outcome
from articles.clients import client_address
from articles.models import Directive, Speaker
from articles.search.query import MAX_QUERY_CHARS

logger = logging.getLogger("policy_archive.alerts")


class FollowForm(forms.Form):
    """What the follow form on a speaker's, a directive's or the search page sends: an address
    and the one thing to follow, as hidden fields the cached page carries for everyone."""

    email = forms.EmailField(label=_("Email address"), max_length=254)
    speaker = forms.SlugField(required=False, widget=forms.HiddenInput, allow_unicode=True)
    directive = forms.SlugField(required=False, widget=forms.HiddenInput, allow_unicode=True)
    q = forms.CharField(required=False, widget=forms.HiddenInput, max_length=MAX_QUERY_CHARS, strip=True)

    def target(self) -> dict | None:
        """The one thing to follow, as ``subscribing.subscribe`` takes it; None if not exactly one."""
        data = self.cleaned_data
        named = [name for name in ("speaker", "directive", "q") if data.get(name)]
        if len(named) != 1:
            return None
        if data.get("speaker"):
            speaker = Speaker.objects.filter(slug=data["speaker"]).first()
            return {"speaker": speaker} if speaker else None
        if data.get("directive"):
            directive = Directive.objects.filter(slug=data["directive"]).first()
            return {"directive": directive} if directive else None
        return {"query": data["q"]}


def target_name(target: dict) -> str:
    if "query" in target:
        return f"“{target['query']}”"
    return (target.get("speaker") or target.get("directive")).name


@never_cache
@require_POST
def alert_follow(request):
    form = FollowForm(request.POST)
    target = form.target() if form.is_valid() else None
    if not form.is_valid() or target is None:
        # Fields the reader cannot see (a stale page's speaker) are not theirs to fix: say so.
        lost = form.is_valid() or form.has_error("speaker") or form.has_error("directive") or form.has_error("q")
        return render(request, "articles/alert_follow.html", {"form": form, "lost": lost}, status=400)
    try:
        outcome = subscribing.subscribe(
            form.cleaned_data["email"], language=get_language(), client=client_address(request), **target
        )
    except (smtplib.SMTPException, OSError) as error:
        # The mail server is down or refuses: the reader is told to try later, the operator why.
        logger.warning("confirmation mail not sent: %s", error)
        return render(request, "articles/alert_sent.html", {"failed": True}, status=503)
    throttled = outcome is Outcome.THROTTLED
    return render(
        request,
        "articles/alert_sent.html",
        {"throttled": throttled, "target": target_name(target)},
        status=429 if throttled else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def alert_confirm(request, token):
    subscription = subscribing.pending(token)
    if subscription is None:
        return render(request, "articles/alert_confirm.html", {"invalid": True}, status=400)
    # The page speaks the language the reader subscribed in, whatever browser opens the link.
    with translation.override(subscription.language):
        if request.method == "POST":
            subscribing.confirm(subscription)
        context = {"subscription": subscription, "done": request.method == "POST"}
        return render(request, "articles/alert_confirm.html", context)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    subscriptions = subscribing.leaving(token)
    if request.method == "POST":
        subscribing.unsubscribe(subscriptions)
    language = subscriptions[0].language if subscriptions else get_language()
    with translation.override(language):
        context = {"subscriptions": subscriptions, "done": request.method == "POST", "token": token}
        return render(request, "articles/alert_unsubscribe.html", context)
