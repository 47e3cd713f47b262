"""The public lists' filters: one FilterSet per list, shared by the pages, the API and CSV."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Article, Directive, Quote, Speaker
from .querysets import public_quotes_q
from .search import search


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def cited_directives(request=None):
    return Directive.objects.filter(public_quotes_q("quotes__")).distinct().only("name", "slug")


def quoted_speakers(request=None):
    return Speaker.objects.filter(public_quotes_q("quotes__")).distinct().only("name", "slug")


class SearchFilter(django_filters.CharFilter):
    """Text filter through the search module, so lists and /search/ agree on what matches."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        kwargs.setdefault("label", _("Text"))
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return search(value, self.kind, qs) if value and value.strip() else qs


class ArticleFilter(django_filters.FilterSet):
    q = SearchFilter("articles")
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte",
                                                label=_("From"), widget=DateInput())
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte",
                                                 label=_("To"), widget=DateInput())
    speaker = django_filters.ModelChoiceFilter(queryset=quoted_speakers, to_field_name="slug",
                                               label=_("Speaker"), method="with_statement_by")
    directive = django_filters.ModelChoiceFilter(queryset=cited_directives, to_field_name="slug",
                                                 label=_("Directive"), method="with_statement_citing")
    kind = django_filters.ChoiceFilter(choices=Quote.Kind.choices, label=_("Statement kind"),
                                       method="with_statement_of_kind")
    sort = django_filters.OrderingFilter(
        fields=(("published_on", "date"), ("title", "title")),
        field_labels={"published_on": _("Date, oldest first"), "-published_on": _("Date, newest first"),
                      "title": _("Title, A to Z"), "-title": _("Title, Z to A")},
        label=_("Sort"))

    class Meta:
        model = Article
        fields = []

    def _with_statements(self, qs, **condition):
        statements = Quote.objects.public().filter(**condition).values("article_id")
        return qs.filter(pk__in=statements)

    def with_statement_by(self, qs, name, value):
        return self._with_statements(qs, speaker=value)

    def with_statement_citing(self, qs, name, value):
        return self._with_statements(qs, directives=value)

    def with_statement_of_kind(self, qs, name, value):
        return self._with_statements(qs, kind=value)


class QuoteFilter(django_filters.FilterSet):
    q = SearchFilter("statements")
    published_after = django_filters.DateFilter(field_name="article__published_on", lookup_expr="gte",
                                                label=_("From"), widget=DateInput())
    published_before = django_filters.DateFilter(field_name="article__published_on", lookup_expr="lte",
                                                 label=_("To"), widget=DateInput())
    speaker = django_filters.ModelChoiceFilter(queryset=quoted_speakers, to_field_name="slug", label=_("Speaker"))
    directive = django_filters.ModelChoiceFilter(queryset=cited_directives, to_field_name="slug",
                                                 label=_("Directive"), field_name="directives")
    article = django_filters.CharFilter(field_name="article__slug", label=_("Article"), max_length=100,
                                        widget=forms.HiddenInput)
    kind = django_filters.ChoiceFilter(choices=Quote.Kind.choices, label=_("Statement kind"))
    reviewed = django_filters.BooleanFilter(method="only_reviewed", label=_("Reviewed by an editor only"),
                                            widget=forms.CheckboxInput)
    sort = django_filters.OrderingFilter(
        fields=(("article__published_on", "date"),),
        field_labels={"article__published_on": _("Date, oldest first"),
                      "-article__published_on": _("Date, newest first")},
        label=_("Sort"))

    class Meta:
        model = Quote
        fields = []

    def only_reviewed(self, qs, name, value):
        return qs.filter(status="confirmed") if value else qs


class SpeakerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="name_matches", label=_("Name"), max_length=300)
    kind = django_filters.ChoiceFilter(choices=Speaker.Kind.choices, label=_("Kind"))
    sort = django_filters.OrderingFilter(
        fields=(("statement_count", "statements"), ("name", "name")),
        field_labels={"-statement_count": _("Most statements first"), "statement_count": _("Fewest statements first"),
                      "name": _("Name, A to Z"), "-name": _("Name, Z to A")},
        label=_("Sort"))

    class Meta:
        model = Speaker
        fields = []

    def name_matches(self, qs, name, value):
        return search(value, "speakers", qs) if value.strip() else qs


class DirectiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="name_matches", label=_("Name"), max_length=300)
    kind = django_filters.ChoiceFilter(choices=Directive.Kind.choices, label=_("Kind"))

    class Meta:
        model = Directive
        fields = []

    def name_matches(self, qs, name, value):
        return search(value, "directives", qs) if value.strip() else qs

