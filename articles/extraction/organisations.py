"""Institutions that speak as themselves: "Bộ Ngoại giao cho biết", "Đại sứ quán ... khẳng định".

An organisation is a speaker when its name is the subject of a speech verb. Vietnamese
capitalises only the first word of an institution's name and its proper nouns ("Bộ Ngoại
giao", "Đại sứ quán Việt Nam tại Ba Lan"), so the name is read from a known head noun up to
the verb (adverbs left out), and kept as the text writes it, in full.
"""

from . import lexicon
from .speech import CITED, after_adverbs, verb_at
from .text import WORD, fold

MAX_WORDS = 10  # "Ủy ban Nhà nước về người Việt Nam ở nước ngoài" is about the longest
# Lowercase words that cannot finish a capitalised syllable: the clause has moved on.
_STOP = frozenset(
    [
        "và",
        "với",
        "của",
        "cho",
        "đã",
        "sẽ",
        "đang",
        "được",
        "bị",
        "là",
        "có",
        "về",
        "trong",
        "khi",
        "thì",
        "này",
        "đó",
        "những",
        "các",
        "vừa",
        "cũng",
    ]
)
_KEEP = frozenset(("tại", "ở", "về", "của", "và"))  # "Đại sứ quán Việt Nam tại Ba Lan"


def _head_at(folded: str, pos: int) -> str | None:
    first = WORD.match(folded, pos)
    for head in lexicon.org_heads().get(first.group() if first else "", ()):
        end = pos + len(head)
        if folded.startswith(head, pos) and (end == len(folded) or not folded[end].isalnum()):
            return head
    return None


def organisation_at(text: str, folded: str, ws, j: int, offset: int) -> tuple[int, str] | None:
    """(index after the name, name) when an institution named from word j speaks."""
    pos = ws[j][0] - offset
    head = _head_at(folded, pos)
    if head is None:
        return None
    k = j + len(head.split())
    # A one-word head needs a capitalised name after it ("Bộ Ngoại giao", "Tổ chức Y tế Thế
    # giới"); a lowercase word there makes it a common noun or a verb ("Tổ chức tốt ...").
    if len(head.split()) == 1 and (k >= len(ws) or not ws[k][2][:1].isupper()):
        return None
    shortest = k + (1 if len(head.split()) == 1 else 0)
    cited = CITED.search(folded[max(0, pos - 40) : pos].rstrip(" ")) is not None  # "Theo Bộ Ngoại giao, ..."
    while k < len(ws) and k - j <= MAX_WORDS:
        gap = text[ws[k - 1][1] - offset : ws[k][0] - offset]
        if cited and gap.startswith(",") and k >= shortest:
            return k, text[pos : ws[k - 1][1] - offset]
        if gap == " (" and text[ws[k][1] - offset : ws[k][1] - offset + 1] == ")" and ws[k][2].isupper():
            k += 1  # "Tổ chức Y tế Thế giới (WHO) khuyến cáo": the acronym is part of the name
            if (
                k < len(ws)
                and text[ws[k - 1][1] - offset : ws[k][0] - offset] == ") "
                and verb_at(folded, after_adverbs(folded, ws[k][0] - offset))
            ):
                return k, text[pos : ws[k - 2][1] - offset]
            return None
        if gap != " ":
            return None  # punctuation before any verb: not the subject of one
        if k >= shortest and verb_at(folded, after_adverbs(folded, ws[k][0] - offset)):
            return k, text[pos : ws[k - 1][1] - offset]
        word, low = ws[k][2], fold(ws[k][2])
        # The name's words: capitalised ones, the lowercase syllable finishing one ("Ngoại
        # giao", "Tài nguyên"), and a lowercase word before another capitalised one ("tại Ba
        # Lan", "châu Âu"). Any other lowercase word means the clause has gone on ("Bộ X vừa
        # ban hành văn bản ...").
        before_capital = k + 1 < len(ws) and ws[k + 1][2][:1].isupper()
        if not (
            word[:1].isupper()
            or (before_capital and (low in _KEEP or low not in _STOP))
            or (ws[k - 1][2][:1].isupper() and low not in _STOP)
        ):
            return None
        k += 1
    return None
