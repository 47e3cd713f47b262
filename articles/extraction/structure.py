"""Paragraph roles: which paragraphs can hold statements at all.

Headings, interviewer questions, photo captions and pull quotes carry no statement: a
caption describes a photo, and a pull quote repeats text the article states in full
elsewhere, so quoting it again would make a duplicate.
"""

import re
from dataclasses import dataclass

from .mentions import CREDIT, FULL, GIVEN, TITLE, Mention
from .text import bare
from .types import Role

DASH = re.compile(r"^[-–—]\s+")
QUESTION_MARK = re.compile(r"^(?:[-–—]\s|(?:pv|p\.v|phóng viên|hỏi|câu hỏi)\s*:)", re.IGNORECASE)
FINAL_PUNCTUATION = tuple('.!?…:;,"”»)')
PHOTO = re.compile(r"(?:\bTrong ảnh\s*:|^Ảnh\s*:)", re.IGNORECASE)
SHORT_LINE = 160
PULL_MIN = 30
BYLINE_WORDS = 6


@dataclass(frozen=True)
class Answer:
    """An interview answer: who answers, and where the answer's own words begin."""

    speaker: Mention | None
    content_start: int


def _opener(text: str, start: int, mentions: list[Mention]) -> Mention | None:
    """The "Title Name:" that opens an interview answer, if the paragraph starts with one."""
    for m in mentions:
        if m.start == start and m.kind in (FULL, TITLE, GIVEN):
            rest = text[m.end - start : m.end - start + 3]
            if rest.lstrip().startswith(":"):
                return m
    return None


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", bare(text)).strip()


def _pull_quotes(texts: list[str]) -> set[int]:
    """Paragraphs whose words appear again inside another, longer (or earlier) paragraph."""
    keys = [_key(t) for t in texts]
    found = set()
    for i, k in enumerate(keys):
        if len(k) < PULL_MIN:
            continue
        for j, other in enumerate(keys):
            if j != i and k in other and (len(other) > len(k) or j < i):
                found.add(i)
                break
    return found


def _is_caption(text: str, mentions: list[Mention]) -> bool:
    stripped = text.rstrip(" .")
    if CREDIT.search(text) and (stripped.endswith(")") or text.rstrip().endswith(")")) or PHOTO.search(text):
        return True
    people = [m for m in mentions if m.kind in (FULL, TITLE)]
    if not people:
        return False
    if len(text) <= 2 * SHORT_LINE and not text.endswith(FINAL_PUNCTUATION):
        return True
    # A line that is nothing but a name and its titles labels a portrait.
    return len(people) == 1 and people[0].kind == FULL and len(text.rstrip(" .")) <= people[0].end - people[0].start + 2


def _is_heading(text: str) -> bool:
    return len(text) <= SHORT_LINE and len(text.split()) >= 2 and not text.endswith(FINAL_PUNCTUATION)


def _is_byline(text: str, last: bool) -> bool:
    """The author's name closing the article ("Minh Đức", "Thanh Tùng (TTXVN/Tokyo)")."""
    return last and len(text.split()) <= BYLINE_WORDS and not text.endswith(tuple(".!?…:;"))


def byline(text: str, mentions: list[Mention]) -> bool:
    """A last paragraph that is only a name, untitled ("Nguyễn Thu Trang", "Minh Anh (TTXVN)")."""
    bare_text = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip(" .-–")
    return (
        len(mentions) == 1
        and mentions[0].kind == FULL
        and not mentions[0].titles
        and not mentions[0].gender
        and bare_text == mentions[0].name
    )


def roles(body: str, paragraphs, mentions: list[list[Mention]], captions=frozenset()):
    """Role of each paragraph, and for answers who answers; mentions are per paragraph.
    ``captions`` are the positions of paragraphs the source marks as photo captions."""
    texts = [body[s:e] for s, e in paragraphs]
    openers = [_opener(t, s, ms) for t, (s, _), ms in zip(texts, paragraphs, mentions)]
    interview = any(o and not _is_heading(t) for o, t in zip(openers, texts))
    pulls = _pull_quotes(texts)
    result, answers = [], {}
    interviewee: Mention | None = None
    answering = False
    intro: list[Mention] = []
    for i, (text, (start, _), ms) in enumerate(zip(texts, paragraphs, mentions)):
        opener = openers[i]
        dash = DASH.match(text)
        asks = text.rstrip().endswith("?")
        if i in captions:
            role = Role.CAPTION
        elif i == 0:
            role = Role.LEDE
        elif dash and not asks and result and result[-1] == Role.QUESTION:
            # "- Question?" then "— Answer": dashes mark both turns, the question mark tells
            # them apart; the answer is the interviewee's, introduced before the questions.
            role = Role.ANSWER
            answering = True
            who = interviewee or next((m for m in intro if m.kind == FULL), None)
            answers[i] = Answer(who, start + dash.end())
        elif QUESTION_MARK.match(text) and (interview or asks):
            role = Role.QUESTION
            answering = interview or bool(dash and any(m.kind == FULL for m in intro))
        elif opener and interview and not _is_heading(text):
            interviewee, answering = opener, True
            content = start + len(text[: opener.end - start + 3].split(":", 1)[0]) + 1
            while content < start + len(text) and body[content] == " ":
                content += 1
            answers[i] = Answer(opener, content)
            role = Role.ANSWER
        elif _is_caption(text, ms):
            role = Role.CAPTION
        elif i in pulls:
            role = Role.PULL_QUOTE
        elif _is_heading(text) or _is_byline(text, i == len(texts) - 1):
            role = Role.HEADING
        elif answering:
            role = Role.ANSWER
            who = interviewee or next((m for m in intro if m.kind == FULL), None)
            answers[i] = Answer(who, start)
        else:
            role = Role.BODY
        if not answering and role in (Role.LEDE, Role.BODY):
            intro.extend(ms)
        result.append(role)
    return result, answers
