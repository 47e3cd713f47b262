"""Search: SQLite's folded columns, and PostgreSQL's full-text indexes.

The folded columns exist on both databases (plain text, filled by the models); the text
search configuration and the GIN indexes are PostgreSQL's only, created by a step that does
nothing elsewhere. ``articles/search.py`` writes its queries against these exact expressions.
"""

import re
import unicodedata

from django.db import migrations, models


# 'simple' keeps every Vietnamese syllable (no stemming, no stop words); unaccent folds
# the diacritics and đ, simple then lowercases.
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'pa_vi') THEN
           CREATE TEXT SEARCH CONFIGURATION pa_vi (COPY = simple);
           ALTER TEXT SEARCH CONFIGURATION pa_vi
             ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
         END IF;
       END $$""",
    """CREATE INDEX IF NOT EXISTS article_search_idx ON articles_article USING gin ((
         setweight(to_tsvector('pa_vi'::regconfig, title), 'A')
         || setweight(to_tsvector('pa_vi'::regconfig, body), 'B')))""",
    """CREATE INDEX IF NOT EXISTS quote_search_idx ON articles_quote
         USING gin ((to_tsvector('pa_vi'::regconfig, text)))""",
    """CREATE INDEX IF NOT EXISTS speaker_search_idx ON articles_speaker
         USING gin ((to_tsvector('pa_vi'::regconfig, name)))""",
    """CREATE INDEX IF NOT EXISTS speakeralias_search_idx ON articles_speakeralias
         USING gin ((to_tsvector('pa_vi'::regconfig, name)))""",
    """CREATE INDEX IF NOT EXISTS directive_search_idx ON articles_directive USING gin ((
         setweight(to_tsvector('pa_vi'::regconfig, name || ' ' || code), 'A')
         || setweight(to_tsvector('pa_vi'::regconfig, description), 'C')))""",
    """CREATE INDEX IF NOT EXISTS directivealias_search_idx ON articles_directivealias
         USING gin ((to_tsvector('pa_vi'::regconfig, name)))""",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS article_search_idx",
    "DROP INDEX IF EXISTS quote_search_idx",
    "DROP INDEX IF EXISTS speaker_search_idx",
    "DROP INDEX IF EXISTS speakeralias_search_idx",
    "DROP INDEX IF EXISTS directive_search_idx",
    "DROP INDEX IF EXISTS directivealias_search_idx",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS pa_vi",
]


def postgres_only(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


# Frozen here as this migration wrote the column: later changes go in a migration of their own.
def search_key(text: str) -> str:
    """' tu chu chien luoc ' for 'Tự chủ chiến lược.': folded words, space-padded."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text or "").casefold().replace("đ", "d"))
    text = re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c))).strip()
    words = re.findall(r"\w+", text)
    return f" {' '.join(words)} " if words else ""


def fill_folded(apps, schema_editor):
    """Rows written before this migration: the models' save() fills the column from now on."""
    for name, fields in [("Article", ("title", "body")), ("Quote", ("text",))]:
        model = apps.get_model("articles", name)
        rows = list(model.objects.only("pk", *fields))
        for row in rows:
            row.search_folded = search_key(" ".join(getattr(row, f) for f in fields))
        model.objects.bulk_update(rows, ["search_folded"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0002_history_and_former_slugs"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_folded",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="quote",
            name="search_folded",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_folded, migrations.RunPython.noop),
        migrations.RunPython(postgres_only(POSTGRES_UP), postgres_only(POSTGRES_DOWN)),
    ]
