"""The store's reads for serving (the web reader and its JSON twins) and the search index it keeps (a mixin of
:class:`marsad.store.Store`; :mod:`marsad.search` builds the queries, every value reaches SQL as a
parameter)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from marsad.settings import HEAD_CHARS
from marsad.store.sql import chunks, marks

if TYPE_CHECKING:
    from marsad.search import Filters, IndexOutcome, IndexState

SEARCH_COLUMNS = ("title", "body", "quotes")  # the search index's columns (migration 11)


class ServeTables:
    db: sqlite3.Connection

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def signatures_of(self, step: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        raise NotImplementedError

    # the search index: what the step's load reads and its apply writes
    def search_index_state(self, step: str, ids: Sequence[str]) -> IndexState:
        """For each of these articles already indexed: its number and the stems it was indexed with (its stored
        signature); whether the index is to be emptied first (its numbers were forgotten: a new version of the
        step indexes everything again); the next free number."""
        from marsad.search import IndexState

        state = IndexState()
        numbers: dict[str, int] = {}
        for chunk in chunks(ids):
            numbers.update((a, n) for n, a in self.db.execute(
                f"SELECT n, article FROM search_docs WHERE article IN ({marks(chunk)})", chunk))
        old = self.signatures_of(step, numbers)
        state.indexed = {a: (n, old.get(a)) for a, n in numbers.items()}
        state.next_n = self.db.execute("SELECT coalesce(max(n), 0) + 1 FROM search_docs").fetchone()[0]
        state.reset = state.next_n == 1
        return state

    def save_search_index(self, outcome: IndexOutcome) -> None:
        """Take out what the articles indexed again were indexed with (a contentless FTS5 index is told the old
        values), put in their new stems and numbers."""
        cols = ", ".join(SEARCH_COLUMNS)
        marks = ", ".join("?" * len(SEARCH_COLUMNS))
        with self._transaction():
            if outcome.reset:
                self.db.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
            self.db.executemany(f"INSERT INTO search_index (search_index, rowid, {cols}) VALUES ('delete', ?, {marks})",
                                [(n, *(old.get(c, "") for c in SEARCH_COLUMNS)) for n, old in outcome.remove])
            self.db.executemany("INSERT INTO search_docs (n, article, published, outlet) VALUES (?, ?, ?, ?) "
                                "ON CONFLICT (article) DO UPDATE SET n = excluded.n, published = excluded.published, "
                                "outlet = excluded.outlet",
                                [(n, a, stems.get("published"), stems.get("outlet")) for n, a, stems in outcome.add])
            self.db.executemany(f"INSERT INTO search_index (rowid, {cols}) VALUES (?, {marks})",
                                [(n, *(stems[c] for c in SEARCH_COLUMNS)) for n, _, stems in outcome.add])

    # the search itself
    def search_index_query(self, match: str, filters: Filters, weights: Sequence[float], limit: int,
                           offset: int) -> tuple[int, list[tuple[str, float]]]:
        """How many articles match the FTS5 expression ``match`` under ``filters``, and ``limit`` of them from
        ``offset``, best first, with their bm25 score (lower is better)."""
        given = [(clause, value) for clause, value in (
            ("d.published >= ?", filters.since), ("d.published <= ?", filters.until), ("d.outlet = ?", filters.outlet),
            ("d.article IN (SELECT article FROM entity_mentions WHERE entity = ?)", filters.entity),
            ("d.article IN (SELECT article FROM story_articles WHERE story = ?)", filters.story)) if value]
        where = ["search_index MATCH ?", *(clause for clause, _ in given)]
        params: list[Any] = [match, *(value for _, value in given)]
        rank = f"bm25(search_index, {', '.join('?' * len(weights))})"
        if len(where) == 1:  # no filter: the index alone counts and ranks; the page's numbers are looked up after
            total = self.db.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ?",
                                    params).fetchone()[0]
            if not total or not limit:
                return total, []
            ranked = self.db.execute(f"SELECT rowid, {rank} AS score FROM search_index WHERE search_index MATCH ? "
                                     f"ORDER BY score, rowid LIMIT ? OFFSET ?", [*weights, match, limit, offset]
                                     ).fetchall()
            numbers = dict(self.db.execute(f"SELECT n, article FROM search_docs WHERE n IN ({marks(ranked)})",
                                           [n for n, _ in ranked])) if ranked else {}
            return total, [(numbers[n], score) for n, score in ranked if n in numbers]
        # the index leads (CROSS JOIN keeps this order: left to itself, the planner may start from an outlet's
        # articles and run the MATCH again for each); the filters read the small search_docs, not the articles
        joins = "FROM search_index CROSS JOIN search_docs d ON d.n = search_index.rowid"
        clause = " AND ".join(where)
        total = self.db.execute(f"SELECT count(*) {joins} WHERE {clause}", params).fetchone()[0]
        if not total or not limit:
            return total, []
        rows = self.db.execute(f"SELECT d.article, {rank} AS score {joins} WHERE {clause} ORDER BY score, d.n "
                               f"LIMIT ? OFFSET ?", [*weights, *params, limit, offset]).fetchall()
        return total, [(a, s) for a, s in rows]

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of articles, most first."""
        return [(o, n) for o, n in self.db.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY 2 DESC, 1")]

    def article_heads(self, ids: Iterable[str], text: bool = False) -> dict[str, dict[str, Any]]:
        """Each article's head, what a list of articles shows: its title (its text's first line when it has
        none, cut at a word to HEAD_CHARS), whether it has one of its own (``titled``), outlet, date and URL;
        with ``text``, its text too."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(ids):
            for i, t, lead, o, p, u, x in self.db.execute(
                    f"SELECT id, title, substr(text, 1, min(instr(text || char(10), char(10)) - 1, ?)), outlet, "
                    f"published, url, {'text' if text else 'NULL'} FROM articles WHERE id IN ({marks(chunk)})",
                    [HEAD_CHARS + 1, *chunk]):
                if len(lead) > HEAD_CHARS:
                    lead = lead[:HEAD_CHARS].rsplit(" ", 1)[0] + "…"
                out[i] = {"article": i, "title": t or lead, "titled": bool(t), "outlet": o, "published": p, "url": u,
                          **({"text": x} if text else {})}
        return out

    def entities_of_articles(self, ids: Iterable[str]) -> set[str]:
        """The entities (across articles) the articles' mentions name, read 500 articles at a time."""
        out: set[str] = set()
        for chunk in chunks(ids):
            out.update(e for (e,) in self.db.execute(
                f"SELECT DISTINCT entity FROM entity_mentions WHERE article IN ({marks(chunk)})", chunk))
        return out

    def story_of_article(self, article: str) -> str | None:
        row = self.db.execute("SELECT story FROM story_articles WHERE article = ?", (article,)).fetchone()
        return row[0] if row else None

    def stories_of_articles(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Each story the articles are in, with those of them in it."""
        out: dict[str, list[str]] = {}
        for chunk in chunks(ids):
            for a, s in self.db.execute(f"SELECT article, story FROM story_articles WHERE article IN ({marks(chunk)}) "
                                        f"ORDER BY article", chunk):
                out.setdefault(s, []).append(a)
        return out

    def story_heads(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(ids):
            for i, t, f, la in self.db.execute(
                    f"SELECT id, title, first, last FROM stories WHERE id IN ({marks(chunk)})", chunk):
                out[i] = {"id": i, "title": t, "first": f, "last": la}
        return out

    def articles_mentioning(self, entity: str) -> list[str]:
        """The articles that name an entity (across articles), in the order they were stored."""
        return [a for (a,) in self.db.execute(
            "SELECT DISTINCT m.article FROM entity_mentions m JOIN articles a ON a.id = m.article WHERE m.entity = ? "
            "ORDER BY a.seq", (entity,))]

    def entity_heads(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(ids):
            for i, n, t in self.db.execute(
                    f"SELECT id, name, type FROM linked_entities WHERE id IN ({marks(chunk)})", chunk):
                out[i] = {"id": i, "name": n, "type": t}
        return out

    def story_entities(self, articles: Iterable[str], limit: int) -> list[tuple[str, int]]:
        """The entities the articles name most (by how many of the articles name each), with that count."""
        counts: dict[str, int] = {}
        for chunk in chunks(articles):
            for e, n in self.db.execute(
                    f"SELECT entity, count(DISTINCT article) FROM entity_mentions WHERE article IN ({marks(chunk)}) "
                    f"GROUP BY entity", chunk):
                counts[e] = counts.get(e, 0) + n
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

