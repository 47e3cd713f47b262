"""The archive: articles, the people quoted in them, the directives they cite, and quotes
(statements)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from articles.addresses import address
from articles.choices import Origin, PublicationStatus, Status
from articles.folding import FoldedSearch
from articles.querysets import ArticleQuerySet, QuoteQuerySet
from articles.text import context_of


class Versioned(models.Model):
    """Optimistic locking: a save carries the version it was read at, so a stale save is refused."""

    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Article(FoldedSearch, Versioned):
    PublicationStatus = PublicationStatus

    title = models.CharField(_("title"), max_length=300)
    title_is_custom = models.BooleanField(
        _("title set by an editor"),
        default=False,
        help_text=_("An editor's title is kept when the source is loaded again."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    published_on = models.DateField(_("published on"), db_index=True)
    # Where the text came from: a file's name, or the address a page was fetched from.
    source_file = models.CharField(_("source file"), max_length=255, unique=True)
    # Provenance, as the source gives it; empty for a bare text file.
    source_url = models.URLField(_("canonical URL"), max_length=1000, blank=True)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    authors = models.JSONField(_("authors"), default=list, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"), null=True, blank=True)
    body = models.TextField(_("body"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    extractor_version = models.CharField(max_length=32, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
        db_index=True,
    )
    people = models.ManyToManyField("Speaker", blank=True, related_name="mentioned_in", verbose_name=_("people named"))
    directives = models.ManyToManyField(
        "Directive", blank=True, related_name="articles", verbose_name=_("directives referred to")
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "search_folded"])
    search_fields = ("title", "body")

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            # A web article's natural key, as source_file is a file's: two workers fetching
            # the same page make one article.
            models.UniqueConstraint(
                fields=["source_url"], condition=~Q(source_url=""), name="article_source_url_unique"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("articles:article_detail", self.slug)


class Paragraph(models.Model):
    """The body's structure: each paragraph's span and its part in the article."""

    class Role(models.TextChoices):
        LEDE = "lede", _("lede")
        HEADING = "heading", _("heading")
        QUESTION = "question", _("question")
        ANSWER = "answer", _("answer")
        CAPTION = "caption", _("photo caption")
        PULL_QUOTE = "pull_quote", _("pull quote")
        BODY = "body", _("body")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.BODY, db_index=True)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="paragraph_position_unique"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="paragraph_span_valid"),
        ]


# Pages under /speakers/ that are not a speaker's: no speaker may take their address.
SPEAKER_RESERVED_SLUGS = ("compare",)


class Speaker(Versioned):
    RESERVED_SLUGS = SPEAKER_RESERVED_SLUGS

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANIZATION = "organization", _("organization")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(slug__in=SPEAKER_RESERVED_SLUGS),
                name="speaker_slug_not_reserved",
                violation_error_message=_("This address is taken by another page of the site."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:speaker_detail", self.slug)


class SpeakerAlias(models.Model):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("speaker"))
    name = models.CharField(_("alias"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker alias")
        verbose_name_plural = _("speaker aliases")

    def __str__(self):
        return self.name


class SpeakerTitle(models.Model):
    """A title as an article gave it, on the article's date: titles held over time."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="titles", verbose_name=_("speaker"))
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="speaker_titles", verbose_name=_("article")
    )
    title = models.CharField(_("title"), max_length=300)
    seen_on = models.DateField(_("seen on"))

    class Meta:
        ordering = ["seen_on", "title"]
        verbose_name = _("title held")
        verbose_name_plural = _("titles held")
        constraints = [
            models.UniqueConstraint(fields=["speaker", "article", "title"], name="speaker_title_unique"),
        ]

    def __str__(self):
        return f"{self.title} ({self.seen_on:%Y-%m-%d})"


class Directive(Versioned):
    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("resolution")
        REGULATION = "regulation", _("regulation")
        DIRECTIVE = "directive", pgettext_lazy("kind of directive", "directive")
        CONCLUSION = "conclusion", _("conclusion")
        DECISION = "decision", _("decision")
        LAW = "law", _("law")
        DECREE = "decree", _("decree")
        CIRCULAR = "circular", _("circular")
        CONGRESS = "congress", _("congress document")
        PROGRAMME = "programme", _("programme")
        STRATEGY = "strategy", _("strategy")
        CONCEPT = "concept", _("concept or principle")
        GOAL = "goal", _("goal")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    code = models.CharField(_("code"), max_length=64, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name=_("parent")
    )
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related directives"))

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("directive")
        verbose_name_plural = _("directives")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:directive_detail", self.slug)


