"""Directives: numbered documents, Party congresses and guiding concepts, by canonical name.

Each finder yields (start, end, name, kind, code, issuer) hits on the body; `collect`
merges hits of one canonical name and maps them onto the editors' vocabulary, so an alias
entered in the admin is reported under its directive's name without a code change.
"""

import re
from collections.abc import Mapping
from functools import lru_cache

from . import documents, lexicon
from .documents import DOC_KINDS, NUMBERED
from .text import fold, quote_spans
from .types import DirectiveRef
from .vocabulary import Vocabulary

ISSUERS = (
    "bộ chính trị",
    "ban bí thư",
    "ban chấp hành trung ương đảng",
    "ban chấp hành trung ương",
    "ủy ban thường vụ quốc hội",
    "quốc hội",
    "chính phủ",
    "thủ tướng chính phủ",
    "thủ tướng",
    "trung ương",
    "hội đồng nhân dân",
    "ủy ban nhân dân",
)
ISSUED_BY = re.compile(r"\s+(?:ngày\s+[\d/]+\s+)?(?:của|do)\s+(" + "|".join(ISSUERS) + r")(?!\w)")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_NUM = r"([IVXLC]+|\d{1,2})"
CONGRESS = re.compile(
    r"(?<!\w)(?:(?:nghị quyết|văn kiện)\s+(?:của\s+)?)?đại hội\s+(?:đại biểu\s+)?(?:toàn quốc\s+)?"
    r"(?:đảng\s+(?:toàn quốc\s+)?)?(?:lần thứ\s+)?" + _NUM + r"(?!\w)(?:\s+của\s+đảng(?!\s+bộ))?",
    re.IGNORECASE,
)
BARE_CONGRESS = re.compile(
    r"(?<!\w)(?:(?:nghị quyết|văn kiện)\s+(?:của\s+)?)?đại hội(?!\s+(?:đồng|đảng bộ|đại biểu|\w*\d))(?!\w)"
)
COMMITTEE = re.compile(
    r"(?<!\w)(?:nghị quyết\s+(?:của\s+)?)?đại hội\s+(?:đại biểu\s+)?đảng bộ\s+"
    r"((?:[^\s,.;:]+\s+){1,8}?)lần thứ\s+" + _NUM + r"(?!\w)",
    re.IGNORECASE,
)
PLENUM = re.compile(
    r"(?<!\w)(?:nghị quyết\s+)?(?:hội nghị\s+)?trung ương\s+(\d{1,2})\s+khóa\s+([IVXLC]+)(?!\w)", re.IGNORECASE
)
CONCEPT_CUES = (
    "quan điểm",
    "nhiệm vụ",
    "tính",
    "phương châm",
    "tinh thần",
    "khẩu hiệu",
    "chủ trương",
    "nguyên tắc",
    "chính sách",
    "tư tưởng",
    "tư duy",
    "phương thức",
    "mô hình",
    "định hướng",
    "thông điệp",
    "khái niệm",
    "cụm từ",
    "phương án",
    "tầm nhìn",
    "phong trào",
    "tiêu chí",
)
CONCEPT_MAX_WORDS = 6


def roman(number: str) -> str:
    """Congress numbers in Roman numerals, the form the Party uses ("Đại hội 14" -> XIV)."""
    if not number.isdigit():
        return number.upper()
    n, out = int(number), ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _original(body: str, folded_match: re.Match, group: int) -> str:
    return body[folded_match.start(group) : folded_match.end(group)]


def numbered(body: str, folded: str):
    for m in NUMBERED.finditer(folded):
        doc = body[m.start(1) : m.end(1)]
        code = _original(body, m, 2).rstrip(".")
        if not (doc[0].isupper() or "-" in code or "/" in code or " số " in m.group(0)):
            continue  # "đã quyết định 3 nội dung" is prose, not a document
        doc = doc[0].upper() + doc[1:]
        issuer = ISSUED_BY.match(folded, m.end())
        who = body[issuer.start(1) : issuer.end(1)] if issuer else ""
        yield m.start(), m.start(2) + len(code), f"{doc} {code}", DOC_KINDS[m.group(1)], code, who


