"""Organisations as speakers: named as the text names them, speakers but never people."""

from tests.gold.helpers import run, said

LEDE = "Ngày 4/12, quan hệ hai nước tiếp tục có bước phát triển mới."


def test_a_ministry_speaks():
    text = "Bộ Ngoại giao cho biết đoàn sẽ thăm chính thức ba nước châu Âu vào tuần tới."
    assert said(LEDE, text) == [("Bộ Ngoại giao", text)]


def test_an_embassy_speaks_under_its_full_name():
    text = "Đại sứ quán Việt Nam tại Ba Lan khẳng định sẽ hỗ trợ kịp thời các công dân gặp nạn."
    assert said(LEDE, text) == [("Đại sứ quán Việt Nam tại Ba Lan", text)]


def test_an_organisation_is_a_speaker_of_kind_organization_not_a_person():
    _, found = run(LEDE, "Bộ Ngoại giao cho biết đoàn sẽ thăm chính thức ba nước châu Âu.")
    assert [(p.name, p.kind) for p in found.people] == [("Bộ Ngoại giao", "organization")]


def test_an_organisation_in_a_bullet_paragraph():
    text = "* Bộ Công Thương thông báo hai bên đã hoàn tất vòng đàm phán thứ năm."
    assert said(LEDE, text) == [("Bộ Công Thương", text)]


def test_an_organisation_as_an_object_is_not_a_speaker():
    assert said(LEDE, "Đoàn đã làm việc với Bộ Ngoại giao và Đại sứ quán Pháp trong ba ngày.") == []


def test_a_country_is_not_an_organisation_speaker():
    assert said(LEDE, "Việt Nam ủng hộ mọi nỗ lực nhằm duy trì hòa bình ở khu vực.") == []


def test_according_to_an_organisation():
    text = "Theo Bộ Công Thương, kim ngạch xuất khẩu sang khu vực tăng mạnh."
    assert said(LEDE, text) == [("Bộ Công Thương", text)]


def test_an_organisation_named_in_full_then_shorter_is_one_speaker():
    got = said(
        LEDE,
        "Bộ Ngoại giao Việt Nam cho biết đã nhận được công hàm.",
        "Bộ Ngoại giao cũng khẳng định sẽ bảo hộ công dân.",
    )
    assert {speaker for speaker, _ in got} == {"Bộ Ngoại giao Việt Nam"}


def test_an_organisation_with_its_acronym_in_brackets():
    text = "Tổ chức Hàng hải Quốc tế (IMO) khuyến cáo các tàu tránh khu vực có bão."
    assert said(LEDE, text) == [("Tổ chức Hàng hải Quốc tế", text)]


def test_an_organisation_whose_clause_goes_on_is_not_a_speaker():
    assert said(LEDE, "Bộ Công Thương vừa ban hành văn bản yêu cầu doanh nghiệp rà soát hợp đồng.") == []


def test_according_to_an_organisations_communique():
    text = "Theo thông cáo báo chí của Bộ Ngoại giao, hai bên đã ký năm văn kiện hợp tác."
    assert said(LEDE, text) == [("Bộ Ngoại giao", text)]


def test_ong_after_an_organisation_spoke_is_the_man_named_before():
    got = said(
        "Sáng 4/12, Đại sứ Nghiêm Văn Tài trình quốc thư.",
        "Bộ Ngoại giao cho biết lễ trình quốc thư diễn ra trang trọng.",
        "Ông cho rằng quan hệ hai nước đang phát triển tốt đẹp.",
    )
    assert got[-1] == ("Nghiêm Văn Tài", "Ông cho rằng quan hệ hai nước đang phát triển tốt đẹp.")
