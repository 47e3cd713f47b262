"""Statement counts kept by the database, for the pages that rank or chart them.

The home page ranked every speaker and directive by counting all their statements, and a
directive's page counted its statements per month: work that grows with the archive on
every request. The counts are now kept in three tables by triggers (``articles.counts.tallies``
says how; the SQL is below), filled here from the statements.

The triggers come first: on PostgreSQL, creating them locks the three tables they follow
against writes until this migration commits, so no statement is written between the count
and the triggers.

Also on PostgreSQL, an index for the statements linked to one: their links in order of
strength, with every column the pages read, so the pages read the index alone however many
links an early, much restated statement has gathered.
"""

from django.db import migrations, models, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth


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


# Frozen here as this migration installed it: later changes go in a migration of their own.
PUBLIC = "('suggested', 'confirmed')"


CHANGES = "articles_tallychange"


FOLDS = "articles_tallyfold"


def _statement(row: str, sign: int, month: str) -> list[str]:
    """The counts statement ``row`` (OLD or NEW) adds to, with ``sign``."""
    public = f"a.id = {row}.article_id AND a.status = 'published' AND {row}.status IN {PUBLIC} AND {row}.anchored"
    return [
        f"INSERT INTO {CHANGES} (speaker_id, directive_id, month, n) SELECT {row}.speaker_id, NULL, NULL, {sign} "
        f"FROM articles_article a WHERE {public} AND {row}.speaker_id IS NOT NULL",
        f"INSERT INTO {CHANGES} (speaker_id, directive_id, month, n) SELECT NULL, c.directive_id, {month}, {sign} "
        f"FROM articles_article a JOIN articles_quote_directives c ON c.quote_id = {row}.id WHERE {public}",
    ]


def _citation(row: str, sign: int, month: str) -> list[str]:
    return [
        f"INSERT INTO {CHANGES} (speaker_id, directive_id, month, n) SELECT NULL, {row}.directive_id, {month}, {sign} "
        f"FROM articles_quote q JOIN articles_article a ON a.id = q.article_id "
        f"WHERE q.id = {row}.quote_id AND a.status = 'published' AND q.status IN {PUBLIC} AND q.anchored",
    ]


def _article(row: str, sign: int, month: str) -> list[str]:
    public = f"q.article_id = {row}.id AND {row}.status = 'published' AND q.status IN {PUBLIC} AND q.anchored"
    return [
        f"INSERT INTO {CHANGES} (speaker_id, directive_id, month, n) SELECT q.speaker_id, NULL, NULL, {sign} "
        f"FROM articles_quote q WHERE {public} AND q.speaker_id IS NOT NULL",
        f"INSERT INTO {CHANGES} (speaker_id, directive_id, month, n) SELECT NULL, c.directive_id, {month}, {sign} "
        f"FROM articles_quote q JOIN articles_quote_directives c ON c.quote_id = q.id WHERE {public}",
    ]


# table, what a change of a row adds, the columns whose change matters.
FOLLOWED = {
    "quote": ("articles_quote", _statement, ("status", "anchored", "speaker_id", "article_id")),
    "citation": ("articles_quote_directives", _citation, ("quote_id", "directive_id")),
    "article": ("articles_article", _article, ("status", "published_on")),
}


def _upserts(source: str, total: str, grouped: bool) -> list[str]:
    """Add the changes ``source`` to the three counts, of speakers and directives that still
    exist. ``grouped``: one sum per count, in id order; otherwise ``source`` is one row (and
    SQLite needs a WHERE to read ON CONFLICT as the upsert's, not as the join's)."""
    group = " GROUP BY 1 HAVING sum(c.n) <> 0 ORDER BY 1" if grouped else " WHERE true"
    group_month = " GROUP BY 1, 2 HAVING sum(c.n) <> 0 ORDER BY 1, 2" if grouped else " WHERE true"
    return [
        f"INSERT INTO articles_speakertally (speaker_id, statements) SELECT c.speaker_id, {total} "
        f"FROM {source} JOIN articles_speaker s ON s.id = c.speaker_id{group} "
        "ON CONFLICT (speaker_id) DO UPDATE "
        "SET statements = articles_speakertally.statements + excluded.statements",
        f"INSERT INTO articles_directivetally (directive_id, statements) SELECT c.directive_id, {total} "
        f"FROM {source} JOIN articles_directive d ON d.id = c.directive_id{group} "
        "ON CONFLICT (directive_id) DO UPDATE "
        "SET statements = articles_directivetally.statements + excluded.statements",
        f"INSERT INTO articles_directivemonth (directive_id, month, statements) "
        f"SELECT c.directive_id, c.month, {total} "
        f"FROM {source} JOIN articles_directive d ON d.id = c.directive_id{group_month} "
        "ON CONFLICT (directive_id, month) DO UPDATE "
        "SET statements = articles_directivemonth.statements + excluded.statements",
    ]


