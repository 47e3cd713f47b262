"""The review queue page and the endpoints its keyboard script calls.

Every endpoint also answers a plain form post with a redirect back to the queue, so the
queue works without its script; the script asks for JSON and moves on by itself.
"""

from heapq import merge

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from articles.editors import locking, review
from articles.editors import statements as annotate
from articles.models import Article, Directive, Quote, Speaker, Status

PER_PAGE = 50
DECISIONS = {"confirm": Status.CONFIRMED, "reject": Status.REJECTED}


class FilterForm(forms.Form):
    """Plain fields, typed: a name or an alias finds the speaker or directive. A select of
    every speaker would not scale, and the admin's autocomplete widget has no accessible
    name while empty."""

    kind = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Waiting"),
        choices=[
            ("", gettext_lazy("everything")),
            (review.Kind.SUGGESTED, gettext_lazy("suggested statements")),
            (review.Kind.UNANCHORED, gettext_lazy("statements no longer in their source")),
            (review.Kind.LINK, gettext_lazy("suggested links")),
        ],
    )
    outlet = forms.ChoiceField(required=False, label=gettext_lazy("Outlet"), choices=())
    speaker = forms.CharField(required=False, max_length=200, label=gettext_lazy("Speaker"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        outlets = Article.objects.exclude(outlet="").order_by("outlet").values_list("outlet", flat=True).distinct()
        self.fields["outlet"].choices = [("", gettext_lazy("every outlet")), *((o, o) for o in outlets)]

    directive = forms.CharField(required=False, max_length=300, label=gettext_lazy("Directive"))

    def clean_speaker(self):
        return self._named(Speaker, self.cleaned_data["speaker"], _("No speaker has this name."))

    def clean_directive(self):
        return self._named(Directive, self.cleaned_data["directive"], _("No directive has this name."))

    @staticmethod
    def _named(model, name: str, missing: str):
        name = name.strip()
        if not name:
            return None
        found = model.objects.filter(Q(name__iexact=name) | Q(aliases__name__iexact=name)).first()
        if found is None:
            raise forms.ValidationError(missing)
        return found

    def filters(self) -> review.Filters:
        if not self.is_valid():
            return review.Filters()
        data = self.cleaned_data
        return review.Filters(
            kind=data["kind"],
            speaker=data["speaker"].pk if data["speaker"] else None,
            directive=data["directive"].pk if data["directive"] else None,
            outlet=data["outlet"],
        )


def _require(request):
    if not request.user.has_perm("articles.change_quote"):
        raise PermissionDenied


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, payload: dict, status: int = 200):
    if _wants_json(request):
        return JsonResponse(payload, status=status)
    (messages.success if status < 400 else messages.error)(request, payload.get("message") or payload.get("error"))
    return HttpResponseRedirect(request.POST.get("next") or reverse("admin:articles_quote_review"))


def items(filters: review.Filters) -> list[tuple[str, object]]:
    """The first page of the queue: statements and links merged, newest article first."""
    statements = [
        (review.Kind.UNANCHORED if not q.anchored else review.Kind.SUGGESTED, q)
        for q in review.statements_waiting(filters)[:PER_PAGE]
    ]
    links = [(review.Kind.LINK, link) for link in review.links_waiting(filters)[:PER_PAGE]]

    def newest(item):
        quote = item[1].from_quote if item[0] == review.Kind.LINK else item[1]
        return (-quote.article.published_on.toordinal(), -quote.article_id)

    return list(merge(statements, links, key=newest))[:PER_PAGE]


def page(request):
    _require(request)
    form = FilterForm(request.GET or None)
    model_admin = admin.site.get_model_admin(Quote)
    context = {
        **admin.site.each_context(request),
        "title": _("Review queue"),
        "opts": Quote._meta,
        "form": form,
        "media": model_admin.media + form.media,
        "items": items(form.filters()),
        "counts": review.counts(),
        "per_page": PER_PAGE,
    }
    return TemplateResponse(request, "admin/articles/quote/review.html", context)


def _versions(values: list[str]) -> dict[int, int]:
    """'id:version' pairs as posted."""
    versions = {}
    for value in values:
        pk, _sep, version = value.partition(":")
        if not (pk.isdigit() and version.isdigit()):
            raise ValueError(value)
        versions[int(pk)] = int(version)
    return versions


@require_POST
def decide(request):
    _require(request)
    status = DECISIONS.get(request.POST.get("decision", ""))
    try:
        statements = _versions(request.POST.getlist("statement"))
        links = [int(v) for v in request.POST.getlist("link")]
    except ValueError:
        statements, links = {}, []
    if status is None or not (statements or links):
        return _answer(request, {"error": _("Choose items and confirm or reject them.")}, 400)
    if links and not request.user.has_perm("articles.change_quotelink"):
        raise PermissionDenied
    try:
        token = review.decide_statements(request.user, statements, status) if statements else None
    except locking.StaleVersion as stale:
        message = (
            locking.stale_message(stale.current, stale.read_version)
            if stale.current
            else _("This statement no longer exists.")
        )
        return _answer(request, {"error": message}, 409)
    link_token = review.decide_links(request.user, links, status) if links else None
    done = len(statements) + len(links)
    said = (
        ngettext("%(n)d item confirmed.", "%(n)d items confirmed.", done)
        if status == Status.CONFIRMED
        else ngettext("%(n)d item rejected.", "%(n)d items rejected.", done)
    )
    return _answer(
        request,
        {
            "message": said % {"n": done},
            "undo": [t for t in (token, link_token) if t],
            "versions": {pk: version + 1 for pk, version in statements.items()},
        },
    )


@require_POST
def undo(request):
    _require(request)
    restored = 0
    for token in request.POST.getlist("token"):
        try:
            restored += review.undo(request.user, token)
        except signing.BadSignature:
            return _answer(request, {"error": _("Too late to undo: decide again instead.")}, 400)
    return _answer(request, {"message": _("Undone: %(n)d.") % {"n": restored}, "restored": restored})


@require_POST
def speaker(request):
    _require(request)
    try:
        ((pk, version),) = _versions(request.POST.getlist("statement")).items()
    except ValueError:
        return _answer(request, {"error": _("Choose one statement.")}, 400)
    name = request.POST.get("name", "").strip()
    if not name or "\x00" in name:
        return _answer(request, {"error": _("Type the speaker's name.")}, 400)
    if not Speaker.objects.filter(name=name).exists() and not request.user.has_perm("articles.add_speaker"):
        raise PermissionDenied
    try:
        token = review.correct_speaker(request.user, pk, version, annotate.resolve_speaker(None, name))
    except locking.StaleVersion:
        return _answer(request, {"error": _("Someone changed this statement meanwhile: reload the queue.")}, 409)
    quote = Quote.objects.select_related("speaker").get(pk=pk)
    return _answer(
        request,
        {
            "message": _("Speaker: %(name)s.") % {"name": quote.speaker.name},
            "speaker": quote.speaker.name,
            "version": quote.version,
            "undo": [token],
        },
    )


def urls(admin_site) -> list:
    view = admin_site.admin_view
    return [
        path("review/", view(page), name="articles_quote_review"),
        path("review/decide/", view(decide), name="articles_quote_review_decide"),
        path("review/undo/", view(undo), name="articles_quote_review_undo"),
        path("review/speaker/", view(speaker), name="articles_quote_review_speaker"),
    ]
