"""Set-level queries, named after the pages they serve."""

from django.db import models
from django.db.models import Count, Q

from articles.folding import FoldingQuerySet

# What readers may see of a statement's review state: anything an editor has not rejected.
PUBLIC_STATUSES = ("suggested", "confirmed")


def public_quotes_q(prefix: str = "") -> Q:
    """The public() condition seen from a related model, e.g. prefix "quotes__" on Speaker."""
    return Q(**{f"{prefix}status__in": PUBLIC_STATUSES, f"{prefix}anchored": True,
                f"{prefix}article__status": "published"})


def statement_count():
    """Public statements of the rows of a Speaker, Directive or Article queryset, for annotate()."""
    return Count("quotes", filter=public_quotes_q("quotes__"), distinct=True)


class ArticleQuerySet(FoldingQuerySet):
    def published(self):
        return self.filter(status="published")

    def with_statement_counts(self):
        return self.annotate(statement_count=statement_count())


class QuoteQuerySet(FoldingQuerySet):
    def public(self):
        """What readers see: anchored statements of published articles, never rejected ones."""
        return self.filter(article__status="published", anchored=True).exclude(status="rejected")

    def for_directive(self, directive):
        return self.filter(directives=directive)

    def with_people(self):
        return self.select_related("speaker", "article")

    def as_cards(self):
        """With their people, and only what a statement card shows: not the article's body,
        nor the folded copies kept for search, twenty times over."""
        return self.with_people().only("text", "kind", "status", "start", "speaker__name", "speaker__slug",
                                       "article__title", "article__slug", "article__published_on")

    def newest_first(self):
        return self.order_by("-article__published_on", "-article_id", "start", "id")

    def with_directives(self):
        from articles.models import Directive

        return self.prefetch_related(models.Prefetch("directives", Directive.objects.only("name", "slug", "kind")))
