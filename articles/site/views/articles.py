"""Articles: the filtered list, and an article read with its statements highlighted."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from articles.counts.tallies import per_row_statement_count
from articles.models import Article, Directive, Quote, SpeakerTitle
from articles.site import fragments
from articles.site.filters import ArticleFilter, listed
from articles.site.views import linked
from articles.site.views.common import PER_PAGE, paginate

# A statement's directives as a plain list, read by the side panel and by each note: no
# related manager and queryset made per statement and per read.
CITED = Prefetch("directives", Directive.objects.only("name", "slug"), to_attr="cited")


def article_list(request):
    articles = (
        Article.objects.published()
        .annotate(statement_count=per_row_statement_count("article"))
        .order_by("-published_on", "title")
    )
    filterset = ArticleFilter(request.GET, queryset=articles)
    return render(
        request,
        "articles/article_list.html",
        {"filterset": filterset, "page": paginate(request, listed(filterset, PER_PAGE), capped=True)},
    )


def people_and_directives(article, quotes):
    """The side panel: everyone named or quoted, every directive referred to or cited, with
    how many of the article's statements are theirs."""
    people = {s.pk: s for s in article.people.only("name", "slug")}
    directives = {d.pk: d for d in article.directives.only("name", "slug")}
    said, cited = {}, {}
    for q in quotes:
        if q.speaker_id:
            people.setdefault(q.speaker_id, q.speaker)
        said[q.speaker_id] = said.get(q.speaker_id, 0) + 1
        for d in q.cited:
            directives.setdefault(d.pk, d)
            cited[d.pk] = cited.get(d.pk, 0) + 1
    titles: dict[int, list[str]] = {}
    for speaker_id, title in (
        SpeakerTitle.objects.filter(article=article).order_by("title").values_list("speaker_id", "title")
    ):
        titles.setdefault(speaker_id, []).append(title)
    people = sorted(
        ({"speaker": s, "count": said.get(pk, 0), "titles": titles.get(pk, [])} for pk, s in people.items()),
        key=lambda p: (-p["count"], p["speaker"].name),
    )
    directives = sorted(
        ({"directive": d, "count": cited.get(pk, 0)} for pk, d in directives.items()),
        key=lambda d: (-d["count"], d["directive"].name),
    )
    return people, directives


def article_detail(request, slug):
    # The folded copy of the body is for search only: not read here.
    article = get_object_or_404(Article.objects.published().defer("search_folded"), slug=slug)
    quotes = list(
        Quote.objects.public()
        .filter(article=article)
        .select_related("speaker")
        .only("start", "end", "status", "kind", "text", "version", "speaker__name", "speaker__slug")
        .prefetch_related(CITED)
    )
    people, directives = people_and_directives(article, quotes)
    linked_rows, more_linked = linked.strongest({q.pk: q for q in quotes}, article.pk)
    # Unordered: render_body sorts the spans, and the model's ordering would join the article.
    # Read only if the body is not in the cache.
    paragraphs = article.paragraphs.order_by().values_list("start", "end", "role", named=True)
    body, linked_html = fragments.article_page(article, paragraphs, quotes, linked_rows)
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "body": body,
            "statement_count": len(quotes),
            "people": people,
            "directives": directives,
            "linked": linked_html,
            "more_linked": more_linked,
        },
    )
