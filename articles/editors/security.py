"""Security events for operators: logins, failed logins, lockouts and refusals (403).

Everything goes to the `policy_archive.security` logger, so a deployment can route it to
its own file or collector. Passwords are never logged; the username tried is, because a
burst of failures on one name is what an operator looks for.
"""

import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("policy_archive.security")


def client_address(request) -> str | None:
    """The client's address; behind a proxy, the last X-Forwarded-For entry, the one the
    proxy itself appended (earlier entries come from the client and can be forged)."""
    if request is None:
        return None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.ARCHIVE_BEHIND_PROXY and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR") or None


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
