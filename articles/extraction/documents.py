"""Documents by number or by name, and the references back to them ("Nghị quyết này").

Numbered documents ("Nghị quyết số 36-NQ/TW") are matched by their kind and code. Named
ones have no number: a capitalised head noun for the kind of document, then its name,
which Vietnamese writes with the first word capitalised and runs until a function word,
punctuation or its year ("Luật Thỏa thuận quốc tế", "Pháp lệnh ... năm 2007", "Công ước
Liên hợp quốc về Luật Biển năm 1982"). Both directives.py and vocabulary.py read the
numbered pattern from here, so neither imports the other.
"""

import re

DOC_KINDS = {
    "nghị quyết": "resolution",
    "chỉ thị": "directive",
    "kết luận": "conclusion",
    "quy chế": "regulation",
    "quy định": "regulation",
    "quyết định": "decision",
    "luật": "law",
    "thông tư": "circular",
    "nghị định": "decree",
    "hướng dẫn": "guidance",
    "thông báo": "notice",
    "đề án": "programme",
    "công điện": "notice",
}
_DOC = "|".join(sorted(DOC_KINDS, key=len, reverse=True))
NUMBERED = re.compile(rf"(?<!\w)({_DOC})(?:\s+số)?\s+(\d+(?:[-/.][0-9a-zđ]+)*)", re.IGNORECASE)

# Head nouns of named documents, and the kind each is stored as. Treaties, charters and
# declarations have no kind of their own in the archive: "other".
NAMED_KINDS = {
    "Luật": "law",
    "Pháp lệnh": "law",
    "Hiến pháp": "law",
    "Bộ luật": "law",
    "Hiến chương": "other",
    "Công ước": "other",
    "Hiệp định": "other",
    "Hiệp ước": "other",
    "Nghị định thư": "other",
    "Tuyên bố chung": "other",
    "Tuyên bố": "other",
    "Thỏa thuận": "other",
    "Bản ghi nhớ": "other",
    "Báo cáo Chính trị": "congress",
}
# Names that are whole without anything after them.
_WHOLE = frozenset(("Báo cáo Chính trị", "Hiến pháp"))
# Heads whose name may go on with "về ..." (what the treaty or declaration is about).
_ABOUT = frozenset(("Công ước", "Tuyên bố chung", "Hiệp định", "Hiệp ước", "Nghị định thư", "Bản ghi nhớ"))
_HEAD = re.compile(r"(?<!\w)(" + "|".join(sorted(NAMED_KINDS, key=len, reverse=True)) + r")(?!\w)")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_STOP = frozenset(
    [
        "của",
        "được",
        "và",
        "đã",
        "sẽ",
        "số",
        "có",
        "với",
        "về",
        "trong",
        "là",
        "để",
        "cho",
        "nhằm",
        "theo",
        "tại",
        "này",
        "do",
        "khi",
        "thì",
        "đến",
        "từ",
        "bị",
        "cũng",
        "vừa",
        "mà",
        "các",
        "những",
        "đang",
        "giữa",
        "nêu",
        "trên",
        "đó",
    ]
)
_TRAIL = ("sửa đổi", "hiện hành", "mới")
MAX_WORDS = 8
ABOUT_WORDS = 10

_BACK_HEADS = (
    "nghị quyết",
    "luật",
    "chỉ thị",
    "kết luận",
    "quyết định",
    "nghị định",
    "thông tư",
    "đề án",
    "pháp lệnh",
    "hiến chương",
    "công ước",
    "hiệp định",
    "hiệp ước",
    "tuyên bố chung",
)
BACK = re.compile(r"(?<!\w)(" + "|".join(sorted(_BACK_HEADS, key=len, reverse=True)) + r")\s+(?:này|nói trên)(?!\w)")


def _name_end(body: str, head: str, pos: int) -> int | None:
    """End of a document's name whose words start at pos, or None when no name follows."""
    end, count, about = pos, 0, 0
    words = list(_WORD.finditer(body, pos, min(len(body), pos + 200)))
    i = 0
    while i < len(words):
        w = words[i]
        gap = body[end : w.start()]
        word = w.group()
        if count == 0 and gap.strip():
            return None
        # "Luật Phòng, chống tham nhũng": a comma before "chống" is inside the name.
        comma_inside = gap == ", " and word == "chống" and head in ("Luật", "Bộ luật", "Pháp lệnh")
        if count and gap != " " and not comma_inside:
            break
        # Only a joint declaration is named by its subject alone ("Tuyên bố chung về ...");
        # "một hiệp định về hợp tác" is a description unless a capitalised name comes first.
        if count == 0 and not (word[0].isupper() or word.isdigit() or (word == "về" and head == "Tuyên bố chung")):
            return None
        if word == "năm":
            year = re.match(r"năm (\d{4})", body[w.start() :])
            if year:
                end = w.start() + year.end()
            break
        if word == "về" and head in _ABOUT and not about:
            about = 1
        elif (
            (word.lower() in _STOP and not (word == "do" and body[end - 2 : end] == "tự"))
            or (count >= MAX_WORDS and not about)
            or about > ABOUT_WORDS
        ):
            break
        elif about:
            about += 1
        end, count = w.end(), count + 1
        i += 1
    return end if count else None


def named(body: str):
    """Named documents as directive hits: (start, end, name, kind, code, issuer)."""
    for m in _HEAD.finditer(body):
        head = m.group(1)
        end = _name_end(body, head, m.end() + 1) if body[m.end() : m.end() + 1] == " " else None
        if end is None:
            if head in _WHOLE:
                yield m.start(), m.end(), head, NAMED_KINDS[head], "", ""
            continue
        name = body[m.start() : end]
        for trail in _TRAIL:
            if name.endswith(" " + trail):
                name = name[: -len(trail) - 1]
        yield m.start(), end, name, NAMED_KINDS[head], "", ""


def back_references(folded: str, hits):
    """ "Nghị quyết này", "Luật này": the latest document of that kind named before it."""
    for m in BACK.finditer(folded):
        head = m.group(1)
        before = [h for h in hits if h[1] <= m.start() and h[2].lower().startswith(head + " ")]
        if before:
            last = max(before, key=lambda h: h[0])
            yield m.start(), m.end(), last[2], last[3], "", ""
