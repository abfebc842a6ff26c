"""HTML pages as saved from a browser: main text and metadata via trafilatura."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from marsad.errors import InputRefused
from marsad.ingest.decode import decode, sniff_declared
from marsad.ingest.text import new_article
from marsad.model import Article
from marsad.settings import Settings

# trafilatura logs every unparsable page at ERROR; we report refusals ourselves
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BLOCKS = "p,h1,h2,h3,h4,li,blockquote,figcaption,div,td,br"


def read(path: Path, data: bytes | None, settings: Settings) -> Iterator[Article | InputRefused]:
    assert data is not None
    markup, encoding = decode(data, declared=sniff_declared(data))
    yield from_html(markup, path.name, settings, where=str(path), encoding=encoding)


def from_html(markup: str, source: str, settings: Settings, *, where: str, url: str | None = None,
              **fields: object) -> Article | InputRefused:
    """One page: trafilatura finds the main text, title, date and site name; a plain text
    rendering of the body is the fallback when it finds nothing."""
    if len(markup) > settings.max_article_chars * 4:
        return InputRefused(where, "E011", size=len(markup), limit=settings.max_article_chars * 4)
    doc = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False)
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = meta.get("text") or _plain_text(markup)
    date = meta.get("date")
    fields["title"] = fields.get("title") or meta.get("title")
    fields["outlet"] = fields.get("outlet") or meta.get("sitename")
    if date and _DATE.match(date) and not fields.get("published"):
        fields["published"], fields["published_how"] = date[:10], "metadata"
    return new_article(source, text or "", settings, where=where, url=url, **fields)


def _plain_text(markup: str) -> str:
    tree = HTMLParser(markup)
    for node in tree.css("script,style,noscript,nav,header,footer,aside,form,iframe,svg"):
        node.decompose()
    body = tree.body or tree.root
    if body is None:
        return ""
    for node in body.css(_BLOCKS):
        node.insert_after("\n")
    return "\n".join(line.strip() for line in body.text(separator="").splitlines() if line.strip())
