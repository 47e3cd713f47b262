"""A reload of a changed source keeps every decision editors made, through the paths they use."""

import pytest
from django.urls import reverse

from articles.ingest.loading import load_file
from articles.models import Article, Directive, DirectiveAlias, Quote, QuoteLink, Speaker
from tests.support import factories
from tests.support.sources import write_source
from tests.support.users import form_data

pytestmark = pytest.mark.django_db

LEDE = "Bộ trưởng Ngoại giao Lê Hoài Trung trình bày chuyên đề về đường lối đối ngoại của Đại hội XIV."
AUTONOMY = "Bộ trưởng khẳng định: “Tự chủ chiến lược là quan điểm chỉ đạo chung, rất quan trọng với đối ngoại”."
AHEAD = "Theo Bộ trưởng, đối ngoại phải đi trước mở đường, phục vụ phát triển đất nước."
NQ59 = "Thứ trưởng Nguyễn Mạnh Cường cho biết Nghị quyết 59 là cơ sở để hội nhập quốc tế sâu rộng."
ECONOMY = "Ông nói thêm rằng ngoại giao kinh tế sẽ được đẩy mạnh trong năm 2026."
MULTILATERAL = "Bộ trưởng nhấn mạnh đối ngoại đa phương là ưu tiên hàng đầu."
BEFORE = [LEDE, AUTONOMY, AHEAD, NQ59, ECONOMY, MULTILATERAL]
# Reloaded: a paragraph inserted (every offset after it moves), the economy paragraph rewritten.
AFTER = [
    LEDE,
    "Hội nghị diễn ra tại Hà Nội ngày 7/2/2026.",
    AUTONOMY,
    AHEAD,
    NQ59,
    "Ông nói thêm về hợp tác kinh tế.",
    MULTILATERAL,
]

SPANS = {
    "confirm": "“Tự chủ chiến lược là quan điểm chỉ đạo chung, rất quan trọng với đối ngoại”",
    "reject": "Theo Bộ trưởng, đối ngoại phải đi trước mở đường",
    "note": "phục vụ phát triển đất nước",
    "edit": "Nghị quyết 59 là cơ sở để hội nhập quốc tế sâu rộng",
    "assign": "trình bày chuyên đề về đường lối đối ngoại của Đại hội XIV",
    "gone": "ngoại giao kinh tế sẽ được đẩy mạnh trong năm 2026",
    "undecided": "Ông nói thêm rằng",
}


def suggest(article, text, **fields):
    start = article.body.index(text)
    return Quote.objects.create(
        article=article, text=text, start=start, end=start + len(text), origin="extracted", status="suggested", **fields
    )


def named_speaker(name):
    """The speaker the first load made of this name, if extraction found it, or a new one."""
    return Speaker.objects.filter(name=name).first() or factories.speaker(name)


def admin_edit(client, obj, extra=None, **changes):
    url = reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url), **changes)
    data.update(extra or {})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def annotate_post(client, name, article, quote=None, **data):
    args = [article.pk] + ([quote.pk] if quote else [])
    response = client.post(reverse(f"admin:articles_article_annotate_{name}", args=args), data)
    assert response.status_code in (200, 201), response.content
    return response.json()["statement"]


@pytest.fixture
def loaded(tmp_path):
    path = write_source(tmp_path, "bai.txt", BEFORE, date="2026-02-07")
    load_file(path)
    article = Article.objects.get(source_file="bai.txt")
    # Extraction is still being written: the suggestions this test decides on are made here.
    article.quotes.all().delete()
    quotes = {name: suggest(article, text) for name, text in SPANS.items()}
    elsewhere = factories.article("Bài khác", ["Thứ trưởng nói tự chủ chiến lược là quan điểm chỉ đạo chung."])
    other = factories.quote(elsewhere, "tự chủ chiến lược là quan điểm chỉ đạo chung")
    return path, article, quotes, other


