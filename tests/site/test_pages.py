"""The reading pages: what a reader sees on each, and what they never see."""

import re

import pytest
from django.urls import reverse

from articles.models import Quote
from tests.support import factories as f

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def test_home_shows_latest_articles_most_cited_directives_most_quoted_speakers_and_a_search_box(client, world):
    html = page(client, "/")
    assert world["interview"].title in html and world["speech"].title in html
    top_directive = re.search(r'id="directives-heading".*?<li><a href="([^"]+)"', html, re.S).group(1)
    assert top_directive == world["congress"].get_absolute_url()
    top_speaker = re.search(r'id="speakers-heading".*?<li><a href="([^"]+)"', html, re.S).group(1)
    assert top_speaker in {world["cuong"].get_absolute_url(), world["trung"].get_absolute_url()}
    assert 'action="/search/"' in html and 'name="q"' in html


def test_the_interface_is_vietnamese_by_default_with_a_no_script_language_switcher(client, world):
    html = page(client, "/")
    assert '<html lang="vi">' in html
    assert "Bài viết mới nhất" in html
    assert re.search(r'<form class="language" action="/i18n/setlang/" method="post">', html)
    assert "<script" not in html


def test_english_after_switching_language(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/articles/"})
    assert response.status_code == 302 and response["Location"] == "/articles/"
    html = page(client, "/")
    assert '<html lang="en">' in html and "Latest articles" in html


def test_article_body_keeps_its_structure(client, world):
    html = page(client, world["interview"].get_absolute_url())
    assert '<h2 class="body-heading" lang="vi">Tự chủ chiến lược trong kỷ nguyên mới</h2>' in html
    assert '<p class="question" lang="vi">- Xin Thứ trưởng' in html
    assert re.search(r'<figure class="photo-caption"><figcaption lang="vi">Thứ trưởng Bộ Ngoại giao', html)
    assert re.search(r'<aside class="pull-quote"[^>]*><blockquote lang="vi"><p>“Đối ngoại', html)


def test_article_statements_are_highlighted_nested_and_attributed(client, world):
    outer, inner = world["outer"], world["inner"]
    html = page(client, world["interview"].get_absolute_url())
    assert f'<mark class="statement" id="s{outer.pk}">Văn kiện đã bổ sung' in html
    nested = re.search(rf'id="s{outer.pk}">(.*?)</mark><a class="note-ref" href="#n{outer.pk}"', html, re.S).group(1)
    assert f'<mark class="statement suggested" id="s{inner.pk}">“đối ngoại phải đi trước mở đường”</mark>' in nested
    note = re.search(rf'<li id="n{outer.pk}".*?</li>', html, re.S).group()
    assert world["cuong"].get_absolute_url() in note
    assert world["congress"].get_absolute_url() in note and world["autonomy"].get_absolute_url() in note
    assert outer.get_absolute_url() in note


def test_suggested_statements_say_they_were_extracted_automatically(client, world):
    html = page(client, world["interview"].get_absolute_url())
    inner_note = re.search(rf'<li id="n{world["inner"].pk}".*?</li>', html, re.S).group()
    outer_note = re.search(rf'<li id="n{world["outer"].pk}".*?</li>', html, re.S).group()
    assert "trích tự động" in inner_note
    assert "trích tự động" not in outer_note


def test_rejected_statements_appear_nowhere_public(client, world):
    rejected = world["rejected"]
    assert f'id="s{rejected.pk}"' not in page(client, world["interview"].get_absolute_url())
    # Gone, not missing: a citation of it learns that it was withdrawn, and not its text.
    gone = page(client, rejected.get_absolute_url(), status=410)
    assert rejected.text not in gone and world["interview"].get_absolute_url() in gone
    for url in [
        "/statements/",
        world["congress"].get_absolute_url(),
        "/search/?q=nghi+quyet+dai+hoi+xiv+chi+ro",
        "/api/quotes/",
        "/statements.csv",
        reverse("articles:feed_directive", args=[world["congress"].slug]),
    ]:
        assert f"/statements/{rejected.pk}/" not in page(client, url), url


def test_article_side_panel_lists_people_with_titles_and_directives(client, world):
    html = page(client, world["interview"].get_absolute_url())
    panel = re.search(r'<aside class="side-panel".*?</aside>', html, re.S).group()
    assert "Nguyễn Mạnh Cường" in panel and "Thứ trưởng Bộ Ngoại giao" in panel
    for d in ("congress", "autonomy", "conclusion"):
        assert world[d].get_absolute_url() in panel


def test_linked_statements_show_links_in_both_directions_but_not_rejected_ones(client, world):
    rejected_target = f.quote(world["speech"], "Bộ trưởng Lê Hoài Trung trình bày chuyên đề", world["trung"])
    f.link(world["conclusion_quote"], rejected_target, status="rejected")
    html = page(client, world["interview"].get_absolute_url())
    elsewhere = html[html.index('id="linked-heading"') :]
    assert world["trung_quote"].get_absolute_url() in elsewhere  # linked to ours
    assert world["elsewhere"].get_absolute_url() in elsewhere  # linked from theirs
    assert "liên kết tự động" in elsewhere  # that link is only suggested
    assert rejected_target.get_absolute_url() not in elsewhere


def test_hostile_article_text_is_shown_as_text(client):
    hostile = "<script>alert('x')</script> {{ request.user }} {% csrf_token %} <img src=x onerror=alert(1)>"
    article = f.article("<b>Tiêu đề</b> {{ 7|add:1 }}", ["Mở đầu.", hostile])
    f.quote(article, "<script>alert('x')</script>", f.speaker("<i>Kẻ</i> {% now 'Y' %}"))
    html = page(client, article.get_absolute_url())
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Tiêu đề</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; {{ request.user }} {% csrf_token %}" in html
    assert "&lt;b&gt;Tiêu đề&lt;/b&gt; {{ 7|add:1 }}" in html
    assert "&lt;i&gt;Kẻ&lt;/i&gt; {% now &#x27;Y&#x27; %}" in html
    assert "&lt;script&gt;" in page(client, "/search/?q=alert")


def test_speaker_page_shows_titles_over_time_and_statements_newest_first(client, world):
    cuong = world["cuong"]
    older = f.article("Bài cũ hơn", ["Phó Thủ tướng nói rằng hội nhập là động lực."], published_on="2025-06-01")
    from articles.models import SpeakerTitle

    SpeakerTitle.objects.create(speaker=cuong, article=older, title="Đại sứ", seen_on=older.published_on)
    old_quote = f.quote(older, "hội nhập là động lực", cuong)
    html = page(client, cuong.get_absolute_url())
    titles = html[html.index('id="titles-heading"') : html.index('id="filter-heading"')]
    assert titles.index("Đại sứ") < titles.index("Thứ trưởng Bộ Ngoại giao")
    listed = html[html.index('id="statements-heading"') :]
    positions = [listed.index(q.get_absolute_url()) for q in (world["outer"], old_quote)]
    assert positions == sorted(positions)


def test_a_speaker_page_shows_no_title_taken_from_an_unpublished_article(client, world):
    from articles.models import SpeakerTitle

    cuong = world["cuong"]
    draft = f.article("Bài nháp", ["Ông Cường, Tổng thư ký, nói."], status="draft")
    SpeakerTitle.objects.create(speaker=cuong, article=draft, title="Tổng thư ký", seen_on=draft.published_on)
    html = page(client, cuong.get_absolute_url())
    titles = html[html.index('id="titles-heading"') : html.index('id="filter-heading"')]
    assert "Thứ trưởng Bộ Ngoại giao" in titles
    assert "Tổng thư ký" not in titles


def test_speaker_statements_filter_by_directive(client, world):
    url = world["cuong"].get_absolute_url() + f"?directive={world['conclusion'].slug}"
    listed = page(client, url).split('id="statements-heading"')[1]
    assert world["conclusion_quote"].get_absolute_url() in listed
    assert world["outer"].get_absolute_url() + '"' not in listed


def test_directive_page_shows_its_relations_and_every_statement_citing_it(client, world):
    html = page(client, world["autonomy"].get_absolute_url())
    assert "Quan điểm chỉ đạo chung" in html
    assert world["congress"].get_absolute_url() in html  # parent
    assert world["conclusion"].get_absolute_url() in html  # related
    for q in ("outer", "trung_quote"):
        assert world[q].get_absolute_url() in html
    congress = page(client, world["congress"].get_absolute_url())
    assert "Văn kiện Đại hội XIV" in congress  # alias
    assert world["autonomy"].get_absolute_url() in congress  # child


def test_directive_chart_is_an_accessible_svg_without_style_attributes(client, world):
    html = page(client, world["congress"].get_absolute_url())
    svg = re.search(r"<svg.*?</svg>", html, re.S).group()
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert '<title id="chart-title">' in svg and "02/2026: 4" in svg  # rejected not counted
    assert "style=" not in html
    assert svg.count('<rect class="bar"') == 12  # a year's months, one with statements
    assert not re.search(r'(x|y|width|height)="\d+,\d', svg)  # no decimal commas from the vi locale


def test_directive_statements_are_paginated(client, world):
    article = f.article("Nhiều phát biểu", ["x" * 60])
    f.many_quotes(article, 45, world["trung"], [world["conclusion"]])
    first, last = (
        page(client, world["conclusion"].get_absolute_url()),
        page(client, world["conclusion"].get_absolute_url() + "?page=3"),
    )
    assert first.count('class="statement-card"') == 20 and last.count('class="statement-card"') == 6
    assert "Trang 3 / 3" in last


@pytest.mark.parametrize("kind", ["speaker", "directive"])
def test_a_merged_slug_redirects_permanently_to_the_kept_page(client, world, kind):
    target = world["cuong"] if kind == "speaker" else world["congress"]
    f.former_slug(target, "ten-cu")
    response = client.get(f"/{kind}s/ten-cu/?page=2")
    assert response.status_code == 301
    assert response["Location"] == target.get_absolute_url() + "?page=2"
    page(client, f"/{kind}s/khong-co/", status=404)


def test_a_former_speaker_slug_does_not_redirect_a_directive_url(client, world):
    f.former_slug(world["cuong"], "chi-la-nguoi")
    page(client, "/directives/chi-la-nguoi/", status=404)


def test_statement_permalink_shows_the_paragraph_around_it_and_its_links(client, world):
    inner = world["inner"]
    html = page(client, inner.get_absolute_url())
    context = html[html.index('id="context-heading"') : html.index('id="linked-heading"')]
    assert f'<mark class="statement suggested" id="s{inner.pk}">' in context
    assert "Thứ trưởng Nguyễn Mạnh Cường: Văn kiện" in context  # the whole paragraph
    assert "Kết luận 59-KL/TW là cơ sở" not in context  # and only it
    assert world["leader"].get_absolute_url() in html
    assert world["congress"].get_absolute_url() in html
    assert world["elsewhere"].get_absolute_url() in html[html.index('id="linked-heading"') :]
    assert f"{world['interview'].get_absolute_url()}#s{inner.pk}" in html


def test_drafts_are_not_public(client, world):
    draft = f.article("Bản nháp", ["Chưa đăng."], status="draft")
    page(client, draft.get_absolute_url(), status=404)
    assert draft.title not in page(client, "/articles/")


def test_every_page_carries_opengraph_tags(client, world):
    html = page(client, world["interview"].get_absolute_url())
    assert f'<meta property="og:title" content="{world["interview"].title}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert re.search(r'<meta property="og:url" content="http://testserver/articles/[^"]+/">', html)