def postgresql() -> list[str]:
    month = "date_trunc('month', a.published_on)::date"
    article_month = {"OLD": "date_trunc('month', OLD.published_on)::date",
                     "NEW": "date_trunc('month', NEW.published_on)::date"}
    # Changes wait in an unlogged table (they never outlive their transaction); a
    # transaction with changes also writes one row of FOLDS, whose deferred trigger folds
    # them at commit: once per transaction, not once per change (a loader's batch makes
    # thousands, and a trigger per change would read them all again each time).
    sql = [
        f"CREATE UNLOGGED TABLE {CHANGES} (txid bigint NOT NULL DEFAULT txid_current(), speaker_id bigint, "
        "directive_id bigint, month date, n integer NOT NULL)",
        f"CREATE INDEX {CHANGES}_txid ON {CHANGES} (txid)",
        f"CREATE UNLOGGED TABLE {FOLDS} (txid bigint PRIMARY KEY)",
    ]
    for name, (table, changes, columns) in FOLLOWED.items():
        def body(row, sign):
            return ";\n    ".join(changes(row, sign, article_month[row] if name == "article" else month))
        sql.append(f"""CREATE FUNCTION articles_tally_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    {body("OLD", -1)};
  END IF;
  IF TG_OP <> 'DELETE' THEN
    {body("NEW", 1)};
  END IF;
  INSERT INTO {FOLDS} VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$""")
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
        sql += [f"CREATE TRIGGER articles_tally_{name} AFTER INSERT OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION articles_tally_{name}()",
                f"CREATE TRIGGER articles_tally_{name}_change AFTER UPDATE ON {table} "
                f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION articles_tally_{name}()"]
    # All of the transaction's changes in one go, in the order of the upserts and of the
    # ids within each: the same order for every transaction.
    own = f"(SELECT * FROM {CHANGES} WHERE txid = txid_current()) c"
    fold = ";\n  ".join(_upserts(own, "sum(c.n)", grouped=True))
    sql += [f"""CREATE FUNCTION articles_tally_fold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {fold};
  DELETE FROM {CHANGES} WHERE txid = txid_current();
  DELETE FROM {FOLDS} WHERE txid = txid_current();
  RETURN NULL;
END $$""",
            f"CREATE CONSTRAINT TRIGGER articles_tally_fold AFTER INSERT ON {FOLDS} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION articles_tally_fold()"]
    return sql


def postgresql_down() -> list[str]:
    sql = [f"DROP TABLE IF EXISTS {FOLDS}", f"DROP TABLE IF EXISTS {CHANGES}",
           "DROP FUNCTION IF EXISTS articles_tally_fold()"]
    for name, (table, _, _) in FOLLOWED.items():
        sql += [f"DROP TRIGGER IF EXISTS articles_tally_{name} ON {table}",
                f"DROP TRIGGER IF EXISTS articles_tally_{name}_change ON {table}",
                f"DROP FUNCTION IF EXISTS articles_tally_{name}()"]
    return sql


def sqlite() -> list[str]:
    month = "strftime('%Y-%m-01', a.published_on)"
    article_month = {"OLD": "strftime('%Y-%m-01', OLD.published_on)",
                     "NEW": "strftime('%Y-%m-01', NEW.published_on)"}
    sql = [f"CREATE TABLE IF NOT EXISTS {CHANGES} (speaker_id integer, directive_id integer, month date, "
           "n integer NOT NULL)"]
    for name, (table, changes, columns) in FOLLOWED.items():
        def body(*rows):
            return " ".join(f"{s};" for row, sign in rows
                            for s in changes(row, sign, article_month[row] if name == "article" else month))
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
        sql += [f"CREATE TRIGGER IF NOT EXISTS articles_tally_{name}_insert AFTER INSERT ON {table} "
                f"BEGIN {body(('NEW', 1))} END",
                f"CREATE TRIGGER IF NOT EXISTS articles_tally_{name}_delete AFTER DELETE ON {table} "
                f"BEGIN {body(('OLD', -1))} END",
                f"CREATE TRIGGER IF NOT EXISTS articles_tally_{name}_change AFTER UPDATE ON {table} WHEN {changed} "
                f"BEGIN {body(('OLD', -1), ('NEW', 1))} END"]
    # One writer at a time: each change goes into the counts as it is written.
    new = "(SELECT NEW.speaker_id AS speaker_id, NEW.directive_id AS directive_id, NEW.month AS month, NEW.n AS n) c"
    fold = " ".join(f"{s};" for s in _upserts(new, "c.n", grouped=False))
    sql.append(f"CREATE TRIGGER IF NOT EXISTS articles_tally_fold AFTER INSERT ON {CHANGES} "
               f"BEGIN {fold} DELETE FROM {CHANGES} WHERE rowid = NEW.rowid; END")
    return sql


def sqlite_down() -> list[str]:
    sql = ["DROP TRIGGER IF EXISTS articles_tally_fold", f"DROP TABLE IF EXISTS {CHANGES}"]
    for name in FOLLOWED:
        sql += [f"DROP TRIGGER IF EXISTS articles_tally_{name}_{event}" for event in ("insert", "delete", "change")]
    return sql



def execute(schema_editor, statements: dict, what: str) -> None:
    """Run ``statements[vendor]()`` with the schema editor; a database with none is refused."""
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise NotImplementedError(f"no {what} for {vendor}")
    for sql in statements[vendor]():
        schema_editor.execute(sql)


def rebuild(using: str, apps) -> None:
    """Every count from the statements, as readers saw them when this migration ran."""
    quotes, speakers, directives, months = (apps.get_model("articles", name) for name in (
        "Quote", "SpeakerTally", "DirectiveTally", "DirectiveMonth"))
    public = (quotes._default_manager.using(using).order_by()
              .filter(status__in=("suggested", "confirmed"), anchored=True, article__status="published"))
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


def install(apps, schema_editor):
    execute(schema_editor, {"postgresql": postgresql, "sqlite": sqlite}, "statement counts")
    rebuild(schema_editor.connection.alias, apps)


def uninstall(apps, schema_editor):
    execute(schema_editor, {"postgresql": postgresql_down, "sqlite": sqlite_down}, "statement counts")


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
