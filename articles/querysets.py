"""Set-level queries, named after the pages they serve."""

from django.db import models


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")


class QuoteQuerySet(models.QuerySet):
    def public(self):
        """What readers see: anchored statements of published articles, never rejected ones."""
        return self.filter(article__status="published", anchored=True).exclude(status="rejected")

    def for_directive(self, directive):
        return self.filter(directives=directive)

    def with_people(self):
        return self.select_related("speaker", "article")
