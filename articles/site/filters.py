"""The public lists' filters: one FilterSet per list, shared by the pages, the API and CSV."""

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from articles import changes
from articles.choices import Status
from articles.models import Article, Directive, Quote, Speaker
from articles.search.results import listing, matching

# The box offers this many names; the statements they are drawn from are the newest ones.
SUGGESTIONS = 20
RECENT_STATEMENTS = 500


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def recent_statements():
    return Quote.objects.public().order_by("-article__published_on", "-article_id").values("pk")[:RECENT_STATEMENTS]


def quoted_lately(request=None):
    """The speakers most quoted in the newest statements: worth suggesting, and found without
    counting every statement in the archive."""
    return (
        Speaker.objects.filter(quotes__in=recent_statements())
        .annotate(recent=Count("quotes"))
        .order_by("-recent", "name")
    )


def cited_lately(request=None):
    return (
        Directive.objects.filter(quotes__in=recent_statements())
        .annotate(recent=Count("quotes"))
        .order_by("-recent", "name")
    )


class SearchFilter(django_filters.CharFilter):
    """Text filter through the search module, so lists and /search/ agree on what matches.
    It narrows; the list keeps its order (relevance is the search page's)."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        kwargs.setdefault("label", _("Text"))
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return matching(value, self.kind, qs) if value and value.strip() else qs


class TextFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``q`` is a SearchFilter. It keeps what the other filters leave
    (``unsearched``) and the text, so that a list page finds its page of matches the way
    search finds its blocks (``listed``)."""

    unsearched = text = None

    def filter_queryset(self, queryset):
        data = dict(self.form.cleaned_data)
        text = data.pop("q", None)
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        self.unsearched, self.text = queryset, text
        return self.filters["q"].filter(queryset, text)


def listed(filterset: TextFilterSet, per_page: int):
    """What a list page pages through: the filtered rows, or with a text, the same rows as
    search ``Results`` in the list's order, which count and find a page of a common word
    without reading every match."""
    rows = filterset.qs
    if filterset.text and filterset.text.strip():
        return listing(filterset.text, filterset.filters["q"].kind, filterset.unsearched, per_page)
    return rows


class SuggestingInput(forms.TextInput):
    """A text box that offers a few names in a <datalist>: the browser completes them as the
    reader types, with no script and without listing every row."""

    def __init__(self, suggestions, attrs=None):
        super().__init__(attrs)
        self.suggestions = suggestions

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or 'id_' + name}-suggestions"
        box = super().render(name, value, {**(attrs or {}), "list": list_id, "autocomplete": "off"}, renderer)
        options = format_html_join("", '<option value="{}"></option>', ((n,) for n in self.suggestions()))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class NameField(forms.CharField):
    """A speaker's or a directive's slug or name, cleaned to the rows it means (see NamedFilter)."""

    MODELS = {"speakers": Speaker, "directives": Directive}
    NOT_FOUND = {"speakers": _("No speaker has this name."), "directives": _("No directive has this name.")}

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        model = self.MODELS[self.kind]
        by_words = matching(value, self.kind, model.objects.all()).values("pk")
        exact = Q(slug=value) | Q(name=value)
        # One query: the exact row if there is one, else whether any name has these words.
        found = (
            model.objects.filter(exact | Q(pk__in=by_words))
            .annotate(exact=Case(When(exact, then=Value(True)), default=Value(False), output_field=BooleanField()))
            .order_by("-exact")
            .values_list("pk", "exact")
            .first()
        )
        if found is None:
            raise ValidationError(self.NOT_FOUND[self.kind], code="not_found")
        return [found[0]] if found[1] else by_words


@extend_schema_field(OpenApiTypes.STR)
class NamedFilter(django_filters.Filter):
    """A speaker or a directive, by slug (the site's own links) or by name, as typed.

    A slug or an exact name is that one row; other text is every row whose name or alias has
    those words, by the search module's rules ("nguyen" is everyone named Nguyễn). Unknown
    text is an error, as an unknown choice was. ``queryset`` (or a function of the request
    returning one) gives the suggestions, the first SUGGESTIONS of it.

    The suggestions are cached under the archive's generation and the version of ``lists``
    (``articles.changes``: a load that adds a speaker or a directive moves it), for
    ARCHIVE_SUGGESTIONS_SECONDS: counting the newest statements' speakers and directives was
    the costliest part of a list page, and the answer is the same on every page until the
    archive changes. A function's are cached under its name, so it must give every reader
    the same names; a queryset's only under the key given with ``suggest_from``.
    """

    field_class = NameField

    def __init__(self, kind: str, queryset, **kwargs):
        self.kind, self.queryset = kind, queryset
        self.suggestions_key = None
        name = getattr(queryset, "__qualname__", "<")
        if callable(queryset) and "<" not in name:  # a lambda or a local function has no name to share
            self.suggestions_key = f"{queryset.__module__}.{name}"
        super().__init__(**kwargs)

    def suggest_from(self, queryset, key: str) -> None:
        """Suggest the names of ``queryset``, which ``key`` stands for in the cache."""
        self.queryset, self.suggestions_key = queryset, key

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self.extra.update(kind=self.kind, widget=SuggestingInput(self.suggestions))
        return super().field

    def suggestions(self) -> list[str]:
        seconds = settings.ARCHIVE_SUGGESTIONS_SECONDS
        key = None
        if seconds and self.suggestions_key:
            made_in = "-".join(map(str, changes.versions(changes.LISTS)))
            key = f"archive:suggestions:{made_in}:{self.kind}:{self.suggestions_key}"
        found = cache.get(key) if key else None
        if found is None:
            rows = self.queryset(getattr(self.parent, "request", None)) if callable(self.queryset) else self.queryset
            found = list(rows.values_list("name", flat=True)[:SUGGESTIONS])
            if key:
                cache.set(key, found, seconds)
        return found

    def filter(self, qs, value):
        return qs if value is None else qs.filter(**{f"{self.field_name}__in": value})


