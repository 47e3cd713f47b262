"""An article's public statements as a W3C Web Annotation collection, checked against the
model's required fields (https://www.w3.org/TR/annotation-model/) and against the text."""

import pytest

from tests.support import factories as f

pytestmark = pytest.mark.django_db

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AGENT_TYPES = {"Person", "Organization", "Software"}


def collection(client, article):
    response = client.get(f"/api/articles/{article.slug}/annotations/")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/ld+json")
    assert f'profile="{CONTEXT}"' in response["Content-Type"]
    return response.json()


def check_annotation(a: dict, body: str):
    """The model's MUSTs for an Annotation and what this export promises of each part."""
    assert a["type"] == "Annotation" and a["id"].startswith("http://testserver/api/quotes/")
    target = a["target"]
    assert target["source"].startswith("http://testserver/articles/")
    selectors = {s["type"]: s for s in target["selector"]}
    assert set(selectors) == {"TextQuoteSelector", "TextPositionSelector"}
    quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
    assert 0 <= position["start"] < position["end"] <= len(body)
    assert body[position["start"] : position["end"]] == quote["exact"]
    assert body[: position["start"]].endswith(quote["prefix"])
    assert body[position["end"] :].startswith(quote["suffix"])
    # Selected by its text and context alone, the statement is found once, where it is.
    assert body.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
    for part in a["body"]:
        assert part["type"] in ("TextualBody", "SpecificResource")
        assert ("value" in part) if part["type"] == "TextualBody" else part["source"].startswith("http://")
    assert a["creator"] and all(c["type"] in AGENT_TYPES and c["name"] for c in a["creator"])


def test_the_collection_has_the_required_fields_and_one_page_of_every_public_statement(client, world):
    data = collection(client, world["interview"])
    assert data["@context"] == CONTEXT
    assert data["type"] == "AnnotationCollection"
    assert data["id"] == f"http://testserver/api/articles/{world['interview'].slug}/annotations/"
    assert data["label"] == world["interview"].title
    page = data["first"]
    assert page["type"] == "AnnotationPage" and page["partOf"] == data["id"] and page["startIndex"] == 0
    ids = [a["id"] for a in page["items"]]
    expected = [world[n].pk for n in ("outer", "inner", "conclusion_quote")]
    assert sorted(int(i.rstrip("/").rsplit("/", 1)[1]) for i in ids) == sorted(expected)
    assert data["total"] == 3
    for a in page["items"]:
        check_annotation(a, world["interview"].body)


def test_a_rejected_statement_is_not_exported(client, world):
    ids = {a["id"] for a in collection(client, world["interview"])["first"]["items"]}
    assert not any(i.endswith(f"/api/quotes/{world['rejected'].pk}/") for i in ids)


def test_the_body_names_the_speaker_and_the_directives_with_links_to_their_pages(client, world):
    items = collection(client, world["interview"])["first"]["items"]
    outer = next(a for a in items if a["id"].endswith(f"/{world['outer'].pk}/"))
    named = {(b["purpose"], b["value"]) for b in outer["body"] if b["type"] == "TextualBody"}
    assert named == {
        ("identifying", "Nguyễn Mạnh Cường"),
        ("tagging", "Nghị quyết Đại hội XIV"),
        ("tagging", "Tự chủ chiến lược"),
    }
    linked = {b["source"] for b in outer["body"] if b["type"] == "SpecificResource"}
    assert "http://testserver" + world["cuong"].get_absolute_url() in linked
    assert "http://testserver" + world["autonomy"].get_absolute_url() in linked


def test_creators_say_whether_software_suggested_it_and_an_editor_reviewed_it(client, world):
    written = f.quote(world["speech"], "phục vụ phát triển đất nước", world["trung"], origin="editor")
    by_id = {a["id"]: a for a in collection(client, world["interview"])["first"]["items"]}
    by_id |= {a["id"]: a for a in collection(client, world["speech"])["first"]["items"]}

    def creators(quote):
        return [c["type"] for c in by_id[f"http://testserver/api/quotes/{quote.pk}/"]["creator"]]

    assert creators(world["inner"]) == ["Software"]  # suggested, not reviewed
    assert creators(world["outer"]) == ["Software", "Organization"]  # extracted, confirmed
    assert creators(written) == ["Organization"]


def test_repeated_words_are_told_apart_by_their_context(client):
    article = f.article("Lặp lại", ["Hòa bình, hợp tác. Hòa bình, hợp tác và phát triển."])
    f.quote(article, "Hòa bình, hợp tác", occurrence=1)
    [a] = collection(client, article)["first"]["items"]
    check_annotation(a, article.body)
    assert {s["type"]: s for s in a["target"]["selector"]}["TextPositionSelector"]["start"] > 0


def test_the_page_is_served_alone_and_there_is_no_second(client, world):
    data = collection(client, world["interview"])
    page = client.get(data["first"]["id"]).json()
    assert page["@context"] == CONTEXT and page["type"] == "AnnotationPage" and len(page["items"]) == 3
    assert client.get(data["id"] + "?page=2").status_code == 404


def test_a_draft_article_has_no_annotations(client, world):
    draft = f.article("Bản nháp", status="draft")
    assert client.get(f"/api/articles/{draft.slug}/annotations/").status_code == 404
