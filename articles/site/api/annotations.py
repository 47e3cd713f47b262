"""An article's public statements as a W3C Web Annotation collection (JSON-LD), for
annotation tools to import: https://www.w3.org/TR/annotation-model/.

Each statement is one Annotation whose target is the article, selected twice over: by its
text with some context (TextQuoteSelector), which survives a change elsewhere in the text,
and by its position (TextPositionSelector), counted in characters (Unicode code points) of
the article's ``body`` as the API's article detail gives it, which is NFC. Its body names
the speaker and the directives it cites, each as a name (TextualBody) and as a link to its
page (SpecificResource). Its creators are the extraction software and, once an editor
confirmed or wrote it, the archive's editors; no editor is named.

The whole collection is one page, also served alone at ``?page=1``: an article has tens
of statements, not thousands.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.choices import Origin, Status
from articles.models import Article, Quote

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Characters of context either side of a statement's exact text: enough to tell apart two
# statements with the same words in one article.
CONTEXT_CHARS = 32
SOFTWARE = {"type": "Software", "name": "Policy Archive extraction"}
EDITORS = {"type": "Organization", "name": "Policy Archive editors"}


# The media type the Web Annotation Protocol gives annotations: the profile tells a client
# the vocabulary without reading the context.
MEDIA_TYPE = f'application/ld+json; profile="{CONTEXT}"'


class JSONLDRenderer(JSONRenderer):
    # Without the profile: a renderer's parameters must all be in the Accept header to match.
    media_type = "application/ld+json"
    format = "jsonld"


def creators(quote: Quote) -> list[dict]:
    if quote.origin == Origin.EXTRACTED:
        return [SOFTWARE, EDITORS] if quote.status == Status.CONFIRMED else [SOFTWARE]
    return [EDITORS]


def named(name: str, page: str, purpose: str) -> list[dict]:
    return [
        {"type": "TextualBody", "purpose": purpose, "value": name, "format": "text/plain", "language": "vi"},
        {"type": "SpecificResource", "purpose": purpose, "source": page},
    ]


def annotation(request, article: Article, quote: Quote) -> dict:
    body = []
    if quote.speaker is not None:
        body += named(quote.speaker.name, request.build_absolute_uri(quote.speaker.get_absolute_url()), "identifying")
    for directive in quote.directives.all():
        body += named(directive.name, request.build_absolute_uri(directive.get_absolute_url()), "tagging")
    text = article.body
    return {
        "id": request.build_absolute_uri(reverse("articles:api_quote", args=[quote.pk])),
        "type": "Annotation",
        "motivation": "identifying",
        "created": quote.created_at.isoformat(),
        "modified": quote.updated_at.isoformat(),
        "creator": creators(quote),
        "body": body,
        "target": {
            "source": request.build_absolute_uri(article.get_absolute_url()),
            "type": "Text",
            "format": "text/plain",
            "language": "vi",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": text[quote.start : quote.end],
                    "prefix": text[max(0, quote.start - CONTEXT_CHARS) : quote.start],
                    "suffix": text[quote.end : quote.end + CONTEXT_CHARS],
                },
                {"type": "TextPositionSelector", "start": quote.start, "end": quote.end},
            ],
        },
    }


class ArticleAnnotations(APIView):
    """The article's public statements as a W3C Web Annotation collection of one page."""

    renderer_classes = [JSONLDRenderer, JSONRenderer]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, slug):
        article = get_object_or_404(Article.objects.published().defer("search_folded"), slug=slug)
        statements = (
            Quote.objects.public()
            .filter(article=article)
            .select_related("speaker")
            .with_directives()
            .defer("search_folded")
            .order_by("start", "pk")
        )
        collection = request.build_absolute_uri(reverse("articles:api_annotations", args=[slug]))
        items = [annotation(request, article, q) for q in statements]
        page = {
            "id": f"{collection}?page=1",
            "type": "AnnotationPage",
            "partOf": collection,
            "startIndex": 0,
            "items": items,
        }
        if "page" in request.query_params:
            if request.query_params["page"] != "1":
                raise NotFound(_("There is one page of annotations: page 1."))
            return Response({"@context": CONTEXT, **page}, content_type=MEDIA_TYPE)
        return Response(
            {
                "@context": CONTEXT,
                "id": collection,
                "type": "AnnotationCollection",
                "label": article.title,
                "total": len(items),
                "first": page,
                "last": page["id"],
            },
            content_type=MEDIA_TYPE,
        )
