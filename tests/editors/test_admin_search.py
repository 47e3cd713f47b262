"""Admin search ignores Vietnamese accents and case, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.editors.admin.search import FOLD_FROM, FOLD_TO
from articles.models import Speaker
from articles.text import fold
from tests.support import factories

pytestmark = pytest.mark.django_db


def found(client, model, term):
    response = client.get(reverse(f"admin:articles_{model}_changelist"), {"q": term})
    assert response.status_code == 200
    return [str(obj) for obj in response.context["cl"].result_list]


@pytest.mark.parametrize("term", ["nguyen manh cuong", "NGUYỄN MẠNH CƯỜNG", "Nguyễn Mạnh Cường", "manh cuong"])
def test_a_speaker_is_found_with_or_without_accents(editor_client, world, term):
    assert found(editor_client, "speaker", term) == ["Nguyễn Mạnh Cường"]


def test_a_speaker_is_found_by_an_alias(editor_client, world):
    factories.speaker("Bùi Thanh Sơn", aliases=["Phó Thủ tướng Bùi Thanh Sơn"])
    assert found(editor_client, "speaker", "pho thu tuong") == ["Bùi Thanh Sơn"]


def test_d_finds_đ(editor_client, world):
    assert "Nghị quyết Đại hội XIV" in found(editor_client, "directive", "dai hoi xiv")


def test_every_word_must_match(editor_client, world):
    assert found(editor_client, "speaker", "nguyen trung") == []


def test_statements_are_found_by_text_and_by_speaker(editor_client, world):
    by_text = found(editor_client, "quote", "tu chu chien luoc")
    assert any("Tự chủ chiến lược" in t for t in by_text)
    by_speaker = found(editor_client, "quote", "le hoai trung")
    assert len(by_speaker) == 2


def test_articles_are_found_by_title(editor_client, world):
    assert found(editor_client, "article", "doi ngoai kien tao") == [
        "Đối ngoại kiến tạo môi trường phát triển đất nước"
    ]


def test_autocomplete_folds_too(editor_client, world):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "hoai trung", "app_label": "articles", "model_name": "quote", "field_name": "speaker"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Lê Hoài Trung"]


def test_the_database_fold_agrees_with_the_python_fold_on_every_vietnamese_letter():
    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    every = letters + letters.upper()
    Speaker.objects.create(name=every, slug="every")
    stored = Speaker.objects.annotate(folded=F("name__fold")).get(slug="every").folded
    assert stored == fold(every)
    assert len(FOLD_FROM) == len(FOLD_TO)


@pytest.mark.parametrize("model", ["quote", "article"])
def test_statements_and_articles_are_searched_through_the_full_text_index(editor_client, world, model):
    """Not by folding every row's text: on PostgreSQL the stored search vectors (and their GIN
    indexes) answer, on SQLite the folded search column, as on the public site."""
    with CaptureQueriesContext(connection) as queries:
        found(editor_client, model, "doi ngoai")
    sql = "\n".join(q["sql"] for q in queries.captured_queries)
    assert ("search_vector" if connection.vendor == "postgresql" else "search_folded") in sql
    assert "TRANSLATE" not in sql and "policy_fold" not in sql


def test_a_one_letter_search_of_statements_answers(editor_client, world):
    assert found(editor_client, "quote", "a") == []  # no statement has the word "a"


def test_a_statement_search_matches_whole_words(editor_client, world):
    assert found(editor_client, "quote", "chien luoc")
    assert found(editor_client, "quote", "chien luo") == []


def test_an_article_is_found_by_its_file_name(editor_client, world):
    name = world["speech"].source_file
    assert found(editor_client, "article", name) == [world["speech"].title]


@pytest.mark.parametrize("term", ["\x00", "a\x00b"])
def test_a_nul_in_a_search_is_a_bad_request(editor_client, world, term):
    autocomplete = reverse("admin:autocomplete")
    params = {"term": term, "app_label": "articles", "model_name": "quote", "field_name": "speaker"}
    assert editor_client.get(autocomplete, params).status_code == 400
    # The change list's own search form refuses it and says so.
    listed = editor_client.get(reverse("admin:articles_quote_changelist"), {"q": term})
    assert listed.status_code == 200 and "Null characters are not allowed" in listed.text
