"""Day-in-the-life drill: readers, a loader and an editor on gunicorn with Redis, measured.

    make drill-day                  # or: .venv/bin/python scripts/drill_day.py

Setup. The database (DRILL_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/drill_pa)
is recreated, migrated and loaded with DRILL_ARTICLES synthetic articles (default 2,000,
`generate_corpus --seed 1`, through `load_seeds`) and vacuumed as an operator would after a
bulk load; DRILL_RESERVE more (default 100) are kept back for the loader. gunicorn serves it
in the production profile (DEBUG off, plain http on loopback, DRILL_WORKERS sync workers,
default 3 as `make serve`), with the page cache on (`ARCHIVE_PAGE_CACHE_SECONDS=300`) in Redis
(REDIS_URL, default db 13, emptied first). One editor account logs in through the admin's
login form.

Writers, for the whole measured time: a loader process loads one reserve article every 2 s
with `load_file`, the ingest's own path, against the same database and Redis; the editor
confirms one suggested statement a second through the review queue over HTTP (it reads the
queue's page and decides down it with the decide endpoint its keyboard script calls, reading
the page again when it is done), and every DRILL_REJECT_EVERY-th second (default 5) rejects
instead a suggested statement of one of the most read articles. The editor waits for each
answer, so under a slow server the pace is less than one a second: the report gives it.

Readers: DRILL_CONNECTIONS connections (default 16, as `make bench`), threads spread over
DRILL_READERS processes (default 2) of plain `http.client`; gunicorn's sync workers close
every connection, so each request opens one. The mix (``MIX``): article pages 60%, search
10%, speaker pages 10%, lists 10% (home page, first pages of the lists), directive pages 8%,
statement permalinks 2%. Articles, speakers, directives, permalinks and search words are
each drawn by Zipf's law (weight 1/rank) over a shuffled order, so a few are read often and
most rarely, as on a real site.

Phases, each bounded: `/healthz` alone and article pages alone for DRILL_ALONE_SECONDS
(default 20), the mix for DRILL_SECONDS (default 60), one after the other in one run, with the
writers running throughout; a short mix beforehand warms the workers and is not counted. The
table gives requests/s, p50 and p99 per page kind, the page cache's hit ratio (from the
`X-Page-Cache` header of cacheable pages), server errors, the article pages' rate as a share
of `/healthz`'s and the readers' own CPU share (they run on the same CPUs as the server).

The promise checked: no reader is served a rejected statement. For every rejection the time
the editor's request returned is kept; every reader response that began after it must not
show that statement (the article page marks each statement `id="s<pk>"`, cards link to
`/statements/<pk>/`, the permalink answers 410). It reports the violations and how many
responses were checked against a rejection (the article page or the permalink of a rejected
statement, requested after the rejection).

The figures go into docs/benchmarks.json under "day" and docs/BENCHMARKS.md is written
again from it (`bench/report.py`), keeping `make bench`'s figures. Targets missed are
printed; the exit status is non-zero only for a server error (5xx or no answer, to a reader
or a writer), a failed load or a rejected statement served. DRILL_KEEP=1 keeps the database.
"""

import http.client
import http.cookiejar
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

from serving import ROOT, database_name, gunicorn, manage, recreate_database

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/drill_pa"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
PASSWORD = "drill-" + os.urandom(8).hex()
EDITOR = "drill-editor"
# Percent of the readers' requests by page kind.
MIX = {"article": 60, "search": 10, "speaker": 10, "list": 10, "directive": 8, "statement": 2}
LISTS = ["/", "/articles/", "/speakers/", "/directives/", "/statements/", "/articles/?page=2"]
SEARCHES = ["biển", "hợp tác", "ngoai giao", '"tự chủ"', "Nghị quyết", "đối ngoại", "kinh tế", "an ninh"]
LOAD_SECONDS = 2.0
CONFIRM_SECONDS = 1.0
# The most read articles whose statements the editor rejects.
REJECTED_FROM = 12
SHOWN = re.compile(rb'id="s(\d+)"|href="/statements/(\d+)/"')
QUEUE_ITEM = re.compile(r'data-kind="statement" data-id="(\d+)" data-version="(\d+)"')


