"""The archive's fixed sets of values, apart from the models so that the querysets can
state the public rule with them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Review state of anything extraction suggests and an editor decides on."""

    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class Origin(models.TextChoices):
    EXTRACTED = "extracted", _("extracted")
    EDITOR = "editor", _("editor")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
