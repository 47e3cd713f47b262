"""Apposition between the name and the verb: "Bà X, Người phát ngôn của Bộ ..., cho biết"."""

from tests.gold.helpers import people, said

LEDE = "Chiều 4/12, Bộ Ngoại giao tổ chức họp báo thường kỳ."


def test_spokesperson_apposition_with_colon_quote():
    text = (
        "Bà Trịnh Thu Hà, Người phát ngôn của Bộ Ngoại giao Việt Nam, cho biết: "
        "“Việt Nam hoan nghênh mọi nỗ lực vì hòa bình ở khu vực.”"
    )
    assert said(LEDE, text) == [("Trịnh Thu Hà", text)]


def test_apposition_with_a_title_the_lists_lack():
    text = "Ông Mạc Văn Thành, Phó Giám đốc Học viện Chính sách Biển, nhấn mạnh các bên cần kiềm chế và đối thoại."
    assert said(LEDE, text) == [("Mạc Văn Thành", text)]


def test_apposition_titles_belong_to_the_person():
    found = people(LEDE, "Ông Mạc Văn Thành, Phó Giám đốc Học viện Chính sách Biển, nhấn mạnh các bên cần đối thoại.")
    assert found == {"Mạc Văn Thành": ("Phó Giám đốc Học viện Chính sách Biển",)}


def test_apposition_with_an_organisation_description():
    text = "Ông Tiêu Đức Lâm, chuyên gia của Viện Nghiên cứu Đông Nam Á, cho rằng căng thẳng sẽ giảm."
    assert said(LEDE, text) == [("Tiêu Đức Lâm", text)]


def test_an_affiliation_in_brackets_between_the_name_and_the_verb():
    text = "TS Tiêu Đức Lâm (Đại học Quốc gia Hà Nội) cho rằng các nước cần tuân thủ luật pháp quốc tế."
    assert said(LEDE, text) == [("Tiêu Đức Lâm", text)]
