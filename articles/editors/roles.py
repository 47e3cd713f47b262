"""The editors' role: what the "Editors" group may do in the admin, set up idempotently.

Editors review and correct the archive; they do not manage accounts. So the group holds
permissions on the archive's models only, never on users, groups or permissions, and an
editor account is staff, never superuser. Articles come from source files, so editors change
them (title, publication) but neither add nor delete them; speakers and directives are merged
rather than deleted, so their old addresses keep working.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

EDITORS = "Editors"

GRANTS = {
    "article": ("view", "change"),
    "paragraph": ("view",),
    "speaker": ("view", "add", "change"),
    "speakeralias": ("view", "add", "change", "delete"),
    "speakertitle": ("view",),
    "directive": ("view", "add", "change"),
    "directivealias": ("view", "add", "change", "delete"),
    "quote": ("view", "add", "change", "delete"),
    "quotelink": ("view", "add", "change", "delete"),
    "formerslug": ("view",),
    "historicalarticle": ("view",),
    "historicalspeaker": ("view",),
    "historicaldirective": ("view",),
    "historicalquote": ("view",),
}


def editor_codenames() -> set[str]:
    return {f"{action}_{model}" for model, actions in GRANTS.items() for action in actions}


@transaction.atomic
def setup_roles() -> Group:
    """Create the Editors group or bring its permissions back to exactly ``GRANTS``."""
    wanted = editor_codenames()
    permissions = list(Permission.objects.filter(content_type__app_label="articles", codename__in=wanted))
    missing = wanted - {p.codename for p in permissions}
    if missing:
        raise ImproperlyConfigured(f"permissions missing ({', '.join(sorted(missing))}); run migrate first")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.set(permissions)
    return group


def make_editor(user) -> None:
    """Staff in the Editors group, and nothing more: no superuser, no permissions of its own."""
    user.is_staff, user.is_superuser, user.is_active = True, False, True
    user.save(update_fields=["is_staff", "is_superuser", "is_active"])
    user.user_permissions.clear()
    user.groups.add(setup_roles())
