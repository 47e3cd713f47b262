from contextlib import nullcontext

from django import forms
from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import changes
from articles.editors import locking
from articles.editors.admin import review
from articles.editors.admin.base import LockedForm, VersionedAdmin, count_of
from articles.editors.admin.search import found
from articles.editors.statements import SpanError, check_span, review_source_change
from articles.ingest.anchoring import context_of, find_anchor
from articles.models import Origin, Quote, QuoteLink, Speaker, Status


class QuoteForm(LockedForm):
    """On adding, the offsets may be left out: the text is found in the article's body."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or self.errors:
            return cleaned
        article, text = cleaned.get("article"), cleaned.get("text", "")
        if cleaned.get("start") is None or cleaned.get("end") is None:
            span = find_anchor(article.body, text, 0) if article else None
            if span is None:
                raise ValidationError(_("This text is not in the article."))
            cleaned["start"], cleaned["end"] = span
            self.instance.start, self.instance.end = span
        try:
            check_span(article.body, cleaned["start"], cleaned["end"], text)
        except SpanError as exc:
            raise ValidationError(str(exc)) from None
        self.instance.prefix, self.instance.suffix = context_of(article.body, cleaned["start"], cleaned["end"])
        return cleaned


class LinkForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:  # a link an editor adds is decided by adding it
            self.fields["status"].initial = Status.CONFIRMED


class LinkInline(admin.TabularInline):
    model = QuoteLink
    form = LinkForm
    extra = 0
    readonly_fields = ["origin", "score", "decide"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("from_quote__speaker", "to_quote__speaker")

    @admin.display(description=_("decide"))
    def decide(self, link):
        if not link.pk or link.status != Status.SUGGESTED:
            return ""
        url = reverse("admin:articles_quotelink_decide", args=[link.pk])
        return format_html(
            '<button type="submit" class="button pa-accept" formaction="{}" name="link_decision" '
            'value="{}" formnovalidate>{}</button> '
            '<button type="submit" class="button pa-reject" formaction="{}" name="link_decision" value="{}" '
            "formnovalidate>{}</button>",
            url,
            Status.CONFIRMED,
            _("Accept"),
            url,
            Status.REJECTED,
            _("Reject"),
        )


class LinksOutInline(LinkInline):
    fk_name = "from_quote"
    fields = ["to_quote", "kind", "status", "origin", "score", "decide"]
    autocomplete_fields = ["to_quote"]
    verbose_name = _("link to another statement")
    verbose_name_plural = _("links to other statements")


class LinksInInline(LinkInline):
    fk_name = "to_quote"
    fields = ["from_quote", "kind", "status", "origin", "score", "decide"]
    autocomplete_fields = ["from_quote"]
    verbose_name = _("link from another statement")
    verbose_name_plural = _("links from other statements")


class AssignSpeakerForm(forms.Form):
    speaker = forms.ModelChoiceField(
        Speaker.objects.all(),
        label=_("Speaker"),
        widget=AutocompleteSelect(Quote._meta.get_field("speaker"), admin.site),
    )


@admin.action(description=_("Confirm the selected statements"), permissions=["change"])
def confirm(modeladmin, request, queryset):
    with changes.touching(quotes=queryset.values_list("pk", flat=True)):
        n = locking.update_all(queryset, request.user, status=Status.CONFIRMED)
    modeladmin.message_user(
        request, ngettext("%(n)d statement confirmed.", "%(n)d statements confirmed.", n) % {"n": n}
    )


@admin.action(description=_("Reject the selected statements"), permissions=["change"])
def reject(modeladmin, request, queryset):
    with changes.touching(quotes=queryset.values_list("pk", flat=True)):
        n = locking.update_all(queryset, request.user, status=Status.REJECTED)
    said = ngettext("%(n)d statement rejected.", "%(n)d statements rejected.", n)
    modeladmin.message_user(request, said % {"n": n})


@admin.action(description=_("Assign a speaker to the selected statements"), permissions=["change"])
def assign_speaker(modeladmin, request, queryset):
    form = AssignSpeakerForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        with changes.touching(quotes=queryset.values_list("pk", flat=True)):
            n = locking.update_all(queryset, request.user, speaker=form.cleaned_data["speaker"], edited=True)
        modeladmin.message_user(
            request, ngettext("%(n)d statement assigned.", "%(n)d statements assigned.", n) % {"n": n}
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Assign a speaker"),
        "opts": Quote._meta,
        "form": form,
        "media": modeladmin.media + form.media,
        "selected": queryset.select_related("speaker"),
        "action": "assign_speaker",
        "submit_label": _("Assign"),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/articles/quote/assign_speaker.html", context)


class EditedByFilter(admin.SimpleListFilter):
    """Statements a person changed: where a history page's "changed by" leads."""

    title = _("changed by")
    parameter_name = "edited_by"

    def lookups(self, request, model_admin):
        users = Quote.history.exclude(history_user=None).values_list("history_user_id", "history_user__username")
        return sorted(set(users), key=lambda user: user[1])

    def queryset(self, request, queryset):
        if not self.value() or not self.value().isdigit():
            return queryset
        return queryset.filter(pk__in=Quote.history.filter(history_user_id=self.value()).values("id"))


