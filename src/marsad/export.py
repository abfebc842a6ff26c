"""The documented data interface: JSON (one object keyed by annotation type), CSV (one file per
key), SQL (a dump that loads into a fresh SQLite). Schema: ``docs/export.schema.json``."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from marsad.model import Article
from marsad.store import Store
from marsad.store.schema import ANNOTATIONS

KEYS = ("articles", *ANNOTATIONS)


def article_record(a: Article) -> dict[str, Any]:
    return {
        "id": a.id, "source": a.source, "outlet": a.outlet, "url": a.url, "title": a.title,
        "published": a.published, "published_how": a.published_how,
        "published_window": list(a.published_window) if a.published_window else None,
        "published_evidence": a.published_evidence, "encoding": a.encoding, "text": a.text,
        "removed": [r.record() for r in a.removed],
        "paragraphs": [p.record() for p in a.paragraphs],
    }


def records(store: Store, key: str) -> Iterator[dict[str, Any]]:
    if key == "articles":
        yield from map(article_record, store.articles())
    else:
        yield from store.annotations(key)


def write_json(store: Store, out: TextIO) -> None:
    """Streamed, so memory stays flat however large the database."""
    out.write("{")
    for k, key in enumerate(KEYS):
        out.write(f'{"," if k else ""}\n  {json.dumps(key)}: [')
        for n, rec in enumerate(records(store, key)):
            out.write(("," if n else "") + "\n    " + json.dumps(rec, ensure_ascii=False))
        out.write("\n  ]")
    out.write("\n}\n")


def write_csv(store: Store, out_dir: Path) -> list[Path]:
    """One file per key; nested lists (paragraphs, removed) are JSON in their cell."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for key in KEYS:
        path = out_dir / f"{key}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = None
            for rec in records(store, key):
                row = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                       for k, v in rec.items()}
                if writer is None:
                    writer = csv.DictWriter(f, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
        written.append(path)
    return written


def write_sql(store: Store, out: TextIO) -> None:
    for line in store.dump_sql():
        out.write(line + "\n")
