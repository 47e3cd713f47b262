"""Search that respects Vietnamese: tone marks typed are tone marks meant, document numbers
however written, exact matches first, names as the best match, highlighting of what matched."""

import re

import pytest

from articles.search.results import matching, parse, search
from articles.search.snippets import highlight
from tests.support import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def confusable():
    homeland = f.article("Bảo vệ Tổ quốc", ["Cả nước chung tay bảo vệ Tổ quốc.", "Mọi người cùng làm việc."])
    minister = f.article("Bộ trưởng Tô Lâm tiếp khách", ["Bộ trưởng Tô Lâm tiếp Đại sứ.", "Hai bên trao đổi."])
    lam = f.speaker("Tô Lâm")
    lam2 = f.speaker("Trần Văn Lam")
    said = f.quote(homeland, "Mọi người cùng làm việc.")
    named = f.quote(minister, "Bộ trưởng Tô Lâm tiếp Đại sứ.", lam)
    return {"homeland": homeland, "minister": minister, "lam": lam, "lam2": lam2, "said": said, "named": named}


def found(text, kind):
    return list(search(text, kind))


def test_a_word_typed_with_marks_matches_only_those_marks(confusable):
    assert found("Tô", "articles") == [confusable["minister"]]
    assert found("Tổ", "articles") == [confusable["homeland"]]
    assert found("Lâm", "statements") == [confusable["named"]]
    assert found("làm", "statements") == [confusable["said"]]
    assert found("Lâm", "speakers") == [confusable["lam"]]


def test_a_word_typed_without_marks_still_folds(confusable):
    # "Tổ" and "làm" fold like "Tô Lâm" too, apart: the words together come first.
    assert found("to lam", "articles") == [confusable["minister"], confusable["homeland"]]
    assert set(found("lam", "statements")) == {confusable["said"], confusable["named"]}
    assert set(found("TO LAM", "speakers")) == {confusable["lam"]}


def test_case_and_normal_form_do_not_matter_with_marks(confusable):
    assert found("TÔ LÂM", "speakers") == [confusable["lam"]]
    assert found("To\u0302 La\u0302m", "speakers") == [confusable["lam"]]  # NFD


def test_a_phrase_typed_with_marks_must_occur_with_them(confusable):
    assert found('"Tô Lâm"', "articles") == [confusable["minister"]]
    assert found('"tổ lâm"', "articles") == []


def test_a_match_as_typed_ranks_above_a_folded_one(confusable):
    assert found("Lam", "speakers") == [confusable["lam2"], confusable["lam"]]
    assert found("lâm", "speakers") == [confusable["lam"]]


def test_highlighting_marks_only_what_matched():
    text = "Tô Lâm nói: bảo vệ Tổ quốc là việc phải làm."
    assert re.findall(r"<mark>(.*?)</mark>", str(highlight(text, "Tô Lâm"))) == ["Tô Lâm"]
    assert re.findall(r"<mark>(.*?)</mark>", str(highlight(text, "to lam"))) == ["Tô Lâm", "Tổ", "làm"]
    assert re.findall(r"<mark>(.*?)</mark>", str(highlight(text, "làm"))) == ["làm"]


@pytest.mark.parametrize("text", ["59-NQ/TW", "NQ 59", "nq59", "Nghị quyết 59", "nghi quyet so 59", "NGHỊ QUYẾT SỐ 59"])
def test_a_document_number_is_found_however_it_is_written(text):
    resolution = f.directive("Nghị quyết số 59-NQ/TW", code="59-NQ/TW")
    conclusion = f.directive("Kết luận 59-KL/TW", kind="conclusion", code="59-KL/TW")
    other = f.directive("Nghị quyết số 159-NQ/TW", code="159-NQ/TW")
    article = f.article("Hội nhập", ["Theo Nghị quyết 59, hội nhập sâu rộng.", "Kết luận 59-KL/TW cũng nói vậy."])
    cited = f.quote(article, "Theo Nghị quyết 59, hội nhập sâu rộng.")
    f.quote(article, "Kết luận 59-KL/TW cũng nói vậy.")
    assert found(text, "directives") == [resolution]
    assert found(text, "statements") == [cited]
    assert conclusion not in found(text, "directives") and other not in found(text, "directives")
    assert "<mark>" in str(highlight(cited.text, text))


def test_the_search_filter_of_the_lists_follows_the_same_rules(confusable):
    assert list(matching("Tô", "articles")) == [confusable["minister"]]


def test_a_speaker_or_directive_named_by_the_query_comes_first_as_the_best_match(client, confusable):
    f.directive("Nghị quyết số 59-NQ/TW", code="59-NQ/TW")
    page = client.get("/search/", {"q": "Tô Lâm"}).content.decode()
    best = page.index('id="results-best"')
    assert best < page.index('id="results-articles"') < page.index('id="results-speakers"')
    assert confusable["lam"].get_absolute_url() in page[best : page.index('id="results-articles"')]
    page = client.get("/search/", {"q": "NQ 59"}).content.decode()
    assert 'id="results-best"' in page and "59-NQ/TW" in page
    assert 'id="results-best"' not in client.get("/search/", {"q": "bảo vệ"}).content.decode()


def test_the_query_knows_which_words_carry_marks():
    [to, lam] = parse("Tô lam").chunks
    assert (to.exact, lam.exact) == ((("tô",),), ())
    [phrase] = parse('"Tổ quốc"').chunks
    assert phrase.exact == (("tổ", "quốc"),)
