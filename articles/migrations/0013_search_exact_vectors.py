"""Search, PostgreSQL: a second stored tsvector per searched table, with the marks kept.

Vietnamese words often differ only in their tone marks ("Tô" a surname, "Tổ" homeland;
"Lâm" a name, "làm" to do), and ``search_vector`` (0005) folds them all. ``search_exact``
is the same text through the ``simple`` configuration (lowercase, marks kept), with the same
weights: a word typed with marks is matched here, besides the folded phrase there
(``articles.search.postgresql``). Generated, like 0005's, so every writer keeps it, and
indexed with GIN; its cost in space is in docs/SEARCH.md.
"""

from django.db import migrations

VECTORS = {
    "articles_article": """setweight(to_tsvector('simple'::regconfig, title), 'A')
                           || setweight(to_tsvector('simple'::regconfig, body), 'B')""",
    "articles_quote": "to_tsvector('simple'::regconfig, text)",
    "articles_speaker": "to_tsvector('simple'::regconfig, name)",
    "articles_speakeralias": "to_tsvector('simple'::regconfig, name)",
    "articles_directive": """setweight(to_tsvector('simple'::regconfig, name || ' ' || code), 'A')
                             || setweight(to_tsvector('simple'::regconfig, description), 'C')""",
    "articles_directivealias": "to_tsvector('simple'::regconfig, name)",
}


def index_name(table: str) -> str:
    return f"{table.removeprefix('articles_')}_search_exact_idx"


POSTGRES_UP = [
    sql for table, expression in VECTORS.items() for sql in (
        f"ALTER TABLE {table} ADD COLUMN search_exact tsvector GENERATED ALWAYS AS ({expression}) STORED",
        f"CREATE INDEX {index_name(table)} ON {table} USING gin (search_exact)",
    )
] + [
    f"ANALYZE {', '.join(VECTORS)}",
]
POSTGRES_DOWN = [f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_exact" for table in VECTORS]


def postgres_only(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0012_source_provenance_and_feeds"),
    ]

    operations = [
        migrations.RunPython(postgres_only(POSTGRES_UP), postgres_only(POSTGRES_DOWN)),
    ]
