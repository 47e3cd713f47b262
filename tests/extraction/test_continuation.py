"""Statements introduced by a colon and continued in the paragraphs that follow."""

from tests.gold.helpers import run, said

LEDE = "Sáng 4/12, Bộ trưởng Ngoại giao Đỗ Minh Quân tiếp Đoàn đại biểu Hội hữu nghị."
QUAN = "Đỗ Minh Quân"


def test_colon_then_unquoted_paragraphs_until_the_next_attribution():
    got = said(
        LEDE,
        "Phát biểu tại buổi tiếp, Bộ trưởng Đỗ Minh Quân nói:",
        "Hai nước có truyền thống hữu nghị lâu đời.",
        "Chúng ta cần mở rộng hợp tác giáo dục và văn hóa.",
        "Trưởng đoàn Lã Thị Hoa cảm ơn sự đón tiếp nồng hậu.",
    )
    assert got == [
        (QUAN, "Hai nước có truyền thống hữu nghị lâu đời."),
        (QUAN, "Chúng ta cần mở rộng hợp tác giáo dục và văn hóa."),
        ("Lã Thị Hoa", "Trưởng đoàn Lã Thị Hoa cảm ơn sự đón tiếp nồng hậu."),
    ]


def test_colon_continuation_stops_at_a_question():
    got = said(
        LEDE,
        "Bộ trưởng Đỗ Minh Quân cho biết:",
        "Hai bên sẽ tăng cường trao đổi đoàn các cấp.",
        "Vậy khi nào hai bên sẽ ký hiệp định?",
    )
    assert got == [(QUAN, "Hai bên sẽ tăng cường trao đổi đoàn các cấp.")]


def test_a_quotation_opening_in_one_paragraph_and_closing_in_a_later_one():
    got = said(
        LEDE,
        "Bộ trưởng Đỗ Minh Quân nhấn mạnh: “Hợp tác là lựa chọn duy nhất đúng đắn.",
        "Chúng ta không có con đường nào khác ngoài đối thoại.”",
        "Buổi tiếp diễn ra trong không khí thân mật.",
    )
    assert got == [
        (QUAN, "Bộ trưởng Đỗ Minh Quân nhấn mạnh: “Hợp tác là lựa chọn duy nhất đúng đắn."),
        (QUAN, "Chúng ta không có con đường nào khác ngoài đối thoại.”"),
    ]


def test_attribution_after_unquoted_words_covers_the_paragraph():
    text = (
        "Hai nước cần giải quyết bất đồng bằng đối thoại. Các cơ quan chuyên môn nên sớm "
        "gặp nhau, ông Đỗ Minh Quân chia sẻ với báo chí."
    )
    assert said(LEDE, text) == [(QUAN, text)]


def test_a_quotation_running_over_paragraphs_is_direct_in_each():
    _, found = run(
        LEDE,
        "Bộ trưởng Đỗ Minh Quân nhấn mạnh: “Hợp tác là lựa chọn duy nhất đúng đắn.",
        "Chúng ta không có con đường nào khác ngoài đối thoại.”",
    )
    assert [s.kind for s in found.statements] == ["direct", "direct"]


def test_colon_continuation_stops_where_the_reporter_resumes():
    got = said(
        LEDE,
        "Bộ trưởng Đỗ Minh Quân nêu ba nhiệm vụ trọng tâm:",
        "Thứ nhất, tăng cường trao đổi đoàn các cấp.",
        "Cùng ngày, đoàn đã thăm một số cơ sở giáo dục tại thủ đô.",
    )
    assert got == [(QUAN, "Thứ nhất, tăng cường trao đổi đoàn các cấp.")]
