"""Source files -> database. The one place where parsed text meets the ORM.

Files are stored in batches, one transaction each: a loader stopped at any point leaves
every file fully loaded or absent, and loses at most the batch it was writing, which the
next run loads. A file that cannot be read, parsed or extracted is reported and left out
before its batch is written; if writing a batch fails in the database, it is rolled back
and its files are stored one by one, so that a file that fails leaves nothing behind and
the others still load. Editors' work (a custom title, reviewed or edited statements,
their notes and links) survives a reload; extraction's suggestions are replaced.

A batch is written with a query or two per table, not per article (``articles.ingest.storing``),
with the same rows, in the same order, as storing its files one at a time. For a load of
more than one batch, extraction runs a batch ahead in a process of its own
(``articles.ingest.extracting``), so that reading the sources and writing the database use two
cores; its results are those of extracting each file just before storing it. After each
batch, PostgreSQL's statistics are brought up to date for the tables the load has grown
(``articles.ingest.sql``), so that every batch is planned for the tables as they are.
"""

import datetime
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.db.models import Q

from articles import changes, conflicts, extraction
from articles.extraction import Vocabulary
from articles.extraction.parsing import Limits, ParsedSource
from articles.ingest import sql as analyze
from articles.ingest.extracting import Entries, Extracted, Extractor, SourceError, Worker, read_source, run_extraction
from articles.ingest.pages import PAGE_SUFFIXES
from articles.ingest.storing import Source, store
from articles.models import Article, Directive, DirectiveAlias
from articles.restatements.index import Recent

__all__ = [
    "LoadReport",
    "SourceError",
    "discover",
    "known_directives",
    "load_file",
    "load_page",
    "load_paths",
    "read_source",
    "source_limits",
]

# Bumped when extraction changes, so unchanged files are re-extracted once.
EXTRACTOR_VERSION = getattr(extraction, "VERSION", "1")
ATTEMPTS = 3
# Why a file failed when other loaders kept storing the same rows first: loading it again succeeds.
CONFLICT = "conflicting concurrent load; run again"
# Files per transaction: large enough that a query serves many articles, small enough that
# a loader stopped midway has little to do again. The first batches are smaller, so that
# the first files are stored (and the extraction process busy) soon after the start.
BATCH = 100
FIRST_BATCH = 10
# Up to this many files stored at once drop only their own pages (``write``).
SCOPED_FILES = 4


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    statements: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.failed)} failed"
        )


SUFFIXES = (".txt", *PAGE_SUFFIXES)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The .txt and .html files named or inside the directories named, sorted; and the paths
    refused.

    In a directory, a symbolic link is followed only to a file inside that directory: one
    pointing elsewhere would publish whatever file it names. A broken link is named, not
    skipped: the operator meant that file to load.
    """
    files, refused = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for entry in sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES):
                reason = link_refusal(entry, path) if entry.is_symlink() else None
                if reason:
                    refused.append((str(entry), reason))
                elif entry.is_file():
                    files.append(entry)
        elif path.is_file():
            files.append(path)
        else:
            refused.append((str(path), "no such file or directory"))
    return list(dict.fromkeys(files)), refused


def link_refusal(link: Path, directory: Path) -> str | None:
    """Why the symbolic link ``link`` in ``directory`` is not loaded, or None."""
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        return f"broken symbolic link (to {os.readlink(link)})"
    except (OSError, RuntimeError):
        return "symbolic link that cannot be followed (a loop?)"
    if not target.is_relative_to(directory.resolve()):
        return f"symbolic link to {target}, outside {directory}: refused"
    return None


def source_limits(max_bytes: int | None = None) -> Limits:
    """The limits a source file must keep to, from the settings (README, "Limits")."""
    return Limits(
        max_bytes=settings.ARCHIVE_MAX_SOURCE_BYTES if max_bytes is None else max_bytes,
        max_paragraphs=settings.ARCHIVE_MAX_PARAGRAPHS,
        max_paragraph_chars=settings.ARCHIVE_MAX_PARAGRAPH_CHARS,
    )


def checkpoint(where: str) -> None:
    """For tests that stop the loader at a point of its own work, not after a time: with
    ARCHIVE_LOADER_CHECKPOINTS set, say where the loader is on stderr and wait for a line on
    stdin before going on. Unset (always, outside tests), nothing happens."""
    if os.environ.get("ARCHIVE_LOADER_CHECKPOINTS"):
        sys.stderr.write(f"checkpoint {where}\n")
        sys.stderr.flush()
        sys.stdin.readline()


def directive_entries() -> Entries:
    """Every directive's name and every alias editors gave one, for extraction to recognise."""
    entries = [(name, name, kind) for name, kind in Directive.objects.values_list("name", "kind").iterator()]
    aliases = DirectiveAlias.objects.values_list("name", "directive__name", "directive__kind")
    return entries + list(aliases.iterator())


