"""Restatements: shingle fingerprints, their similarity, and the inverted index."""

import random

import pytest

from articles.extraction import fingerprints

SAID = (
    "Cần đẩy mạnh đào tạo đội ngũ chuyên gia, đổi mới công tác đánh giá cán bộ và "
    "có cơ chế thu hút, trọng dụng nhân tài cho ngành ngoại giao."
)
RESTATED = (
    "Bộ trưởng cho rằng cần tăng cường đào tạo đội ngũ chuyên gia; đổi mới công tác đánh giá "
    "cán bộ; có cơ chế khuyến khích, đãi ngộ và trọng dụng nhân tài."
)
UNRELATED = "Hai bên đã ký bản ghi nhớ về hợp tác nông nghiệp và thủy sản trong giai đoạn tới."


def test_fingerprint_is_stable_and_fits_a_signed_bigint():
    fp = fingerprints.fingerprint(SAID)
    assert fp == fingerprints.fingerprint(SAID)
    assert fp and all(-(2**63) <= h < 2**63 for h in fp)


def test_fingerprint_ignores_accents_and_case():
    assert fingerprints.fingerprint("Đa phương hoá quan hệ đối ngoại") == fingerprints.fingerprint(
        "da phuong hoa QUAN HE doi ngoai"
    )


def test_similarity_of_a_text_with_itself_is_one():
    assert fingerprints.similarity(SAID, SAID) == 1.0


def test_restatement_scores_above_the_threshold():
    assert fingerprints.similarity(SAID, RESTATED) >= fingerprints.THRESHOLD


def test_unrelated_statement_scores_below_the_threshold():
    assert fingerprints.similarity(SAID, UNRELATED) < fingerprints.THRESHOLD


def test_genre_words_alone_do_not_make_a_restatement():
    assert (
        fingerprints.similarity("phát triển đất nước, đối ngoại Việt Nam", "đối ngoại Việt Nam, phát triển đất nước")
        == 0.0
    )


def test_index_leaves_out_the_querying_article():
    index = fingerprints.RestatementIndex()
    index.add(1, "a", SAID)
    index.add(2, "b", RESTATED)
    assert [i for i, _ in index.query(SAID, exclude_group="a")] == [2]


def _synthetic(rng, vocabulary, n):
    return " ".join(rng.choice(vocabulary) for _ in range(n))


def test_index_finds_the_true_match_among_many_statements():
    rng = random.Random(7)
    vocabulary = [f"{a}{b}" for a in "bcdghklmnpqrstvx" for b in ("a", "e", "i", "o", "u", "ang", "inh", "uong")]
    index = fingerprints.RestatementIndex()
    for i in range(5000):
        index.add(i, i % 200, _synthetic(rng, vocabulary, 40) + " " + SAID[:40])
    index.add("true", "other", RESTATED)
    found = index.query(SAID, exclude_group="mine")
    assert found and found[0][0] == "true"


def test_bare_strips_marks_and_keeps_every_offset():
    from articles.extraction.text import _BARE, bare

    assert bare("Đổi mới, HỘI NHẬP và tự chủ") == "doi moi, hoi nhap va tu chu"
    # Characters that lower to two, scripts past the table and astral ones: one character
    # each, so offsets into the bare text are offsets into the original.
    odd = "İstanbul 東京 😀 ǅ ß\u0301"
    assert len(bare(odd)) == len(odd)
    assert bare(odd).startswith("istanbul 東京 😀 ǆ")
    assert ord("東") not in _BARE and ord("😀") not in _BARE


def test_evidence_names_the_shared_phrases_where_they_stand_in_each_text():
    a = "Thứ trưởng khẳng định tự chủ chiến lược là nền tảng của hợp tác khu vực."
    b = "Theo bà, tự chủ chiến lược là nền tảng cho mọi quan hệ đối tác."
    found = fingerprints.evidence(a, b)
    assert found.shared >= 3
    assert [a[s:e] for s, e in found.spans[0]] == ["tự chủ chiến lược là nền tảng"]
    assert [b[s:e] for s, e in found.spans[1]] == ["tự chủ chiến lược là nền tảng"]
    assert found.score == pytest.approx(fingerprints.similarity(a, b))


def test_evidence_of_unrelated_statements_is_empty():
    found = fingerprints.evidence("Hai nước nhất trí tăng cường thương mại.", "Bão số 3 đổ bộ vào miền Trung.")
    assert found.shared == 0 and found.spans == ((), ()) and found.score == 0
