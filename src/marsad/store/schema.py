"""Schema as numbered migrations; each applied one is recorded in ``schema_migrations``."""

from __future__ import annotations

import dataclasses

from marsad.model import Figure, Mention, Quote, TimeExpression

# annotation key (export key and table name) -> record type; columns follow the dataclass fields
ANNOTATIONS = {"entities": Mention, "quotes": Quote, "times": TimeExpression, "figures": Figure}


def annotation_columns(key: str) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(ANNOTATIONS[key]))


def _annotation_tables() -> str:
    out = []
    for key in ANNOTATIONS:
        cols = ", ".join(f'"{c}"' for c in annotation_columns(key))
        out.append(f'CREATE TABLE {key} (article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, '
                   f'idx INTEGER NOT NULL, {cols}, PRIMARY KEY (article, idx))')
    return ";\n".join(out) + ";"

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "articles, paragraphs, removed", """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    published_how TEXT,
    encoding TEXT,
    text TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE paragraphs (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    platform TEXT, author TEXT, handle TEXT, date TEXT,
    PRIMARY KEY (article, idx)
);
CREATE TABLE removed (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (article, idx)
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
"""),
    (2, "per-article analysis: entities, quotes, times, figures; inferred publication dates", """
ALTER TABLE articles ADD COLUMN published_window TEXT;
ALTER TABLE articles ADD COLUMN published_evidence TEXT;
""" + _annotation_tables()),
]
