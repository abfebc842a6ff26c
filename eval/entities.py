"""Entities across articles on SaudiNewsNet, against gold written by reading (eval/gold/entities/saudinewsnet.json:
120 persons, organisations and places named in 245 of the articles of three days, 1,073 mentions, with people
who share a family name, bodies that share a word and places that share a name), beside a baseline that
makes one entity of every mention with the same type and folded name.

    python -m eval.entities                  the dev entities (two thirds of them, split by the entity's id)
    python -m eval.entities --errors         also list the pairs wrongly merged and the mentions left apart
    python -m eval.entities --split test     the held-out third (scored once, at the end of a round)

All 3,942 articles of the three days are read and analysed as marsad run reads them (the corpus of
eval/stories.py, analysed into a database kept in .cache/ for as long as the analysis's code and model stay the
same), their stories linked in memory, then their entities, the way the steps link them. A gold mention (an
article's URL and a form of the name as written) is found at every place its article writes it (a proclitic
before it allowed; not where it is only part of a longer gold name, as the gold's writer counted it) and takes
the entity of marsad's mention there (the most frequent, over its places). Scores are pairwise over the gold
mentions of the split: precision of the pairs put in one entity, recall of the pairs of one gold entity.
'linking' counts only the gold mentions the per-article analysis found whole (a mention covers the name: what
this step is given); 'end to end' counts every gold mention (one not found, or found cut short, is an entity of
its own or the entity of what was found).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eval import stories
from eval.common import GOLD, PRF, REPO
from marsad.arabic import fold, fold_with_offsets
from marsad.link.entities import Entities, State
from marsad.link.stories import State as StoryState
from marsad.link.stories import Stories
from marsad.runner import run
from marsad.store import Store

GOLD_FILE = GOLD / "entities" / "saudinewsnet.json"


def gold() -> dict[str, Any]:
    return json.loads(GOLD_FILE.read_text("utf-8"))


def split_of(entity: str) -> str:
    return "test" if int(hashlib.sha256(entity.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def occurrences(text: str, form: str) -> list[tuple[int, int]]:
    """Where ``text`` writes ``form`` (folded comparison, whole words, a proclitic before it allowed; after
    ل the article's alef may be gone: للأمم)."""
    folded, index = fold_with_offsets(text)
    q = fold(form)
    spans = []
    pattern = r"(?<![^\W\d_])(?:[وفبكل]{0,2})(" + re.escape(q) + r")(?![^\W\d_])"
    spans += [(index[m.start(1)], index[m.end(1)]) for m in re.finditer(pattern, folded)]
    if q.startswith("ال"):
        pattern = r"(?<![^\W\d_])(?:[وف]?لل)(" + re.escape(q[2:]) + r")(?![^\W\d_])"
        spans += [(index[m.start(1)] - 2, index[m.end(1)]) for m in re.finditer(pattern, folded)]
    return sorted(set(spans))


def linked(db: Path, step: Entities | None = None) -> tuple[dict[str, list[tuple[int, int, str]]],
                                                              dict[str, list[tuple[int, int, str]]], dict[str, str]]:
    """Every article's mentions with their entity as the step links them (in memory, all at once, after the
    stories), the per-article mentions with the baseline's entity (type and folded name), and the URL of each
    article."""
    step = step or Entities()
    story_step = Stories()
    with Store(db, readonly=True) as store:
        articles = list(store.articles())
    urls = {a.id: a.url or "" for a in articles}
    assigned = story_step.reduce([(a.id, story_step.signature(a)) for a in articles], StoryState()).state.assigned
    state = State(story_of={a: s for a, (s, _) in assigned.items()})
    outcome = step.reduce([(a.id, step.signature(a)) for a in articles], state)
    mine = {a: [(m[1], m[2], e) for m, e, *_ in rows] for a, rows in outcome.assigned.items()}
    base = {a.id: [(m.start, m.end, f"{m.type}:{' '.join(fold(m.name or m.text).split())}") for m in a.entities
                   if m.type in ("PER", "ORG", "LOC")] for a in articles}
    return mine, base, urls


def gold_items(split: str, texts: Mapping[str, str], ids: Mapping[str, str]
               ) -> list[tuple[str, str, str, list[tuple[int, int]]]]:
    """(gold entity, article, form, places) of every gold mention of the split whose article is in the
    corpus; places inside a longer gold form of the same article (of another entity, or another form) are
    left out."""
    g = gold()
    by_article: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for e in g["entities"]:
        for m in e["mentions"]:
            if m["url"] in ids:
                by_article[ids[m["url"]]].append((e["id"], m["text"]))
    out = []
    for article, forms in sorted(by_article.items()):
        places = {(eid, form): occurrences(texts[article], form) for eid, form in set(forms)}
        for (eid, form), spans in sorted(places.items()):
            if split_of(eid) != split:
                continue
            inner = [(s, e) for s, e in spans if not any(
                (s2 <= s and e <= e2 and (s2, e2) != (s, e)) for (eid2, f2), sp2 in places.items()
                if len(fold(f2)) > len(fold(form)) for s2, e2 in sp2)]
            out.append((eid, article, form, inner or spans))
    return out


def label(places: list[tuple[int, int]], mentions: list[tuple[int, int, str]]) -> str | None:
    """The entity of the mentions at these places (the one most places have), None where there is none."""
    votes: Counter[str] = Counter()
    for s, e in places:
        over = [(min(e, me) - max(s, ms), ent) for ms, me, ent in mentions if ms < e and s < me]
        if over:
            votes[max(over)[1]] += 1
    return votes.most_common(1)[0][0] if votes else None


def covered(places: list[tuple[int, int]], mentions: list[tuple[int, int, str]]) -> bool:
    """Whether the per-article analysis found the name at one of these places whole: a mention covers it (its
    first letters may be missing, taken for a proclitic: زارة in وزارة)."""
    return any(ms <= s + CUT_SLACK and e <= me for s, e in places for ms, me, _ in mentions)


CUT_SLACK = 2  # letters of a name's first word the per-article analysis may have taken for proclitics


def pairwise(items: list[tuple[str, str | None]]) -> tuple[PRF, list[tuple[int, int]], list[tuple[int, int]]]:
    """Pairs of items in one system entity that are in one gold entity (tp), are not (fp), pairs of one gold
    entity apart (fn); with the indexes of the false and missed pairs."""
    s = PRF()
    false, missed = [], []
    for i, (g1, s1) in enumerate(items):
        for j in range(i + 1, len(items)):
            g2, s2 = items[j]
            same_sys = s1 is not None and s1 == s2
            same_gold = g1 == g2
            if same_sys and same_gold:
                s.tp += 1
            elif same_sys:
                s.fp += 1
                false.append((i, j))
            elif same_gold:
                s.fn += 1
                missed.append((i, j))
    return s, false, missed


def analysed() -> Path:
    """The three days read and analysed by this marsad's per-article analysis: a database in .cache/ named by a
    fingerprint of the analysis's code, model and word lists (a tagger changed without a new step version is
    not mistaken for the one that made the cache)."""
    root = REPO / "src" / "marsad"
    parts = sorted([*(root / "analyse").rglob("*.py"), *(root / "analyse").rglob("*.json"),
                    *(root / "analyse").rglob("*.txt"), *(root / "analyse").rglob("*.crfsuite"),
                    *(root / "clean").rglob("*.py"), *(root / "clean").rglob("*.json"), *(root / "arabic").rglob("*")])
    digest = hashlib.sha256()
    for path in parts:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    db = stories.CACHE / f"saudinewsnet-3days-analysis-{digest.hexdigest()[:12]}.db"
    if not db.exists():
        for old in stories.CACHE.glob("saudinewsnet-3days-analysis-*.db*"):
            old.unlink()
    with Store(db) as store:
        run([stories.corpus()], store, across=(), workers=2)
    return db


def evaluate(split: str = "dev", errors: bool = False, quiet: bool = False) -> dict[str, float]:
    db = analysed()
    with Store(db, readonly=True) as store:
        ids = dict(store.query("SELECT url, id FROM articles WHERE url IS NOT NULL"))
        texts = dict(store.query("SELECT id, text FROM articles"))
    mine, base, _ = linked(db)
    items = gold_items(split, texts, ids)
    rows = [(eid, article, form, label(places, mine.get(article, [])), label(places, base.get(article, [])),
             covered(places, base.get(article, []))) for eid, article, form, places in items]
    found = [r for r in rows if r[5]]
    results = {}
    for scope, chosen in (("linking", found), ("end to end", rows)):
        for who, col in (("marsad", 3), ("baseline", 4)):
            labelled = [(r[0], r[3] if col == 3 else r[4]) for r in chosen]
            results[scope, who] = pairwise(labelled)
    if not quiet:
        n_entities = len({r[0] for r in rows})
        print(f"split {split}: {len(rows)} gold mentions of {n_entities} entities in "
              f"{len({r[1] for r in rows})} articles; the per-article analysis found {len(found)}")
        print(f"{'':<12} | {'marsad':<48} | baseline (one entity per type and folded name)")
        for scope in ("linking", "end to end"):
            print(f"{scope:<12} | {results[scope, 'marsad'][0].row():<48} | {results[scope, 'baseline'][0].row()}")
        _confusable(found, split)
    if errors and not quiet:
        _errors(found, results["linking", "marsad"])
    return {f"entities.{split}.{scope.replace(' ', '_')}_{m}": getattr(results[scope, "marsad"][0], m)
            for scope in ("linking", "end to end") for m in ("precision", "recall")}


def _confusable(rows: list[tuple[Any, ...]], split: str) -> None:
    """The gold's pairs of entities that must not merge (both in the split): how many were merged, over the gold
    mentions the per-article analysis found."""
    by_entity: dict[str, set[str]] = defaultdict(set)
    for eid, _, _, sys_label, *_ in rows:
        if sys_label:
            by_entity[eid].add(sys_label)
    pairs = [(a, b, why) for a, b, why in gold()["confusable"] if split_of(a) == split and split_of(b) == split]
    merged = [(a, b, why) for a, b, why in pairs if by_entity[a] & by_entity[b]]
    print(f"pairs of entities that must stay apart (both in the split): {len(pairs)}, merged: {len(merged)}")
    for a, b, why in merged:
        print(f"  MERGED {a} {b}: {why}")


def _errors(rows: list[tuple[Any, ...]], result: tuple[PRF, list[tuple[int, int]], list[tuple[int, int]]]) -> None:
    _, false, missed = result
    print("\nwrongly merged (gold entity: form [article] ~ gold entity: form [article]):")
    seen: set[tuple[str, str, str, str]] = set()
    for i, j in false:
        key = (rows[i][0], rows[i][2], rows[j][0], rows[j][2])
        if key not in seen:
            seen.add(key)
            print(f"  {rows[i][0]}: {rows[i][2]} [{rows[i][1]}] ~ {rows[j][0]}: {rows[j][2]} [{rows[j][1]}]")
    print("\nkept apart (gold entity: the system's entities and the forms in each):")
    by_gold: dict[str, dict[str | None, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        by_gold[r[0]][r[3]].append(f"{r[2]} [{r[1][:6]}]")
    missed_entities = sorted({rows[i][0] for i, _ in missed})
    for eid in missed_entities:
        groups = by_gold[eid]
        print(f"  {eid}: " + " | ".join(f"{k}: {', '.join(v)}" for k, v in sorted(groups.items(), key=lambda kv: (
            -len(kv[1]), str(kv[0])))))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--errors", action="store_true", help="list wrong merges and mentions kept apart (dev only)")
    args = ap.parse_args(argv)
    if args.errors and args.split == "test":
        ap.error("--errors lists the dev split only: the test split is scored, never read")
    evaluate(args.split, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