def known_directives() -> Vocabulary:
    vocabulary = Vocabulary()
    for alias, name, kind in directive_entries():
        vocabulary.add(alias, name, kind)
    return vocabulary


def stored_hashes(paths: list[Path]) -> dict[str, str]:
    """Source file name -> content hash, of the files stored under the current extractor."""
    names = [p.name for p in paths]
    found = {}
    for i in range(0, len(names), 500):
        found.update(
            Article.objects.filter(source_file__in=names[i : i + 500], extractor_version=EXTRACTOR_VERSION).values_list(
                "source_file", "content_hash"
            )
        )
    return found


def unchanged(article: Article | None, item: Extracted) -> bool:
    return (
        article is not None
        and article.content_hash == item.parsed.content_hash
        and article.extractor_version == EXTRACTOR_VERSION
    )


def sources_of(items: list[Extracted]) -> Q:
    """The items' articles: by their canonical URL or their name."""
    names = [item.name for item in items]
    urls = [item.parsed.meta.url for item in items if item.parsed.meta.url]
    return Q(source_file__in=names) | Q(source_url__in=urls)


def stored_articles(items: list[Extracted]) -> Callable[[Extracted], Article | None]:
    """Each item's article as stored, locked: found by its canonical URL when the source has
    one (a web article's key, whichever file or address it came from), else by its name."""
    # No-key locks: a loader waits for another loading the same source, while an editor's new
    # statement, which only refers to the article, does not wait for the loader.
    found = list(Article.objects.select_for_update(no_key=True).filter(sources_of(items)))
    by_url = {a.source_url: a for a in found if a.source_url}
    by_name = {a.source_file: a for a in found}
    return lambda item: by_url.get(item.parsed.meta.url) or by_name.get(item.name)


def write(items: list[Extracted], recent: Recent) -> list[tuple[str, int]]:
    """Store the files, in the caller's transaction; ("created" | "updated" | "unchanged",
    statements stored) for each.

    A few files (one at a time, a feed's new pages) change only what their articles' tags
    cover (``articles.tags``: their statements, the older statements they link to, the
    people and directives they name), so only those pages are dropped; a large batch
    changes so much that it moves the generation, and spares the work of naming it all."""
    article_of = stored_articles(items)
    if len(items) > SCOPED_FILES:
        return store_items(items, article_of, recent)
    stored = [article.pk for item in items if (article := article_of(item)) is not None]
    with changes.touching(articles=stored) as scope:
        outcomes = store_items(items, article_of, recent)
        if any(outcome != "unchanged" for outcome, _ in outcomes):
            scope.add(articles=Article.objects.filter(sources_of(items)).values_list("pk", flat=True))
    return outcomes


def store_items(items, article_of, recent: Recent) -> list[tuple[str, int]]:
    outcomes, sources = [], []
    for item in items:
        article = article_of(item)
        if unchanged(article, item):
            outcomes.append("unchanged")
            continue
        # The file changed after the load began (another loader): it was not extracted yet.
        found = item.found if item.found is not None else run_extraction(item.parsed, known_directives())
        outcomes.append("updated" if article else "created")
        sources.append(Source(item.name, article, item.parsed, found, item.prints if item.found else (), item.fetched))
    counts = iter(store(sources, EXTRACTOR_VERSION, recent))
    return [(outcome, 0 if outcome == "unchanged" else next(counts)) for outcome in outcomes]


@contextmanager
def atomic(recent: Recent):
    """A transaction; if it fails, the fingerprints it indexed are forgotten with it."""
    try:
        with transaction.atomic():
            yield
    except BaseException:
        recent.clear()  # it may hold statements rolled back, whose ids will be given again
        raise


