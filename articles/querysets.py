"""Set-level queries, named after the pages they serve. What readers may see is decided here,
once: ``public_quotes_q`` and ``QuoteQuerySet.public``."""

from django.db import models
from django.db.models import Q

from articles.choices import PublicationStatus, Status
from articles.folding import FoldingQuerySet

# What readers may see of a statement's review state: anything an editor has not rejected.
PUBLIC_STATUSES = (Status.SUGGESTED, Status.CONFIRMED)


def public_quotes_q(prefix: str = "") -> Q:
    """The public statements, seen from a related model with ``prefix`` ("quotes__" on
    Speaker): anchored, not rejected, in a published article."""
    return Q(
        **{
            f"{prefix}status__in": PUBLIC_STATUSES,
            f"{prefix}anchored": True,
            f"{prefix}article__status": PublicationStatus.PUBLISHED,
        }
    )


class ArticleQuerySet(FoldingQuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


class QuoteQuerySet(FoldingQuerySet):
    def public(self):
        """What readers see."""
        return self.filter(public_quotes_q())

    def gone(self):
        """Statements readers could cite and no longer see, in a published article: withdrawn
        (the source no longer contains them) or rejected by an editor. Their addresses
        answer 410 Gone."""
        return self.filter(article__status=PublicationStatus.PUBLISHED).exclude(public_quotes_q())

    def for_directive(self, directive):
        return self.filter(directives=directive)

    def with_people(self):
        return self.select_related("speaker", "article")

    def as_cards(self):
        """With their people, and only what a statement card shows: not the article's body,
        nor the folded copies kept for search, twenty times over."""
        return (
            self.with_people()
            .select_related("quoted_by__speaker")
            .only(
                "text",
                "kind",
                "status",
                "start",
                "version",
                "speaker__name",
                "speaker__slug",
                "article__title",
                "article__slug",
                "article__published_on",
                "article__outlet",
                "quoted_by__version",
                "quoted_by__speaker__name",
                "restatement_group",
            )
        )

    def newest_first(self):
        return self.order_by("-article__published_on", "-article_id", "start", "id")

    def oldest_first(self):
        return self.order_by("article__published_on", "article_id", "start", "id")

    def with_directives(self):
        directives = self.model._meta.get_field("directives").related_model
        return self.prefetch_related(models.Prefetch("directives", directives.objects.only("name", "slug", "kind")))
