"""Extraction: who is named, who said what, which directives are cited.

Pure: takes the parsed body and paragraph offsets, returns dataclasses; no Django here.
"""

from .types import Block, DirectiveRef, Extraction, Person, Role, Statement


def extract(body: str, paragraphs: list[tuple[int, int]], known_directives=None) -> Extraction:
    """Paragraph roles only, until the statement rules are in place."""
    blocks = tuple(Block(s, e, Role.LEDE if i == 0 else Role.BODY)
                   for i, (s, e) in enumerate(paragraphs))
    return Extraction(blocks=blocks)


__all__ = ["Block", "DirectiveRef", "Extraction", "Person", "Role", "Statement", "extract"]
