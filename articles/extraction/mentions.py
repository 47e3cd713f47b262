"""Finding the places a paragraph names or refers to a person.

A mention is one of: a full name (with its titles as written, "Thứ trưởng Bộ Ngoại giao
Nguyễn Văn A"), a title alone ("Bộ trưởng"), an honorific with a given name ("ông A"), or a
bare honorific ("ông"). Resolving the last three to a person is people.py's job.
"""

import re
from dataclasses import dataclass

from . import lexicon
from .names import looks_foreign, name_after_title, surname_name
from .organisations import organisation_at
from .speech import speaks_at
from .text import WORD, fold, is_acronym, is_capitalised, words

FULL, TITLE, GIVEN, PRONOUN, ORG = "full", "title", "given", "pronoun", "organization"

# Photo and source credits name photographers and agencies, never people in the story.
CREDIT = re.compile(
    r"\((?:Ảnh|Nguồn|Video|Clip|Đồ họa|Đồ hoạ|Infographic)\b[^)]*\)|"
    r"\b(?:Ảnh|Nguồn)\s*:[^.()]*$",
    re.IGNORECASE,
)
_CONNECTORS = frozenset(("và", "tại", "của"))
# Words that make any title a deputy's, an acting or a former holder's: "Phó Phát ngôn",
# "Quyền Vụ trưởng", "Nguyên Bộ trưởng"; the title after them is read as usual.
_MODIFIERS = frozenset(("phó", "quyền", "nguyên", "cựu", "tân"))
# "nữ tiến sĩ", "vị đại sứ": a title made a reference to someone (a woman, for "nữ").
_DESCRIBED = {"nữ": "f", "vị": ""}
# Capitalised syllable + lowercase one that read as a verb alone ("Quốc hội", not "hội đàm").
_COMPOUNDS = ("quốc hội", "xã hội", "dân chủ", "hội chủ nghĩa", "chủ nghĩa", "đại hội", "thành ủy", "tỉnh ủy")
_NOT_COMPOUNDS = ("hội đàm", "hội kiến", "chủ trì")
# "Đại sứ quán", "Lãnh sự quán" are institutions, not the title they begin with.
_NOT_A_TITLE_AFTER = frozenset(("quán",))
_BRACKETS = (" (", ") ")  # "Đại sứ Liên minh châu Âu (EU) tại Việt Nam ..."
_NOT_AFTER_HONORIFIC = frozenset(("bà", "con", "cha", "ông", "cháu", "già", "chủ", "lão"))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str
    name: str = ""  # full name for FULL, given name for GIVEN
    titles: tuple[str, ...] = ()  # as written, portfolio included
    bases: tuple[str, ...] = ()  # folded base titles, for resolving a title alone
    gender: str = ""
    appositive: int = 0  # where titles after the name (", Thứ trưởng ...") begin, if any
    appositive_bases: tuple[str, ...] = ()
    name_end: int = 0


def _title_at(folded: str, pos: int) -> str | None:
    first = WORD.match(folded, pos)
    word = first.group() if first else ""
    for title in lexicon.titles_by_first_word().get(word, ()):
        if folded.startswith(title, pos):
            end = pos + len(title)
            if end == len(folded) or not folded[end].isalnum():
                following = WORD.match(folded, end + 1)
                if following and following.group() in _NOT_A_TITLE_AFTER:
                    return None
                return title
    if word in _MODIFIERS and folded[first.end() : first.end() + 1] == " ":
        rest = _title_at(folded, first.end() + 1)
        if rest:
            return f"{word} {rest}"
    return None


def _org_first_words() -> dict:
    return lexicon.org_heads()


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _run(ws, j: int, text: str, offset: int) -> int:
    """Index after the run of capitalised, single-space-separated words starting at j.

    An initial and its full stop ("M. Keller") stay in the run."""
    k = j + 1
    while k < len(ws) and is_capitalised(ws[k][2]) and not is_acronym(ws[k][2]):
        gap = text[ws[k - 1][1] - offset : ws[k][0] - offset]
        if gap != " " and not (gap == ". " and _is_initial(ws[k - 1][2])):
            break
        k += 1
    return k


