"""`make bench`: load, page, throughput and restatement figures, written to docs/BENCHMARKS.md.

Two corpora from one `generate_corpus --seed 1` run: loading is timed on its first
BENCH_LOAD_ARTICLES files (default 10,000) into fresh databases, several runs per database;
the pages, the requests per second and the restatement suggestion are measured on PostgreSQL
loaded with all BENCH_ARTICLES (default 100,000), which takes most of the run.

Other knobs (environment): BENCH_RUNS (load runs and page runs, default 3), BENCH_REQUESTS
(requests per page, default 40), BENCH_SECONDS (wrk duration, default 10), BENCH_PG
(PostgreSQL server URL without a database name, default postgres://postgres@127.0.0.1:5432).
It creates and drops its own databases bench_pa*; BENCH_KEEP=1 keeps the loaded bench_pa.
"""

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from serving import ensure_wrk  # noqa: E402 (the scripts' folder is on the path only now)

PY = sys.executable
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
LOAD_ARTICLES = min(ARTICLES, int(os.environ.get("BENCH_LOAD_ARTICLES", "10000")))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def env(**extra):
    """Production settings (DEBUG off, so no query log), plain http on loopback, no page cache."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-secret",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_PLAIN_STATIC": "1",
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
        "ARCHIVE_PAGE_CACHE_SECONDS": "0",
        **extra,
    }


def psql(sql):
    subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True, capture_output=True)


def fresh_pg(name):
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"CREATE DATABASE {name}")
    return f"{PG}/{name}"


def run_json(script, url, *args):
    out = subprocess.run(
        [PY, str(ROOT / "bench" / script), *args], env=env(DATABASE_URL=url), check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def subset(corpus, count, work):
    """The first ``count`` files of the corpus, hard-linked into a directory of their own (the
    loader refuses a symbolic link that leads out of the directory it was given)."""
    directory = work / f"first-{count}"
    directory.mkdir()
    for path in sorted(corpus.glob("*.txt"))[:count]:
        (directory / path.name).hardlink_to(path)
    return directory


def load_runs(corpus, work):
    results = {}
    for backend in ("sqlite", "postgresql"):
        rates, srates, cpus = [], [], []
        for run in range(RUNS):
            if backend == "sqlite":
                path = work / f"bench-{run}.sqlite3"
                path.unlink(missing_ok=True)
                url = f"sqlite:///{path}"
            else:
                url = fresh_pg("bench_pa_load")
            r = run_json("load.py", url, str(corpus))
            if r["articles"] != len(list(corpus.iterdir())):
                raise SystemExit(f"{corpus}: {r['articles']} articles loaded of {len(list(corpus.iterdir()))}")
            rates.append(r["articles"] / r["seconds"])
            srates.append(r["statements"] / r["seconds"])
            cpus.append(r["cpu_ms_per_article"])
            print(f"  load {backend} run {run + 1}: {r['articles']} articles, {rates[-1]:.1f} articles/s", flush=True)
            if backend == "sqlite":
                path.unlink()
        results[backend] = {
            "articles_per_s": spread(rates),
            "statements_per_s": spread(srates),
            "articles": r["articles"],
            "statements": r["statements"],
            "cpu_ms_per_article": {part: spread([c[part] for c in cpus]) for part in cpus[0]},
        }
    psql("DROP DATABASE IF EXISTS bench_pa_load WITH (FORCE)")
    return results


def client() -> str:
    """How the requests are made, for the report: wrk when it can be had, else one at a time."""
    if ensure_wrk():
        return f"wrk, 2 threads and 16 connections, {SECONDS} s per figure"
    return (
        f"one request at a time for {SECONDS} s per figure (wrk could not be installed): "
        "the rate of one reader, not what the server can take"
    )


def wrk(url):
    """Requests per second at ``url``, by wrk (16 connections keep both workers busy); without it,
    by one client in sequence."""
    if shutil.which("wrk"):
        out = subprocess.run(
            ["wrk", "-t2", "-c16", f"-d{SECONDS}s", url], check=True, capture_output=True, text=True
        ).stdout
        return float(next(line for line in out.splitlines() if line.startswith("Requests/sec")).split()[1])
    count, ends = 0, time.monotonic() + SECONDS
    while time.monotonic() < ends:
        urllib.request.urlopen(url).read()
        count += 1
    return count / SECONDS


def throughput(article_url, cache_seconds="0"):
    method = client()  # installs wrk first, if it must, before anything is timed
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "policy_archive.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(os.cpu_count() or 2),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env(
            DATABASE_URL=f"{PG}/bench_pa",
            ARCHIVE_PAGE_CACHE_SECONDS=cache_seconds,
            REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        ),
    )
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz").read()
                break
            except OSError:
                time.sleep(0.2)
        figures = {"healthz": [], "article": []}
        for _ in range(3):
            figures["healthz"].append(wrk(f"http://127.0.0.1:{PORT}/healthz"))
            figures["article"].append(wrk(f"http://127.0.0.1:{PORT}{article_url}"))
        return {**{k: spread(v) for k, v in figures.items()}, "client": method}
    finally:
        server.terminate()
        server.wait()


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    pg = subprocess.run(
        ["psql", f"{PG}/postgres", "-tAc", "SHOW server_version"], check=True, capture_output=True, text=True
    ).stdout.strip()
    import django

    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": pg,
    }


def main():
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        subprocess.run(
            [PY, "manage.py", "generate_corpus", "--articles", str(ARTICLES), "--seed", "1", "--output", str(corpus)],
            cwd=ROOT,
            env=env(),
            check=True,
            capture_output=True,
        )
        print(f"corpus: {ARTICLES} articles", flush=True)
        results = {
            "machine": machine(),
            "corpus": ARTICLES,
            "load_corpus": LOAD_ARTICLES,
            "load": load_runs(subset(corpus, LOAD_ARTICLES, work), work),
        }
        print(f"  loading all {ARTICLES} articles into PostgreSQL for the pages", flush=True)
        full = run_json("load.py", fresh_pg("bench_pa"), str(corpus))
        results["page_load"] = {**full, "articles_per_s": full["articles"] / full["seconds"]}
        print(f"  loaded in {full['seconds'] / 60:.1f} min", flush=True)
        # What an operator runs after a bulk load: fresh planner statistics and visibility map.
        subprocess.run(["psql", f"{PG}/bench_pa", "-qc", "VACUUM (ANALYZE)"], check=True, capture_output=True)
    pages = [run_json("pages.py", f"{PG}/bench_pa") for _ in range(RUNS)]
    results["pages"] = pages
    print("  pages measured", flush=True)
    results["throughput"] = throughput(pages[0]["article_url"])
    results["throughput_cached"] = throughput(pages[0]["article_url"], cache_seconds="300")
    results["minutes"] = (time.monotonic() - began) / 60
    results["measured_on"] = date.today().isoformat()
    stored = ROOT / "docs" / "benchmarks.json"
    # `make drill-day` keeps its figures in the same file: they stay until it runs again.
    if stored.exists() and "day" in (previous := json.loads(stored.read_text())):
        results["day"] = previous["day"]
    stored.write_text(json.dumps(results, indent=2))
    from report import write

    write(results, ROOT / "docs" / "BENCHMARKS.md")
    if os.environ.get("BENCH_KEEP"):
        print(f"kept {PG}/bench_pa for a closer look; drop it when done")
    else:
        psql("DROP DATABASE IF EXISTS bench_pa WITH (FORCE)")
    print("wrote docs/BENCHMARKS.md")


if __name__ == "__main__":
    main()
