"""Downloads: everything, a story or a search's articles in the export's shape (JSON, or a zip of one CSV per
key, as ``marsad export``), and the tables a page shows (a story's articles, a search's results) as one CSV.
Every CSV cell a spreadsheet would run as a formula is neutralised (:func:`marsad.export.csv_cell`)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from marsad import export
from marsad.search import Found
from marsad.store import Store

SEARCH_EXPORT_MAX = 1000  # a search's download holds at most this many articles (its best)


def export_records(store: Store, ids: Sequence[str] | None) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """Each key of the export with its records: of every article (``ids`` None), or of these articles only
    (the stories they are in, the entities they name, the copies and reuse between them)."""
    keys = list(dict.fromkeys(export.KEYS))
    if ids is None:
        for key in keys:
            yield key, export.records(store, key)
        return
    wanted = set(ids)
    stories = set(store.stories_of_articles(ids))
    entities = {e for a in ids for e in store.mention_entities(a).values()}
    for key in keys:
        if key == "articles" or key in export.ANNOTATION_KEYS:
            yield key, export.records(store, key, ids)
        else:
            yield key, (r for r in export.records(store, key) if _belongs(key, r, wanted, stories, entities))


def _belongs(key: str, record: Mapping[str, Any], articles: set[str], stories: set[str], entities: set[str]) -> bool:
    if key == "stories":
        return record.get("id") in stories
    if key == "entities":
        return record.get("id") in entities
    if "story" in record:
        return record["story"] in stories
    if "article" in record:
        return record["article"] in articles
    return False


def json_chunks(store: Store, ids: Sequence[str] | None) -> Iterator[str]:
    """The export as JSON, streamed (one snapshot of the store)."""
    with store.snapshot():
        yield "{"
        for k, (key, records) in enumerate(export_records(store, ids)):
            yield f'{"," if k else ""}\n  {json.dumps(key)}: ['
            for n, rec in enumerate(records):
                yield ("," if n else "") + "\n    " + json.dumps(rec, ensure_ascii=False)
            yield "\n  ]"
        yield "\n}\n"


def csv_zip(store: Store, ids: Sequence[str] | None) -> bytes:
    """One CSV per key of the export, zipped."""
    buf = io.BytesIO()
    with store.snapshot(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for key, records in export_records(store, ids):
            z.writestr(f"{key}.csv", table(records, export.fields(key)))
    return buf.getvalue()


def table(records: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Records as one CSV text (the first record's keys as the header unless ``columns`` are given)."""
    out = io.StringIO()
    writer: csv.DictWriter | None = None
    if columns is not None:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
    for rec in records:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(rec), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: export.csv_cell(v) for k, v in rec.items()})
    return out.getvalue()


STORY_COLUMNS = ("story", "event", "event_date", "event_precision", "event_title", "article", "outlet", "published",
                 "title", "url")


def story_table(store: Store, record: Mapping[str, Any]) -> str:
    """A story's timeline as one table: each article with its event (date, precision, title), in date order."""
    events = {e["id"]: e for e in record["events"]}
    heads = store.article_heads_full(a["article"] for a in record["articles"])
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
