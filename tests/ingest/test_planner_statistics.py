"""Planner statistics kept fresh by the loader on PostgreSQL (``articles.ingest.sql``)."""

import pytest
from django.db import connection

from articles.ingest import loading
from articles.ingest import sql as analyze
from articles.restatements.models import Shingle
from tests.support import factories as f
from tests.support.sources import corpus

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="statistics for PostgreSQL's planner"),
]


def start_empty(table: str) -> None:
    """A new, empty file for the table, counted as empty: rows rolled back by earlier tests
    leave a file larger than its statistics. (Undone with the test's transaction.)"""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table}")


def analyzed(table: str) -> int:
    """How many times the table was analyzed (ANALYZE reports it at once)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def test_a_table_grown_past_its_statistics_is_analyzed_once():
    quote = f.sample_archive()["trung_quote"]
    start_empty("articles_shingle")
    Shingle.objects.bulk_create(Shingle(quote=quote, hash=h) for h in range(30_000))
    assert "articles_shingle" in analyze.stale_tables()
    assert "articles_shingle" in analyze.refresh()
    assert "articles_shingle" not in analyze.refresh()
    assert "articles_shingle" not in analyze.stale_tables()


def test_a_load_leaves_no_table_it_grew_with_stale_statistics(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "FIRST_BATCH", 5)
    start_empty("articles_shingle")
    before = analyzed("articles_shingle")
    report = loading.load_paths([corpus(tmp_path / "corpus", 40)], parallel=False)
    assert len(report.created) == 40
    assert analyzed("articles_shingle") > before
    assert analyze.stale_tables() == []


@pytest.mark.django_db(transaction=True)
def test_a_load_leaves_the_restatement_index_visible_to_index_only_lookups(tmp_path):
    """Every page of the Shingle table marked all-visible once the load is over: its
    postings are then read from the index alone (``analyze.VACUUMED``). Started empty: rows
    earlier tests rolled back leave pages only a full vacuum clears."""
    start_empty("articles_shingle")
    report = loading.load_paths([corpus(tmp_path / "corpus", 12)], parallel=False)
    assert len(report.created) == 12
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE relname = 'articles_shingle'")
        pages, visible = cursor.fetchone()
    assert pages > 0 and visible == pages
