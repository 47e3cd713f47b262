"""The reporter's name closing an article is not a person in the story."""

from tests.gold.helpers import people

LEDE = "Sáng 4/12, Thứ trưởng Ngoại giao Đặng Hoài Nam tiếp Đại sứ Pháp."


def test_a_closing_name_alone_is_a_byline():
    assert list(people(LEDE, "Hai bên trao đổi về hợp tác giáo dục.", "Nguyễn Thu Trang")) == ["Đặng Hoài Nam"]


def test_a_closing_name_with_its_agency_is_a_byline():
    assert list(people(LEDE, "Hai bên trao đổi về hợp tác giáo dục.", "Lê Minh Khang (TTXVN)")) == ["Đặng Hoài Nam"]


def test_a_closing_name_with_a_title_is_a_person():
    found = people(LEDE, "Hai bên trao đổi về hợp tác giáo dục.", "Đại sứ Pháp Olivier Marchand")
    assert "Olivier Marchand" in found
