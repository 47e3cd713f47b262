"""A policy-archive/1 file as import reads it, one record at a time, so memory does not grow
with the file.

A file is read several times over (``ijson``, a streaming parser): once for its shape (the
format, the sections, how deep it nests), then a section at a time. The export writes its
sections in key order, articles first, yet articles name speakers and directives, so no
single pass could check or restore them in order.
"""

from collections.abc import Iterator
from pathlib import Path

import ijson

FORMAT = "policy-archive/1"
SECTIONS = ("articles", "directives", "links", "speakers")
# The export nests six levels deep (the archive, articles, an article, its statements, a
# statement, its directives); anything much deeper is not an export.
MAX_DEPTH = 8


class ArchiveError(Exception):
    """The file cannot be imported; ``problems`` are lines a person reads, one per record."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


class FileSource:
    """The sections of an archive file, read a record at a time."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def _open(self):
        try:
            return open(self.path, "rb")
        except OSError as exc:
            raise ArchiveError(f"cannot read: {exc.strerror or exc}") from None

    def check_shape(self) -> None:
        """The format, the sections, and no nesting past MAX_DEPTH, from the parser's events
        alone: a deeply nested value is refused before it is built. (Events without their
        path: ijson's paths grow with the depth, and a file nested a million deep would make
        each of its million events carry one.)"""
        depth, key, index, found_format = 0, None, -1, None
        with self._open() as f:
            try:
                for event, value in ijson.basic_parse(f):
                    if depth == 1 and key in SECTIONS and event not in ("start_array", "map_key", "end_map"):
                        raise ArchiveError(f"{key}: expected a list")
                    if event in ("start_map", "start_array"):
                        depth += 1
                        if depth == 3:
                            index += 1
                        if depth > MAX_DEPTH:
                            where = f"{key}[{index}]" if key in SECTIONS and index >= 0 else (key or "the archive")
                            raise ArchiveError(f"{where}: nested deeper than {MAX_DEPTH} levels")
                    elif event in ("end_map", "end_array"):
                        depth -= 1
                    elif event == "map_key" and depth == 1:
                        key, index = value, -1
                    elif depth == 1 and key == "format" and event == "string":
                        found_format = value
            except ijson.JSONError as exc:
                raise ArchiveError(f"not valid JSON: {str(exc).splitlines()[0][:200]}") from None
        if found_format != FORMAT:
            raise ArchiveError(f"not a {FORMAT} archive")

    def records(self, section: str) -> Iterator[dict]:
        with self._open() as f:
            try:
                yield from ijson.items(f, f"{section}.item", use_float=True)
            except ijson.JSONError as exc:
                raise ArchiveError(f"not valid JSON: {str(exc).splitlines()[0][:200]}") from None


class DataSource:
    """An archive already in memory (a dict as ``export_archive`` returns it)."""

    def __init__(self, data):
        self.data = data

    def check_shape(self) -> None:
        if not isinstance(self.data, dict) or self.data.get("format") != FORMAT:
            raise ArchiveError(f"not a {FORMAT} archive")
        for section in SECTIONS:
            if not isinstance(self.data.get(section, []), list):
                raise ArchiveError(f"{section}: expected a list")

    def records(self, section: str) -> Iterator[dict]:
        yield from self.data.get(section, [])


def source_of(data) -> "FileSource | DataSource":
    return FileSource(data) if isinstance(data, (str, Path)) else DataSource(data)
