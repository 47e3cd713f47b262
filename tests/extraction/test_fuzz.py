"""Any input either fails to parse or extracts to statements that are exact body spans."""

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extraction import extract
from articles.extraction.parsing import ParseError, parse_source

PIECES = [
    "date 2026-01-01 ",
    "\n",
    "\r\n",
    " ",
    "“",
    "”",
    '"',
    ": ",
    ", ",
    ". ",
    "- ",
    "(Ảnh: ",
    ")",
    "Bộ trưởng ",
    "Thứ trưởng Nguyễn Văn An",
    "ông ",
    "bà Hằng ",
    "cho biết",
    "nói",
    "Theo ",
    "Nghị quyết số 18-NQ/TW",
    "Đại hội XIV",
    "Văn kiện Đại hội",
    "tự cường",
    "PV: ",
    "?",
    "Đại sứ Lê Minh:",
    "Uỷ viên ",
    "\ufeff",
    "Tập Cận Bình",
    "quan điểm “",
    "Luật Biển năm ",
]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map(
            lambda parts: "".join(parts).encode("utf-8")
        ),
    )
)
def test_statements_are_exact_spans_of_the_body(data):
    try:
        parsed = parse_source(data)
    except ParseError:
        return
    found = extract(parsed.body, [(p.start, p.end) for p in parsed.paragraphs])
    for s in found.statements:
        assert 0 <= s.start < s.end <= len(parsed.body)
        assert parsed.body[s.start : s.end] == s.text
