"""The store's tables for entities across articles (a mixin of :class:`marsad.store.Store`): the entities
(``linked_entities``: the table ``entities`` holds each article's own mentions), which of an article's
mentions names which entity (``entity_mentions``), the ids merged into another (``entity_aliases``), the
roles each was given in each article (``entity_roles``) and the keys an entity is looked up by
(``entity_keys``)."""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from marsad.link.entities import Entity, Outcome, State, reindex
from marsad.store.sql import chunks, encode, marks


class EntityTables:
    db: sqlite3.Connection

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # the reduce's state
    def load_entity_state(self, articles: Sequence[str], keys: Sequence[str], stories: bool = True) -> State:
        """What new articles may join: the entities found under ``keys``, the entities of the stories of the
        ``articles`` (named in their other articles), what the ``articles`` were linked to before, the aliases."""
        state = State()
        new = set(articles)
        wanted: set[str] = set()
        for chunk in chunks(keys):
            wanted.update(e for (e,) in self.db.execute(
                f"SELECT DISTINCT entity FROM entity_keys WHERE key IN ({marks(chunk)})", chunk))
        for chunk in chunks(new):
            for a, e, form, primary, type_ in self.db.execute(
                    f'SELECT article, entity, form, "primary", type FROM entity_mentions WHERE article IN '
                    f'({marks(chunk)})', chunk):
                state.previous.setdefault(a, []).append((e, form, bool(primary), type_))
                wanted.add(e)
        state.aliases = dict(self.db.execute("SELECT alias, entity FROM entity_aliases"))
        if stories:
            story_aliases = dict(self.db.execute("SELECT alias, story FROM story_aliases"))
            for chunk in chunks(new):
                for a, story in self.db.execute(
                        f"SELECT article, story FROM story_articles WHERE article IN ({marks(chunk)})", chunk):
                    state.story_of[a] = story_aliases.get(story, story)
            hoods = sorted(set(state.story_of.values()))
            for chunk in chunks(hoods):
                for a, story, e in self.db.execute(
                        f"SELECT DISTINCT sa.article, sa.story, em.entity FROM story_articles sa JOIN entity_mentions "
                        f"em ON em.article = sa.article WHERE sa.story IN ({marks(chunk)})", chunk):
                    if a not in new:
                        state.near(story_aliases.get(story, story), state.aliases.get(e, e))
                        wanted.add(e)
        else:
            story_aliases = {}
        wanted = {state.aliases.get(e, e) for e in wanted}
        for chunk in chunks(wanted):
            for eid, seq, type_, scope, data in self.db.execute(
                    f"SELECT id, seq, type, scope, data FROM linked_entities WHERE id IN ({marks(chunk)})", chunk):
                # an entity of one story: of the story that took that story in, if one did
                state.entities[eid] = Entity.of(eid, seq, type_, story_aliases.get(scope, scope), json.loads(data))
        for e in state.entities.values():
            reindex(state, e)
        state.seq = self.db.execute("SELECT coalesce(max(seq), 0) FROM linked_entities").fetchone()[0]
        return state

    def save_entity_state(self, outcome: Outcome) -> None:
        """The entities touched (written again, or deleted when merged away or left without mentions), their
        keys, the aliases of the merged ones (their mentions and roles moved to the entity that took them in),
        and the mentions and roles of the articles linked."""
        state = outcome.state
        with self._transaction():
            for eid in sorted(outcome.touched):
                e = state.entities.get(eid)
                self.db.execute("DELETE FROM entity_keys WHERE entity = ?", (eid,))
                if e is None:
                    self.db.execute("DELETE FROM linked_entities WHERE id = ?", (eid,))
                    continue
                self.db.execute(
                    "INSERT INTO linked_entities (id, seq, type, name, scope, data) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, scope = excluded.scope, data = excluded.data",
                    (e.id, e.seq, e.type, e.name(), e.scope, encode(e.record())))
                self.db.executemany("INSERT OR IGNORE INTO entity_keys (key, entity) VALUES (?, ?)",
                                    [(k, e.id) for k in state.indexed.get(e.id, [])])
            for alias, target in sorted(outcome.merged.items()):
                self.db.execute("INSERT INTO entity_aliases (alias, entity) VALUES (?, ?) ON CONFLICT (alias) "
                                "DO UPDATE SET entity = excluded.entity", (alias, target))
                self.db.execute("UPDATE entity_aliases SET entity = ? WHERE entity = ?", (target, alias))
                self.db.execute("UPDATE entity_mentions SET entity = ? WHERE entity = ?", (target, alias))
                self.db.execute("INSERT OR IGNORE INTO entity_roles (entity, role, text, article) SELECT ?, role, "
                                "text, article FROM entity_roles WHERE entity = ?", (target, alias))
                self.db.execute("DELETE FROM entity_roles WHERE entity = ?", (alias,))
            articles = sorted(outcome.assigned)
            for chunk in chunks(articles):
                self.db.execute(f"DELETE FROM entity_mentions WHERE article IN ({marks(chunk)})", chunk)
                self.db.execute(f"DELETE FROM entity_roles WHERE article IN ({marks(chunk)})", chunk)
            self.db.executemany(
                'INSERT OR REPLACE INTO entity_mentions (article, idx, start, "end", entity, type, form, "primary", '
                'text, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [(a, m[0], m[1], m[2], e, type_, m[4], int(primary), m[3], name)
                 for a in articles for m, e, primary, name, type_ in outcome.assigned[a]])
            self.db.executemany("INSERT OR IGNORE INTO entity_roles (entity, role, text, article) VALUES (?, ?, ?, ?)",
                                [(e, key, text, a) for a in articles for e, key, text in outcome.roles.get(a, [])])

    # reads
    def resolve_entity(self, entity: str) -> str | None:
        """An entity's id, or the id of the entity that took it in; None if there is no such entity."""
        row = self.db.execute("SELECT entity FROM entity_aliases WHERE alias = ?", (entity,)).fetchone()
        if row:
            entity = row[0]
        return entity if self.db.execute("SELECT 1 FROM linked_entities WHERE id = ?", (entity,)).fetchone() else None

    def mentions_in(self, article: str) -> Mentions:
        """The article's mentions that name an entity, read once (see :class:`Mentions`)."""
        return Mentions(self.db.execute('SELECT start, "end", entity, text, idx FROM entity_mentions WHERE article = ? '
                                        'ORDER BY start, "end"', (article,)).fetchall())

    def speaker_entities(self, quotes: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str | None]]:
        """Each quote record with its speaker's entity (see :meth:`Mentions.speaker`), each article's mentions
        read once for its run of quotes with a speaker (records come article by article)."""
        article, mentions = None, Mentions([])
        for q in quotes:
            if q.get("speaker") and q["article"] != article:
                article, mentions = q["article"], self.mentions_in(q["article"])
            yield q, mentions.speaker(q)

    def quote_speakers(self) -> Iterator[dict[str, Any]]:
        """Each quote whose speaker is an entity: ``article``, ``idx`` (the quote's index in its article) and
        ``entity`` (what the export's quotes can carry as ``speaker_entity``)."""
        rows = self.db.execute("SELECT article, idx, speaker, speaker_start, speaker_end FROM quotes "
                               "WHERE speaker IS NOT NULL ORDER BY article, idx").fetchall()
        quotes = ({"article": a, "idx": idx, "speaker": speaker, "speaker_start": s, "speaker_end": e}
                  for a, idx, speaker, s, e in rows)
        for q, entity in self.speaker_entities(quotes):
            if entity:
                yield {"article": q["article"], "idx": q["idx"], "entity": entity}

    def entities_records(self) -> Iterator[dict[str, Any]]:
        """Every entity as the export gives it (:meth:`entity_record`), oldest first."""
        for (eid,) in self.db.execute("SELECT id FROM linked_entities ORDER BY seq").fetchall():
            record = self.entity_record(eid)
            if record is not None:
                yield record

    def entity_record(self, entity: str) -> dict[str, Any] | None:
        """An entity (or the entity that took it in): its id, its fullest common name, its type, the names it
        goes by (most used first), its roles with the articles each was seen in, its mentions (article, span,
        text as written) in article order, and the ids merged into it."""
        resolved = self.resolve_entity(entity)
        if resolved is None:
            return None
        name, type_ = self.db.execute("SELECT name, type FROM linked_entities WHERE id = ?", (resolved,)).fetchone()
        mentions = self.db.execute(
            'SELECT m.article, m.start, m."end", m.text, m.name FROM entity_mentions m JOIN articles a '
            'ON a.id = m.article WHERE m.entity = ? ORDER BY a.seq, m.start', (resolved,)).fetchall()
        variants = Counter(n for *_, n in mentions)
        roles: dict[str, tuple[str, list[str]]] = {}
        for key, text, article in self.db.execute(
                "SELECT r.role, r.text, r.article FROM entity_roles r JOIN articles a ON a.id = r.article "
                "WHERE r.entity = ? ORDER BY a.seq", (resolved,)):
            roles.setdefault(key, (text, []))[1].append(article)
        return {"id": resolved, "name": name, "type": type_,
                "variants": [v for v, _ in sorted(variants.items(), key=lambda kv: (-kv[1], kv[0]))],
                "roles": [{"role": text, "articles": arts} for text, arts in roles.values()],
                "mentions": [{"article": a, "start": s, "end": e, "text": t} for a, s, e, t, _ in mentions],
                "aliases": [a for (a,) in self.db.execute(
                    "SELECT alias FROM entity_aliases WHERE entity = ? ORDER BY alias", (resolved,))]}


