"""JSON Lines (one article per line) and JSON files (one article object or a list of them).

Fields: ``text`` or ``html`` (required), optional ``url``, ``title``, ``published``, ``outlet``.
Aliases accepted for common dumps: ``content`` for ``text``, ``source`` for ``outlet``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.errors import InputRefused, MarsadError
from marsad.ingest.decode import decode
from marsad.ingest.html import from_html
from marsad.ingest.shard import Shard
from marsad.ingest.text import new_article
from marsad.model import Article
from marsad.settings import Settings

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def read(path: Path, settings: Settings, shard: Shard) -> Iterator[Article | InputRefused]:
    limit = settings.max_article_chars * 4
    with path.open("rb") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or not shard.mine():
                continue
            where = f"{path}:{n}"
            if len(line) > limit:
                yield InputRefused(where, "E011", size=len(line), limit=limit)
                continue
            try:
                record = json.loads(_text(line))
            except MarsadError as e:
                yield InputRefused.at(where, e)
                continue
            except json.JSONDecodeError as e:
                yield InputRefused(where, "E006", line=n, detail=e.msg)
                continue
            yield from_record(record, path.name, settings, where=where, line=n)


def read_json(path: Path, data: bytes | None, settings: Settings) -> Iterator[Article | InputRefused]:
    assert data is not None
    text, _ = decode(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise MarsadError("E006", line=e.lineno, detail=e.msg) from None
    records = doc if isinstance(doc, list) else [doc]
    if not all(isinstance(r, dict) for r in records):
        raise MarsadError("E013")
    for n, record in enumerate(records, 1):
        yield from_record(record, path.name, settings, where=f"{path}[{n}]", line=n)


def from_record(record: Any, source: str, settings: Settings, *, where: str, line: int) -> Article | InputRefused:
    if not isinstance(record, dict):
        return InputRefused(where, "E007", line=line)
    fields: dict[str, Any] = {
        "url": _str(record.get("url")),
        "title": _str(record.get("title")),
        "outlet": _str(record.get("outlet")) or _str(record.get("source")),
        "encoding": "json",
    }
    published = _DATE.match(_str(record.get("published")) or "")
    if published:
        fields["published"], fields["published_how"] = published.group(1), "given"
    text = _str(record.get("text")) or _str(record.get("content"))
    markup = _str(record.get("html"))
    if text and text.strip():
        return new_article(source, text, settings, where=where, **fields)
    if markup and markup.strip():
        return from_html(markup, source, settings, where=where, **fields)
    return InputRefused(where, "E007", line=line)


def _text(line: bytes) -> str:
    """JSON Lines are UTF-8 by definition; anything else gets the full encoding check and its error."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode(line)[0]


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
