"""How many public statements each speaker and directive has, and each directive per month.

The home page ranks every speaker and directive by these numbers, and a directive's page
charts its statements per month. Counted on each request, that reads every statement of
the archive (or every one citing a directive), a cost that grows with it. So the numbers
are kept instead, by the database: triggers (installed by migration 0006, which holds
their SQL) follow every write that can change them, whichever code makes it (the
loader's bulk inserts, an editor's review, a merge, an import), and ``rebuild()``
(``manage.py recount_statements``) counts again.

PostgreSQL: the triggers note each change in a side table and fold the changes into the
counts once, when the transaction commits, in a fixed order. Two loaders at once then never
wait on each other's counts halfway through, so they cannot deadlock on them, and a count
row is locked only while a commit folds into it. A transaction reads its own changes in the
counts only after ``settle()``.

SQLite has one writer at a time: its triggers change the counts at once.
"""

from django.db import connections, transaction
from django.db.models import Count, F, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncMonth

from articles.counts.models import DirectiveMonth, DirectiveTally, SpeakerTally
from articles.models import Quote

FOLD_TRIGGER = "articles_tally_fold"


def settle(using: str = "default") -> None:
    """Fold this transaction's changes into the counts now, and later ones after each
    statement, for a transaction that reads the counts it changes (a test). Outside a
    transaction, and on SQLite, the counts are always current."""
    connection = connections[using]
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {FOLD_TRIGGER} IMMEDIATE")


def rebuild(using: str = "default") -> None:
    """Every count again from the statements, with nothing else writing: after a repair made
    with the triggers switched off, say."""
    public = Quote.objects.using(using).public().order_by()
    cited = public.filter(directives__isnull=False)
    with transaction.atomic(using=using):
        for model in (SpeakerTally, DirectiveTally, DirectiveMonth):
            model.objects.using(using).all().delete()
        SpeakerTally.objects.using(using).bulk_create(
            SpeakerTally(speaker_id=row["speaker"], statements=row["n"])
            for row in public.filter(speaker__isnull=False).values("speaker").annotate(n=Count("pk"))
        )
        DirectiveTally.objects.using(using).bulk_create(
            DirectiveTally(directive_id=row["directives"], statements=row["n"])
            for row in cited.values("directives").annotate(n=Count("pk"))
        )
        DirectiveMonth.objects.using(using).bulk_create(
            DirectiveMonth(directive_id=row["directives"], month=row["month"], statements=row["n"])
            for row in cited.annotate(month=TruncMonth("article__published_on"))
            .values("directives", "month")
            .annotate(n=Count("pk"))
        )


def per_row_statement_count(field: str):
    """Public statements of each row, for annotate(): ``field`` is Quote's way to the row
    ("article", "speaker", "directives").

    A correlated subquery, so PostgreSQL counts for the rows a page shows, after the LIMIT;
    Count() over a join would group every statement of every row first."""
    counted = (
        Quote.objects.public()
        .filter(**{field: OuterRef("pk")})
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return Subquery(counted, output_field=IntegerField())


def kept_statement_count():
    """A speaker's or a directive's public statements, as the database keeps them: a join,
    where a subquery would count a directive's 80,000 citations on every page that shows it."""
    return Coalesce(F("tally__statements"), 0)
