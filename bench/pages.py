"""Server time of the public pages, in process, over the loaded database; prints JSON.

The page cache is off: these are the times of a miss, what a reader waits for after an
edit. The fragment cache is on, as on a server (local memory here, unless REDIS_URL is set):
the article page is measured with its fragments found and, once more, with none found.
The filter forms' name suggestions stay cached (ARCHIVE_SUGGESTIONS_SECONDS), as they
are on every page but the first one a reader asks for after an edit. Each page is requested
BENCH_REQUESTS times after one warm-up request; the time spent waiting on the database and
the number of queries are counted in the same requests, so that a page's time splits into
the database's share and Python's.
"""

import json
import os
import sys
import time
from urllib.parse import quote

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_archive.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ["ARCHIVE_PAGE_CACHE_SECONDS"] = "0"
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import connection
from django.db.models import Count, F
from django.db.models.functions import Abs
from django.test import Client

from articles import changes
from articles.models import Article, Directive, Quote, Speaker
from articles.restatements import index as restatement_index

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Queries:
    """Time spent in the database's execute calls, and how many, since the last reset."""

    def __init__(self):
        self.ms, self.count = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - began) * 1000
            self.count += 1


def timed(client, url, before=None):
    """``before`` runs ahead of each request, outside its time."""
    client.get(url)
    times, db_times, counts = [], [], []
    queries = Queries()
    with connection.execute_wrapper(queries):
        for _ in range(REQUESTS):
            if before:
                before()
            queries.__init__()
            began = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            db_times.append(queries.ms)
            counts.append(queries.count)
            assert response.status_code == 200, (url, response.status_code)
    return {
        "url": url,
        "p50_ms": percentile(times, 0.5),
        "p95_ms": percentile(times, 0.95),
        "db_p50_ms": percentile(db_times, 0.5),
        "queries": max(counts),
    }


def main():
    client = Client()
    article = Article.objects.annotate(n=Count("quotes")).order_by("-n").first()
    speaker = Speaker.objects.annotate(n=Count("quotes")).order_by("-n").first()
    directives = Directive.objects.annotate(n=Count("quotes"))
    directive = directives.order_by("-n").first()
    # The size the target names: the directive whose statement count is nearest 5,000.
    typical = directives.order_by(Abs(F("n") - 5000), "pk").first()
    word = article.title.split()[0]
    phrase = quote('"' + " ".join(article.title.split()[:2]) + '"')
    pages = {
        "home": "/",
        "article": f"/articles/{article.slug}/",
        "speaker": f"/speakers/{speaker.slug}/",
        "directive": f"/directives/{directive.slug}/",
        "directive, nearest 5,000": f"/directives/{typical.slug}/",
        "article list": "/articles/",
        "statement list": "/statements/",
        "search": f"/search/?q={word}",
        "speaker list": "/speakers/",
        "directive list": "/directives/",
        "statement list, text": f"/statements/?q={quote(word)}",
        "search, phrase": f"/search/?q={phrase}",
        "search, statements": f"/search/?q={quote(word)}&type=statements",
        "search, no match": "/search/?q=zzzxq",
    }
    result = {
        "articles": Article.objects.count(),
        "statements": Quote.objects.count(),
        "directive_statements": directive.n,
        "typical_directive_statements": typical.n,
        "pages": {},
    }
    for name, url in pages.items():
        result["pages"][name] = timed(client, url)
    # The pages above find their fragments (articles.site.fragments) made by the warm-up
    # request; the first reader after any write finds none: the generation moves first.
    result["pages"]["article, fragments missed"] = timed(client, pages["article"], before=changes.bump)
    quotes = list(article.quotes.all())
    prints = {q.pk: restatement_index.fingerprints.fingerprint(q.text) for q in quotes}
    times = []
    for _ in range(5):
        began = time.perf_counter()
        restatement_index.suggest(article, prints)
        times.append((time.perf_counter() - began) * 1000)
    result["suggest_ms"] = {"p50_ms": percentile(times, 0.5), "max_ms": max(times), "statements": len(quotes)}
    result["article_url"] = pages["article"]
    print(json.dumps(result))


main()
