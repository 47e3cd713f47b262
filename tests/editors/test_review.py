"""The review queue: what waits, decisions with their version check and history, undo."""

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.editors import locking, review
from articles.models import Quote, QuoteLink
from tests.support import factories as f

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def queue_ids(response) -> list[tuple[str, int]]:
    return [(kind, item.pk) for kind, item in response.context["items"]]


def test_the_queue_lists_suggestions_unanchored_statements_and_suggested_links(editor_client, world):
    unanchored = f.quote(world["speech"], "Tự chủ chiến lược", world["trung"], status="confirmed", anchored=False)
    response = editor_client.get(reverse("admin:articles_quote_review"))
    assert response.status_code == 200
    listed = queue_ids(response)
    assert ("suggested", world["inner"].pk) in listed
    assert ("unanchored", unanchored.pk) in listed
    link = QuoteLink.objects.get(status="suggested")
    assert ("link", link.pk) in listed
    assert all(pk != world["rejected"].pk for _, pk in listed)
    assert all(pk != world["outer"].pk for kind, pk in listed if kind != "link")  # confirmed and anchored


def test_the_queue_filters_by_kind_and_speaker(editor_client, world):
    only_links = queue_ids(editor_client.get(reverse("admin:articles_quote_review"), {"kind": "link"}))
    assert only_links and {kind for kind, _ in only_links} == {"link"}
    by_leader = queue_ids(editor_client.get(reverse("admin:articles_quote_review"), {"speaker": world["leader"].name}))
    assert ("suggested", world["inner"].pk) in by_leader
    assert all(kind != "suggested" or Quote.objects.get(pk=pk).speaker == world["leader"] for kind, pk in by_leader)


def test_an_unknown_speaker_name_is_said_and_the_queue_is_not_filtered(editor_client, world):
    response = editor_client.get(reverse("admin:articles_quote_review"), {"speaker": "Không Ai Cả"})
    assert response.context["form"].errors["speaker"]


def test_the_queue_page_makes_the_same_queries_however_long_it_is(editor_client, world):
    url = reverse("admin:articles_quote_review")
    editor_client.get(url)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(url)
    f.many_quotes(world["speech"], 30, world["trung"], status="suggested")
    with CaptureQueriesContext(connection) as many:
        editor_client.get(url)
    assert len(many) == len(few)


def test_confirming_from_the_queue_checks_the_version_and_records_history(editor_client, editor, world):
    quote = world["inner"]
    response = editor_client.post(
        reverse("admin:articles_quote_review_decide"),
        {"decision": "confirm", "statement": f"{quote.pk}:{quote.version}"},
        **JSON,
    )
    assert response.status_code == 200, response.content
    quote.refresh_from_db()
    assert quote.status == "confirmed" and quote.version == 2
    record = quote.history.order_by("-history_id").first()
    assert record.history_user == editor and record.status == "confirmed"


def test_a_decision_on_a_statement_changed_meanwhile_answers_409_and_saves_nothing(editor_client, world):
    quote, other = world["inner"], world["outer"]
    Quote.objects.filter(pk=quote.pk).update(version=5)
    response = editor_client.post(
        reverse("admin:articles_quote_review_decide"),
        {"decision": "reject", "statement": [f"{other.pk}:{other.version}", f"{quote.pk}:1"]},
        **JSON,
    )
    assert response.status_code == 409
    assert "error" in response.json()
    assert Quote.objects.get(pk=other.pk).status == "confirmed"
    assert Quote.objects.get(pk=quote.pk).status == "suggested"


def test_a_decision_is_undone_with_its_token(editor_client, world):
    quote = world["inner"]
    decided = editor_client.post(
        reverse("admin:articles_quote_review_decide"),
        {"decision": "reject", "statement": f"{quote.pk}:{quote.version}"},
        **JSON,
    ).json()
    assert Quote.objects.get(pk=quote.pk).status == "rejected"
    undone = editor_client.post(reverse("admin:articles_quote_review_undo"), {"token": decided["undo"]}, **JSON)
    assert undone.json()["restored"] == 1
    quote.refresh_from_db()
    assert quote.status == "suggested" and quote.version == 3
    assert quote.history.order_by("-history_id").first().history_change_reason == "undo"


