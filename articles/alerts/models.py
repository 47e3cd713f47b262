"""A reader's subscription to a speaker, a directive or a search, and the confirmation mails
sent, which the throttle counts. Targets are named by string, so the core can register these
models without this module importing it."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

ACTIVE = Q(unsubscribed_at__isnull=True)
TARGET_SPEAKER = Q(speaker__isnull=False, directive__isnull=True, query="")
TARGET_DIRECTIVE = Q(speaker__isnull=True, directive__isnull=False, query="")
TARGET_SEARCH = Q(speaker__isnull=True, directive__isnull=True) & ~Q(query="")


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ACTIVE)

    def confirmed(self):
        """Those the daily digest goes to: confirmed and not unsubscribed."""
        return self.active().filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    """One address following one thing. The watermark is the highest statement id a digest
    has carried to it (at confirmation, the highest there was): the next digest holds only
    statements above it, and it moves once the mail server has accepted the mail."""

    email = models.EmailField(_("email address"))
    speaker = models.ForeignKey(
        "articles.Speaker", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("speaker")
    )
    directive = models.ForeignKey(
        "articles.Directive",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("directive"),
    )
    # As long as the search page reads a query (articles.search.query.MAX_QUERY_CHARS).
    query = models.CharField(_("search"), max_length=300, blank=True, default="")
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    last_sent_quote_id = models.BigIntegerField(_("last statement sent"), default=0)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=TARGET_SPEAKER | TARGET_DIRECTIVE | TARGET_SEARCH, name="subscription_one_target"
            ),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="subscription_email_lowercase"),
            models.UniqueConstraint(
                fields=["email", "speaker"],
                condition=ACTIVE & Q(speaker__isnull=False),
                name="subscription_speaker_once",
            ),
            models.UniqueConstraint(
                fields=["email", "directive"],
                condition=ACTIVE & Q(directive__isnull=False),
                name="subscription_directive_once",
            ),
            models.UniqueConstraint(
                fields=["email", "query"], condition=ACTIVE & ~Q(query=""), name="subscription_search_once"
            ),
        ]
        indexes = [models.Index(fields=["email", "confirmed_at"], name="subscription_email_confirmed")]

    def __str__(self):
        return f"{self.email} → {self.target_name}"

    @property
    def target_name(self) -> str:
        if self.speaker_id:
            return self.speaker.name
        if self.directive_id:
            return self.directive.name
        return f"“{self.query}”"


class ConfirmationMail(models.Model):
    """A confirmation mail sent: to whom, at whose request. Kept in the database so that every
    app server counts the same mails (a local-memory cache would count per process)."""

    email = models.EmailField()
    client = models.GenericIPAddressField(null=True, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["email", "sent_at"], name="confirmation_email_sent"),
            models.Index(fields=["client", "sent_at"], name="confirmation_client_sent"),
        ]
