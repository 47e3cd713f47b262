"""The reporter's framing, questions and descriptions of events are not statements."""

from tests.gold.helpers import said

LEDE = "Sáng 4/12, Thứ trưởng Ngoại giao Hà Minh Đức tiếp Đoàn đại biểu Hội Nhà báo."


def test_an_exchange_with_the_press_is_framing():
    assert said(LEDE, "Thứ trưởng Hà Minh Đức đã có cuộc trao đổi với báo chí về kết quả chuyến thăm.") == []


def test_giving_an_interview_is_framing():
    assert said(LEDE, "Nhân dịp này, Thứ trưởng Hà Minh Đức đã trả lời phỏng vấn báo Nhân dân về chuyến thăm.") == []


def test_a_question_is_not_a_statement():
    assert said(LEDE, "Thứ trưởng Hà Minh Đức cho biết thế nào về kết quả chuyến thăm?") == []


def test_an_event_description_is_not_a_statement():
    assert said(LEDE, "Thứ trưởng Hà Minh Đức đã dự lễ khai trương Trung tâm Văn hóa Việt Nam.") == []


def test_framing_then_words_keeps_the_words():
    got = said(LEDE, "Trả lời phỏng vấn báo chí, Thứ trưởng Hà Minh Đức cho biết hai bên sẽ ký ba văn kiện.")
    assert got == [
        ("Hà Minh Đức", "Trả lời phỏng vấn báo chí, Thứ trưởng Hà Minh Đức cho biết hai bên sẽ ký ba văn kiện.")
    ]


def test_a_question_labelled_hoi_is_a_question():
    from tests.gold.helpers import roles

    assert roles(
        LEDE,
        "Hỏi: Thứ trưởng đánh giá thế nào về chuyến thăm?",
        "Thứ trưởng Hà Minh Đức: Chuyến thăm đã thành công tốt đẹp.",
    )[1:] == ["question", "answer"]
