"""Articles: the filtered list, and an article read with its statements highlighted."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from ..filters import ArticleFilter
from ..models import Article, Quote, SpeakerTitle
from ..rendering import render_body
from .common import linked_statements, paginate


def article_list(request):
    articles = Article.objects.published().with_statement_counts().order_by("-published_on", "title")
    filterset = ArticleFilter(request.GET, queryset=articles)
    return render(request, "articles/article_list.html",
                  {"filterset": filterset, "page": paginate(request, filterset.qs)})


def people_and_directives(article, quotes):
    """The side panel: everyone named or quoted, every directive referred to or cited, with
    how many of the article's statements are theirs."""
    people = {s.pk: s for s in article.people.all()}
    directives = {d.pk: d for d in article.directives.all()}
    for q in quotes:
        if q.speaker_id:
            people.setdefault(q.speaker_id, q.speaker)
        for d in q.directives.all():
            directives.setdefault(d.pk, d)
    said, cited = {}, {}
    for q in quotes:
        said[q.speaker_id] = said.get(q.speaker_id, 0) + 1
        for d in q.directives.all():
            cited[d.pk] = cited.get(d.pk, 0) + 1
    titles: dict[int, list[str]] = {}
    for t in SpeakerTitle.objects.filter(article=article).order_by("title"):
        titles.setdefault(t.speaker_id, []).append(t.title)
    people = sorted(({"speaker": s, "count": said.get(pk, 0), "titles": titles.get(pk, [])}
                     for pk, s in people.items()), key=lambda p: (-p["count"], p["speaker"].name))
    directives = sorted(({"directive": d, "count": cited.get(pk, 0)} for pk, d in directives.items()),
                        key=lambda d: (-d["count"], d["directive"].name))
    return people, directives


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    quotes = list(Quote.objects.public().filter(article=article).select_related("speaker").with_directives())
    people, directives = people_and_directives(article, quotes)
    own = {q.pk for q in quotes}
    elsewhere = linked_statements(Q(from_quote__article=article) | Q(to_quote__article=article), own)
    return render(request, "articles/article_detail.html", {
        "article": article,
        "blocks": render_body(article.body, list(article.paragraphs.all()), quotes),
        "statement_count": len(quotes),
        "people": people,
        "directives": directives,
        "elsewhere": [row for row in elsewhere if row["theirs"].article_id != article.pk],
    })
