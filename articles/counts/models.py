"""The kept counts' tables (``articles.counts.tallies`` says how they are kept)."""

from django.db import models

# The counts refer to their speaker or directive without a foreign key constraint, and
# deleting one leaves its counts behind, unread: only the triggers write counts, at commit,
# in one order (see above). A deletion that locked count rows halfway through a transaction
# could deadlock with a loader's commit; a constraint could fail an editor's merge over a
# count folded for the directive it removes.
OWNER = {"on_delete": models.DO_NOTHING, "db_constraint": False}


class SpeakerTally(models.Model):
    speaker = models.OneToOneField("articles.Speaker", primary_key=True, related_name="tally", **OWNER)
    statements = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["-statements"], name="speakertally_statements_idx")]


class DirectiveTally(models.Model):
    directive = models.OneToOneField("articles.Directive", primary_key=True, related_name="tally", **OWNER)
    statements = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["-statements"], name="directivetally_statements_idx")]


class DirectiveMonth(models.Model):
    """Statements citing a directive in articles published in ``month`` (its first day)."""

    directive = models.ForeignKey("articles.Directive", related_name="months", **OWNER)
    month = models.DateField()
    statements = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["directive", "month"], name="directivemonth_unique")]
