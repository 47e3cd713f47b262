"""A declared change drops the cached pages that show what it changed, and only those.

Each case warms the cache over a broad set of pages (the changed article, its statements'
permalinks, its speakers' and directives' pages, the linked article, an unrelated article,
the lists, search, home, feeds, the API), makes the change as an editor or the loader does,
in a transaction that really commits, and then compares every page an anonymous reader is
served with the page the site makes with no cache. The unrelated article's page must still
come from the cache, and the generation (every page) must not have moved.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from articles import changes
from articles.editors import review
from articles.ingest.loading import load_paths
from articles.models import Article, Directive, Quote, QuoteLink, Speaker, Status
from articles.tags import tags_of
from tests.site.test_invalidation import read, superuser, truth
from tests.support import factories
from tests.support.sources import write_source
from tests.support.users import form_data

SHARED_PAGES = [
    "/",
    "/articles/",
    "/statements/",
    "/statements/?reviewed=on",
    "/speakers/",
    "/directives/",
    "/search/?q=%C4%91%E1%BB%91i+ngo%E1%BA%A1i",
    "/feeds/articles/",
    "/sitemap-statements.xml",
    "/api/quotes/",
    "/statements.csv",
]


# A feed with no entries says it was updated at the moment it is made: two renders differ.
EMPTY_FEED_UPDATED = re.compile(rb"<updated>[^<]*</updated></feed>$")


def served(url: str, fresh: bool = False) -> tuple[int, bytes]:
    status, body = truth(url) if fresh else read(url)
    return status, EMPTY_FEED_UPDATED.sub(b"</feed>", body)


def world() -> dict:
    w = factories.sample_archive()
    w["unrelated"] = factories.article(
        "Hợp tác kinh tế với các đối tác châu Âu", ["Thứ trưởng nói: “Kinh tế là trọng tâm của hợp tác”.", "Đoạn hai."]
    )
    factories.quote(
        w["unrelated"],
        "“Kinh tế là trọng tâm của hợp tác”",
        factories.speaker("Phạm Thu Hằng"),
        [factories.directive("Chiến lược ngoại giao kinh tế", kind="strategy")],
    )
    return w


def pages() -> list[str]:
    """Every page of every article, statement, speaker and directive, and the shared ones."""
    urls = list(SHARED_PAGES)
    for article in Article.objects.order_by("pk"):
        urls += [
            article.get_absolute_url(),
            f"/api/articles/{article.slug}/",
            f"/api/articles/{article.slug}/annotations/",
        ]
    for pk in Quote.objects.order_by("pk").values_list("pk", flat=True):
        urls += [reverse("articles:quote_detail", args=[pk]), f"/api/quotes/{pk}/"]
    for slug in Speaker.objects.order_by("pk").values_list("slug", flat=True):
        urls += [f"/speakers/{slug}/", f"/api/speakers/{slug}/", f"/feeds/speakers/{slug}/"]
    for slug in Directive.objects.order_by("pk").values_list("slug", flat=True):
        urls += [f"/directives/{slug}/", f"/api/directives/{slug}/", f"/feeds/directives/{slug}/"]
    return urls


def warm() -> dict:
    """Every page, as served (and now cached)."""
    return {url: served(url) for url in pages()}


def chief():
    return get_user_model().objects.filter(username="chief-editor").first() or superuser()


def editor() -> Client:
    client = Client()
    client.force_login(chief())
    return client


def post_action(model: str, action: str, selected, **extra):
    done = editor().post(
        reverse(f"admin:articles_{model}_changelist"),
        {"action": action, "_selected_action": [o.pk for o in selected], "index": 0, **extra},
    )
    assert done.status_code == 302, done.content[:2000]


def decide_in_queue(w, tmp_path):
    inner = Quote.objects.get(pk=w["inner"].pk)
    review.decide_statements(chief(), {inner.pk: inner.version}, Status.REJECTED)


def correct_speaker_in_queue(w, tmp_path):
    inner = Quote.objects.get(pk=w["inner"].pk)
    review.correct_speaker(chief(), inner.pk, inner.version, w["trung"])


def decide_link_in_queue(w, tmp_path):
    review.decide_links(chief(), [QuoteLink.objects.get(status=Status.SUGGESTED).pk], Status.CONFIRMED)


def undo_in_queue(w, tmp_path):
    outer = Quote.objects.get(pk=w["outer"].pk)
    token = review.decide_statements(chief(), {outer.pk: outer.version}, Status.REJECTED)
    rejected = warm()  # the rejection is what readers are served now
    review.undo(chief(), token)
    return rejected


def confirm_in_admin(w, tmp_path):
    post_action("quote", "confirm", [w["inner"]])


def reject_in_admin(w, tmp_path):
    post_action("quote", "reject", [w["outer"], w["conclusion_quote"]])


def assign_speaker_in_admin(w, tmp_path):
    post_action("quote", "assign_speaker", [w["inner"]], apply="1", speaker=w["trung"].pk)


def change_form(w, tmp_path):
    client = editor()
    url = reverse("admin:articles_quote_change", args=[w["outer"].pk])
    saved = client.post(url, form_data(client.get(url), status=Status.REJECTED, speaker=w["trung"].pk))
    assert saved.status_code == 302, saved.context["adminform"].form.errors


def annotate_decision(w, tmp_path):
    inner = Quote.objects.get(pk=w["inner"].pk)
    url = reverse("admin:articles_article_annotate_decide", args=[inner.article_id, inner.pk])
    decided = editor().post(url, {"version": inner.version, "status": Status.REJECTED})
    assert decided.status_code == 200, decided.content


def group_from_evidence(w, tmp_path):
    link = QuoteLink.objects.get(status=Status.SUGGESTED)
    url = reverse("admin:articles_quotelink_decide", args=[link.pk])
    assert editor().post(url, {"link_decision": "group"}).status_code == 302


NEW_SOURCE = [
    "Thứ trưởng Nguyễn Mạnh Cường nhấn mạnh: “đối ngoại phải đi trước mở đường” trong giai đoạn mới.",
    "Ông cho biết Nghị quyết Đại hội XIV là kim chỉ nam của đối ngoại.",
]


def load_one_article(w, tmp_path):
    write_source(tmp_path, "moi.txt", NEW_SOURCE)
    assert load_paths([tmp_path]).created


def reload_one_article(w, tmp_path):
    write_source(tmp_path, "moi.txt", NEW_SOURCE)
    assert load_paths([tmp_path]).created
    loaded = warm()
    write_source(tmp_path, "moi.txt", [NEW_SOURCE[1], "Bộ trưởng Lê Hoài Trung nói: “Hợp tác là con đường”."])
    assert load_paths([tmp_path]).updated
    return loaded


CASES = [
    decide_in_queue,
    correct_speaker_in_queue,
    decide_link_in_queue,
    undo_in_queue,
    confirm_in_admin,
    reject_in_admin,
    assign_speaker_in_admin,
    change_form,
    annotate_decision,
    group_from_evidence,
    load_one_article,
    reload_one_article,
]


def cached(url: str) -> bool:
    return Client().get(url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", CASES, ids=lambda f: f.__name__)
def test_a_declared_change_is_seen_by_readers_and_spares_unrelated_pages(change, page_cache, tmp_path):
    w = world()
    before = warm()
    unrelated = w["unrelated"].get_absolute_url()
    generation = changes.generation()

    # A change made in two steps warms the cache between them and says what it then showed.
    before = change(w, tmp_path) or before

    urls = pages()  # a load adds pages
    after = {url: served(url) for url in urls}
    assert after == {url: served(url, fresh=True) for url in urls}
    assert any(after[url] != before.get(url) for url in urls), "the change showed nowhere: the case proves nothing"
    assert changes.generation() == generation
    assert cached(unrelated)


@pytest.mark.django_db(transaction=True)
def test_an_undeclared_write_still_drops_every_page(page_cache):
    """A speaker renamed through the admin is nobody's declared change: the generation moves."""
    w = world()
    unrelated = w["unrelated"].get_absolute_url()
    read(unrelated)
    assert cached(unrelated)
    client = editor()
    url = reverse("admin:articles_speaker_change", args=[w["cuong"].pk])
    saved = client.post(url, form_data(client.get(url), name="Nguyễn Mạnh Cường (Thứ trưởng)"))
    assert saved.status_code == 302
    assert not cached(unrelated)
    urls = pages()
    assert {url: served(url) for url in urls} == {url: served(url, fresh=True) for url in urls}