def congresses(body: str, folded: str):
    national = []
    for m in CONGRESS.finditer(folded):
        number = _original(body, m, 1)
        if not number.isdigit() and not number.isupper():
            continue
        national.append(m.start())
        yield m.start(), m.end(), f"Nghị quyết Đại hội {roman(number)}", "congress", roman(number), "Đảng"
    for m in COMMITTEE.finditer(folded):
        unit = _original(body, m, 1).strip()
        number = roman(_original(body, m, 2))
        yield (m.start(), m.end(), f"Nghị quyết Đại hội Đảng bộ {unit} lần thứ {number}", "congress", number, "")
    for m in PLENUM.finditer(folded):
        name = f"Nghị quyết Trung ương {m.group(1)} khóa {m.group(2).upper()}"
        yield m.start(), m.end(), name, "resolution", "", "Ban Chấp hành Trung ương"


def back_references(body: str, folded: str, congress: str, taken):
    """A bare "Đại hội" / "Văn kiện Đại hội" after a numbered congress refers to it."""
    for m in BARE_CONGRESS.finditer(folded):
        if body[m.end() - len("đại hội")].isupper() and not any(a <= m.start() < b for a, b in taken):
            yield m.start(), m.end(), congress, "congress", "", "Đảng"


def quoted_terms(body: str, folded: str, paragraphs):
    """Short quoted terms introduced as a concept ("quan điểm “...”", "nhiệm vụ “...”").

    A quoted phrase with no such noun before it is usually a figure of speech ("“kể câu
    chuyện” Việt Nam"), not a concept, so it is left out.
    """
    for start, end in paragraphs:
        previous_end, previous_ok = -1, False
        for a, b in quote_spans(body[start:end], start):
            term = body[a + 1 : b - 1].strip(" .,;:!?…")
            lead = folded[max(start, a - 20) : a].rstrip()
            cue = any(
                lead.endswith(c) and (len(lead) == len(c) or not lead[-len(c) - 1].isalnum()) for c in CONCEPT_CUES
            )
            chained = previous_ok and folded[previous_end:a].strip(" ,") in ("", "và")
            ok = 0 < len(term.split()) <= CONCEPT_MAX_WORDS and (cue or chained)
            if ok:
                name = term if term[1:2].isupper() else term[0].lower() + term[1:]
                inner = body.index(term, a)
                yield inner, inner + len(term), name, "concept", "", ""
            previous_end, previous_ok = b, ok


@lru_cache(maxsize=1)
def concept_vocabulary() -> Vocabulary:
    return Vocabulary({form: (name, "concept") for form, name in lexicon.concepts().items()})


def collect(
    body: str, paragraphs, known: "Vocabulary | Mapping[str, tuple[str, str]] | None"
) -> tuple[DirectiveRef, ...]:
    folded = fold(body)
    known = known if isinstance(known, Vocabulary) else Vocabulary(known)
    hits = list(numbered(body, folded)) + list(congresses(body, folded)) + list(documents.named(body))
    hits += documents.back_references(folded, hits)
    national = [
        h for h in hits if h[3] == "congress" and h[2].startswith("Nghị quyết Đại hội ") and "Đảng bộ" not in h[2]
    ]
    if national:
        hits += back_references(body, folded, national[0][2], [(h[0], h[1]) for h in hits])
    # Known names first: where an editor's name and a concept cover the same words, the
    # editor's wins (the first of two equal spans is kept below).
    hits += known.scan(folded)
    hits += concept_vocabulary().scan(folded)
    hits += quoted_terms(body, folded, paragraphs)
    refs: dict[str, dict] = {}
    taken: list[tuple[int, int]] = []
    for start, end, name, kind, code, issuer in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
        if any(a <= start and end <= b for a, b in taken):
            continue  # "Nghị quyết 18" inside a longer hit already counted
        taken.append((start, end))
        mapped = known.get(name) or known.document(name) or known.get(body[start:end])
        if mapped:
            name, kind = mapped
        ref = refs.setdefault(name, {"kind": kind, "code": code, "issuer": issuer, "aliases": [], "spans": []})
        ref["issuer"] = ref["issuer"] or issuer
        ref["code"] = ref["code"] or code
        surface = body[start:end]
        # A bare "Đại hội", "Nghị quyết này" mean this article's document only: no alias to store.
        if (
            surface != name
            and surface not in ref["aliases"]
            and not (kind == "congress" and not code)
            and not documents.BACK.fullmatch(fold(surface))
        ):
            ref["aliases"].append(surface)
        ref["spans"].append((start, end))
    return tuple(
        DirectiveRef(name, r["kind"], r["code"], r["issuer"], tuple(r["aliases"]), tuple(r["spans"]))
        for name, r in refs.items()
    )
