"""Every admin page an editor uses renders, and its lists cost the same queries for 1 or 30 rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Quote
from tests.support import factories
from tests.support.users import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["article", "quote", "quotelink", "speaker", "directive"])
def test_changelists_render(editor_client, world, model):
    response = editor_client.get(reverse(f"admin:articles_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model,key", [("article", "interview"), ("quote", "outer"), ("speaker", "cuong"), ("directive", "autonomy")]
)
def test_change_forms_and_histories_render(editor_client, world, model, key):
    pk = world[key].pk
    assert editor_client.get(reverse(f"admin:articles_{model}_change", args=[pk])).status_code == 200
    assert editor_client.get(reverse(f"admin:articles_{model}_history", args=[pk])).status_code == 200


def test_a_statement_can_be_added_by_naming_its_text(editor_client, world):
    article = world["speech"]
    text = "phục vụ phát triển đất nước"
    response = editor_client.post(
        reverse("admin:articles_quote_add"),
        {
            "article": article.pk,
            "text": text,
            "start": "",
            "end": "",
            "speaker": world["trung"].pk,
            "kind": "reported",
            "status": "confirmed",
            "note": "",
            "links_out-TOTAL_FORMS": 0,
            "links_out-INITIAL_FORMS": 0,
            "links_in-TOTAL_FORMS": 0,
            "links_in-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    quote = Quote.objects.get(article=article, text=text)
    assert article.body[quote.start : quote.end] == text and quote.origin == "editor"


def test_a_statement_whose_text_is_not_in_the_article_is_refused(editor_client, world):
    response = editor_client.post(
        reverse("admin:articles_quote_add"),
        {
            "article": world["speech"].pk,
            "text": "không có trong bài",
            "kind": "reported",
            "status": "confirmed",
            "links_out-TOTAL_FORMS": 0,
            "links_out-INITIAL_FORMS": 0,
            "links_in-TOTAL_FORMS": 0,
            "links_in-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "không có trong bài viết" in response.content.decode()


def test_article_list_counts_statements_and_those_to_review(editor_client, world):
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    rows = {a.pk: (a.n_statements, a.n_to_review) for a in response.context["cl"].result_list}
    assert rows[world["interview"].pk] == (4, 1)
    assert rows[world["speech"].pk] == (2, 0)


def test_speaker_and_directive_lists_count_statements_and_articles(editor_client, world):
    speakers = editor_client.get(reverse("admin:articles_speaker_changelist")).context["cl"].result_list
    assert {s.name: (s.n_statements, s.n_articles) for s in speakers}["Nguyễn Mạnh Cường"] == (2, 1)
    directives = editor_client.get(reverse("admin:articles_directive_changelist")).context["cl"].result_list
    assert {d.name: (d.n_statements, d.n_articles) for d in directives}["Nghị quyết Đại hội XIV"] == (5, 2)


@pytest.mark.parametrize("model,key,articles", [("speaker", "cuong", 1), ("directive", "congress", 2)])
def test_the_lists_show_the_article_counts(editor_client, world, model, key, articles):
    page = editor_client.get(reverse(f"admin:articles_{model}_changelist")).content.decode()
    row = re.search(rf"<tr>(?:(?!</tr>).)*?/{world[key].pk}/change/(?:(?!</tr>).)*</tr>", page, re.S).group()
    assert re.search(r'<td class="field-in_articles">(\d+)</td>', row).group(1) == str(articles)


def grow(world, n):
    """n more statements, speakers, directives and articles, linked."""
    for i in range(n):
        a = factories.article(f"Bài thêm {i}", [f"Câu mở đầu {i}.", f"Câu thứ hai {i}."])
        s = factories.speaker(f"Người {i}")
        d = factories.directive(f"Chỉ thị {i}")
        q = factories.quote(a, f"Câu mở đầu {i}.", s, [d], status="suggested")
        factories.link(q, world["outer"], status="suggested")


@pytest.mark.parametrize("model", ["article", "quote", "quotelink", "speaker", "directive"])
def test_list_query_counts_do_not_grow_with_rows(editor_client, world, model, django_assert_max_num_queries):
    url = reverse(f"admin:articles_{model}_changelist")
    with CaptureQueriesContext(connection) as few:
        assert editor_client.get(url).status_code == 200
    grow(world, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor_client.get(url)
    assert len(response.context["cl"].result_list) > 12


@pytest.mark.parametrize(
    "query",
    [
        "status__exact=suggested",
        "kind__exact=direct",
        "origin__exact=extracted",
        "article__published_on__year=2026&article__published_on__month=2",
    ],
)
def test_statement_filters(editor_client, world, query):
    response = editor_client.get(reverse("admin:articles_quote_changelist") + "?" + query)
    assert response.status_code == 200 and response.context["cl"].result_count >= 1


def test_statement_filters_by_speaker_and_directive(editor_client, world):
    url = reverse("admin:articles_quote_changelist")
    by_speaker = editor_client.get(url, {"speaker__id__exact": world["trung"].pk}).context["cl"]
    assert {q.pk for q in by_speaker.result_list} == {world["trung_quote"].pk, world["elsewhere"].pk}
    by_directive = editor_client.get(url, {"directives__id__exact": world["conclusion"].pk}).context["cl"]
    assert [q.pk for q in by_directive.result_list] == [world["conclusion_quote"].pk]


def test_unpublish_and_publish_actions_record_history(editor_client, editor, world):
    url = reverse("admin:articles_article_changelist")
    pk = world["speech"].pk
    editor_client.post(url, {"action": "unpublish", "_selected_action": [pk]})
    article = Article.objects.get(pk=pk)
    assert (article.status, article.version) == ("draft", 2)
    assert article.history.first().history_user == editor
    editor_client.post(url, {"action": "publish", "_selected_action": [pk]})
    assert Article.objects.get(pk=pk).status == "published"


def test_confirm_and_reject_actions_bump_versions_and_name_the_editor(editor_client, editor, world):
    url = reverse("admin:articles_quote_changelist")
    inner, outer = world["inner"], world["outer"]
    editor_client.post(url, {"action": "confirm", "_selected_action": [inner.pk, outer.pk]})
    inner.refresh_from_db()
    outer.refresh_from_db()
    assert (inner.status, inner.version, outer.version) == ("confirmed", 2, 1)  # outer was confirmed already
    assert inner.history.first().history_user == editor
    editor_client.post(url, {"action": "reject", "_selected_action": [inner.pk]})
    assert Quote.objects.get(pk=inner.pk).status == "rejected"


def test_the_article_list_links_to_the_annotate_view(editor_client, world):
    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert reverse("admin:articles_article_annotate", args=[world["interview"].pk]) in page


def test_a_suggestion_is_rejected_not_deleted_but_an_editors_statement_may_be_deleted(editor_client, world):
    suggestion = world["inner"]
    assert (
        editor_client.post(reverse("admin:articles_quote_delete", args=[suggestion.pk]), {"post": "yes"}).status_code
        == 403
    )
    mine = factories.quote(world["speech"], "phục vụ phát triển", origin="editor")
    assert (
        editor_client.post(reverse("admin:articles_quote_delete", args=[mine.pk]), {"post": "yes"}).status_code == 302
    )
    assert list(Quote.objects.filter(pk__in=[suggestion.pk, mine.pk])) == [suggestion]


def test_a_directive_gets_a_parent_related_directives_and_an_alias(editor_client, world):
    conclusion, congress, autonomy = world["conclusion"], world["congress"], world["autonomy"]
    url = reverse("admin:articles_directive_change", args=[conclusion.pk])
    response = editor_client.post(
        url,
        form_data(
            editor_client.get(url),
            parent=congress.pk,
            related=[autonomy.pk, congress.pk],
            **{"aliases-TOTAL_FORMS": "2", "aliases-1-name": "KL 59"},
        ),
    )
    assert response.status_code == 302
    conclusion.refresh_from_db()
    assert conclusion.parent == congress
    assert set(conclusion.related.all()) == {autonomy, congress}
    assert list(conclusion.aliases.values_list("name", flat=True)) == ["KL 59"]


def test_assign_speaker_asks_first_then_assigns_the_selected(editor_client, world):
    changelist = reverse("admin:articles_quote_changelist")
    chosen = list(Quote.objects.order_by("pk")[:2])
    other = factories.speaker("Phạm Thu Hằng")
    ask = editor_client.post(changelist, {"action": "assign_speaker", "_selected_action": [q.pk for q in chosen]})
    page = ask.content.decode()
    assert ask.status_code == 200 and 'name="action" value="assign_speaker"' in page
    assert all(f'name="_selected_action" value="{q.pk}"' in page for q in chosen)
    assert chosen[0].text[:40] in page
    done = editor_client.post(
        changelist,
        {"action": "assign_speaker", "_selected_action": [q.pk for q in chosen], "apply": "yes", "speaker": other.pk},
    )
    assert done.status_code == 302
    assert set(Quote.objects.filter(speaker=other).values_list("pk", flat=True)) == {q.pk for q in chosen}
