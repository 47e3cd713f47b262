"""Whole-page caching of the public site for anonymous readers, with cheap invalidation.

Every page key contains the archive's generation (``articles.changes``): any save or
delete of an archive row sets a new one, so every cached page is orphaned at once and
expires on its own: no list of keys to track, no stale page after a save. Pages are
cached only for anonymous GETs of the public site (the ``articles`` namespace); editors,
the admin, POSTs, ``/healthz`` and streamed responses never are.

The language switcher on every page carries a CSRF token, which is per visitor: the cached
copy keeps a placeholder and each reader gets their own token when the page is served.

With the local-memory backend each process has its own cache and its own generation, so an
edit in one process does not reach the others until ``ARCHIVE_PAGE_CACHE_SECONDS`` pass:
with more than one process, set ``REDIS_URL``.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from articles.changes import generation

CACHED_NAMESPACE = "articles"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"
SKIPPED_HEADERS = {"set-cookie"}


def timeout() -> int:
    return getattr(settings, "ARCHIVE_PAGE_CACHE_SECONDS", 0)


def page_key(request) -> str:
    where = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"archive:page:{generation()}:{get_language()}:{where}"


def cacheable_request(request) -> bool:
    match = request.resolver_match
    return (
        request.method == "GET"
        and timeout() > 0
        and match is not None
        and match.namespace == CACHED_NAMESPACE
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    """Sits after the authentication middleware, so ``request.user`` is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_archive_page_key", None)
        if key and cacheable_response(response):
            content = CSRF_FIELD.sub(rb"\g<1>" + CSRF_PLACEHOLDER + rb"\g<2>", response.content)
            headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
            cache.set(key, (content, headers), timeout())
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not cacheable_request(request):
            return None
        key = page_key(request)
        hit = cache.get(key)
        if hit is None:
            request._archive_page_key = key
            return None
        content, headers = hit
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
