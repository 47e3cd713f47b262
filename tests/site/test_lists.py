"""The filtered lists and the search page: what each filter keeps."""

import datetime
import re

import pytest

from articles.models import Article, Quote
from articles.search import results as archive_search
from articles.site import paging
from tests.support import factories as f

pytestmark = pytest.mark.django_db


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
        world["interview"].get_absolute_url()
    }
    f.quote(world["speech"], "Bộ trưởng Lê Hoài Trung trình bày chuyên đề", world["trung"], kind="reported")
    assert len(article_links(client, "/articles/?kind=reported")) == 2
    assert article_links(client, "/articles/?kind=direct&speaker=" + world["leader"].slug) == {
        world["interview"].get_absolute_url()
    }


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
        world["outer"].get_absolute_url(),
        world["conclusion_quote"].get_absolute_url(),
    }
    direct = links(client, "/statements/?kind=direct")
    assert direct == {world["inner"].get_absolute_url(), world["trung_quote"].get_absolute_url()}
    assert world["inner"].get_absolute_url() not in links(client, "/statements/?reviewed=on")


def test_speaker_filter_takes_a_name_typed_without_accents(client, world):
    by_cuong = {world["outer"].get_absolute_url(), world["conclusion_quote"].get_absolute_url()}
    assert links(client, "/statements/?speaker=nguyen+manh+cuong") == by_cuong
    assert links(client, "/statements/?speaker=Nguyễn Mạnh Cường") == by_cuong
    assert article_links(client, "/articles/?speaker=le+hoai+trung") == {world["speech"].get_absolute_url()}


def test_a_name_filter_means_everyone_with_those_words_but_a_slug_means_one(client, world):
    other = f.speaker("Nguyên Mạnh Cường")  # folds to the same words as Nguyễn Mạnh Cường
    theirs = f.quote(world["speech"], "Bộ trưởng Lê Hoài Trung trình bày chuyên đề", other)
    both = links(client, "/statements/?speaker=nguyen+manh+cuong")
    assert theirs.get_absolute_url() in both and world["outer"].get_absolute_url() in both
    assert links(client, f"/statements/?speaker={other.slug}") == {theirs.get_absolute_url()}
    assert links(client, "/statements/?speaker=Nguyên Mạnh Cường") == {theirs.get_absolute_url()}


def test_a_directive_filter_takes_a_code_or_an_alias(client, world):
    assert links(client, "/statements/?directive=59-KL/TW") == {world["conclusion_quote"].get_absolute_url()}
    by_alias = links(client, "/statements/?directive=van+kien+dai+hoi+xiv")
    assert world["trung_quote"].get_absolute_url() in by_alias and world["inner"].get_absolute_url() in by_alias


def test_an_unknown_name_is_reported_and_left_out(client, world):
    html = client.get("/statements/?speaker=khong+ai+ca").content.decode()
    assert "Không có người phát biểu nào tên như vậy." in html
    assert len(set(re.findall(r'href="(/statements/\d+/)"', html))) == 5


def test_the_name_filters_suggest_who_was_quoted_lately_not_everyone(client, world, monkeypatch):
    from articles.site import filters

    monkeypatch.setattr(filters, "RECENT_STATEMENTS", 3)
    html = client.get("/statements/").content.decode()
    suggested = re.findall(r'<option value="([^"]+)"></option>', html[html.index('id="id_speaker-suggestions"') :])
    # The three newest statements are the interview's (11 February): two by Cường, one by Tổng Bí thư.
    assert 'list="id_speaker-suggestions"' in html and suggested[:2] == ["Nguyễn Mạnh Cường", "Tổng Bí thư"]
    assert "Lê Hoài Trung" not in suggested


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
    article = f.article("Công thức", ['=HYPERLINK("http://x") là một ô.'])
    f.quote(article, '=HYPERLINK("http://x")', f.speaker("@ai đó"))
    text = b"".join(client.get("/statements.csv").streaming_content).decode()
    assert "'=HYPERLINK" in text and "'@ai đó" in text


def test_the_csv_stops_at_its_documented_number_of_rows_newest_first(client, world, settings):
    settings.ARCHIVE_CSV_MAX_ROWS = 2
    response = client.get("/statements.csv")
    assert response.streaming and response["X-Statements-Limit"] == "2"
    rows = b"".join(response.streaming_content).decode().strip().splitlines()
    newest = Quote.objects.public().newest_first()[:2]
    assert [row.split(",")[0] for row in rows[1:]] == [str(q.pk) for q in newest]


def test_speaker_list_has_counts_and_filters_by_name(client, world):
    html = client.get("/speakers/?q=hoai+trung").content.decode()
    rows = re.findall(
        r'<tr><th scope="row"><a href="([^"]+)">[^<]+</a></th><td>[^<]*</td><td class="num">(\d+)</td>', html
    )
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
    speakers = html[html.index('id="results-speakers"') :]
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


# --- long lists count only so far ------------------------------------------------------


def many_articles(n: int):
    day = datetime.date(2020, 1, 1)
    Article.objects.bulk_create(
        [
            Article(
                title=f"Bài {i:03d}",
                slug=f"bai-{i:03d}",
                source_file=f"bai-{i:03d}.txt",
                content_hash="x",
                published_on=day + datetime.timedelta(days=i),
                body=f"Hợp tác quốc tế, số {i}.",
            )
            for i in range(n)
        ]
    )


def titles_on(client, url):
    return re.findall(r'<h3><a href="/articles/bai-(\d+)/"', client.get(url).content.decode())


@pytest.fixture
def small_steps(monkeypatch):
    monkeypatch.setattr(paging, "STEP", 40)
    monkeypatch.setattr(paging, "MAX_ROWS", 80)


def test_a_long_list_says_more_than_and_pages_on_past_the_count(client, small_steps):
    many_articles(100)
    html = client.get("/articles/").content.decode()
    assert "Hơn 40 bài viết" in html and "Trang 1 / hơn 2" in html
    # Page 3 lies past the first page's count; it counts further and has a next page.
    third = client.get("/articles/?page=3").content.decode()
    assert titles_on(client, "/articles/?page=3") == [f"{i:03d}" for i in range(59, 39, -1)]
    assert "Hơn 80 bài viết" in third and 'href="?page=4"' in third


def test_the_pages_stop_at_the_depth_limit(client, small_steps):
    many_articles(100)
    last = client.get("/articles/?page=4").content.decode()
    assert 'rel="next"' not in last and "các trang dừng ở đây" in last
    assert titles_on(client, "/articles/?page=9") == titles_on(client, "/articles/?page=4")
    assert titles_on(client, "/articles/?page=4&sort=date")[0] == "060"


def test_a_short_list_is_counted_exactly(client, small_steps):
    many_articles(30)
    html = client.get("/articles/?page=7").content.decode()
    assert "30 bài viết" in html and "Hơn" not in html and "Trang 2 / 2" in html


def test_search_says_more_than_when_a_word_is_common_and_pages_past_it(client, monkeypatch):
    monkeypatch.setattr(archive_search, "WHOLE", 40)
    monkeypatch.setattr(archive_search, "BLOCK", 20)
    many_articles(100)
    html = client.get("/search/?q=hop+tac").content.decode()
    assert "(hơn 40)" in html and "xếp theo mức độ liên quan" in html
    page3 = client.get("/search/?q=hop+tac&type=articles&page=3").content.decode()
    assert "(hơn 80)" in page3
    assert titles_on(client, "/search/?q=hop+tac&type=articles&page=3") == [f"{i:03d}" for i in range(59, 39, -1)]
    assert "xếp theo" not in client.get("/search/?q=so+7").content.decode()