@pytest.mark.django_db(transaction=True)
def test_a_raw_update_inside_no_scope_drops_every_page(page_cache):
    w = world()
    unrelated = w["unrelated"].get_absolute_url()
    read(unrelated)
    Quote.objects.filter(pk=w["inner"].pk).update(status=Status.REJECTED)
    assert not cached(unrelated)
    url = w["inner"].get_absolute_url()
    assert read(url) == truth(url)


@pytest.mark.django_db(transaction=True)
def test_a_failed_scope_moves_the_generation(page_cache):
    """What a failed block wrote outside a transaction is committed: every page goes."""
    w = world()
    generation = changes.generation()
    with pytest.raises(RuntimeError), changes.touching(quotes=[w["inner"].pk]):
        Quote.objects.filter(pk=w["inner"].pk).update(note="ghi chú")
        raise RuntimeError
    assert changes.generation() != generation


@pytest.mark.django_db(transaction=True)
def test_a_scope_that_writes_nothing_moves_nothing(page_cache):
    w = world()
    versions = changes.versions(changes.LISTS, f"article:{w['interview'].slug}")
    with changes.touching(quotes=[w["inner"].pk]):
        Quote.objects.filter(pk=w["inner"].pk).count()
    assert changes.versions(changes.LISTS, f"article:{w['interview'].slug}") == versions


@pytest.mark.django_db
def test_the_tags_of_a_statement_reach_its_neighbours_links_speakers_and_directives():
    w = world()
    tags = tags_of({w["inner"].pk}, set(), using="default")
    expected = {
        "lists",
        f"article:{w['interview'].slug}",
        f"article:{w['speech'].slug}",  # the linked statement's article
        f"quote:{w['outer'].pk}",  # a neighbour
        f"quote:{w['elsewhere'].pk}",  # linked
        f"speaker:{w['cuong'].slug}",
        f"speaker:{w['trung'].slug}",
        f"speaker:{w['leader'].slug}",
        f"directive:{w['conclusion'].slug}",
        f"directive:{w['autonomy'].slug}",
    }
    assert expected <= tags
    assert not any(w["unrelated"].slug in tag for tag in tags)
    assert "speaker:pham-thu-hang" not in tags


@pytest.mark.django_db
def test_the_tags_are_read_in_constant_queries(django_assert_num_queries):
    w = world()
    with django_assert_num_queries(9):
        tags_of({w["inner"].pk, w["trung_quote"].pk}, {w["unrelated"].pk}, using="default")