def knob(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def zipf(items: list, rng: random.Random) -> tuple[list, list[float]]:
    """The items shuffled, with cumulative weights 1/rank: the first few are read most."""
    items = list(items)
    rng.shuffle(items)
    total, cumulative = 0.0, []
    for rank in range(1, len(items) + 1):
        total += 1 / rank
        cumulative.append(total)
    return items, cumulative


# Readers -----------------------------------------------------------------------------------


def read(base: str, plan: dict, seconds: float, threads: int, seed: int, watched: frozenset, out: str) -> None:
    """One reader process: ``threads`` connections drawing from ``plan`` for ``seconds``; the
    records and the process's CPU time are written to ``out`` as JSON."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    kinds = list(plan["weights"])
    weights = [plan["weights"][k] for k in kinds]
    records = []
    deadline = time.monotonic() + seconds

    def reader(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        connection = http.client.HTTPConnection(host, port, timeout=10)
        mine = []
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            paths, cumulative = plan["paths"][kind]
            path = rng.choices(paths, cum_weights=cumulative)[0]
            started = time.monotonic()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                status, cache = response.status, response.getheader("X-Page-Cache", "")
            except (OSError, http.client.HTTPException):
                connection.close()
                status, cache, body = 0, "", b""
            ended = time.monotonic()
            shown = set()
            if status == 200 and kind != "healthz":
                shown = {int(a or b) for a, b in SHOWN.findall(body)} & watched
                if kind == "statement":
                    shown.add(int(path.split("/")[2]))
            mine.append([kind, path, started, ended, status, cache, sorted(shown)])
        connection.close()
        records.extend(mine)

    began = os.times()
    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    ended = os.times()
    cpu = (ended.user - began.user) + (ended.system - began.system)
    Path(out).write_text(json.dumps({"records": records, "cpu_seconds": cpu}))


def run_phase(base: str, plan: dict, seconds: float, connections: int, processes: int, watched: frozenset) -> dict:
    """The readers for one phase: every record and the readers' CPU seconds."""
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="drill-day-") as tmp:
        outs = [str(Path(tmp) / f"reader{n}.json") for n in range(processes)]
        shares = [connections // processes + (n < connections % processes) for n in range(processes)]
        readers = [
            context.Process(target=read, args=(base, plan, seconds, shares[n], n + 1, watched, outs[n]))
            for n in range(processes)
        ]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join()
        results = [json.loads(Path(out).read_text()) for out in outs]
    return {
        "records": [record for result in results for record in result["records"]],
        "cpu_seconds": sum(result["cpu_seconds"] for result in results),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def summary(records: list, seconds: float) -> dict:
    """Requests/s, p50 and p99 in ms, cache hits and misses and server errors, overall and per kind."""

    def figures(rows):
        latencies = [(row[3] - row[2]) * 1000 for row in rows]
        statuses = Counter(row[4] for row in rows)
        caches = Counter(row[5] for row in rows)
        return {
            "requests": len(rows),
            "per_s": len(rows) / seconds,
            "p50_ms": percentile(latencies, 0.50),
            "p99_ms": percentile(latencies, 0.99),
            "hits": caches["hit"],
            "misses": caches["miss"],
            "server_errors": sum(n for status, n in statuses.items() if status == 0 or status >= 500),
            "other_statuses": {str(s): n for s, n in statuses.items() if s not in (0, 200) and s < 500},
        }

    by_kind = defaultdict(list)
    for row in records:
        by_kind[row[0]].append(row)
    return {"seconds": seconds, **figures(records), "kinds": {k: figures(rows) for k, rows in sorted(by_kind.items())}}


def check_rejections(rejections: dict[int, float], records: list, pages: dict[int, set[str]]) -> tuple[list, int]:
    """(violations, checked): a violation is a response that began after the statement's
    rejection returned and still showed it; checked counts the responses that began after a
    rejection at a page that had shown the rejected statement (its article, its permalink)."""
    violations, checked = [], 0
    for _kind, path, started, _ended, status, _cache, shown in records:
        for pk, rejected_at in rejections.items():
            if started <= rejected_at:
                continue
            if path in pages.get(pk, ()):
                checked += 1
            if pk in shown:
                violations.append({"statement": pk, "path": path, "status": status, "after_s": started - rejected_at})
    return violations, checked


# Writers -----------------------------------------------------------------------------------


def load_loop(paths: list[str], stop: str, out: str) -> None:
    """The loader: one reserve article every LOAD_SECONDS, by the ingest's own ``load_file``,
    until the file ``stop`` exists."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import connection

    from articles.ingest.loading import load_file

    counts, durations = Counter(), []
    next_at = time.monotonic()
    for path in paths:
        if Path(stop).exists():
            break
        time.sleep(max(0.0, next_at - time.monotonic()))
        next_at += LOAD_SECONDS
        started = time.monotonic()
        try:
            load_file(Path(path))
            counts["loaded"] += 1
        except Exception as exc:  # counted and shown: the drill fails on any
            counts["failed"] += 1
            print(f"load failed: {type(exc).__name__}: {str(exc).splitlines()[0]}", flush=True)
        durations.append(time.monotonic() - started)
    connection.close()
    Path(out).write_text(
        json.dumps({**counts, "p50_s": percentile(durations, 0.5), "max_s": max(durations, default=0)})
    )


class Editor:
    """One editor's browser session in the admin: confirms from the review queue, rejects the
    statements it is given, and keeps when each rejection returned."""

    def __init__(self, base: str, to_reject: list[int]):
        self.base = base
        self.to_reject = list(to_reject)
        self.kept_for_rejection = frozenset(to_reject)
        self.waiting: list[tuple[int, int]] = []
        self.seconds = 0.0
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar := http.cookiejar.CookieJar()))
        self.jar = jar
        self.rejected: dict[int, float] = {}
        self.counts = Counter()
        self.latencies: list[float] = []

    def token(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, path: str, fields: dict | None = None) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
        headers = {"X-CSRFToken": self.token(), "Accept": "application/json"} if data is not None else {}
        started = time.monotonic()
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data, headers), timeout=30) as response:
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode(errors="replace")
        except OSError:
            status, body = 0, ""
        self.latencies.append(time.monotonic() - started)
        if status == 0 or status >= 500:
            self.counts["server errors"] += 1
        elif status == 409:
            self.counts["refused"] += 1
        return status, body

    def login(self) -> None:
        self.request("/admin/login/")
        fields = {"username": EDITOR, "password": PASSWORD, "csrfmiddlewaretoken": self.token(), "next": "/admin/"}
        status, _ = self.request("/admin/login/?next=/admin/", fields)
        if status != 200 or not any(c.name == "sessionid" for c in self.jar):
            raise SystemExit(f"the editor could not log in ({status})")

    def decide(self, pk: int, version: int, decision: str) -> int:
        fields = {"statement": f"{pk}:{version}", "decision": decision}
        return self.request("/admin/articles/quote/review/decide/", fields)[0]

    def confirm(self) -> None:
        """The next statement of the queue as last read; the queue is read again once its page
        is done, as an editor works down it from the keyboard."""
        if not self.waiting:
            status, html = self.request("/admin/articles/quote/review/?kind=suggested")
            found = [(int(pk), int(v)) for pk, v in QUEUE_ITEM.findall(html) if status == 200]
            self.waiting = [item for item in found if item[0] not in self.kept_for_rejection]
        if not self.waiting:
            return
        status = self.decide(*self.waiting.pop(0), "confirm")
        if status == 200:
            self.counts["confirmed"] += 1
        elif status == 409:  # changed since the queue was read: read it again
            self.waiting = []

    def reject(self) -> None:
        from articles.models import Quote

        pk = self.to_reject.pop(0)
        version = Quote.objects.values_list("version", flat=True).get(pk=pk)
        if self.decide(pk, version, "reject") == 200:
            self.rejected[pk] = time.monotonic()
            self.counts["rejected"] += 1

    def work(self, stop: threading.Event, reject_every: int) -> None:
        """One decision a second on a fixed beat; one that runs late starts the next at once,
        without a burst to catch up."""
        tick, next_at = 0, time.monotonic()
        began = next_at
        while not stop.is_set():
            tick += 1
            if tick % reject_every == 0 and self.to_reject:
                self.reject()
            else:
                self.confirm()
            next_at = max(next_at + CONFIRM_SECONDS, time.monotonic())
            stop.wait(max(0.0, next_at - time.monotonic()))
        self.seconds = time.monotonic() - began


# Setup -------------------------------------------------------------------------------------


def prepare(database_url: str, articles: int, reserve: int, work: Path) -> tuple[list[str], float]:
    """Loads ``articles`` synthetic articles; returns the reserve's paths and the load's seconds."""
    corpus, kept = work / "corpus", work / "reserve"
    manage(
        database_url, "generate_corpus", "--articles", str(articles + reserve), "--seed", "1", "--output", str(corpus)
    )
    kept.mkdir()
    names = sorted(p.name for p in corpus.iterdir())
    for name in names[articles:]:
        shutil.move(corpus / name, kept / name)
    recreate_database(database_url)
    manage(database_url, "migrate", "--noinput", "--verbosity", "0")
    started = time.monotonic()
    manage(database_url, "load_seeds", str(corpus))
    seconds = time.monotonic() - started
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")
    return [str(kept / name) for name in names[articles:]], seconds


def plans(seed: int) -> tuple[dict, dict, list[int], dict[int, set[str]]]:
    """The mix, the article pages alone, the statements to reject and the pages that show each."""
    from articles.models import Article, Directive, Quote, Speaker, Status

    rng = random.Random(seed)
    articles, article_weights = zipf(Article.objects.values_list("pk", "slug"), rng)
    speakers = zipf(Speaker.objects.filter(tally__statements__gt=0).values_list("slug", flat=True), rng)
    directives = zipf(Directive.objects.filter(tally__statements__gt=0).values_list("slug", flat=True), rng)
    read_most = [pk for pk, _ in articles[:REJECTED_FROM]]
    suggested = defaultdict(list)
    for pk, article in (
        Quote.objects.public().filter(status=Status.SUGGESTED, article__in=read_most).values_list("pk", "article")
    ):
        suggested[article].append(pk)
    # One from each of the most read articles in turn, so each rejection is on a page being read.
    to_reject = [pk for row in zip(*(sorted(suggested[a]) for a in read_most if suggested[a])) for pk in row]
    slug_of = dict(articles)
    article_of = dict(Quote.objects.filter(pk__in=to_reject).values_list("pk", "article"))
    pages = {pk: {f"/articles/{slug_of[article_of[pk]]}/", f"/statements/{pk}/"} for pk in to_reject}
    permalinks = Quote.objects.public().filter(article__in=read_most).values_list("pk", flat=True)
    article_paths = ([f"/articles/{slug}/" for _, slug in articles], article_weights)
    mix = {
        "weights": MIX,
        "paths": {
            "article": article_paths,
            "search": zipf([f"/search/?q={quote(q)}" for q in SEARCHES], rng),
            "speaker": ([f"/speakers/{s}/" for s in speakers[0]], speakers[1]),
            "directive": ([f"/directives/{d}/" for d in directives[0]], directives[1]),
            "list": zipf(LISTS, rng),
            "statement": zipf([f"/statements/{pk}/" for pk in permalinks], rng),
        },
    }
    alone = {"weights": {"article": 1}, "paths": {"article": article_paths}}
    return mix, alone, to_reject, pages


# The run ---------------------------------------------------------------------------------


def run(base: str, mix: dict, alone: dict, knobs: dict, watched: frozenset) -> dict:
    healthz = {"weights": {"healthz": 1}, "paths": {"healthz": (["/healthz"], [1.0])}}
    connections, processes = knobs["connections"], knobs["readers"]
    run_phase(base, mix, knobs["warmup_seconds"], connections, processes, watched)
    phases = {}
    for name, plan, seconds in [
        ("healthz", healthz, knobs["alone_seconds"]),
        ("mix", mix, knobs["mix_seconds"]),
        ("article", alone, knobs["alone_seconds"]),
    ]:
        print(f"phase {name}: {seconds} s", flush=True)
        phases[name] = run_phase(base, plan, seconds, connections, processes, watched)
        phases[name]["seconds"] = seconds
    return phases


def figures(phases: dict, editor: Editor, loaded: dict, pages: dict, knobs: dict, setup: dict) -> dict:
    records = [record for phase in phases.values() for record in phase["records"]]
    violations, checked = check_rejections(editor.rejected, records, pages)
    cpu = sum(phase["cpu_seconds"] for phase in phases.values())
    wall = sum(phase["seconds"] for phase in phases.values())
    return {
        "measured_on": date.today().isoformat(),
        "load_average": setup["load_average"],
        "knobs": knobs,
        "mix": MIX,
        "setup": setup,
        "phases": {name: summary(phase["records"], phase["seconds"]) for name, phase in phases.items()},
        "readers_cpu_share": cpu / (wall * (os.cpu_count() or 1)),
        "writers": {
            "loaded": loaded.get("loaded", 0),
            "load_failed": loaded.get("failed", 0),
            "load_p50_s": loaded.get("p50_s", 0),
            "confirmed": editor.counts["confirmed"],
            "rejected": editor.counts["rejected"],
            "refused": editor.counts["refused"],
            "server_errors": editor.counts["server errors"],
            "editor_p50_ms": percentile(editor.latencies, 0.5) * 1000,
            "editor_seconds": editor.seconds,
        },
        "rejections": {"rejected": len(editor.rejected), "checked": checked, "violations": len(violations)},
        "violation_examples": violations[:10],
    }


def publish(day: dict) -> None:
    """Into docs/benchmarks.json under "day", then docs/BENCHMARKS.md again from all of it."""
    sys.path.insert(0, str(ROOT / "bench"))
    from report import write

    path = ROOT / "docs" / "benchmarks.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results["day"] = day
    path.write_text(json.dumps(results, indent=2) + "\n")
    write(results, ROOT / "docs" / "BENCHMARKS.md")


def main() -> int:
    knobs = {
        "articles": knob("DRILL_ARTICLES", 2000),
        "reserve": knob("DRILL_RESERVE", 100),
        "workers": knob("DRILL_WORKERS", 3),
        "connections": knob("DRILL_CONNECTIONS", 16),
        "readers": knob("DRILL_READERS", 2),
        "mix_seconds": knob("DRILL_SECONDS", 60),
        "alone_seconds": knob("DRILL_ALONE_SECONDS", 20),
        "warmup_seconds": knob("DRILL_WARMUP_SECONDS", 5),
        "reject_every": knob("DRILL_REJECT_EVERY", 5),
    }
    database_url = os.environ.get("DRILL_DATABASE_URL", DEFAULT_URL)
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS)
    setup = {"load_average": os.getloadavg()[0]}
    began = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="drill-day-"))
    try:
        reserve, setup["load_seconds"] = prepare(database_url, knobs["articles"], knobs["reserve"], work)
        # Every process the drill starts (gunicorn, the loader, this one) shares the database
        # and the Redis the generation lives in, or an edit would not reach the cached pages.
        os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis_url, DJANGO_DEBUG="0")
        os.environ.setdefault("DJANGO_SECRET_KEY", "drill-only-not-secret")
        os.environ.update(DJANGO_SETTINGS_MODULE="policy_archive.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.cache import cache

        cache.clear()
        get_user_model().objects.create_superuser(EDITOR, "drill-editor@example.org", PASSWORD)
        mix, alone, to_reject, pages = plans(seed=1)
        setup["seconds"] = time.monotonic() - began
        measured = knobs["warmup_seconds"] + knobs["mix_seconds"] + 2 * knobs["alone_seconds"]
        print(
            f"{knobs['articles']} articles loaded in {setup['load_seconds']:.0f} s; {len(to_reject)} statements "
            f"to reject on the {REJECTED_FROM} most read articles; readers for {measured} s",
            flush=True,
        )
        server = {"REDIS_URL": redis_url, "ARCHIVE_PAGE_CACHE_SECONDS": "300"}
        with gunicorn(database_url, workers=knobs["workers"], extra_env=server) as (base, _):
            editor = Editor(base, to_reject)
            editor.login()
            stop = threading.Event()
            editing = threading.Thread(target=editor.work, args=(stop, knobs["reject_every"]))
            loaded_out, loader_stop = work / "loaded.json", work / "stop"
            loader = multiprocessing.get_context("spawn").Process(
                target=load_loop, args=(reserve, str(loader_stop), str(loaded_out))
            )
            loader.start()
            editing.start()
            try:
                phases = run(base, mix, alone, knobs, frozenset(to_reject))
            finally:
                stop.set()
                loader_stop.touch()
                editing.join()
                loader.join()
        loaded = json.loads(loaded_out.read_text()) if loaded_out.exists() else {"failed": 1}
        day = figures(phases, editor, loaded, pages, knobs, setup)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not os.environ.get("DRILL_KEEP"):
            drop(database_url)
    publish(day)
    from day import section

    print("\n".join(section(day)))
    failed = day["rejections"]["violations"] or day["writers"]["server_errors"] or day["writers"]["load_failed"]
    failed = failed or any(phase["server_errors"] for phase in day["phases"].values())
    return 1 if failed else 0


def drop(database_url: str) -> None:
    import psycopg

    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database_name(database_url)}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
