"""Who gets into the editors' workspace, and what an editor may not do there."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from articles.editors.roles import EDITORS, editor_codenames, setup_roles
from tests.support import factories
from tests.support.users import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_setup_roles_gives_editors_the_archive_and_nothing_of_accounts():
    group = setup_roles()
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "change_quote",
        "add_quote",
        "delete_quote",
        "delete_quotelink",
        "delete_directivealias",
        "change_speaker",
        "change_directive",
        "change_article",
        "view_historicalquote",
    } <= codenames
    assert (
        not {
            "add_user",
            "change_user",
            "delete_user",
            "change_group",
            "change_permission",
            "delete_article",
            "delete_speaker",
        }
        & codenames
    )
    assert set(group.permissions.values_list("content_type__app_label", flat=True)) == {"articles"}


def test_setup_roles_is_idempotent_and_repairs_the_group():
    group = setup_roles()
    group.permissions.add(Permission.objects.get(codename="delete_user"))
    group.permissions.remove(Permission.objects.get(codename="change_quote"))
    call_command("setup_roles", stdout=StringIO())
    call_command("setup_roles", stdout=StringIO())
    assert Group.objects.filter(name=EDITORS).count() == 1
    assert set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True)) == editor_codenames()


def test_ensure_editor_makes_a_staff_editor_who_is_not_a_superuser(capsys):
    call_command("ensure_editor")
    user = get_user_model().objects.get(username="editor")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
    assert "editor /" in capsys.readouterr().out


def test_ensure_editor_names_the_address_it_is_given(capsys):
    call_command("ensure_editor", site="http://127.0.0.1:8123/")
    assert "http://127.0.0.1:8123/admin/: editor / " in capsys.readouterr().out


def test_ensure_editor_turns_an_old_superuser_editor_into_an_editor():
    get_user_model().objects.create_superuser(username="editor", password=PASSWORD)
    call_command("ensure_editor", stdout=StringIO())
    user = get_user_model().objects.get(username="editor")
    assert user.is_staff and not user.is_superuser and user.groups.filter(name=EDITORS).exists()


ADMIN_PAGES = ["admin:index", "admin:articles_quote_changelist", "admin:articles_speaker_changelist"]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_a_user_who_is_not_staff_gets_no_admin(client, name):
    client.force_login(make_user("reader", editor=False))
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_a_user_who_is_not_staff_cannot_log_in_to_the_admin(client):
    make_user("reader", editor=False)
    response = client.post(reverse("admin:login"), {"username": "reader", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_the_annotate_endpoints_are_closed_to_anonymous_and_to_staff_without_rights(client):
    a = factories.article()
    q = factories.quote(a, a.body[:5], status="suggested")
    url = reverse("admin:articles_article_annotate_decide", args=[a.pk, q.pk])
    assert client.post(url, {"status": "confirmed", "version": 1}).status_code == 302
    client.force_login(make_user("intern", editor=False, staff=True))
    assert client.post(url, {"status": "confirmed", "version": 1}).status_code == 403
    assert client.get(reverse("admin:articles_article_annotate", args=[a.pk])).status_code == 403
    q.refresh_from_db()
    assert q.status == "suggested"


def test_an_editor_sees_the_archive_but_not_the_accounts(editor_client):
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:articles_quote_changelist") in index
    assert reverse("admin:auth_user_changelist") not in index
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_an_editor_cannot_delete_a_user(editor_client):
    victim = make_user("colleague")
    response = editor_client.post(reverse("admin:auth_user_delete", args=[victim.pk]), {"post": "yes"})
    assert response.status_code == 403
    response = editor_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [victim.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=victim.pk).exists()


def test_an_editor_cannot_change_permissions_or_make_a_superuser(editor_client, editor):
    group = Group.objects.get(name=EDITORS)
    before = set(group.permissions.all())
    delete_user = Permission.objects.get(codename="delete_user")
    response = editor_client.post(
        reverse("admin:auth_group_change", args=[group.pk]), {"name": EDITORS, "permissions": [delete_user.pk]}
    )
    assert response.status_code == 403
    response = editor_client.post(
        reverse("admin:auth_user_change", args=[editor.pk]),
        {
            "username": editor.username,
            "is_staff": "on",
            "is_superuser": "on",
            "is_active": "on",
            "user_permissions": [delete_user.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser and not editor.has_perm("auth.delete_user")
    assert set(group.permissions.all()) == before


def test_an_editor_cannot_add_or_delete_articles(editor_client):
    a = factories.article()
    assert editor_client.get(reverse("admin:articles_article_add")).status_code == 403
    assert editor_client.post(reverse("admin:articles_article_delete", args=[a.pk]), {"post": "yes"}).status_code == 403
