"""The loader's work as Celery tasks: poll a feed, fetch a page, load files.

Delivery is at least once (a task is acknowledged when done), so each task may run twice,
or on two workers at once: each stores through the loader, whose unique constraints make
one article of a page or file however many times it is handled. A page that failed for a
passing reason (a timeout, a 503) is tried again later, waiting longer each time; one that
cannot load is logged with its reason and left.

Files travel in the message, not as paths: a worker needs the broker and the database, not
the disk of the machine that queued them.

Workers fetch in parallel, but an outlet is asked for one page at a time at most every
ARCHIVE_FETCH_HOST_SECONDS: a page whose host was asked too recently is sent back to the
queue for a little later. The mark is kept in the cache, shared by every worker when
REDIS_URL is set (without it, each worker process keeps its own).
"""

import base64
import logging
import random
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from articles.ingest import feeds
from articles.ingest.extracting import SourceError
from articles.ingest.fetching import FetchError
from articles.ingest.loading import CONFLICT, load_paths
from articles.models import Feed

log = logging.getLogger(__name__)
# Files per load_files task: a loader's batch, so that a worker writes them in one transaction.
FILES_PER_TASK = 100


class TransientFetchError(Exception):
    """A fetch to try again later."""


def host_is_free(url: str) -> bool:
    """Whether the page's host may be asked now; if so, it is marked as asked."""
    seconds = settings.ARCHIVE_FETCH_HOST_SECONDS
    return seconds <= 0 or cache.add(f"policy-archive:fetched-host:{urlsplit(url).hostname}", 1, seconds)


@shared_task(
    bind=True,
    autoretry_for=(TransientFetchError,),
    retry_backoff=5,
    retry_backoff_max=600,
    max_retries=5,
    acks_late=True,
)
def fetch_page(self, url: str, outlet: str = "") -> str:
    """Fetch a page and store its article; returns the outcome."""
    if not self.request.is_eager and not host_is_free(url):
        # A new task rather than a retry: waiting for one's turn is not a failure.
        delay = settings.ARCHIVE_FETCH_HOST_SECONDS * random.uniform(1, 4)
        fetch_page.apply_async((url, outlet), countdown=delay)
        return "deferred"
    try:
        outcome, _ = feeds.fetch_page(url, outlet, attempts=1)
    except FetchError as exc:
        if exc.transient:
            raise TransientFetchError(f"{url}: {exc.reason}") from None
        log.warning("%s: %s", url, exc.reason)
        return f"failed: {exc.reason}"
    except SourceError as exc:
        log.warning("%s: %s", url, exc.reason)
        return f"failed: {exc.reason}"
    return outcome


def enqueue_page(url: str, outlet: str) -> None:
    fetch_page.delay(url, outlet)


@shared_task(acks_late=True)
def poll_feed(feed_id: int) -> str:
    """Poll one feed; its new items become fetch_page tasks."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return "no such feed"
    return feeds.poll(feed, enqueue_page).summary()


def enqueue_feeds(urls: list[str]) -> int:
    """A poll_feed task per feed (registered if new; every active feed when none given)."""
    found = feeds.feeds_for(urls)
    for feed in found:
        poll_feed.delay(feed.pk)
    return len(found)


@shared_task
def poll_active_feeds() -> int:
    """What Celery beat runs every ARCHIVE_FEED_MINUTES: a poll_feed task per active feed."""
    ids = list(Feed.objects.filter(active=True).values_list("pk", flat=True))
    for pk in ids:
        poll_feed.delay(pk)
    return len(ids)


def pack(paths: list[Path]) -> list[tuple[str, str]]:
    """Files as (name, base64 of the bytes), for a message."""
    return [(p.name, base64.b64encode(p.read_bytes()).decode("ascii")) for p in paths]


class ConcurrentLoad(Exception):
    """Files another worker kept storing rows for first: the batch is loaded again later."""


@shared_task(
    autoretry_for=(ConcurrentLoad, DatabaseError), retry_backoff=2, retry_backoff_max=120, max_retries=8, acks_late=True
)
def load_files(files: list[tuple[str, str]]) -> str:
    """Load a batch of files, sent as (name, base64 of the bytes), as load_seeds does.
    Tried again whole if it met another worker's writes: what it stored is then unchanged."""
    with tempfile.TemporaryDirectory(prefix="policy-archive-") as directory:
        paths = []
        for name, data in files:
            path = Path(directory) / Path(name).name
            path.write_bytes(base64.b64decode(data))
            paths.append(path)
        report = load_paths(paths, parallel=False)
    if any(reason == CONFLICT for _, reason in report.failed):
        raise ConcurrentLoad(report.summary())
    for path, reason in report.failed:
        log.warning("%s: %s", Path(path).name, reason)
    return report.summary()


@shared_task(acks_late=True)
def load_article(name: str, data: str) -> str:
    """Load one file, sent as its name and the base64 of its bytes."""
    return load_files([(name, data)])


def enqueue_files(paths: list[Path], per_task: int = FILES_PER_TASK) -> int:
    """A load_files task per ``per_task`` files; returns the number of tasks sent."""
    sent = 0
    for i in range(0, len(paths), per_task):
        load_files.delay(pack(paths[i : i + per_task]))
        sent += 1
    return sent