class _Scanner:
    def __init__(self, text: str, offset: int, skip: list[tuple[int, int]]):
        self.text, self.offset = text, offset
        self.folded = fold(text)
        self.ws = [w for w in words(text, offset) if not any(a <= w[0] < b for a, b in skip)]
        # Each word folded, sliced from the folded paragraph (fold keeps offsets).
        self.low = [self.folded[w[0] - offset : w[1] - offset] for w in self.ws]
        self.found: list[Mention] = []

    def gap(self, j: int) -> str:
        return self.text[self.ws[j - 1][1] - self.offset : self.ws[j][0] - self.offset]

    def compound(self, j: int) -> bool:
        """A lowercase syllable finishing the capitalised one before it ("Quốc hội", "Dân
        chủ", "Xã hội chủ nghĩa"), which would otherwise read as a verb ("hội đàm")."""
        pair = fold(" ".join(w[2] for w in self.ws[j - 1 : j + 2] if w))
        return any(pair.startswith(c) for c in _COMPOUNDS) and not any(v in pair for v in _NOT_COMPOUNDS)

    def title_chain(self, j: int):
        """Titles (with portfolios) from word j; returns (titles, bases, name range, next j)."""
        titles, bases = [], []
        while True:
            pos = self.ws[j][0] - self.offset
            title = _title_at(self.folded, pos)
            if title is None:
                return titles, bases, None, j
            t_start = j
            j += len(title.split())
            last_cap, lower = j, 0
            name = None
            while j < len(self.ws) and (self.gap(j) == " " or self.gap(j) in _BRACKETS and j > t_start + 1):
                word = self.ws[j][2]
                if is_capitalised(word) and not is_acronym(word):
                    k = _run(self.ws, j, self.text, self.offset)
                    hit = name_after_title([w[2] for w in self.ws[j:k]])
                    if hit:
                        name = (j + hit[0], j + hit[1])
                        last_cap = j + hit[0]
                        break
                    j = last_cap = k
                    lower = 0
                elif is_acronym(word) or word.isdigit():
                    j = last_cap = j + 1
                elif speaks_at(self.folded, self.ws[j][0] - self.offset):
                    break  # "Tổng thống Pê-ru đánh giá": the portfolio ends at the verb
                elif (
                    (last_cap > t_start + len(title.split()) or self.low[j] in ("nước", "của"))
                    and lower < 3
                    and (self.low[j] not in lexicon.title_ends() or self.low[j] in _CONNECTORS or self.compound(j))
                ):
                    j += 1
                    lower += 1
                    if self.low[j - 1] not in _CONNECTORS:
                        last_cap = j
                else:
                    break
            end = self.ws[last_cap - 1][1] - self.offset
            titles.append(self.text[self.ws[t_start][0] - self.offset : end])
            bases.append(title)
            if name:
                return titles, bases, name, name[1]
            j = last_cap
            if (
                j >= len(self.ws)
                or self.gap(j).strip() != ","
                or _title_at(self.folded, self.ws[j][0] - self.offset) is None
            ):
                return titles, bases, None, j

    def apposition(self, j: int):
        """Titles after a name (", Ủy viên ..., Thứ trưởng ..."), when they name nobody else."""
        if j < len(self.ws) and self.gap(j).strip() == ",":
            titles, bases, name, k = self.title_chain(j)
            if titles and name is None:
                return titles, bases, k
        return (), (), j

    def full(self, start_j: int, name: tuple[int, int], titles, bases, gender=""):
        ws = self.ws
        more_t, more_b, j = self.apposition(name[1])
        full_name = " ".join(w[2] + ("." if _is_initial(w[2]) else "") for w in ws[name[0] : name[1]])
        end = ws[j - 1][1]
        self.found.append(
            Mention(
                ws[start_j][0],
                end,
                FULL,
                full_name,
                tuple(titles) + tuple(more_t),
                tuple(bases) + tuple(more_b),
                gender,
                ws[name[1]][0] if more_t else 0,
                tuple(more_b),
                ws[name[1] - 1][1],
            )
        )
        return j

    def untitled(self, j: int) -> int | None:
        """A family-name run with no title before it, when its context says it is a person."""
        ws = self.ws
        k = _run(ws, j, self.text, self.offset)
        run = [w[2] for w in ws[j:k]]
        hit = surname_name(run)
        foreign = 2 <= len(run) <= 3 and all(looks_foreign(w) or w.isascii() for w in run) and looks_foreign(run[0])
        if not foreign and (not hit or hit[0] != 0):
            return None
        prev = fold(" ".join(w[2] for w in ws[max(0, j - 2) : j]))
        if j and (prev.split()[-1] in lexicon.place_cues() or prev in lexicon.place_cues()):
            return None
        rest = ws[k - 1][1] - self.offset
        after = self.folded[rest:].lstrip(" ")
        introduces = (
            k < len(ws) and self.gap(k).strip() == "," and _title_at(self.folded, ws[k][0] - self.offset) is not None
        )
        speaks = any(after.startswith(v + " ") or after.startswith(v + ",") for v in lexicon.speech_verbs())
        if (k - j >= 3 and not foreign) or introduces or speaks:
            return self.full(j, (j, k), (), ())
        return None

    def scan(self) -> list[Mention]:
        ws, j = self.ws, 0
        honorifics = lexicon.honorifics()
        while j < len(ws):
            word = ws[j][2]
            low = self.low[j]
            title_here = _title_at(self.folded, ws[j][0] - self.offset)
            if not title_here and is_capitalised(word) and low.split("-")[0] in _org_first_words():
                org = organisation_at(self.text, self.folded, ws, j, self.offset)
                if org:
                    k, name = org
                    self.found.append(Mention(ws[j][0], ws[j][0] + len(name), ORG, name))
                    j = k
                    continue
            if low == "đồng" and j + 1 < len(ws) and self.low[j + 1] == "chí" and self.gap(j + 1) == " ":
                # "đồng chí" is an address without gender: before a title or name it adds
                # nothing; alone it refers back like "ông" or "bà" ("Đồng chí cho biết").
                nxt = ws[j + 2] if j + 2 < len(ws) and self.gap(j + 2) == " " else None
                if not (nxt and is_capitalised(nxt[2])):
                    self.found.append(Mention(ws[j][0], ws[j + 1][1], PRONOUN))
                j += 2
                continue
            if (
                low in _DESCRIBED
                and j + 1 < len(ws)
                and self.gap(j + 1) == " "
                and _title_at(self.folded, ws[j + 1][0] - self.offset)
            ):
                # "nữ tiến sĩ", "vị đại sứ": a title standing for someone named before.
                titles, bases, name, k = self.title_chain(j + 1)
                if not name:
                    self.found.append(
                        Mention(
                            ws[j][0],
                            ws[k - 1][1],
                            TITLE,
                            titles=tuple(titles),
                            bases=tuple(bases),
                            gender=_DESCRIBED[low],
                        )
                    )
                    j = k
                    continue
            if title_here:
                titles, bases, name, k = self.title_chain(j)
                if not is_capitalised(word) and not name:
                    j += 1  # "các bộ trưởng": a common noun unless a name follows
                    continue
                if name:
                    j = self.full(j, name, titles, bases)
                else:
                    self.found.append(Mention(ws[j][0], ws[k - 1][1], TITLE, titles=tuple(titles), bases=tuple(bases)))
                    j = k
                continue
            if low in honorifics:
                nxt = ws[j + 1] if j + 1 < len(ws) and self.gap(j + 1) == " " else None
                if nxt and is_capitalised(nxt[2]) and not is_acronym(nxt[2]):
                    k = _run(ws, j + 1, self.text, self.offset)
                    run = [w[2] for w in ws[j + 1 : k]]
                    if len(run) == 1 and not looks_foreign(run[0]):
                        self.found.append(Mention(ws[j][0], ws[j + 1][1], GIVEN, run[0], gender=honorifics[low]))
                        j += 2
                        continue
                    if fold(" ".join(run)) not in lexicon.places():
                        j = self.full(j, (j + 1, k), (), (), honorifics[low])
                        continue
                if (nxt is None or self.low[j + 1] not in _NOT_AFTER_HONORIFIC) and honorifics[low]:
                    self.found.append(Mention(ws[j][0], ws[j][1], PRONOUN, gender=honorifics[low]))
                j += 1
                continue
            if is_capitalised(word) and (low in lexicon.surnames() or looks_foreign(word)):
                k = self.untitled(j)
                if k:
                    j = k
                    continue
            j += 1
        return self.found


