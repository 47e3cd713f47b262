"""Short references to a person named in full earlier are that person."""

from tests.gold.helpers import people, said

LEDE = "Sáng 4/12, Đại sứ Việt Nam tại Pháp Hoàng Minh Khôi gặp bà Tống Lan Phương, Giám đốc Quỹ Văn hóa."


def test_ba_with_two_last_words():
    got = said(LEDE, "Bà Lan Phương khẳng định quỹ sẽ tiếp tục tài trợ các dự án.")
    assert got == [("Tống Lan Phương", "Bà Lan Phương khẳng định quỹ sẽ tiếp tục tài trợ các dự án.")]


def test_title_with_the_given_name():
    got = said(LEDE, "Đại sứ Khôi cho biết cộng đồng người Việt tại Pháp rất gắn bó.")
    assert got == [("Hoàng Minh Khôi", "Đại sứ Khôi cho biết cộng đồng người Việt tại Pháp rất gắn bó.")]


def test_short_references_add_nobody():
    found = people(LEDE, "Bà Lan Phương khẳng định quỹ sẽ tiếp tục tài trợ.", "Đại sứ Khôi cảm ơn bà.")
    assert set(found) == {"Hoàng Minh Khôi", "Tống Lan Phương"}


def test_initial_and_family_name_refer_to_the_full_name():
    got = said(
        "Đại sứ Canada tại Việt Nam Martin Keller trả lời phỏng vấn báo Thế giới Mới.",
        "PV: Ông đánh giá thế nào về quan hệ hai nước?",
        "Đại sứ M. Keller: Quan hệ hai nước chưa bao giờ tốt đẹp như hiện nay.",
    )
    assert got[-1] == ("Martin Keller", "Quan hệ hai nước chưa bao giờ tốt đẹp như hiện nay.")
