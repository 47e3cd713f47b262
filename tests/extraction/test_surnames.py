"""Surnames, rare ones included, and names from other languages."""

import pytest

from tests.gold.helpers import people, said

LEDE = "Sáng 4/12, hội nghị khu vực đã khai mạc tại Đà Nẵng."


@pytest.mark.parametrize(
    "name",
    [
        "Uông Chu Lưu",
        "Triệu Văn Cường",
        "Âu Văn Hoàn",
        "Khúc Thị Hiền",
        "Lã Minh Tiến",
        "Tiêu Thị Nga",
        "Mạc Đăng Khoa",
        "Văn Thị Lành",
        "Thân Văn Sơn",
        "Bế Văn Đàn",
        "La Thị Hoa",
    ],
)
def test_rare_vietnamese_surnames(name):
    honorific = "bà" if " Thị " in name else "ông"
    text = f"Phát biểu tại hội nghị, {honorific} {name} cho biết kinh tế đang phục hồi."
    assert said(LEDE, text) == [(name, text)]


@pytest.mark.parametrize("name", ["Vương Hải Bình", "Tập Vĩnh Khang", "Mao Lập Trung"])
def test_sino_vietnamese_renderings_of_chinese_names(name):
    text = f"Ngoại trưởng Trung Quốc {name} khẳng định Bắc Kinh coi trọng quan hệ với ASEAN."
    assert said(LEDE, text) == [(name, text)]


@pytest.mark.parametrize(
    "name", ["Bounthong Keomany", "Hun Sokha", "Prayut Sukjai", "Azlan Rahimi", "Jean-Pierre Dubois"]
)
def test_lao_khmer_thai_malay_and_latin_names(name):
    text = f"Bộ trưởng Ngoại giao {name} nhấn mạnh vai trò trung tâm của ASEAN."
    assert said(LEDE, text) == [(name, text)]


def test_a_country_inside_a_long_official_title_is_not_part_of_the_name():
    found = people(LEDE, "Tổng thống nước Cộng hòa Dân chủ Xã hội chủ nghĩa Sri Lanka Ranil Perera dự hội nghị.")
    assert list(found) == ["Ranil Perera"]
