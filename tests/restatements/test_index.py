"""The restatement index in the database: links across articles, counts kept true, and
common hashes skipped so that one article costs the same however large the archive."""

import pytest
from django.db import connection
from django.db.models import Sum

from articles.ingest.loading import load_file
from articles.models import QuoteLink
from articles.restatements import index as restatement_index
from articles.restatements.models import Shingle, ShingleFrequency
from tests.support import factories
from tests.support.sources import write_source

pytestmark = pytest.mark.django_db

CLAIM = (
    "Việt Nam kiên trì đường lối đối ngoại độc lập, tự chủ, đa phương hóa, đa dạng hóa quan hệ, "
    "chủ động hội nhập quốc tế sâu rộng vì hòa bình và phát triển bền vững của khu vực"
)
RESTATED = (
    "Bộ trưởng nhấn mạnh Việt Nam kiên trì đường lối đối ngoại độc lập, tự chủ, đa phương hóa, "
    "đa dạng hóa quan hệ và chủ động hội nhập quốc tế sâu rộng vì hòa bình của khu vực"
)
OTHER = "Ngành thủy sản xuất khẩu được nhiều tôm cá sang thị trường châu Âu trong quý vừa qua"


def indexed(text: str):
    """A statement in an article of its own, indexed as the loader indexes it."""
    article = factories.article(paragraphs=["Mở đầu.", text])
    quote = factories.quote(article, text, status="suggested")
    return article, quote, restatement_index.index([quote])


def test_a_restatement_in_another_article_is_linked_with_its_score():
    _, original, _ = indexed(CLAIM)
    article, quote, prints = indexed(RESTATED)
    found = restatement_index.suggest(article, prints)
    assert [pk for pk, _ in found[quote.pk]] == [original.pk]
    assert 0 < found[quote.pk][0][1] <= 1


def test_an_unrelated_statement_is_not_linked():
    indexed(CLAIM)
    article, quote, prints = indexed(OTHER)
    assert restatement_index.suggest(article, prints)[quote.pk] == []


def test_a_statement_an_editor_rejected_is_not_suggested_as_restated():
    _, original, _ = indexed(CLAIM)
    _, kept, _ = indexed(CLAIM + " trong giai đoạn mới")
    original.status = "rejected"
    original.save()
    article, quote, prints = indexed(RESTATED)
    assert [pk for pk, _ in restatement_index.suggest(article, prints)[quote.pk]] == [kept.pk]


def test_statements_of_the_same_article_are_not_linked():
    article = factories.article(paragraphs=["Mở đầu.", CLAIM, RESTATED])
    quotes = [
        factories.quote(article, CLAIM, status="suggested"),
        factories.quote(article, RESTATED, status="suggested"),
    ]
    assert restatement_index.index_and_link(article, quotes) == 0


def test_hashes_carried_by_too_many_statements_find_nothing():
    """Past the cutoff a hash's postings are never read: a statement made only of such
    hashes gets no candidates, even though the same text is stored many times."""
    for _ in range(restatement_index.common_limit() + 5):
        indexed(CLAIM)
    article, quote, prints = indexed(CLAIM)
    assert restatement_index.suggest(article, prints)[quote.pk] == []


def test_frequency_counts_match_the_index_across_loads_and_reloads(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Mở đầu.", f"Bộ trưởng Nguyễn Văn An cho biết, {CLAIM}."])
    write_source(tmp_path, "b.txt", ["Mở đầu.", f"Thứ trưởng Trần Thị Bình khẳng định, {RESTATED}."])
    load_file(path)
    load_file(tmp_path / "b.txt")
    assert QuoteLink.objects.count() == 1
    write_source(tmp_path, "a.txt", ["Mở đầu khác.", f"Bộ trưởng Nguyễn Văn An nói rằng, {OTHER}."])
    load_file(path)

    def counted():
        return ShingleFrequency.objects.aggregate(n=Sum("statements"))["n"]

    assert Shingle.objects.count() == counted() > 0
    assert QuoteLink.objects.count() == 0


def test_rarest_hashes_come_first_within_the_prefix():
    carried = {h: h for h in range(1, 100)}
    assert restatement_index.rarest(carried, carried, limit=1000) == list(range(1, restatement_index.PREFIX + 1))


def test_hashes_no_other_statement_carries_or_past_the_limit_are_not_read():
    carried = {1: 0, 2: 5, 3: 7, 4: 500}
    assert restatement_index.rarest(carried, carried, limit=100) == [2, 3]


def test_postings_budget_stops_the_prefix_after_the_minimum():
    """Middling-common hashes are read only until their postings reach the budget; the first
    MIN_SHARED are read whatever they cost, since fewer could never make a candidate."""
    budget, minimum = restatement_index.POSTINGS_BUDGET, restatement_index.fingerprints.MIN_SHARED
    dear = {h: budget // 2 + h for h in range(1, 30)}
    assert restatement_index.rarest(dear, dear, limit=10 * budget) == list(range(1, minimum + 1))
    cheap = dict.fromkeys(range(1, 30), 10)
    assert len(restatement_index.rarest(cheap, cheap, limit=budget)) == restatement_index.PREFIX
    mixed = {1: 10, 2: 20, 3: 30, 4: budget - 60, 5: 1}
    assert restatement_index.rarest(mixed, mixed, limit=budget) == [5, 1, 2, 3]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="work_mem is PostgreSQL's")
def test_lookups_run_with_room_for_an_exact_bitmap():
    """A lossy bitmap makes PostgreSQL recheck every row of its pages against the whole
    hidden array (``index_sql.LOOKUP_WORK_MEM`` says why): the lookups raise work_mem."""
    from articles.restatements import sql as index_sql

    seen = []

    def watch(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "articles_shingle WHERE hash" in sql:
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('work_mem')")
                seen.append(cursor.fetchone()[0])
        return result

    _, quote, prints = indexed(CLAIM)
    with connection.execute_wrapper(watch):
        found = index_sql.postings(prints[quote.pk])
    assert seen == [index_sql.LOOKUP_WORK_MEM] and quote.pk in found[next(iter(prints[quote.pk]))]
