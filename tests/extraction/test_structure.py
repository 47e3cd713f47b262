"""Paragraph roles: only the lede, body and interview answers may hold statements."""

from articles.extraction import Role
from tests.gold.helpers import roles, said

LEDE = "Sáng 3/2, Bộ Ngoại giao tổ chức hội nghị tổng kết công tác năm 2025."


def test_first_paragraph_is_the_lede():
    assert roles(LEDE, "Nội dung tiếp theo của bài viết.")[0] == Role.LEDE


def test_short_line_without_final_punctuation_is_a_heading():
    assert roles(LEDE, "Nâng tầm ngoại giao đa phương", "Nội dung.")[1] == Role.HEADING


def test_dash_paragraph_in_an_interview_is_a_question():
    got = roles(
        LEDE,
        "- Xin ông cho biết kết quả nổi bật?",
        "Đại sứ Nguyễn Văn An: Năm qua quan hệ hai nước phát triển mạnh mẽ.",
    )
    assert got[1:] == [Role.QUESTION, Role.ANSWER]


def test_pv_prefix_marks_a_question():
    got = roles(
        LEDE,
        "PV: Xin Đại sứ cho biết kết quả nổi bật?",
        "Đại sứ Nguyễn Văn An: Năm qua quan hệ hai nước phát triển mạnh mẽ.",
    )
    assert got[1] == Role.QUESTION


def test_dash_list_in_a_report_is_body_text():
    got = roles(LEDE, "- Tăng cường phối hợp giữa các bộ, ngành và địa phương.")
    assert got[1] == Role.BODY


def test_line_ending_in_a_photo_credit_is_a_caption():
    got = roles(LEDE, "Toàn cảnh hội nghị tổng kết công tác ngoại giao năm 2025. (Ảnh: Tuấn Anh/TTXVN)")
    assert got[1] == Role.CAPTION


def test_short_line_naming_a_person_at_work_is_a_caption():
    assert roles(LEDE, "Thứ trưởng Ngoại giao Đỗ Hùng Việt phát biểu tại hội nghị")[1] == Role.CAPTION


def test_paragraph_repeated_inside_a_later_one_is_a_pull_quote():
    pull = "Ngoại giao phải đi trước mở đường cho hợp tác kinh tế và đầu tư"
    full = f"Bộ trưởng Nguyễn Văn An nhấn mạnh: “{pull}”, đồng thời yêu cầu các cơ quan đại diện chủ động hơn."
    assert roles(LEDE, pull, full)[1] == Role.PULL_QUOTE


def test_closing_author_line_is_not_body_text():
    assert roles(LEDE, "Nội dung chính của bài viết.", "Minh Đức (TTXVN)")[2] == Role.HEADING


def test_caption_holds_no_statement_even_with_a_speech_verb():
    caption = "Bộ trưởng Nguyễn Văn An phát biểu tại hội nghị. (Ảnh: Tuấn Anh/TTXVN)"
    assert said(LEDE, caption) == []


def test_question_holds_no_statement():
    got = said(
        LEDE, "- Theo ông, đâu là ưu tiên hàng đầu?", "Đại sứ Nguyễn Văn An: Ưu tiên hàng đầu là hợp tác kinh tế."
    )
    assert got == [("Nguyễn Văn An", "Ưu tiên hàng đầu là hợp tác kinh tế.")]
