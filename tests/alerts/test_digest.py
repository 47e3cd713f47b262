"""The digest's queries, its schedule, and the same run through a real Celery worker."""

import time

import pytest
from celery import Celery
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.alerts import digest
from articles.alerts.models import Subscription
from tests.alerts.test_alerts import new_statement
from tests.ingest.test_queue import BROKER, QUEUE, broker, worker  # noqa: F401  (fixtures)
from tests.support import factories as f


def subscribe(email, **target) -> Subscription:
    return Subscription.objects.create(email=email, language="vi", confirmed_at=timezone.now(), **target)


def followers(world, readers: int):
    """``readers`` addresses, each following a speaker, a directive and a search."""
    for n in range(readers):
        email = f"reader{n}@example.test"
        subscribe(email, speaker=world["cuong"])
        subscribe(email, directive=world["conclusion"])
        subscribe(email, query="kinh te bien")


@pytest.mark.django_db
@pytest.mark.parametrize("readers", [1, 6])
def test_planning_the_digests_takes_the_same_queries_for_one_reader_or_many(world, readers, django_assert_num_queries):
    followers(world, readers)
    new_statement(world["cuong"], [world["conclusion"]], words="kinh tế biển")
    new_statement(world["cuong"], words="hợp tác quốc phòng")
    # Subscriptions, the speakers' statements, the directives', the one saved search's, the cards.
    with django_assert_num_queries(5):
        plans = digest.plan()
    assert len(plans) == readers
    assert all(len(sections) == 3 for sections in plans.values())


@pytest.mark.django_db
def test_each_mail_sent_adds_one_update_of_its_watermarks(world, smtp):
    followers(world, 3)
    new_statement(world["cuong"], [world["conclusion"]], words="kinh tế biển")
    with CaptureQueriesContext(connection) as queries:
        report = digest.send_digests()
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert report.mails == 3 and len(smtp.messages) == 3
    assert len(writes) == 3


def test_the_beat_schedule_sends_the_digests_daily():
    from articles.alerts import tasks
    from policy_archive.celery import app

    (entry,) = [e for e in django_settings.CELERY_BEAT_SCHEDULE.values() if e["task"].startswith("articles.alerts")]
    assert entry["task"] == tasks.send_alerts.name and entry["task"] in app.tasks
    schedule = entry["schedule"]
    assert schedule.hour == {django_settings.ARCHIVE_ALERT_HOUR} and schedule.minute == {0}
    assert schedule.day_of_week == set(range(7))


@pytest.fixture
def mail_environment(smtp, monkeypatch):
    """The worker, a process of its own, reads its mail server from the environment."""
    monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
    monkeypatch.setenv("EMAIL_PORT", str(django_settings.MAILERS["default"]["OPTIONS"]["port"]))
    monkeypatch.setenv("ARCHIVE_SITE_URL", "http://archive.test")
    return smtp


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_sends_the_digest(mail_environment, worker):  # noqa: F811  (the fixture)
    world = f.sample_archive()
    subscribe("ban.doc@example.test", speaker=world["cuong"])
    quote = new_statement(world["cuong"])
    # A client of the worker's broker only: as the current app it would take the archive's
    # tasks to that broker in every later test.
    with Celery(broker=BROKER, set_as_current=False) as client:
        client.send_task("articles.alerts.tasks.send_alerts", queue=QUEUE)
    (mail,) = mail_environment.wait_for(1, seconds=60)
    assert quote.text in mail_environment.text(mail)
    # The worker moves the watermark just after the server accepts the mail: wait for it.
    deadline = time.monotonic() + 30
    while Subscription.objects.get().last_sent_quote_id != quote.pk and time.monotonic() < deadline:
        time.sleep(0.1)
    assert Subscription.objects.get().last_sent_quote_id == quote.pk
