"""Optimistic locking on the ``version`` column: a save carries the version it was read at.

Two editors may open the same statement; the second save must not silently undo the first.
Every editing path (admin change forms, the annotate endpoints, history reverts) reads the
version with the object, and saves through ``save_if_current``: an ``UPDATE ... WHERE
version = read`` that bumps it. Zero rows means someone saved in between, and the save is
refused with ``StaleVersion``, which carries the current row so the editor can see it.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import changes


class StaleVersion(Exception):
    """The row changed (or went away) since it was read; ``current`` is what is stored now."""

    def __init__(self, current, read_version: int):
        self.current = current
        self.read_version = read_version
        super().__init__(f"read version {read_version}, now {getattr(current, 'version', None)}")


@dataclass(frozen=True)
class Change:
    """Who saved the version an editor did not see, and when: from the model's history."""

    version: int
    user: str
    when: object


def save_if_current(obj, read_version: int, fields) -> None:
    """Write ``fields`` of ``obj`` only if its row is still at ``read_version``.

    The conditional UPDATE claims the row (on PostgreSQL a concurrent claim waits on the row
    lock, then finds the version moved and matches nothing). The fields are then copied onto
    a fresh copy of the row and saved normally, so history records the row as stored: a
    revert, whose ``obj`` is rebuilt from an old record, only writes the editable ``fields``
    and never resurrects an old body or offsets.
    """
    model = type(obj)
    with transaction.atomic():
        claimed = model._default_manager.filter(pk=obj.pk, version=read_version).update(version=F("version") + 1)
        if not claimed:
            raise StaleVersion(model._default_manager.filter(pk=obj.pk).first(), read_version)
        fresh = model._default_manager.get(pk=obj.pk)
        for name in fields:
            setattr(fresh, name, getattr(obj, name))
        for attr in ("_change_reason", "_history_user"):
            if hasattr(obj, attr):
                setattr(fresh, attr, getattr(obj, attr))
        fresh.save()
    obj.version = fresh.version
    obj.updated_at = fresh.updated_at


def current_version(model, pk) -> int | None:
    return model._default_manager.filter(pk=pk).values_list("version", flat=True).first()


def last_change(obj) -> Change | None:
    """The latest history record of ``obj``: who saved the version now stored, and when."""
    record = obj.history.select_related("history_user").order_by("-history_date", "-history_id").first()
    if record is None:
        return None
    user = record.history_user.get_username() if record.history_user else _("the loader")
    return Change(version=record.version, user=user, when=record.history_date)


def differences(current, submitted: dict) -> list[tuple[str, str, str]]:
    """(field label, stored value, your value) for each submitted field the stored row differs in."""
    rows = []
    for name, mine in submitted.items():
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            stored = sorted(str(o) for o in getattr(current, name).all())
            mine = sorted(str(o) for o in (mine or []))
        else:
            stored = getattr(current, name)
            if field.choices:
                stored = current._get_FIELD_display(field)
                mine = dict(field.flatchoices).get(mine, mine)
        if stored != mine:
            rows.append((str(field.verbose_name), _display(stored), _display(mine)))
    return rows


def _display(value) -> str:
    if isinstance(value, list):
        return ", ".join(value) or "—"
    return "—" if value in (None, "") else str(value)


def stale_message(current, read_version: int) -> str:
    """One sentence for the editor: refused, and which version by whom is stored now."""
    if current is None:
        return _("Not saved: this was deleted by someone else after you opened it.")
    change = last_change(current)
    params = {"read": read_version, "version": current.version}
    if change:
        params.update(user=change.user, when=timezone.localtime(change.when).strftime("%Y-%m-%d %H:%M"))
        return (
            _(
                "Not saved: you opened version %(read)s, and %(user)s saved version %(version)s "
                "at %(when)s since. Its values are shown below; reload to edit them."
            )
            % params
        )
    return (
        _("Not saved: you opened version %(read)s, and version %(version)s has been saved since. Reload to edit it.")
        % params
    )


def update_all(queryset, user=None, reason: str = "", **values) -> int:
    """Set ``values`` on every row of ``queryset`` that differs, bump versions, record history.

    For admin actions: one UPDATE that bumps each row's stored version (a form opened before
    the action is then stale), then one history record per changed row, in constant queries.
    """
    model = queryset.model
    with transaction.atomic():
        ids = list(queryset.exclude(**values).values_list("pk", flat=True))
        model._default_manager.filter(pk__in=ids).update(version=F("version") + 1, **values)
        changes.recorded(model, ids, user, reason)
    return len(ids)
