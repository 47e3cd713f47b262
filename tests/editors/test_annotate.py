"""The annotate page's endpoints: statements with exact offsets, edits, decisions."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Quote, Speaker
from tests.support import factories

pytestmark = pytest.mark.django_db

BODY = [
    "Bộ trưởng Lê Hoài Trung trình bày chuyên đề.",
    "Bộ trưởng khẳng định: “Tự chủ chiến lược là quan điểm chỉ đạo chung”. Câu khác 😀 ở đây.",
]


@pytest.fixture
def article():
    return factories.article("Chuyên đề đối ngoại", BODY)


def create_url(article):
    return reverse("admin:articles_article_annotate_create", args=[article.pk])


def span_of(article, text):
    start = article.body.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def test_the_page_carries_the_body_and_the_statements(editor_client, article):
    q = factories.quote(article, "Tự chủ chiến lược", status="suggested")
    response = editor_client.get(reverse("admin:articles_article_annotate", args=[article.pk]))
    assert response.status_code == 200
    data = response.context["annotate_data"]
    assert data["body"] == article.body
    assert [s["id"] for s in data["statements"]] == [q.pk]
    assert 'id="pa-data"' in response.content.decode()


def test_a_selection_becomes_a_confirmed_statement_of_the_editor(editor_client, article):
    trung = factories.speaker("Lê Hoài Trung")
    nq = factories.directive("Nghị quyết Đại hội XIV")
    text = "“Tự chủ chiến lược là quan điểm chỉ đạo chung”"
    response = editor_client.post(
        create_url(article),
        {**span_of(article, text), "speaker": trung.pk, "kind": "direct", "directives": [nq.pk], "note": "x"},
    )
    assert response.status_code == 201
    quote = Quote.objects.get(pk=response.json()["statement"]["id"])
    assert (quote.text, quote.origin, quote.status, quote.speaker, quote.kind) == (
        text,
        "editor",
        "confirmed",
        trung,
        "direct",
    )
    assert article.body[quote.start : quote.end] == text
    assert list(quote.directives.all()) == [nq]
    assert trung in article.people.all() and nq in article.directives.all()


def test_offsets_count_characters_as_python_does_after_an_emoji(editor_client, article):
    text = "ở đây."
    response = editor_client.post(create_url(article), {**span_of(article, text), "kind": "reported"})
    assert response.status_code == 201
    quote = Quote.objects.get(pk=response.json()["statement"]["id"])
    assert article.body[quote.start : quote.end] == text


@pytest.mark.parametrize("change", [{"start": 1}, {"text": "khác"}, {"end": 10_000}])
def test_a_selection_that_does_not_match_the_body_is_refused(editor_client, article, change):
    span = {**span_of(article, "Bộ trưởng Lê Hoài Trung"), **change}
    response = editor_client.post(create_url(article), {**span, "kind": "reported"})
    assert response.status_code == 400
    assert not Quote.objects.exists()


def test_a_new_speaker_is_created_once_and_found_by_alias_after(editor_client, article):
    factories.speaker("Lê Hoài Trung", aliases=["Bộ trưởng Lê Hoài Trung"])
    response = editor_client.post(
        create_url(article),
        {**span_of(article, "trình bày chuyên đề"), "kind": "reported", "new_speaker": "Bộ trưởng  Lê Hoài Trung"},
    )
    assert response.json()["statement"]["speaker"]["name"] == "Lê Hoài Trung"
    response = editor_client.post(
        create_url(article), {**span_of(article, "Câu khác"), "kind": "reported", "new_speaker": "Tổng Bí thư Tô Lâm"}
    )
    assert response.status_code == 201
    assert Speaker.objects.filter(name="Tổng Bí thư Tô Lâm").count() == 1


def test_an_edit_corrects_a_suggestion_and_makes_it_the_editors(editor_client, article):
    q = factories.quote(article, "Tự chủ chiến lược", status="suggested")
    cuong = factories.speaker("Nguyễn Mạnh Cường")
    url = reverse("admin:articles_article_annotate_update", args=[article.pk, q.pk])
    response = editor_client.post(url, {"version": 1, "speaker": cuong.pk, "kind": "direct", "note": "sửa"})
    assert response.status_code == 200
    q.refresh_from_db()
    assert (q.speaker, q.kind, q.note, q.edited, q.version) == (cuong, "direct", "sửa", True, 2)


def test_a_decision_sets_the_status(editor_client, article):
    q = factories.quote(article, "Tự chủ chiến lược", status="suggested")
    url = reverse("admin:articles_article_annotate_decide", args=[article.pk, q.pk])
    assert editor_client.post(url, {"version": 1, "status": "rejected"}).json()["statement"]["status"] == "rejected"
    assert Quote.objects.get(pk=q.pk).status == "rejected"


def test_a_statement_of_another_article_is_not_reachable_through_this_one(editor_client, article):
    other = factories.article()
    q = factories.quote(other, other.body[:5], status="suggested")
    url = reverse("admin:articles_article_annotate_decide", args=[article.pk, q.pk])
    assert editor_client.post(url, {"version": 1, "status": "rejected"}).status_code == 404


def test_endpoints_need_a_csrf_token(editor, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(create_url(article), {**span_of(article, "Câu khác"), "kind": "reported"})
    assert response.status_code == 403
    assert not Quote.objects.exists()


def test_endpoints_refuse_get(editor_client, article):
    assert editor_client.get(create_url(article)).status_code == 405


def test_a_refused_selection_leaves_no_new_speaker(editor_client, article):
    span = {**span_of(article, "Câu khác"), "start": 0}
    response = editor_client.post(create_url(article), {**span, "kind": "reported", "new_speaker": "Người mới"})
    assert response.status_code == 400
    assert not Speaker.objects.filter(name="Người mới").exists()