def write_one(item: Extracted, recent: Recent) -> tuple[str, int]:
    """One file in its own transaction, tried again if another loader stored it meanwhile."""
    if item.error:
        raise SourceError(item.error)
    for attempt in range(ATTEMPTS):
        try:
            with atomic(recent):
                return write([item], recent)[0]
        except IntegrityError:
            # Another loader stored the same rows first; the next attempt sees them.
            if attempt == ATTEMPTS - 1:
                raise SourceError(CONFLICT) from None
        except OperationalError as exc:
            # Editors saving the same statements at the moment: the database chose this side.
            if not conflicts.transient(exc) or attempt == ATTEMPTS - 1:
                raise SourceError(f"conflicting concurrent writes ({exc}); run again") from None
        except DatabaseError as exc:
            # What the database alone refuses (a body whose search vector is over PostgreSQL's
            # 1 MB tsvector limit): this file fails with the database's reason, the rest load.
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise SourceError(f"the database refused it: {reason}") from None
    raise AssertionError("unreachable")


def write_batch(items: list[Extracted], report: LoadReport, recent: Recent) -> None:
    """One transaction for the batch; one per file if that fails, or if a file name comes
    twice (the second must find the first stored)."""
    loadable = []
    for item in items:
        if item.error:
            report.failed.append((item.path, item.error))
        else:
            loadable.append(item)
    outcomes = None
    if loadable and len({item.name for item in loadable}) == len(loadable):
        try:
            with atomic(recent):
                outcomes = write(loadable, recent)
                checkpoint(f"writing {len(loadable)}")
        except (DatabaseError, SourceError):
            outcomes = None  # a conflict with another loader, or one file that fails
    for i, item in enumerate(loadable):
        try:
            outcome, statements = outcomes[i] if outcomes is not None else write_one(item, recent)
        except SourceError as exc:
            report.failed.append((item.path, exc.reason))
        else:
            getattr(report, outcome).append(item.path)
            report.statements += statements


def batch_sizes() -> Iterator[int]:
    """FIRST_BATCH files to store, then twice as many, and so on up to BATCH."""
    size = FIRST_BATCH
    while True:
        yield size
        size = min(2 * size, BATCH)


def extracted(files: list[Path], limits: Limits, parallel: bool | None) -> Iterator[list[Extracted]]:
    """The files, extracted in order, a batch at a time."""
    entries, stored = directive_entries(), stored_hashes(files)
    sizes = batch_sizes()
    if not (len(files) > BATCH if parallel is None else parallel):
        extractor = Extractor(files, entries, stored, limits)
        while batch := extractor.batch(next(sizes)):
            yield batch
        return
    with Worker(files, entries, stored, limits) as worker:
        worker.request(next(sizes))
        while True:
            worker.request(next(sizes))  # extracted while this batch is written
            if not (batch := worker.receive()):
                return
            yield batch


def load_paths(
    paths: Iterable[str | Path],
    max_bytes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool | None = None,
) -> LoadReport:
    """Load the files; ``parallel`` extracts in a process of its own (by default when there
    are more than a batch's worth). ``max_bytes`` replaces the setting's limit."""
    began = time.monotonic()
    files, missing = discover(paths)
    report = LoadReport(failed=list(missing))
    done, recent = 0, Recent()
    batches = extracted(files, source_limits(max_bytes), parallel)
    try:
        for batch in batches:
            write_batch(batch, report, recent)
            analyze.refresh()  # the next batch's plans fit the tables as they now are
            done += len(batch)
            checkpoint(f"stored {done}")
            if progress:
                progress(done, len(files))
    finally:
        batches.close()
    report.seconds = time.monotonic() - began
    return report


def load_file(path: Path, max_bytes: int | None = None, vocabulary: Entries | None = None) -> tuple[str, int]:
    """Load one file; returns ("created" | "updated" | "unchanged", statements stored)."""
    path = Path(path)
    entries = directive_entries() if vocabulary is None else vocabulary
    extractor = Extractor([path], entries, stored_hashes([path]), source_limits(max_bytes))
    return write_one(extractor.extract(path), Recent())


def load_page(address: str, parsed: ParsedSource, fetched: datetime.datetime) -> tuple[str, int]:
    """Store a fetched page, known by ``address`` (or by its canonical URL): the same path
    as a file's, so a changed page updates its article and editors' work is kept."""
    item = Extractor([], directive_entries()).extract_page(address, parsed, fetched)
    return write_one(item, Recent())
