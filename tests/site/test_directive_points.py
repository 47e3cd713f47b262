"""A directive's page says who first invoked it, groups the points made again and again, and
charts its months on an axis of a year at least."""

import pytest

from articles.restatements import groups
from tests.support import factories as f

pytestmark = pytest.mark.django_db


def test_the_first_to_invoke_it_and_the_points_repeated(client, world):
    nq = f.directive("Nghị quyết số 77-NQ/TW", kind="resolution")
    said = []
    for i, (who, day) in enumerate(
        [("Phạm Thị Một", "2026-01-05"), ("Đỗ Văn Hai", "2026-02-06"), ("Vũ Ba", "2026-03-07")]
    ):
        a = f.article(f"Bài {i}", [f"{who} nói Nghị quyết số 77-NQ/TW là nền tảng hội nhập lần {i}."], day)
        said.append(f.quote(a, f"Nghị quyết số 77-NQ/TW là nền tảng hội nhập lần {i}", f.speaker(who), [nq]))
    groups.group(said[1].pk, said[0].pk)
    groups.group(said[2].pk, said[1].pk)
    html = client.get(nq.get_absolute_url()).content.decode()
    first = html[html.index('class="first-invoked"') :]
    assert first.index("Phạm Thị Một") < first.index("</p>")
    points = html[html.index('id="points-heading"') :]
    assert "Phạm Thị Một" in points and "05/01/2026" in points and " 3 " in points


def test_one_month_of_statements_is_a_bar_among_a_years_months(client, world):
    html = client.get(world["conclusion"].get_absolute_url()).content.decode()
    chart = html[html.index('class="chart"') :]
    assert chart.count("<tr>") >= 12
