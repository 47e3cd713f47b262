"""Documents without a number, and references back to the document named before."""

import pytest

from tests.gold.helpers import directives

LEDE = "Ngày 4/12, hội thảo quốc tế về luật pháp quốc tế đã diễn ra tại Hà Nội."


@pytest.mark.parametrize(
    "text, name",
    [
        ("Các bên cần tôn trọng Hiến chương Liên hợp quốc.", "Hiến chương Liên hợp quốc"),
        (
            "Hai bên ký Tuyên bố chung về tăng cường quan hệ đối tác chiến lược.",
            "Tuyên bố chung về tăng cường quan hệ đối tác chiến lược",
        ),
        ("Hai nhà lãnh đạo ký Tuyên bố chung Hà Nội.", "Tuyên bố chung Hà Nội"),
        ("Quốc hội thông qua Luật Thỏa thuận quốc tế.", "Luật Thỏa thuận quốc tế"),
        ("Ban Bí thư ban hành Chỉ thị 25-CT/TW về đối ngoại đa phương.", "Chỉ thị 25-CT/TW"),
        ("Cơ quan này thực hiện Pháp lệnh Ngoại giao đoàn năm 2007.", "Pháp lệnh Ngoại giao đoàn năm 2007"),
        ("Đại hội đã thông qua Báo cáo Chính trị và Cương lĩnh.", "Báo cáo Chính trị"),
        ("Hai nước ký Hiệp định Thương mại tự do năm 2015.", "Hiệp định Thương mại tự do năm 2015"),
        ("Quốc hội thông qua Luật Phòng, chống mua bán người.", "Luật Phòng, chống mua bán người"),
    ],
)
def test_named_documents_without_a_number(text, name):
    assert name in directives(LEDE, text)


def test_the_convention_on_the_law_of_the_sea_is_the_convention_not_a_law():
    found = directives(
        LEDE, "Mọi tranh chấp cần giải quyết theo Công ước Liên hợp quốc về Luật Biển năm 1982 (UNCLOS)."
    )
    assert "Công ước Liên hợp quốc về Luật Biển năm 1982" in found
    assert "Luật Biển năm 1982" not in found


def test_this_resolution_refers_back_to_the_one_named_before():
    found = directives(
        LEDE,
        "Bộ Chính trị ban hành Nghị quyết số 59-NQ/TW về hội nhập quốc tế.",
        "Nghị quyết này đặt ra nhiều nhiệm vụ mới.",
    )
    assert len(found["Nghị quyết 59-NQ/TW"].spans) == 2


def test_this_law_refers_back_to_the_law_named_before():
    found = directives(LEDE, "Quốc hội thông qua Luật Điều ước quốc tế.", "Luật này có hiệu lực từ năm sau.")
    assert len(found["Luật Điều ước quốc tế"].spans) == 2


def test_this_resolution_with_nothing_before_it_is_no_document():
    assert directives(LEDE, "Nghị quyết này đặt ra nhiều nhiệm vụ mới.") == {}


def test_three_pillars_of_something_else_are_not_the_foreign_policy_pillars():
    assert "ba trụ cột đối ngoại" not in directives(LEDE, "Cải cách dựa trên 3 trụ cột: thể chế, hạ tầng và nhân lực.")


def test_the_three_foreign_policy_pillars_are_still_found():
    assert "ba trụ cột đối ngoại" in directives(LEDE, "Cần phát huy sức mạnh của 3 trụ cột đối ngoại.")
