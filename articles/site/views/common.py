"""What the public pages share: pagination, merged slugs, statements linked across articles."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import pgettext_lazy

from articles.models import FormerSlug
from articles.site.paging import CappedPaginator

PER_PAGE = 20

# How the other statement relates to ours, read from our side of the link.
RELATIONS = {
    ("restates", True): pgettext_lazy("link", "Restates"),
    ("restates", False): pgettext_lazy("link", "Restated in"),
    ("elaborates", True): pgettext_lazy("link", "Elaborates on"),
    ("elaborates", False): pgettext_lazy("link", "Elaborated on in"),
    ("contradicts", True): pgettext_lazy("link", "Contradicts"),
    ("contradicts", False): pgettext_lazy("link", "Contradicted in"),
    ("cites", True): pgettext_lazy("link", "Cites"),
    ("cites", False): pgettext_lazy("link", "Cited in"),
}
# A page number past this is answered with the last page; it also bounds int() on huge input.
MAX_PAGE_DIGITS = 9


def paginate(request, queryset, per_page: int = PER_PAGE, *, capped: bool = False, step: int | None = None):
    """The requested page; a malformed or too large number gives the first or the last page.

    ``capped`` lists may be long: they count only as far as the page needs, a ``step`` at a
    time (``articles.site.paging``); ``queryset`` may then also be search ``Results``.
    """
    number = request.GET.get("page", "1")
    if not (number.isascii() and number.isdigit()) or len(number) > MAX_PAGE_DIGITS:
        number = "last" if number.isdigit() else "1"
    if not capped:
        return Paginator(queryset, per_page).get_page(number)
    wanted = 10**MAX_PAGE_DIGITS if number == "last" else max(int(number), 1)
    return CappedPaginator(queryset, per_page, wanted, step).get_page(wanted)


def get_or_redirect(request, queryset, slug: str, former_field: str):
    """The object with this slug, or a 301 to the one a merge or rename gave the slug up for."""
    found = queryset.filter(slug=slug).first()
    if found is not None:
        return found
    former = (
        FormerSlug.objects.filter(slug=slug, **{f"{former_field}__isnull": False}).select_related(former_field).first()
    )
    if former is None:
        raise Http404
    target = getattr(former, former_field).get_absolute_url()
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
