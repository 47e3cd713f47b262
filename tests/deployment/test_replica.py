"""Reads go to the replica only when a moment's lag cannot show; writes and migrations never do."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from policy_archive import routers
from policy_archive.routers import ReplicaRouter, replica_allowed
from tests.support import factories


@pytest.fixture
def router(monkeypatch):
    monkeypatch.setattr(routers, "has_replica", lambda: True)
    return ReplicaRouter()


@pytest.fixture
def public_request():
    token = replica_allowed.set(True)
    yield
    replica_allowed.reset(token)


def test_outside_a_request_reads_stay_on_the_primary(router):
    assert router.db_for_read(Article) == "default"


@pytest.mark.usefixtures("public_request")
def test_a_public_read_goes_to_the_replica(router):
    assert router.db_for_read(Article) == "replica"


@pytest.mark.usefixtures("public_request")
def test_sessions_and_users_are_read_from_the_primary(router):
    assert router.db_for_read(User) == "default"


@pytest.mark.usefixtures("public_request")
def test_after_a_write_the_same_request_reads_the_primary(router):
    assert router.db_for_write(Article) == "default"
    assert router.db_for_read(Article) == "default"


@pytest.mark.django_db
@pytest.mark.usefixtures("public_request")
def test_inside_a_transaction_reads_stay_on_the_primary(router):
    with transaction.atomic():
        assert router.db_for_read(Article) == "default"


def test_without_a_replica_everything_is_the_primary(monkeypatch):
    monkeypatch.setattr(routers, "has_replica", lambda: False)
    token = replica_allowed.set(True)
    try:
        assert ReplicaRouter().db_for_read(Article) == "default"
    finally:
        replica_allowed.reset(token)


def test_migrations_run_on_the_primary_only(router):
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")


needs_replica = pytest.mark.skipif(
    "replica" not in settings.DATABASES, reason="set DATABASE_REPLICA_URL to a second database"
)


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_public_page_is_read_from_the_replica(client):
    a = factories.article("Ngoại giao cây tre")
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        response = client.get(reverse("articles:article_detail", args=[a.slug]))
    assert response.status_code == 200 and "Ngoại giao cây tre" in response.text
    assert len(replica) > 0
    assert not [q for q in primary if "articles_" in q["sql"]]


@needs_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_admin_reads_and_writes_the_primary(editor_client):
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert editor_client.get(reverse("admin:articles_article_changelist")).status_code == 200
    assert len(replica) == 0
