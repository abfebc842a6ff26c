"""Each page's data, built once from the store: the HTML page draws it, its JSON twin is it. Records keep the
export's field names (``docs/export.schema.json``): an article, a story, an entity and their annotations are
the export's records, unchanged; what a page adds (titles of the articles it lists, the entity each mention
names, copies) sits beside them under its own key."""

from __future__ import annotations

import itertools
from typing import Any

from marsad import export
from marsad.brief import brief
from marsad.model import article_record
from marsad.search import PAGE_MAX, Filters, search
from marsad.store import Store

ENTITY_QUOTES = 200  # quotes an entity's page lists at most
ENTITY_ARTICLES = 200  # articles an entity's page lists at most
STORY_QUOTES = 200  # quotes a story's page lists at most
STORY_ENTITIES = 12  # the names a story's page lists (those most of its articles name)


class Moved(Exception):
    """The id asked for was merged into another: the page is at ``target``."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


# the morning brief


def brief_page(store: Store, since: str | None = None) -> dict[str, Any]:
    """The brief (:func:`marsad.brief.brief`): the stories of the latest run (or with articles published since a
    day), most important first, with what is new in each; each quote with its speaker's entity, the heads of
    the articles it cites, and the store's counts."""
    data = brief(store, since=since)
    for story in data["stories"]:
        for q, speaker in store.speaker_entities(story.get("quotes") or []):
            q.setdefault("speaker_entity", speaker)
    heads = store.article_heads(_articles_named(data))
    return {**data, "article_heads": heads, "counts": {"articles": store.count(),
                                                       "stories": store.query("SELECT count(*) FROM stories")[0][0]}}


def _articles_named(data: Any) -> set[str]:
    """Every article id a nested record names under ``article``."""
    found: set[str] = set()
    todo = [data]
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            if isinstance(item.get("article"), str):
                found.add(item["article"])
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


# a story


def story_page(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story: the export's record (its events in date order form the timeline), its summary and
    disagreements, who said what in its articles, its copies, the names it is about, and each article's head."""
    resolved = store.resolve_story(story_id)
    if resolved is None:
        return None
    if resolved != story_id:
        raise Moved(resolved)
    record = store.story_record(resolved)
    if record is None:
        return None
    ids = [a["article"] for a in record["articles"]]
    summary, disagreements = store.digest_of(resolved)
    quotes = list(itertools.islice(export.records(store, "quotes", ids), STORY_QUOTES))
    copies: list[dict[str, Any]] = [{"article": a, "of": of, "similarity": members[a]}
              for of, members in store.copy_members(ids).items() for a in sorted(members)]
    names = store.story_entities(ids, STORY_ENTITIES)
    heads = store.entity_heads(e for e, _ in names)
    return {"story": record, "summary": summary, "disagreements": disagreements, "quotes": quotes, "copies": copies,
            "entities": [{**heads[e], "articles": n} for e, n in names if e in heads],
            "article_heads": store.article_heads([*ids, *(c["of"] for c in copies)])}


# an article


def article_page(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article as exported (its record and each annotation's records), the entity each mention names and
    each quote's speaker (the export's ``speaker_entity``), its story, and
    its copies: the article it copies and the articles that copy it, the passages it reuses."""
    a = store.article(article_id)
    if a is None:
        return None
    page: dict[str, Any] = {"article": article_record(a)}
    for key in export.ANNOTATION_KEYS:
        page[key] = list(export.records(store, key, [a.id]))
    named = store.mentions_in(a.id)
    page["mention_entities"] = [named.at(m["start"], m["end"]) for m in page["mentions"]]
    sid = store.story_of_article(a.id)
    page["story"] = store.story_heads([sid]).get(sid) if sid else None
    original = store.copy_originals([a.id]).get(a.id)
    copies = store.copy_members([a.id]).get(a.id, {})
    page["copy_of"] = original
    page["copies"] = [{"article": c, "similarity": s} for c, s in sorted(copies.items())]
    page["reuse"] = list(store.reuse_records(a.id))
    page["article_heads"] = store.article_heads([x for x in [original, *copies, *(r["of"] for r in page["reuse"])]
                                                      if x])
    return page


# an entity


def entity_page(store: Store, entity_id: str) -> dict[str, Any] | None:
    """An entity as exported (name, type, variants, roles, mentions), every quote it said (the export's quote
    records), the stories it appears in and its articles' heads."""
    resolved = store.resolve_entity(entity_id)
    if resolved is None:
        return None
    if resolved != entity_id:
        raise Moved(resolved)
    record = store.entity_record(resolved)
    if record is None:
        return None
    articles = store.articles_mentioning(resolved)
    quotes: list[dict[str, Any]] = []
    for q, speaker in store.speaker_entities(store.annotations("quotes", articles)):
        if len(quotes) >= ENTITY_QUOTES:
            break
        if speaker == resolved:
            quotes.append(q)
    stories = store.stories_of_articles(articles)
    heads = store.story_heads(stories)
    return {"entity": record, "quotes": quotes[:ENTITY_QUOTES],
            "stories": [{**heads[s], "articles": members} for s, members in
                        sorted(stories.items(), key=lambda kv: (-len(kv[1]), kv[0])) if s in heads],
            "article_heads": store.article_heads(articles[:ENTITY_ARTICLES])}


# search


def search_page(store: Store, q: str, filters: Filters, page: int = 1, per_page: int = 20) -> dict[str, Any]:
    """A search: the query, its filters, how many match, one page of results (best first) with their snippets
    (or the quotes that match), and what the filters can be set to."""
    per_page = max(1, min(per_page, PAGE_MAX))
    page = max(1, page)
    found = search(store, q, filters, limit=per_page, offset=(page - 1) * per_page) if q.strip() else None
    entity = store.entity_heads([filters.entity]).get(filters.entity) if filters.entity else None
    story = store.story_heads([filters.story]).get(filters.story) if filters.story else None
    return {"q": q, "filters": {"from": filters.since, "to": filters.until, "outlet": filters.outlet,
                                "entity": filters.entity, "story": filters.story,
                                "in": "quotes" if filters.quotes else "articles"},
            "total": found.total if found else 0, "page": page, "per_page": per_page,
            "results": [r.record() for r in found.results] if found else [],
            "outlets": [{"outlet": o, "articles": n} for o, n in store.outlets()],
            "entity": entity, "story": story}
