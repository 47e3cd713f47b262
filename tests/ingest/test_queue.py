"""The task queue for real: a Celery worker in a process of its own, fed through the local Redis.

The commands queue and return at once; the worker, which shares nothing with them but the
broker and the database, stores the items. (Without a broker the same tasks run in the
process that asks: tests/ingest/test_feeds.py.)
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from articles.models import Article
from tests.ingest.test_feeds import HOI_DAM, HOP_BAO, two_item_feed
from tests.support.sources import corpus, database_url
from tests.support.web import Site

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("ARCHIVE_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")
# A queue of this test process's own: CI runs the suite on SQLite and PostgreSQL at once,
# and each run's worker must take only its own run's tasks.
QUEUE = f"policy-archive-test-{os.getpid()}"


def environment() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
        "ARCHIVE_FETCH_PRIVATE": "1",
    }


@pytest.fixture
def broker():
    connection = redis.Redis.from_url(BROKER)
    try:
        connection.delete(QUEUE)  # nothing left over from an earlier test
    except redis.ConnectionError:
        pytest.fail(f"no Redis at {BROKER}: start it (redis-server --daemonize yes); .ci/run does")
    yield connection
    connection.delete(QUEUE, *connection.keys(f"_kombu.binding*.{QUEUE}"))  # kombu's records of it


@pytest.fixture
def worker(broker, tmp_path):
    log = (tmp_path / "worker.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "policy_archive",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--queues",
            QUEUE,
        ],
        cwd=ROOT,
        env=environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = tmp_path / "worker.log"
    yield process
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def manage(*args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment(), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def wait_for(count: int, worker, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while Article.objects.count() < count:
        if worker.poll() is not None:
            pytest.fail(f"the worker stopped: {worker.log.read_text(errors='replace')[-2000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"{Article.objects.count()} of {count} articles after {seconds:.0f}s")
        time.sleep(0.2)


def test_a_queued_feed_is_stored_by_a_running_worker_within_a_minute(worker):
    with Site() as site:
        out = manage("fetch_feed", "--queue", two_item_feed(site))
        assert out.startswith("1 feed(s) queued")
        wait_for(2, worker)
    assert set(Article.objects.values_list("source_url", flat=True)) == {HOI_DAM, HOP_BAO}
    assert all(a.quotes.exists() and a.outlet and a.authors for a in Article.objects.all())


def test_queued_files_are_loaded_by_the_worker_and_a_duplicate_task_makes_no_duplicate(worker, tmp_path):
    corpus(tmp_path / "corpus", 30)
    out = manage("load_seeds", "--queue", str(tmp_path / "corpus"))
    assert out.startswith("30 files queued in 1 tasks")
    manage("load_seeds", "--queue", str(tmp_path / "corpus"))  # delivered again: at least once
    wait_for(30, worker)
    deadline = time.monotonic() + 30
    while broker_pending() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)
    assert Article.objects.count() == 30


def broker_pending() -> int:
    return redis.Redis.from_url(BROKER).llen(QUEUE)


def test_after_the_worker_stored_a_feed_a_second_poll_adds_nothing(worker):
    with Site() as site:
        feed = two_item_feed(site)
        manage("fetch_feed", "--queue", feed)
        wait_for(2, worker)
        out = manage("fetch_feed", feed)
    assert out.startswith("0 created")
    assert Article.objects.count() == 2
