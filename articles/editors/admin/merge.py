"""The "merge" admin action of speakers and directives: pick the one to keep, merge the rest."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.editors import locking
from articles.editors.merging import MergeError


class KeepForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        label=gettext_lazy("Keep this one; the others are merged into it"),
    )

    def __init__(self, queryset, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = queryset


def merge_action(merge):
    """An admin action that merges the selected rows into one with ``merge(keep, drop, user)``."""

    @admin.action(description=gettext_lazy("Merge the selected into one"), permissions=["change"])
    def merge_selected(modeladmin, request, queryset):
        if queryset.count() < 2:
            modeladmin.message_user(request, _("Select two or more to merge."), messages.WARNING)
            return None
        form = KeepForm(queryset, request.POST if "apply" in request.POST else None)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            try:
                for drop in queryset.exclude(pk=keep.pk):
                    keep.refresh_from_db()
                    merge(keep, drop, request.user)
            except (MergeError, locking.StaleVersion) as exc:
                modeladmin.message_user(request, str(exc), messages.ERROR)
                return None
            modeladmin.message_user(
                request, _("Merged into %(name)s; the old addresses redirect to it.") % {"name": keep}, messages.SUCCESS
            )
            return None
        opts = queryset.model._meta
        context = {
            **modeladmin.admin_site.each_context(request),
            "opts": opts,
            "form": form,
            "title": _("Merge %(things)s") % {"things": opts.verbose_name_plural},
            "selected": queryset,
            "action": "merge_selected",
            "submit_label": _("Merge"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/merge.html", context)

    return merge_selected
