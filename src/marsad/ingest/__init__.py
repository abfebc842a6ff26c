"""Ingest: every source format, one module each, all yielding :class:`~marsad.model.Article`.

``read_paths`` yields an ``Article`` for each record read and an ``InputRefused`` for each
file or record refused, so one bad file never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from marsad.errors import InputRefused, MarsadError
from marsad.ingest import feed, html, jsonl, text, warc
from marsad.model import Article
from marsad.settings import DEFAULT, Settings

Reader = Callable[[Path, bytes | None, Settings], Iterator[Article | InputRefused]]

# suffix -> (reader, streamed): streamed readers get the path, the others the file's bytes
READERS: dict[str, tuple[Reader, bool]] = {
    ".txt": (text.read, False),
    ".html": (html.read, False),
    ".htm": (html.read, False),
    ".json": (jsonl.read_json, False),
    ".jsonl": (jsonl.read, True),
    ".ndjson": (jsonl.read, True),
    ".xml": (feed.read, False),
    ".rss": (feed.read, False),
    ".atom": (feed.read, False),
    ".warc": (warc.read, True),
    ".warc.gz": (warc.read, True),
}


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under directories named (sorted, hidden ones skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*")
                              if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            yield p


def read_paths(paths: Iterable[str | Path], settings: Settings = DEFAULT) -> Iterator[Article | InputRefused]:
    for path in expand(paths):
        yield from read_file(path, settings)


def read_file(path: Path, settings: Settings = DEFAULT) -> Iterator[Article | InputRefused]:
    where = str(path)
    if not path.is_file():
        yield InputRefused(where, "E012")
        return
    entry = READERS.get(suffix_of(path))
    if entry is None:
        yield InputRefused(where, "E005", suffix=suffix_of(path) or path.name)
        return
    reader, streamed = entry
    size = path.stat().st_size
    limit = settings.max_stream_bytes if streamed else settings.max_file_bytes
    if size == 0:
        yield InputRefused(where, "E001")
        return
    if size > limit:
        yield InputRefused(where, "E002", size=size, limit=limit)
        return
    try:
        yield from reader(path, None if streamed else path.read_bytes(), settings)
    except MarsadError as e:
        yield InputRefused.at(where, e)
    except OSError as e:
        yield InputRefused(where, "E015", detail=str(e))
