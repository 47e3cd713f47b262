"""The body renderer and the month chart: pure functions, no database."""

import datetime
import re
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from articles.site import charts
from articles.site.charts import describe, month_bars, months_between, svg_bars, table_rows
from articles.site.rendering import paragraph_spans, render_body, render_paragraph

BODY = (
    "Ông nói: “Chúng ta phải giữ vững độc lập, như Tổng Bí thư đã nói ‘tự chủ chiến lược’ là cốt lõi”."
    "\n\nĐoạn hai có <script>alert(1)</script> và {{ x }} {% now 'Y' %}."
)


def span(pk, text, body=BODY, status="confirmed", occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(text, start + 1)
    return SimpleNamespace(pk=pk, start=start, end=start + len(text), status=status)


def paragraph(start, end, role="body"):
    return SimpleNamespace(start=start, end=end, role=role)


def marked_texts(html: str) -> dict[int, str]:
    """The text inside each statement's first (anchored) mark and the marks nested in it."""
    covered: dict[int, list[str]] = {}
    stack: list = []
    for token in re.split(r'(<mark[^>]*>|</mark>|<a class="note-ref"[^>]*>\d+</a>)', html):
        if token.startswith("<mark"):
            found = re.search(r'id="s(\d+)"', token)
            stack.append(int(found.group(1)) if found else None)
        elif token == "</mark>":
            stack.pop()
        elif not token.startswith('<a class="note-ref"'):
            for pk in stack:
                if pk is not None:
                    covered.setdefault(pk, []).append(token)
    return {pk: unescape("".join(parts)) for pk, parts in covered.items()}


def unescape(html: str) -> str:
    return (
        html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
    )


def test_nested_statement_marks_sit_inside_the_outer_one():
    outer = span(1, "“Chúng ta phải giữ vững độc lập, như Tổng Bí thư đã nói ‘tự chủ chiến lược’ là cốt lõi”")
    inner = span(2, "‘tự chủ chiến lược’", status="suggested")
    [first, _] = render_body(BODY, [], [outer, inner])
    assert (
        '<mark class="statement" id="s1">“Chúng ta phải giữ vững độc lập, như Tổng Bí thư đã nói '
        '<mark class="statement suggested" id="s2">‘tự chủ chiến lược’</mark>'
    ) in first.html
    assert first.html.count("<mark") == first.html.count("</mark>") == 2


def test_each_mark_covers_exactly_its_span_of_the_body():
    outer = span(1, "“Chúng ta phải giữ vững độc lập, như Tổng Bí thư đã nói ‘tự chủ chiến lược’ là cốt lõi”")
    inner = span(2, "‘tự chủ chiến lược’")
    [first, _] = render_body(BODY, [], [outer, inner])
    covered = marked_texts(first.html)
    assert covered[1] == BODY[outer.start : outer.end]
    assert covered[2] == BODY[inner.start : inner.end]


def test_crossing_statements_are_split_into_well_nested_pieces():
    a = span(1, "phải giữ vững độc lập")
    b = span(2, "độc lập, như Tổng Bí thư")
    html = render_body(BODY, [], [a, b])[0].html
    assert html.count("<mark") == 3 and html.count("</mark>") == 3
    assert html.count('id="s2"') == 1 and 'class="statement continued"' in html
    covered = marked_texts(html)
    assert covered[1] == "phải giữ vững độc lập"
    without_refs = re.sub(r'<a class="note-ref"[^>]*>\d+</a>', "", html)
    assert unescape(re.sub(r"<[^>]+>", "", without_refs)) == BODY.split("\n\n")[0]


def test_a_statement_over_two_paragraphs_continues_in_the_next_and_is_noted_once():
    across = span(1, "cốt lõi”.\n\nĐoạn hai")
    blocks = render_body(BODY, [], [across])
    assert blocks[0].html.count('id="s1"') == 1
    assert (
        '<mark class="statement continued">Đoạn hai</mark><a class="note-ref" href="#n1" id="r1">1</a>'
        in blocks[1].html
    )
    assert [n for n, _ in blocks[0].statements] == [1] and blocks[1].statements == ()


def test_hostile_text_is_escaped_not_run():
    blocks = render_body(BODY, [], [span(1, "<script>alert(1)</script>")])
    html = blocks[1].html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ x }} {% now &#x27;Y&#x27; %}" in html


def test_paragraph_roles_come_from_the_stored_paragraphs():
    first_end = BODY.index("\n\n")
    blocks = render_body(BODY, [paragraph(first_end + 2, len(BODY), "caption"), paragraph(0, first_end, "lede")])
    assert [(b.role, b.start) for b in blocks] == [("lede", 0), ("caption", first_end + 2)]


def test_without_stored_paragraphs_each_line_is_a_paragraph():
    assert paragraph_spans("a\n\nb\n  \nc") == [(0, 1, "body"), (3, 4, "body"), (8, 9, "body")]


def test_spans_outside_the_body_are_left_out():
    broken = SimpleNamespace(pk=9, start=5, end=len(BODY) + 10, status="confirmed")
    empty = SimpleNamespace(pk=8, start=4, end=4, status="confirmed")
    blocks = render_body(BODY, [], [broken, empty])
    assert all("<mark" not in b.html for b in blocks)


def test_around_keeps_only_the_paragraphs_of_the_span():
    target = span(1, "Đoạn hai")
    blocks = render_body(BODY, [], [target], around=(target.start, target.end))
    assert len(blocks) == 1 and blocks[0].html.startswith('<mark class="statement" id="s1">')


def test_without_notes_there_are_no_note_links():
    [first, _] = render_body(BODY, [], [span(1, "Ông nói")], notes=False)
    assert first.html.startswith('<mark class="statement" id="s1">Ông nói</mark>:') and "note-ref" not in first.html


def test_note_numbers_follow_the_reading_order():
    later, earlier = span(7, "Đoạn hai"), span(9, "Ông nói")
    blocks = render_body(BODY, [], [later, earlier])
    assert [(n, s.pk) for b in blocks for n, s in b.statements] == [(1, 9), (2, 7)]


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 20)), max_size=8))
def test_any_set_of_spans_renders_well_nested_marks_over_the_unchanged_text(pairs):
    body = "abcdefghij klmnopqrst uvwxyz 0123456789 ABCDEFGHIJ"
    statements = [
        SimpleNamespace(pk=i, start=s, end=min(s + n, len(body)), status="confirmed")
        for i, (s, n) in enumerate(pairs, 1)
        if s < len(body)
    ]
    html = render_paragraph(body, 0, len(body), statements, {s.pk: s.pk for s in statements}, set())
    depth = 0
    for tag in re.findall(r"</?mark", html):
        depth += 1 if tag == "<mark" else -1
        assert depth >= 0
    assert depth == 0
    text = re.sub(r'<a class="note-ref"[^>]*>\d+</a>', "", html)
    assert re.sub(r"<[^>]+>", "", text) == body
    for s in statements:
        assert html.count(f'id="s{s.pk}"') == 1


