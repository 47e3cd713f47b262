"""Search, PostgreSQL: a stored tsvector column on every searched table.

0003 indexed expressions, so finding rows was fast but everything else ran to_tsvector again
on each row it touched: ranking every match, and any plan the planner preferred over the
index (a scan of 5,000 directive aliases cost 17 ms of to_tsvector for a word none had). A
generated column is computed once, when the row is written, and ANALYZE keeps statistics on
it: the planner then knows how common a word is and chooses between the GIN index (a rare
word) and reading newest first until enough rows match (a common one). Each column is the
expression 0003 indexed, so a query means what it meant.

The models know nothing of them: SQLite has no tsvector, and Django never writes a generated
column. ``articles/search.py`` reads them (``StoredVector``).
"""

from django.db import migrations

# table -> (the expression 0003 indexed, its index there)
VECTORS = {
    "articles_article": ("""setweight(to_tsvector('pa_vi'::regconfig, title), 'A')
                            || setweight(to_tsvector('pa_vi'::regconfig, body), 'B')""", "article_search_idx"),
    "articles_quote": ("to_tsvector('pa_vi'::regconfig, text)", "quote_search_idx"),
    "articles_speaker": ("to_tsvector('pa_vi'::regconfig, name)", "speaker_search_idx"),
    "articles_speakeralias": ("to_tsvector('pa_vi'::regconfig, name)", "speakeralias_search_idx"),
    "articles_directive": ("""setweight(to_tsvector('pa_vi'::regconfig, name || ' ' || code), 'A')
                              || setweight(to_tsvector('pa_vi'::regconfig, description), 'C')""",
                           "directive_search_idx"),
    "articles_directivealias": ("to_tsvector('pa_vi'::regconfig, name)", "directivealias_search_idx"),
}


def index_name(table: str) -> str:
    return f"{table.removeprefix('articles_')}_search_vector_idx"


POSTGRES_UP = [
    sql for table, (expression, old_index) in VECTORS.items() for sql in (
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED",
        f"CREATE INDEX {index_name(table)} ON {table} USING gin (search_vector)",
        f"DROP INDEX IF EXISTS {old_index}",
    )
] + [
    # Statistics on the new columns now, not at the next autovacuum: the plans depend on them.
    f"ANALYZE {', '.join(VECTORS)}",
]
POSTGRES_DOWN = [
    sql for table, (expression, old_index) in VECTORS.items() for sql in (
        f"CREATE INDEX IF NOT EXISTS {old_index} ON {table} USING gin (({expression}))",
        f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector",
    )
]


def postgres_only(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0004_shingle_frequency"),
    ]

    operations = [
        migrations.RunPython(postgres_only(POSTGRES_UP), postgres_only(POSTGRES_DOWN)),
    ]
