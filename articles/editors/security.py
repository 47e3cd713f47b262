"""Security events for operators: logins, failed logins, lockouts and refusals (403).

Everything goes to the `policy_archive.security` logger, so a deployment can route it to
its own file or collector. Passwords are never logged; the username tried is, because a
burst of failures on one name is what an operator looks for.
"""

import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Sum
from django.dispatch import receiver
from django.utils import timezone

from articles.clients import client_address

logger = logging.getLogger("policy_archive.security")


def address_failures(address: str | None) -> int:
    """Failed logins from ``address`` within the cool-off time, whatever usernames were tried."""
    if address is None:
        return 0
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    found = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return found.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AddressLimitedHandler(AxesDatabaseHandler):
    """Axes counts failures per username and address (AXES_FAILURE_LIMIT); this adds a limit
    per address alone (ARCHIVE_LOGIN_ADDRESS_LIMIT), so one address cannot try username after
    username. It is higher: an office behind one address has several editors."""

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.address_locked(request)

    @staticmethod
    def address_locked(request) -> bool:
        return address_failures(client_address(request)) >= settings.ARCHIVE_LOGIN_ADDRESS_LIMIT

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # Answered as axes answers a locked-out pair (429), not with the login form again.
        if request is not None and self.address_locked(request):
            request.axes_locked_out = True


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    logger.info("login user=%s ip=%s", user.get_username(), client_address(request) or "-")


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    logger.warning("login failed user=%s ip=%s", credentials.get("username", "-"), client_address(request) or "-")


class RefusalLogMiddleware:
    """Logs every 403 (permission denied, CSRF failure) and 429 (login lockout) response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (403, 429):
            user = getattr(request, "user", None)
            username = user.get_username() if user is not None and user.is_authenticated else "-"
            logger.warning(
                "refused status=%s path=%s user=%s ip=%s",
                response.status_code,
                request.path,
                username,
                client_address(request) or "-",
            )
        return response
