"""Who said what: statements with exact spans and a resolved speaker.

A statement is the paragraph, or the run of sentences starting at the one that carries the
attribution ("X cho biết, ...", "Theo X, ...", "“...”, X nói."). Interview answers belong
to the interviewee. A quotation inside a statement whose author is someone else ("tư tưởng
của Chủ tịch X: “...”") is a second statement of that author; the outer one keeps its span.
"""

import re

from . import lexicon
from .mentions import Mention
from .people import People
from .structure import Answer
from .text import fold, quote_spans, sentences
from .types import Role, Statement

INNER_MIN_WORDS = 5  # shorter quotations are terms ("tự cường"), not statements
INNER_REACH = 160  # how far before a quotation its author may be named
LEAD_IN_WORDS = 15


def _after_adverbs(folded: str, pos: int) -> int:
    changed = True
    while changed:
        changed = False
        while pos < len(folded) and folded[pos] == " ":
            pos += 1
        for adverb in lexicon.speech_adverbs():
            if folded.startswith(adverb + " ", pos):
                pos += len(adverb)
                changed = True
                break
    return pos


def _verb_at(folded: str, pos: int) -> str | None:
    for verb in lexicon.speech_verbs():
        end = pos + len(verb)
        if folded.startswith(verb, pos) and (end == len(folded) or not folded[end].isalnum()):
            return verb
    return None


def _opens_clause(before: str) -> bool:
    """Text before a mention leaves it as the subject: nothing, an intro clause, a quote."""
    before = before.rstrip(" ")
    return not before or before.endswith((",", ":", "”", '"', "-", "–"))


def attribution(folded: str, start: int, end: int, mentions: list[Mention]) -> Mention | None:
    """The mention a sentence [start, end) attributes its content to, if any (folded body)."""
    for m in mentions:
        if not start <= m.start < end:
            continue
        before = folded[start:m.start].rstrip(" ")
        if before.endswith("theo") and (len(before) == 4 or not before[-5].isalnum()) \
                and folded[m.end:m.end + 1] == "," and _opens_clause(before[:-4]):
            return m
        after = m.end + 1 if folded[m.end:m.end + 1] == "," else m.end  # "X, Phó Giám đốc ..., nói"
        if _opens_clause(before) and _verb_at(folded, _after_adverbs(folded, after)):
            return m
    return None


def _speech_between(folded: str, a: int, b: int) -> bool:
    gap = folded[a:b].rstrip(" “\"")
    if gap.endswith(":"):
        return True
    return any(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", gap) for v in lexicon.speech_verbs())


class _Builder:
    def __init__(self, body: str, people: People, mentions: list[Mention]):
        self.body, self.people = body, people
        self.folded = fold(body)
        self.mentions = mentions
        self.speaker: str | None = None  # quoted last: what a bare "ông" refers to
        self.pending: str | None = None  # named before a colon that ends a paragraph
        self.out: list[Statement] = []

    def who(self, m: Mention | None) -> str | None:
        name = self.people.resolve(m, self.speaker) if m else None
        if name:
            self.people.record_form(name, self.body[m.start:m.end])
        return name

    def emit(self, start: int, end: int, speaker: str, kind: str) -> None:
        while end > start and self.body[end - 1].isspace():
            end -= 1
        if end > start:
            self.out.append(Statement(start, end, self.body[start:end], speaker, kind))
            self.speaker = speaker

    def kind(self, start: int, end: int) -> str:
        quoted = sum(b - a for a, b in quote_spans(self.body[start:end]))
        return "direct" if quoted * 2 >= end - start else "reported"

    def answer(self, start: int, end: int, answer: Answer) -> None:
        speaker = self.who(answer.speaker)
        if speaker:
            self.emit(answer.content_start, end, speaker, "direct")
        self.inner(start, end, speaker)

    def paragraph(self, start: int, end: int, ms: list[Mention]) -> None:
        text = self.body[start:end]
        runs: list[tuple[int, str]] = []
        for s, e in sentences(text, start):
            m = attribution(self.folded, s, e, ms)
            speaker = self.who(m) if m else None
            if speaker and (not runs or runs[-1][1] != speaker):
                runs.append((s, speaker))
        quotes = quote_spans(text, start)
        if not runs and self.pending and quotes and quotes[0][0] - start <= 1 \
                and quotes[-1][1] >= end - 2:
            runs.append((start, self.pending))
        self.pending = None
        for i, (s, speaker) in enumerate(runs):
            stop = runs[i + 1][0] if i + 1 < len(runs) else end
            if self.body[s:stop].rstrip().endswith(":") and i + 1 == len(runs):
                # "X nhấn mạnh:" introduces the next paragraph's quotation; alone it says nothing.
                self.pending = speaker
                if len(self.body[s:stop].split()) <= LEAD_IN_WORDS:
                    continue
            self.emit(s, stop, speaker, self.kind(s, stop))
        self.inner(start, end, None)

    def inner(self, start: int, end: int, outer: str | None) -> None:
        """Quotations of a named third person inside the paragraph."""
        for a, b in quote_spans(self.body[start:end], start):
            if len(self.body[a:b].split()) < INNER_MIN_WORDS:
                continue
            sentence = next(((s, e) for s, e in sentences(self.body[start:end], start) if s <= a < e), (start, end))
            before = [m for m in self.mentions if max(sentence[0], a - INNER_REACH) <= m.start and m.end <= a]
            if not before:
                continue
            m = before[-1]
            if not _speech_between(self.folded, m.end, a):
                continue
            speaker = self.people.resolve(m, self.speaker)
            owner = outer or next((s.speaker for s in self.out if s.start <= a and b <= s.end), None)
            if speaker and speaker != owner:
                self.out.append(Statement(a, b, self.body[a:b], speaker, "direct"))


def _drop_redundant(found: list[Statement]) -> list[Statement]:
    """One statement per text and speaker: a span inside another of the same speaker goes."""
    keys = [fold(s.text) for s in found]
    keep = []
    for i, s in enumerate(found):
        if not any(j != i and o.speaker == s.speaker and keys[i] in keys[j] and (keys[i] != keys[j] or j < i)
                   for j, o in enumerate(found)):
            keep.append(s)
    return sorted(keep, key=lambda s: (s.start, s.end))


def statements(body: str, paragraphs, roles, answers: dict[int, Answer], mentions, people: People):
    builder = _Builder(body, people, [m for ms in mentions for m in ms])
    for i, ((start, end), role) in enumerate(zip(paragraphs, roles)):
        if role == Role.ANSWER and i in answers:
            builder.answer(start, end, answers[i])
        elif role in (Role.LEDE, Role.BODY, Role.ANSWER):
            builder.paragraph(start, end, mentions[i])
        else:
            builder.pending = None
    return _drop_redundant(builder.out)
