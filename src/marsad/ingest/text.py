"""Plain text pages, as copied from a site; and the one constructor every reader uses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from marsad.errors import InputRefused, warning
from marsad.ids import article_id
from marsad.ingest.decode import decode
from marsad.model import Article
from marsad.settings import Settings

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?!\d)")


def read(path: Path, data: bytes, settings: Settings, where: str, source: str) -> Iterator[Article | InputRefused]:
    decoded = decode(data)
    yield new_article(source, decoded.text, settings, where=where, encoding=decoded.encoding,
                      warnings=decoded.warnings)


def new_article(source: str, raw: str, settings: Settings, *, where: str, warnings: Sequence[str] = (),
                code_if_empty: str = "E001", **fields: object) -> Article | InputRefused:
    """An article read, with its id: checks the size bound and the empty case, and warns of a line too long
    to be cleaned well (W005)."""
    if not raw.strip():
        return InputRefused(where, code_if_empty)
    if len(raw) > settings.max_article_chars:
        return InputRefused(where, "E011", size=len(raw), limit=settings.max_article_chars)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    longest = max(map(len, raw.split("\n"))) if len(raw) > settings.long_line_chars else 0
    if longest > settings.long_line_chars:
        warnings = [*warnings, warning("W005", n=longest)]
    url, outlet = fields.get("url"), fields.get("outlet")
    return Article(id=article_id(raw, url if isinstance(url, str) else None,
                                 outlet if isinstance(outlet, str) else None),
                   source=source, text="", raw=raw, warnings=list(warnings), **fields)  # type: ignore[arg-type]


def given_date(value: object) -> tuple[str | None, str | None]:
    """A publication date given with an article (a JSON field, a feed's, a page's metadata): its day as
    ``YYYY-MM-DD`` if it is a real date, else None and the warning that says why it was ignored."""
    if value is None or value == "":
        return None, None
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value[:10]).isoformat(), None
        except ValueError:
            pass
    return None, warning("W003", field="published", detail=f"{str(value)[:40]!r} is not a date")
