"""The restatement index's tie to its statements: triggers instead of a foreign key.

The foreign key checked each of a statement's fifty-odd shingle rows on its own; the
triggers below keep the same rules, once per statement. The
key's own index on ``quote_id`` goes too: the unique constraint on (quote, hash) serves
lookups by statement. On SQLite, altering the field rebuilds the table, so the triggers
are installed after it.
"""

import django.db.models.deletion
from django.db import migrations, models



# Frozen here as this migration installed it: later changes go in a migration of their own.
SHINGLES = "articles_shingle"


QUOTES = "articles_quote"


VIOLATION = "shingle row of a statement that does not exist"


POSTGRES_CHECK = f"""
CREATE OR REPLACE FUNCTION articles_shingle_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wanted bigint;
    locked bigint;
BEGIN
    SELECT count(DISTINCT quote_id) INTO wanted FROM new_shingles;
    SELECT count(*) INTO locked FROM (
        SELECT 1 FROM {QUOTES} q WHERE q.id IN (SELECT quote_id FROM new_shingles) FOR KEY SHARE OF q) AS l;
    IF locked < wanted THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = '{VIOLATION}',
            TABLE = '{SHINGLES}';
    END IF;
    RETURN NULL;
END $$"""


POSTGRES_CASCADE = f"""
CREATE OR REPLACE FUNCTION articles_shingle_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {SHINGLES} s USING old_quotes o WHERE s.quote_id = o.id;
    RETURN NULL;
END $$"""


def postgresql() -> list[str]:
    return [
        POSTGRES_CHECK,
        POSTGRES_CASCADE,
        *(f"CREATE OR REPLACE TRIGGER articles_shingle_{event.lower()} AFTER {event} ON {SHINGLES} "
          f"REFERENCING NEW TABLE AS new_shingles FOR EACH STATEMENT EXECUTE FUNCTION articles_shingle_check()"
          for event in ("INSERT", "UPDATE")),
        f"CREATE OR REPLACE TRIGGER articles_shingle_cascade AFTER DELETE ON {QUOTES} "
        f"REFERENCING OLD TABLE AS old_quotes FOR EACH STATEMENT EXECUTE FUNCTION articles_shingle_cascade()",
    ]


def postgresql_down() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS articles_shingle_insert ON {SHINGLES}",
            f"DROP TRIGGER IF EXISTS articles_shingle_update ON {SHINGLES}",
            f"DROP TRIGGER IF EXISTS articles_shingle_cascade ON {QUOTES}",
            "DROP FUNCTION IF EXISTS articles_shingle_check()",
            "DROP FUNCTION IF EXISTS articles_shingle_cascade()"]


def sqlite() -> list[str]:
    missing = f"WHEN NOT EXISTS (SELECT 1 FROM {QUOTES} WHERE id = NEW.quote_id)"
    fail = f"BEGIN SELECT RAISE(ABORT, '{VIOLATION}'); END"
    return [
        f"CREATE TRIGGER IF NOT EXISTS articles_shingle_insert BEFORE INSERT ON {SHINGLES} {missing} {fail}",
        f"CREATE TRIGGER IF NOT EXISTS articles_shingle_update BEFORE UPDATE OF quote_id ON {SHINGLES} "
        f"{missing} {fail}",
        f"CREATE TRIGGER IF NOT EXISTS articles_shingle_cascade AFTER DELETE ON {QUOTES} "
        f"BEGIN DELETE FROM {SHINGLES} WHERE quote_id = OLD.id; END",
    ]


def sqlite_down() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS articles_shingle_{name}" for name in ("insert", "update", "cascade")]



def execute(schema_editor, statements: dict, what: str) -> None:
    """Run ``statements[vendor]()`` with the schema editor; a database with none is refused."""
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise NotImplementedError(f"no {what} for {vendor}")
    for sql in statements[vendor]():
        schema_editor.execute(sql)


def install(apps, schema_editor):
    execute(schema_editor, {"postgresql": postgresql, "sqlite": sqlite}, "shingle triggers")


def uninstall(apps, schema_editor):
    execute(schema_editor, {"postgresql": postgresql_down, "sqlite": sqlite_down}, "shingle triggers")


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
