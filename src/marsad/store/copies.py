"""The store's tables for copies and reused passages (:mod:`marsad.link.copies`; a mixin of
:class:`marsad.store.Store`): each article linked (its number and publication date), its LSH band keys and
passage anchors indexed by key (so a day's articles are looked up without reading the corpus), and what was
found: ``duplicates`` (each copy and its original) and ``reuse`` (passages and where they were first found)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from marsad.store.sql import chunks, marks

if TYPE_CHECKING:
    from marsad.link.copies import Outcome


class CopyTables:
    db: sqlite3.Connection

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # what the step's load reads
    def copy_docs(self, ids: Iterable[str]) -> dict[str, tuple[int, str | None]]:
        """For each of these articles already linked: its number (the order it was first linked in) and the
        publication date it was linked with."""
        out: dict[str, tuple[int, str | None]] = {}
        for chunk in chunks(ids):
            out.update((a, (n, p)) for n, a, p in self.db.execute(
                f"SELECT n, article, published FROM copy_docs WHERE article IN ({marks(chunk)})", chunk))
        return out

    def copy_next_n(self) -> int:
        return self.db.execute("SELECT coalesce(max(n), 0) + 1 FROM copy_docs").fetchone()[0]

    def copy_band_hits(self, keys: Iterable[int], cap: int) -> dict[int, list[str]]:
        """The linked articles holding each of these band keys (at most ``cap`` a key, the first linked)."""
        out: dict[int, list[str]] = {}
        for chunk in chunks(keys):
            for k, a in self.db.execute(
                    f"SELECT b.key, d.article FROM copy_bands b JOIN copy_docs d ON d.n = b.n "
                    f"WHERE b.key IN ({marks(chunk)}) ORDER BY b.key, b.n", chunk):
                got = out.setdefault(k, [])
                if len(got) < cap:
                    got.append(a)
        return out

    def copy_anchor_hits(self, keys: Iterable[int], cap: int) -> tuple[dict[int, list[str]], dict[int, int]]:
        """The linked articles holding each of these anchors, for the anchors held by at most ``cap`` of them
        (a stock phrase is held by more), and how many hold each."""
        hits: dict[int, list[str]] = {}
        counts: dict[int, int] = {}
        for chunk in chunks(keys):
            common = set()
            for k, n in self.db.execute(f"SELECT key, count(*) FROM copy_anchors WHERE key IN ({marks(chunk)}) "
                                        f"GROUP BY key", chunk):
                counts[k] = n
                if n > cap:
                    common.add(k)
            rare = [k for k in chunk if k in counts and k not in common]
            if not rare:
                continue
            for k, a in self.db.execute(
                    f"SELECT c.key, d.article FROM copy_anchors c JOIN copy_docs d ON d.n = c.n "
                    f"WHERE c.key IN ({marks(rare)})", rare):
                hits.setdefault(k, []).append(a)
        return hits, counts

    def copy_originals(self, ids: Iterable[str]) -> dict[str, str]:
        """For each of these articles that is a copy: its original."""
        out: dict[str, str] = {}
        for chunk in chunks(ids):
            out.update(self.db.execute(f'SELECT article, "of" FROM duplicates WHERE article IN ({marks(chunk)})',
                                       chunk))
        return out

    def copy_members(self, originals: Iterable[str]) -> dict[str, dict[str, float]]:
        """Each of these originals' copies, with their similarity to it (originals with no copy left out)."""
        out: dict[str, dict[str, float]] = {}
        for chunk in chunks(originals):
            for a, of, sim in self.db.execute(
                    f'SELECT article, "of", similarity FROM duplicates WHERE "of" IN ({marks(chunk)})', chunk):
                out.setdefault(of, {})[a] = sim
        return out

    def reuse_of(self, ids: Iterable[str]) -> set[str]:
        """The articles that reuse a passage first found in one of these."""
        out: set[str] = set()
        for chunk in chunks(ids):
            out.update(a for (a,) in self.db.execute(
                f'SELECT DISTINCT article FROM reuse WHERE "of" IN ({marks(chunk)})', chunk))
        return out

    def article_texts(self, ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in chunks(ids):
            out.update(self.db.execute(f"SELECT id, text FROM articles WHERE id IN ({marks(chunk)})", chunk))
        return out

    # what the step's apply writes
    def save_copies(self, outcome: Outcome) -> None:
        """The articles placed (their numbers, band keys and anchors; those of an earlier text dropped), the
        copies of every group touched, the passages of every article placed; passages between articles now
        in one group dropped."""
        with self._transaction():
            for n, bands, anchors in outcome.dropped:
                self.db.executemany("DELETE FROM copy_bands WHERE key = ? AND n = ?", [(k, n) for k in bands])
                self.db.executemany("DELETE FROM copy_anchors WHERE key = ? AND n = ?", [(k, n) for k in anchors])
            self.db.executemany("INSERT INTO copy_docs (n, article, published) VALUES (?, ?, ?) ON CONFLICT (article) "
                                "DO UPDATE SET published = excluded.published",
                                [(n, a, p) for n, a, p, _, _ in outcome.docs])
            self.db.executemany("INSERT OR IGNORE INTO copy_bands (key, n) VALUES (?, ?)",
                                ((k, n) for n, _, _, bands, _ in outcome.docs for k in bands))
            self.db.executemany("INSERT OR IGNORE INTO copy_anchors (key, n) VALUES (?, ?)",
                                ((k, n) for n, _, _, _, anchors in outcome.docs for k in anchors))
            self.db.executemany("DELETE FROM duplicates WHERE article = ?", [(a,) for a in outcome.duplicates])
            self.db.executemany('INSERT INTO duplicates (article, "of", similarity) VALUES (?, ?, ?)',
                                [(a, *row) for a, row in outcome.duplicates.items() if row is not None])
            self.db.executemany("DELETE FROM reuse WHERE article = ?", [(a,) for a in outcome.reuse])
            self.db.executemany('INSERT INTO reuse (article, start, "end", "of", of_start, of_end) '
                                'VALUES (?, ?, ?, ?, ?, ?)',
                                [(a, *row) for a, rows in outcome.reuse.items() for row in rows])
            for group in outcome.groups:
                if len(group) < 2:
                    continue
                members = set(group)
                inside = [(a, start) for chunk in chunks(group) for a, start, of in self.db.execute(
                    f'SELECT article, start, "of" FROM reuse WHERE article IN ({marks(chunk)})', chunk)
                    if of in members]
                self.db.executemany("DELETE FROM reuse WHERE article = ? AND start = ?", inside)

    # what the export gives
    def duplicates_records(self) -> Iterator[dict[str, Any]]:
        """Every copy with its original and their similarity (Jaccard of their 5-word shingle sets)."""
        for a, of, sim in self.db.execute('SELECT article, "of", similarity FROM duplicates ORDER BY "of", article'):
            yield {"article": a, "of": of, "similarity": sim}

    def reuse_records(self, article: str | None = None) -> Iterator[dict[str, Any]]:
        """Every reused passage (or one article's): where it is in the article, and where in the earliest
        article it is found in."""
        where, args = ("WHERE article = ? ", (article,)) if article is not None else ("", ())
        for row in self.db.execute('SELECT article, start, "end", "of", of_start, of_end FROM reuse '
                                   f'{where}ORDER BY article, start', args):
            yield dict(zip(("article", "start", "end", "of", "of_start", "of_end"), row, strict=True))