def test_every_editor_decision_survives_a_reload_of_the_changed_source(editor_client, loaded):
    path, article, q, other = loaded
    trung = factories.speaker("Lê Hoài Trung, Bộ trưởng Ngoại giao")
    cuong = named_speaker("Nguyễn Mạnh Cường")
    nq59 = factories.directive("Nghị quyết 59-NQ/TW", kind="resolution")
    duplicate = named_speaker("Lê Hoài Trung")  # the name extraction knows him by

    # The article: a title of the editor's and a publication decision.
    admin_edit(editor_client, article, title="Tự chủ chiến lược: chuyên đề của Bộ trưởng", status="draft")
    # Statements: confirm and edit in the annotate view, reject and assign by admin actions, a note.
    annotate_post(editor_client, "decide", article, q["confirm"], status="confirmed", version=1)
    annotate_post(
        editor_client,
        "update",
        article,
        q["edit"],
        version=1,
        speaker=cuong.pk,
        kind="reported",
        directives=[nq59.pk],
        note="",
    )
    annotate_post(editor_client, "decide", article, q["gone"], status="confirmed", version=1)
    changelist = reverse("admin:articles_quote_changelist")
    editor_client.post(changelist, {"action": "reject", "_selected_action": [q["reject"].pk]})
    editor_client.post(
        changelist,
        {"action": "assign_speaker", "_selected_action": [q["assign"].pk], "apply": "yes", "speaker": duplicate.pk},
    )
    admin_edit(editor_client, q["note"], note="Trích từ bài phát biểu")
    mine = annotate_post(
        editor_client,
        "create",
        article,
        text="đối ngoại đa phương là ưu tiên hàng đầu",
        start=article.body.index("đối ngoại đa phương"),
        end=article.body.index("đối ngoại đa phương") + len("đối ngoại đa phương là ưu tiên hàng đầu"),
        speaker=duplicate.pk,
        kind="reported",
        directives=[nq59.pk],
    )
    # Links: one suggested link accepted, one rejected, one added by the editor.
    accepted = factories.link(q["confirm"], other, status="suggested")
    rejected = factories.link(q["undecided"], other, kind="elaborates", status="suggested")
    for link, status in ((accepted, "confirmed"), (rejected, "rejected")):
        editor_client.post(reverse("admin:articles_quotelink_decide", args=[link.pk]), {"link_decision": status})
    response = editor_client.post(
        reverse("admin:articles_quotelink_add"),
        {"from_quote": mine["id"], "to_quote": other.pk, "kind": "elaborates", "status": "confirmed"},
    )
    assert response.status_code == 302
    # Vocabulary: an alias for a directive, and two speakers merged into one.
    admin_edit(editor_client, nq59, extra={"aliases-TOTAL_FORMS": "2", "aliases-1-name": "NQ 59"})
    editor_client.post(
        reverse("admin:articles_speaker_changelist"),
        {"action": "merge_selected", "_selected_action": [trung.pk, duplicate.pk], "apply": "yes", "keep": trung.pk},
    )

    write_source(path.parent, "bai.txt", AFTER, date="2026-02-07")
    assert load_file(path)[0] == "updated"

    article.refresh_from_db()
    assert (article.title, article.status) == ("Tự chủ chiến lược: chuyên đề của Bộ trưởng", "draft")
    stored = {name: Quote.objects.filter(pk=quote.pk).first() for name, quote in q.items()}
    assert stored["undecided"] is None or stored["undecided"].status == "suggested"
    assert stored["confirm"].status == "confirmed"
    assert stored["reject"].status == "rejected"
    assert (stored["edit"].speaker, list(stored["edit"].directives.all()), stored["edit"].edited) == (
        cuong,
        [nq59],
        True,
    )
    assert stored["assign"].speaker == trung
    assert stored["note"].note == "Trích từ bài phát biểu"
    assert (stored["gone"].status, stored["gone"].anchored) == ("confirmed", False)
    editors = Quote.objects.get(pk=mine["id"])
    assert (editors.origin, editors.speaker, list(editors.directives.all())) == ("editor", trung, [nq59])
    for quote in [*(s for s in stored.values() if s and s.anchored), editors]:
        assert article.body[quote.start : quote.end] == quote.text
    assert stored["confirm"].start > q["confirm"].start  # re-anchored after the inserted paragraph
    links = {(link.from_quote_id, link.kind): link.status for link in QuoteLink.objects.filter(to_quote=other)}
    assert links[(q["confirm"].pk, "restates")] == "confirmed"
    assert links[(q["undecided"].pk, "elaborates")] == "rejected"
    assert links[(mine["id"], "elaborates")] == "confirmed"
    assert DirectiveAlias.objects.get(name="NQ 59").directive == nq59
    assert not Speaker.objects.filter(name="Lê Hoài Trung").exists()
    assert Directive.objects.filter(pk=nq59.pk).exists()
