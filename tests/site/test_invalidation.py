"""Every admin action reaches anonymous readers on their next request, with the page cache on:
in each process's local memory, and in the shared Redis cache when REDIS_URL is set.

The actions write with ``QuerySet.update()`` and bulk deletes, which send no model signal;
what drops the cached pages is the archive's one invalidation path (``articles.changes``).
The test runs each action as an editor's browser would (a POST to the change list), in a
database transaction that really commits, and compares what a reader is served with what
the site makes with no cache at all.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from articles import changes
from articles.models import Article, Feed, Quote, QuoteLink, Status
from tests.ingest.test_feeds import two_item_feed
from tests.support import factories
from tests.support.web import Site

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def read(url: str) -> tuple[int, bytes]:
    """What an anonymous reader is served, a new reader each time (their own CSRF token)."""
    response = Client().get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, TOKEN.sub(b"", body)


def truth(url: str) -> tuple[int, bytes]:
    with override_settings(ARCHIVE_PAGE_CACHE_SECONDS=0):
        return read(url)


def article(w):
    return w["interview"].get_absolute_url()


def statements_of(w):
    return [reverse("articles:quote_list"), reverse("articles:quote_list") + "?reviewed=on", article(w)]


# Each registered action of the archive's admins: what to select, what else the form posts,
# and the pages that show the change. test_every_registered_action_is_covered keeps it whole.
CASES = {
    ("quote", "confirm"): (lambda w: [w["inner"]], {}, statements_of),
    ("quote", "reject"): (lambda w: [w["outer"]], {}, statements_of),
    ("quote", "assign_speaker"): (
        lambda w: [w["inner"]],
        lambda w: {"apply": "1", "speaker": w["trung"].pk},
        lambda w: [*statements_of(w), w["trung"].get_absolute_url()],
    ),
    ("quote", "source_change_reviewed"): (
        lambda w: [source_changed(w["outer"])],
        {},
        lambda w: [w["outer"].get_absolute_url(), article(w)],
    ),
    ("article", "publish"): (
        lambda w: [w["draft"]],
        {},
        lambda w: [reverse("articles:article_list"), reverse("articles:api_articles"), "/sitemap-articles.xml"],
    ),
    ("article", "unpublish"): (
        lambda w: [w["interview"]],
        {},
        lambda w: [
            article(w),
            reverse("articles:article_list"),
            reverse("articles:api_articles"),
            reverse("articles:feed_articles"),
            w["outer"].get_absolute_url(),
        ],
    ),
    # An article with extracted statements cannot be deleted (they would come back on reload).
    ("article", "delete_selected"): (
        lambda w: [w["bare"]],
        {"post": "yes"},
        lambda w: [w["bare"].get_absolute_url(), reverse("articles:article_list")],
    ),
    ("quotelink", "accept"): (
        lambda w: [QuoteLink.objects.get(status=Status.SUGGESTED)],
        {},
        lambda w: [w["inner"].get_absolute_url(), w["elsewhere"].get_absolute_url()],
    ),
    ("quotelink", "reject"): (
        lambda w: list(QuoteLink.objects.all()),
        {},
        lambda w: [w["inner"].get_absolute_url(), w["outer"].get_absolute_url(), article(w)],
    ),
    ("quotelink", "delete_selected"): (
        lambda w: list(QuoteLink.objects.all()),
        {"post": "yes"},
        lambda w: [w["inner"].get_absolute_url(), w["outer"].get_absolute_url(), article(w)],
    ),
    ("speaker", "merge_selected"): (
        lambda w: [w["cuong"], w["trung"]],
        lambda w: {"apply": "1", "keep": w["cuong"].pk},
        lambda w: [w["trung"].get_absolute_url(), w["cuong"].get_absolute_url(), reverse("articles:speaker_list")],
    ),
    ("speaker", "delete_selected"): (
        lambda w: [w["leader"]],
        {"post": "yes"},
        lambda w: [w["leader"].get_absolute_url(), reverse("articles:speaker_list")],
    ),
    ("directive", "merge_selected"): (
        lambda w: [w["congress"], w["conclusion"]],
        lambda w: {"apply": "1", "keep": w["congress"].pk},
        lambda w: [w["conclusion"].get_absolute_url(), reverse("articles:directive_list")],
    ),
    # A poll stores the feed's new articles (served on loopback by the test's site).
    ("feed", "poll_now"): (
        lambda w: [Feed.objects.create(url=two_item_feed(w["site"]), outlet="Báo Thời Điểm")],
        {},
        lambda w: [reverse("articles:article_list"), reverse("articles:home")],
    ),
    ("feed", "delete_selected"): (
        lambda w: [Feed.objects.create(url="ftp://127.0.0.1/other.xml", outlet="Báo Thử")],
        {"post": "yes"},
        lambda w: [reverse("articles:article_list")],
    ),
    ("directive", "delete_selected"): (
        lambda w: [w["conclusion"]],
        {"post": "yes"},
        lambda w: [w["conclusion"].get_absolute_url(), reverse("articles:directive_list")],
    ),
}


@pytest.fixture
def site():
    """Pages and feeds on loopback, for the feed's poll."""
    with Site() as served:
        yield served


