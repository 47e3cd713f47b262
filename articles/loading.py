"""Source files -> database. The one place where parsed text meets the ORM.

Each file is loaded in its own transaction: a file that fails leaves nothing behind and the
others still load. Editors' work (a custom title, reviewed or edited statements, their notes
and links) survives a reload; extraction's suggestions are replaced.
"""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction

from . import extraction, page_cache
from .extraction import Extraction, Vocabulary
from .models import Article, Directive, DirectiveAlias
from .parsing import DEFAULT_MAX_BYTES, ParseError, ParsedSource, derive_title, parse_source
from .storing import keep_editors_quotes, store_extraction, unique_slug

# Bumped when extraction changes, so unchanged files are re-extracted once.
EXTRACTOR_VERSION = getattr(extraction, "VERSION", "1")
ATTEMPTS = 3


class SourceError(Exception):
    """A file that cannot be loaded; ``reason`` is one line for the operator."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    statements: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{len(self.created)} created, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged, {len(self.failed)} failed")


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The .txt files named or inside the directories named, sorted; and the paths missing."""
    files, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            missing.append((str(path), "no such file or directory"))
    return list(dict.fromkeys(files)), missing


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedSource:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"file is {size:,} bytes, over the limit of {max_bytes:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    try:
        return parse_source(data, max_bytes)
    except ParseError as exc:
        raise SourceError(str(exc)) from None


def known_directives() -> Vocabulary:
    """Every directive's name and every alias editors gave one, for extraction to recognise."""
    vocabulary = Vocabulary()
    for name, kind in Directive.objects.values_list("name", "kind").iterator():
        vocabulary.add(name, name, kind)
    aliases = DirectiveAlias.objects.values_list("name", "directive__name", "directive__kind")
    for alias, name, kind in aliases.iterator():
        vocabulary.add(alias, name, kind)
    return vocabulary


def learn(vocabulary: Vocabulary, found: Extraction) -> None:
    """What one article named becomes vocabulary for the next: the archive learns as it loads."""
    for ref in found.directives:
        for name in (ref.name, *ref.aliases):
            if vocabulary.get(name) is None:
                vocabulary.add(name, ref.name, ref.kind)


def run_extraction(parsed: ParsedSource, vocabulary) -> Extraction:
    spans = [(p.start, p.end) for p in parsed.paragraphs]
    try:
        return extraction.extract(parsed.body, spans, vocabulary)
    except Exception as exc:  # a defect in extraction must not stop the other files loading
        raise SourceError(f"extraction failed: {type(exc).__name__}: {exc}") from exc


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, vocabulary=None) -> tuple[str, int]:
    """Load one file; returns ("created" | "updated" | "unchanged", statements stored)."""
    parsed = read_source(path, max_bytes)
    vocabulary = known_directives() if vocabulary is None else vocabulary
    found = None
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().filter(source_file=path.name).first()
                if article and article.content_hash == parsed.content_hash \
                        and article.extractor_version == EXTRACTOR_VERSION:
                    return "unchanged", 0
                found = found or run_extraction(parsed, vocabulary)
                outcome = "updated" if article else "created"
                article = save_article(article, path.name, parsed)
                kept = keep_editors_quotes(article) if outcome == "updated" else []
                stored = store_extraction(article, parsed, found, kept)
            learn(vocabulary, found)
            return outcome, stored
        except IntegrityError:
            # Another loader stored the same rows first; the next attempt sees them.
            if attempt == ATTEMPTS - 1:
                raise SourceError("conflicting concurrent load; run again") from None
    raise AssertionError("unreachable")


def save_article(article: Article | None, source_file: str, parsed: ParsedSource) -> Article:
    title = derive_title(parsed.lede)
    if article is None:
        article = Article(source_file=source_file, slug=unique_slug(Article, title))
    if not article.title_is_custom:
        article.title = title
    if article.pk:
        article.version += 1
    article.published_on = parsed.published
    article.body = parsed.body
    article.content_hash = parsed.content_hash
    article.extractor_version = EXTRACTOR_VERSION
    article.save()
    return article


def load_paths(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
               progress: Callable[[int, int], None] | None = None) -> LoadReport:
    began = time.monotonic()
    files, missing = discover(paths)
    report = LoadReport(failed=list(missing))
    vocabulary = known_directives()
    for done, path in enumerate(files, 1):
        try:
            outcome, statements = load_file(path, max_bytes, vocabulary)
        except SourceError as exc:
            report.failed.append((str(path), exc.reason))
        else:
            getattr(report, outcome).append(str(path))
            report.statements += statements
        if progress:
            progress(done, len(files))
    if report.created or report.updated:
        page_cache.invalidate()
    report.seconds = time.monotonic() - began
    return report

