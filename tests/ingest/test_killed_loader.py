"""A loader killed with SIGKILL at random points leaves each file fully loaded or absent,
and the next run completes the load with no duplicates."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from articles.extraction import extract, fingerprints
from articles.extraction.parsing import parse_source
from articles.ingest.synthetic import generate
from articles.models import Article, Quote
from articles.restatements.models import Shingle
from tests.support.sources import database_url

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 400
KILLS = 10
# Names the loaders' database sessions (libpq reads it from the environment).
LOADER_SESSION = "killed-loader-test"


def loader(source: Path) -> subprocess.Popen:
    env = dict(
        os.environ, DATABASE_URL=database_url(), DJANGO_SETTINGS_MODULE="tests.settings", PGAPPNAME=LOADER_SESSION
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", "load_seeds", str(source)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for_sessions_to_end() -> None:
    """A killed loader's PostgreSQL session can outlive it while it finishes its last command:
    a COMMIT sent just before the kill still commits. The archive is judged once the session
    is gone, or a commit landing between two of the checks' queries shows half an article."""
    if connection.vendor != "postgresql":
        return  # SQLite's lock goes with the process
    deadline = time.monotonic() + 30
    while True:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [LOADER_SESSION])
            if cursor.fetchone()[0] == 0:
                return
        assert time.monotonic() < deadline, "a killed loader's database session did not end"
        time.sleep(0.05)


def assert_whole(source: Path) -> int:
    """Every stored article is complete: body, structure, statements and their index."""
    for article in Article.objects.all():
        parsed = parse_source((source / article.source_file).read_bytes())
        assert article.content_hash == parsed.content_hash
        assert article.paragraphs.count() == len(parsed.paragraphs)
        expected = extract(parsed.body, [(p.start, p.end) for p in parsed.paragraphs])
        assert article.quotes.count() == len(expected.statements), article.source_file
    indexed = sum(len(fingerprints.fingerprint(text)) for text in Quote.objects.values_list("text", flat=True))
    assert Shingle.objects.count() == indexed
    spans = list(Quote.objects.values_list("article_id", "start", "end"))
    assert len(spans) == len(set(spans))
    return Article.objects.count()


@pytest.mark.django_db(transaction=True)
def test_loader_killed_ten_times_then_completed(tmp_path):
    source = tmp_path / "corpus"
    source.mkdir()
    for article in generate(ARTICLES, seed=11):
        (source / article.name).write_text(article.text, encoding="utf-8")
    rng = random.Random(20260211)
    killed_while_running, counts = 0, []
    for _ in range(KILLS):
        process = loader(source)
        time.sleep(rng.uniform(0.6, 1.8))
        if process.poll() is None:
            killed_while_running += 1
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        wait_for_sessions_to_end()
        counts.append(assert_whole(source))
    # The kills must land inside loads, or the test proves nothing.
    assert killed_while_running >= KILLS // 2, counts
    process = loader(source)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err.decode()[-2000:]
    assert assert_whole(source) == ARTICLES
    assert counts == sorted(counts)
