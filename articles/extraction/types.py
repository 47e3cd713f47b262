"""What extraction returns: plain dataclasses, the only contract with the loader.

Every offset is a character offset into the article body as parsed (NFC, paragraphs joined
by a blank line), so ``body[start:end]`` is the exact text.
"""

from dataclasses import dataclass, field


class Role:
    """A paragraph's part in the article. Only lede/answer/body paragraphs hold statements."""

    LEDE = "lede"
    HEADING = "heading"
    QUESTION = "question"
    ANSWER = "answer"
    CAPTION = "caption"
    PULL_QUOTE = "pull_quote"
    BODY = "body"


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    role: str


@dataclass(frozen=True)
class Person:
    """Someone named in the article; ``name`` is the canonical NFC name, titles stripped.

    ``kind`` "organization" is an institution that speaks as itself ("Bộ Ngoại giao cho
    biết ..."), named as the text names it in full: a speaker of statements, never one of
    the article's people.
    """

    name: str
    kind: str = "person"  # "person" or "organization"
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DirectiveRef:
    """A document or guiding concept the article refers to, under its canonical name."""

    name: str
    kind: str  # resolution, regulation, directive, conclusion, decision, law, congress, programme, concept
    code: str = ""
    issuer: str = ""
    aliases: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Statement:
    """Words attributed to ``speaker`` (a Person's name), ``body[start:end]``.

    ``quoted_by`` is set on a quotation of one author inside another speaker's statement
    (an ambassador in 2026 quoting Hồ Chí Minh): the words stay the author's, and
    ``quoted_by`` is the index, in ``Extraction.statements``, of the statement that quotes
    them, whose speaker and article date say who quoted them and when. None otherwise.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # "direct" or "reported"
    directives: tuple[str, ...] = ()
    quoted_by: int | None = None


@dataclass(frozen=True)
class Extraction:
    blocks: tuple[Block, ...] = ()
    people: tuple[Person, ...] = ()
    statements: tuple[Statement, ...] = ()
    directives: tuple[DirectiveRef, ...] = field(default=())
