"""The triggers that keep ``articles.counts.tallies`` current, for PostgreSQL and for SQLite.

A statement counts when readers see it: status suggested or confirmed, anchored, in a
published article; it counts for its speaker, and for each directive it cites in the month
its article was published. Every write that can change that is followed:

- a statement inserted, deleted, or changed in status, anchoring, speaker or article;
- a citation (a row of the statement-directive table) added, removed or moved (a merge);
- an article published, unpublished, redated or deleted.

Each trigger writes the change as rows of ``articles_tallychange`` (+1 or -1 for a speaker,
or for a directive and month), and only those rows are folded into the counts: at commit on
PostgreSQL (see ``articles.counts.tallies``), at once on SQLite. A deletion is counted whichever
order Django deletes in: a citation removed after its statement, or a statement after its
article, finds nothing left to subtract, because the first deletion already did.

SQLite rebuilds a table to alter it, which drops its triggers: a migration that alters the
statement, citation or article table must call ``install`` again after it on SQLite (it
creates only what is missing there), then ``articles.counts.tallies.rebuild``. The tests of
``tests/test_tallies.py`` fail on SQLite if a migration has dropped them.
"""

from articles import vendor_sql

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


def install(schema_editor) -> None:
    vendor_sql.execute(schema_editor, {"postgresql": postgresql, "sqlite": sqlite}, "statement counts")


def uninstall(schema_editor) -> None:
    vendor_sql.execute(schema_editor, {"postgresql": postgresql_down, "sqlite": sqlite_down}, "statement counts")
