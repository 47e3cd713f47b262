"""Whole-page caching of the public site for anonymous readers, with cheap invalidation.

A page is kept with the archive's generation and the version of its tag (``articles.changes``;
the tag is named by its address: ``tag_of``), both read in the same read of the cache as
the page, before the view runs. It is served only while both are unchanged: a write nobody
declared moves the generation (every page is orphaned), a declared change moves the tags of
the pages showing what it changed (``articles.tags``). No list of keys to track, no stale
page after a change, one entry per address (a page made again replaces the old one).
Pages are cached only for anonymous GETs of the public site (the ``articles`` namespace,
sitemaps included) from readers with no session; editors, the admin, POSTs and ``/healthz``
never are; ``X-Page-Cache`` says "hit" or "miss" on those that may be. A streamed response
(the CSV download) is kept once a reader has read it to the end, if it is under ``MAX_STREAMED_BYTES``.

The language switcher on every page carries a CSRF token, which is per visitor: the cached
copy keeps a placeholder and each reader gets their own token when the page is served.

A page is kept under the parameters its view reads (``PARAMETERS``); any other parameter is
dropped from the request before the view sees it, so junk parameters neither make new
entries nor show up in the page's own links (one entry per junk parameter filled Redis).

With the local-memory backend each process has its own cache and its own versions, so an
edit in one process does not reach the others until ``ARCHIVE_PAGE_CACHE_SECONDS`` pass:
with more than one process, set ``REDIS_URL``.
"""

import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import Resolver404, resolve
from django.utils import translation

from articles import changes
from articles.site.filters import ArticleFilter, DirectiveFilter, QuoteFilter, SpeakerFilter

CACHED_NAMESPACE = "articles"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"
# Per reader (the CSRF cookie), or made again for the page served (its length).
SKIPPED_HEADERS = {"set-cookie", "content-length"}
# "hit" or "miss" on every request the cache answers or could have; none on the others.
STATUS_HEADER = "X-Page-Cache"
MAX_STREAMED_BYTES = 16 * 1024 * 1024


def timeout() -> int:
    return getattr(settings, "ARCHIVE_PAGE_CACHE_SECONDS", 0)


def _reads(*filtersets, extra=("page",)) -> frozenset[str]:
    return frozenset(extra).union(*(f.base_filters for f in filtersets))


# The query parameters each cached view reads: its FilterSet's declared filters (q and sort
# among them) and the page. The language is part of every key already (language_of()).
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


def known_query(request, match) -> QueryDict:
    """The request's parameters its view reads, in a fixed order."""
    known = PARAMETERS[match.url_name]
    pairs = [(name, value) for name in sorted(request.GET.keys() & known) for value in request.GET.getlist(name)]
    return QueryDict(urlencode(pairs))


# The pages of one object carry its tag, named from the address alone (so that it is read
# before the view reads the database: a page made while a change commits is kept with the
# version the change then replaces). Every other page carries ``lists``.
TAGGED = {
    "article_detail": ("article", "slug"),
    "api_article": ("article", "slug"),
    "api_annotations": ("article", "slug"),
    "quote_detail": ("quote", "pk"),
    "api_quote": ("quote", "pk"),
    "speaker_detail": ("speaker", "slug"),
    "api_speaker": ("speaker", "slug"),
    "feed_speaker": ("speaker", "slug"),
    "directive_detail": ("directive", "slug"),
    "api_directive": ("directive", "slug"),
    "feed_directive": ("directive", "slug"),
}


def tag_of(match) -> str:
    found = TAGGED.get(match.url_name)
    return f"{found[0]}:{match.kwargs[found[1]]}" if found else changes.LISTS


def page_key(request, language: str) -> str:
    where = hashlib.sha256(f"{language}:{request.get_host()}{request.path}?{request.GET.urlencode()}".encode())
    return f"archive:page:{where.hexdigest()}"


def language_of(request) -> str:
    """The language the locale middleware will choose for ``request``, by its own rules."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    prefixed, prefixed_default = is_language_prefix_patterns_used(urlconf)
    language = translation.get_language_from_request(request, check_path=prefixed)
    if prefixed and not prefixed_default and not translation.get_language_from_path(request.path_info):
        language = settings.LANGUAGE_CODE
    return language


def cacheable_match(request):
    """The public view a GET is for, if its page may be cached; else None.

    Only for a reader with no session cookie: without a session nobody is logged in, so the
    page is the anonymous one without asking the session store.
    """
    if request.method != "GET" or timeout() <= 0:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    if match.namespace != CACHED_NAMESPACE or match.url_name not in PARAMETERS:
        return None
    if match.url_name in STRICT and request.GET.keys() - PARAMETERS[match.url_name]:
        return None
    return match


def cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def keep_streamed(key, made_in, chunks, headers):
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
        cache.set(key, (*made_in, b"".join(kept), headers), timeout())


class PageCacheMiddleware:
    """Sits right after the static files, before sessions, locale, CSRF and authentication:
    a page found answers with one read of the cache and none of their work. A page made is
    kept as it leaves them (their headers with it), so a page served from the cache is the
    one the whole chain would send; what differs per reader, the CSRF token and its cookie,
    is put back by the CSRF middleware's own code.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        match = cacheable_match(request)
        if match is None:
            return self.get_response(request)
        # The view sees what the key says, so a page kept under it is the page it would make.
        request.GET = known_query(request, match)
        request.META["QUERY_STRING"] = request.GET.urlencode()
        key = page_key(request, language_of(request))
        versioned = [changes.GENERATION_KEY, changes.tag_key(tag_of(match))]
        found = cache.get_many([*versioned, key])
        made_in = changes.current(versioned, found)
        kept = found.get(key)
        if kept is not None and list(kept[:2]) == made_in:
            response = self.served(request, *kept[2:])
            response[STATUS_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
            if response.streaming:
                response.streaming_content = keep_streamed(key, made_in, response.streaming_content, headers)
            else:
                content = CSRF_FIELD.sub(rb"\g<1>" + CSRF_PLACEHOLDER + rb"\g<2>", response.content)
                cache.set(key, (*made_in, content, headers), timeout())
        response[STATUS_HEADER] = "miss"
        return response

    def served(self, request, content: bytes, headers) -> HttpResponse:
        """The kept page, with this reader's CSRF token and cookie."""
        self.csrf.process_request(request)
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        return self.csrf.process_response(request, response)
