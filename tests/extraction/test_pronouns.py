"""Continuation without a name: "Ông cho rằng", "Theo bà", "Thứ trưởng cho biết thêm"."""

from tests.gold.helpers import said

LEDE = "Chiều 4/12, Thứ trưởng Ngoại giao Phùng Văn Nghĩa tiếp Đại sứ Âu Thị Ngọc Lan."
NGHIA, LAN = "Phùng Văn Nghĩa", "Âu Thị Ngọc Lan"


def test_ong_goes_to_the_man_even_after_a_woman_spoke():
    got = said(
        LEDE,
        "Đại sứ Âu Thị Ngọc Lan cho biết đoàn doanh nghiệp sẽ sang vào tháng tới.",
        "Ông cho rằng đây là cơ hội tốt cho cả hai bên.",
    )
    assert got[-1] == (NGHIA, "Ông cho rằng đây là cơ hội tốt cho cả hai bên.")


def test_ba_is_never_given_to_a_man():
    got = said(
        LEDE,
        "Thứ trưởng Phùng Văn Nghĩa cho biết hai bên đã thống nhất lịch trình.",
        "Bà nhấn mạnh cần sớm hoàn tất các thủ tục.",
    )
    assert got[-1] == (LAN, "Bà nhấn mạnh cần sớm hoàn tất các thủ tục.")


def test_theo_ong_with_comma():
    got = said(
        LEDE,
        "Thứ trưởng Phùng Văn Nghĩa đánh giá cao chuyến thăm.",
        "Theo ông, quan hệ hai nước đang phát triển mạnh mẽ.",
    )
    assert got[-1] == (NGHIA, "Theo ông, quan hệ hai nước đang phát triển mạnh mẽ.")


def test_title_alone_with_them_adverb():
    got = said(
        LEDE,
        "Đại sứ Âu Thị Ngọc Lan chúc mừng thành công của Hội nghị.",
        "Thứ trưởng cho biết thêm, hai bên sẽ mở đường bay thẳng.",
    )
    assert got[-1] == (NGHIA, "Thứ trưởng cho biết thêm, hai bên sẽ mở đường bay thẳng.")


def test_spokesperson_title_continues():
    got = said(
        "Chiều 4/12, Người phát ngôn Bộ Ngoại giao Quách Thanh Tâm chủ trì họp báo.",
        "Người phát ngôn cũng thông tin thêm về công tác bảo hộ công dân.",
    )
    assert got == [("Quách Thanh Tâm", "Người phát ngôn cũng thông tin thêm về công tác bảo hộ công dân.")]


def test_dong_chi_is_the_person_speaking_in_that_paragraph():
    got = said(LEDE, "Đồng chí Phùng Văn Nghĩa cảm ơn Đại sứ. Đồng chí bày tỏ tin tưởng quan hệ sẽ phát triển.")
    assert got == [(NGHIA, "Đồng chí Phùng Văn Nghĩa cảm ơn Đại sứ. Đồng chí bày tỏ tin tưởng quan hệ sẽ phát triển.")]


def test_an_adverb_between_the_name_and_the_verb():
    text = "Thay mặt Bộ Ngoại giao, Thứ trưởng Phùng Văn Nghĩa nhiệt liệt chào mừng Đại sứ sang nhận nhiệm sở."
    assert said(LEDE, text) == [(NGHIA, text)]


def test_nu_and_an_academic_title_refer_to_the_woman_introduced_with_its_abbreviation():
    got = said(
        LEDE,
        "TS Âu Thị Ngọc Lan cho rằng hai bên cần hợp tác chặt chẽ hơn.",
        "“Chúng ta cần những bước đi thực chất”, nữ tiến sĩ nhấn mạnh.",
    )
    assert got[-1] == (LAN, "“Chúng ta cần những bước đi thực chất”, nữ tiến sĩ nhấn mạnh.")
