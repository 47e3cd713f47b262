"""Titles the word lists lack: recognised by their structure (head noun + organisation)."""

import pytest

from tests.gold.helpers import people, said

LEDE = "Sáng 4/12, tại Hà Nội, hội thảo về hợp tác khu vực đã khai mạc."


@pytest.mark.parametrize(
    "title",
    [
        "Phó Phát ngôn Bộ Ngoại giao",
        "Vụ trưởng Vụ Chính sách đối ngoại",
        "Phó Chủ nhiệm Ủy ban Đối ngoại của Quốc hội",
        "Trưởng Ban Đối ngoại Trung ương",
        "Phó Chủ tịch Quốc hội",
        "Ngoại trưởng Liên bang Nga",
        "Phó Trưởng phòng Báo chí",
        "Chánh Thanh tra Bộ Công Thương",
    ],
)
def test_title_phrase_before_a_name_makes_the_speaker(title):
    text = f"{title} Đinh Quang Khải cho biết hai bên sẽ sớm ký kết thỏa thuận mới."
    assert said(LEDE, text) == [("Đinh Quang Khải", text)]


def test_title_with_a_foreign_country_after_it():
    text = "Thủ tướng nước bạn Somsack Vilayvong khẳng định tình hữu nghị giữa hai dân tộc là vô giá."
    assert said(LEDE, text) == [("Somsack Vilayvong", text)]


def test_a_name_without_any_title_speaks_when_a_speech_verb_follows():
    text = "Khúc Thị Mai nhận định thị trường khu vực sẽ phục hồi trong năm tới."
    assert said(LEDE, text) == [("Khúc Thị Mai", text)]


def test_a_title_ending_at_the_speech_verb_is_the_speaker():
    got = said(
        LEDE,
        "Tổng thống Pê-ru Alberto Quintana đến Hà Nội hôm qua.",
        "Tổng thống Pê-ru đánh giá, quan hệ song phương đang ở giai đoạn tốt nhất.",
    )
    assert got == [("Alberto Quintana", "Tổng thống Pê-ru đánh giá, quan hệ song phương đang ở giai đoạn tốt nhất.")]


def test_the_title_is_kept_with_the_person():
    found = people(LEDE, "Vụ trưởng Vụ Hợp tác quốc tế Đinh Quang Khải dự hội thảo.")
    assert found == {"Đinh Quang Khải": ("Vụ trưởng Vụ Hợp tác quốc tế",)}


def test_writing_is_a_speech_verb():
    text = "Tổng thống Pê-ru Alberto Quintana viết trên mạng xã hội rằng hai nước sẽ sớm ký hiệp định."
    assert said(LEDE, text) == [("Alberto Quintana", text)]
