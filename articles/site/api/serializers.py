"""What the API shows of each kind. A list row keeps the shape the JSON API always gave
(``url`` is the reader's page); ``api_url`` and the detail serializers' links lead from one
endpoint to the next, so a client follows links instead of building addresses."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, Directive, Quote, Speaker


@extend_schema_field(OpenApiTypes.URI)
class PageLink(serializers.Field):
    """The absolute address of the row's page on the public site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class ListLink(serializers.Field):
    """An API list filtered to this row, e.g. a speaker's statements: ``view`` with
    ``parameter`` set to the row's ``attribute``."""

    def __init__(self, view: str, parameter: str, attribute: str = "slug", **kwargs):
        self.view, self.parameter, self.attribute = view, parameter, attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        address = f"{reverse(self.view)}?{self.parameter}={getattr(obj, self.attribute)}"
        return self.context["request"].build_absolute_uri(address)


def api_link(kind: str, lookup: str = "slug"):
    return serializers.HyperlinkedIdentityField(view_name=f"articles:api_{kind}", lookup_field=lookup)


class SpeakerRef(serializers.ModelSerializer):
    url = PageLink()
    api_url = api_link("speaker")

    class Meta:
        model = Speaker
        fields = ["name", "slug", "url", "api_url"]


class ArticleRef(serializers.ModelSerializer):
    url = PageLink()
    api_url = api_link("article")

    class Meta:
        model = Article
        fields = ["title", "slug", "url", "api_url", "published_on"]


class DirectiveRef(serializers.ModelSerializer):
    api_url = api_link("directive")

    class Meta:
        model = Directive
        fields = ["name", "slug", "kind", "api_url"]


class ArticleRow(serializers.ModelSerializer):
    url = PageLink()
    api_url = api_link("article")
    statements = serializers.IntegerField(source="statement_count", read_only=True)

    class Meta:
        model = Article
        fields = ["title", "slug", "url", "api_url", "published_on", "statements"]


class ArticleDetail(ArticleRow):
    people = SpeakerRef(many=True, read_only=True)
    directives = DirectiveRef(many=True, read_only=True)
    statement_list = ListLink("articles:api_quotes", "article")
    annotations = serializers.HyperlinkedIdentityField(view_name="articles:api_annotations", lookup_field="slug")

    class Meta(ArticleRow.Meta):
        fields = [*ArticleRow.Meta.fields, "body", "people", "directives", "statement_list", "annotations"]


class QuoteRow(serializers.ModelSerializer):
    url = PageLink()
    api_url = api_link("quote", "pk")
    speaker = SpeakerRef(read_only=True, allow_null=True)
    article = ArticleRef(read_only=True)
    directives = DirectiveRef(many=True, read_only=True)

    class Meta:
        model = Quote
        fields = ["id", "url", "api_url", "text", "kind", "status", "speaker", "article", "directives"]


class QuoteDetail(QuoteRow):
    """A statement with where it lies in its article's ``body``: characters ``start`` to ``end``."""

    class Meta(QuoteRow.Meta):
        fields = [*QuoteRow.Meta.fields, "start", "end"]


class SpeakerRow(serializers.ModelSerializer):
    url = PageLink()
    api_url = api_link("speaker")
    statements = serializers.IntegerField(source="statement_count", read_only=True)

    class Meta:
        model = Speaker
        fields = ["name", "slug", "url", "api_url", "kind", "statements"]


class TitleRow(serializers.Serializer):
    title = serializers.CharField()
    first_seen = serializers.DateField()
    last_seen = serializers.DateField()


class SpeakerDetail(SpeakerRow):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    titles = serializers.SerializerMethodField()
    statement_list = ListLink("articles:api_quotes", "speaker")

    class Meta(SpeakerRow.Meta):
        fields = [*SpeakerRow.Meta.fields, "description", "aliases", "titles", "statement_list"]

    @extend_schema_field(TitleRow(many=True))
    def get_titles(self, speaker):
        return TitleRow(speaker.titles_over_time, many=True).data


class DirectiveRow(serializers.ModelSerializer):
    url = PageLink()
    api_url = api_link("directive")
    statements = serializers.IntegerField(source="statement_count", read_only=True)

    class Meta:
        model = Directive
        fields = ["name", "slug", "url", "api_url", "kind", "code", "issuer", "statements"]


class DirectiveDetail(DirectiveRow):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    parent = DirectiveRef(read_only=True, allow_null=True)
    children = DirectiveRef(many=True, read_only=True)
    related = DirectiveRef(many=True, read_only=True)
    statement_list = ListLink("articles:api_quotes", "directive")

    class Meta(DirectiveRow.Meta):
        fields = [
            *DirectiveRow.Meta.fields,
            "description",
            "aliases",
            "parent",
            "children",
            "related",
            "statement_list",
        ]
