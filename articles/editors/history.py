"""History people can read: what each saved version changed, word by word, and whether going
back to it is safe.

django-simple-history shortens long values ("Bộ tr[13 chars]Trung") and shows foreign keys
as ids; here a changed text is a word-level diff, a speaker or article is its name, and an
empty value is a dash, never "None".
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from articles.models import Quote

TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Change:
    field: str
    html: SafeString


def word_diff(old: str, new: str) -> SafeString:
    """``new`` with the words it lost struck through and the words it gained marked."""
    a, b = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(parts))


def shown(record, field) -> str:
    """A field's value as a person reads it: names for foreign keys, labels for choices."""
    value = getattr(record, field.attname)
    if value in (None, ""):
        return "—"
    if field.is_relation:
        related = getattr(record, field.name, None)
        return str(related) if related is not None else "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def changes(record) -> list[Change]:
    """What ``record`` changed from the version before it; empty for the first."""
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous)
    found = []
    for change in delta.changes:
        field = record.instance_type._meta.get_field(change.field)
        label = str(field.verbose_name)
        if field.get_internal_type() == "TextField" or (
            isinstance(change.old, str) and isinstance(change.new, str) and max(len(change.old), len(change.new)) > 60
        ):
            found.append(Change(label, word_diff(change.old or "", change.new or "")))
        else:
            found.append(Change(label, format_html("{} → {}", shown(previous, field), shown(record, field))))
    return found


def changes_html(record) -> SafeString:
    return format_html_join("", "<li><strong>{}:</strong> {}</li>", ((c.field, c.html) for c in changes(record)))


def revert_is_safe(record) -> bool:
    """Whether the saved version can be put back as it was. A statement's version is safe
    only if its text still stands at its offsets in the article: going back past a reload
    that moved or changed the text would point the statement at other words."""
    if record.instance_type is not Quote:
        return True
    body = Quote.objects.filter(pk=record.id).values_list("article__body", flat=True).first()
    return body is not None and body[record.start : record.end] == record.text
