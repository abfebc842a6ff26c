"""The store's tables for the steps across articles: where each step has got to, the signatures it mapped,
and the stories and events it keeps (a mixin of :class:`marsad.store.Store`: one store, one file)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from marsad.link.digest import Digest, Story
from marsad.link.stories import Cluster, Head, Outcome, State, Stories
from marsad.store.sql import chunks, encode, marks


class LinkTables:
    db: sqlite3.Connection

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # where each step has got to
    def link_point(self, step: str, version: int) -> int | None:
        """The ``seq`` a step has linked up to, or None if it never ran or ran as another version."""
        row = self.db.execute("SELECT version, seq FROM link_state WHERE step = ?", (step,)).fetchone()
        return row[1] if row and row[0] == version else None

    def set_link_point(self, step: str, version: int, seq: int) -> None:
        with self._transaction():
            self.db.execute("INSERT INTO link_state (step, version, seq) VALUES (?, ?, ?) ON CONFLICT (step) "
                            "DO UPDATE SET version = excluded.version, seq = excluded.seq", (step, version, seq))

    def forget_link(self, step: str, tables: Sequence[str]) -> None:
        """Everything a step wrote (its signatures, counts and ``tables``), before it links all again."""
        with self._transaction():
            self.db.execute("DELETE FROM signatures WHERE step = ?", (step,))
            self.db.execute("DELETE FROM link_counts WHERE step = ?", (step,))
            for table in tables:
                self.db.execute(f'DELETE FROM "{table}"')

    # signatures
    def save_signatures(self, step: str, sigs: Sequence[tuple[str, dict[str, Any]]]) -> None:
        with self._transaction():
            self.db.executemany("INSERT INTO signatures (step, article, data) VALUES (?, ?, ?) ON CONFLICT "
                                "(step, article) DO UPDATE SET data = excluded.data",
                                [(step, a, encode(sig)) for a, sig in sigs])

    def signatures_of(self, step: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(ids):
            out.update((a, json.loads(d)) for a, d in self.db.execute(
                f"SELECT article, data FROM signatures WHERE step = ? AND article IN ({marks(chunk)})",
                (step, *chunk)))
        return out

    # stories
    def load_story_state(self, step: str, since: str | None, ids: Sequence[str]) -> State:
        """The stories fed since ``since`` (all when None) with their events, the counts, and what the
        articles ``ids`` were assigned before and whether they were counted (with their signatures, to take them
        out again); and the articles linked before, not among ``ids``, that became a copy or stopped being one
        since they were counted (with their signatures, to count them again)."""
        state = State()
        where, params = ("WHERE last IS NULL OR last >= ?", (since,)) if since else ("", ())
        for cid, data in self.db.execute(f"SELECT id, data FROM stories {where}", params):
            state.stories[cid] = Cluster.of(cid, json.loads(data))
        events = [e for c in state.stories.values() for e in c.events]
        for chunk in chunks(events):
            for cid, data in self.db.execute(f"SELECT id, data FROM events WHERE id IN ({marks(chunk)})",
                                             chunk):
                state.events[cid] = Cluster.of(cid, json.loads(data))
        state.aliases = dict(self.db.execute("SELECT alias, story FROM story_aliases"))
        state.seq = self.db.execute("SELECT coalesce(max(seq), 0) FROM (SELECT seq FROM stories UNION ALL "
                                    "SELECT seq FROM events)").fetchone()[0]
        counts = dict(self.db.execute("SELECT key, n FROM link_counts WHERE step = ?", (step,)))
        state.n = counts.pop("", 0)
        state.df = Counter(counts)
        for chunk in chunks(ids):
            for a, story, event, counted in self.db.execute(
                    f"SELECT article, story, event, counted FROM story_articles WHERE article IN ({marks(chunk)})",
                    chunk):
                state.assigned[a] = (story, event)
                if not counted:
                    state.uncounted.add(a)
                if story not in state.stories:  # linked before, in a story outside the window: bring it in
                    row = self.db.execute("SELECT data FROM stories WHERE id = ?", (story,)).fetchone()
                    if row:
                        state.stories[story] = Cluster.of(story, json.loads(row[0]))
                if event not in state.events:
                    row = self.db.execute("SELECT data FROM events WHERE id = ?", (event,)).fetchone()
                    if row:
                        state.events[event] = Cluster.of(event, json.loads(row[0]))
        new = set(ids)
        state.recount = {a: -1 if counted else 1 for a, counted in self.db.execute(
            "SELECT sa.article, sa.counted FROM story_articles sa LEFT JOIN duplicates d ON d.article = sa.article "
            "WHERE sa.counted = (d.article IS NOT NULL)") if a not in new}
        state.previous = self.signatures_of(step, {*state.assigned, *state.recount})
        state.df_base = Counter(state.df)
        state.aliases_base = dict(state.aliases)
        return state

    def save_story_state(self, step: str, outcome: Outcome, heads: Mapping[str, Head]) -> None:
        """The stories and events touched (``heads``: what each shows of itself), the aliases of stories
        merged that changed (a dropped story's are dropped), each article's story and event, the step's counts."""
        state = outcome.state
        with self._transaction():
            for cid in outcome.touched:
                for table, clusters in (("stories", state.stories), ("events", state.events)):
                    c = clusters.get(cid)
                    if c is None:
                        self.db.execute(f"DELETE FROM {table} WHERE id = ?", (cid,))
                        continue
                    h = heads.get(cid, Head(None, None))
                    dated = ", date = excluded.date, precision = excluded.precision" if table == "events" else ""
                    self.db.execute(
                        f"INSERT INTO {table} (id, story, seq, first, last, title, central, data"
                        f"{', date, precision' if dated else ''}) VALUES (?, ?, ?, ?, ?, ?, ?, ?"
                        f"{', ?, ?' if dated else ''}) ON CONFLICT (id) DO UPDATE SET story = excluded.story, "
                        f"first = excluded.first, last = excluded.last, title = excluded.title, "
                        f"central = excluded.central, data = excluded.data{dated}",
                        (c.id, c.story, c.seq, c.first, c.last, h.title, h.central, encode(c.record()),
                         *((h.date, h.precision) if dated else ())))
            self.db.executemany("INSERT INTO story_aliases (alias, story) VALUES (?, ?) ON CONFLICT (alias) DO "
                                "UPDATE SET story = excluded.story", [(alias, story) for alias, story in
                                                                      state.aliases.items()
                                                                      if state.aliases_base.get(alias) != story])
            self.db.executemany("DELETE FROM story_aliases WHERE alias = ?",
                                [(alias,) for alias in state.aliases_base if alias not in state.aliases])
            self.db.executemany("INSERT INTO story_articles (article, story, event) VALUES (?, ?, ?) ON CONFLICT "
                                "(article) DO UPDATE SET story = excluded.story, event = excluded.event",
                                [(a, *state.assigned[a]) for a in {*outcome.assigned, *state.moved}])
            self.db.executemany("UPDATE story_articles SET counted = ? WHERE article = ?",
                                [(int(counted), a) for a, counted in state.counted.items()])
            changed = [(k, n) for k, n in state.df.items() if state.df_base.get(k) != n]
            self.db.executemany("INSERT INTO link_counts (step, key, n) VALUES (?, ?, ?) ON CONFLICT "
                                "(step, key) DO UPDATE SET n = excluded.n",
                                [(step, k, n) for k, n in [*changed, ("", state.n)]])

    def resolve_story(self, story: str) -> str | None:
        """A story's id, or the id of the story that absorbed it; None if there is no such story."""
        row = self.db.execute("SELECT story FROM story_aliases WHERE alias = ?", (story,)).fetchone()
        if row:
            story = row[0]
        return story if self.db.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone() else None

    def stories_records(self) -> Iterator[dict[str, Any]]:
        """Every story as the export gives it (:meth:`story_record`), oldest first."""
        for (story,) in self.db.execute("SELECT id FROM stories ORDER BY seq").fetchall():
            record = self.story_record(story)
            if record is not None:
                yield record

    def story_record(self, story: str) -> dict[str, Any] | None:
        """A story (or the story that absorbed it): its title, the ids merged into it, who reported it first
        and when, its distinct outlets, its articles, and its events in date order (the timeline), each with
        its date and precision, title, articles and the sentences it rests on."""
        resolved = self.resolve_story(story)
        if resolved is None:
            return None
        title, first, last = self.db.execute("SELECT title, first, last FROM stories WHERE id = ?",
                                             (resolved,)).fetchone()
        articles = [{"article": a, "outlet": outlet, "published": published, "event": event, "copy_of": of,
                     "reporting": reporting}
                    for a, outlet, published, event, of, reporting in self.db.execute(
                        "SELECT a.id, a.outlet, a.published, sa.event, d.\"of\", coalesce(o.outlet, a.outlet) FROM "
                        "story_articles sa JOIN articles a ON a.id = sa.article LEFT JOIN duplicates d ON "
                        "d.article = a.id LEFT JOIN articles o ON o.id = d.\"of\" WHERE sa.story = ? "
                        "ORDER BY coalesce(a.published, '9999'), a.seq", (resolved,))]
        sentences: dict[str, list[dict[str, Any]]] = {}
        for event, a, start, end, text in self.db.execute(
                "SELECT sa.event, a.id, j.s, j.e, substr(a.text, j.s + 1, j.e - j.s) FROM story_articles sa "
                "JOIN articles a ON a.id = sa.article JOIN (SELECT article, json_extract(data, '$.sentence[0]') AS s,"
                " json_extract(data, '$.sentence[1]') AS e FROM signatures WHERE step = ?) j "
                "ON j.article = a.id WHERE sa.story = ? AND j.s IS NOT NULL ORDER BY a.seq", (Stories.name, resolved)):
            sentences.setdefault(event, []).append({"article": a, "start": start, "end": end, "text": text})
        events = [{"id": e, "date": date, "precision": precision, "title": etitle,
                   "articles": [x["article"] for x in articles if x["event"] == e],
                   "sentences": sentences.get(e, [])}
                  for e, date, precision, etitle in self.db.execute(
                      "SELECT id, date, precision, title FROM events WHERE story = ? "
                      "ORDER BY date IS NULL, date, seq", (resolved,))]
        return {"id": resolved, "title": title, "aliases": [a for (a,) in self.db.execute(
                    "SELECT alias FROM story_aliases WHERE story = ? ORDER BY alias", (resolved,))],
                "first": first, "last": last,
                "first_reported": next(({"article": x["article"], "outlet": x["outlet"], "published": x["published"]}
                                        for x in articles), None),
                "outlets": len({x.pop("reporting") for x in articles} - {None}),
                "articles": articles, "events": events, "summary": self.digest_of(resolved)[0]}

    # what each story says: summary and disagreements
    def digest_state(self, step: str, new: Mapping[str, dict[str, Any]]) -> list[Story]:
        """The stories the articles ``new`` are in, and, for those of them digested before (written again: one
        may have left its story, and what it said there, at its old offsets, goes), the stories whose summary or
        disagreements cite them; each with the signatures of its articles that are not a copy of another
        (``new``'s own for them): a copy would weigh its original's sentences twice in the summary."""
        stories: dict[str, Story] = {}
        for chunk in chunks(new):
            found = self.db.execute(f"SELECT DISTINCT story FROM story_articles WHERE article IN ({marks(chunk)})",
                                    chunk).fetchall()
            again = [a for (a,) in self.db.execute(
                f"SELECT article FROM signatures WHERE step = ? AND article IN ({marks(chunk)})", (step, *chunk))]
            if again:  # the digests are read through only for articles written again, not on every run
                found += self.db.execute(
                    f"SELECT d.story FROM story_digests d, json_each(d.summary) s WHERE "
                    f"json_extract(s.value, '$.article') IN ({marks(again)}) UNION "
                    f"SELECT d.story FROM story_digests d, json_each(d.disagreements) x, "
                    f"json_each(json_extract(x.value, '$.claims')) c WHERE "
                    f"json_extract(c.value, '$.article') IN ({marks(again)})", [*again, *again]).fetchall()
            stories.update((story, Story(story)) for (story,) in found)
        members: dict[str, tuple[str, str]] = {}
        for chunk in chunks(stories):
            members.update((a, (s, e)) for a, s, e in self.db.execute(
                f"SELECT article, story, event FROM story_articles WHERE story IN ({marks(chunk)}) AND article NOT IN "
                f"(SELECT article FROM duplicates)", chunk))
        stored = self.signatures_of(step, [a for a in members if a not in new])
        for article, (story, event) in members.items():
            sig = new.get(article) or stored.get(article)
            if sig is not None:
                stories[story].articles[article] = {**sig, "event": event}
        return list(stories.values())

    def save_digests(self, digests: Sequence[Digest]) -> None:
        with self._transaction():
            self.db.executemany("INSERT INTO story_digests (story, summary, disagreements) VALUES (?, ?, ?) "
                                "ON CONFLICT (story) DO UPDATE SET summary = excluded.summary, "
                                "disagreements = excluded.disagreements",
                                [(d.story, encode(d.summary), encode(d.disagreements)) for d in digests])
            self.db.execute("DELETE FROM story_digests WHERE story NOT IN (SELECT id FROM stories)")

    def digest_of(self, story: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """A story's summary and disagreements (empty before they were made)."""
        row = self.db.execute("SELECT summary, disagreements FROM story_digests WHERE story = ?", (story,)).fetchone()
        return (json.loads(row[0]), json.loads(row[1])) if row else ([], [])

    def disagreements_records(self) -> Iterator[dict[str, Any]]:
        """Every disagreement, story by story (oldest first): the story, what it is about, why (its kind and
        what differs), and its claims (article, offsets, text, speaker)."""
        for story, data in self.db.execute("SELECT d.story, d.disagreements FROM story_digests d JOIN stories s "
                                           "ON s.id = d.story ORDER BY s.seq"):
            for item in json.loads(data):
                yield {"story": story, **item}

    # the brief
    def brief_window(self, since: str | None) -> dict[str, Any]:
        """What a brief covers: the articles published on or after ``since`` (YYYY-MM-DD), or else those the
        latest run stored or wrote again (all, before any run was recorded), with the latest publication day
        stored (``latest``: a day to ask for when the run stored nothing new)."""
        if since:
            return {"since": since, "run": None}
        row = self.db.execute("SELECT id, first_seq, last_seq, finished FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return {"since": None, "run": None}
        latest = self.db.execute("SELECT max(substr(published, 1, 10)) FROM articles").fetchone()[0]
        return {"since": None, "run": row[0], "first_seq": row[1], "last_seq": row[2], "finished": row[3],
                "latest": latest}

    def stories_touched(self, window: Mapping[str, Any]) -> dict[str, set[str]]:
        """Each story with articles in the window, and those articles."""
        params: tuple[Any, ...]
        if window.get("since"):
            where, params = "a.published >= ?", (window["since"],)
        elif window.get("run"):
            where, params = "a.seq > ? AND a.seq <= ?", (window["first_seq"], window["last_seq"])
        else:
            where, params = "1", ()
        out: dict[str, set[str]] = {}
        for story, article in self.db.execute(f"SELECT sa.story, sa.article FROM story_articles sa JOIN articles a "
                                              f"ON a.id = sa.article WHERE {where}", params):
            out.setdefault(story, set()).add(article)
        return out

    def story_quotes(self, articles: Sequence[str]) -> list[dict[str, Any]]:
        """The quotes with a named speaker of these articles, in the order of the articles' publication."""
        out: list[dict[str, Any]] = []
        for chunk in chunks(articles, ordered=True):
            out += [{"article": a, "start": start, "end": end, "text": text, "speaker": speaker,
                     "speaker_type": kind, "published": published}
                    for a, start, end, text, speaker, kind, published in self.db.execute(
                        f"SELECT q.article, q.start, q.\"end\", q.text, q.speaker, q.speaker_type, a.published "
                        f"FROM quotes q JOIN articles a ON a.id = q.article WHERE q.speaker IS NOT NULL AND "
                        f"q.speaker_type IN ('person', 'role', 'organisation', 'embedded_post') AND q.article IN "
                        f"({marks(chunk)})", chunk)]
        out.sort(key=lambda q: (q["published"] or "9999", q["article"], q["start"]))
        return out

    def record_run(self, started: str, first_seq: int, stored: int, updated: int) -> None:
        """A run's trace: when it started, the articles it stored or wrote again (those after ``first_seq``),
        for the brief."""
        with self._transaction():
            self.db.execute("INSERT INTO runs (started, finished, first_seq, last_seq, stored, updated) VALUES "
                            "(?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, (SELECT coalesce(max(seq), 0) FROM "
                            "articles), ?, ?)", (started, first_seq, stored, updated))
