"""Ingest: every source format, one module each, all yielding :class:`~marsad.model.Article`.

``read_paths`` yields an ``Article`` for each record read and an ``InputRefused`` for each
file or record refused, so one bad file never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from marsad.errors import InputRefused, MarsadError
from marsad.ingest import feed, html, jsonl, text, warc
from marsad.ingest.shard import Shard
from marsad.model import Article
from marsad.settings import DEFAULT, Settings

Reader = Callable[..., Iterator[Article | InputRefused]]

# suffix -> (reader, streamed): streamed readers get (path, settings, shard), the others (path, bytes, settings)
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


def read_paths(paths: Iterable[str | Path], settings: Settings = DEFAULT,
               shard: Shard | None = None) -> Iterator[Article | InputRefused]:
    shard = shard or Shard()
    for path in expand(paths):
        yield from read_file(path, settings, shard)


def read_file(path: Path, settings: Settings = DEFAULT, shard: Shard | None = None) -> Iterator[Article | InputRefused]:
    shard = shard or Shard()
    refused = _refusal(path, settings)
    if refused is not None:
        if shard.mine():
            yield refused
        return
    reader, streamed = READERS[suffix_of(path)]
    if not streamed and not shard.mine():
        return
    try:
        yield from reader(path, settings, shard) if streamed else reader(path, path.read_bytes(), settings)
    except MarsadError as e:
        if not streamed or shard.mine():  # every reader of a stream meets its fault: one reports it
            yield InputRefused.at(str(path), e)
    except OSError as e:
        if not streamed or shard.mine():
            yield InputRefused(str(path), "E015", detail=str(e))


def _refusal(path: Path, settings: Settings) -> InputRefused | None:
    """Why the whole file is refused before reading it, if it is."""
    where = str(path)
    if not path.is_file():
        return InputRefused(where, "E012")
    entry = READERS.get(suffix_of(path))
    if entry is None:
        return InputRefused(where, "E005", suffix=suffix_of(path) or path.name)
    size = path.stat().st_size
    if size == 0:
        return InputRefused(where, "E001")
    limit = settings.max_stream_bytes if entry[1] else settings.max_file_bytes
    if size > limit:
        return InputRefused(where, "E002", size=size, limit=limit)
    return None
