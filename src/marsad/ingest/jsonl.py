"""JSON Lines (one article per line) and JSON files (one article object or a list of them).

Fields: ``text`` or ``html`` (required), optional ``url``, ``title``, ``published``, ``outlet``.
Aliases accepted for common dumps: ``content`` for ``text``, ``source`` for ``outlet``. A bad optional
field is dropped with a warning; the article is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.errors import InputRefused, MarsadError, warning
from marsad.ingest.decode import decode, mend_surrogates
from marsad.ingest.html import from_html
from marsad.ingest.shard import Shard
from marsad.ingest.text import given_date, new_article
from marsad.model import Article
from marsad.settings import Settings

# JSON deeper than this is refused before parsing (Python's parser would overflow its stack further on)
MAX_JSON_DEPTH = 200
OPTIONAL = ("url", "title", "outlet", "source")


def read(path: Path, settings: Settings, shard: Shard, where: str, source: str) -> Iterator[Article | InputRefused]:
    limit = settings.max_article_chars * 4
    with path.open("rb") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or not shard.mine():
                continue
            at = f"{where}:{n}"
            if len(line) > limit:
                yield InputRefused(at, "E011", size=len(line), limit=limit)
                continue
            try:
                text, found = _text(line)
                record = loads(text, line=n)
            except MarsadError as e:
                yield InputRefused.at(at, e)
                continue
            yield from_record(record, f"{source}:{n}", settings, where=at, line=n, warnings=found)


def read_json(path: Path, data: bytes, settings: Settings, where: str, source: str
              ) -> Iterator[Article | InputRefused]:
    decoded = decode(data)
    doc = loads(decoded.text, line=1)
    records = doc if isinstance(doc, list) else [doc]
    if not records or not all(isinstance(r, dict) for r in records):
        raise MarsadError("E013")
    for n, record in enumerate(records, 1):
        yield from_record(record, f"{source}[{n}]" if isinstance(doc, list) else source, settings,
                          where=f"{where}[{n}]", line=n, warnings=decoded.warnings)


def loads(text: str, *, line: int) -> Any:
    """Parsed JSON; E006 for malformed JSON, E021 for JSON nested too deep to parse safely."""
    if _depth(text) > MAX_JSON_DEPTH:
        raise MarsadError("E021", limit=MAX_JSON_DEPTH)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise MarsadError("E006", line=e.lineno if line == 1 else line, detail=f"{e.msg}, column {e.colno}") from None
    except RecursionError:
        raise MarsadError("E021", limit=MAX_JSON_DEPTH) from None


def _depth(text: str) -> int:
    """An upper bound of how deep brackets nest (brackets inside strings counted too)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return 0
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def from_record(record: Any, source: str, settings: Settings, *, where: str, line: int,
                warnings: list[str] | None = None) -> Article | InputRefused:
    if not isinstance(record, dict):
        return InputRefused(where, "E007", line=line)
    found = list(warnings or [])
    values = {name: _field(record, name, found) for name in (*OPTIONAL, "text", "content", "html")}
    fields: dict[str, Any] = {"url": values["url"], "outlet": values["outlet"] or values["source"], "encoding": "json"}
    if values["title"]:
        fields["title"], fields["title_how"] = values["title"], "given"
    published, problem = given_date(record.get("published"))
    if published:
        fields["published"], fields["published_how"] = published, "given"
    if problem:
        found.append(problem)
    text = values["text"] or values["content"]
    markup = values["html"]
    if text and text.strip():
        return new_article(source, text, settings, where=where, warnings=found, **fields)
    if markup and markup.strip():
        return from_html(markup, source, settings, where=where, warnings=found, **fields)
    return InputRefused(where, "E007", line=line)


def _field(record: dict[str, Any], name: str, warnings: list[str]) -> str | None:
    """A string field, its unpaired surrogates replaced; a field of another type is dropped with a warning."""
    value = record.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        warnings.append(warning("W003", field=name, detail=f"a {type(value).__name__}, not a string"))
        return None
    value, n = mend_surrogates(value)
    if n:
        warnings.append(warning("W004", n=n, field=name))
    return value


def _text(line: bytes) -> tuple[str, list[str]]:
    """JSON Lines are UTF-8 by definition; anything else gets the full encoding check, its warnings and
    its error."""
    try:
        return line.decode("utf-8"), []
    except UnicodeDecodeError:
        decoded = decode(line)
        return decoded.text, decoded.warnings
