"""HTML pages as saved from a browser: the main text via trafilatura, what the page says of it from its markup."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from marsad.errors import InputRefused
from marsad.ingest.decode import decode, sniff_declared
from marsad.ingest.pagemeta import read_page
from marsad.ingest.text import new_article
from marsad.model import Article
from marsad.settings import Settings

# trafilatura logs every unparsable page at ERROR; we report refusals ourselves
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_BLOCKS = "p,h1,h2,h3,h4,li,blockquote,figcaption,div,td,br"
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# kept when a page is flattened: what says where the text and its metadata are; every other tag goes (a
# block one leaves a line break)
_FLAT_KEEP = frozenset("html head body title meta script style noscript p br h1 h2 h3 h4 h5 h6".split())
_FLAT_BLOCKS = frozenset("div section article li ul ol table tr td th tbody thead blockquote header footer nav "
                         "aside figure figcaption main form pre dl dt dd center".split())


def read(path: Path, data: bytes, settings: Settings, where: str, source: str) -> Iterator[Article | InputRefused]:
    decoded = decode(data, declared=sniff_declared(data))
    yield from_html(decoded.text, source, settings, where=where, encoding=decoded.encoding,
                    warnings=decoded.warnings)


def from_html(markup: str, source: str, settings: Settings, *, where: str, url: str | None = None,
              warnings: list[str] | None = None, **fields: object) -> Article | InputRefused:
    """One page: trafilatura finds the main text (a plain text rendering of the body is the fallback when it
    finds nothing); the page's markup gives the headline, the site's name, the article's own date and the
    standfirst, and drops the main text's lines it shows are furniture (:mod:`marsad.ingest.pagemeta`). What
    came with the page (a JSON record's title, outlet or date) is kept over what the page says."""
    if len(markup) > settings.max_article_chars * 4:
        return InputRefused(where, "E011", size=len(markup), limit=settings.max_article_chars * 4)
    if nesting(markup) > settings.max_html_depth:
        markup = flatten(markup)
    doc = trafilatura.bare_extraction(markup, url=url, with_metadata=False, include_comments=False,
                                      include_tables=True, include_images=False)
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    main = [line for line in (meta.get("text") or _plain_text(markup)).split("\n") if line.strip()]
    page = read_page(markup, main, settings, url)
    lines = [line for i, line in enumerate(main) if i not in page.furniture]
    at = sum(1 for i in range(page.lead_at) if i not in page.furniture)
    text = "\n".join(lines[:at] + page.lead + lines[at:])
    if not fields.get("title") and page.title:
        fields["title"], fields["title_how"] = page.title, "metadata"
    fields["outlet"] = fields.get("outlet") or page.outlet
    if page.published and not fields.get("published"):
        fields["published"], fields["published_how"] = page.published, page.published_how
    return new_article(source, text, settings, where=where, url=url, warnings=warnings or [],
                       code_if_empty="E017", **fields)


def nesting(markup: str) -> int:
    """How deep the page's elements nest (void elements and self-closed tags aside), read in one pass over
    its tags: parsers slow down badly past a few thousand levels."""
    depth = deepest = 0
    for m in _TAG.finditer(markup):
        closing, name, self_closing = m.groups()
        if name.lower() in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def flatten(markup: str) -> str:
    """A page nested beyond reason, its containers dropped (a block one becomes a line break): the text,
    paragraphs, headings and metadata stay, the nesting goes."""
    def keep(m: re.Match[str]) -> str:
        name = m.group(2).lower()
        if name in _FLAT_KEEP:
            return m.group()
        return "\n" if name in _FLAT_BLOCKS else ""
    return _TAG.sub(keep, markup)


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
