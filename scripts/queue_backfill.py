"""Backfill throughput through the task queue, against the single-process loader (PostgreSQL).

    .venv/bin/python scripts/queue_backfill.py [--articles 10000] [--workers 0,1,2]

Writes a synthetic corpus (manage.py generate_corpus), then for each entry of --workers
recreates the database (QUEUE_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/pa_queue_bench), migrates it and loads the corpus:

- 0: ``manage.py load_seeds PATH``, the loader in one process (with its extraction process);
- N: ``manage.py load_seeds --queue PATH`` with one Celery worker of N processes (broker
  QUEUE_BROKER_URL, default redis://127.0.0.1:6379/5, its queue emptied first), timed from the start
  of the enqueue to the moment every article is stored.

Prints one line per run: articles, seconds, articles per second.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import redis
from serving import ROOT, recreate_database

DATABASE_URL = os.environ.get("QUEUE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pa_queue_bench")
BROKER_URL = os.environ.get("QUEUE_BROKER_URL", "redis://127.0.0.1:6379/5")


def environment() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_SECRET_KEY": "queue-benchmark-only",
        "DJANGO_DEBUG": "0",
        "CELERY_BROKER_URL": BROKER_URL,
    }


def manage(*args: str, queue: bool = False) -> None:
    env = environment()
    if not queue:
        env.pop("CELERY_BROKER_URL")
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def stored() -> int:
    with psycopg.connect(DATABASE_URL) as connection:
        return connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]


def run(corpus: Path, articles: int, workers: int) -> float:
    recreate_database(DATABASE_URL)
    manage("migrate", "--noinput", "-v0")
    if workers == 0:
        began = time.monotonic()
        manage("load_seeds", str(corpus))
        seconds = time.monotonic() - began
    else:
        redis.Redis.from_url(BROKER_URL).delete("celery")  # the default queue: nothing left over
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "policy_archive", "worker", "--concurrency", str(workers)]
            + ["--loglevel", "warning", "--without-gossip", "--without-mingle"],
            cwd=ROOT,
            env=environment(),
        )
        try:
            time.sleep(3)  # the worker's processes are up before the clock starts
            began = time.monotonic()
            manage("load_seeds", "--queue", str(corpus), queue=True)
            last, moved = 0, time.monotonic()
            while (count := stored()) < articles:
                if worker.poll() is not None:
                    raise SystemExit(f"the worker stopped with status {worker.returncode}")
                if count != last:
                    last, moved = count, time.monotonic()
                elif time.monotonic() - moved > 300:
                    raise SystemExit(f"no article stored for 300 s, {count} of {articles}")
                time.sleep(0.25)
            seconds = time.monotonic() - began
        finally:
            worker.terminate()
            worker.wait(60)
    assert stored() == articles
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", default="0,1,2")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="queue-backfill-") as directory:
        corpus = Path(directory) / "corpus"
        manage("generate_corpus", "--articles", str(options.articles), "--output", str(corpus))
        for workers in [int(w) for w in options.workers.split(",")]:
            seconds = run(corpus, options.articles, workers)
            how = "single-process loader" if workers == 0 else f"queue, {workers} worker process(es)"
            print(f"{how}: {options.articles} articles in {seconds:.1f} s, {options.articles / seconds:.1f} articles/s")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
