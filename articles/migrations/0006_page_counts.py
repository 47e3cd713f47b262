"""Statement counts kept by the database, for the pages that rank or chart them.

The home page ranked every speaker and directive by counting all their statements, and a
directive's page counted its statements per month: work that grows with the archive on
every request. The counts are now kept in three tables by triggers (``articles.counts.tallies``
says how, ``articles.counts.sql`` holds them), filled here from the statements.

The triggers come first: on PostgreSQL, creating them locks the three tables they follow
against writes until this migration commits, so no statement is written between the count
and the triggers.

Also on PostgreSQL, an index for the statements linked to one: their links in order of
strength, with every column the pages read, so the pages read the index alone however many
links an early, much restated statement has gathered.
"""

from django.db import migrations, models

from articles.counts import tallies, sql as tally_triggers

POSTGRES_UP = [
    "CREATE INDEX quotelink_incoming_idx ON articles_quotelink (to_quote_id, score DESC, id) "
    "INCLUDE (from_quote_id, status, kind)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS quotelink_incoming_idx"]


def postgres_only(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


def install(apps, schema_editor):
    tally_triggers.install(schema_editor)
    tallies.rebuild(schema_editor.connection.alias, apps)


def uninstall(apps, schema_editor):
    tally_triggers.uninstall(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0005_search_vectors"),
    ]

    operations = [
        migrations.CreateModel(
            name="DirectiveTally",
            fields=[
                ("directive", models.OneToOneField(db_constraint=False, on_delete=models.DO_NOTHING, primary_key=True, related_name="tally", serialize=False, to="articles.directive")),
                ("statements", models.IntegerField(default=0)),
            ],
            options={
                "indexes": [models.Index(fields=["-statements"], name="directivetally_statements_idx")],
            },
        ),
        migrations.CreateModel(
            name="SpeakerTally",
            fields=[
                ("speaker", models.OneToOneField(db_constraint=False, on_delete=models.DO_NOTHING, primary_key=True, related_name="tally", serialize=False, to="articles.speaker")),
                ("statements", models.IntegerField(default=0)),
            ],
            options={
                "indexes": [models.Index(fields=["-statements"], name="speakertally_statements_idx")],
            },
        ),
        migrations.CreateModel(
            name="DirectiveMonth",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField()),
                ("statements", models.IntegerField(default=0)),
                ("directive", models.ForeignKey(db_constraint=False, on_delete=models.DO_NOTHING, related_name="months", to="articles.directive")),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("directive", "month"), name="directivemonth_unique")],
            },
        ),
        migrations.RunPython(install, uninstall),
        migrations.RunPython(postgres_only(POSTGRES_UP), postgres_only(POSTGRES_DOWN)),
    ]
