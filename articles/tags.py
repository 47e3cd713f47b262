"""The tags of a change: which pages show the statements and articles it touched.

A page's tag is read from its address alone (``articles.site.page_cache``): an article's,
a statement's, a speaker's or a directive's own pages carry ``article:<slug>``,
``quote:<pk>``, ``speaker:<slug>``, ``directive:<slug>``; every other page ``lists``.
A change of statements is shown, besides on their own pages, wherever a page shows their
neighbours or their links, so the set is generous:

- the statements touched, and every other statement of their articles (a permalink shows
  its paragraph with the neighbours' highlights; an article page shows them all);
- the statements linked to those touched, either way and in any state (the linked
  statements' sections show the other end), and of these and those touched, the ones
  quoting or quoted by them and the members of their restatement groups (a directive page
  shows a group's first statement). A neighbour's links, quotations and group show the
  neighbour, not what changed beside it, so they are left out;
- for each of these: its permalink, its article, its speaker, the directives it cites;
- the people named, titled or cited in the touched articles (speaker pages show the people
  they appear with and their titles), and ``lists``.

Read on the writer's own connection, so that inside a transaction they see its rows.
"""

from django.db.models import Q

from articles.changes import LISTS


def tags_of(quotes, articles, using: str) -> set[str]:
    """The tags of the pages showing ``quotes`` and ``articles`` (ids) as the rows stand now."""
    from articles.models import Article, Quote, QuoteLink, SpeakerTitle

    if not quotes and not articles:
        return set()
    statements = Quote.objects.using(using)
    touched = set(articles) | set(statements.filter(pk__in=quotes).values_list("article_id", flat=True))
    neighbours = dict(statements.filter(article_id__in=touched).values_list("pk", "article_id"))
    # What changed: the statements named, and all those of the articles named. Their
    # neighbours are shown beside them, but a neighbour's links show the neighbour only.
    changed = set(quotes) | {pk for pk, article in neighbours.items() if article in articles}
    linked = set(changed)
    for ends in (
        QuoteLink.objects.using(using)
        .filter(Q(from_quote__in=changed) | Q(to_quote__in=changed))
        .values_list("from_quote_id", "to_quote_id")
    ):
        linked.update(ends)
    shown = statements.filter(
        Q(pk__in=linked | set(neighbours))
        | Q(quoted_by__in=linked)
        | Q(quoted_by__in=statements.filter(pk__in=linked, quoted_by__isnull=False).values("quoted_by"))
        | Q(
            restatement_group__in=statements.filter(pk__in=linked, restatement_group__isnull=False).values(
                "restatement_group"
            )
        )
    ).values_list("pk", "article__slug", "speaker__slug")
    tags = {LISTS}
    ids = set()
    for pk, article, speaker in shown:
        ids.add(pk)
        tags.update((f"quote:{pk}", f"article:{article}"))
        if speaker:
            tags.add(f"speaker:{speaker}")
    cited = Quote.directives.through.objects.using(using).filter(quote_id__in=ids)
    tags.update(f"directive:{slug}" for slug in cited.values_list("directive__slug", flat=True))
    tags.update(
        f"article:{slug}" for slug in Article.objects.using(using).filter(pk__in=touched).values_list("slug", flat=True)
    )
    named = [
        *Article.people.through.objects.using(using)
        .filter(article_id__in=touched)
        .values_list("speaker__slug", flat=True),
        *SpeakerTitle.objects.using(using).filter(article_id__in=touched).values_list("speaker__slug", flat=True),
    ]
    tags.update(f"speaker:{slug}" for slug in named)
    noted = Article.directives.through.objects.using(using).filter(article_id__in=touched)
    tags.update(f"directive:{slug}" for slug in noted.values_list("directive__slug", flat=True))
    return tags
