"""The speaker is outside the quotation; a quotation of someone else records who quoted it."""

from tests.gold.helpers import run, said

LEDE = "Sáng 4/12, Đại sứ Lục Văn Tường trả lời phỏng vấn của phóng viên."
TUONG = "Lục Văn Tường"


def test_a_name_inside_the_quoted_words_is_not_the_speaker():
    text = (
        "Đại sứ Lục Văn Tường nhấn mạnh: “Như Chủ tịch nước Trần Quang Mẫn đã bày tỏ, "
        "hai nước là đối tác tin cậy của nhau.”"
    )
    assert said(LEDE, text) == [(TUONG, text)]


def test_a_title_speaking_inside_the_quoted_words_is_not_the_speaker():
    text = "“Thủ tướng Trần Văn Hòa phát biểu rằng hợp tác là then chốt”, Đại sứ Lục Văn Tường cho biết."
    assert said(LEDE, text) == [(TUONG, text)]


def test_curly_open_and_straight_close_still_pair():
    text = 'Đại sứ Lục Văn Tường khẳng định: “Chúng tôi luôn ủng hộ đối thoại và hợp tác".'
    _, found = run(LEDE, text)
    assert [(s.speaker, s.kind, s.text) for s in found.statements] == [(TUONG, "direct", text)]


def test_a_quotation_of_another_author_records_who_quoted_it():
    outer = (
        "Đại sứ Lục Văn Tường nhắc lại lời Chủ tịch Hồ Chí Minh đã dạy: "
        "“Dĩ bất biến, ứng vạn biến là phương châm của ngoại giao Việt Nam”."
    )
    _, found = run(LEDE, outer)
    by_speaker = {s.speaker: (i, s) for i, s in enumerate(found.statements)}
    outer_index, _ = by_speaker[TUONG]
    _, inner = by_speaker["Hồ Chí Minh"]
    assert inner.quoted_by == outer_index


def test_a_speakers_own_statement_is_quoted_by_nobody():
    _, found = run(LEDE, "Đại sứ Lục Văn Tường khẳng định: “Hai nước là đối tác tin cậy của nhau.”")
    assert [s.quoted_by for s in found.statements] == [None]


def test_a_name_inside_a_quotation_running_over_paragraphs_is_not_the_speaker():
    got = said(
        LEDE,
        "Đại sứ Lục Văn Tường cho biết:",
        "“Ngay khi nhận tin, Bộ Ngoại giao đã chỉ đạo cơ quan đại diện vào cuộc.",
        "Thủ tướng Trần Văn Hòa cũng yêu cầu bảo đảm an toàn cho bà con.”",
    )
    assert {speaker for speaker, _ in got} == {TUONG}
