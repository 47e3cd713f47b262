"""Statements: exact spans, resolved speakers, one statement per thing said."""

import pytest

from tests.gold.helpers import run, said

LEDE = "Chiều 10/3, Bộ Ngoại giao tổ chức họp báo thường kỳ."
AN = "Nguyễn Văn An"


def test_direct_quote_attributed_after_it():
    text = "“Việt Nam luôn sẵn sàng đối thoại với các đối tác”, Bộ trưởng Nguyễn Văn An nói."
    assert said(LEDE, text) == [(AN, text)]


def test_direct_quote_attributed_before_it():
    text = "Bộ trưởng Nguyễn Văn An nhấn mạnh: “Chúng ta phải chủ động hơn nữa trong hội nhập.”"
    assert said(LEDE, text) == [(AN, text)]


def test_mixed_quote_marks_still_pair():
    text = '“Hợp tác là lợi ích chung của hai nước", Bộ trưởng Nguyễn Văn An khẳng định.'
    _, found = run(LEDE, text)
    assert [(s.speaker, s.kind) for s in found.statements] == [(AN, "direct")]


@pytest.mark.parametrize(
    "verb",
    [
        "cho biết",
        "nhấn mạnh",
        "khẳng định",
        "cho rằng",
        "kiến nghị",
        "đề nghị",
        "chia sẻ",
        "phân tích",
        "lưu ý",
        "định hướng",
        "yêu cầu",
        "đánh giá cao",
        "nêu rõ",
        "chỉ ra",
    ],
)
def test_reported_speech_verb(verb):
    text = f"Đại sứ Nguyễn Văn An {verb} quan hệ hai nước đang phát triển tốt đẹp."
    assert said(LEDE, text) == [(AN, text)]


def test_theo_x_attributes_the_sentence():
    got = said(LEDE, "Thứ trưởng Nguyễn Văn An chủ trì họp báo.", "Theo Thứ trưởng, hai bên sẽ sớm ký hiệp định.")
    assert got == [(AN, "Theo Thứ trưởng, hai bên sẽ sớm ký hiệp định.")]


def test_statement_starts_at_the_attributing_sentence():
    got = said(LEDE, "Hội nghị đã thông qua nghị quyết. Bộ trưởng Nguyễn Văn An cho biết đây là bước tiến lớn.")
    assert got == [(AN, "Bộ trưởng Nguyễn Văn An cho biết đây là bước tiến lớn.")]


def test_title_alone_refers_to_the_person_holding_it():
    got = said(LEDE, "Bộ trưởng Nguyễn Văn An dự họp.", "Bộ trưởng phân tích, đây là thời cơ lớn.")
    assert got == [(AN, "Bộ trưởng phân tích, đây là thời cơ lớn.")]


def test_bare_honorific_refers_to_the_last_speaker():
    got = said(
        LEDE, "Bộ trưởng Nguyễn Văn An cho biết hai bên đã đạt đồng thuận.", "Ông cũng lưu ý cần đẩy nhanh tiến độ."
    )
    assert got[-1] == (AN, "Ông cũng lưu ý cần đẩy nhanh tiến độ.")


def test_honorific_with_the_last_word_of_the_name_refers_to_that_person():
    got = said(LEDE, "Người phát ngôn Phạm Thu Hằng chủ trì họp báo.", "Bà Hằng khẳng định lập trường nhất quán.")
    assert got == [("Phạm Thu Hằng", "Bà Hằng khẳng định lập trường nhất quán.")]


def test_two_speakers_in_one_paragraph_make_two_statements():
    first = "Đại biểu Lê Văn Bình cho rằng cần sửa luật."
    second = "Trong khi đó, Chủ nhiệm Ủy ban Đối ngoại Hoàng Thị Mai đề nghị thận trọng."
    assert said(LEDE, f"{first} {second}") == [("Lê Văn Bình", first), ("Hoàng Thị Mai", second)]


def test_interview_answers_belong_to_the_interviewee_until_the_next_question():
    got = said(
        LEDE,
        "- Xin ông cho biết kết quả nổi bật?",
        "Đại sứ Nguyễn Văn An: Quan hệ phát triển mạnh mẽ.",
        "Hợp tác kinh tế là điểm sáng.",
        "“Chúng tôi luôn đặt lợi ích doanh nghiệp lên hàng đầu.”",
    )
    assert got == [
        (AN, "Quan hệ phát triển mạnh mẽ."),
        (AN, "Hợp tác kinh tế là điểm sáng."),
        (AN, "“Chúng tôi luôn đặt lợi ích doanh nghiệp lên hàng đầu.”"),
    ]


def test_quote_of_someone_else_inside_a_statement_is_theirs():
    inner = "“Dĩ bất biến, ứng vạn biến, đó là phương châm của chúng ta.”"
    text = f"Bộ trưởng Nguyễn Văn An cho biết, ngành luôn theo lời dạy của Chủ tịch Hồ Chí Minh: {inner}"
    assert said(LEDE, text) == [(AN, text), ("Hồ Chí Minh", inner)]


def test_quote_after_a_paragraph_ending_in_a_colon_is_the_named_speakers():
    quote = "“Ngoại giao phải đi trước, mở đường cho phát triển.”"
    assert said(LEDE, "Phát biểu bế mạc, Thủ tướng Lê Minh Khang nhấn mạnh:", quote) == [("Lê Minh Khang", quote)]


def test_short_quoted_term_is_not_a_statement():
    assert said(LEDE, "Văn kiện nhấn mạnh quan điểm “tự chủ chiến lược” trong đối ngoại.") == []


def test_document_as_subject_is_no_speaker():
    assert said(LEDE, "Nghị quyết đã nêu rõ nhiệm vụ trọng tâm của đối ngoại.") == []


def test_pull_quote_makes_no_redundant_statement():
    pull = "Ngoại giao phải đi trước mở đường cho hợp tác kinh tế"
    full = f"“{pull}”, Bộ trưởng Nguyễn Văn An nói."
    assert said(LEDE, pull, full) == [(AN, full)]


def test_statement_text_is_the_body_span():
    body, found = run(LEDE, "Bộ trưởng Nguyễn Văn An cho biết, hai bên nhất trí.")
    assert all(body[s.start : s.end] == s.text for s in found.statements)


def test_speaker_with_titles_set_off_by_commas_before_the_verb():
    text = "Kết thúc hội thảo, TS Nguyễn Hùng Sơn, Phó Giám đốc Học viện Ngoại giao, đánh giá hội thảo thành công."
    assert said(LEDE, text) == [("Nguyễn Hùng Sơn", text)]
