"""The loader's bulk rows: the same rows the ORM would write, written in one go."""

import pytest
from django.utils import timezone

from articles import bulk_rows
from articles.models import Article, Paragraph, Quote, Speaker
from tests.support import factories

pytestmark = pytest.mark.django_db

HISTORY = ["id", "history_type", "history_user_id", "history_change_reason"]


def history_of(model, objs) -> list[dict]:
    """The history rows of ``objs``, without the two values that differ between two writes."""
    fields = [f.attname for f in model.history.model.tracked_fields] + HISTORY
    rows = model.history.filter(id__in=[o.pk for o in objs]).order_by("id").values(*fields)
    return [dict(row) for row in rows]


@pytest.mark.parametrize("model", [Article, Quote, Speaker])
def test_history_rows_are_those_simple_history_writes(model):
    article = factories.article("Bài phỏng vấn", ["Bộ trưởng nói: “Chủ động, tích cực”.", "Đoạn\thai."])
    if model is Article:
        objs = [article, factories.article("Bài hai", ["Một đoạn."])]
    elif model is Quote:
        objs = [
            factories.quote(article, "“Chủ động, tích cực”", factories.speaker("Lê Hoài Trung"), note="a\\b"),
            factories.quote(article, "Đoạn\thai.", None, status="suggested"),
        ]
    else:
        objs = [factories.speaker("Lê Hoài Trung"), factories.speaker("Bùi Thanh Sơn", description="dòng\nhai")]
    model.history.all().delete()
    model.history.bulk_history_create(objs, default_change_reason=None)
    expected = history_of(model, objs)
    model.history.all().delete()

    before = timezone.now()
    bulk_rows.record_created(model, list(reversed(objs)))
    assert history_of(model, objs) == expected
    assert len(expected) == 2 and all(row["history_type"] == "+" for row in expected)
    dates = list(model.history.values_list("history_date", flat=True))
    assert all(before <= d <= timezone.now() for d in dates)


def test_nothing_to_record_writes_nothing():
    bulk_rows.record_created(Quote, [])
    assert not Quote.history.exists()


def test_copy_text_escapes_what_copy_would_read_as_a_separator():
    rows = [(1, "a\tb\\c\nd\re", None, True, False, 0.5)]
    assert bulk_rows.copy_text(rows) == "1\ta\\tb\\\\c\\nd\\re\t\\N\tt\tf\t0.5\n"
    assert bulk_rows.copy_text([(1, 2), (3, -4)]) == "1\t2\n3\t-4\n"
    assert bulk_rows.copy_text([(1, 2, 3)]) == "1\t2\t3\n"
    assert bulk_rows.copy_text([(1, 2), (3, None), (True, 4)]) == "1\t2\n3\t\\N\nt\t4\n"


def test_pairs_of_integers_are_written_as_they_are():
    assert bulk_rows.pairs_text([(1, 2), (3, -4)]) == bulk_rows.copy_text([(1, 2), (3, -4)]) == "1\t2\n3\t-4\n"


def test_groups_are_written_as_the_pairs_they_hold(monkeypatch):
    monkeypatch.setattr(bulk_rows, "COPY_PART", 3)
    groups = {1: [5, -6], 2: [], 3: [7, 8, 9], 4: [10]}
    parts = list(bulk_rows.grouped_text(groups))
    pairs = [(key, value) for key, values in groups.items() for value in values]
    assert "".join(parts) == bulk_rows.pairs_text(pairs) and len(parts) == 2


def test_rows_written_are_read_back_as_given():
    article = factories.article("Bài", ["Một.", "Hai."])
    article.paragraphs.all().delete()
    rows = [(article.pk, i, 10 * i, 10 * i + 5, role) for i, role in enumerate(["lede", "question", "answer"])]
    bulk_rows.write(Paragraph._meta.db_table, ["article_id", "position", "start", "end", "role"], rows)
    assert list(article.paragraphs.values_list("article_id", "position", "start", "end", "role")) == rows


def test_more_rows_than_one_part_of_copy_are_all_written():
    article = factories.article("Bài", ["Một."])
    article.paragraphs.all().delete()
    count = bulk_rows.COPY_PART * 2 + 1
    rows = [(article.pk, i, i, i + 1, "body") for i in range(count)]
    bulk_rows.write(Paragraph._meta.db_table, ["article_id", "position", "start", "end", "role"], rows)
    assert article.paragraphs.count() == count
    assert article.paragraphs.order_by("-position").values_list("position", flat=True)[0] == count - 1
