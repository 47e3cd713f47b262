"""Merging two speakers or two directives: everything moves, the old name and address keep working."""

import pytest
from django.urls import reverse

from articles.editors.merging import MergeError, merge_directives, merge_speakers
from articles.extraction import Person
from articles.ingest.storing import resolve_speakers
from articles.models import Article, Directive, DirectiveAlias, FormerSlug, Quote, Speaker, SpeakerAlias, SpeakerTitle
from tests.support import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate_cuong(world):
    """The same man under a second name, with a statement, a title, an alias and an article."""
    twin = factories.speaker(
        "Nguyễn M. Cường",
        aliases=["Ông Cường"],
        titles=[("Thứ trưởng Bộ Ngoại giao", world["interview"]), ("Phó Bí thư Thường trực", world["speech"])],
    )
    factories.quote(world["speech"], "Bộ trưởng Lê Hoài Trung trình bày chuyên đề", twin)
    factories.former_slug(twin, "nguyen-cuong-cu")
    return twin


def test_merging_speakers_moves_everything_to_the_one_kept(world, duplicate_cuong, editor):
    cuong, old_slug = world["cuong"], duplicate_cuong.slug
    moved = merge_speakers(cuong, duplicate_cuong, editor)
    assert moved["statements"] == 1
    assert not Speaker.objects.filter(pk=duplicate_cuong.pk).exists()
    assert Quote.objects.filter(speaker=cuong).count() == 3
    # The same title in the same article is kept once; the other moves.
    assert sorted(SpeakerTitle.objects.filter(speaker=cuong).values_list("title", flat=True)) == [
        "Phó Bí thư Thường trực",
        "Thứ trưởng Bộ Ngoại giao",
    ]
    assert set(cuong.aliases.values_list("name", flat=True)) == {
        "Thứ trưởng Nguyễn Mạnh Cường",
        "Ông Cường",
        "Nguyễn M. Cường",
    }
    assert set(cuong.mentioned_in.all()) == {world["interview"], world["speech"]}
    assert set(FormerSlug.objects.filter(speaker=cuong).values_list("slug", flat=True)) == {old_slug, "nguyen-cuong-cu"}


def test_a_speaker_merge_is_in_both_histories(world, duplicate_cuong, editor):
    cuong, twin_pk, twin_slug = world["cuong"], duplicate_cuong.pk, duplicate_cuong.slug
    merge_speakers(cuong, duplicate_cuong, editor)
    kept = cuong.history.first()
    assert (kept.history_user, kept.history_change_reason) == (editor, f"merged Nguyễn M. Cường ({twin_slug})")
    gone = Speaker.history.filter(id=twin_pk).first()
    assert gone.history_type == "-" and "merged into Nguyễn Mạnh Cường" in gone.history_change_reason
    moved = Quote.history.filter(speaker=cuong, history_type="~").first()
    assert moved.history_user == editor


def test_the_loader_resolves_the_old_name_to_the_speaker_kept(world, duplicate_cuong):
    merge_speakers(world["cuong"], duplicate_cuong)
    assert resolve_speakers([Person("Nguyễn M. Cường")]) == {"Nguyễn M. Cường": world["cuong"]}


def test_merging_directives_moves_citations_children_related_and_aliases(world, editor):
    congress, autonomy, conclusion = world["congress"], world["autonomy"], world["conclusion"]
    twin = factories.directive("Văn kiện Đại hội 14", kind="congress", aliases=["Đại hội 14"], code="XIV")
    child = factories.directive("Tự cường", kind="concept", parent=twin)
    twin.related.add(conclusion, congress)
    q = factories.quote(world["speech"], "phục vụ phát triển đất nước", None, [twin, congress])
    old_slug = twin.slug

    merge_directives(congress, twin, editor)
    congress.refresh_from_db()
    assert not Directive.objects.filter(pk=twin.pk).exists()
    assert list(q.directives.all()) == [congress]
    assert Directive.objects.get(pk=child.pk).parent == congress
    assert conclusion in congress.related.all() and congress not in congress.related.all()
    assert {"Đại hội 14", "Văn kiện Đại hội 14", "Văn kiện Đại hội XIV"} <= set(
        DirectiveAlias.objects.filter(directive=congress).values_list("name", flat=True)
    )
    assert congress.code == "XIV"
    assert FormerSlug.objects.get(slug=old_slug).directive == congress
    assert world["speech"] in congress.articles.all() and autonomy.parent == congress


def test_a_parent_merged_into_its_child_leaves_no_cycle(world):
    congress, autonomy = world["congress"], world["autonomy"]
    merge_directives(autonomy, congress)
    autonomy.refresh_from_db()
    assert autonomy.parent is None


def test_nothing_merges_into_itself(world):
    with pytest.raises(MergeError):
        merge_speakers(world["cuong"], world["cuong"])


def test_the_admin_action_asks_which_to_keep_then_merges(editor_client, world, duplicate_cuong):
    url = reverse("admin:articles_speaker_changelist")
    selected = [world["cuong"].pk, duplicate_cuong.pk]
    ask = editor_client.post(url, {"action": "merge_selected", "_selected_action": selected})
    assert ask.status_code == 200 and "Nguyễn M. Cường" in ask.content.decode()
    done = editor_client.post(
        url, {"action": "merge_selected", "_selected_action": selected, "apply": "yes", "keep": world["cuong"].pk}
    )
    assert done.status_code == 302
    assert list(Speaker.objects.filter(pk__in=selected)) == [world["cuong"]]
    assert SpeakerAlias.objects.filter(name="Nguyễn M. Cường", speaker=world["cuong"]).exists()


def test_the_directive_admin_action_merges_too(editor_client, world):
    twin = factories.directive("Kết luận số 59", kind="conclusion")
    url = reverse("admin:articles_directive_changelist")
    editor_client.post(
        url,
        {
            "action": "merge_selected",
            "_selected_action": [world["conclusion"].pk, twin.pk],
            "apply": "yes",
            "keep": world["conclusion"].pk,
        },
    )
    assert not Directive.objects.filter(pk=twin.pk).exists()
    assert Article.objects.filter(directives=world["conclusion"]).exists()


def test_after_a_merge_the_old_addresses_redirect_to_the_one_kept(client, world, duplicate_cuong):
    old_speaker = duplicate_cuong.get_absolute_url()
    twin = factories.directive("Kết luận số 59", kind="conclusion")
    old_directive = twin.get_absolute_url()
    merge_speakers(world["cuong"], duplicate_cuong)
    merge_directives(world["conclusion"], twin)
    for old, kept in ((old_speaker, world["cuong"]), (old_directive, world["conclusion"])):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"].endswith(kept.get_absolute_url())
