"""Extraction: who is named, who said what, which directives are cited.

Pure: takes the parsed body and paragraph offsets, returns dataclasses; no Django here.
The steps run in order because each needs the last: mentions of people, paragraph roles
(an interview answer needs its "Name:" opener), statements, then the directives each
statement cites.
"""

from collections.abc import Collection, Mapping, Sequence

from . import directives as _directives
from .mentions import scan, separate
from .people import People
from .statements import statements as _statements
from .structure import byline
from .structure import roles as _roles
from .types import Block, DirectiveRef, Extraction, Person, Role, Statement
from .vocabulary import Vocabulary

# Stored with each article; the loader re-extracts unchanged files when this changes.
VERSION = "3"


def extract(
    body: str,
    paragraphs: Sequence[tuple[int, int]],
    known_directives: Vocabulary | Mapping[str, tuple[str, str]] | None = None,
    captions: Collection[int] = frozenset(),
) -> Extraction:
    """People, paragraph roles, statements and directives of one article body.

    captions are the positions of paragraphs the source marks as photo captions (a web
    page's <figcaption>): they hold no statement, whatever their wording.
    known_directives maps any alias an editor entered to (canonical name, kind); aliases
    found in the text are reported under the canonical name. A loader passes one
    Vocabulary and adds to it as it goes, so it is indexed once, not per article.
    """
    paragraphs = [(s, e) for s, e in paragraphs]
    mentions = separate([scan(body[s:e], s) for s, e in paragraphs])
    roles, answers = _roles(body, paragraphs, mentions, frozenset(captions))
    if paragraphs and byline(body[paragraphs[-1][0] : paragraphs[-1][1]], mentions[-1]):
        mentions[-1] = []  # the reporter who signs the article is no one in the story
    people = People([m for ms in mentions for m in ms])
    found = _statements(body, paragraphs, roles, answers, mentions, people)
    refs = _directives.collect(body, paragraphs, known_directives)
    linked = []
    for st in found:
        cited = [r.name for r in refs if any(st.start <= a and b <= st.end for a, b in r.spans)]
        linked.append(Statement(st.start, st.end, st.text, st.speaker, st.kind, tuple(cited), st.quoted_by))
    blocks = tuple(Block(s, e, role) for (s, e), role in zip(paragraphs, roles))
    return Extraction(blocks=blocks, people=people.persons(), statements=tuple(linked), directives=refs)


__all__ = ["Block", "DirectiveRef", "Extraction", "Person", "Role", "Statement", "VERSION", "Vocabulary", "extract"]
