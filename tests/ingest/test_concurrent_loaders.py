"""Two loaders at once on the same files: the database's constraints keep one copy of each."""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from articles.ingest.loading import load_paths
from articles.models import Article, Quote

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need a server database; SQLite serialises them with a file lock",
)


@pytest.mark.django_db
def test_a_second_article_for_the_same_source_file_is_refused():
    fields = {"title": "t", "published_on": "2026-01-01", "body": "b", "content_hash": "h"}
    Article.objects.create(source_file="a.txt", slug="a", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(source_file="a.txt", slug="b", **fields)


@pytest.mark.django_db
def test_a_second_extracted_statement_on_the_same_span_is_refused():
    article = Article.objects.create(
        source_file="a.txt", slug="a", title="t", published_on="2026-01-01", body="Một câu.", content_hash="h"
    )
    Quote.objects.create(article=article, text="Một câu.", start=0, end=8)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.create(article=article, text="Một câu.", start=0, end=8)


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_two_loaders_at_once_make_no_duplicates(seed_dir):
    reports, errors = [], []
    barrier = threading.Barrier(2)

    def load():
        try:
            barrier.wait()
            reports.append(load_paths([seed_dir]))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=load) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(not r.failed for r in reports)
    assert sorted(len(r.created) for r in reports) in ([0, 2], [1, 1])
    assert Article.objects.count() == 2
    spans = list(Quote.objects.values_list("article_id", "start", "end"))
    assert len(spans) == len(set(spans))