def test_unanchored_statements_are_not_highlighted(client, world):
    Quote.objects.filter(pk=world["outer"].pk).update(anchored=False)
    html = page(client, world["interview"].get_absolute_url())
    assert f'id="s{world["outer"].pk}"' not in html


def test_home_ranks_with_the_number_of_public_statements(client, world):
    html = page(client, "/")
    directives = html[html.index('id="directives-heading"') : html.index('id="speakers-heading"')]
    # Four public statements cite the congress resolution; the rejected fifth is not counted.
    assert re.search(
        rf'href="{world["congress"].get_absolute_url()}">[^<]*</a>\s*<span class="meta">4 phát biểu', directives
    )
    Quote.objects.filter(pk=world["trung_quote"].pk).update(status="rejected")
    directives = page(client, "/").split('id="directives-heading"')[1]
    assert re.search(
        rf'href="{world["congress"].get_absolute_url()}">[^<]*</a>\s*<span class="meta">3 phát biểu', directives
    )


def test_speaker_and_directive_pages_count_their_public_statements(client, world):
    f.many_quotes(world["speech"], 25, world["trung"], [world["conclusion"]])
    f.many_quotes(world["speech"], 3, world["trung"], [world["conclusion"]], status="rejected")
    assert "27 phát biểu, mới nhất trước" in page(client, world["trung"].get_absolute_url())
    filtered = page(client, world["trung"].get_absolute_url() + f"?directive={world['conclusion'].slug}")
    assert "25 phát biểu, mới nhất trước" in filtered
    assert "26 phát biểu dẫn văn bản này" in page(client, world["conclusion"].get_absolute_url())


