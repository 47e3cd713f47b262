"""Provenance of an article, and the feeds the archive follows.

An article records where it was published: its canonical URL (unique when present, the
natural key of a web article as ``source_file`` is of a file), outlet, authors, the moment
of publication, and when it was fetched. Feeds are the outlets' RSS and Atom feeds.

The columns are added by the SQL below rather than by Django's operations: on SQLite those
rebuild a table to add a NOT NULL column, and a rebuilt articles table would lose the
triggers of migration 0006 that keep the statement counts.
"""

from django.db import migrations, models

COLUMNS = {
    "postgresql": [
        "ADD COLUMN source_url varchar(1000) DEFAULT '' NOT NULL",
        "ADD COLUMN outlet varchar(200) DEFAULT '' NOT NULL",
        "ADD COLUMN authors jsonb DEFAULT '[]'::jsonb NOT NULL",
        "ADD COLUMN published_at timestamp with time zone NULL",
        "ADD COLUMN fetched_at timestamp with time zone NULL",
        "ALTER COLUMN source_url DROP DEFAULT",
        "ALTER COLUMN outlet DROP DEFAULT",
        "ALTER COLUMN authors DROP DEFAULT",
    ],
    # SQLite cannot drop a column's default: the loader always writes every column.
    "sqlite": [
        "ADD COLUMN source_url varchar(1000) DEFAULT '' NOT NULL",
        "ADD COLUMN outlet varchar(200) DEFAULT '' NOT NULL",
        "ADD COLUMN authors text DEFAULT '[]' NOT NULL CHECK ((JSON_VALID(authors) OR authors IS NULL))",
        "ADD COLUMN published_at datetime NULL",
        "ADD COLUMN fetched_at datetime NULL",
    ],
}
DROPPED = ["source_url", "outlet", "authors", "published_at", "fetched_at"]
UNIQUE_URL = (
    "CREATE UNIQUE INDEX article_source_url_unique ON articles_article (source_url) WHERE NOT (source_url = '')"
)


def add_columns(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in ("articles_article", "articles_historicalarticle"):
        for clause in COLUMNS[vendor]:
            schema_editor.execute(f"ALTER TABLE {table} {clause}")
    schema_editor.execute(UNIQUE_URL)


def drop_columns(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS article_source_url_unique")
    for table in ("articles_article", "articles_historicalarticle"):
        for column in DROPPED:
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_quoted_by"),
    ]

    operations = [
        migrations.CreateModel(
            name="Feed",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("url", models.URLField(max_length=1000, unique=True, verbose_name="feed URL")),
                (
                    "outlet",
                    models.CharField(
                        blank=True,
                        help_text="Used when a page does not name its outlet.",
                        max_length=200,
                        verbose_name="outlet",
                    ),
                ),
                (
                    "active",
                    models.BooleanField(default=True, help_text="Polled on the schedule.", verbose_name="active"),
                ),
                ("etag", models.CharField(blank=True, editable=False, max_length=500)),
                ("modified", models.CharField(blank=True, editable=False, max_length=100)),
                (
                    "last_polled",
                    models.DateTimeField(blank=True, editable=False, null=True, verbose_name="last polled"),
                ),
                (
                    "last_result",
                    models.CharField(blank=True, editable=False, max_length=300, verbose_name="last result"),
                ),
                ("last_error", models.TextField(blank=True, editable=False, verbose_name="last error")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
            ],
            options={
                "verbose_name": "feed",
                "verbose_name_plural": "feeds",
                "ordering": ["url"],
            },
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_columns, drop_columns)],
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="authors",
                    field=models.JSONField(blank=True, default=list, verbose_name="authors"),
                ),
                migrations.AddField(
                    model_name="article",
                    name="fetched_at",
                    field=models.DateTimeField(blank=True, null=True, verbose_name="fetched at"),
                ),
                migrations.AddField(
                    model_name="article",
                    name="outlet",
                    field=models.CharField(blank=True, max_length=200, verbose_name="outlet"),
                ),
                migrations.AddField(
                    model_name="article",
                    name="published_at",
                    field=models.DateTimeField(blank=True, null=True, verbose_name="published at"),
                ),
                migrations.AddField(
                    model_name="article",
                    name="source_url",
                    field=models.URLField(blank=True, max_length=1000, verbose_name="canonical URL"),
                ),
                migrations.AddField(
                    model_name="historicalarticle",
                    name="authors",
                    field=models.JSONField(blank=True, default=list, verbose_name="authors"),
                ),
                migrations.AddField(
                    model_name="historicalarticle",
                    name="fetched_at",
                    field=models.DateTimeField(blank=True, null=True, verbose_name="fetched at"),
                ),
                migrations.AddField(
                    model_name="historicalarticle",
                    name="outlet",
                    field=models.CharField(blank=True, max_length=200, verbose_name="outlet"),
                ),
                migrations.AddField(
                    model_name="historicalarticle",
                    name="published_at",
                    field=models.DateTimeField(blank=True, null=True, verbose_name="published at"),
                ),
                migrations.AddField(
                    model_name="historicalarticle",
                    name="source_url",
                    field=models.URLField(blank=True, max_length=1000, verbose_name="canonical URL"),
                ),
                migrations.AddConstraint(
                    model_name="article",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("source_url", ""), _negated=True),
                        fields=("source_url",),
                        name="article_source_url_unique",
                    ),
                ),
            ],
        ),
    ]
