"""RSS and Atom feed files, parsed by feedparser (which never touches the network for bytes)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from marsad.errors import InputRefused, MarsadError
from marsad.ingest.html import from_html
from marsad.model import Article
from marsad.settings import Settings


def read(path: Path, data: bytes, settings: Settings, where: str, source: str) -> Iterator[Article | InputRefused]:
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        raise MarsadError("E008", detail=detail[:200])
    outlet = parsed.feed.get("title") or None
    entries = [(n, e) for n, e in enumerate(parsed.entries, 1)
               if (e.get("content") or [{}])[0].get("value") or e.get("summary")]
    if not entries:
        detail = str(parsed.get("bozo_exception") or "no entry has any content")
        raise MarsadError("E008", detail=detail[:200])
    for n, entry in entries:
        markup = (entry.get("content") or [{}])[0].get("value") or entry.get("summary")
        fields: dict[str, Any] = {"outlet": outlet, "encoding": parsed.get("encoding")}
        if entry.get("title"):
            fields["title"], fields["title_how"] = entry["title"], "given"
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            fields["published"], fields["published_how"] = time.strftime("%Y-%m-%d", stamp), "given"
        url = entry.get("link") or None
        yield from_html(markup, f"{source}[{n}]", settings, where=f"{where}[{n}]", url=url, **fields)
