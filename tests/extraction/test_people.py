"""People: one canonical name per person, titles recorded, credits and agencies left out."""

from tests.gold.helpers import people, run

LEDE = "Chiều 10/3, tại Hà Nội, đã diễn ra hội nghị về công tác đối ngoại."


def test_title_is_stripped_from_the_name_and_recorded():
    assert people(LEDE, "Thứ trưởng Bộ Ngoại giao Đỗ Hùng Việt chủ trì hội nghị.") == {
        "Đỗ Hùng Việt": ("Thứ trưởng Bộ Ngoại giao",)
    }


def test_honorific_and_title_forms_are_one_person():
    got = people(
        LEDE,
        "Thứ trưởng Đỗ Hùng Việt chủ trì hội nghị.",
        "Ông Đỗ Hùng Việt, Ủy viên Trung ương Đảng, cho biết hội nghị thành công.",
    )
    assert list(got) == ["Đỗ Hùng Việt"]
    assert "Ủy viên Trung ương Đảng" in got["Đỗ Hùng Việt"]


def test_old_style_tone_placement_in_a_title_still_reads_as_a_title():
    assert list(people(LEDE, "Uỷ viên Bộ Chính trị Trần Văn Bình dự hội nghị.")) == ["Trần Văn Bình"]


def test_country_between_title_and_name_is_not_part_of_the_name():
    assert list(people(LEDE, "Tổng thống Hàn Quốc Lee Jae Myung thăm Việt Nam.")) == ["Lee Jae Myung"]


def test_portfolio_between_title_and_name_is_not_part_of_the_name():
    assert list(people(LEDE, "Bộ trưởng Công Thương Nguyễn Hồng Diên dự hội nghị.")) == ["Nguyễn Hồng Diên"]


def test_latin_script_name_after_a_title():
    assert list(people(LEDE, "Ngoại trưởng Australia Penny Wong đã gặp báo chí.")) == ["Penny Wong"]


def test_sino_vietnamese_name_after_a_title():
    assert list(people(LEDE, "Thủ tướng Trung Quốc Lý Cường dự hội nghị.")) == ["Lý Cường"]


def test_one_word_foreign_name_after_a_title():
    assert list(people(LEDE, "Tổng thống Nga Putin gửi điện mừng.")) == ["Putin"]


def test_family_name_alone_is_the_person_named_in_full():
    got = people(LEDE, "Thủ tướng Nhật Bản Hiroshi Tanaka thăm Việt Nam.", "Thủ tướng Tanaka nói sẽ quay lại.")
    assert list(got) == ["Hiroshi Tanaka"]


def test_lowercase_title_followed_by_a_name():
    assert list(people(LEDE, "Phát biểu tại hội trường, đại biểu Trịnh Xuân Phong cho rằng cần sửa luật.")) == [
        "Trịnh Xuân Phong"
    ]


def test_photo_credit_names_no_person():
    assert people(LEDE, "Toàn cảnh hội nghị. (Ảnh: Dương Văn Giang/TTXVN)") == {}


def test_agency_acronym_is_not_a_person():
    assert people(LEDE, "Theo TTXVN, hội nghị diễn ra thành công.", "Nguồn: VNA") == {}


def test_city_named_after_a_person_is_a_place():
    assert people(LEDE, "Đoàn đã làm việc tại Thành phố Hồ Chí Minh và Hà Nội.") == {}


def test_untitled_full_name_with_a_speech_verb_is_a_person():
    assert list(people(LEDE, "Nguyễn Văn Hùng cho biết đoàn sẽ sang Lào.")) == ["Nguyễn Văn Hùng"]


def test_people_are_kind_person():
    _, found = run(LEDE, "Thứ trưởng Đỗ Hùng Việt chủ trì hội nghị.")
    assert [p.kind for p in found.people] == ["person"]


def test_bracketed_acronym_inside_a_portfolio_does_not_end_it():
    got = people(LEDE, "Đại sứ Liên minh châu Âu (EU) tại Việt Nam Julien Guerrier dự hội nghị.")
    assert list(got) == ["Julien Guerrier"]


def test_untitled_latin_name_before_a_speech_verb_is_a_person():
    assert list(people(LEDE, "Antony Blinken cho biết Mỹ sẽ tiếp tục hợp tác.")) == ["Antony Blinken"]


def test_latin_names_of_organisations_are_not_people():
    assert people(LEDE, "Hội nghị được New York Times và Financial Times đưa tin.") == {}