def links_shown(html: str) -> list[str]:
    """The permalinks of the statements in the "Linked statements" section, in order."""
    section = html[html.index('id="linked-heading"') :]
    return re.findall(r'<blockquote lang="vi" cite="(/statements/\d+/)">', section)


def test_the_article_shows_its_strongest_links_and_says_where_the_rest_are(client, world):
    other = f.article("Nhiều bài nhắc lại", ["y" * 40])
    restatements = f.many_quotes(other, 25, world["trung"])
    for i, q in enumerate(restatements):
        f.link(q, world["outer"], score=i / 100)
    html = page(client, world["interview"].get_absolute_url())
    # The sample archive's two links score 0.9: they come first.
    strongest = [world["trung_quote"], world["elsewhere"]] + list(reversed(restatements))[:18]
    assert links_shown(html) == [q.get_absolute_url() for q in strongest]
    assert "liên kết cố định của mỗi phát biểu liệt kê mọi liên kết" in html


def test_a_statements_links_are_paged_strongest_first(client, world):
    other = f.article("Nhiều bài nhắc lại", ["y" * 40])
    restatements = f.many_quotes(other, 25, world["trung"])
    for i, q in enumerate(restatements):
        f.link(world["outer"], q, score=i / 100)
    f.link(restatements[0], world["outer"], status="rejected")
    url = world["outer"].get_absolute_url()
    first, second = page(client, url), page(client, url + "?page=2")
    newest_first = [q.get_absolute_url() for q in reversed(restatements)]
    # trung_quote's link has the strongest score (0.9): it comes first.
    assert links_shown(first) == [world["trung_quote"].get_absolute_url()] + newest_first[:19]
    assert links_shown(second) == newest_first[19:]
    assert 'rel="next"' in first and 'rel="prev"' in second and 'rel="next"' not in second
    assert "Trang 2" in second
    assert links_shown(page(client, url + "?page=abc")) == links_shown(first)


