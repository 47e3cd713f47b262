"""SQLite's search column: the searchable text of a row, folded by ``articles.text.fold``.

SQLite's LIKE and lower() fold neither Vietnamese case nor accents, so the folded words are
stored beside the original and matched with LIKE. The key is the word tokens joined by single
spaces and padded with one space each side, so ``LIKE '% tu chu %'`` matches whole words and
phrases only, as PostgreSQL's full-text search does (see ``articles.search``).

The column is filled wherever the ORM writes a row: ``save()`` (admin, loader, import),
and ``bulk_create``/``bulk_update``/``update`` on the querysets below, so the loader's
bulk writes need no change. PostgreSQL searches vectors of its own (migration 0005) and
never reads the column, so there it is left empty: folding every body and statement is a
share of the loader's time worth saving where nothing reads the result.
"""

import re

from django.db import connections, models, router

from articles.text import fold, nfc

WORD = re.compile(r"\w+")


def folds(using: str) -> bool:
    """Whether the database ``using`` searches by the folded column."""
    return connections[using].vendor != "postgresql"


def search_key(text: str) -> str:
    """' tu chu chien luoc ' for 'Tự chủ chiến lược.': folded words, space-padded."""
    words = WORD.findall(fold(nfc(text)))
    return f" {' '.join(words)} " if words else ""


class FoldedSearch(models.Model):
    """A row that keeps ``search_folded`` in step with the fields named in ``search_fields``."""

    search_folded = models.TextField(editable=False, blank=True, default="")
    search_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not folds(kwargs.get("using") or router.db_for_write(type(self), instance=self)):
            return super().save(*args, **kwargs)
        self.refresh_search_folded()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.search_fields):
            kwargs["update_fields"] = [*update_fields, "search_folded"]
        super().save(*args, **kwargs)

    def refresh_search_folded(self) -> None:
        self.search_folded = search_key(" ".join(str(getattr(self, f) or "") for f in self.search_fields))


class FoldingQuerySet(models.QuerySet):
    """Bulk writes bypass save(); these fill the folded column for them too."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if folds(self.db):
            for obj in objs:
                obj.refresh_search_folded()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs, fields = list(objs), list(fields)
        if set(fields) & set(self.model.search_fields) and folds(self.db):
            for obj in objs:
                obj.refresh_search_folded()
            fields.append("search_folded")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        if not set(kwargs) & set(self.model.search_fields) or not folds(self.db):
            return super().update(**kwargs)
        # The filter may no longer match once the text changed, so the rows are named first.
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        rows = list(self.model._base_manager.filter(pk__in=pks).only("pk", *self.model.search_fields))
        for row in rows:
            row.refresh_search_folded()
        models.QuerySet(self.model, using=self.db).bulk_update(rows, ["search_folded"], batch_size=500)
        return count
