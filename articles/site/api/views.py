"""The API's endpoints: an index, a list and a detail per kind, the schema and its page.

Lists use the site's FilterSets and rows (``articles.site.api.plumbing``); statement counts
are the site's too: per row of the page for articles, the database's kept counts for
speakers and directives. Only public statements appear, anywhere.
"""

from django.db.models import Max, Min, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.counts.tallies import kept_statement_count, per_row_statement_count
from articles.models import Article, Directive, FormerSlug, Speaker
from articles.site.api import serializers
from articles.site.filters import ArticleFilter, DirectiveFilter, QuoteFilter, SpeakerFilter
from articles.site.views.statements import public_statements

ENDPOINTS = {
    "articles": "articles:api_articles",
    "quotes": "articles:api_quotes",
    "speakers": "articles:api_speakers",
    "directives": "articles:api_directives",
    "schema": "articles:api_schema",
    "docs": "articles:api_docs",
}


class Index(APIView):
    """The API's lists, its schema and its documentation page."""

    @extend_schema(responses={200: {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}})
    def get(self, request):
        return Response({name: request.build_absolute_uri(reverse(view)) for name, view in ENDPOINTS.items()})


def articles():
    return Article.objects.published().annotate(statement_count=per_row_statement_count("article"))


def speakers():
    return Speaker.objects.annotate(statement_count=kept_statement_count())


def directives():
    return Directive.objects.annotate(statement_count=kept_statement_count())


class ArticleList(generics.ListAPIView):
    serializer_class = serializers.ArticleRow
    filterset_class = ArticleFilter

    def get_queryset(self):
        return articles().defer("body", "search_folded").order_by("-published_on", "title")


class QuoteList(generics.ListAPIView):
    serializer_class = serializers.QuoteRow
    filterset_class = QuoteFilter

    def get_queryset(self):
        return public_statements()


class SpeakerList(generics.ListAPIView):
    serializer_class = serializers.SpeakerRow
    filterset_class = SpeakerFilter

    def get_queryset(self):
        return speakers().order_by("-statement_count", "name")


class DirectiveList(generics.ListAPIView):
    serializer_class = serializers.DirectiveRow
    filterset_class = DirectiveFilter

    def get_queryset(self):
        return directives().order_by("kind", "name")


class BySlug(generics.RetrieveAPIView):
    """A row by its slug; a slug given up in a merge or rename answers 301 to the row's
    present address, as the site's pages do."""

    lookup_field = "slug"
    filter_backends = []
    pagination_class = None
    former_field: str = ""

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            former = None
            if self.former_field:
                where = {"slug": kwargs["slug"], f"{self.former_field}__isnull": False}
                former = FormerSlug.objects.filter(**where).select_related(self.former_field).first()
            if former is None:
                raise
        target = getattr(former, self.former_field)
        return HttpResponsePermanentRedirect(reverse(request.resolver_match.view_name, args=[target.slug]))


class ArticleDetail(BySlug):
    serializer_class = serializers.ArticleDetail

    def get_queryset(self):
        return articles().defer("search_folded").prefetch_related("people", "directives")


class SpeakerDetail(BySlug):
    serializer_class = serializers.SpeakerDetail
    former_field = "speaker"

    def get_queryset(self):
        return speakers().prefetch_related("aliases")

    def get_object(self):
        speaker = super().get_object()
        speaker.titles_over_time = (
            speaker.titles.values("title")
            .annotate(first_seen=Min("seen_on"), last_seen=Max("seen_on"))
            .order_by("first_seen", "title")
        )
        return speaker


class DirectiveDetail(BySlug):
    serializer_class = serializers.DirectiveDetail
    former_field = "directive"

    def get_queryset(self):
        refs = Directive.objects.only("name", "slug", "kind")
        return (
            directives()
            .select_related("parent")
            .prefetch_related("aliases", Prefetch("children", refs), Prefetch("related", refs))
        )


class QuoteDetail(generics.RetrieveAPIView):
    serializer_class = serializers.QuoteDetail
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        return public_statements().defer("search_folded", "article__body", "article__search_folded")
