"""Load test: 2,000 synthetic articles plus the seeds, gunicorn in the production profile,
32 concurrent clients for 30 s over the public pages.

    make loadtest                    # or: .venv/bin/python scripts/loadtest.py [--reuse]

The database (LOADTEST_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/policy_archive_loadtest) is recreated and loaded, which
takes a few minutes (--reuse skips that when it is already loaded). The pages are the home
page, the lists, search, and detail pages of real articles, speakers, directives and
statements found by following the lists' links. Clients are driven by wrk (installed with
apt-get when missing); without it, by a threaded Python client. Reports requests, errors,
p50/p99 latency and the workers' RSS, sampled every few seconds during the run. Loopback only;
exits non-zero on any error, when p99 is 300 ms or more, or when a worker's memory still grows
over the second half of the run (a leak grows steadily; a warm worker levels off).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from serving import ROOT, database_name, ensure_wrk, get, gunicorn, manage, recreate_database

LISTS = [
    "/",
    "/articles/",
    "/speakers/",
    "/directives/",
    "/statements/",
    "/articles/?page=2",
    "/search/?q=bi%E1%BB%83n",
    "/search/?q=%22t%E1%BB%B1+ch%E1%BB%A7%22",
    "/search/?q=ngoai+giao",
]
DETAIL = re.compile(r'href="(/(?:articles|speakers|directives|statements)/[^"/?#]+/)"')
P99_TARGET_MS = 300
# Growth allowed between the middle and the end of the run: allocator noise, not a leak.
RSS_GROWTH_LIMIT_KIB = 2048
RSS_SAMPLE_SECONDS = 3

WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("LOADTEST_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "errors": %d, "non_2xx": %d, "p50_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f}\\n',
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def page_set(base: str) -> list[str]:
    import urllib.request

    paths = list(LISTS)
    for listing in ["/articles/", "/speakers/", "/directives/", "/statements/"]:
        with urllib.request.urlopen(base + listing, timeout=10) as response:
            found = list(dict.fromkeys(DETAIL.findall(response.read().decode())))
        paths += found[:25]
    return paths


def worker_rss_kib(master_pid: int) -> dict[int, int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    rss = {}
    for pid in map(int, children):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1])
    return rss


class RssSampler(threading.Thread):
    """Each worker's RSS every few seconds while the clients run."""

    def __init__(self, master_pid: int):
        super().__init__(daemon=True)
        self.master_pid, self.samples, self.stopped = master_pid, [], threading.Event()

    def run(self):
        while not self.stopped.wait(RSS_SAMPLE_SECONDS):
            self.samples.append(worker_rss_kib(self.master_pid))

    def growth_kib(self) -> dict[int, int]:
        """Per worker: RSS at the end minus RSS at the middle of the run."""
        if len(self.samples) < 2:
            return {}
        middle, end = self.samples[len(self.samples) // 2], self.samples[-1]
        return {pid: end[pid] - middle[pid] for pid in middle if pid in end}


def run_wrk(wrk: str, base: str, paths: list[str], seconds: int, clients: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "paths.txt").write_text("\n".join(paths) + "\n")
        (Path(tmp) / "pages.lua").write_text(WRK_SCRIPT)
        result = subprocess.run(
            [wrk, "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", str(Path(tmp) / "pages.lua"), base],
            env={**os.environ, "LOADTEST_PATHS": str(Path(tmp) / "paths.txt")},
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
    line = next((item for item in result.stdout.splitlines() if item.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result:\n{result.stdout}\n{result.stderr}")
    return json.loads(line.removeprefix("RESULT "))


def run_threads(base: str, paths: list[str], seconds: int, clients: int) -> dict:
    """The fallback client: one thread per connection, each looping over the pages."""
    latencies, errors = [], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset):
        index = offset
        while time.monotonic() < stop:
            started = time.monotonic()
            status = get(base + paths[index % len(paths)], timeout=10)
            elapsed = (time.monotonic() - started) * 1000
            index += 1
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors[0] += 1

    threads = [threading.Thread(target=client, args=(number * 7,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": 0,
        "non_2xx": errors[0],
        "p50_ms": latencies[len(latencies) // 2],
        "p99_ms": latencies[int(len(latencies) * 0.99)],
        "max_ms": latencies[-1],
    }


def prepare(database_url: str, articles: int) -> None:
    corpus = ROOT / "var" / "corpus"
    print(f"generating {articles} synthetic articles in {corpus}", flush=True)
    manage(database_url, "generate_corpus", "--articles", str(articles), "--seed", "1", "--output", str(corpus))
    print(f"recreating {database_name(database_url)} and loading the corpus and the seeds (a few minutes)", flush=True)
    recreate_database(database_url)
    manage(database_url, "migrate", "--noinput", "--verbosity", "0")
    started = time.monotonic()
    manage(database_url, "load_seeds", str(corpus), "seeds/")
    print(f"loaded in {time.monotonic() - started:.0f} s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--reuse", action="store_true", help="skip generating and loading")
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    parser.add_argument("--no-search", action="store_true", help="leave the search pages out (to isolate them)")
    parser.add_argument("--no-cache", action="store_true", help="serve every page from the database")
    options = parser.parse_args()
    database_url = os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/policy_archive_loadtest")
    if not options.reuse:
        prepare(database_url, options.articles)
    wrk = None if options.python_client else ensure_wrk()
    # Pages cached in the local Redis, shared by the workers as in production (a per-worker
    # cache would hide an edit from the other workers).
    redis = {"REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")}
    # The environment's ARCHIVE_PAGE_CACHE_SECONDS reaches gunicorn too: 0 there turns it off.
    cache_off = options.no_cache or os.environ.get("ARCHIVE_PAGE_CACHE_SECONDS") == "0"
    if cache_off:
        redis["ARCHIVE_PAGE_CACHE_SECONDS"] = "0"
    with gunicorn(database_url, workers=options.workers, extra_env=redis) as (base, process):
        paths = [path for path in page_set(base) if not (options.no_search and path.startswith("/search/"))]
        print(
            f"serving at {base} with {options.workers} workers; {len(paths)} pages; "
            f"client: {'wrk' if wrk else 'python threads'}",
            flush=True,
        )
        drive = (
            (lambda seconds: run_wrk(wrk, base, paths, seconds, options.clients))
            if wrk
            else (lambda seconds: run_threads(base, paths, seconds, options.clients))
        )
        drive(5)  # warm-up: every worker has imported, compiled and cached what the pages need
        before = worker_rss_kib(process.pid)
        sampler = RssSampler(process.pid)
        sampler.start()
        result = drive(options.seconds)
        sampler.stopped.set()
        sampler.join()
        after = worker_rss_kib(process.pid)
    print(
        f"requests: {result['requests']} in {options.seconds} s ({result['requests'] / options.seconds:.0f}/s), "
        f"{options.clients} clients, page cache {'off' if cache_off else 'on (Redis)'}"
    )
    print(f"errors: {result['errors']} socket, {result['non_2xx']} non-2xx")
    print(f"latency: p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, max {result['max_ms']:.0f} ms")
    print(
        "worker RSS MiB before -> after: "
        + ", ".join(f"{before[pid] / 1024:.1f} -> {after.get(pid, 0) / 1024:.1f}" for pid in sorted(before))
    )
    growth = sampler.growth_kib()
    print(
        f"worker RSS growth over the second half ({len(sampler.samples)} samples every {RSS_SAMPLE_SECONDS} s), "
        "MiB: " + ", ".join(f"{growth[pid] / 1024:+.1f}" for pid in sorted(growth))
    )
    if set(before) != set(after):
        print("workers were replaced during the run (a crash or a timeout)")
    steady = bool(growth) and max(growth.values()) <= RSS_GROWTH_LIMIT_KIB
    ok = (
        result["errors"] == 0
        and result["non_2xx"] == 0
        and result["p99_ms"] < P99_TARGET_MS
        and set(before) == set(after)
        and steady
    )
    print(
        "PASS"
        if ok
        else f"FAIL: the targets are no errors, p99 under {P99_TARGET_MS} ms and no worker "
        f"growing more than {RSS_GROWTH_LIMIT_KIB // 1024} MiB over the second half"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
