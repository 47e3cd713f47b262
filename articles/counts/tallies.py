"""How many public statements each speaker and directive has, and each directive per month.

The home page ranks every speaker and directive by these numbers, and a directive's page
charts its statements per month. Counted on each request, that reads every statement of
the archive (or every one citing a directive): 0.7 s for the home page at 20,000 articles,
growing with them. So the numbers are kept instead, by the database: triggers
(``articles.counts.sql``, installed by migration 0006) follow every write that can
change them, whichever code makes it (the loader's bulk inserts, an editor's review, a
merge, an import), and ``rebuild()`` (``manage.py recount_statements``) counts again.

PostgreSQL: the triggers note each change in a side table and fold the changes into the
counts once, when the transaction commits, in a fixed order. Two loaders at once then never
wait on each other's counts halfway through, so they cannot deadlock on them, and a count
row is locked only while a commit folds into it. A transaction reads its own changes in the
counts only after ``settle()``.

SQLite has one writer at a time: its triggers change the counts at once.
"""

from django.apps import apps as django_apps
from django.db import connections, models, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth

from articles.querysets import PUBLIC_STATUSES

FOLD_TRIGGER = "articles_tally_fold"


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


def settle(using: str = "default") -> None:
    """Fold this transaction's changes into the counts now, and later ones after each
    statement, for a transaction that reads the counts it changes (a test). Outside a
    transaction, and on SQLite, the counts are always current."""
    connection = connections[using]
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {FOLD_TRIGGER} IMMEDIATE")


def rebuild(using: str = "default", apps=None) -> None:
    """Every count again from the statements, with nothing else writing: after a repair made
    with the triggers switched off, say. ``apps``: a migration's models."""
    get = apps.get_model if apps else django_apps.get_model
    quotes, speakers, directives, months = (get("articles", name) for name in (
        "Quote", "SpeakerTally", "DirectiveTally", "DirectiveMonth"))
    public = (quotes._default_manager.using(using).order_by()
              .filter(status__in=PUBLIC_STATUSES, anchored=True, article__status="published"))
    cited = public.filter(directives__isnull=False)
    with transaction.atomic(using=using):
        for model in (speakers, directives, months):
            model._default_manager.using(using).all().delete()
        speakers._default_manager.using(using).bulk_create(
            speakers(speaker_id=row["speaker"], statements=row["n"])
            for row in public.filter(speaker__isnull=False).values("speaker").annotate(n=Count("pk")))
        directives._default_manager.using(using).bulk_create(
            directives(directive_id=row["directives"], statements=row["n"])
            for row in cited.values("directives").annotate(n=Count("pk")))
        months._default_manager.using(using).bulk_create(
            months(directive_id=row["directives"], month=row["month"], statements=row["n"])
            for row in cited.annotate(month=TruncMonth("article__published_on")).values("directives", "month")
            .annotate(n=Count("pk")))
