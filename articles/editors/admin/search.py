"""Accent-insensitive admin search: "nguyen van an" finds "Nguyễn Văn An".

Statements and articles, the archive's large tables, are searched through the search module
(``articles.search.results.matching``): PostgreSQL's full-text index, whole words, as on the
public site. Comparing the folded text of every row instead read the whole table for each
search, and a one-letter or eight-word query outlived the request. The smaller tables
(speakers, directives) keep the folded substring match below.

SQLite's LIKE and lower() fold neither Vietnamese accents nor Vietnamese case, so the admin
compares folded text on both sides: the term through ``articles.text.fold`` in Python, the
column through the ``fold`` transform below, which runs that same Python function on SQLite
and an equivalent ``translate()`` on PostgreSQL (no extension needed). When the search module
grows folded columns or an unaccent setup, point ``FoldedSearchMixin.folded`` at it.
"""

from django.core.exceptions import BadRequest
from django.db.models import CharField, TextField, Transform

from articles.search.results import matching
from articles.text import fold


def _translation_table() -> tuple[str, str]:
    """Every precomposed Latin letter that folds to one ASCII letter, and that letter."""
    letters = [chr(c) for block in ((0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*block)]
    pairs = [(c, fold(c)) for c in letters]
    pairs = [(c, f) for c, f in pairs if len(f) == 1 and f.isascii() and f.isalpha() and f != c]
    return "".join(c for c, _ in pairs), "".join(f for _, f in pairs)


FOLD_FROM, FOLD_TO = _translation_table()


def _sqlite_fold(value):
    return None if value is None else fold(value)


class Fold(Transform):
    """The column as ``fold`` would give it: lowercase, accents and đ removed."""

    lookup_name = "fold"

    def as_sql(self, compiler, connection):
        lhs, params = compiler.compile(self.lhs)
        return f"LOWER({lhs})", params

    def as_sqlite(self, compiler, connection):
        # Registered on each use: cheap, and correct for connections opened before import.
        connection.ensure_connection()
        connection.connection.create_function("policy_fold", 1, _sqlite_fold, deterministic=True)
        lhs, params = compiler.compile(self.lhs)
        return f"policy_fold({lhs})", params

    def as_postgresql(self, compiler, connection):
        lhs, params = compiler.compile(self.lhs)
        # Accented capitals are mapped by translate(), so LOWER() only meets ASCII and the
        # result does not depend on the database's collation.
        return f"LOWER(TRANSLATE(({lhs})::text, %s, %s))", (*params, FOLD_FROM, FOLD_TO)


CharField.register_lookup(Fold)
TextField.register_lookup(Fold)


class FoldedSearchMixin:
    """search_fields are plain paths ("name", "aliases__name"); matching is folded.

    An admin with ``full_text_search`` searches through the search module instead:
    ``full_text(queryset, term)`` gives the matching rows.
    """

    full_text_search = False

    def folded(self, path: str) -> str:
        return f"{path}__fold__contains"

    def get_search_fields(self, request):
        return [self.folded(path) for path in super().get_search_fields(request)]

    def get_search_results(self, request, queryset, search_term):
        if "\x00" in search_term:  # no database stores it; PostgreSQL refuses it in a query
            raise BadRequest("NUL in the search term")
        if self.full_text_search and search_term.strip():
            return self.full_text(queryset, search_term), False
        return super().get_search_results(request, queryset, fold(search_term))

    def full_text(self, queryset, term: str):
        raise NotImplementedError


def found(term: str, kind: str, model):
    """The ids of ``model``'s rows whose text (of the search module's ``kind``) has every word
    of ``term``, as a subquery."""
    return matching(term, kind, model._default_manager.all()).values("pk")