def test_addresses_are_the_ones_the_url_patterns_give(world):
    for name, obj, arg in [
        ("article_detail", world["interview"], world["interview"].slug),
        ("speaker_detail", world["cuong"], world["cuong"].slug),
        ("directive_detail", world["congress"], world["congress"].slug),
        ("quote_detail", world["outer"], world["outer"].pk),
    ]:
        assert obj.get_absolute_url() == reverse(f"articles:{name}", args=[arg])


def test_speaker_page_tells_their_current_title_activity_directives_and_company(client, world):
    cuong = world["cuong"]
    older = f.article("Bài cũ hơn", ["Phó Thủ tướng nói rằng hội nhập là động lực."], published_on="2025-06-01")
    from articles.models import SpeakerTitle

    SpeakerTitle.objects.create(speaker=cuong, article=older, title="Đại sứ", seen_on=older.published_on)
    first = f.quote(older, "hội nhập là động lực", cuong, [world["conclusion"]])
    html = page(client, cuong.get_absolute_url())
    header = html[html.index("<h1") : html.index('id="titles-heading"')]
    assert "Thứ trưởng Bộ Ngoại giao" in header and "Đại sứ" not in header  # the title seen last
    chart = html[html.index('id="chart-heading"') : html.index('id="statements-heading"')]
    assert "<svg" in chart and "<table" in chart
    assert '<td>06/2025</td><td class="num">1</td>' in chart and '<td>02/2026</td><td class="num">2</td>' in chart
    cited = html[html.index('id="cited-heading"') : html.index('id="with-heading"')]
    assert cited.index(world["conclusion"].name) < cited.index(world["congress"].name)  # 2 statements, then 1
    company = html[html.index('id="with-heading"') : html.index('id="filter-heading"')]
    assert world["leader"].get_absolute_url() in company and cuong.get_absolute_url() not in company
    ends = html[html.index('id="first-heading"') : html.index('id="chart-heading"')]
    assert ends.index(first.get_absolute_url()) < ends.index(world["outer"].get_absolute_url())
