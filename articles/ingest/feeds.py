"""Pages and feeds -> articles: fetch, parse, and store through the loader.

A page is stored as a file is (``loading.load_page``): in one transaction, found again by
its canonical URL or the address it came from, so a changed page updates its article and
editors' work is kept, and two workers fetching it at once make one article.

A feed is asked for conditionally (the ETag and Last-Modified it last answered with); of
its items, those stored already are skipped unless the feed says they changed since they
were fetched. A page that fails is named with its reason and the other items still load.
The feed's validators are kept only when every item was stored, so that a page that
failed is asked for again at the next poll.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import feedparser
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from articles.ingest import fetching
from articles.ingest.extracting import SourceError
from articles.ingest.fetching import FetchError
from articles.ingest.loading import load_page
from articles.ingest.pages import PageError, parse_page
from articles.models import Article, Feed

# A page is known by the address it was fetched from, in Article.source_file.
SOURCE_MAX = Article._meta.get_field("source_file").max_length
# What a feed's item is handed to: store it now, or put it on the queue.
Handler = Callable[[str, str], None]


@dataclass
class FetchReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # stored already, not fetched
    queued: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    statements: int = 0

    def summary(self) -> str:
        parts = [
            f"{len(self.created)} created",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.skipped)} already stored",
            f"{len(self.failed)} failed",
        ]
        if self.queued:
            parts.insert(0, f"{len(self.queued)} queued")
        return ", ".join(parts)

    def add(self, other: "FetchReport") -> None:
        for name in ("created", "updated", "unchanged", "skipped", "queued", "failed"):
            getattr(self, name).extend(getattr(other, name))
        self.statements += other.statements


def fetch_options() -> dict:
    return {"allow_private": settings.ARCHIVE_FETCH_PRIVATE, "max_bytes": settings.ARCHIVE_MAX_SOURCE_BYTES}


def fetch_page(url: str, outlet: str = "", attempts: int = fetching.ATTEMPTS) -> tuple[str, int]:
    """Fetch one page and store its article: ("created" | "updated" | "unchanged",
    statements stored). Raises FetchError, or SourceError for a page with no article."""
    if len(url) > SOURCE_MAX:
        raise SourceError(f"address longer than {SOURCE_MAX} characters")
    response = fetching.fetch(url, attempts=attempts, **fetch_options())
    if not response.is_html:
        raise SourceError(f"not an HTML page ({response.content_type or 'no content type'})")
    try:
        parsed = parse_page(response.body, response.url, outlet=outlet)
    except PageError as exc:
        raise SourceError(str(exc)) from None
    return load_page(url, parsed, timezone.now())


def store_page(url: str, outlet: str, report: FetchReport) -> None:
    """``fetch_page``, its outcome or failure added to the report."""
    try:
        outcome, statements = fetch_page(url, outlet)
    except (FetchError, SourceError) as exc:
        report.failed.append((url, exc.reason))
    else:
        getattr(report, outcome).append(url)
        report.statements += statements


def fetch_urls(urls: list[str]) -> FetchReport:
    report = FetchReport()
    for url in urls:
        store_page(url, "", report)
    return report


def entry_changed(entry) -> datetime.datetime | None:
    """When the feed says an item last changed, if it says. (Read from the entry's own
    keys: feedparser's ``get`` maps a missing "updated" to "published", with a warning.)"""
    stamp = dict.get(entry, "updated_parsed") or dict.get(entry, "published_parsed")
    return datetime.datetime(*stamp[:6], tzinfo=datetime.UTC) if stamp else None


def new_items(entries: list) -> tuple[list[str], list[str]]:
    """The items' links to fetch, and those to skip: stored already (under the address
    they came from or their canonical URL) and not changed since they were fetched."""
    links = list(dict.fromkeys(e.get("link", "").strip() for e in entries if e.get("link", "").strip()))
    changed = {e.get("link", "").strip(): entry_changed(e) for e in entries}
    stored = {}
    for source_file, source_url, fetched in Article.objects.filter(
        Q(source_file__in=links) | Q(source_url__in=links)
    ).values_list("source_file", "source_url", "fetched_at"):
        stored[source_file] = stored[source_url] = fetched
    fetch, skip = [], []
    for link in links:
        when = changed.get(link)
        if link in stored and (when is None or stored[link] is None or when <= stored[link]):
            skip.append(link)
        else:
            fetch.append(link)
    return fetch, skip


def poll(feed: Feed, handle: Handler | None = None) -> FetchReport:
    """Ask the feed for its items and hand each new one to ``handle`` (by default, fetch and
    store it here); the outcome is recorded on the feed for its operators."""
    report = FetchReport()
    polled = timezone.now()
    try:
        response = fetching.fetch(feed.url, etag=feed.etag, modified=feed.modified, **fetch_options())
    except FetchError as exc:
        report.failed.append((feed.url, exc.reason))
        return record(feed, report, polled)
    if response.status == 304:
        return record(feed, report, polled)
    parsed = feedparser.parse(response.body)
    if parsed.bozo and not parsed.entries:
        report.failed.append((feed.url, f"not an RSS or Atom feed ({type(parsed.bozo_exception).__name__})"))
        return record(feed, report, polled)
    links, report.skipped = new_items(parsed.entries)
    for link in links:
        if handle is None:
            store_page(link, feed.outlet, report)
        else:
            handle(link, feed.outlet)
            report.queued.append(link)
    return record(feed, report, polled, response if not report.failed else None)


def record(feed: Feed, report: FetchReport, polled, response: fetching.Response | None = None) -> FetchReport:
    feed.last_polled = polled
    feed.last_result = report.summary()[:300]
    feed.last_error = "\n".join(f"{url}: {reason}" for url, reason in report.failed)
    if response is not None:
        feed.etag, feed.modified = response.etag[:500], response.modified[:100]
    feed.save(update_fields=["last_polled", "last_result", "last_error", "etag", "modified"])
    return report


def feeds_for(urls: list[str]) -> list[Feed]:
    """The feeds at these addresses, registered if new; every active feed when none given."""
    if not urls:
        return list(Feed.objects.filter(active=True))
    return [Feed.objects.get_or_create(url=url)[0] for url in dict.fromkeys(urls)]


def poll_feeds(urls: list[str], handle: Handler | None = None) -> FetchReport:
    report = FetchReport()
    for feed in feeds_for(urls):
        report.add(poll(feed, handle))
    return report
