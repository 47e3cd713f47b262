"""The restatement index's tie to its statements: triggers instead of a foreign key.

The foreign key checked each of a statement's fifty-odd shingle rows on its own; the
triggers of ``articles.restatements.sql`` keep the same rules, once per statement. The
key's own index on ``quote_id`` goes too: the unique constraint on (quote, hash) serves
lookups by statement. On SQLite, altering the field rebuilds the table, so the triggers
are installed after it.
"""

import django.db.models.deletion
from django.db import migrations, models

from articles.restatements import sql as shingle_triggers


def install(apps, schema_editor):
    shingle_triggers.install(schema_editor)


def uninstall(apps, schema_editor):
    shingle_triggers.uninstall(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0006_page_counts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="shingle",
            name="quote",
            field=models.ForeignKey(db_constraint=False, db_index=False,
                                    on_delete=django.db.models.deletion.CASCADE, related_name="shingles",
                                    to="articles.quote"),
        ),
        migrations.RunPython(install, uninstall),
    ]
