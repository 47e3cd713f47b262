"""Every change to articles, statements, speakers and directives is kept: who, when, what; revertible."""

import pytest
from django.urls import reverse

from articles.ingest.loading import load_file
from articles.models import Article, Quote, Speaker
from tests.support import factories
from tests.support.sources import write_source
from tests.support.users import form_data

pytestmark = pytest.mark.django_db


def edit(client, obj, **changes):
    url = reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def revert(client, obj, record):
    url = reverse(f"admin:articles_{obj._meta.model_name}_simple_history", args=[obj.pk, record.history_id])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(page))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


@pytest.fixture
def statement():
    a = factories.article("Bài phỏng vấn", ["Thứ trưởng nói: “Đối ngoại đi trước mở đường”.", "Đoạn hai."])
    return factories.quote(
        a, "“Đối ngoại đi trước mở đường”", factories.speaker("Nguyễn Mạnh Cường"), status="suggested"
    )


def test_an_edit_is_recorded_with_its_editor_and_its_diff(editor_client, editor, statement):
    edit(editor_client, statement, note="cần kiểm tra nguồn", status="confirmed")
    latest, before = statement.history.all()[:2]
    assert latest.history_user == editor and latest.history_type == "~"
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(before).changes}
    assert changes["note"] == ("", "cần kiểm tra nguồn")
    assert changes["status"] == ("suggested", "confirmed")
    page = editor_client.get(reverse("admin:articles_quote_history", args=[statement.pk])).content.decode()
    assert "cần kiểm tra nguồn" in page and editor.username in page


def test_a_revert_restores_the_statement_and_is_itself_recorded(editor_client, editor, statement):
    original = statement.history.earliest()
    other = factories.speaker("Lê Hoài Trung")
    edit(editor_client, statement, note="ghi chú", speaker=other.pk, kind="reported")
    assert (statement.note, statement.speaker, statement.kind) == ("ghi chú", other, "reported")
    revert(editor_client, statement, original)
    assert (statement.note, statement.speaker.name, statement.kind) == ("", "Nguyễn Mạnh Cường", "direct")
    assert statement.history.count() == 3 and statement.history.first().history_user == editor


def test_a_revert_of_an_article_restores_its_title_not_an_old_body(editor_client, tmp_path):
    path = write_source(tmp_path, "a.txt", ["Tiêu đề gốc của bài.", "Đoạn một."])
    load_file(path)
    article = Article.objects.get()
    first = article.history.earliest()
    edit(editor_client, article, title="Tiêu đề của biên tập viên")
    assert article.title_is_custom
    write_source(tmp_path, "a.txt", ["Tiêu đề gốc của bài.", "Đoạn một, đã sửa."])
    load_file(path)
    article.refresh_from_db()
    revert(editor_client, article, first)
    assert article.title == first.title != "Tiêu đề của biên tập viên"
    assert "đã sửa" in article.body


def test_a_revert_of_a_speaker_and_of_a_directive(editor_client):
    s = factories.speaker("Lê Hoài Trung", description="")
    d = factories.directive("Kết luận 59", issuer="")
    edit(editor_client, s, description="Bộ trưởng Ngoại giao")
    edit(editor_client, d, issuer="Bộ Chính trị")
    revert(editor_client, s, s.history.earliest())
    revert(editor_client, d, d.history.earliest())
    assert (s.description, d.issuer) == ("", "")


def test_a_revert_from_a_page_opened_before_someone_else_saved_is_refused(editor_client, statement):
    url = reverse("admin:articles_quote_simple_history", args=[statement.pk, statement.history.earliest().history_id])
    page = editor_client.get(url)
    edit(editor_client, statement, note="saved meanwhile")
    response = editor_client.post(url, form_data(page))
    assert response.status_code == 200 and "Chưa lưu" in response.content.decode()
    assert Quote.objects.get(pk=statement.pk).note == "saved meanwhile"


def test_the_loader_changes_are_in_the_history_too(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Bộ trưởng Lê Hoài Trung cho biết đối ngoại đi trước.", "Đoạn hai."])
    load_file(path)
    article = Article.objects.get()
    suggestion = factories.quote(article, "Đoạn hai", status="suggested")
    write_source(
        tmp_path, "a.txt", ["Mở đầu.", "Bộ trưởng Lê Hoài Trung cho biết đối ngoại đi trước.", "Đoạn hai mới."]
    )
    load_file(path)
    assert [r.history_type for r in article.history.all()] == ["~", "+"]
    assert all(r.history_user is None for r in article.history.all())
    # The loader moved the suggestion, in place: on record, as every statement it wrote is.
    assert not Quote.history.filter(history_type="-").exists()
    moved = Quote.history.filter(id=suggestion.pk, history_type="~").latest("history_date")
    assert (moved.history_user, moved.start, moved.text) == (None, suggestion.start + len("Mở đầu.\n\n"), "Đoạn hai")
    recorded = set(Quote.history.filter(history_type="+").values_list("id", flat=True))
    assert set(Quote.objects.values_list("pk", flat=True)) <= recorded
    assert set(Speaker.objects.values_list("pk", flat=True)) <= set(Speaker.history.values_list("id", flat=True))
