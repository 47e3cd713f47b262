from django.db import migrations, models

RESERVED = ("compare",)
NAME = "speaker_slug_not_reserved"


def move_reserved(apps, schema_editor):
    """A speaker whose slug is a page's address ("compare") was never reachable at it: give
    it the first free numbered slug, as the loader would have."""
    Speaker = apps.get_model("articles", "Speaker")
    for speaker in Speaker.objects.filter(slug__in=RESERVED):
        n = 2
        while Speaker.objects.filter(slug=f"{speaker.slug}-{n}").exists():
            n += 1
        speaker.slug = f"{speaker.slug}-{n}"
        speaker.save(update_fields=["slug"])


def add_check(apps, schema_editor):
    """PostgreSQL gets the CHECK constraint itself. SQLite adds a constraint by rebuilding
    the table, which the triggers of other tables that name it (the page counts') do not
    survive, so there two triggers refuse the same rows with the constraint's name."""
    values = ", ".join(f"'{slug}'" for slug in RESERVED)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE articles_speaker ADD CONSTRAINT {NAME} CHECK (NOT (slug IN ({values})))")
        return
    for event, when in (("insert", "INSERT"), ("update", "UPDATE OF slug")):
        schema_editor.execute(
            f"CREATE TRIGGER {NAME}_{event} BEFORE {when} ON articles_speaker "
            f"WHEN NEW.slug IN ({values}) BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {NAME}'); END"
        )


def drop_check(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE articles_speaker DROP CONSTRAINT {NAME}")
        return
    for event in ("insert", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {NAME}_{event}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_quote_selectors"),
    ]

    operations = [
        migrations.RunPython(move_reserved, migrations.RunPython.noop),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_check, drop_check)],
            state_operations=[
                migrations.AddConstraint(
                    model_name="speaker",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("slug__in", RESERVED), _negated=True),
                        name=NAME,
                        violation_error_message="This address is taken by another page of the site.",
                    ),
                ),
            ],
        ),
    ]
