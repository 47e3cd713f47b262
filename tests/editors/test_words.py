"""The editors' workspace in one language at a time: every kind of admin page, in
Vietnamese, shows no English string of the archive's catalog, and in English no Vietnamese
one; the editors' scripts get their words from the same catalogs."""

import json
import re

import pytest
from django.urls import reverse

from articles.models import Feed, QuoteLink
from tests.support.words import catalog, english_left, in_language, plain, visible, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(world):
    """Every kind of admin page, with a row of each model to open."""
    link = QuoteLink.objects.filter(status="suggested").first()
    feed = Feed.objects.create(url="https://bao.example/rss", outlet="Báo Ví Dụ", last_error="HTTP 500")
    rows = {
        "article": world["interview"],
        "quote": world["inner"],
        "quotelink": link,
        "speaker": world["cuong"],
        "directive": world["autonomy"],
        "feed": feed,
    }
    urls = [reverse("admin:index"), reverse("admin:app_list", args=["articles"])]
    for model, row in rows.items():
        urls += [
            reverse(f"admin:articles_{model}_changelist"),
            reverse(f"admin:articles_{model}_change", args=[row.pk]),
            reverse(f"admin:articles_{model}_history", args=[row.pk]),
        ]
        if model != "article":  # the loader adds articles
            urls.append(reverse(f"admin:articles_{model}_add"))
    return urls + [
        reverse("admin:articles_quote_review"),
        reverse("admin:articles_quote_review") + "?kind=link",
        reverse("admin:articles_quotelink_evidence", args=[link.pk]),
        reverse("admin:articles_article_annotate", args=[world["interview"].pk]),
    ]


def rendered(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return visible(response.content.decode())


def with_history(world, admin_user):
    """A statement changed by a person, so its history page has rows to read."""
    quote = world["inner"]
    quote._history_user = admin_user
    quote.status, quote.note = "confirmed", "Đã đối chiếu với bản in."
    quote.save()


def test_no_english_string_of_the_catalog_is_left_in_the_vietnamese_admin(admin_client, admin_user, world, pages):
    # Strings of fewer than four letters ("to", "end") could be part of anything; the rest
    # are looked for as whole words, whatever their case.
    with_history(world, admin_user)
    english = [e for e, v in catalog().items() if e != v and len(e) >= 4]
    left = {url: english_left(rendered(in_language(admin_client, "vi"), url), english) for url in pages}
    assert {url: found for url, found in left.items() if found} == {}


def test_no_vietnamese_string_of_the_catalog_is_in_the_english_admin(admin_client, admin_user, world, pages):
    # Three words and more: statements, titles and names are Vietnamese content in both
    # languages, and two Vietnamese words ("phát biểu") are often part of them.
    with_history(world, admin_user)
    vietnamese = [v for e, v in catalog().items() if e != v and words(v) >= 3]
    for url in pages:
        text = rendered(in_language(admin_client, "en"), url)
        assert [v for v in vietnamese if v in text] == [], url


def test_the_editors_scripts_get_their_words_in_vietnamese(admin_client):
    script = in_language(admin_client, "vi").get(reverse("admin:jsi18n")).content.decode()
    served = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    # A plural is served as the list of its forms; Vietnamese has one.
    found = {plain(english): plain(v if isinstance(v, str) else v[0]) for english, v in served.items()}
    expected = catalog("djangojs")
    assert expected and {english: found.get(english) for english in expected} == expected