def credits(text: str, offset: int = 0) -> list[tuple[int, int]]:
    return [(offset + m.start(), offset + m.end()) for m in CREDIT.finditer(text)]


def scan(text: str, offset: int = 0) -> list[Mention]:
    """Mentions of people in one paragraph, in order, photo credits left out."""
    return _Scanner(text, offset, credits(text, offset)).scan()


def separate(paragraphs: list[list[Mention]]) -> list[list[Mention]]:
    """Split "X, Người phát ngôn" when the titles after X belong to someone else named.

    Titles after a name usually describe that person ("ông A, Thứ trưởng Bộ Ngoại giao"),
    but when another person is named with them, the comma ended X and the titles are
    that other person speaking ("... của Bộ trưởng A, Người phát ngôn cho biết").
    """
    leading: dict[str, set[str]] = {}
    for m in (m for ms in paragraphs for m in ms if m.kind == FULL):
        leading.setdefault(m.name, set()).update(b for b in m.bases if b not in m.appositive_bases)
    result = []
    for ms in paragraphs:
        out = []
        for m in ms:
            others = [b for n, b in leading.items() if n != m.name]
            if m.appositive and any(set(m.appositive_bases) & b for b in others):
                keep = len(m.titles) - len(m.appositive_bases)
                out.append(Mention(m.start, m.name_end, FULL, m.name, m.titles[:keep], m.bases[:keep], m.gender))
                out.append(Mention(m.appositive, m.end, TITLE, titles=m.titles[keep:], bases=m.appositive_bases))
            else:
                out.append(m)
        result.append(out)
    return result
