"""An article body as HTML blocks with its statements highlighted. Pure: no database.

Statements are spans of ``article.body`` and may nest (a leader quoted inside an interviewee's
answer) or even cross. HTML elements must nest, so the spans become properly nested <mark>
pieces: at each boundary the marks that must end are closed together with the marks opened
inside them, and those still running are reopened. The first piece of a statement carries
its anchor id (``s<pk>``), the last one is followed by its note number, so a reader can go
from the highlight to its attribution and a permalink can point at the highlight.

A statement running over two paragraphs is cut at the paragraph's end and continues in the
next one; text between paragraphs is never shown.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from articles.choices import Status

LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Block:
    """One paragraph: its role, its inner HTML, and (note number, statement) for each statement
    whose anchor is in it."""

    role: str
    start: int
    end: int
    html: SafeString
    statements: tuple = field(default=())


def paragraph_spans(body: str, paragraphs: Sequence = ()) -> list[tuple[int, int, str]]:
    """(start, end, role) of each paragraph; without stored paragraphs, each non-empty line."""
    spans = [(p.start, p.end, p.role) for p in paragraphs if 0 <= p.start < p.end <= len(body)]
    if spans:
        return sorted(spans)
    return [(m.start(), m.end(), "body") for m in LINE.finditer(body) if m.group().strip()]


def _open(statement, first: bool) -> str:
    classes = "statement" + ("" if first else " continued")
    if getattr(statement, "status", "") == Status.SUGGESTED:
        classes += " suggested"
    if first:
        return format_html('<mark class="{}" id="s{}">', classes, statement.pk)
    return format_html('<mark class="{}">', classes)


def _note_ref(statement, numbers: dict) -> str:
    return format_html('<a class="note-ref" href="#n{0}" id="r{0}">{1}</a>', statement.pk, numbers[statement.pk])


def render_paragraph(
    body: str, start: int, end: int, statements: Sequence, numbers: dict, opened: set, notes: bool = True
) -> SafeString:
    """body[start:end] escaped, with the statements overlapping it as nested <mark>s.

    ``numbers`` maps a statement's pk to its note number; ``opened`` collects the pks whose
    first piece (the one with the anchor id) has been written, across paragraphs.
    """
    here = [s for s in statements if s.start < end and s.end > start]
    if not here:
        return mark_safe(escape(body[start:end]))
    cuts = sorted({start, end} | {max(s.start, start) for s in here} | {min(s.end, end) for s in here})
    out: list[str] = []
    stack: list = []
    for i, pos in enumerate(cuts):
        ending = [s for s in stack if min(s.end, end) == pos]
        if ending:
            depth = min(stack.index(s) for s in ending)
            popped = stack[depth:]
            del stack[depth:]
            reopen = []
            for s in reversed(popped):
                out.append("</mark>")
                if min(s.end, end) == pos:
                    if notes and s.end <= end:
                        out.append(_note_ref(s, numbers))
                else:
                    reopen.append(s)
        else:
            reopen = []
        if pos == end:
            break
        starting = [s for s in here if max(s.start, start) == pos]
        # Longest first, so the mark that stays open longest is the outermost.
        for s in sorted(reopen + starting, key=lambda s: (-min(s.end, end), s.start, s.pk)):
            out.append(_open(s, s.pk not in opened))
            opened.add(s.pk)
            stack.append(s)
        out.append(escape(body[pos : cuts[i + 1]]))
    return mark_safe("".join(out))


def render_body(
    body: str,
    paragraphs: Sequence = (),
    statements: Sequence = (),
    around: tuple[int, int] | None = None,
    notes: bool = True,
) -> list[Block]:
    """The blocks of an article: each paragraph with its role and highlighted statements.

    With ``around`` (a span), only the paragraphs overlapping it: a statement in context;
    ``notes=False`` leaves out the note numbers, for a page that shows no notes.

    ``statements`` need ``pk``, ``start``, ``end`` (and optionally ``status``); spans outside
    the body or empty are left out rather than breaking the page.
    """
    valid = sorted((s for s in statements if 0 <= s.start < s.end <= len(body)), key=lambda s: (s.start, -s.end, s.pk))
    numbers = {s.pk: n for n, s in enumerate(valid, 1)}
    opened: set = set()
    blocks = []
    for start, end, role in paragraph_spans(body, paragraphs):
        if around and not (start < around[1] and end > around[0]):
            continue
        before = set(opened)
        html = render_paragraph(body, start, end, valid, numbers, opened, notes)
        # Notes go under the paragraph where a statement's anchor is, even if it began in a gap.
        blocks.append(
            Block(role, start, end, html, tuple((numbers[s.pk], s) for s in valid if s.pk in opened - before))
        )
    return blocks
