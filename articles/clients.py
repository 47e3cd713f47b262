"""Who sent a request: its client's address, as the login lockout and the alerts' throttle
count it (both must agree on who a client is, behind a proxy or not)."""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's address. Behind a proxy (DJANGO_BEHIND_PROXY), and only for a request that
    came from one of its addresses (DJANGO_PROXY_ADDRESSES), the last X-Forwarded-For entry:
    the one that proxy appended. Earlier entries come from the client and can be forged, and
    so can the header of a request that reached the server round the proxy."""
    if request is None:
        return None
    peer = request.META.get("REMOTE_ADDR") or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.ARCHIVE_BEHIND_PROXY and forwarded.strip() and peer in settings.ARCHIVE_PROXY_ADDRESSES:
        return _address(forwarded.split(",")[-1]) or peer
    return peer
