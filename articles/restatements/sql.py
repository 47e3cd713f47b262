"""The tie between the restatement index (``articles_shingle``) and its statements, kept by
triggers instead of a foreign key.

A statement of the synthetic corpus brings about 57 shingle rows, so a foreign key checks
each statement that often, one lookup and row lock per row. Loading 3,000 articles into
PostgreSQL, those checks were a third of the database's work per article (4 ms of 11, most
of it at commit): 48 articles/s with the key, 71 with none, about 60 with these triggers,
which keep the same rules, checked once per statement:

- a shingle row must name an existing statement, or its insert (or update) fails with
  an integrity error; on PostgreSQL, the statements named are locked against deletion
  until the transaction ends (``FOR KEY SHARE``, the lock a foreign key takes), once per
  statement per insert, for a whole COPY of rows at a time;
- deleting a statement deletes its shingle rows (the ORM deletes them first anyway; the
  trigger covers every other path, raw SQL included).

On PostgreSQL they are statement-level triggers that read the rows a statement wrote
(transition tables); SQLite has row-level triggers only, each as cheap as its own foreign
key check. The check is immediate, not deferred to commit as Django's foreign keys are:
statements are always written before their shingles. TRUNCATE of the statements is not
followed (Django's flush truncates both tables together).

SQLite rebuilds a table to alter it, which drops its triggers: a migration that alters the
statement or the shingle table must call ``install`` again after it on SQLite (it creates
only what is missing). ``tests/test_shingle_integrity.py`` fails if one is missing.
"""

from articles import vendor_sql

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


def install(schema_editor) -> None:
    vendor_sql.execute(schema_editor, {"postgresql": postgresql, "sqlite": sqlite}, "shingle triggers")


def uninstall(schema_editor) -> None:
    vendor_sql.execute(schema_editor, {"postgresql": postgresql_down, "sqlite": sqlite_down}, "shingle triggers")
