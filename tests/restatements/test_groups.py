"""Restatement groups: an editor puts statements making the same point in one group."""

import json

import pytest
from django.urls import reverse

from articles.ingest.archive import export_archive, import_archive
from articles.models import Article, Directive, Quote, QuoteLink, Speaker
from articles.restatements import groups
from articles.restatements.models import RestatementGroup
from tests.support import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def point():
    """One point said in four articles, with suggested links between some pairs."""
    said = []
    for i in range(4):
        a = f.article(f"Bài số {i}", [f"Ông Bốn nói hợp tác biển là ưu tiên hàng đầu lần {i}."], f"2026-0{i + 1}-10")
        said.append(f.quote(a, f"hợp tác biển là ưu tiên hàng đầu lần {i}", f.speaker(f"Người nói {i}")))
    for x, y in [(1, 0), (2, 1), (3, 2), (3, 0)]:
        f.link(said[x], said[y], status="suggested")
    return said


def test_grouping_a_pair_puts_both_in_one_group(point):
    group = groups.group(point[1].pk, point[0].pk)
    assert set(group.statements.values_list("pk", flat=True)) == {point[0].pk, point[1].pk}


def test_grouping_merges_groups_and_decides_the_links_inside(point):
    groups.group(point[1].pk, point[0].pk)
    groups.group(point[3].pk, point[2].pk)
    merged = groups.group(point[2].pk, point[1].pk)
    assert RestatementGroup.objects.count() == 1
    assert merged.statements.count() == 4
    assert not QuoteLink.objects.filter(status="suggested").exists()


def test_grouping_is_recorded_in_history(point, editor):
    groups.group(point[1].pk, point[0].pk, editor)
    record = Quote.history.filter(id=point[0].pk).order_by("-history_id").first()
    assert record.history_change_reason == "grouped" and record.history_user == editor
    assert record.restatement_group_id is not None


def test_accept_and_group_from_the_evidence_page(editor_client, point):
    link = QuoteLink.objects.get(from_quote=point[1], to_quote=point[0])
    editor_client.post(reverse("admin:articles_quotelink_decide", args=[link.pk]), {"link_decision": "group"})
    link.refresh_from_db()
    assert link.status == "confirmed"
    assert (
        Quote.objects.get(pk=point[0].pk).restatement_group_id == Quote.objects.get(pk=point[1].pk).restatement_group_id
    )
    assert link.history.order_by("-history_id").first().status == "confirmed"


def test_groups_survive_export_and_import(point):
    groups.group(point[1].pk, point[0].pk)
    exported = export_archive()
    grouped = [q for a in exported["articles"] for q in a["quotes"] if "restatement_group" in q]
    assert len(grouped) == 2
    text = json.dumps(exported)
    for model in (QuoteLink, Quote, Article, Speaker, Directive, RestatementGroup):
        model.objects.all().delete()
    import_archive(json.loads(text))
    again = export_archive()
    assert json.dumps(again, sort_keys=True) == json.dumps(exported, sort_keys=True)


def test_an_archive_without_groups_exports_no_group_key(point):
    exported = export_archive()
    assert all("restatement_group" not in q for a in exported["articles"] for q in a["quotes"])
