"""SQLite store: one file, migrations in code and recorded in the database, idempotent writes, whole
articles read back, read-only opens and consistent snapshots for readers."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

from marsad.clean.furniture import SiteFurniture, learned
from marsad.errors import MarsadError
from marsad.model import ANNOTATIONS, ARTICLE_FIELDS, Article, annotation_fields, article_from_record, article_record
from marsad.settings import Settings
from marsad.store.copies import CopyTables
from marsad.store.entities import EntityTables
from marsad.store.links import LinkTables
from marsad.store.reads import ServeTables
from marsad.store.schema import MIGRATIONS
from marsad.store.sql import chunks, encode, marks

BUSY_TIMEOUT_S = 300
WAL_ATTEMPTS = 40  # tries at switching a new database to write-ahead logging while another holds it

# article fields held as JSON text in their column: lists, dicts and the window pair
JSON_FIELDS = frozenset(f.name for f in fields(Article)
                        if f.name in ARTICLE_FIELDS and (f.default_factory is not MISSING or "tuple" in str(f.type)))


def _literal(value: str | int) -> str:
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


def _quoted(columns: Iterable[str]) -> str:
    """Column names as SQL identifiers (they come from our dataclasses, never from input)."""
    return ", ".join(f'"{c}"' for c in columns)


def _row(a: Article) -> list[Any]:
    rec = article_record(a, ARTICLE_FIELDS)
    return [encode(rec[c]) if c in JSON_FIELDS and rec[c] is not None else rec[c] for c in ARTICLE_FIELDS]


def _annotation_rows(key: str, articles: list[Article]) -> list[tuple[Any, ...]]:
    cols = annotation_fields(key)
    return [(a.id, i, *(getattr(r, c) for c in cols)) for a in articles for i, r in enumerate(getattr(a, key))]


class Store(CopyTables, EntityTables, LinkTables, ServeTables):
    """The only way to the database. ``readonly`` opens for readers (servers, exports): no migration, no
    pragma, no write; the database must already be at this marsad's schema."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._writing = False
        if readonly:
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S)
        else:
            # several worker processes may write to one file: a writer waits its turn instead of failing
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
        try:
            self._open()
        except BaseException:
            self.db.close()
            raise

    def _open(self) -> None:
        self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # not a database: fails here, once
        if self.readonly:
            self._check_version(self._applied())
            return
        self.db.execute("PRAGMA foreign_keys = ON")
        self._wal()
        self.db.execute("PRAGMA synchronous = NORMAL")
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # schema
    def _applied(self) -> set[int]:
        exists = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        if exists.fetchone() is None:
            return set()
        return {v for (v,) in self.db.execute("SELECT version FROM schema_migrations")}

    def _check_version(self, done: set[int]) -> None:
        known = max(v for v, _, _ in MIGRATIONS)
        if done and max(done) > known:
            raise MarsadError("E014", path=self.path, found=max(done), known=known)
        if self.readonly and (not done or max(done) < known):
            raise MarsadError("E018", path=self.path, found=max(done, default=0), known=known)

    def _migrate(self) -> None:
        """Every migration not yet applied, each in one transaction that holds the write lock, so that
        processes opening a new database at the same moment apply each exactly once."""
        self._check_version(self._applied())
        pending = [m for m in MIGRATIONS if m[0] not in self._applied()]
        if not pending:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
                            "NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))")
            done = self._applied()  # again, under the lock: another process may have migrated meanwhile
            self._check_version(done)
            for version, name, sql in MIGRATIONS:
                if version in done:
                    continue
                for statement in filter(str.strip, sql.split(";")):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _wal(self) -> None:
        """Write-ahead logging (readers never block the writer). Switching needs the file to itself: when
        another process holds it (opening the same new database at the same moment), wait and try again."""
        for attempt in range(WAL_ATTEMPTS):
            try:
                if self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal":
                    return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or attempt == WAL_ATTEMPTS - 1:
                    raise
            time.sleep(0.05 * (attempt + 1))

    def schema_version(self) -> int:
        return self.db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]

    # writes
    def add(self, articles: Iterable[Article], prints: Mapping[str, Mapping[str, str]] | None = None
            ) -> tuple[list[Article], list[Article]]:
        """Store new articles in one transaction. Returns (added, already present): an id already stored, or
        repeated within the batch, is never written twice. ``prints``: the fingerprints of each article's
        short lines, counted per outlet for the site furniture learned (:mod:`marsad.clean.furniture`)."""
        batch = list(articles)
        added: list[Article] = []
        present: list[Article] = []
        with self._transaction():
            seen = set(self.versions([a.id for a in batch]))
            for a in batch:
                (present if a.id in seen else added).append(a)
                seen.add(a.id)
            seq = self.last_seq()
            marks = ", ".join("?" * len(ARTICLE_FIELDS))
            self.db.executemany(f"INSERT INTO articles ({_quoted(ARTICLE_FIELDS)}, seq) VALUES ({marks}, ?)",
                                [(*_row(a), seq + n) for n, a in enumerate(added, 1)])
            self._insert_annotations(added)
            if prints:
                self._count_prints([a for a in added if a.outlet and a.id in prints], prints)
        return added, present

    def _count_prints(self, articles: list[Article], prints: Mapping[str, Mapping[str, str]]) -> None:
        self.db.executemany("INSERT INTO page_prints (article, outlet, prints) VALUES (?, ?, ?)",
                            [(a.id, a.outlet, encode(sorted(prints[a.id]))) for a in articles])
        self.db.executemany("INSERT INTO outlet_lines (outlet, print, line, articles) VALUES (?, ?, ?, 1) "
                            "ON CONFLICT (outlet, print) DO UPDATE SET articles = articles + 1",
                            [(a.outlet, p, line) for a in articles for p, line in prints[a.id].items()])

    def learn_furniture(self, touched: Iterable[tuple[str, str]], settings: Settings) -> list[tuple[str, str]]:
        """The reduce phase of the site furniture: of the (outlet, fingerprint) pairs just counted, those now
        furniture (written to ``site_furniture`` and returned)."""
        by_outlet: dict[str, set[str]] = {}
        for outlet, p in touched:
            by_outlet.setdefault(outlet, set()).add(p)
        new: list[tuple[str, str]] = []
        with self._transaction():
            for outlet, wanted in by_outlet.items():
                total = self.db.execute("SELECT count(*) FROM page_prints WHERE outlet = ?", (outlet,)).fetchone()[0]
                if total < settings.site_furniture_min_articles:
                    continue
                todo = sorted(wanted)
                counts: list[tuple[str, str, int, int, int]] = []
                for chunk in chunks(todo):
                    counts += [(outlet, p, n, total, others) for p, n, others in self.db.execute(
                        f"SELECT l.print, l.articles, (SELECT count(*) FROM outlet_lines o WHERE o.print = l.print "
                        f"AND o.outlet != l.outlet) FROM outlet_lines l WHERE l.outlet = ? AND l.articles >= ? "
                        f"AND l.print IN ({marks(chunk)}) AND NOT EXISTS (SELECT 1 FROM "
                        f"site_furniture f WHERE f.outlet = l.outlet AND f.print = l.print)",
                        (outlet, settings.site_furniture_min_articles, *chunk))]
                found = learned(counts, settings)
                self.db.executemany("INSERT INTO site_furniture (outlet, print) VALUES (?, ?)", found)
                new += found
        return new

    def furniture_lines(self, outlet: str | None = None) -> list[tuple[str, str, int]]:
        """The lines learned as furniture, with their outlet and on how many of its pages each was seen."""
        where, params = ("WHERE f.outlet = ?", (outlet,)) if outlet else ("", ())
        return self.query(f"SELECT f.outlet, l.line, l.articles FROM site_furniture f JOIN outlet_lines l "
                          f"ON l.outlet = f.outlet AND l.print = f.print {where} ORDER BY f.outlet, l.articles DESC",
                          params)

    def site_furniture(self) -> SiteFurniture:
        """Every outlet's furniture learned so far."""
        by_outlet: dict[str, set[str]] = {}
        for outlet, p in self.db.execute("SELECT outlet, print FROM site_furniture"):
            by_outlet.setdefault(outlet, set()).add(p)
        return SiteFurniture({outlet: frozenset(ps) for outlet, ps in by_outlet.items()})

    def articles_holding(self, outlet: str, prints: Iterable[str]) -> list[str]:
        """The stored articles of an outlet whose pages hold any of these fingerprints."""
        wanted = set(prints)
        return [i for i, ps in self.db.execute("SELECT article, prints FROM page_prints WHERE outlet = ?", (outlet,))
                if wanted.intersection(json.loads(ps))]

    def replace(self, articles: Iterable[Article]) -> int:
        """Write stored articles again, whole and in place (after a step was run again on them): the same id
        and first-stored time, the annotations replaced, a new ``seq`` (the article counts as changed for the
        steps across articles). Articles no longer stored are left alone. Returns how many were written."""
        batch = list(articles)
        with self._transaction():
            stored = self.versions([a.id for a in batch])
            batch = [a for a in batch if a.id in stored]
            seq = self.last_seq()
            assignments = ", ".join(f'"{c}" = ?' for c in ARTICLE_FIELDS)
            self.db.executemany(f"UPDATE articles SET {assignments}, seq = ? WHERE id = ?",
                                [(*_row(a), seq + n, a.id) for n, a in enumerate(batch, 1)])
            for key in ANNOTATIONS:
                self.db.executemany(f"DELETE FROM {key} WHERE article = ?", [(a.id,) for a in batch])
            self._insert_annotations(batch)
        return len(batch)

    def changed_pages(self, pages: Iterable[tuple[str, str]]) -> set[str]:
        """Of these (id, raw page) pairs, the stored articles whose page was another: the URL fetched again
        with changed text. An article stored before pages were kept (its raw is its text) never counts."""
        changed: set[str] = set()
        for article, raw in pages:
            row = self.db.execute("SELECT raw != ? AND raw != text FROM articles WHERE id = ?", (raw, article))
            if (found := row.fetchone()) and found[0]:
                changed.add(article)
        return changed

    def revise(self, articles: Iterable[Article]) -> int:
        """Store articles as the new version of the stored ones of their ids (a page fetched again with other
        text): the version stored until now kept in ``article_versions``, then the article written in place
        (its annotations replaced, a new ``seq``: the steps across articles place it anew)."""
        batch = list(articles)
        with self._transaction():
            self.db.executemany(
                "INSERT INTO article_versions (article, version, raw, text, title, published, stored_at) SELECT id, "
                "(SELECT count(*) FROM article_versions WHERE article = ?) + 1, raw, text, title, published, added_at "
                "FROM articles WHERE id = ?", [(a.id, a.id) for a in batch])
            return self.replace(batch)

    def article_versions(self, article_id: str) -> list[dict[str, Any]]:
        """The earlier versions of an article (oldest first): its page and text as they were, and when."""
        cur = self.db.execute("SELECT version, title, published, stored_at, text FROM article_versions WHERE "
                              "article = ? ORDER BY version", (article_id,))
        return [dict(zip([d[0] for d in cur.description], row, strict=True)) for row in cur]

    def _insert_annotations(self, articles: list[Article]) -> None:
        for key in ANNOTATIONS:
            cols = annotation_fields(key)
            self.db.executemany(
                f"INSERT INTO {key} (article, idx, {_quoted(cols)}) VALUES (?, ?, {', '.join('?' * len(cols))})",
                _annotation_rows(key, articles))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; inside another (:meth:`writing`), part of it."""
        if self._writing:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._writing = True
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._writing = False

    def writing(self) -> AbstractContextManager[None]:
        """Hold the database for writing across several statements (a step across articles checks where it got
        to, reduces and writes its outcome): another writer waits, so two runs linking at once never link the
        same articles twice."""
        return self._transaction()

    # reads
    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Every read inside sees the database as it was at the first one, whatever is written meanwhile."""
        self.db.execute("BEGIN")
        try:
            yield self
        finally:
            self.db.execute("COMMIT")

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def last_seq(self) -> int:
        """The point reached: the ``seq`` of the article stored or written again last (0 when empty)."""
        return self.db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]

    def versions(self, ids: Iterable[str]) -> dict[str, dict[str, int]]:
        """For each of these ids that is stored, the step versions that made its record."""
        found: dict[str, dict[str, int]] = {}
        for chunk in chunks(ids):
            found.update((i, json.loads(s)) for i, s in self.db.execute(
                f"SELECT id, steps FROM articles WHERE id IN ({marks(chunk)})", chunk))
        return found

    def article(self, article_id: str) -> Article | None:
        """The whole stored article with every annotation, or None."""
        return next(self.articles(ids=[article_id]), None)

    def articles(self, *, since: int = 0, until: int | None = None, ids: Iterable[str] | None = None,
                 annotations: bool = True) -> Iterator[Article]:
        """Stored articles, whole, streamed in ``seq`` order: all of them, those stored or written again after
        the point ``since`` (a :meth:`last_seq`) and up to ``until``, or those of ``ids``."""
        if ids is None:
            upto = " AND seq <= ?" if until is not None else ""
            yield from self._articles(f"seq > ?{upto}", [since, *([until] if until is not None else [])],
                                      annotations)
            return
        for chunk in chunks(ids):
            yield from self._articles(f"seq > ? AND id IN ({marks(chunk)})", [since, *chunk],
                                      annotations)

    def _articles(self, where: str, params: list[Any], annotations: bool) -> Iterator[Article]:
        cur = self.db.execute(f"SELECT {_quoted(ARTICLE_FIELDS)} FROM articles WHERE {where} ORDER BY seq", params)
        for row in cur:
            rec = {c: json.loads(v) if c in JSON_FIELDS and v is not None else v
                   for c, v in zip(ARTICLE_FIELDS, row, strict=True)}
            a = article_from_record(rec)
            if annotations:
                for key, kind in ANNOTATIONS.items():
                    setattr(a, key, [kind(**{k: v for k, v in r.items() if k != "article"})
                                     for r in self.annotations(key, a.id)])
            yield a

    def annotations(self, key: str, article: str | Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Records of one annotation type, each with its article id, in reading order: of every article (in
        article order), of one, or of several (in the order given, ID_CHUNK articles a query)."""
        if article is None or isinstance(article, str):
            where, params = ("WHERE article = ?", [article]) if article is not None else ("", [])
            yield from self._annotations(key, where, params)
            return
        for chunk in chunks(article, ordered=True):
            rows = list(self._annotations(key, f"WHERE article IN ({marks(chunk)})", chunk))
            rank = {a: n for n, a in enumerate(chunk)}
            yield from sorted(rows, key=lambda r: rank[r["article"]])  # stable: each article's reading order

    def _annotations(self, key: str, where: str, params: list[Any]) -> Iterator[dict[str, Any]]:
        cols = annotation_fields(key)
        flags = [f.name for f in fields(ANNOTATIONS[key]) if f.type in ("bool", bool)]
        for row in self.db.execute(f"SELECT article, {_quoted(cols)} FROM {key} {where} ORDER BY article, idx",
                                   params):
            rec = {"article": row[0], **dict(zip(cols, row[1:], strict=True))}
            for c in flags:
                rec[c] = bool(rec[c])
            yield rec

    def tables(self) -> Iterator[tuple[str, str, list[str], Iterator[tuple[Any, ...]]]]:
        """Each table's name, its CREATE statement, its columns and its rows (for a full dump), then the
        indexes as (name, statement, [], no rows)."""
        schema = self.db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                 "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid").fetchall()
        for kind, name, sql in schema:
            if kind != "table":
                yield name, sql, [], iter(())
                continue
            if sql.upper().startswith("CREATE VIRTUAL TABLE"):
                # as SQLite's own .dump: the virtual table (the search index) goes into the schema as it is,
                # without creating its shadow tables, which follow as plain tables with the index's data
                entry = ", ".join(_literal(v) for v in ("table", name, name, 0, sql))
                yield name, ("PRAGMA writable_schema = ON;\nINSERT INTO sqlite_master (type, name, tbl_name, "
                             f"rootpage, sql) VALUES ({entry});\nPRAGMA writable_schema = OFF"), [], iter(())
                continue
            cur = self.db.execute(f'SELECT * FROM "{name}"')
            yield name, sql, [d[0] for d in cur.description], iter(cur)

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params).fetchall()