def test_undo_leaves_a_statement_someone_changed_after_the_decision(editor, world):
    quote = world["inner"]
    token = review.decide_statements(editor, {quote.pk: quote.version}, "rejected")
    Quote.objects.filter(pk=quote.pk).update(version=9, status="confirmed")
    assert review.undo(editor, token) == 0
    assert Quote.objects.get(pk=quote.pk).status == "confirmed"


def test_an_altered_or_late_undo_token_is_refused(editor, world, monkeypatch):
    token = review.decide_statements(editor, {world["inner"].pk: 1}, "rejected")
    with pytest.raises(signing.BadSignature):
        review.undo(editor, token[:-2] + "xx")
    monkeypatch.setattr(review, "UNDO_SECONDS", -1)
    with pytest.raises(signing.SignatureExpired):
        review.undo(editor, token)
    assert Quote.objects.get(pk=world["inner"].pk).status == "rejected"


def test_links_are_accepted_and_undone(editor_client, world):
    link = QuoteLink.objects.get(status="suggested")
    decided = editor_client.post(
        reverse("admin:articles_quote_review_decide"), {"decision": "confirm", "link": link.pk}, **JSON
    ).json()
    assert QuoteLink.objects.get(pk=link.pk).status == "confirmed"
    editor_client.post(reverse("admin:articles_quote_review_undo"), {"token": decided["undo"]}, **JSON)
    assert QuoteLink.objects.get(pk=link.pk).status == "suggested"


def test_a_speaker_is_corrected_by_name_and_the_correction_can_be_undone(editor_client, world):
    quote = world["inner"]
    answer = editor_client.post(
        reverse("admin:articles_quote_review_speaker"),
        {"statement": f"{quote.pk}:{quote.version}", "name": world["cuong"].name},
        **JSON,
    ).json()
    quote.refresh_from_db()
    assert quote.speaker == world["cuong"] and quote.edited and answer["version"] == quote.version
    editor_client.post(reverse("admin:articles_quote_review_undo"), {"token": answer["undo"]}, **JSON)
    quote.refresh_from_db()
    assert quote.speaker == world["leader"] and not quote.edited


def test_without_script_a_decision_redirects_back_with_a_message(editor_client, world):
    quote = world["inner"]
    response = editor_client.post(
        reverse("admin:articles_quote_review_decide"),
        {"decision": "confirm", "statement": f"{quote.pk}:{quote.version}", "next": "/admin/articles/quote/review/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/admin/articles/quote/review/"
    assert any("1" in str(m) for m in response.context["messages"])


def test_bad_decisions_are_refused_with_400(editor_client, world):
    url = reverse("admin:articles_quote_review_decide")
    assert editor_client.post(url, {"decision": "delete", "statement": "1:1"}, **JSON).status_code == 400
    assert editor_client.post(url, {"decision": "confirm", "statement": "x:1"}, **JSON).status_code == 400
    assert editor_client.post(url, {"decision": "confirm"}, **JSON).status_code == 400


def test_someone_without_the_change_permission_is_refused(client, world):
    from tests.support.users import make_user

    client.force_login(make_user("doc-gia", editor=False, staff=True))
    assert client.get(reverse("admin:articles_quote_review")).status_code == 403


def test_the_admin_index_counts_what_waits(editor_client, world):
    html = editor_client.get(reverse("admin:index")).content.decode()
    counts = review.counts()
    assert counts["suggested"] >= 1 and counts["link"] >= 1
    assert 'id="pa-waiting"' in html
    assert reverse("admin:articles_quote_review") in html


def test_stale_versions_are_the_lockings_own_error(editor, world):
    with pytest.raises(locking.StaleVersion):
        review.decide_statements(editor, {world["inner"].pk: 99}, "confirmed")


def test_the_queue_filters_by_outlet(editor_client, world):
    from articles.models import Article

    Article.objects.filter(pk=world["interview"].pk).update(outlet="Báo Thời Điểm")
    url = reverse("admin:articles_quote_review")
    listed = queue_ids(editor_client.get(url, {"outlet": "Báo Thời Điểm"}))
    assert ("suggested", world["inner"].pk) in listed
    assert all(Quote.objects.get(pk=pk).article.outlet == "Báo Thời Điểm" for kind, pk in listed if kind != "link")
    assert "Báo Thời Điểm" in editor_client.get(url).content.decode()
