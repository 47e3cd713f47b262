"""The restatement index's rows stay tied to existing statements (triggers of migration 0007):
an orphan row cannot be written by any path, and a statement's rows go with it."""

import pytest
from django.db import IntegrityError, connection, transaction

from articles.models import Quote
from articles.restatements import sql as index_sql
from articles.restatements.models import Shingle
from tests.support import factories

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks across connections need a server database"
)


@pytest.fixture
def quote(db):
    return factories.quote(factories.article(paragraphs=["Mở đầu.", "Một câu được nói ra."]), "Một câu được nói ra.")


def missing_id() -> int:
    return (Quote.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


def test_a_row_for_a_statement_that_does_not_exist_is_refused(quote):
    with pytest.raises(IntegrityError), transaction.atomic():
        Shingle.objects.create(quote_id=missing_id(), hash=1)
    assert not Shingle.objects.exists()


def test_a_bulk_write_with_one_orphan_row_writes_nothing(quote):
    """The loader's path: COPY on PostgreSQL, executemany on SQLite."""
    with pytest.raises(IntegrityError), transaction.atomic():
        index_sql.insert({quote.pk: range(50), missing_id(): [99]})
    assert not Shingle.objects.exists()


def test_moving_a_row_to_a_statement_that_does_not_exist_is_refused(quote):
    index_sql.insert({quote.pk: [7]})
    with pytest.raises(IntegrityError), transaction.atomic():
        Shingle.objects.filter(quote=quote).update(quote_id=missing_id())
    assert list(Shingle.objects.values_list("quote_id", flat=True)) == [quote.pk]


def test_rows_of_existing_statements_are_written(quote):
    other = factories.quote(quote.article, "Mở đầu.")
    index_sql.insert({quote.pk: range(30), other.pk: range(5)})
    assert Shingle.objects.filter(quote=quote).count() == 30
    assert Shingle.objects.filter(quote=other).count() == 5


@pytest.mark.parametrize("how", ["orm", "sql"])
def test_deleting_a_statement_deletes_its_rows_and_only_its(quote, how):
    other = factories.quote(quote.article, "Mở đầu.")
    index_sql.insert({quote.pk: range(10), other.pk: range(10)})
    if how == "orm":
        quote.delete()
    else:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM articles_quote WHERE id = %s", [quote.pk])
    assert set(Shingle.objects.values_list("quote_id", flat=True)) == {other.pk}


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_a_statement_whose_rows_are_being_written_cannot_be_deleted_meanwhile():
    """As a foreign key would: the rows' writer holds a key-share lock on the statement
    until it commits, so a deletion by another connection waits instead of orphaning them."""
    import psycopg

    quote = factories.quote(factories.article(paragraphs=["Mở đầu.", "Câu."]), "Câu.")
    db = connection.settings_dict
    other = psycopg.connect(
        host=db["HOST"] or None, port=db["PORT"] or None, user=db["USER"], dbname=db["NAME"], autocommit=True
    )
    try:
        other.execute("SET lock_timeout = '300ms'")
        with transaction.atomic():
            index_sql.insert({quote.pk: range(40)})
            with pytest.raises(psycopg.errors.LockNotAvailable):
                other.execute("DELETE FROM articles_quote WHERE id = %s", [quote.pk])
        other.execute("DELETE FROM articles_quote WHERE id = %s", [quote.pk])
    finally:
        other.close()
    assert not Shingle.objects.exists()


@pytest.mark.django_db
def test_the_triggers_are_in_place():
    """SQLite drops a table's triggers when a migration rebuilds it: this fails if one did."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'articles_shingle_%%'")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'articles_shingle_%'")
        found = {name for (name,) in cursor.fetchall()}
    assert found == {"articles_shingle_insert", "articles_shingle_update", "articles_shingle_cascade"}
