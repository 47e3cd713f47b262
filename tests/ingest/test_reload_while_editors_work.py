"""A reload and editors working on the same article at once lose nothing: the loader locks
the statements it moves, and an editor's save that meets it is tried again or refused with
a 409, never a 500. Row locks across connections need a server database."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from articles.editors import locking
from articles.ingest.loading import load_file
from articles.models import Article, Quote
from tests.support.sources import write_source

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks across connections need a server database"
)
pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]

SAID = "Bộ trưởng Lê Hoài Trung khẳng định đối ngoại đa phương là ưu tiên hàng đầu của Việt Nam."
# The largest wait for another connection to reach a lock: a bound, not a pause.
PATIENCE = 30


def waiting_for_a_lock(pid: int | None = None) -> bool:
    """Whether some other connection (``pid``, if given) is waiting for a row lock now."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
        pids = {row[0] for row in cursor.fetchall()}
    return bool(pids) if pid is None else pid in pids


def until(condition) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, "the other connection never got there"
        time.sleep(0.01)


@pytest.fixture
def loaded(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", SAID])
    load_file(path)
    write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", "Một đoạn chen vào đầu bài.", SAID])
    return path, Quote.objects.get()


def test_a_confirmation_saved_while_a_reload_waits_survives_it(loaded):
    path, quote = loaded
    confirmed, commit, errors = threading.Event(), threading.Event(), []

    def editor():
        try:
            with transaction.atomic():
                locking.update_all(Quote.objects.filter(pk=quote.pk), None, "drill", status="confirmed")
                confirmed.set()
                commit.wait(PATIENCE)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    def loader():
        try:
            load_file(path)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=editor), threading.Thread(target=loader)]
    threads[0].start()
    assert confirmed.wait(PATIENCE)
    threads[1].start()
    until(waiting_for_a_lock)  # the reload waits for the editor's row
    commit.set()
    for t in threads:
        t.join()
    assert errors == []
    stored = Quote.objects.get(pk=quote.pk)
    assert (stored.status, stored.anchored, stored.start > quote.start) == ("confirmed", True, True)
    assert stored.history.latest("history_date").status == "confirmed"
    assert Article.objects.get().body[stored.start : stored.end] == stored.text


def holding(quote, release: threading.Event, holds: threading.Event):
    """Another connection holding the statement's row lock until ``release``."""

    def hold():
        try:
            with transaction.atomic():
                Quote.objects.select_for_update().get(pk=quote.pk)
                holds.set()
                release.wait(PATIENCE)
        finally:
            connections.close_all()

    return threading.Thread(target=hold)


def confirm(client, quote):
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '200ms'")  # gives up waiting like a deadlock victim
    return client.post(
        reverse("admin:articles_quote_changelist"), {"action": "confirm", "_selected_action": [quote.pk]}
    )


def test_a_save_that_keeps_meeting_a_lock_is_refused_with_a_409_and_changes_nothing(editor_client, loaded):
    _, quote = loaded
    release, holds = threading.Event(), threading.Event()
    holder = holding(quote, release, holds)
    holder.start()
    assert holds.wait(PATIENCE)
    try:
        response = confirm(editor_client, quote)
    finally:
        release.set()
        holder.join()
    assert response.status_code == 409
    with translation.override("vi"):
        assert gettext("Not saved") in response.content.decode()
    assert Quote.objects.get(pk=quote.pk).status == "suggested"


def test_a_save_that_met_a_lock_once_is_tried_again_and_lands(editor_client, loaded):
    _, quote = loaded
    release, holds = threading.Event(), threading.Event()
    holder = holding(quote, release, holds)
    holder.start()
    assert holds.wait(PATIENCE)
    mine = connection.connection.info.backend_pid

    def release_after_one_failure():
        try:
            until(lambda: waiting_for_a_lock(mine))
            until(lambda: not waiting_for_a_lock(mine))  # the first attempt gave up
        finally:
            release.set()
            connections.close_all()

    releaser = threading.Thread(target=release_after_one_failure)
    releaser.start()
    try:
        response = confirm(editor_client, quote)
    finally:
        releaser.join()
        release.set()
        holder.join()
    assert response.status_code == 302
    assert Quote.objects.get(pk=quote.pk).status == "confirmed"
