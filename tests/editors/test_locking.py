"""No lost updates: a save made from a stale read is refused, and the editor sees the newer version."""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from articles.editors import locking
from articles.models import Article, Directive, Quote, Speaker
from tests.support import factories
from tests.support.users import form_data

pytestmark = pytest.mark.django_db


def test_a_save_at_the_version_read_bumps_it():
    s = factories.speaker("Nguyễn Mạnh Cường")
    s.description = "Thứ trưởng"
    locking.save_if_current(s, 1, ["description"])
    stored = Speaker.objects.get(pk=s.pk)
    assert (stored.version, stored.description, s.version) == (2, "Thứ trưởng", 2)


def test_a_save_from_a_stale_read_is_refused_and_changes_nothing():
    s = factories.speaker("Nguyễn Mạnh Cường")
    first, second = Speaker.objects.get(pk=s.pk), Speaker.objects.get(pk=s.pk)
    first.description = "mine"
    locking.save_if_current(first, first.version, ["description"])
    second.description = "theirs"
    with pytest.raises(locking.StaleVersion) as refused:
        locking.save_if_current(second, second.version, ["description"])
    assert refused.value.current.description == "mine"
    assert Speaker.objects.get(pk=s.pk).description == "mine"


def test_only_the_named_fields_are_written():
    """A revert rebuilds the object from an old record; only editable fields may come back."""
    a = factories.article("Tiêu đề cũ", ["Thân bài một.", "Thân bài hai."])
    old = Article.objects.get(pk=a.pk)
    old.body, old.title = "an old body", "Tiêu đề mới"
    locking.save_if_current(old, a.version, ["title"])
    stored = Article.objects.get(pk=a.pk)
    assert (stored.title, stored.body) == ("Tiêu đề mới", a.body)


def test_update_all_bumps_every_changed_row_and_records_history():
    a = factories.article()
    q = factories.quote(a, a.body[:5], status="suggested")
    assert locking.update_all(Quote.objects.filter(pk=q.pk), None, "test", status="confirmed") == 1
    q.refresh_from_db()
    assert (q.status, q.version, q.history.count()) == ("confirmed", 2, 2)
    assert locking.update_all(Quote.objects.filter(pk=q.pk), None, "test", status="confirmed") == 0


def test_admin_change_form_refuses_a_stale_save_and_shows_the_newer_values(editor_client):
    d = factories.directive("Nghị quyết 59", issuer="")
    url = reverse("admin:articles_directive_change", args=[d.pk])
    data = form_data(editor_client.get(url), issuer="Bộ Chính trị")
    # A colleague saves first.
    other = Directive.objects.get(pk=d.pk)
    other.issuer = "Ban Chấp hành Trung ương"
    locking.save_if_current(other, other.version, ["issuer"])

    refused = editor_client.post(url, data)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Chưa lưu" in text and "Ban Chấp hành Trung ương" in text
    assert Directive.objects.get(pk=d.pk).issuer == "Ban Chấp hành Trung ương"

    data["read_version"] = Directive.objects.get(pk=d.pk).version
    assert editor_client.post(url, data).status_code == 302
    assert Directive.objects.get(pk=d.pk).issuer == "Bộ Chính trị"


def test_a_save_losing_the_race_after_its_check_is_refused_too(editor_client, monkeypatch):
    """The form check passed, then another save landed before the UPDATE: still refused."""
    s = factories.speaker("Lê Hoài Trung")
    url = reverse("admin:articles_speaker_change", args=[s.pk])
    data = form_data(editor_client.get(url), description="mine")
    real = locking.save_if_current

    def colleague_first(obj, read_version, fields):
        # (inside the admin's transaction, so it is rolled back with the refused save)
        Speaker.objects.filter(pk=obj.pk).update(version=read_version + 1, description="theirs")
        return real(obj, read_version, fields)

    monkeypatch.setattr(locking, "save_if_current", colleague_first)
    response = editor_client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "Chưa lưu" in response.content.decode()
    assert Speaker.objects.get(pk=s.pk).description != "mine"


def test_annotate_endpoint_refuses_a_stale_decision_with_the_current_statement(editor_client):
    a = factories.article()
    q = factories.quote(a, a.body[:10], status="suggested")
    url = reverse("admin:articles_article_annotate_decide", args=[a.pk, q.pk])
    assert editor_client.post(url, {"status": "confirmed", "version": 1}).status_code == 200
    refused = editor_client.post(url, {"status": "rejected", "version": 1})
    assert refused.status_code == 409
    body = refused.json()
    assert body["current"]["status"] == "confirmed" and body["current"]["version"] == 2
    assert "editor-an đã lưu phiên bản 2" in body["error"]
    assert Quote.objects.get(pk=q.pk).status == "confirmed"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need a server database; SQLite serialises them with a file lock",
)
@pytest.mark.django_db(transaction=True)
def test_of_two_saves_at_once_from_the_same_read_exactly_one_lands():
    s = Speaker.objects.create(name="Lê Hoài Trung", slug="le-hoai-trung")
    barrier, outcomes = threading.Barrier(2), []

    def save(description):
        try:
            mine = Speaker.objects.get(pk=s.pk)
            mine.description = description
            barrier.wait()
            locking.save_if_current(mine, 1, ["description"])
            outcomes.append(("saved", description))
        except locking.StaleVersion:
            outcomes.append(("refused", description))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(d,)) for d in ("một", "hai")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o for o, _ in outcomes) == ["refused", "saved"]
    stored = Speaker.objects.get(pk=s.pk)
    assert (stored.version, stored.description) == (2, dict(outcomes)["saved"])
