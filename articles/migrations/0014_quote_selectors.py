"""Statements keep the context they were found in, so a reload finds them again.

Each statement gets the 32 characters before and after it (``prefix``, ``suffix``), as
annotation tools keep them, filled here from the article's body for the statements already
anchored (both databases count ``substr`` positions in characters, as Python's offsets
are); and, for when a reload finds its text changed, a flag and the text it had. A
statement the source no longer contains is withdrawn: it stays ``anchored`` false, as
before, so the kept counts (migration 0006) need no change.

Only anchored suggestions hold their span (``quote_extracted_span_unique``): a withdrawn one
keeps the offsets its text had, where the new text may have a suggestion of its own.

The columns are added with ``ALTER TABLE ... ADD COLUMN`` on both databases: Django would
rebuild SQLite's statement table for a NOT NULL column, and a rebuilt table loses the
triggers of migrations 0006 and 0007 that name it.
"""

from django.db import migrations, models

TABLES = ["articles_quote", "articles_historicalquote"]
COLUMNS = [
    "prefix varchar(64) NOT NULL DEFAULT ''",
    "suffix varchar(64) NOT NULL DEFAULT ''",
    "source_changed boolean NOT NULL DEFAULT false",
    "previous_text text NOT NULL DEFAULT ''",
]
ADD = [f"ALTER TABLE {table} ADD COLUMN {column}" for table in TABLES for column in COLUMNS]
DROP = [f"ALTER TABLE {table} DROP COLUMN {column.split()[0]}" for table in TABLES for column in COLUMNS]

BACKFILL = """
UPDATE articles_quote SET
    prefix = (
        SELECT substr(a.body, CASE WHEN articles_quote.start > 32 THEN articles_quote.start - 31 ELSE 1 END,
                      CASE WHEN articles_quote.start > 32 THEN 32 ELSE articles_quote.start END)
        FROM articles_article a WHERE a.id = articles_quote.article_id
    ),
    suffix = (
        SELECT substr(a.body, articles_quote."end" + 1, 32)
        FROM articles_article a WHERE a.id = articles_quote.article_id
    )
WHERE anchored
"""

HELP_ANCHORED = (
    "False when the source no longer contains this text: the statement is withdrawn, "
    "its address answers 410 Gone, and an editor may attach it to the new text."
)
HELP_CHANGED = "A reload found this statement's text changed in the source: review it against the old text."


def fields():
    return [
        ("prefix", models.CharField(blank=True, default="", max_length=64, verbose_name="text before")),
        ("suffix", models.CharField(blank=True, default="", max_length=64, verbose_name="text after")),
        ("source_changed", models.BooleanField(default=False, help_text=HELP_CHANGED, verbose_name="source changed")),
        (
            "previous_text",
            models.TextField(blank=True, default="", verbose_name="text before the source changed"),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_search_exact_vectors"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD, DROP)],
            state_operations=[
                migrations.AddField(model_name=model, name=name, field=field)
                for model in ("quote", "historicalquote")
                for name, field in fields()
            ],
        ),
        *(
            migrations.AlterField(
                model_name=model,
                name="anchored",
                field=models.BooleanField(default=True, help_text=HELP_ANCHORED, verbose_name="anchored"),
            )
            for model in ("quote", "historicalquote")
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        # A withdrawn statement keeps the offsets its text had, and no longer holds that span
        # against the suggestions of the new text.
        migrations.RemoveConstraint(model_name="quote", name="quote_extracted_span_unique"),
        migrations.AddConstraint(
            model_name="quote",
            constraint=models.UniqueConstraint(
                condition=models.Q(("anchored", True), ("origin", "extracted")),
                fields=("article", "start", "end"),
                name="quote_extracted_span_unique",
            ),
        ),
    ]
