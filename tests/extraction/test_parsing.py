"""The source format: what parses, what is refused, and the exact body offsets are built on."""

import datetime
import hashlib
import unicodedata

import pytest

from articles.extraction.parsing import ParseError, derive_title, parse_source


def parse(text: str, **kwargs):
    return parse_source(text.encode("utf-8"), **kwargs)


def test_date_line_carries_the_first_paragraph():
    parsed = parse("date 2026-02-07 Lede here.\nSecond paragraph.\n")
    assert parsed.published == datetime.date(2026, 2, 7)
    assert [p.text for p in parsed.paragraphs] == ["Lede here.", "Second paragraph."]


def test_every_paragraph_offset_slices_the_body_exactly():
    parsed = parse("date 2026-02-07 One.\n\n\nTwo  has   spaces.\nThree.")
    assert parsed.body == "One.\n\nTwo has spaces.\n\nThree."
    for p in parsed.paragraphs:
        assert parsed.body[p.start : p.end] == p.text


def test_bom_crlf_and_leading_whitespace_are_accepted():
    data = "\ufeff \r\n date 2026-01-02 Một.\r\nHai.\r\n".encode("utf-8")
    parsed = parse_source(data)
    assert [p.text for p in parsed.paragraphs] == ["Một.", "Hai."]


def test_text_is_stored_as_nfc():
    nfd = unicodedata.normalize("NFD", "date 2026-01-02 Nghị quyết Đại hội.")
    parsed = parse(nfd)
    assert parsed.body == "Nghị quyết Đại hội."
    assert unicodedata.is_normalized("NFC", parsed.body)


def test_same_text_in_nfd_and_nfc_hashes_alike():
    text = "date 2026-01-02 Tự chủ chiến lược."
    assert parse(text).content_hash == parse(unicodedata.normalize("NFD", text)).content_hash


def test_date_line_alone_then_paragraphs():
    parsed = parse("date 2026-03-04\nFirst.\nSecond.")
    assert [p.text for p in parsed.paragraphs] == ["First.", "Second."]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\r\n  ", "empty"),
        (b"Hello\nworld", "no date line"),
        (b"2026-02-07 text", "no date line"),
        (b"date 07/02/2026 text", "invalid date"),
        (b"date 2026-02-30 text", "invalid date"),
        (b"date 2026-13-01 text", "invalid date"),
        (b"date 2026-02-07", "no paragraphs"),
        (b"date 2026-02-07 caf\xe9", "not UTF-8"),
        (b"date 2026-02-07 a\x00b", "NUL bytes"),
        (b"date 2026-02-07 a\x01\x02b", "control characters"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data, reason):
    with pytest.raises(ParseError, match=reason):
        parse_source(data)


def test_size_limit():
    with pytest.raises(ParseError, match="over the limit of 10"):
        parse_source(b"date 2026-02-07 " + b"x" * 20, max_bytes=10)


def test_error_messages_are_one_line():
    for data in [b"", b"nope", b"date 2026-99-99 x", b"\xff\xfe", b"a\x00"]:
        with pytest.raises(ParseError) as excinfo:
            parse_source(data)
        assert "\n" not in str(excinfo.value)


def test_title_is_the_first_sentence():
    assert derive_title("Bộ trưởng cho biết điều này. Câu thứ hai.") == "Bộ trưởng cho biết điều này"


def test_long_title_is_cut_at_a_word_boundary():
    lede = " ".join(["chính sách"] * 40) + "."
    title = derive_title(lede, limit=50)
    assert title.endswith("…")
    assert len(title) <= 51
    assert lede.startswith(title[:-1])
    assert not title[:-1].endswith(" ")


def test_title_does_not_split_on_abbreviated_numbers():
    assert (
        derive_title("Tăng trưởng đạt 8.5% trong năm 2025 theo báo cáo.")
        == "Tăng trưởng đạt 8.5% trong năm 2025 theo báo cáo"
    )


def test_metadata_lines_before_the_date_line_describe_the_source():
    parsed = parse(
        "title: Hội đàm Việt Nam - Nhật Bản\nurl: https://thoidiem.example/a.htm\noutlet:  Báo Thời Điểm\n"
        "author: Minh Anh\nAuthor: Hoàng Lan\ndate 2026-03-05 Chiều 4/3, hai bộ trưởng hội đàm.\nĐoạn hai.\n"
    )
    assert parsed.meta.title == "Hội đàm Việt Nam - Nhật Bản"
    assert (parsed.meta.url, parsed.meta.outlet) == ("https://thoidiem.example/a.htm", "Báo Thời Điểm")
    assert parsed.meta.authors == ("Minh Anh", "Hoàng Lan")
    assert [p.text for p in parsed.paragraphs] == ["Chiều 4/3, hai bộ trưởng hội đàm.", "Đoạn hai."]


def test_a_text_without_metadata_hashes_as_before_and_metadata_changes_the_hash():
    text = "date 2026-02-07 Một.\nHai."
    assert parse(text).content_hash == hashlib.sha256("2026-02-07\nMột.\n\nHai.".encode()).hexdigest()
    assert parse("outlet: Báo A\n" + text).content_hash != parse(text).content_hash


def test_metadata_given_twice_or_after_the_date_line_is_not_metadata():
    with pytest.raises(ParseError, match="'title' given twice"):
        parse("title: Một\ntitle: Hai\ndate 2026-02-07 Ba.")
    assert parse("date 2026-02-07 Một.\ntitle: Hai").paragraphs[1].text == "title: Hai"
    with pytest.raises(ParseError, match="no date line"):
        parse("title: Một\nBài không có ngày.")
