"""The filtered lists and the search page: what each filter keeps."""

import re

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return f.sample_archive()


def links(client, url, pattern=r'href="(/statements/\d+/)"'):
    response = client.get(url)
    assert response.status_code == 200
    return set(re.findall(pattern, response.content.decode()))


def article_links(client, url):
    return links(client, url, r'<h3><a href="(/articles/[^"]+/)"')


def test_article_list_filters_by_text_without_accents(client, world):
    assert article_links(client, "/articles/?q=le+hoai+trung") == {world["speech"].get_absolute_url()}


def test_article_list_filters_by_date_range(client, world):
    assert article_links(client, "/articles/?published_after=2026-02-10") == {world["interview"].get_absolute_url()}
    assert article_links(client, "/articles/?published_before=2026-02-08") == {world["speech"].get_absolute_url()}


def test_article_list_filters_by_speaker_directive_and_statement_kind(client, world):
    assert article_links(client, f"/articles/?speaker={world['trung'].slug}") == {world["speech"].get_absolute_url()}
    assert article_links(client, f"/articles/?directive={world['conclusion'].slug}") == {
        world["interview"].get_absolute_url()}
    f.quote(world["speech"], "Bộ trưởng Lê Hoài Trung trình bày chuyên đề", world["trung"], kind="reported")
    assert len(article_links(client, "/articles/?kind=reported")) == 2
    assert article_links(client, "/articles/?kind=direct&speaker=" + world["leader"].slug) == {
        world["interview"].get_absolute_url()}


def test_article_list_sorts_and_paginates(client, world):
    for i in range(25):
        f.article(f"Bài {i:02d}", [f"Đoạn {i}."], published_on="2025-01-01")
    html = client.get("/articles/?sort=title").content.decode()
    found = re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', html)
    assert found[:2] == ["Bài 00", "Bài 01"] and len(found) == 20
    assert 'href="?sort=title&amp;page=2"' in html
    second = client.get("/articles/?sort=title&page=2").content.decode()
    assert len(re.findall(r"<h3><a ", second)) == 7


def test_statement_list_filters_by_speaker_kind_and_review(client, world):
    assert links(client, f"/statements/?speaker={world['cuong'].slug}") == {
        world["outer"].get_absolute_url(), world["conclusion_quote"].get_absolute_url()}
    direct = links(client, "/statements/?kind=direct")
    assert direct == {world["inner"].get_absolute_url(), world["trung_quote"].get_absolute_url()}
    assert world["inner"].get_absolute_url() not in links(client, "/statements/?reviewed=on")


def test_statement_list_filters_by_article(client, world):
    found = links(client, f"/statements/?article={world['speech'].slug}")
    assert found == {world["trung_quote"].get_absolute_url(), world["elsewhere"].get_absolute_url()}


def test_statement_csv_follows_the_filters(client, world):
    response = client.get(f"/statements.csv?directive={world['conclusion'].slug}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeffid,url,published_on,article,speaker,kind,status,directives,text")
    assert len(text.strip().splitlines()) == 2 and "Kết luận 59-KL/TW là cơ sở" in text


def test_csv_cells_that_look_like_formulas_are_quoted(client):
    article = f.article("Công thức", ["=HYPERLINK(\"http://x\") là một ô."])
    f.quote(article, "=HYPERLINK(\"http://x\")", f.speaker("@ai đó"))
    text = b"".join(client.get("/statements.csv").streaming_content).decode()
    assert "'=HYPERLINK" in text and "'@ai đó" in text


def test_speaker_list_has_counts_and_filters_by_name(client, world):
    html = client.get("/speakers/?q=hoai+trung").content.decode()
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">[^<]+</a></th><td>[^<]*</td><td class="num">(\d+)</td>',
                      html)
    assert rows == [(world["trung"].get_absolute_url(), "2")]


def test_directive_list_is_grouped_by_kind(client, world):
    html = client.get("/directives/").content.decode()
    headings = re.findall(r'<h3 id="kind-(\w+)">', html)
    assert headings == ["conclusion", "congress", "concept"]
    assert "Văn kiện đại hội" in html and "Kết luận" in html


def test_directive_list_filters_by_kind(client, world):
    html = client.get("/directives/?kind=concept").content.decode()
    assert world["autonomy"].get_absolute_url() in html and world["congress"].get_absolute_url() not in html


def test_search_page_shows_every_kind_with_highlighted_snippets(client, world):
    html = client.get("/search/?q=tu+chu+chien+luoc").content.decode()
    for kind in ("statements", "articles", "directives"):
        assert f'id="results-{kind}"' in html
    assert world["trung_quote"].get_absolute_url() in html
    assert world["speech"].get_absolute_url() in html
    assert world["autonomy"].get_absolute_url() in html
    assert "<mark>Tự chủ chiến lược</mark>" in html


def test_search_finds_the_speaker_without_accents(client, world):
    html = client.get("/search/?q=nguyen+manh+cuong").content.decode()
    speakers = html[html.index('id="results-speakers"'):]
    assert world["cuong"].get_absolute_url() in speakers


def test_search_of_one_kind_is_paginated(client, world):
    article = f.article("Nhiều", ["Tự chủ chiến lược. " * 30])
    for i in range(25):
        f.quote(article, "Tự chủ chiến lược.", world["trung"], occurrence=i)
    html = client.get("/search/?q=%22tu+chu+chien+luoc%22&type=statements").content.decode()
    assert html.count("<blockquote") == 20 and "type=statements&amp;page=2" in html


def test_a_quoted_phrase_on_the_search_page(client, world):
    f.article("Đảo từ", ["Chiến lược là tự chủ."])
    html = client.get('/search/?q="tự chủ chiến lược"&type=articles').content.decode()
    assert "Đảo từ" not in html and world["speech"].title in html
