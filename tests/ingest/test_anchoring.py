"""Finding a statement again in a changed body: exact text first (its context, then the
position, choosing among repeats), then the most similar stretch above the threshold."""

from articles.ingest.anchoring import FUZZY_THRESHOLD, Selector, anchor, fuzzy_span, selector

SAID = "đối ngoại đa phương là ưu tiên hàng đầu của Việt Nam"
BODY = f"Mở đầu. Bộ trưởng khẳng định {SAID}. Kết bài."


def test_an_unchanged_statement_that_moved_is_found_exactly():
    chosen = selector(BODY, BODY.index(SAID), BODY.index(SAID) + len(SAID))
    moved = "Một đoạn mới chen vào đầu bài. " + BODY
    found = anchor(moved, chosen)
    assert (moved[found.start : found.end], found.exact) == (SAID, True)


def test_context_chooses_among_repeats_before_the_position_does():
    body = f"Thứ trưởng nói {SAID}. Bộ trưởng khẳng định {SAID}."
    second = body.rindex(SAID)
    chosen = selector(body, second, second + len(SAID))
    hint_at_first = Selector(chosen.exact, chosen.prefix, chosen.suffix, start=0)
    assert anchor(body, hint_at_first).start == second


def test_the_position_chooses_among_repeats_with_the_same_context():
    body = f"{SAID}. {SAID}. {SAID}."
    starts = [0, len(SAID) + 2, 2 * len(SAID) + 4]
    assert anchor(body, Selector(SAID, start=starts[2] + 3)).start == starts[2]
    assert anchor(body, Selector(SAID, start=starts[1] - 3)).start == starts[1]


def test_a_statement_with_a_word_changed_is_found_on_word_boundaries():
    changed = BODY.replace("hàng đầu", "thực chất")
    found = anchor(changed, selector(BODY, BODY.index(SAID), BODY.index(SAID) + len(SAID)))
    assert found is not None and not found.exact
    assert changed[found.start : found.end] == SAID.replace("hàng đầu", "thực chất")


def test_a_statement_reflowed_over_lines_is_found():
    reflowed = BODY.replace("ưu tiên hàng", "ưu tiên\nhàng")
    found = anchor(reflowed, selector(BODY, BODY.index(SAID), BODY.index(SAID) + len(SAID)))
    assert reflowed[found.start : found.end] == SAID.replace("ưu tiên hàng", "ưu tiên\nhàng")


def test_a_statement_the_body_no_longer_has_is_not_found():
    other = "Mở đầu. Bộ trưởng nói về thời tiết ở Hà Nội trong tuần qua và mùa màng. Kết bài."
    assert anchor(other, selector(BODY, BODY.index(SAID), BODY.index(SAID) + len(SAID))) is None


def test_the_threshold_separates_a_changed_word_from_a_different_sentence():
    assert fuzzy_span(f"Mở. {SAID.replace('Việt Nam', 'nước ta')}.", SAID) is not None
    assert fuzzy_span("Mở. Hợp tác kinh tế với các đối tác châu Âu tăng trưởng mạnh.", SAID) is None
    assert 50 < FUZZY_THRESHOLD < 100
