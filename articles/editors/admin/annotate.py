"""The annotate page of an article and the small JSON endpoints its script calls.

Each endpoint is wrapped by ``admin_site.admin_view`` (staff only, CSRF protected) and checks
the add or change permission on statements itself. Saves go through ``articles.editors.statements``,
so the version check and the span check are the same as everywhere else.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles import changes
from articles.editors import locking
from articles.editors import statements as annotate
from articles.models import Article, Directive, Quote, Speaker, Status


class StatementForm(forms.Form):
    speaker = forms.ModelChoiceField(
        Speaker.objects.all(),
        required=False,
        label=gettext_lazy("Speaker"),
        widget=AutocompleteSelect(Quote._meta.get_field("speaker"), admin.site),
    )
    new_speaker = forms.CharField(required=False, max_length=200, label=gettext_lazy("or a new speaker"))
    kind = forms.ChoiceField(choices=Quote.Kind.choices, initial=Quote.Kind.REPORTED, label=gettext_lazy("Kind"))
    directives = forms.ModelMultipleChoiceField(
        Directive.objects.all(),
        required=False,
        label=gettext_lazy("Directives cited"),
        widget=AutocompleteSelectMultiple(Quote._meta.get_field("directives"), admin.site),
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=gettext_lazy("Note"))

    def speaker_for(self, user):
        data = self.cleaned_data
        if not data["speaker"] and data["new_speaker"].strip() and not user.has_perm("articles.add_speaker"):
            raise PermissionDenied
        return annotate.resolve_speaker(data["speaker"], data["new_speaker"])


class SpanForm(forms.Form):
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    text = forms.CharField(strip=False)


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1)


class DecisionForm(VersionForm):
    status = forms.ChoiceField(choices=Status.choices)


def _require(request, action):
    if not request.user.has_perm(f"articles.{action}_quote"):
        raise PermissionDenied


def _invalid(*forms_):
    errors = {name: [str(e) for e in errs] for f in forms_ for name, errs in f.errors.items()}
    return JsonResponse({"error": _("Please correct the form."), "errors": errors}, status=400)


def _stale(stale):
    current = annotate.statement_data(stale.current) if stale.current else None
    return JsonResponse(
        {"error": locking.stale_message(stale.current, stale.read_version), "current": current}, status=409
    )


def page(request, article_id):
    _require(request, "change")
    article = get_object_or_404(Article, pk=article_id)
    model_admin = admin.site.get_model_admin(Article)
    form = StatementForm()
    urls = {
        "create": reverse("admin:articles_article_annotate_create", args=[article.pk]),
        "update": reverse("admin:articles_article_annotate_update", args=[article.pk, 0]),
        "decide": reverse("admin:articles_article_annotate_decide", args=[article.pk, 0]),
        "attach": reverse("admin:articles_article_annotate_attach", args=[article.pk, 0]),
        "change": reverse("admin:articles_quote_change", args=[0]),
    }
    context = {
        **admin.site.each_context(request),
        "title": _("Annotate: %(title)s") % {"title": article.title},
        "opts": Article._meta,
        "original": article,
        "article": article,
        "has_view_permission": model_admin.has_view_permission(request, article),
        "form": form,
        "media": model_admin.media + form.media,
        "annotate_data": {
            "body": article.body,
            "statements": annotate.statements_of(article),
            "urls": urls,
            "statuses": dict(Status.choices),
        },
    }
    return TemplateResponse(request, "admin/articles/article/annotate.html", context)


@require_POST
def create(request, article_id):
    _require(request, "add")
    article = get_object_or_404(Article, pk=article_id)
    form, span = StatementForm(request.POST), SpanForm(request.POST)
    if not (form.is_valid() and span.is_valid()):
        return _invalid(form, span)
    try:
        # A refused selection leaves no new speaker behind.
        with transaction.atomic(), changes.touching(articles=[article.pk]):
            quote = annotate.create_statement(
                article,
                **span.cleaned_data,
                speaker=form.speaker_for(request.user),
                kind=form.cleaned_data["kind"],
                directives=form.cleaned_data["directives"],
                note=form.cleaned_data["note"],
            )
    except annotate.SpanError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse({"statement": annotate.statement_data(quote)}, status=201)


@require_POST
def update(request, article_id, quote_id):
    _require(request, "change")
    quote = get_object_or_404(Quote, pk=quote_id, article_id=article_id)
    form, version = StatementForm(request.POST), VersionForm(request.POST)
    if not (form.is_valid() and version.is_valid()):
        return _invalid(form, version)
    try:
        with transaction.atomic(), changes.touching(quotes=[quote.pk]):
            annotate.update_statement(
                quote,
                version.cleaned_data["version"],
                speaker=form.speaker_for(request.user),
                kind=form.cleaned_data["kind"],
                directives=form.cleaned_data["directives"],
                note=form.cleaned_data["note"],
            )
    except locking.StaleVersion as stale:
        return _stale(stale)
    return JsonResponse({"statement": annotate.statement_data(quote)})


@require_POST
def decide(request, article_id, quote_id):
    _require(request, "change")
    quote = get_object_or_404(Quote, pk=quote_id, article_id=article_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _invalid(form)
    try:
        with changes.touching(quotes=[quote.pk]):
            annotate.decide_statement(quote, form.cleaned_data["version"], form.cleaned_data["status"])
    except locking.StaleVersion as stale:
        return _stale(stale)
    return JsonResponse({"statement": annotate.statement_data(quote)})


@require_POST
def attach(request, article_id, quote_id):
    """A withdrawn (or misplaced) statement anchored to the text the editor selected."""
    _require(request, "change")
    quote = get_object_or_404(Quote, pk=quote_id, article_id=article_id)
    span, version = SpanForm(request.POST), VersionForm(request.POST)
    if not (span.is_valid() and version.is_valid()):
        return _invalid(span, version)
    try:
        with changes.touching(quotes=[quote.pk]):
            annotate.reattach_statement(quote, version.cleaned_data["version"], **span.cleaned_data)
    except annotate.SpanError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    except locking.StaleVersion as stale:
        return _stale(stale)
    return JsonResponse({"statement": annotate.statement_data(quote)})
