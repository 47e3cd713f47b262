"""The read-only JSON API: the lists' rows and filters, paginated, 400 on a bad filter."""

import pytest

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
