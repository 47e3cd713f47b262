"""History people can read: word-level diffs, names not ids, no "None", revert only where safe."""

import pytest
from django.urls import reverse
from django.utils import translation

from articles.editors import history
from articles.models import Article, Quote
from tests.support import factories as f

pytestmark = pytest.mark.django_db


def test_a_word_diff_strikes_what_went_and_marks_what_came():
    html = history.word_diff("Bộ trưởng Lê Văn Trung nói", "Thứ trưởng Lê Văn Trung nói rõ")
    assert html == "<del>Bộ</del><ins>Thứ</ins> trưởng Lê Văn Trung nói<ins> rõ</ins>"


def test_a_word_diff_escapes_markup():
    assert "&lt;b&gt;" in history.word_diff("a", "a <b>")


def test_changes_name_the_speaker_and_diff_the_text(world):
    quote = world["inner"]
    quote.speaker, quote.note = world["cuong"], "Đã kiểm tra với bản gốc của bài phỏng vấn đăng trên báo giấy."
    quote.save()
    with translation.override("en"):
        found = {c.field: str(c.html) for c in history.changes(quote.history.order_by("-history_id").first())}
    assert found["speaker"] == f"{world['leader'].name} → {world['cuong'].name}"
    assert found["note"] == "<ins>Đã kiểm tra với bản gốc của bài phỏng vấn đăng trên báo giấy.</ins>"


def test_the_history_page_shows_who_and_what_without_none(editor_client, editor, world):
    quote = world["inner"]
    quote._history_user = editor
    quote.status = "confirmed"
    quote.save()
    html = editor_client.get(reverse("admin:articles_quote_history", args=[quote.pk])).content.decode()
    assert "None" not in html
    assert "chars]" not in html
    assert f"?edited_by={editor.pk}" in html
    assert '<ul class="pa-changes">' in html


def test_the_changed_by_link_opens_for_an_editor(editor_client, editor, world):
    quote = world["inner"]
    quote._history_user = editor
    quote.note = "ghi chú"
    quote.save()
    response = editor_client.get(reverse("admin:articles_quote_changelist") + f"?edited_by={editor.pk}")
    assert response.status_code == 200
    assert [q.pk for q in response.context["cl"].result_list] == [quote.pk]


def test_revert_is_safe_only_while_the_text_stands_at_its_offsets(world):
    quote = world["inner"]
    record = quote.history.order_by("-history_id").first()
    assert history.revert_is_safe(record)
    article = quote.article
    Article.objects.filter(pk=article.pk).update(body="Đoạn mới hoàn toàn. " + article.body)
    assert not history.revert_is_safe(record)


def test_an_unsafe_revert_is_refused(editor_client, world):
    quote = world["inner"]
    record = quote.history.order_by("-history_id").first()
    Article.objects.filter(pk=quote.article_id).update(body="Văn bản khác hẳn. " + quote.article.body)
    url = reverse("admin:articles_quote_simple_history", args=[quote.pk, record.history_id])
    response = editor_client.post(url, {"status": "rejected"}, follow=True)
    assert Quote.objects.get(pk=quote.pk).status == "suggested"
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_the_loader_is_named_where_no_editor_saved(editor_client):
    a = f.article("Bài", ["Ông A nói điều gì đó."])
    q = f.quote(a, "điều gì đó", f.speaker("Ông A Thử"), status="suggested")
    html = editor_client.get(reverse("admin:articles_quote_history", args=[q.pk])).content.decode()
    assert "None" not in html
