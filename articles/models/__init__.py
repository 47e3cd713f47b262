"""The archive's models. Django finds an app's models through this package: the archive's own,
the feeds it follows, and the tables the restatement index and the kept counts own (which
stay in their subsystems), and readers' alert subscriptions."""

from articles.alerts import models as _alerts  # noqa: F401
from articles.choices import Origin, PublicationStatus, Status
from articles.counts import models as _counts  # noqa: F401
from articles.models.archive import (
    Article,
    Directive,
    DirectiveAlias,
    FormerSlug,
    Paragraph,
    Quote,
    QuoteLink,
    Speaker,
    SpeakerAlias,
    SpeakerTitle,
    Versioned,
)
from articles.models.feeds import Feed
from articles.restatements import models as _restatements  # noqa: F401

__all__ = [
    "Article",
    "Directive",
    "DirectiveAlias",
    "Feed",
    "FormerSlug",
    "Origin",
    "Paragraph",
    "PublicationStatus",
    "Quote",
    "QuoteLink",
    "Speaker",
    "SpeakerAlias",
    "SpeakerTitle",
    "Status",
    "Versioned",
]
