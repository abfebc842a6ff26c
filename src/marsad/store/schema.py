"""Schema as numbered migrations; each applied one is recorded in ``schema_migrations``."""

from __future__ import annotations

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
]
