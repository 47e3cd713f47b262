"""What every editable archive model's admin shares: history, folded search, no lost updates."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from articles.editors import history, locking
from articles.editors.admin.search import FoldedSearchMixin
from articles.ingest.storing import unique_slug


class LockedForm(forms.ModelForm):
    """A change form that remembers the version it was opened at and refuses a stale save.

    The check in ``clean`` gives the editor the newer values beside their own input; the
    conditional UPDATE in ``VersionedAdmin.save_model`` is what actually guarantees it.
    """

    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False, label=_("version opened"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            # A history revert builds the instance from an old record: the version the
            # editor is looking at is the one stored now, not the old record's.
            reverting = hasattr(instance, "_history")
            version = locking.current_version(type(instance), instance.pk) if reverting else instance.version
            self.fields["read_version"].initial = version

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if not instance.pk:
            return cleaned
        read = cleaned.get("read_version")
        if read is None:
            raise ValidationError(_("This form is missing the version it was opened at; reload the page."))
        current = type(instance)._default_manager.filter(pk=instance.pk).first()
        if current is None or current.version != read:
            raise ValidationError(
                stale_error(
                    current, read, {name: cleaned.get(name) for name in self.changed_data if name != "read_version"}
                )
            )
        return cleaned


def stale_error(current, read_version, submitted):
    """The refusal as HTML: the sentence, then the stored value beside the editor's own."""
    sentence = locking.stale_message(current, read_version)
    if current is None:
        return sentence
    rows = locking.differences(current, submitted)
    if not rows:
        return sentence
    table = format_html_join(
        "",
        "<li>{}: <strong>{}</strong> ({} {})</li>",
        ((label, stored, _("yours:"), mine) for label, stored, mine in rows),
    )
    return format_html('{} <ul class="stale-values">{}</ul>', sentence, table)


class VersionedAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    """Admin of a ``Versioned`` model: history with diffs and revert, locked saves.

    ``locked_fields`` lists model fields an admin sets itself in ``save_model`` (flags such as
    ``edited``), written along with the form's own fields.
    """

    form = LockedForm
    locked_fields = ()
    # simple_history's own list has an inline style attribute, which the CSP refuses.
    object_history_list_template = "admin/articles/object_history_list.html"
    object_history_template = "admin/articles/object_history.html"

    class Media:
        css = {"all": ["articles/admin/admin.css"]}

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), "version"]

    def get_fieldsets(self, request, obj=None):
        # Only fields in the fieldsets are rendered: the hidden version joins the first one.
        fieldsets = [(name, dict(options)) for name, options in super().get_fieldsets(request, obj)]
        if not any("read_version" in flatten(options["fields"]) for _, options in fieldsets):
            fieldsets[0][1]["fields"] = [*fieldsets[0][1]["fields"], "read_version"]
        return fieldsets

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        obj._history_user = request.user
        model_fields = {f.name for f in obj._meta.concrete_fields}
        fields = [n for n in form.cleaned_data if n in model_fields and n not in ("version", "id")]
        locking.save_if_current(obj, form.cleaned_data["read_version"], [*fields, *self.locked_fields])

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except locking.StaleVersion as stale:
            # Only when another save landed between this form's check and its UPDATE.
            self.message_user(request, locking.stale_message(stale.current, stale.read_version), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        record = self.model.history.filter(history_id=version_id).first()
        if request.method == "POST" and record is not None and not history.revert_is_safe(record):
            self.message_user(
                request, _("The article's text has changed since this version: no revert."), messages.ERROR
            )
            return HttpResponseRedirect(request.path)
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except locking.StaleVersion as stale:
            self.message_user(request, locking.stale_message(stale.current, stale.read_version), messages.ERROR)
            return HttpResponseRedirect(request.path)


def count_of(queryset, field: str):
    """How many rows of ``queryset`` point at the outer row through ``field``: one subquery.

    Subqueries rather than Count() over joins, so two counts on one list do not multiply
    each other's rows.
    """
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


class NamedAdmin(VersionedAdmin):
    """Speakers and directives: statement and article counts in the list (annotated by
    get_queryset as n_statements and n_articles), and a slug made from the name."""

    slug_fallback = "item"

    @admin.display(description=_("statements"), ordering="n_statements")
    def statements(self, obj):
        return obj.n_statements

    # Not named ``articles``: the admin would show the model's relation of that name instead.
    @admin.display(description=_("articles"), ordering="n_articles")
    def in_articles(self, obj):
        return obj.n_articles

    def save_model(self, request, obj, form, change):
        if not change:
            obj.slug = unique_slug(self.model, obj.name, self.slug_fallback)
        super().save_model(request, obj, form, change)
