"""Extraction run on a few paragraphs, for tests that read like the article they describe."""

from articles.extraction import Extraction, extract
from articles.extraction.parsing import parse_text


def run(*paragraphs: str, known=None) -> tuple[str, Extraction]:
    parsed = parse_text("date 2026-01-01 " + "\n".join(paragraphs))
    return parsed.body, extract(parsed.body, [(p.start, p.end) for p in parsed.paragraphs], known)


def said(*paragraphs: str, known=None) -> list[tuple[str | None, str]]:
    """(speaker, text) of every statement, in order."""
    return [(s.speaker, s.text) for s in run(*paragraphs, known=known)[1].statements]


def roles(*paragraphs: str) -> list[str]:
    return [b.role for b in run(*paragraphs)[1].blocks]


def people(*paragraphs: str) -> dict[str, tuple[str, ...]]:
    """Name -> titles of everyone named."""
    return {p.name: p.titles for p in run(*paragraphs)[1].people if p.kind == "person"}


def directives(*paragraphs: str, known=None) -> dict[str, object]:
    return {d.name: d for d in run(*paragraphs, known=known)[1].directives}
