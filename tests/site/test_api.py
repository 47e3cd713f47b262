"""The read-only JSON API: the lists' rows and filters, paginated, 400 on a bad filter; the
index, the details and their links, the schema and its page, throttling."""

import pytest
from django.test import override_settings

from tests.support import factories as f

pytestmark = pytest.mark.django_db


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_quotes_carry_speaker_article_and_directives(client, world):
    data = get(client, f"/api/quotes/?speaker={world['trung'].slug}&kind=direct")
    assert data["count"] == 1 and data["next"] is None
    [row] = data["results"]
    assert row["id"] == world["trung_quote"].pk
    assert row["url"] == "http://testserver" + world["trung_quote"].get_absolute_url()
    assert row["speaker"]["name"] == "Lê Hoài Trung"
    assert row["article"]["published_on"] == "2026-02-07"
    assert {d["slug"] for d in row["directives"]} == {world["autonomy"].slug, world["congress"].slug}


def test_quotes_never_include_rejected_ones(client, world):
    ids = {row["id"] for row in get(client, "/api/quotes/")["results"]}
    assert world["rejected"].pk not in ids and len(ids) == 5


def test_articles_filter_by_text_and_dates(client, world):
    data = get(client, "/api/articles/?q=doi+ngoai+kien+tao&published_after=2026-02-01")
    assert [a["slug"] for a in data["results"]] == [world["interview"].slug]
    assert data["results"][0]["statements"] == 3


def test_speakers_and_directives_have_counts(client, world):
    speakers = {s["slug"]: s["statements"] for s in get(client, "/api/speakers/")["results"]}
    assert speakers[world["cuong"].slug] == 2 and speakers[world["leader"].slug] == 1
    directives = get(client, "/api/directives/?kind=conclusion")["results"]
    assert [(d["code"], d["statements"]) for d in directives] == [("59-KL/TW", 1)]


def test_pages_link_to_each_other(client, world):
    article = f.article("Nhiều", ["x" * 120])
    f.many_quotes(article, 110, world["trung"])
    first = get(client, "/api/quotes/?speaker=" + world["trung"].slug)
    assert (first["count"], first["count_exact"], first["pages"], len(first["results"])) == (112, True, 3, 50)
    assert first["next"].endswith(f"?speaker={world['trung'].slug}&page=2")
    last = get(client, first["next"].replace("page=2", "page=3"))
    assert len(last["results"]) == 12 and last["next"] is None and last["previous"].endswith("page=2")


def test_a_filter_that_does_not_validate_is_a_400_with_reasons(client, world):
    data = get(client, "/api/quotes/?published_after=2026-13-45&speaker=nobody", status=400)
    assert set(data["errors"]) == {"published_after", "speaker"}


def test_vietnamese_is_sent_as_utf8_not_escapes(client, world):
    response = client.get("/api/speakers/")
    assert "Nguyễn Mạnh Cường".encode() in response.content


def test_a_long_list_is_counted_only_as_far_as_the_page_asked_for(client, world, monkeypatch):
    monkeypatch.setattr("articles.site.paging.STEP", 100)
    article = f.article("Nhiều", ["x" * 120])
    f.many_quotes(article, 110, world["trung"])  # and the sample's 5: 115 in all
    first = get(client, "/api/quotes/")
    assert (first["count"], first["count_exact"], first["pages"]) == (100, False, 2)
    last = get(client, "/api/quotes/?page=3")
    assert (last["count"], last["count_exact"], last["pages"], last["page"]) == (115, True, 3, 3)
    assert len(last["results"]) == 15 and last["next"] is None


def test_the_index_links_every_list_the_schema_and_its_page(client, world):
    index = get(client, "/api/")
    assert set(index) == {"articles", "quotes", "speakers", "directives", "schema", "docs"}
    assert index["quotes"] == "http://testserver/api/quotes/"
    for name in ("articles", "quotes", "speakers", "directives"):
        assert "results" in get(client, index[name])


