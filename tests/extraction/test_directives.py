"""Directives: documents, congresses and concepts under one canonical name each."""

from tests.gold.helpers import directives, run

LEDE = "Sáng 4/3, Bộ Ngoại giao tổ chức hội nghị quán triệt các văn bản mới."


def test_numbered_document_with_code_and_issuer():
    got = directives(LEDE, "Hội nghị quán triệt Nghị quyết số 59-NQ/TW của Bộ Chính trị về hội nhập.")
    ref = got["Nghị quyết 59-NQ/TW"]
    assert (ref.kind, ref.code, ref.issuer) == ("resolution", "59-NQ/TW", "Bộ Chính trị")


def test_number_alone_names_a_document():
    assert "Quy chế 272" in directives(LEDE, "Cần vận hành hiệu quả Quy chế 272 của Ban Bí thư.")


def test_number_in_prose_is_no_document():
    assert directives(LEDE, "Hội nghị đã quyết định 3 nội dung quan trọng.") == {}


def test_congress_in_roman_and_arabic_numerals_is_one_directive():
    got = directives(
        LEDE,
        "Nghị quyết Đại hội XIII đề ra nhiều nhiệm vụ.",
        "Văn kiện Đại hội 13 và Đại hội đại biểu toàn quốc lần thứ XIII của Đảng nêu rõ điều đó.",
    )
    assert list(got) == ["Nghị quyết Đại hội XIII"]
    assert got["Nghị quyết Đại hội XIII"].kind == "congress"


def test_bare_congress_refers_back_to_the_numbered_one():
    got = directives(LEDE, "Đại hội XIII đã xác định đường lối.", "Văn kiện Đại hội nhấn mạnh vai trò của đối ngoại.")
    assert len(got["Nghị quyết Đại hội XIII"].spans) == 2


def test_party_committee_congress_is_a_different_document():
    got = directives(LEDE, "Triển khai Nghị quyết Đại hội Đảng bộ tỉnh Nghệ An lần thứ XX.")
    assert list(got) == ["Nghị quyết Đại hội Đảng bộ tỉnh Nghệ An lần thứ XX"]


def test_general_assembly_is_no_congress():
    assert directives(LEDE, "Đoàn dự Đại hội đồng Liên hợp quốc khóa 80.") == {}


def test_named_law_with_its_year():
    assert "Luật Biển năm 2012" in directives(LEDE, "Việc này phù hợp với Luật Biển năm 2012 của Việt Nam.")


def test_vocabulary_concept_with_variant_tone_placement():
    assert "đa phương hóa, đa dạng hóa" in directives(LEDE, "Tiếp tục đa phương hoá, đa dạng hoá quan hệ.")


def test_quoted_term_introduced_as_a_concept():
    assert "hữu nghị, hợp tác" in directives(LEDE, "Hai nước giữ vững tinh thần “hữu nghị, hợp tác” lâu dài.")


def test_quoted_figure_of_speech_is_no_directive():
    assert directives(LEDE, "Báo chí cần “thổi hồn” vào từng câu chuyện đối ngoại.") == {}


def test_editor_alias_is_reported_under_its_canonical_name():
    known = {"Chiến lược ngoại giao văn hóa": ("Chiến lược Ngoại giao văn hóa đến năm 2030", "programme")}
    got = directives(LEDE, "Bộ triển khai Chiến lược ngoại giao văn hóa một cách hiệu quả.", known=known)
    assert got["Chiến lược Ngoại giao văn hóa đến năm 2030"].kind == "programme"


def test_shorter_form_of_a_known_document_takes_its_name():
    known = {"Nghị quyết 57-NQ/TW": ("Nghị quyết 57-NQ/TW", "resolution")}
    assert list(directives(LEDE, "Triển khai Nghị quyết 57 về khoa học, công nghệ.", known=known)) == [
        "Nghị quyết 57-NQ/TW"
    ]


def test_statement_lists_the_directives_it_mentions():
    _, found = run(LEDE, "Bộ trưởng Nguyễn Văn An cho biết cần thực hiện Chỉ thị 25-CT/TW về ngoại giao đa phương.")
    assert found.statements[0].directives == ("Chỉ thị 25-CT/TW",)
