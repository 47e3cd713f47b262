"""What editors see of a source that changed: the old text beside the new, a flag to clear,
and withdrawn statements they attach again to the text they select."""

import pytest
from django.urls import reverse

from articles.ingest.loading import load_file
from articles.models import Article, Quote, QuoteLink
from tests.support import factories
from tests.support.sources import write_source

pytestmark = pytest.mark.django_db

SAID = "Bộ trưởng Lê Hoài Trung khẳng định đối ngoại đa phương là ưu tiên hàng đầu của Việt Nam."
CHANGED = "Bộ trưởng Lê Hoài Trung khẳng định đối ngoại đa phương là ưu tiên thực chất của Việt Nam."
REWORDED = "Theo Bộ trưởng, ngoại giao đa phương luôn được đặt lên hàng đầu trong mọi hoạt động."


@pytest.fixture
def source(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Mở đầu bài viết.", SAID])
    load_file(path)
    quote = Quote.objects.get()
    Quote.objects.filter(pk=quote.pk).update(status="confirmed")
    return path, quote


def reload(path, *paragraphs):
    write_source(path.parent, path.name, ["Mở đầu bài viết.", *paragraphs])
    load_file(path)


def test_the_change_form_shows_the_old_and_the_new_text_side_by_side(editor_client, source):
    path, quote = source
    reload(path, CHANGED)
    html = editor_client.get(reverse("admin:articles_quote_change", args=[quote.pk])).content.decode()
    side_by_side = html[html.index('class="pa-text-change"') :]
    assert side_by_side.index("hàng đầu") < side_by_side.index("thực chất")


def test_marking_the_change_reviewed_clears_the_flag_and_the_old_text(editor_client, source):
    path, quote = source
    reload(path, CHANGED)
    response = editor_client.post(
        reverse("admin:articles_quote_changelist"), {"action": "source_change_reviewed", "_selected_action": [quote.pk]}
    )
    assert response.status_code == 302
    stored = Quote.objects.get(pk=quote.pk)
    assert (stored.source_changed, stored.previous_text, stored.status) == (False, "", "confirmed")
    assert (
        'class="pa-text-change"'
        not in editor_client.get(reverse("admin:articles_quote_change", args=[quote.pk])).content.decode()
    )


def test_a_withdrawn_statement_is_attached_to_the_text_an_editor_selects(editor_client, source):
    path, quote = source
    reload(path, REWORDED)
    quote.refresh_from_db()
    assert quote.withdrawn
    page = editor_client.get(reverse("admin:articles_article_annotate", args=[quote.article_id]))
    listed = {s["id"]: s for s in page.context["annotate_data"]["statements"]}
    assert listed[quote.pk]["anchored"] is False
    body = Article.objects.get().body
    start = body.index(REWORDED)
    response = editor_client.post(
        reverse("admin:articles_article_annotate_attach", args=[quote.article_id, quote.pk]),
        {"start": start, "end": start + len(REWORDED), "text": REWORDED, "version": listed[quote.pk]["version"]},
    )
    assert response.status_code == 200, response.content
    stored = Quote.objects.public().get(pk=quote.pk)
    assert (stored.text, stored.status, stored.source_changed, stored.previous_text) == (
        REWORDED,
        "confirmed",
        True,
        SAID,
    )
    assert body[stored.start : stored.end] == stored.text
    assert editor_client.get(stored.get_absolute_url()).status_code == 200


def test_attaching_from_a_stale_page_is_refused(editor_client, source):
    path, quote = source
    reload(path, REWORDED)
    body = Article.objects.get().body
    start = body.index(REWORDED)
    response = editor_client.post(
        reverse("admin:articles_article_annotate_attach", args=[quote.article_id, quote.pk]),
        {"start": start, "end": start + len(REWORDED), "text": REWORDED, "version": quote.version},
    )
    assert response.status_code == 409
    assert Quote.objects.get(pk=quote.pk).withdrawn


def test_attaching_a_selection_that_is_not_the_text_is_refused(editor_client, source):
    path, quote = source
    reload(path, REWORDED)
    quote.refresh_from_db()
    response = editor_client.post(
        reverse("admin:articles_article_annotate_attach", args=[quote.article_id, quote.pk]),
        {"start": 0, "end": 5, "text": "khác", "version": quote.version},
    )
    assert response.status_code == 400
    assert Quote.objects.get(pk=quote.pk).withdrawn


def test_a_suggested_link_from_a_text_that_changed_goes_and_deciding_it_is_not_an_error(editor_client, source):
    path, quote = source
    elsewhere = factories.article("Bài khác", ["Bộ trưởng nói đối ngoại đa phương là ưu tiên hàng đầu."])
    other = factories.quote(elsewhere, "đối ngoại đa phương là ưu tiên hàng đầu")
    link = QuoteLink.objects.create(from_quote=quote, to_quote=other, status="suggested", origin="extracted")
    page = reverse("admin:articles_quote_change", args=[quote.pk])
    reload(path, CHANGED)  # the text changed: the suggestion made from the old text goes
    response = editor_client.post(
        reverse("admin:articles_quotelink_decide", args=[link.pk]), {"link_decision": "confirmed"}, HTTP_REFERER=page
    )
    assert response.status_code == 404
    assert not QuoteLink.objects.filter(pk=link.pk).exists()
