"""The documented data interface: JSON (one object keyed by annotation type), CSV (one file per
key), SQL (a dump that loads into a fresh SQLite). Schema: ``docs/export.schema.json``; the records'
fields are the model's (``marsad.model``). Every export reads one snapshot of the store: a run writing
meanwhile is either wholly in it or not at all."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from marsad.link import exported_keys
from marsad.model import ANNOTATIONS, EXPORTED_FIELDS, annotation_fields, article_record
from marsad.store import Store

LINKED = exported_keys()  # key -> fields, of what the steps across articles give
# the export's key of each annotation: an article's entity mentions are "mentions" (the entities they name,
# one per real-world person, body or place across articles, are "entities")
ANNOTATION_KEYS = {("mentions" if k == "entities" else k): k for k in ANNOTATIONS}
KEYS = ("articles", *ANNOTATION_KEYS, *LINKED)
# a spreadsheet runs a cell that starts with one of these as a formula: such cells get a leading apostrophe
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def fields(key: str) -> list[str]:
    """The fields of a key's records, in order (a CSV's header, written even when it has no rows)."""
    if key == "articles":
        return list(EXPORTED_FIELDS)
    if key in ANNOTATION_KEYS:
        return ["article", *annotation_fields(ANNOTATION_KEYS[key]), *(["speaker_entity"] if key == "quotes" else [])]
    return list(LINKED[key])


def records(store: Store, key: str, ids: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """A key's records: of every article, or (``ids``) of these articles only (for a key of the steps across
    articles, all of them: the caller picks). A quote's speaker points to its entity where it has one."""
    if key == "articles":
        yield from (article_record(a) for a in store.articles(ids=ids, annotations=False))
    elif key in ANNOTATION_KEYS:
        recs = store.annotations(ANNOTATION_KEYS[key], None if ids is None else list(ids))
        if key != "quotes":
            yield from recs
            return
        for rec, entity in store.speaker_entities(recs):
            rec["speaker_entity"] = entity
            yield rec
    else:  # what a step across articles gives
        yield from getattr(store, f"{key}_records")()


def selected(store: Store, ids: Sequence[str] | None = None) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """Each key with its records: of every article (``ids`` None), or of these articles only (the stories they
    are in, the entities they name, the copies and reuse between them)."""
    if ids is None:
        for key in KEYS:
            yield key, records(store, key)
        return
    wanted = set(ids)
    stories = set(store.stories_of_articles(ids))
    entities = store.entities_of_articles(ids)
    for key in KEYS:
        if key == "articles" or key in ANNOTATION_KEYS:
            yield key, records(store, key, ids)
        else:
            yield key, (r for r in records(store, key) if _belongs(key, r, wanted, stories, entities))


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


def json_chunks(store: Store, ids: Sequence[str] | None = None) -> Iterator[str]:
    """The export as JSON text, streamed from one snapshot of the store, so memory stays flat however large
    the database."""
    with store.snapshot():
        yield "{"
        for k, (key, recs) in enumerate(selected(store, ids)):
            yield f'{"," if k else ""}\n  {json.dumps(key)}: ['
            for n, rec in enumerate(recs):
                yield ("," if n else "") + "\n    " + json.dumps(rec, ensure_ascii=False)
            yield "\n  ]"
        yield "\n}\n"


def write_json(store: Store, out: TextIO) -> None:
    out.writelines(json_chunks(store))


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists and objects as JSON; text a spreadsheet would run as a formula
    (``=``, ``+``, ``-``, ``@`` first) behind an apostrophe."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_table(out: TextIO, recs: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> None:
    """Records as CSV: the header ``columns`` (written even with no rows), or the first record's keys; every
    cell through :func:`csv_cell`."""
    writer: csv.DictWriter | None = None
    if columns is not None:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
    for rec in recs:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(rec), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: csv_cell(v) for k, v in rec.items()})


def write_csv(store: Store, out_dir: Path) -> list[Path]:
    """One file per key; nested lists (paragraphs, removed) are JSON in their cell."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with store.snapshot():
        for key, recs in selected(store):
            path = out_dir / f"{key}.csv"
            with path.open("w", encoding="utf-8", newline="") as f:
                write_table(f, recs, fields(key))
            written.append(path)
    return written


def sql_literal(value: Any) -> str:
    """A value as an SQL literal that reads back identical: text with NUL or CR characters is spliced with
    ``char()`` (a dump tool would cut the text at a NUL)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return repr(int(value) if isinstance(value, bool) else value)
    if isinstance(value, bytes):
        return f"X'{value.hex()}'"
    parts = []
    piece: list[str] = []
    for ch in value:
        if ch in "\0\r":
            parts.append("'" + "".join(piece).replace("'", "''") + "'")
            parts.append(f"char({ord(ch)})")
            piece = []
        else:
            piece.append(ch)
    parts.append("'" + "".join(piece).replace("'", "''") + "'")
    return parts[0] if len(parts) == 1 else "(" + " || ".join(p for p in parts if p != "''") + ")"


def write_sql(store: Store, out: TextIO) -> None:
    """The whole database as SQL statements that load into a fresh SQLite."""
    with store.snapshot():
        out.write("BEGIN TRANSACTION;\n")
        for name, statement, columns, rows in store.tables():
            out.write(statement + ";\n")
            names = ", ".join(f'"{c}"' for c in columns)
            for row in rows:
                out.write(f'INSERT INTO "{name}" ({names}) VALUES ({", ".join(map(sql_literal, row))});\n')
        out.write("COMMIT;\n")
