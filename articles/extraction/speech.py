"""Speech verbs and the adverbs that may stand before them, looked up at a position.

Shared by mentions (a name or an organisation followed by a speech verb is a speaker) and
statements (which sentence a speaker's verb attributes). Both search the folded text.
"""

import re
from functools import cache

from . import lexicon

_WORD = re.compile(r"\w+")
# The press or an interview as the object of the verb: the sentence reports that someone
# talked, not what they said ("đã trả lời phỏng vấn báo X về ...").
FRAMING = re.compile(
    r"(?:trả lời (?:phỏng vấn|báo|câu hỏi)|trao đổi (?:với|cùng) |thông tin (?:cho|với) báo chí"
    r"|có cuộc trao đổi|gặp gỡ báo chí|tiếp xúc báo chí|họp báo)"
)
_CONTENT = re.compile(r"(?:rằng|:)")
# "Theo X, ...", "Theo thông cáo báo chí của X, ...": the sentence is X's.
CITED = re.compile(
    r"(?<!\w)theo(?: (?:thông báo|thông cáo(?: báo chí)?|tuyên bố|thông tin|đánh giá|nhận định"
    r"|ý kiến|quan điểm)(?: của| từ)?)?$"
)


@cache
def _by_first_word(name: str) -> dict[str, tuple[str, ...]]:
    words = lexicon.speech_verbs() if name == "verbs" else lexicon.speech_adverbs()
    table: dict[str, list[str]] = {}
    for w in words:  # already longest first
        table.setdefault(w.split()[0], []).append(w)
    return {k: tuple(v) for k, v in table.items()}


def _phrase_at(folded: str, pos: int, table) -> str | None:
    first = _WORD.match(folded, pos)
    if not first:
        return None
    for phrase in table.get(first.group(), ()):
        end = pos + len(phrase)
        if folded.startswith(phrase, pos) and (end == len(folded) or not folded[end].isalnum()):
            return phrase
    return None


def after_adverbs(folded: str, pos: int) -> int:
    """Position after any spaces and adverbs ("cũng đã", "nhiệt liệt") from pos."""
    adverbs = _by_first_word("adverbs")
    while True:
        while pos < len(folded) and folded[pos] == " ":
            pos += 1
        adverb = _phrase_at(folded, pos, adverbs)
        if adverb is None:
            return pos
        pos += len(adverb)


def verb_at(folded: str, pos: int) -> str | None:
    return _phrase_at(folded, pos, _by_first_word("verbs"))


def speaks_at(folded: str, pos: int) -> str | None:
    """The speech verb starting at pos, adverbs skipped, if any."""
    return verb_at(folded, after_adverbs(folded, pos))


def is_framing(folded: str, verb_pos: int, end: int) -> bool:
    """ "X trả lời phỏng vấn báo Y về Z.": a report that X talked, with nothing X said."""
    rest = folded[verb_pos:end]
    framing = FRAMING.match(rest)
    return bool(framing) and not _CONTENT.search(rest, framing.end())
