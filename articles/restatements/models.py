"""The restatement index's tables (shared phrases of statements, by hash) and the groups of
statements editors found to make the same point."""

from django.db import models


class Shingle(models.Model):
    """The restatement index: one row per (statement, shingle hash), looked up by hash.

    Finding restatements of a new statement reads the rows sharing its hashes instead of
    comparing it with every stored statement.
    """

    # The pair is the key: a row number would be one more index to write per row.
    pk = models.CompositePrimaryKey("quote", "hash")
    # Tied to its statement by triggers, not a foreign key, which would check every row
    # (migration 0007 says why). No index of its own: the key's, on (quote,
    # hash), serves lookups by statement.
    quote = models.ForeignKey(
        "articles.Quote", on_delete=models.CASCADE, related_name="shingles", db_constraint=False, db_index=False
    )
    hash = models.BigIntegerField()

    class Meta:
        # Postings (the statements carrying a hash) are read from this index alone, in hash
        # order, without visiting the table: a batch's lookup reads a few hundred index
        # pages instead of most of the table's pages (the loader keeps the visibility map
        # current for that, ``articles.ingest.sql``).
        indexes = [models.Index(fields=["hash", "quote"], name="shingle_hash_quote_idx")]


class ShingleFrequency(models.Model):
    """How many statements carry each shingle hash, so that common hashes are skipped
    without counting their postings. Kept up to date by the loader and by import; a
    statement an editor deletes leaves its count one too high, which only makes that
    hash look a little more common than it is."""

    hash = models.BigIntegerField(primary_key=True)
    statements = models.IntegerField(default=0)


class RestatementGroup(models.Model):
    """Statements that make the same point, decided by an editor: a point said ten times is
    one group, not forty-five links. Its statements are ``Quote.restatement_group``'s."""

    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"#{self.pk}"