@admin.action(description=_("Mark the source changes of the selected statements reviewed"), permissions=["change"])
def source_change_reviewed(modeladmin, request, queryset):
    n = review_source_change(queryset, request.user)
    modeladmin.message_user(
        request, ngettext("%(n)d source change marked reviewed.", "%(n)d source changes marked reviewed.", n) % {"n": n}
    )


@admin.register(Quote)
class QuoteAdmin(VersionedAdmin):
    form = QuoteForm
    list_display = ["short_text", "speaker", "kind", "status", "origin", "article", "published_on", "links"]
    list_select_related = ["speaker", "article"]
    list_filter = [
        "status",
        "kind",
        "origin",
        "anchored",
        "source_changed",
        "edited",
        ("speaker", RelatedOnlyFieldListFilter),
        ("directives", RelatedOnlyFieldListFilter),
        ("article", RelatedOnlyFieldListFilter),
        "article__published_on",
        EditedByFilter,
    ]
    date_hierarchy = "article__published_on"
    # Searched by full text (full_text below): the words of the statement, or of its speaker's
    # name or aliases. Django requires the list for the search box and autocomplete.
    search_fields = ["text"]
    full_text_search = True
    show_full_result_count = False
    autocomplete_fields = ["article", "speaker", "directives"]
    locked_fields = ["edited"]
    inlines = [LinksOutInline, LinksInInline]
    actions = [confirm, reject, assign_speaker, source_change_reviewed]

    def full_text(self, queryset, term):
        return queryset.filter(
            Q(pk__in=found(term, "statements", Quote)) | Q(speaker__in=found(term, "speakers", Speaker))
        )

    def has_delete_permission(self, request, obj=None):
        # Extraction would suggest a deleted suggestion again at the next reload; rejecting it
        # is the decision that lasts. Editors delete only statements they wrote.
        if obj is not None and obj.origin == Origin.EXTRACTED:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)  # it cannot tell suggestions from editors' statements
        return actions

    def get_fieldsets(self, request, obj=None):
        editable = ["speaker", "kind", "status", "directives", "note"]
        if obj is None:
            return [(None, {"fields": ["article", "text", "start", "end", *editable]})]
        changed = [(_("The source changed"), {"fields": ["text_change"]})] if obj.source_changed else []
        return [
            *changed,
            (None, {"fields": ["article", "text", *editable, "read_version"]}),
            (_("Where it is and whose it is"), {"fields": ["start", "end", "anchored", "origin", "edited", "version"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The span belongs to the article's text: it is changed in the annotate view, not here.
        return ["article", "text", "start", "end", "anchored", "origin", "edited", "version", "text_change"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            for name in ("start", "end"):
                form.base_fields[name].required = False
        return form

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_links=count_of(QuoteLink.objects.all(), "from_quote") + count_of(QuoteLink.objects.all(), "to_quote")
            )
        )

    @admin.display(description=_("text"), ordering="text")
    def short_text(self, obj):
        return Truncator(obj.text).chars(90)

    @admin.display(description=_("old and new text"))
    def text_change(self, obj):
        """What the statement said before the source changed, beside what it says now."""
        return format_html(
            '<div class="pa-text-change"><div><h3>{}</h3><p lang="vi">{}</p></div>'
            '<div><h3>{}</h3><p lang="vi">{}</p></div></div>',
            _("Before"),
            obj.previous_text,
            _("Now") if obj.anchored else _("Now (withdrawn: the source no longer contains it)"),
            obj.text,
        )

    @admin.display(description=_("published on"), ordering="article__published_on")
    def published_on(self, obj):
        return date_format(obj.article.published_on, "SHORT_DATE_FORMAT")

    @admin.display(description=_("links"), ordering="n_links")
    def links(self, obj):
        return obj.n_links

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A change of one statement (its fields and directives, saved by save_model and
        # save_related) drops its pages only; adding one stays on the generation.
        editing = request.method == "POST" and object_id and str(object_id).isdigit()
        with changes.touching(quotes=[int(object_id)]) if editing else nullcontext():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            obj.edited = True
        else:
            obj.origin = Origin.EDITOR
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return review.urls(self.admin_site) + super().get_urls()

    def save_formset(self, request, form, formset, change):
        links = formset.save(commit=False)
        for link in links:
            if not link.pk:
                link.origin = Origin.EDITOR
            link.save()
        for link in formset.deleted_objects:
            link.delete()
