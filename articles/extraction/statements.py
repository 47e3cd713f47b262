"""Who said what: statements with exact spans and a resolved speaker.

A statement is the paragraph, or the run of sentences starting at the one that carries the
attribution ("X cho biết, ...", "Theo X, ...", "“...”, X nói."). An attribution after
unquoted words ("..., ông X chia sẻ.") covers the paragraph before it. "X nói:" at the end
of a paragraph, or a quotation left open, carries the speaker into the paragraphs after it
until another attribution, a question or a paragraph that is not body text. Interview
answers belong to the interviewee. A quotation inside a statement whose author is someone
else ("tư tưởng của Chủ tịch X: “...”") is a second statement of that author, quoted by
the outer one, which keeps its span.
"""

import re
from dataclasses import replace

from .mentions import PRONOUN, Mention
from .people import People
from .speech import CITED, FRAMING, after_adverbs, is_framing, verb_at
from .structure import Answer
from .text import fold, quote_spans, quoted_regions, sentences, unclosed
from .types import Role, Statement

INNER_MIN_WORDS = 5  # shorter quotations are terms ("tự cường"), not statements
INNER_REACH = 160  # how far before a quotation its author may be named
LEAD_IN_WORDS = 15
APPOSITION_REACH = 160  # ", Người phát ngôn của Bộ Ngoại giao Việt Nam," between name and verb
TRAILING_WORDS = 6  # "..., ông X chia sẻ trên báo Y.": what may follow a closing attribution
_BULLETS = ("*", "•", "+", "-", "–", "—")
COLON, OPEN, QUOTED = "colon", "open", "quoted"  # why a speaker carries into the next paragraph
# How the reporter resumes after someone's words: a time or an occasion first.
NARRATION = re.compile(
    r"^(?:Cùng ngày|Cùng dịp|Trước đó|Sau đó|Tiếp đó|Tiếp theo|Trong khuôn khổ|Nhân dịp|Dịp này"
    r"|Cũng trong|Trong chuyến|Ngày \d|Sáng|Chiều|Tối|Trưa|Hôm \w+|Tại (?:buổi|lễ|hội|cuộc|phiên))\b"
)


def _opens_clause(before: str) -> bool:
    """Text before a mention leaves it as the subject: nothing, an intro clause, a quote."""
    before = before.rstrip(" ")
    if before.endswith("đồng chí"):  # "..., đồng chí X cảm ơn": an address, not a word of the clause
        before = before[: -len("đồng chí")].rstrip(" ")
    return not before or before.endswith((",", ":", "”", '"', *_BULLETS)) or before in _BULLETS


def _verb_after(folded: str, pos: int, end: int) -> int | None:
    """Where the speech verb right after a subject ending at pos starts, apposition allowed."""
    if folded[pos : pos + 2] == " (":  # "TS X (Đại học Y) cho rằng": the affiliation in brackets
        close = folded.find(")", pos, min(end, pos + APPOSITION_REACH))
        if close > 0:
            pos = close + 1
    after = pos + 1 if folded[pos : pos + 1] == "," else pos
    at = after_adverbs(folded, after)
    if verb_at(folded, at):
        return at
    if folded[pos : pos + 1] == ",":
        # "Bà X, Người phát ngôn của Bộ Ngoại giao Việt Nam, cho biết": a description
        # between two commas, with no verb of its own, then the speech verb.
        close = folded.find(",", after, min(end, pos + APPOSITION_REACH))
        if close > 0 and not any(c in folded[after:close] for c in '.:;“"'):
            at = after_adverbs(folded, close + 1)
            if verb_at(folded, at):
                return at
    return None


def attribution(folded: str, start: int, end: int, mentions: list[Mention], quoted=()) -> tuple[Mention, int] | None:
    """The mention a sentence [start, end) attributes its content to, and where the verb is.

    Mentions inside quoted words are what the speaker said, never the speaker. A sentence
    reporting that someone talked to the press, and a question, attribute nothing.
    """
    if folded[start:end].rstrip(' ”"»)').endswith("?"):
        return None
    for m in mentions:
        if not start <= m.start < end or any(a <= m.start < b for a, b in quoted):
            continue
        before = folded[start : m.start].rstrip(" ")
        cited = CITED.search(before)
        if cited and folded[m.end : m.end + 1] == "," and _opens_clause(before[: cited.start()]):
            return m, m.start
        if not _opens_clause(before):
            continue
        verb = _verb_after(folded, m.end, end)
        if verb is not None:
            if is_framing(folded, verb, end):
                return None
            return m, verb
    return None


def _speech_between(folded: str, a: int, b: int) -> bool:
    gap = folded[a:b].rstrip(' “"')
    if gap.endswith(":"):
        return True
    pos = 0
    while pos < len(gap):
        if (pos == 0 or not gap[pos - 1].isalnum()) and verb_at(gap, pos):
            return True
        pos += 1
    return False


def _trailing(folded: str, s: int, m: Mention, verb: int, e: int) -> bool:
    """ "..., ông X chia sẻ." closes what came before it rather than opening what follows."""
    lead = folded[s : m.start].rstrip(" ")
    if not lead.endswith((",", "–", "-", "—")) or len(lead.split()) < 4:
        return False
    rest = folded[verb:e]
    return ":" not in rest and len(rest.split()) <= TRAILING_WORDS and not FRAMING.match(rest)