class DirectiveAlias(models.Model):
    """Another name for a directive. Extraction reads these, so editors extend the vocabulary."""

    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("directive")
    )
    name = models.CharField(_("alias"), max_length=300, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("directive alias")
        verbose_name_plural = _("directive aliases")

    def __str__(self):
        return self.name


class Quote(FoldedSearch, Versioned):
    class Kind(models.TextChoices):
        DIRECT = "direct", _("direct")
        REPORTED = "reported", _("reported")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("article"))
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes", verbose_name=_("speaker")
    )
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REPORTED)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    anchored = models.BooleanField(
        _("anchored"),
        default=True,
        help_text=_(
            "False when the source no longer contains this text: the statement is withdrawn, "
            "its address answers 410 Gone, and an editor may attach it to the new text."
        ),
    )
    # The W3C Web Annotation selector kept to find the text again after the source changes:
    # the text (``text``), the context either side, and the position (``start``) as a hint.
    prefix = models.CharField(_("text before"), max_length=64, blank=True, default="")
    suffix = models.CharField(_("text after"), max_length=64, blank=True, default="")
    source_changed = models.BooleanField(
        _("source changed"),
        default=False,
        help_text=_("A reload found this statement's text changed in the source: review it against the old text."),
    )
    previous_text = models.TextField(_("text before the source changed"), blank=True, default="")
    directives = models.ManyToManyField(Directive, blank=True, related_name="quotes", verbose_name=_("directives"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUGGESTED, db_index=True
    )
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices, default=Origin.EXTRACTED)
    edited = models.BooleanField(
        _("edited by an editor"), default=False, help_text=_("An edited suggestion is the editor's: a reload keeps it.")
    )
    note = models.TextField(_("note"), blank=True)
    quoted_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotations",
        verbose_name=_("quoted by"),
        help_text=_("The statement that quotes these words of another author (a leader quoted in an interview)."),
    )
    restatement_group = models.ForeignKey(
        "articles.RestatementGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        verbose_name=_("restatement group"),
        help_text=_("Statements an editor found to make the same point."),
    )

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "search_folded"])
    search_fields = ("text",)

    class Meta:
        ordering = ["article", "start", "end", "id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="quote_span_valid"),
            # One extracted suggestion per span: a second loader hits this, not a duplicate.
            # A withdrawn statement's span is only where its text was: it holds no place.
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                condition=Q(origin="extracted", anchored=True),
                name="quote_extracted_span_unique",
            ),
        ]
        indexes = [models.Index(fields=["speaker", "status"]), models.Index(fields=["status", "article"])]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        # A statement written without its context (a fixture, a shell) gets it from the body.
        if self._state.adding and self.anchored and not (self.prefix or self.suffix) and self.end:
            self.prefix, self.suffix = context_of(self.article.body, self.start, self.end)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("articles:quote_detail", self.pk)

    @property
    def withdrawn(self) -> bool:
        """The source no longer contains this statement's text."""
        return not self.anchored

    @property
    def is_editors(self) -> bool:
        """Whether an editor has made this statement theirs, so a reload must keep it."""
        return self.origin == Origin.EDITOR or self.status != Status.SUGGESTED or self.edited or bool(self.note)


class QuoteLink(models.Model):
    class Kind(models.TextChoices):
        RESTATES = "restates", _("restates")
        ELABORATES = "elaborates", _("elaborates")
        CONTRADICTS = "contradicts", _("contradicts")
        CITES = "cites", _("cites")

    from_quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("from statement")
    )
    to_quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("to statement")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.RESTATES)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUGGESTED, db_index=True
    )
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices, default=Origin.EXTRACTED)
    score = models.FloatField(_("score"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["from_quote", "to_quote", "kind"]
        verbose_name = _("statement link")
        verbose_name_plural = _("statement links")
        constraints = [
            models.UniqueConstraint(fields=["from_quote", "to_quote", "kind"], name="quote_link_unique"),
            models.CheckConstraint(condition=~Q(from_quote=F("to_quote")), name="quote_link_not_self"),
        ]

    def __str__(self):
        return f"{self.from_quote} — {self.get_kind_display()} — {self.to_quote}"


class FormerSlug(models.Model):
    """A slug a speaker or directive no longer has (after a merge or rename): its URL redirects."""

    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.CASCADE, related_name="former_slugs")
    directive = models.ForeignKey(
        Directive, null=True, blank=True, on_delete=models.CASCADE, related_name="former_slugs"
    )
    slug = models.SlugField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=Q(speaker__isnull=False), name="former_speaker_slug_unique"
            ),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(directive__isnull=False), name="former_directive_slug_unique"
            ),
            models.CheckConstraint(
                condition=Q(speaker__isnull=True) ^ Q(directive__isnull=True), name="former_slug_one_target"
            ),
        ]
