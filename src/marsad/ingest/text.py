"""Plain text pages, as copied from a site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from marsad.errors import InputRefused
from marsad.ingest.decode import decode
from marsad.model import Article
from marsad.settings import Settings


def read(path: Path, data: bytes | None, settings: Settings) -> Iterator[Article | InputRefused]:
    assert data is not None
    raw, encoding = decode(data)
    yield new_article(path.name, raw, settings, where=str(path), encoding=encoding)


def new_article(source: str, raw: str, settings: Settings, *, where: str, **fields: object) -> Article | InputRefused:
    """The one constructor every reader uses: checks the size bound and the empty case."""
    if not raw.strip():
        return InputRefused(where, "E001")
    if len(raw) > settings.max_article_chars:
        return InputRefused(where, "E011", size=len(raw), limit=settings.max_article_chars)
    return Article(id="", source=source, text="", raw=raw.replace("\r\n", "\n").replace("\r", "\n"), **fields)
