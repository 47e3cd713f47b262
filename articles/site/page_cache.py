"""Whole-page caching of the public site for anonymous readers, with cheap invalidation.

Every page key contains the archive's generation (``articles.changes``): any write to an
archive table (a save, a bulk action's update, a load, an import) sets a new one once it
commits, so every cached page is orphaned at once and expires on its own: no list of keys to
track, no stale page after a change. Pages are cached only for anonymous GETs of the public
site (the ``articles`` namespace, sitemaps included); editors, the admin, POSTs and
``/healthz`` never are. A streamed response (the CSV download) is kept once a reader has
read it to the end, if it is under ``MAX_STREAMED_BYTES``.

A cacheable request's response says how it was served, ``X-Page-Cache: hit`` (from the
cache) or ``miss`` (rendered), so a load drill can count the hit ratio from outside.

The language switcher on every page carries a CSRF token, which is per visitor: the cached
copy keeps a placeholder and each reader gets their own token when the page is served.

A page is kept under the parameters its view reads (``PARAMETERS``); any other parameter is
dropped from the request before the view sees it, so junk parameters neither make new
entries nor show up in the page's own links (one entry per junk parameter filled Redis).

With the local-memory backend each process has its own cache and its own generation, so an
edit in one process does not reach the others until ``ARCHIVE_PAGE_CACHE_SECONDS`` pass:
with more than one process, set ``REDIS_URL``.
"""

import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from articles.changes import generation
from articles.site.filters import ArticleFilter, DirectiveFilter, QuoteFilter, SpeakerFilter

CACHED_NAMESPACE = "articles"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"
CACHE_HEADER = "X-Page-Cache"
# Not kept with the page: a copy served from the cache says hit, whatever its first answer said.
SKIPPED_HEADERS = {"set-cookie", CACHE_HEADER.lower()}
MAX_STREAMED_BYTES = 16 * 1024 * 1024


def timeout() -> int:
    return getattr(settings, "ARCHIVE_PAGE_CACHE_SECONDS", 0)


def _reads(*filtersets, extra=("page",)) -> frozenset[str]:
    return frozenset(extra).union(*(f.base_filters for f in filtersets))


# The query parameters each cached view reads: its FilterSet's declared filters (q and sort
# among them) and the page. The language is part of every key already (get_language()).
PARAMETERS = {
    "home": frozenset(),
    "search": frozenset({"q", "type", "page"}),
    "article_list": _reads(ArticleFilter),
    "article_detail": frozenset(),
    "speaker_list": _reads(SpeakerFilter),
    "speaker_detail": _reads(QuoteFilter),
    "directive_list": _reads(DirectiveFilter),
    "directive_detail": _reads(),
    "quote_list": _reads(QuoteFilter),
    "quote_csv": _reads(QuoteFilter, extra=()),
    "quote_detail": _reads(),
    "feed_articles": frozenset(),
    "feed_speaker": frozenset(),
    "feed_directive": frozenset(),
    "api_articles": _reads(ArticleFilter),
    "api_quotes": _reads(QuoteFilter),
    "api_speakers": _reads(SpeakerFilter),
    "api_directives": _reads(DirectiveFilter),
    "sitemap": frozenset(),
    "sitemap_section": frozenset({"p"}),
    "speaker_compare": frozenset({"a", "b"}),
    "api_index": frozenset(),
    "api_schema": frozenset({"format", "lang"}),
    "api_docs": frozenset(),
    "api_article": frozenset(),
    "api_quote": frozenset(),
    "api_speaker": frozenset(),
    "api_directive": frozenset(),
    "api_annotations": frozenset({"page"}),
}
# The API answers an unknown parameter with 400 naming it (a client's typo should not pass
# for a filter): such a request is not cached and reaches the view as sent.
STRICT = frozenset({"api_articles", "api_quotes", "api_speakers", "api_directives", "api_annotations"})


def known_query(request) -> QueryDict:
    """The request's parameters its view reads, in a fixed order."""
    known = PARAMETERS[request.resolver_match.url_name]
    pairs = [(name, value) for name in sorted(request.GET.keys() & known) for value in request.GET.getlist(name)]
    return QueryDict(urlencode(pairs))


def page_key(request) -> str:
    where = hashlib.sha256(f"{request.get_host()}{request.path}?{request.GET.urlencode()}".encode()).hexdigest()
    return f"archive:page:{generation()}:{get_language()}:{where}"


def cacheable_request(request) -> bool:
    match = request.resolver_match
    return (
        request.method == "GET"
        and timeout() > 0
        and match is not None
        and match.namespace == CACHED_NAMESPACE
        and match.url_name in PARAMETERS
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def keep_streamed(key, chunks, headers):
    """The chunks as they go to the reader; once all are sent, kept as one page."""
    kept, size = [], 0
    for chunk in chunks:
        if kept is not None:
            size += len(chunk)
            if size > MAX_STREAMED_BYTES:
                kept = None
            else:
                kept.append(chunk)
        yield chunk
    if kept is not None:
        cache.set(key, (b"".join(kept), headers), timeout())


class PageCacheMiddleware:
    """Sits after the authentication middleware, so ``request.user`` is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_archive_page_key", None)
        if key:
            response[CACHE_HEADER] = "miss"
        if key and cacheable_response(response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
            if response.streaming:
                response.streaming_content = keep_streamed(key, response.streaming_content, headers)
            else:
                content = CSRF_FIELD.sub(rb"\g<1>" + CSRF_PLACEHOLDER + rb"\g<2>", response.content)
                cache.set(key, (content, headers), timeout())
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not cacheable_request(request):
            return None
        name = request.resolver_match.url_name
        if name in STRICT and request.GET.keys() - PARAMETERS[name]:
            return None
        # The view sees what the key says, so a page kept under it is the page it would make.
        request.GET = known_query(request)
        request.META["QUERY_STRING"] = request.GET.urlencode()
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
        response[CACHE_HEADER] = "hit"
        return response
