"""Loading in batches: the archive a load one file at a time would make, a failing file still
fails alone, and extraction run ahead in its own process learns directives in file order."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from articles.extraction import fingerprints
from articles.extraction.parsing import parse_source
from articles.ingest import loading, storing
from articles.ingest.archive import export_archive
from articles.ingest.synthetic import generate
from articles.models import Article, Directive, Quote, QuoteLink, Speaker
from articles.restatements.models import Shingle, ShingleFrequency
from tests.support.sources import copy_seeds, corpus, database_url, write_source

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TRAINED = "trọng yếu, thường xuyên"  # a concept the first seed names and the second only mentions


def batches(monkeypatch, first: int, most: int) -> None:
    monkeypatch.setattr(loading, "FIRST_BATCH", first)
    monkeypatch.setattr(loading, "BATCH", most)


def snapshot() -> dict:
    """The export, with statement ids (a statement's own, and the one quoting it) given as
    their article and span (ids differ between two loads into one database) and without
    timestamps."""
    data = export_archive()
    spans = {
        q["id"]: (a["source_file"], q["start"], q["end"], q["origin"]) for a in data["articles"] for q in a["quotes"]
    }

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("created_at", "updated_at")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    for article in data["articles"]:
        for quote in article["quotes"]:
            quote["id"] = spans[quote["id"]]
            if "quoted_by" in quote:
                quote["quoted_by"] = spans[quote["quoted_by"]]
    data["links"] = sorted(
        (spans[link["from"]], spans[link["to"]], link["kind"], link["status"], link["score"]) for link in data["links"]
    )
    return strip(data)


def wipe() -> None:
    for model in (QuoteLink, Quote, Article, Speaker, Directive, ShingleFrequency):
        model.objects.all().delete()


def assert_indexed() -> None:
    """The restatement index holds exactly the stored statements' fingerprints."""
    expected = sum(len(fingerprints.fingerprint(text)) for text in Quote.objects.values_list("text", flat=True))
    assert Shingle.objects.count() == expected


def test_a_batched_load_stores_what_a_load_one_file_at_a_time_stores(tmp_path, monkeypatch):
    source = corpus(tmp_path / "corpus", 60)
    copy_seeds(source)
    batches(monkeypatch, 1, 1)
    loading.load_paths([source], parallel=False)
    one_by_one = snapshot()
    assert len(one_by_one["links"]) > 50  # restatements across articles, or this proves little
    wipe()
    batches(monkeypatch, 7, 25)
    report = loading.load_paths([source], parallel=True)
    assert (len(report.created), report.failed) == (62, [])
    assert snapshot() == one_by_one
    assert_indexed()


def test_a_batched_reload_keeps_editors_work_as_a_reload_one_file_at_a_time(tmp_path, monkeypatch):
    """Changed files among unchanged and new ones: each reload's old suggestions go before
    anything after it in the batch is stored, as they would one file at a time."""
    source = corpus(tmp_path / "corpus", 40)
    pristine = {p.name: p.read_bytes() for p in source.glob("*.txt")}
    # New files sort among the changed ones: "synthetic_3_000003.txt", "synthetic_3_000003n.txt".
    later = {f"synthetic_3_{i:06d}n.txt": a.text.encode() for i, a in enumerate(generate(30, seed=4))}

    def load_then_reload():
        for path in source.glob("*.txt"):
            path.unlink()
        for name, data in pristine.items():
            (source / name).write_bytes(data)
        loading.load_paths([source])
        for quote in Quote.objects.order_by("article__source_file", "start")[::5]:
            quote.status = "confirmed"
            quote.save()
        for path in sorted(source.glob("*.txt"))[::3]:
            path.write_text(path.read_text(encoding="utf-8").replace("\n", "\nMột đoạn mới.\n", 1), encoding="utf-8")
        for name, data in later.items():
            (source / name).write_bytes(data)
        return loading.load_paths([source], parallel=False)

    batches(monkeypatch, 1, 1)
    load_then_reload()
    one_by_one = snapshot()
    wipe()
    batches(monkeypatch, 10, 30)
    report = load_then_reload()
    assert (len(report.updated), len(report.created), len(report.unchanged)) == (14, 30, 26)
    assert snapshot() == one_by_one
    assert_indexed()


def test_a_bad_file_in_the_middle_of_a_batch_fails_alone(tmp_path):
    source = corpus(tmp_path / "corpus", 12)
    bad = source / "synthetic_3_000005b.txt"
    bad.write_text("Không có dòng ngày.", encoding="utf-8")
    report = loading.load_paths([source])
    assert report.failed == [(str(bad), "no date line: the text must begin with 'date YYYY-MM-DD'")]
    assert len(report.created) == Article.objects.count() == 12


def test_a_file_the_database_refuses_rolls_back_its_batch_and_fails_alone(tmp_path, monkeypatch):
    source = corpus(tmp_path / "corpus", 12)
    victim = sorted(source.glob("*.txt"))[5].name
    store_run = storing.store_run

    def refuse(run, *args):
        if any(s.source_file == victim for s in run):
            raise IntegrityError("simulated conflict")
        return store_run(run, *args)

    monkeypatch.setattr(storing, "store_run", refuse)
    report = loading.load_paths([source])
    assert report.failed == [(str(source / victim), "conflicting concurrent load; run again")]
    assert len(report.created) == 11
    assert not Article.objects.filter(source_file=victim).exists()
    assert Article.objects.count() == 11
    assert all(a.paragraphs.exists() for a in Article.objects.all())
    assert_indexed()


def directives_of(name: str) -> set[str]:
    return set(Article.objects.get(source_file=name).directives.values_list("name", flat=True))


def test_the_extraction_process_learns_directives_in_file_order(tmp_path, monkeypatch):
    seeds = copy_seeds(tmp_path)
    loading.load_paths([seeds[1]])
    assert TRAINED not in directives_of(seeds[1].name)
    wipe()
    # One file per batch: the second is extracted while the first is being stored.
    batches(monkeypatch, 1, 1)
    report = loading.load_paths([tmp_path], parallel=True)
    assert len(report.created) == 2
    assert TRAINED in directives_of(seeds[1].name)


def test_a_file_changed_after_the_load_began_is_extracted_when_stored(tmp_path, monkeypatch):
    """The extraction process skips a file the archive already held unchanged; if another
    loader changed it meanwhile, the writer extracts it itself."""
    source = corpus(tmp_path / "corpus", 5)
    reference = loading.load_paths([source])
    wipe()
    monkeypatch.setattr(
        loading, "stored_hashes", lambda paths: {p.name: parse_source(p.read_bytes()).content_hash for p in paths}
    )
    report = loading.load_paths([source])
    assert len(report.created) == 5
    assert report.statements == reference.statements > 0


def test_the_same_file_name_twice_is_stored_in_turn(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_source(tmp_path / "a", "bai.txt", ["Bài thứ nhất.", "Đoạn hai."])
    second = write_source(tmp_path / "b", "bai.txt", ["Bài thứ hai.", "Đoạn hai."])
    report = loading.load_paths([first, second])
    assert (len(report.created), len(report.updated)) == (1, 1)
    assert Article.objects.get().title == "Bài thứ hai"


def test_queries_per_batch_do_not_grow_with_its_articles(tmp_path, monkeypatch):
    batches(monkeypatch, 100, 100)
    small, large = corpus(tmp_path / "small", 4, seed=5), corpus(tmp_path / "large", 16, seed=6)
    with CaptureQueriesContext(connection) as few:
        loading.load_paths([small], parallel=False)
    with CaptureQueriesContext(connection) as many:
        loading.load_paths([large], parallel=False)
    # One file at a time took some thirty queries an article.
    assert len(many) - len(few) < 12


def alive(pid: int) -> bool:
    """Whether the process still runs (an exited one its parent has not reaped is a zombie)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from /proc")
@pytest.mark.django_db(transaction=True)
def test_the_extraction_process_ends_with_a_killed_loader(tmp_path):

    source = corpus(tmp_path / "corpus", 400)
    env = dict(os.environ, DATABASE_URL=database_url(), DJANGO_SETTINGS_MODULE="tests.settings")
    loader = subprocess.Popen(
        [sys.executable, "manage.py", "load_seeds", str(source)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children = Path(f"/proc/{loader.pid}/task/{loader.pid}/children")
    deadline = time.monotonic() + 60
    while loader.poll() is None and not children.read_text().split() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert loader.poll() is None, "the loader ended before it started extracting"
    worker = int(children.read_text().split()[0])
    loader.send_signal(signal.SIGKILL)
    loader.wait(timeout=30)
    deadline = time.monotonic() + 30
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(worker), Path(f"/proc/{worker}/status").read_text()[:300]