class _Builder:
    def __init__(self, body: str, people: People, mentions: list[Mention]):
        self.body, self.people = body, people
        self.folded = fold(body)
        self.mentions = mentions
        self.speaker: str | None = None  # quoted last: what a bare "ông" refers to
        self.pending: tuple[str, str] | None = None  # (speaker, COLON / OPEN / QUOTED)
        self.out: list[Statement] = []
        self.quoted_by: dict[int, Statement] = {}  # id(inner statement) -> the one quoting it

    def who(self, m: Mention | None, current: str | None = None) -> str | None:
        name = self.people.resolve(m, current or self.speaker) if m else None
        if name:
            self.people.record_form(name, self.body[m.start : m.end])
        return name

    def emit(self, start: int, end: int, speaker: str, kind: str) -> None:
        while end > start and self.body[end - 1].isspace():
            end -= 1
        if end > start:
            self.out.append(Statement(start, end, self.body[start:end], speaker, kind))
            self.speaker = speaker

    def kind(self, start: int, end: int) -> str:
        text = self.body[start:end]
        spans = quote_spans(text)
        quoted = sum(b - a for a, b in spans)
        if unclosed(text):  # a quotation running on into the next paragraph
            quoted += len(text) - max(text.rfind(c) for c in "“«")
        first = min((text.find(c) for c in "”»" if c in text), default=-1)
        if first >= 0 and not any(a <= first < b for a, b in spans) and not any(c in text[:first] for c in "“«"):
            quoted += first  # the end of a quotation opened in an earlier paragraph
        return "direct" if quoted * 2 >= len(text) else "reported"

    def answer(self, start: int, end: int, answer: Answer) -> None:
        speaker = self.who(answer.speaker)
        if speaker:
            self.emit(answer.content_start, end, speaker, "direct")
        self.pending = None
        self.inner(start, end, speaker)

    def paragraph(self, start: int, end: int, ms: list[Mention]) -> None:
        text = self.body[start:end]
        inside = bool(self.pending) and self.pending[1] == OPEN
        quoted = quoted_regions(text, start, inside)  # a name in there is not the speaker
        runs: list[tuple[int, str]] = []
        for s, e in sentences(text, start):
            found = attribution(self.folded, s, e, ms, quoted)
            if not found:
                continue
            m, verb = found
            speaker = self.who(m, runs[-1][1] if runs and m.kind == PRONOUN else None)
            if not speaker or (runs and runs[-1][1] == speaker):
                continue
            if not runs and _trailing(self.folded, s, m, verb, e):
                s = start
            runs.append((s, speaker))
        carried, self.pending = self.pending, None
        own = bool(runs)
        if not runs and carried:
            runs = self.carry(text, start, carried)
        for i, (s, speaker) in enumerate(runs):
            stop = runs[i + 1][0] if i + 1 < len(runs) else end
            if own:
                if self.body[s:stop].rstrip().endswith(":") and i + 1 == len(runs):
                    # "X nhấn mạnh:" introduces the next paragraphs; alone it says nothing.
                    self.pending = (speaker, COLON)
                    if len(self.body[s:stop].split()) <= LEAD_IN_WORDS:
                        continue
                elif i + 1 == len(runs) and unclosed(self.body[s:stop]):
                    self.pending = (speaker, OPEN)  # the quotation goes on in the next paragraph
            self.emit(s, stop, speaker, self.kind(s, stop))
        self.inner(start, end, None)

    def carry(self, text: str, start: int, carried: tuple[str, str]) -> list[tuple[int, str]]:
        """A paragraph with no attribution of its own, after "X nói:" or an open quotation."""
        speaker, mode = carried
        if text.rstrip(' ”"»)').endswith("?"):
            return []  # a question ends what the speaker was saying
        if mode == COLON and NARRATION.match(text):
            return []  # "Cùng ngày, ...", "Trước đó, ...": the reporter is telling again
        quoted = text.lstrip()[:1] in '“«"'
        if mode == OPEN:
            self.pending = (speaker, OPEN) if unclosed(text) else None
        elif mode == COLON and not quoted:
            self.pending = (speaker, COLON)  # unquoted words go on until someone else speaks
        elif quoted:
            self.pending = (speaker, OPEN if unclosed(text) else QUOTED)
        else:
            return []  # after quoted paragraphs, unquoted text is the reporter's again
        return [(start, speaker)]

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
            container = next((s for s in self.out if s.start <= a and b <= s.end), None)
            owner = outer or (container.speaker if container else None)
            if speaker and speaker != owner:
                quote = Statement(a, b, self.body[a:b], speaker, "direct")
                self.out.append(quote)
                if container:
                    self.quoted_by[id(quote)] = container


def _drop_redundant(found: list[Statement]) -> list[Statement]:
    """One statement per text and speaker: a span inside another of the same speaker goes."""
    keys = [fold(s.text) for s in found]
    keep = []
    for i, s in enumerate(found):
        if not any(
            j != i and o.speaker == s.speaker and keys[i] in keys[j] and (keys[i] != keys[j] or j < i)
            for j, o in enumerate(found)
        ):
            keep.append(s)
    return sorted(keep, key=lambda s: (s.start, s.end))


def _link_quoted(kept: list[Statement], quoted_by: dict[int, Statement]) -> list[Statement]:
    """quoted_by as the index, in the returned list, of the statement that quotes each one."""
    index = {id(s): i for i, s in enumerate(kept)}
    return [replace(s, quoted_by=index.get(id(quoted_by[id(s)]))) if id(s) in quoted_by else s for s in kept]


def statements(body: str, paragraphs, roles, answers: dict[int, Answer], mentions, people: People):
    builder = _Builder(body, people, [m for ms in mentions for m in ms])
    for i, ((start, end), role) in enumerate(zip(paragraphs, roles)):
        if role == Role.ANSWER and i in answers:
            builder.answer(start, end, answers[i])
        elif role in (Role.LEDE, Role.BODY, Role.ANSWER):
            builder.paragraph(start, end, mentions[i])
        else:
            builder.pending = None
    return _link_quoted(_drop_redundant(builder.out), builder.quoted_by)