def test_a_statement_links_to_its_speaker_article_and_directives_and_back(client, world):
    quote = world["trung_quote"]
    data = get(client, f"/api/quotes/{quote.pk}/")
    assert (data["id"], data["text"], data["start"], data["end"]) == (quote.pk, quote.text, quote.start, quote.end)
    assert world["speech"].body[data["start"] : data["end"]] == quote.text
    speaker = get(client, data["speaker"]["api_url"])
    assert speaker["name"] == "Lê Hoài Trung" and speaker["statements"] == 2
    assert speaker["titles"] == [
        {"title": "Bộ trưởng Bộ Ngoại giao", "first_seen": "2026-02-07", "last_seen": "2026-02-07"}
    ]
    theirs = get(client, speaker["statement_list"])
    assert quote.pk in {row["id"] for row in theirs["results"]} and theirs["count"] == 2
    article = get(client, data["article"]["api_url"])
    assert article["body"] == world["speech"].body and article["statements"] == 2
    assert client.get(article["annotations"]).json()["total"] == 2
    assert {p["slug"] for p in article["people"]} >= {world["trung"].slug}
    directive = get(client, next(d["api_url"] for d in data["directives"] if d["slug"] == world["autonomy"].slug))
    assert directive["parent"]["slug"] == world["congress"].slug
    assert [d["slug"] for d in directive["related"]] == [world["conclusion"].slug]
    parent = get(client, directive["parent"]["api_url"])
    assert [c["slug"] for c in parent["children"]] == [world["autonomy"].slug]
    assert parent["aliases"] == ["Văn kiện Đại hội XIV"]


def test_a_rejected_statement_has_no_detail(client, world):
    get(client, f"/api/quotes/{world['rejected'].pk}/", status=404)
    get(client, "/api/quotes/999999/", status=404)
    get(client, "/api/speakers/nobody-at-all/", status=404)


def test_a_merged_slug_redirects_to_the_kept_detail(client, world):
    f.former_slug(world["cuong"], "nguyen-manh-cuong-cu")
    response = client.get("/api/speakers/nguyen-manh-cuong-cu/")
    assert response.status_code == 301 and response["Location"] == f"/api/speakers/{world['cuong'].slug}/"


@pytest.mark.parametrize("query", ["status=confirmed", "speeker=le-hoai-trung", "q=x&limit=5"])
def test_an_unknown_filter_is_a_400_naming_it_and_the_known_ones(client, world, query):
    data = get(client, f"/api/quotes/?{query}", status=400)
    [name] = data["errors"]
    assert name == query.split("&")[-1].split("=")[0]
    message = data["errors"][name][0]["message"]
    assert "speaker" in message and "published_after" in message


@pytest.mark.parametrize(
    "url", ["/api/quotes/?kind=shouted", "/api/articles/?sort=length", "/api/speakers/?kind=robot"]
)
def test_a_bad_value_is_a_400_with_a_message(client, world, url):
    data = get(client, url, status=400)
    [(name, [error])] = data["errors"].items()
    assert error["message"] and name in url


@pytest.mark.parametrize("page", ["2", "0", "abc", "99999999999"])
def test_a_page_past_the_end_or_not_a_page_is_a_404(client, world, page):
    data = get(client, f"/api/quotes/?page={page}", status=404)
    assert data["detail"]


def test_the_schema_is_openapi_3_and_names_the_filters_and_details(client, world):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert {"/api/quotes/{id}/", "/api/articles/{slug}/annotations/", "/api/speakers/{slug}/"} <= set(paths)
    parameters = {p["name"] for p in paths["/api/quotes/"]["get"]["parameters"]}
    assert {"q", "speaker", "directive", "kind", "published_after", "page"} <= parameters


def test_the_documentation_page_loads_nothing_from_other_sites(client, world):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui-bundle.js" in page and "<style" not in page and "<script>" not in page
    assert "https://" not in page and "http://cdn" not in page
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "/api/schema/" in script.content.decode()


def test_anonymous_clients_are_throttled(client, world):
    with override_settings(ARCHIVE_API_ANON_RATE="3/minute"):
        codes = [client.get("/api/speakers/", REMOTE_ADDR="192.0.2.7").status_code for _ in range(4)]
        other = client.get("/api/speakers/", REMOTE_ADDR="192.0.2.8").status_code
    assert codes == [200, 200, 200, 429] and other == 200
