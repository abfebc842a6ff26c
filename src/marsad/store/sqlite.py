"""SQLite store: one file, migrations in code and recorded in the database, idempotent writes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from marsad.errors import MarsadError
from marsad.model import Article, Paragraph, Removed
from marsad.store.schema import ANNOTATIONS, MIGRATIONS, annotation_columns

_PLAIN_COLUMNS = ("id", "source", "outlet", "url", "title", "published", "published_how", "encoding", "text",
                  "published_evidence")
ARTICLE_COLUMNS = (*_PLAIN_COLUMNS, "published_window", "paragraphs", "removed")  # the last three hold JSON
BUSY_TIMEOUT_S = 300


def _quoted(columns: tuple[str, ...]) -> str:
    """Column names as SQL identifiers (they come from our dataclasses, never from input)."""
    return ", ".join(f'"{c}"' for c in columns)


_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # one encoder, not one per call
_plain = attrgetter(*_PLAIN_COLUMNS)
_string = json.encoder.encode_basestring  # a JSON string, as _json writes it
_name = cache(_string)  # a reason or a kind: a few names, each quoted once


def _removed_json(r: Removed) -> str:
    """One removed line as JSON (``Removed.record``), written directly."""
    return f'{{"text":{_string(r.text)},"reason":{_name(r.reason)}}}'


def _paragraph_json(p: Paragraph) -> str:
    """One paragraph as JSON (``Paragraph.record``), written directly unless it carries a post."""
    if p.kind == "embedded_post":
        return _json(p.record())
    return f'{{"start":{p.start},"end":{p.end},"kind":{_name(p.kind)}}}'


def _article_row(a: Article) -> tuple[Any, ...]:
    return (*_plain(a), _json(list(a.published_window)) if a.published_window else None,
            f"[{','.join(map(_paragraph_json, a.paragraphs))}]",
            f"[{','.join(map(_removed_json, a.removed))}]")


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        # several worker processes may write to one file: a writer waits its turn instead of failing
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # schema
    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                        "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))")
        done = {v for (v,) in self.db.execute("SELECT version FROM schema_migrations")}
        known = max(v for v, _, _ in MIGRATIONS)
        if done and max(done) > known:
            raise MarsadError("E014", path=self.path, found=max(done), known=known)
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            self.db.execute("BEGIN")
            try:
                for statement in filter(str.strip, sql.split(";")):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        return self.db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]

    # writes
    def add(self, articles: Iterable[Article]) -> tuple[list[Article], list[Article]]:
        """Store a batch in one transaction. Returns (added, already present); nothing is written twice.

        Ids already stored (or repeated within the batch) are found first, then each table gets one
        ``executemany`` for the whole batch: a few round trips per batch, not several per article."""
        batch = list(articles)
        added: list[Article] = []
        present: list[Article] = []
        self.db.execute("BEGIN IMMEDIATE")
        try:
            seen = self._stored({a.id for a in batch})
            for a in batch:
                (present if a.id in seen else added).append(a)
                seen.add(a.id)
            self.db.executemany(f"INSERT INTO articles ({_quoted(ARTICLE_COLUMNS)}) "
                                f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})", map(_article_row, added))
            for key in ANNOTATIONS:
                cols = annotation_columns(key)
                self.db.executemany(
                    f"INSERT INTO {key} (article, idx, {_quoted(cols)}) VALUES (?, ?, {', '.join('?' * len(cols))})",
                    [(a.id, i, *(getattr(r, c) for c in cols)) for a in added for i, r in enumerate(getattr(a, key))])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return added, present

    def _stored(self, ids: set[str]) -> set[str]:
        """Which of these ids are stored already (queried in chunks under SQLite's parameter limit)."""
        found: set[str] = set()
        todo = sorted(ids)
        for k in range(0, len(todo), 500):
            chunk = todo[k:k + 500]
            found.update(i for (i,) in self.db.execute(
                f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    # reads
    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def ids(self) -> set[str]:
        return {i for (i,) in self.db.execute("SELECT id FROM articles")}

    def articles(self) -> Iterator[Article]:
        """Every stored article with its paragraphs and removals, in id order, streamed."""
        cur = self.db.cursor()
        cur.execute(f"SELECT {_quoted(ARTICLE_COLUMNS)} FROM articles ORDER BY id")
        for row in cur:
            a = Article(**dict(zip(ARTICLE_COLUMNS, row, strict=True)))
            a.published_window = tuple(json.loads(a.published_window)) if a.published_window else None
            a.paragraphs = [Paragraph(**p) for p in json.loads(a.paragraphs)]
            a.removed = [Removed(**r) for r in json.loads(a.removed)]
            yield a

    def annotations(self, key: str) -> Iterator[dict[str, Any]]:
        """Records of one annotation type, each with its article id, in article and reading order."""
        cols = annotation_columns(key)
        cur = self.db.cursor()
        cur.execute(f"SELECT article, {_quoted(cols)} FROM {key} ORDER BY article, idx")
        flags = [c for c in cols if ANNOTATIONS[key].__dataclass_fields__[c].type in ("bool", bool)]
        for row in cur:
            rec = {"article": row[0], **dict(zip(cols, row[1:], strict=True))}
            for c in flags:
                rec[c] = bool(rec[c])
            yield rec

    def dump_sql(self) -> Iterator[str]:
        yield from self.db.iterdump()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params).fetchall()