# OrderingFilter's labels: an ascending order is keyed by its field, a descending one by
# "-" and its parameter ("-date", not "-published_on"); a key it does not find is labelled
# with the ascending label and "(descending)", which said "oldest first" for newest first.


class ArticleFilter(TextFilterSet):
    q = SearchFilter("articles")
    published_after = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label=_("From"), widget=DateInput()
    )
    published_before = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label=_("To"), widget=DateInput()
    )
    speaker = NamedFilter("speakers", quoted_lately, label=_("Speaker"), method="with_statement_by")
    directive = NamedFilter("directives", cited_lately, label=_("Directive"), method="with_statement_citing")
    kind = django_filters.ChoiceFilter(
        choices=Quote.Kind.choices, label=_("Statement kind"), method="with_statement_of_kind"
    )
    sort = django_filters.OrderingFilter(
        fields=(("published_on", "date"), ("title", "title")),
        field_labels={
            "published_on": _("Date, oldest first"),
            "-date": _("Date, newest first"),
            "title": _("Title, A to Z"),
            "-title": _("Title, Z to A"),
        },
        label=_("Sort"),
    )

    class Meta:
        model = Article
        fields = []

    def _with_statements(self, qs, **condition):
        statements = Quote.objects.public().filter(**condition).values("article_id")
        return qs.filter(pk__in=statements)

    def with_statement_by(self, qs, name, value):
        return self._with_statements(qs, speaker__in=value)

    def with_statement_citing(self, qs, name, value):
        return self._with_statements(qs, directives__in=value)

    def with_statement_of_kind(self, qs, name, value):
        return self._with_statements(qs, kind=value)


class QuoteFilter(TextFilterSet):
    q = SearchFilter("statements")
    published_after = django_filters.DateFilter(
        field_name="article__published_on", lookup_expr="gte", label=_("From"), widget=DateInput()
    )
    published_before = django_filters.DateFilter(
        field_name="article__published_on", lookup_expr="lte", label=_("To"), widget=DateInput()
    )
    speaker = NamedFilter("speakers", quoted_lately, label=_("Speaker"), field_name="speaker")
    directive = NamedFilter("directives", cited_lately, label=_("Directive"), field_name="directives")
    article = django_filters.CharFilter(
        field_name="article__slug", label=_("Article"), max_length=100, widget=forms.HiddenInput
    )
    kind = django_filters.ChoiceFilter(choices=Quote.Kind.choices, label=_("Statement kind"))
    reviewed = django_filters.BooleanFilter(
        method="only_reviewed", label=_("Reviewed by an editor only"), widget=forms.CheckboxInput
    )
    sort = django_filters.OrderingFilter(
        fields=(("article__published_on", "date"),),
        field_labels={
            "article__published_on": _("Date, oldest first"),
            "-date": _("Date, newest first"),
        },
        label=_("Sort"),
    )

    class Meta:
        model = Quote
        fields = []

    def only_reviewed(self, qs, name, value):
        return qs.filter(status=Status.CONFIRMED) if value else qs


class SpeakerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="name_matches", label=_("Name"), max_length=300)
    kind = django_filters.ChoiceFilter(choices=Speaker.Kind.choices, label=_("Kind"))
    sort = django_filters.OrderingFilter(
        fields=(("statement_count", "statements"), ("name", "name")),
        field_labels={
            "-statements": _("Most statements first"),
            "statement_count": _("Fewest statements first"),
            "name": _("Name, A to Z"),
            "-name": _("Name, Z to A"),
        },
        label=_("Sort"),
    )

    class Meta:
        model = Speaker
        fields = []

    def name_matches(self, qs, name, value):
        return matching(value, "speakers", qs) if value.strip() else qs


class DirectiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="name_matches", label=_("Name"), max_length=300)
    kind = django_filters.ChoiceFilter(choices=Directive.Kind.choices, label=_("Kind"))

    class Meta:
        model = Directive
        fields = []

    def name_matches(self, qs, name, value):
        return matching(value, "directives", qs) if value.strip() else qs
