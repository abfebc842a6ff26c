"""Downloads: everything, a story or a search's articles in the export's shape (JSON, or a zip of one CSV per
key, as ``marsad export``), and the tables a page shows (a story's articles, a search's results) as one CSV.
Every CSV cell a spreadsheet would run as a formula is neutralised (:func:`marsad.export.csv_cell`)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from marsad import export
from marsad.search import Found
from marsad.store import Store

SEARCH_EXPORT_MAX = 1000  # a search's download holds at most this many articles (its best)


def csv_zip(store: Store, ids: Sequence[str] | None) -> bytes:
    """One CSV per key of the export, zipped."""
    buf = io.BytesIO()
    with store.snapshot(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for key, recs in export.selected(store, ids):
            z.writestr(f"{key}.csv", table(recs, export.fields(key)))
    return buf.getvalue()


def table(recs: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Records as one CSV text (:func:`marsad.export.write_table`)."""
    out = io.StringIO()
    export.write_table(out, recs, columns)
    return out.getvalue()


STORY_COLUMNS = ("story", "event", "event_date", "event_precision", "event_title", "article", "outlet", "published",
                 "title", "url")


def story_table(store: Store, record: Mapping[str, Any]) -> str:
    """A story's timeline as one table: each article with its event (date, precision, title), in date order."""
    events = {e["id"]: e for e in record["events"]}
    heads = store.article_heads(a["article"] for a in record["articles"])
    rows = []
    for a in record["articles"]:
        e = events.get(a["event"], {})
        head = heads.get(a["article"], {})
        rows.append({"story": record["id"], "event": a["event"], "event_date": e.get("date"),
                     "event_precision": e.get("precision"), "event_title": e.get("title"), "article": a["article"],
                     "outlet": a["outlet"], "published": a["published"], "title": head.get("title"),
                     "url": head.get("url")})
    return table(rows, STORY_COLUMNS)


SEARCH_COLUMNS = ("rank", "article", "score", "title", "outlet", "published", "url", "snippet", "highlights")


def search_table(found: Found, offset: int = 0) -> str:
    """A search's results as one table: rank, article, score, head and the first snippet (or quote) with its
    highlights' offsets into the article's text."""
    rows = []
    for k, r in enumerate(found.results, offset + 1):
        first = (r.quotes or r.snippets or [{}])[0]
        rows.append({"rank": k, "article": r.article, "score": round(r.score, 4), "title": r.title,
                     "outlet": r.outlet, "published": r.published, "url": r.url, "snippet": first.get("text"),
                     "highlights": first.get("highlights", [])})
    return table(rows, SEARCH_COLUMNS)