class Mentions:
    """An article's mentions that name an entity, as rows (start, end, entity, text, idx) in order of start: the
    entity at a span, and a quote's speaker's, found without asking the database again for each."""

    def __init__(self, rows: Sequence[tuple[int, int, str, str, int | None]]) -> None:
        self.rows = rows
        self.starts = [r[0] for r in rows]
        self.longest = max((end - start for start, end, *_ in rows), default=0)
        self.spans = {(start, end): entity for start, end, entity, *_ in rows}

    def at(self, start: int, end: int) -> str | None:
        """The entity of the mention at ``start``-``end``, else of the one that overlaps it most (of those tied,
        the first in the text); None where none overlaps."""
        if (start, end) in self.spans:
            return self.spans[start, end]
        best, most = None, 0
        for m_start, m_end, entity, _, _ in self.rows[bisect_left(self.starts, start - self.longest):
                                                      bisect_left(self.starts, end)]:
            overlap = min(m_end, end) - max(m_start, start)
            if overlap > most:
                best, most = entity, overlap
        return best

    def speaker(self, quote: Mapping[str, Any]) -> str | None:
        """The entity of a quote's speaker (a record of the ``quotes`` annotation): the mention at the speaker's
        span, or for an embedded post's author the longest mention whose text is in the author's name read from
        the post (one the article's own mentions did not give, first)."""
        speaker = quote.get("speaker")
        if not speaker:
            return None
        if quote.get("speaker_start") is not None and quote.get("speaker_end") is not None:
            found = self.at(quote["speaker_start"], quote["speaker_end"])
            if found:
                return found
        named = [m for m in self.rows if m[3] in speaker]
        return min(named, key=lambda m: (m[4] is not None, -len(m[3])))[2] if named else None
