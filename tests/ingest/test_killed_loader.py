"""A loader killed with SIGKILL at random points leaves each file fully loaded or absent,
and the next run completes the load with no duplicates.

The points are the loader's own (``articles.ingest.loading.checkpoint``): with
ARCHIVE_LOADER_CHECKPOINTS set it says on stderr where it is, inside a batch's transaction
or after a batch committed, and waits there until told to go on. A kill then lands where it
was aimed, however fast the machine.
"""

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


def loader(source: Path, checkpoints: bool = True) -> subprocess.Popen:
    env = dict(
        os.environ, DATABASE_URL=database_url(), DJANGO_SETTINGS_MODULE="tests.settings", PGAPPNAME=LOADER_SESSION
    )
    if checkpoints:
        env["ARCHIVE_LOADER_CHECKPOINTS"] = "1"
    return subprocess.Popen(
        [sys.executable, "manage.py", "load_seeds", str(source)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_at(process: subprocess.Popen, wanted: int) -> str | None:
    """Let the loader pass ``wanted`` checkpoints, then kill it at the next one; the
    checkpoint it was killed at, or None if it finished first."""
    passed = 0
    for raw in process.stderr:
        line = raw.decode().strip()
        if not line.startswith("checkpoint "):
            continue
        if passed == wanted:
            process.send_signal(signal.SIGKILL)
            return line.removeprefix("checkpoint ")
        passed += 1
        process.stdin.write(b"\n")
        process.stdin.flush()
    return None


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
    killed_at, counts = [], []
    for _ in range(KILLS):
        process = loader(source)
        # The first checkpoint is inside the first batch; each batch has two.
        killed_at.append(kill_at(process, rng.randrange(4)))
        process.wait(timeout=60)
        wait_for_sessions_to_end()
        counts.append(assert_whole(source))
    # Every kill landed inside a load, some inside a batch's transaction, some between batches.
    assert None not in killed_at, killed_at
    assert any(p.startswith("writing") for p in killed_at) and any(p.startswith("stored") for p in killed_at)
    process = loader(source, checkpoints=False)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err.decode()[-2000:]
    assert assert_whole(source) == ARTICLES
    assert counts == sorted(counts)
    assert counts[-1] < ARTICLES  # the last kill still left work for the final run
