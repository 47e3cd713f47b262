"""How the API filters, pages and throttles: the site's FilterSets and capped counting,
with the refusals a client can act on.

- An unknown query parameter is a 400 naming it and the known ones: silently ignoring a
  misspelt filter returns the whole list, which looks like an answer.
- A filter that does not validate is a 400 with the FilterSet's reasons, under ``errors``
  as the API always gave them.
- A page past the end, or not a number, is a 404: page 1 instead would repeat rows to a
  client paging until ``next`` is null.
- Lists are counted as the site counts them (``articles.site.paging``): ``count_exact``
  false means ``count`` is a lower bound.
"""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from articles.site.filters import TextFilterSet, listed
from articles.site.paging import MAX_ROWS, CappedPaginator
from articles.site.views.common import MAX_PAGE_DIGITS

PER_PAGE = 50
# Query parameters every list takes besides its filters.
PAGING_PARAMETERS = {"page"}


class FilterSetBackend(DjangoFilterBackend):
    """The view's FilterSet, strict about what it is given; a text filter pages its matches
    as the site's lists do (``listed``), without reading every match of a common word."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters)
        unknown = sorted(set(request.query_params) - known - PAGING_PARAMETERS)
        if unknown:
            message = _("Unknown filter. Filters of this list: %(known)s.") % {"known": ", ".join(sorted(known))}
            raise ValidationError({"errors": {name: [{"message": message, "code": "unknown"}] for name in unknown}})
        filterset = filterset_class(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            raise ValidationError({"errors": filterset.errors.get_json_data()})
        return listed(filterset, PER_PAGE) if isinstance(filterset, TextFilterSet) else filterset.qs


class CappedPagination(BasePagination):
    """Numbered pages of PER_PAGE rows, counted only as far as the page asked for."""

    page_size = PER_PAGE

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        number = request.query_params.get("page", "1")
        if not (number.isascii() and number.isdigit()) or len(number) > MAX_PAGE_DIGITS or int(number) < 1:
            raise NotFound(_("There is no page %(page)s: pages are numbered from 1.") % {"page": number[:20]})
        paginator = CappedPaginator(queryset, self.page_size, int(number))
        try:
            self.page = paginator.page(int(number))
        except InvalidPage:
            if paginator.at_depth_limit:
                message = _("Pages stop at %(rows)s rows: narrow the list with its filters.") % {"rows": MAX_ROWS}
            else:
                message = _("There is no page %(page)s: the last page is %(last)s.") % {
                    "page": number,
                    "last": paginator.num_pages,
                }
            raise NotFound(message) from None
        return list(self.page.object_list)

    def link(self, number):
        query = self.request.query_params.copy()
        query["page"] = number
        return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")

    def get_paginated_response(self, data):
        page = self.page
        return Response(
            {
                "count": page.paginator.count,
                "count_exact": not page.paginator.capped,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "next": self.link(page.next_page_number()) if page.has_next() else None,
                "previous": self.link(page.previous_page_number()) if page.has_previous() else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "count_exact", "page", "pages", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Rows, or a lower bound when count_exact is false."},
                "count_exact": {"type": "boolean"},
                "page": {"type": "integer"},
                "pages": {"type": "integer"},
                "next": link,
                "previous": link,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "Page number, from 1; past the last page the answer is 404.",
                "schema": {"type": "integer", "minimum": 1},
            }
        ]


class AnonymousThrottle(AnonRateThrottle):
    """Requests per client address, at ARCHIVE_API_ANON_RATE, read at each request so a
    deployment (or a test) can change it without a restart of the settings module."""

    def get_rate(self):
        return settings.ARCHIVE_API_ANON_RATE
