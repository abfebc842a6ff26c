"""Ingest: every source format, one module each, all yielding :class:`~marsad.model.Article`.

``read_paths`` yields an ``Article`` for each record read and an ``InputRefused`` for each
file or record refused, so one bad file never stops the others: nothing is skipped silently
(an unreadable directory, a dangling link, a file of an unknown type each get their line).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from marsad.errors import InputRefused, MarsadError
from marsad.ingest import feed, html, jsonl, text, warc
from marsad.ingest.shard import Shard
from marsad.model import Article
from marsad.settings import DEFAULT, Settings

Reader = Callable[..., Iterator[Article | InputRefused]]

# suffix -> (reader, streamed): streamed readers get (path, settings, shard, where, source), the others
# (path, bytes, settings, where, source)
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


def shown(path: str | os.PathLike[str]) -> str:
    """A path as it may be printed and stored: bytes that were not UTF-8 as ``\\xff``, control characters
    (a newline, a terminal's escape codes) as ``\\n``, ``\\x1b``; everything else as it is."""
    out = []
    for ch in os.fspath(path):
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF:
            out.append(repr(ch)[1:-1] if code < 0xD800 else f"\\u{code:04x}")
        elif ch == "\\":
            out.append("\\\\")
        else:
            out.append(ch)
    return "".join(out)


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def expand(paths: Iterable[str | Path], skip: frozenset[Path] = frozenset()) -> Iterator[Path | InputRefused]:
    """Files named, and files under directories named (sorted, hidden ones and those in ``skip`` left out: the
    database being written); a directory that cannot be read and a link that leads nowhere are refusals,
    never skipped in silence."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from (f for f in _walk(p) if not isinstance(f, Path) or f.absolute() not in skip)
        else:
            yield p


def _walk(top: Path) -> Iterator[Path | InputRefused]:
    problems: list[InputRefused] = []

    def unreadable(e: OSError) -> None:
        problems.append(InputRefused(shown(e.filename or top), "E025", detail=e.strerror or str(e)))

    found: list[Path] = []
    for folder, dirs, files in os.walk(top, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder, f) for f in files if not f.startswith(".")]
    yield from sorted(found)
    yield from problems


def read_paths(paths: Iterable[str | Path], settings: Settings = DEFAULT, shard: Shard | None = None,
               skip: frozenset[Path] = frozenset()) -> Iterator[Article | InputRefused]:
    shard = shard or Shard()
    for path in expand(paths, skip):
        if isinstance(path, InputRefused):
            if shard.mine():
                yield path
            continue
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
    where, source = shown(path), shown(path.name)
    try:
        if streamed:
            yield from reader(path, settings, shard, where, source)
        else:
            yield from reader(path, path.read_bytes(), settings, where, source)
    except MarsadError as e:
        if not streamed or shard.mine():  # every reader of a stream meets its fault: one reports it
            yield InputRefused.at(where, e)
    except OSError as e:
        if not streamed or shard.mine():
            yield InputRefused(where, "E015", detail=e.strerror or str(e))


def _refusal(path: Path, settings: Settings) -> InputRefused | None:
    """Why the whole file is refused before reading it, if it is."""
    where = shown(path)
    if not path.is_file():
        if path.is_symlink():
            return InputRefused(where, "E024", target=shown(os.readlink(path)))
        return InputRefused(where, "E012")
    entry = READERS.get(suffix_of(path))
    if entry is None:
        return InputRefused(where, "E005", suffix=suffix_of(path) or shown(path.name), expected=", ".join(READERS))
    size = path.stat().st_size
    if size == 0:
        return InputRefused(where, "E001")
    limit = settings.max_stream_bytes if entry[1] else settings.max_file_bytes
    if size > limit:
        return InputRefused(where, "E002", size=size, limit=limit)
    return None