# Actions readers never see the effect of: their pages must stay right, and need not change.
UNSEEN = {("feed", "delete_selected"), ("quote", "source_change_reviewed")}


def source_changed(quote):
    """``quote`` as a reload leaves it when its source's text changed under it."""
    Quote.objects.filter(pk=quote.pk).update(source_changed=True, previous_text=quote.text + " trước đây")
    return quote


def superuser():
    return get_user_model().objects.create_superuser("chief-editor", password="a-long-test-password")


def registered_actions() -> set[tuple[str, str]]:
    request = RequestFactory().get("/admin/")
    request.user = superuser()
    return {
        (model._meta.model_name, name)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "articles"
        for name in model_admin.get_actions(request)
    }


@pytest.mark.django_db
def test_every_registered_action_is_covered():
    """An action added to the admin needs its case here, or this fails."""
    assert registered_actions() == set(CASES)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("case", sorted(CASES), ids="-".join)
def test_an_admin_action_is_seen_by_anonymous_readers_on_their_next_request(case, page_cache, site):
    world = factories.sample_archive()
    world["site"] = site
    world["draft"] = factories.article("Bài chưa đăng về hợp tác", ["Bài chưa đăng về hợp tác."], status="draft")
    world["bare"] = factories.article("Bài không có phát biểu", ["Bài không có phát biểu nào."])
    selected, extra, pages = CASES[case]
    urls = pages(world)
    before = {url: read(url) for url in urls}
    assert all(read(url) == before[url] for url in urls)  # now served from the cache

    editor = Client()
    editor.force_login(superuser())
    model_name, action = case
    data = {
        "action": action,
        "_selected_action": [obj.pk for obj in selected(world)],
        "index": 0,
        **(extra(world) if callable(extra) else extra),
    }
    done = editor.post(reverse(f"admin:articles_{model_name}_changelist"), data)
    assert done.status_code == 302, done.content[:2000]

    after = {url: read(url) for url in urls}
    assert after == {url: truth(url) for url in urls}
    if case not in UNSEEN:
        assert after != before, "the action changed nothing a reader sees: the case proves nothing"


@pytest.mark.django_db(transaction=True)
def test_a_bulk_update_outside_the_admin_drops_the_cached_pages_too(page_cache):
    """``QuerySet.update()`` sends no signal; the generation moves all the same."""
    world = factories.sample_archive()
    url = world["interview"].get_absolute_url()
    assert read(url)[0] == 200
    before = changes.generation()
    Article.objects.filter(pk=world["interview"].pk).update(status=Article.PublicationStatus.DRAFT)
    assert changes.generation() != before
    assert read(url)[0] == 404


@pytest.mark.django_db(transaction=True)
def test_a_link_decision_reaches_readers(page_cache):
    world = factories.sample_archive()
    link = QuoteLink.objects.get(status=Status.SUGGESTED)
    urls = [world["inner"].get_absolute_url(), world["elsewhere"].get_absolute_url()]
    before = {url: read(url) for url in urls}
    editor = Client()
    editor.force_login(superuser())
    decided = editor.post(reverse("admin:articles_quotelink_decide", args=[link.pk]), {"link_decision": "rejected"})
    assert decided.status_code == 302
    after = {url: read(url) for url in urls}
    assert after == {url: truth(url) for url in urls} and after != before


@pytest.mark.django_db(transaction=True)
def test_writes_round_the_orm_move_the_generation_and_reads_and_other_apps_do_not(page_cache):
    from django.db import connection

    world = factories.sample_archive()
    before = changes.generation()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_quote")
        cursor.execute("UPDATE django_session SET expire_date = expire_date")
    assert changes.generation() == before
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_quote SET note = %s WHERE id = %s", ["ghi chú", world["outer"].pk])
    assert changes.generation() != before


def test_what_counts_as_a_write_to_the_archive():
    assert changes.writes_archive('UPDATE "articles_quote" SET "status" = %s')
    assert changes.writes_archive('WITH x AS (SELECT 1) INSERT INTO "articles_shingle" (a) SELECT 1')
    assert changes.writes_archive('DELETE FROM "articles_quotelink" WHERE id = 1')
    assert changes.writes_archive('INSERT OR IGNORE INTO "articles_quote_directives" ("quote_id") VALUES (5)')
    assert not changes.writes_archive('SELECT * FROM "articles_quote" FOR UPDATE OF "articles_quote"')
    assert not changes.writes_archive('UPDATE "django_session" SET "expire_date" = %s')


@pytest.mark.django_db(transaction=True)
def test_an_import_reaches_readers(page_cache):
    from articles.ingest.archive import export_archive, import_archive
    from articles.models import Directive, Quote, Speaker

    factories.sample_archive()
    data = export_archive()
    for model in (QuoteLink, Quote, Article, Speaker, Directive):
        model.objects.all().delete()
    url = reverse("articles:article_list")
    empty = read(url)
    import_archive(data)
    assert read(url) == truth(url) != empty
