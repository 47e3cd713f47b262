"""Cached fragments of the pages (statement cards, an article's body and notes, linked
statement rows): a warm page is the same HTML from one read of the cache, and every change
a fragment shows reaches the next reader, by the statement's version or the archive's
generation. The writes really commit, as an editor's request would: the generation moves
once they have."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.editors import review
from articles.models import Quote, QuoteLink

pytestmark = pytest.mark.django_db(transaction=True)


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def page(client, url: str, language: str = "vi") -> str:
    """The page as a reader gets it, without the language switcher's per-request token."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return TOKEN.sub("", response.content.decode())


@pytest.fixture
def calls(monkeypatch):
    """How often a page asks the cache for fragments and writes them (the real cache answers)."""
    seen = {"get_many": 0, "set_many": 0}
    for name in seen:
        method = getattr(cache, name)

        def counted(*args, _method=method, _name=name, **kwargs):
            seen[_name] += 1
            return _method(*args, **kwargs)

        monkeypatch.setattr(cache, name, counted)
    return seen


def test_a_warm_article_page_is_the_same_html_from_one_read_of_the_cache(client, world, calls):
    url = world["interview"].get_absolute_url()
    cold = page(client, url)
    # The body and the rows; then, the body missing, the notes under its paragraphs.
    assert calls == {"get_many": 2, "set_many": 2}
    warm = page(client, url)
    assert warm == cold
    assert calls == {"get_many": 3, "set_many": 2}


def test_a_warm_list_reads_its_cards_at_once_and_writes_none(client, world, calls):
    url = reverse("articles:quote_list")
    cold = page(client, url)
    assert (calls["get_many"], calls["set_many"]) == (1, 1)
    assert page(client, url) == cold
    assert (calls["get_many"], calls["set_many"]) == (2, 1)


def test_each_language_has_its_own_fragments(client, world):
    url = reverse("articles:quote_list")
    page(client, url, "vi")
    english = page(client, url, "en")
    assert "Permalink" in english and "Liên kết cố định" not in english


def test_a_renamed_speaker_is_shown_everywhere_at_once(client, world):
    article_url = world["interview"].get_absolute_url()
    other_url = world["speech"].get_absolute_url()  # shows the link to Cường's statement
    list_url = reverse("articles:quote_list")
    for url in (article_url, other_url, list_url):
        assert "Nguyễn Mạnh Cường" in page(client, url)
    cuong = world["cuong"]
    cuong.name = "Nguyễn Mạnh Cường (đổi tên)"
    cuong.save()
    for url in (article_url, other_url, list_url):
        assert "Nguyễn Mạnh Cường (đổi tên)" in page(client, url), url


def test_a_renamed_article_and_its_outlet_reach_the_cards_and_the_rows(client, world):
    list_url = reverse("articles:quote_list")
    speech_url = world["speech"].get_absolute_url()  # its rows show the interview's title
    page(client, list_url), page(client, speech_url)
    interview = world["interview"]
    interview.title, interview.outlet = "Tiêu đề mới của bài phỏng vấn", "Báo Giả Định"
    interview.save()
    cards = page(client, list_url)
    assert "Tiêu đề mới của bài phỏng vấn</a> (Báo Giả Định)" in cards
    assert "Tiêu đề mới của bài phỏng vấn" in page(client, speech_url)


def test_a_renamed_directive_reaches_the_notes_and_the_cards(client, world):
    article_url = world["interview"].get_absolute_url()
    list_url = reverse("articles:quote_list")
    page(client, article_url), page(client, list_url)
    conclusion = world["conclusion"]
    conclusion.name = "Kết luận đã đổi tên"
    conclusion.save()
    assert f'class="tag" href="{conclusion.get_absolute_url()}">Kết luận đã đổi tên</a>' in page(client, article_url)
    assert "Kết luận đã đổi tên" in page(client, list_url)


def test_a_directive_newly_cited_appears_on_the_card(client, world):
    list_url = reverse("articles:quote_list")
    conclusion, trung_quote = world["conclusion"], world["trung_quote"]
    card = f'<li><a href="{conclusion.get_absolute_url()}">{conclusion.name}</a></li>'
    assert page(client, list_url).count(card) == 1
    trung_quote.directives.add(conclusion)
    assert page(client, list_url).count(card) == 2


def test_a_confirmed_statement_loses_its_badge_in_the_body_the_notes_and_the_cards(client, world, editor):
    inner = world["inner"]
    article_url, list_url = world["interview"].get_absolute_url(), reverse("articles:quote_list")
    assert f'<mark class="statement suggested" id="s{inner.pk}">' in page(client, article_url)
    before = page(client, list_url).count('class="badge-auto"')
    review.decide_statements(editor, {inner.pk: inner.version}, "confirmed")
    html = page(client, article_url)
    assert f'<mark class="statement" id="s{inner.pk}">' in html
    assert 'class="badge-auto"' not in html.split(f'id="n{inner.pk}"')[1].split("</li>")[0]
    assert page(client, list_url).count('class="badge-auto"') == before - 1


def test_an_accepted_link_loses_its_badge_in_the_row(client, world, editor):
    url = world["speech"].get_absolute_url()
    assert "linked automatically" in page(client, url, "en")
    link = QuoteLink.objects.get(from_quote=world["elsewhere"])
    review.decide_links(editor, [link.pk], "confirmed")
    assert "linked automatically" not in page(client, url, "en")


def test_the_speaker_of_the_quoting_statement_is_never_stale(client, world, editor):
    outer, inner, trung = world["outer"], world["inner"], world["trung"]
    Quote.objects.filter(pk=inner.pk).update(quoted_by=outer)
    list_url = reverse("articles:quote_list")
    assert "quoted by Nguyễn Mạnh Cường" in page(client, list_url, "en")
    outer.refresh_from_db()
    review.correct_speaker(editor, outer.pk, outer.version, trung)
    html = page(client, list_url, "en")
    assert "quoted by Lê Hoài Trung" in html and "quoted by Nguyễn Mạnh Cường" not in html
