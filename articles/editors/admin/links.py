"""Statement links in the admin: the list, one link's evidence, and deciding on it.

The evidence page shows both statements whole, side by side, with who said each where and
when, the phrases they share highlighted in both, and the score said in words. ``a`` accepts
and ``r`` rejects from the keyboard; either moves on to the next suggested link.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from articles import changes
from articles.editors import review
from articles.extraction.fingerprints import evidence
from articles.models import Origin, QuoteLink, Status
from articles.restatements import groups


def highlighted(text: str, spans) -> str:
    """``text`` escaped, each span in a <mark>."""
    parts, at = [], 0
    for start, end in spans:
        parts.append(format_html("{}<mark>{}</mark>", text[at:start], text[start:end]))
        at = end
    parts.append(format_html("{}", text[at:]))
    return mark_safe("".join(parts))


def explained(found) -> str:
    # The score is formatted for the language (0,56 in Vietnamese), as the queue shows it.
    return _(
        "They share %(shared)d distinctive phrases: %(shared)d of the %(first)d in the first statement "
        "and of the %(second)d in the second (score %(score)s)."
    ) % {
        "shared": found.shared,
        "first": found.phrases[0],
        "second": found.phrases[1],
        "score": number_format(found.score, 2),
    }


def decided(user, queryset, status) -> int:
    """Decide the selected links still suggested; how many that was (a decided link keeps its decision)."""
    ids = list(queryset.filter(status=Status.SUGGESTED).values_list("pk", flat=True))
    review.decide_links(user, ids, status)
    return len(ids)


def next_suggested(after: QuoteLink) -> QuoteLink | None:
    return review.links_waiting().exclude(pk=after.pk).first()


@admin.register(QuoteLink)
class QuoteLinkAdmin(admin.ModelAdmin):
    list_display = ["from_text", "kind", "to_text", "status", "origin", "score", "evidence"]
    list_select_related = ["from_quote__speaker", "to_quote__speaker"]
    list_filter = ["status", "kind", "origin"]
    search_fields = ["from_quote__text", "to_quote__text"]
    autocomplete_fields = ["from_quote", "to_quote"]
    readonly_fields = ["origin", "score", "created_at", "updated_at"]
    actions = ["accept", "reject"]

    @admin.display(description=gettext_lazy("from"))
    def from_text(self, link):
        return self._side(link.from_quote)

    @admin.display(description=gettext_lazy("to"))
    def to_text(self, link):
        return self._side(link.to_quote)

    @staticmethod
    def _side(quote) -> str:
        who = quote.speaker.name if quote.speaker else _("unknown speaker")
        return f"{who}: {Truncator(quote.text).chars(70)}"

    @admin.display(description=gettext_lazy("evidence"))
    def evidence(self, link):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:articles_quotelink_evidence", args=[link.pk]), _("Compare")
        )

    @admin.action(description=gettext_lazy("Accept the selected links"), permissions=["change"])
    def accept(self, request, queryset):
        n = decided(request.user, queryset, Status.CONFIRMED)
        self.message_user(request, ngettext("%(n)d link accepted.", "%(n)d links accepted.", n) % {"n": n})

    @admin.action(description=gettext_lazy("Reject the selected links"), permissions=["change"])
    def reject(self, request, queryset):
        n = decided(request.user, queryset, Status.REJECTED)
        self.message_user(request, ngettext("%(n)d link rejected.", "%(n)d links rejected.", n) % {"n": n})

    def save_model(self, request, obj, form, change):
        if not change:
            obj.origin = Origin.EDITOR
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:link_id>/decide/", view(decide_link), name="articles_quotelink_decide"),
            path("<int:link_id>/evidence/", view(evidence_page), name="articles_quotelink_evidence"),
        ] + super().get_urls()


def evidence_page(request, link_id):
    if not request.user.has_perm("articles.view_quotelink"):
        raise PermissionDenied
    link = get_object_or_404(
        QuoteLink.objects.select_related(
            "from_quote__speaker", "from_quote__article", "to_quote__speaker", "to_quote__article"
        ),
        pk=link_id,
    )
    found = evidence(link.from_quote.text, link.to_quote.text)
    context = {
        **admin.site.each_context(request),
        "title": _("Evidence for a statement link"),
        "opts": QuoteLink._meta,
        "link": link,
        "sides": [
            (link.from_quote, highlighted(link.from_quote.text, found.spans[0])),
            (link.to_quote, highlighted(link.to_quote.text, found.spans[1])),
        ],
        "explanation": explained(found),
        "can_decide": request.user.has_perm("articles.change_quotelink"),
    }
    return TemplateResponse(request, "admin/articles/quotelink/evidence.html", context)


@require_POST
def decide_link(request, link_id):
    """Accept or reject one suggested link: from its evidence page, or the buttons beside
    it on a statement's page (which submit the statement's own form to this address, so no
    nested form and no script is needed; only ``link_decision`` is read from it)."""
    if not request.user.has_perm("articles.change_quotelink"):
        raise PermissionDenied
    link = get_object_or_404(QuoteLink, pk=link_id)
    status = request.POST.get("link_decision")
    grouped = status == "group" and link.kind == QuoteLink.Kind.RESTATES
    status = Status.CONFIRMED if grouped else status
    if status not in (Status.CONFIRMED, Status.REJECTED):
        return HttpResponseBadRequest(_("Accept or reject, nothing else."))
    with changes.touching(quotes=[link.from_quote_id, link.to_quote_id]):
        review.decide_links(request.user, [link.pk], status)
        if grouped:
            groups.group(link.from_quote_id, link.to_quote_id, request.user)
    link.refresh_from_db()
    messages.success(
        request,
        _("Link %(status)s: %(link)s")
        % {"status": link.get_status_display(), "link": Truncator(link.to_quote).chars(60)},
    )
    if request.POST.get("then") == "next":
        following = next_suggested(link)
        back = (
            reverse("admin:articles_quotelink_evidence", args=[following.pk])
            if following
            else reverse("admin:articles_quote_review") + "?kind=link"
        )
        return HttpResponseRedirect(back)
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("admin:articles_quote_change", args=[link.from_quote_id])
    return HttpResponseRedirect(back)