def test_months_between_fills_every_month_across_a_year_end():
    months = months_between(datetime.date(2025, 11, 5), datetime.date(2026, 2, 1))
    assert months == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]


def test_month_bars_scale_to_the_busiest_month_and_keep_empty_months():
    bars = month_bars({datetime.date(2026, 1, 1): 4, datetime.date(2026, 3, 1): 2})
    assert [b.count for b in bars] == [4, 0, 2]
    assert bars[0].height == 2 * bars[2].height and bars[1].height == 0
    assert bars[0].label and bars[-1].label


def test_month_bars_of_nothing_is_no_chart():
    assert month_bars({}) == []


def test_the_chart_text_is_written_once_and_without_the_locale():
    bars = month_bars({datetime.date(2025, 12, 1): 3, datetime.date(2026, 2, 1): 1})
    assert describe(bars) == "12/2025: 3; 01/2026: 0; 02/2026: 1"
    assert bars[1].svg["width"] == str(bars[1].width) and "," not in "".join(bars[1].svg.values())
    assert bars[0].svg["x"] == "1.0" and bars[0].svg["centre"] == str(bars[0].centre)


def test_the_bars_and_the_table_are_written_with_the_first_and_last_months_labelled():
    bars = month_bars({datetime.date(2025, 12, 1): 3, datetime.date(2026, 2, 1): 1})
    svg = svg_bars(bars)
    assert svg.count('<rect class="bar"') == 3 and "<title>01/2026: 0</title>" in svg
    assert '<text class="label" text-anchor="start" x="1.0" y="150">12/2025</text>' in svg
    assert '<text class="label" text-anchor="end" x="640" y="150">02/2026</text>' in svg
    assert table_rows(bars).count("<tr>") == 3 and '<td>02/2026</td><td class="num">1</td>' in table_rows(bars)


@given(st.text(alphabet=st.sampled_from("aàảẩ đĐ.…\u0301\u0323\u0300xyz“”"), max_size=40), st.integers(0, 30))
def test_shorten_cuts_as_djangos_truncatechars(text, length):
    from django.template.defaultfilters import truncatechars
    from django.utils.text import add_truncation_text

    from articles.text import shorten

    # The ending the cards pass: the active language's, as truncatechars appends it.
    assert shorten(text, length, add_truncation_text("")) == truncatechars(text, length)


def test_a_shortened_statement_in_a_card_ends_as_before():
    from django.template.defaultfilters import truncatechars

    from articles.text import shorten

    said = "Trong bối cảnh mới, ngoại giao kinh tế cần được triển khai đồng bộ, quyết liệt và hiệu quả hơn nữa."
    assert shorten(said, 60, "…") == truncatechars(said, 60)
    assert shorten(said, 200, "…") == said


def test_month_bars_over_a_year_make_one_busy_month_a_bar_not_a_block():
    bars = month_bars({datetime.date(2026, 2, 1): 5}, at_least=12)
    assert [b.text for b in bars][:2] == ["03/2025", "04/2025"] and len(bars) == 12
    assert [b.count for b in bars] == [0] * 11 + [5]
    assert bars[-1].width < charts.WIDTH / 10
