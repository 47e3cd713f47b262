"""Source files -> parsed text, extraction and fingerprints, in file order: no Django here.

The vocabulary learns as the files go by: the directives one article names are known when
the next is extracted. Extraction is therefore one sequence, whatever runs it. A large
load runs it in a process of its own (``Worker``), a batch ahead of the process writing to
the database, so that the two use two cores. Its results are those of extracting each file
just before storing it, with no second pass: its vocabulary starts from the archive's, as
the loader's did, and learns from the same files in the same order. (A file the archive
holds unchanged is not extracted and teaches nothing, as before: its names are in the
archive already. One difference remains, with two loaders at once: a file extracted here
that the other loader stored first still teaches the files after it.)

The worker is a plain subprocess talking pickles over its stdin and stdout, not a
multiprocessing child: it imports nothing of the caller's ``__main__``, and when the loader
dies, even by SIGKILL, its stdin reaches end of file, or its stdout a broken pipe, and it
exits.
"""

import datetime
import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from articles import extraction
from articles.extraction import Extraction, Vocabulary
from articles.extraction.fingerprints import fingerprint
from articles.extraction.parsing import DEFAULT_LIMITS, Limits, ParsedSource, ParseError, parse_source
from articles.ingest.pages import PAGE_SUFFIXES, PageError, parse_page

# Directive names: (alias, canonical name, kind), in the order they were added.
Entries = list[tuple[str, str, str]]


class SourceError(Exception):
    """A file that cannot be loaded; ``reason`` is one line for the operator."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Extracted:
    """One file or fetched page, ready to store. ``found`` is None when the source was left
    as it was stored (same text, same extractor) or when it failed; ``error`` then says why
    it failed. ``source`` is a page's address (a file is known by its name); ``fetched``
    when the page was fetched."""

    path: str
    parsed: ParsedSource | None = None
    found: Extraction | None = None
    prints: tuple[frozenset[int], ...] = ()
    error: str | None = None
    source: str = ""
    fetched: datetime.datetime | None = None

    @property
    def name(self) -> str:
        """The article's ``source_file``: a file's name, or the address of a page."""
        return self.source or Path(self.path).name


def read_source(path: Path, limits: Limits = DEFAULT_LIMITS) -> ParsedSource:
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise SourceError(f"file is {size:,} bytes, over the limit of {limits.max_bytes:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    try:
        if path.suffix.lower() in PAGE_SUFFIXES:
            return parse_page(data, max_bytes=limits.max_bytes)
        return parse_source(data, limits=limits)
    except (ParseError, PageError) as exc:
        raise SourceError(str(exc)) from None


def run_extraction(parsed: ParsedSource, vocabulary: Vocabulary) -> Extraction:
    spans = [(p.start, p.end) for p in parsed.paragraphs]
    try:
        return extraction.extract(parsed.body, spans, vocabulary, parsed.captions)
    except Exception as exc:  # a defect in extraction must not stop the other files loading
        raise SourceError(f"extraction failed: {type(exc).__name__}: {exc}") from exc


def learn(vocabulary: Vocabulary, found: Extraction) -> None:
    """What one article named becomes vocabulary for the next: the archive learns as it loads."""
    for ref in found.directives:
        for name in (ref.name, *ref.aliases):
            if vocabulary.get(name) is None:
                vocabulary.add(name, ref.name, ref.kind)


def fingerprints(found: Extraction) -> tuple[frozenset[int], ...]:
    """Each statement's restatement fingerprint, computed here so the writer need not."""
    return tuple(fingerprint(s.text) for s in found.statements)


class Extractor:
    """Extracts files in order with a vocabulary that learns from each.

    ``stored`` maps a file name to the content hash the archive holds for it under the
    current extractor: such a file is parsed (to see it is unchanged) but not extracted,
    and teaches nothing, as when it was loaded it taught the archive already.
    """

    # Files read ahead for one batch at most, however many of them are unchanged.
    LOOKAHEAD = 1000

    def __init__(
        self,
        files: list[Path],
        entries: Entries,
        stored: dict[str, str] | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ):
        self.files = iter(files)
        self.vocabulary = Vocabulary()
        for alias, name, kind in entries:
            self.vocabulary.add(alias, name, kind)
        self.stored = stored or {}
        self.limits = limits

    def extract(self, path: Path) -> Extracted:
        try:
            parsed = read_source(path, self.limits)
            if self.stored.get(path.name) == parsed.content_hash:
                return Extracted(str(path), parsed)
            found = run_extraction(parsed, self.vocabulary)
        except SourceError as exc:
            return Extracted(str(path), error=exc.reason)
        learn(self.vocabulary, found)
        return Extracted(str(path), parsed, found, fingerprints(found))

    def extract_page(self, address: str, parsed: ParsedSource, fetched: datetime.datetime) -> Extracted:
        """A fetched page, parsed already; extracted whatever the archive holds (the
        loader's write decides whether it changed)."""
        try:
            found = run_extraction(parsed, self.vocabulary)
        except SourceError as exc:
            return Extracted(address, error=exc.reason, source=address)
        learn(self.vocabulary, found)
        return Extracted(address, parsed, found, fingerprints(found), source=address, fetched=fetched)

    def batch(self, size: int) -> list[Extracted]:
        """The next files, up to ``size`` of them to store: the unchanged and failed ones met
        on the way come too but do not count, so that a batch is a batch of work. Empty
        when every file has been extracted."""
        batch, extracted = [], 0
        while extracted < size and len(batch) < self.LOOKAHEAD and (path := next(self.files, None)):
            batch.append(self.extract(path))
            extracted += batch[-1].found is not None
        return batch


class Worker:
    """An Extractor in a subprocess: ``request`` a batch, ``receive`` it, in the order
    requested. Request the next batch before receiving the current one and the worker
    extracts it while the caller stores the current one."""

    def __init__(self, files: list[Path], entries: Entries, stored: dict[str, str], limits: Limits = DEFAULT_LIMITS):
        root = Path(__file__).resolve().parents[2]  # the project, where "articles" imports from
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from articles.ingest.extracting import serve; serve()"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._send(([str(f) for f in files], entries, stored, limits))

    def _send(self, message) -> None:
        pickle.dump(message, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.flush()

    def request(self, size: int) -> None:
        self._send(size)

    def receive(self) -> list[Extracted]:
        try:
            return pickle.load(self.process.stdout)
        except EOFError:
            raise RuntimeError(f"the extraction process ended (exit status {self.process.wait()})") from None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.process.stdin.close()
        if exc_info[0] is not None:
            self.process.kill()
        self.process.stdout.close()
        self.process.wait()


def serve() -> None:
    """The worker's side: the files and vocabulary, then one batch per request."""
    requests, responses = sys.stdin.buffer, sys.stdout.buffer
    files, entries, stored, limits = pickle.load(requests)
    extractor = Extractor([Path(f) for f in files], entries, stored, limits)
    while True:
        try:
            size = pickle.load(requests)
        except EOFError:
            return
        try:
            pickle.dump(extractor.batch(size), responses, protocol=pickle.HIGHEST_PROTOCOL)
            responses.flush()
        except BrokenPipeError:  # the loader has gone: nothing left to do
            return
