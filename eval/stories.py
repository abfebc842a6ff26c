"""Stories and events on SaudiNewsNet, against gold written by reading, beside a single-pass TF-IDF baseline.
Nine sets, each of three days (eval/gold/stories/):

- saudinewsnet.json, 1-3 August 2015: 318 articles, 129 stories, 195 events; its stories split two thirds dev,
  one third test;
- saudinewsnet-later.json, 8-10 August 2015: written after the events' weights were set, and scored whole; no
  weight was chosen on it until stop 24, when two changes (a lead's background day; the lead as the body's first
  sentences) were chosen on it too;
- saudinewsnet-july.json, 25-27 July 2015: 421 articles, 81 stories, 158 events, written in stop 24 by two
  readers working apart, without seeing marsad's output; held out and scored once (events .802), then used to
  choose too;
- saudinewsnet-july21.json, 21-23 July 2015: 390 articles, 78 stories, 142 events, written after that by two more
  readers working apart; held out, scored whole once at the end of stop 24, then used to choose in stop 25;
- saudinewsnet-aug.json, 4, 6 and 7 August 2015: 423 articles, 86 stories, 138 events, written in stop 25 by two
  more readers working apart; held out, scored whole once at the end of stop 25 (the four sets before were all
  used to choose that stop's changes), then used to choose in stop 26;
- saudinewsnet-sixth.json, 24 July, 31 July and 11 August 2015 (the days left): 463 articles (one has no text),
  74 stories, 208 events, written at the end of stop 25 by two more readers, each taking one story of 20 or more
  articles whole; held out in stop 26 (the five sets before were all used to choose its changes), scored whole
  once at its end;
- saudinewsnet-seventh.json, 4, 6 and 7 August 2015 again, but only stories none of whose articles is in the aug
  set: 674 articles, 49 stories, 258 events, written in stop 27 by two more readers, each taking one very large
  story whole (the Asir mosque bombing, 314 articles; the new Suez Canal's opening, 117); held out in stop 27 (the
  six sets before were all used to choose its changes), scored whole once at its end;
- saudinewsnet-eighth.json, 25-27 July 2015 again, but only stories none of whose articles is in the july set:
  367 articles, 49 stories, 127 events, written at the end of stop 27 by two more readers (Turkey's campaign
  against ISIS and the PKK taken whole, 93 articles; the 2018 World Cup qualifying draw, 45); held out for the
  next stop, not scored in stop 27; scored once at the end of stop 28;
- saudinewsnet-ninth.json, 1-3 August 2015 again, but only stories none of whose articles is in the first set:
  451 articles, 113 stories, 197 events, written at the start of stop 29 by two more readers (no story of 20 or
  more articles was free of the first set's: the largest are the Saudi scouts at the World Scout Jamboree, 21,
  and the Taiz front in Yemen, 10); held out in stop 29 (the eight sets before were all used to choose its
  changes), scored whole once at its end.

    python -m eval.stories                       the first set's dev stories
    python -m eval.stories --split test          its other third
    python -m eval.stories --gold later          the later set, whole
    python -m eval.stories --gold july           the set of 25-27 July, whole
    python -m eval.stories --gold july21         the set of 21-23 July, whole
    python -m eval.stories --gold aug            the set of 4, 6 and 7 August, whole (held out in stop 25)
    python -m eval.stories --gold sixth          the set of 24 July, 31 July and 11 August, whole (held out in 26)
    python -m eval.stories --gold seventh        other stories of 4, 6 and 7 August, whole (held out in 27)
    python -m eval.stories --gold eighth         other stories of 25-27 July, whole (held out in stop 28)
    python -m eval.stories --gold ninth          other stories of 1-3 August, whole (held out in stop 29)
    python -m eval.stories --agreement           how far two readers agree on events

All the articles of the three days are read and analysed as marsad run reads them (title line and content,
their outlet, URL and crawl day as the date given), into a database kept in .cache/ (reused: only new step
versions are run again); then linked in memory, the way the step links them, and scored on the gold articles
(the others are there as they are on a real night: articles on other topics to keep apart). B-cubed and
pairwise precision, recall and F1, for stories and for events. The baseline: one pass over the articles in
date order, each joining the cluster whose TF-IDF centroid it is most similar to, with time decay, if above a
threshold (Priberam's design), run once at the threshold best for stories and once at the one best for events.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from benchmarks.corpus import write_pages
from eval.common import GOLD, PRF, REPO, SHARED
from marsad.link.copies import Copies
from marsad.link.stories import DEFAULT_WEIGHTS, State, Stories, Weights
from marsad.runner import run
from marsad.store import Store

CACHE = REPO / ".cache" / "eval"


@dataclasses.dataclass(frozen=True)
class GoldSet:
    file: str  # in eval/gold/stories/
    days: tuple[str, ...]
    cache: str  # the name of its corpus and database in .cache/eval/
    split: bool  # its stories split dev and test (else scored whole, as "all")


GOLD_SETS = {
    "first": GoldSet("saudinewsnet.json", ("2015-08-01", "2015-08-02", "2015-08-03"), "saudinewsnet-3days", True),
    "later": GoldSet("saudinewsnet-later.json", ("2015-08-08", "2015-08-09", "2015-08-10"),
                     "saudinewsnet-later-3days", False),
    "july": GoldSet("saudinewsnet-july.json", ("2015-07-25", "2015-07-26", "2015-07-27"), "saudinewsnet-july-3days",
                    False),
    "july21": GoldSet("saudinewsnet-july21.json", ("2015-07-21", "2015-07-22", "2015-07-23"),
                      "saudinewsnet-july21-3days", False),
    "aug": GoldSet("saudinewsnet-aug.json", ("2015-08-04", "2015-08-06", "2015-08-07"), "saudinewsnet-aug-3days",
                   False),
    "sixth": GoldSet("saudinewsnet-sixth.json", ("2015-07-24", "2015-07-31", "2015-08-11"),
                     "saudinewsnet-sixth-3days", False),
    "seventh": GoldSet("saudinewsnet-seventh.json", ("2015-08-04", "2015-08-06", "2015-08-07"),
                       "saudinewsnet-aug-3days", False),
    "eighth": GoldSet("saudinewsnet-eighth.json", ("2015-07-25", "2015-07-26", "2015-07-27"),
                      "saudinewsnet-july-3days", False),
    "ninth": GoldSet("saudinewsnet-ninth.json", ("2015-08-01", "2015-08-02", "2015-08-03"), "saudinewsnet-3days",
                     False),
}
FIRST = GOLD_SETS["first"]
DAYS = FIRST.days


def gold(gs: GoldSet = FIRST) -> dict:
    return json.loads((GOLD / "stories" / gs.file).read_text("utf-8"))


def split_of(story: str, gs: GoldSet = FIRST) -> str:
    if not gs.split:
        return "all"
    return "test" if int(hashlib.sha256(story.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def corpus(days: Iterable[str] | None = DAYS, name: str = FIRST.cache) -> Path:
    """These days of SaudiNewsNet (all when None) as marsad run reads a crawl (:func:`write_pages`)."""
    return write_pages(CACHE / f"{name}.jsonl", days)


def analysed(gs: GoldSet = FIRST) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"{gs.cache}.db"
    with Store(db) as store:
        run([corpus(gs.days, gs.cache)], store, across=(Copies(),))
    return db


def clusters(step: Stories, db: Path, copies: bool = True, only: set[str] | None = None
             ) -> dict[str, tuple[str, str]]:
    """Every article's (story, event), linked in memory in one pass; ``copies``: the copies stored, which
    join their originals (the baseline knows none); ``only``: these articles alone, as a store of only them."""
    with Store(db, readonly=True) as store:
        sigs = [(a.id, step.signature(a)) for a in store.articles() if only is None or a.id in only]
        found = store.copy_originals(a for a, _ in sigs) if copies else {}
        state = State(copies={a: o for a, o in found.items() if only is None or o in only})
    return step.reduce(sigs, state).state.assigned


def bcubed(system: dict[str, str], truth: dict[str, str]) -> PRF:
    """B-cubed precision and recall over the gold items (as counts scaled to 1000 per item)."""
    by_sys, by_gold = defaultdict(set), defaultdict(set)
    for item in truth:
        by_sys[system[item]].add(item)
        by_gold[truth[item]].add(item)
    p = sum(len(by_sys[system[i]] & by_gold[truth[i]]) / len(by_sys[system[i]]) for i in truth) / len(truth)
    r = sum(len(by_sys[system[i]] & by_gold[truth[i]]) / len(by_gold[truth[i]]) for i in truth) / len(truth)
    return _prf(p, r)


def pairwise(system: dict[str, str], truth: dict[str, str]) -> PRF:
    items = sorted(truth)
    s = PRF()
    for n, a in enumerate(items):
        for b in items[n + 1:]:
            same_sys, same_gold = system[a] == system[b], truth[a] == truth[b]
            s.tp += same_sys and same_gold
            s.fp += same_sys and not same_gold
            s.fn += same_gold and not same_sys
    return s


def _prf(p: float, r: float) -> PRF:
    out = PRF()
    out.tp, out.fp, out.fn = round(1000 * p), round(1000 * (1 - p)), 0
    out.fn = round(out.tp / r - out.tp) if r else 1000
    return out


def gold_ids(gs: GoldSet, split: str) -> dict[str, dict]:
    """The gold's articles of the split, by their ids in the corpus."""
    with Store(analysed(gs), readonly=True) as store:
        by_url = dict(store.query("SELECT url, id FROM articles WHERE url IS NOT NULL"))
    return {by_url[a["url"]]: a for a in gold(gs)["articles"]
            if a["url"] in by_url and split_of(a["story"], gs) == split}


def score(assigned: dict[str, tuple[str, str]], split: str, events_of: int = 1, gs: GoldSet = FIRST
          ) -> dict[str, PRF]:
    """B-cubed and pairwise scores of stories (each article's first label) and events (its ``events_of``-th:
    1, the event; 0 for a baseline whose clusters are compared with the events)."""
    items = gold_ids(gs, split)
    sys_stories = {i: assigned[i][0] for i in items}
    sys_events = {i: assigned[i][events_of] for i in items}
    stories = {i: a["story"] for i, a in items.items()}
    events = {i: a["event"] for i, a in items.items()}
    return {"stories b3": bcubed(sys_stories, stories), "stories pairs": pairwise(sys_stories, stories),
            "events b3": bcubed(sys_events, events), "events pairs": pairwise(sys_events, events)}


def baseline(threshold: float) -> Stories:
    return Stories(dataclasses.replace(DEFAULT_WEIGHTS, story_min=threshold, merge_min=9.0, small_story=0,
                                       lead_weight=0.0, background=0.0),
                   events=False, names=False)


def evaluate(split: str = "dev", quiet: bool = False, weights: Weights = DEFAULT_WEIGHTS, gs: GoldSet = FIRST,
             alone: bool = False) -> dict[str, float]:
    """``split``: dev or test of a set whose stories are split, else all; ``alone``: the gold's articles of the
    split linked alone, as a store of only them would link them (a night's few hundred articles in a new store),
    not among all the articles of their days."""
    split = split if gs.split else "all"
    db = analysed(gs)
    only = set(gold_ids(gs, split)) if alone else None
    mine = score(clusters(Stories(weights), db, only=only), split, gs=gs)
    runs = {t: clusters(baseline(t), db, copies=False, only=only) for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6)}
    base_story = max((score(a, split, gs=gs) for a in runs.values()), key=lambda s: s["stories b3"].f1)
    base_event = max((score(a, split, events_of=0, gs=gs) for a in runs.values()), key=lambda s: s["events b3"].f1)
    if not quiet:
        g = gold(gs)
        among = "linked alone" if alone else \
            f"among {sum(1 for _ in corpus(gs.days, gs.cache).open())} of {', '.join(gs.days)}"
        print(f"{gs.file}, split {split}: {sum(1 for a in g['articles'] if split_of(a['story'], gs) == split)} gold "
              f"articles {among}")
        print(f"{'':<14} | {'marsad':<30} | baseline (single-pass TF-IDF with time decay, its best threshold)")
        for key in ("stories b3", "stories pairs"):
            print(f"{key:<14} | {_row(mine[key]):<30} | {_row(base_story[key])}")
        for key in ("events b3", "events pairs"):
            print(f"{key:<14} | {_row(mine[key]):<30} | {_row(base_event[key])}")
    return {f"stories.{split}.{k.replace(' ', '_')}_{m}": getattr(v, m) for k, v in mine.items()
            for m in ("precision", "recall", "f1")}


def anc19_purity() -> dict[str, float]:
    """Different topics must not merge: the 2,910 anc19 articles (19 countries, six categories, no dates, no
    outlets: they join by content alone) linked by the step; how many stories of several articles hold
    articles of more than one category, and the B-cubed precision of the stories against the categories."""
    root = SHARED / "data" / "anc19"
    category = {f.name: d.name for d in root.iterdir() if d.is_dir() for f in d.glob("*.txt")}
    db = CACHE / "anc19.db"
    with Store(db) as store:
        run(sorted(root.iterdir()), store, across=(Copies(),))
    with Store(db, readonly=True) as store:
        sources = {article.id: category[article.source] for article in store.articles()}
    assigned = clusters(Stories(), db)
    stories = {a: assigned[a][0] for a in sources}
    groups: dict[str, set[str]] = defaultdict(set)
    for a, s in stories.items():
        groups[s].add(sources[a])
    sizes = Counter(stories.values())
    several = [s for s, n in sizes.items() if n > 1]
    mixed = [s for s in several if len(groups[s]) > 1]
    precision = bcubed(stories, sources).precision
    print(f"anc19: {len(sources)} articles in {len(sizes)} stories, {len(several)} of several articles; "
          f"{len(mixed)} of these mix categories; B-cubed precision against the categories {precision:.3f}")
    return {"stories.anc19.mixed": len(mixed) / max(1, len(several)), "stories.anc19.precision": precision}


def agreement() -> None:
    """How far two readers agree on events (saudinewsnet-later-relabel.json: 36 stories of the later set whose
    events a third reader wrote by reading), beside marsad's events on the same articles, against the gold's."""
    later = GOLD_SETS["later"]
    events = {a["url"]: a["event"] for a in gold(later)["articles"]}
    relabel = json.loads((GOLD / "stories" / "saudinewsnet-later-relabel.json").read_text("utf-8"))["stories"]
    second = {u: f"{s['story']}:{n}" for s in relabel for n, e in enumerate(s["events"]) for u in e["urls"]}
    truth = {u: events[u] for u in second}
    db = analysed(later)
    with Store(db, readonly=True) as store:
        id_of = dict(store.query("SELECT url, id FROM articles WHERE url IS NOT NULL"))
    mine = clusters(Stories(), db)
    print(f"events of {len(relabel)} stories of the later set ({len(second)} articles), B-cubed against the gold's:")
    print(f"  a second reader | {_row(bcubed(second, truth))}")
    print(f"  marsad          | {_row(bcubed({u: mine[id_of[u]][1] for u in second}, truth))}")


def _row(p: PRF) -> str:
    return f"P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test"], default="dev", help="of the first set")
    ap.add_argument("--gold", choices=sorted(GOLD_SETS), default="first")
    ap.add_argument("--agreement", action="store_true", help="how far two readers agree on events")
    ap.add_argument("--alone", action="store_true",
                    help="link the gold's articles alone, as a new store of only them (not among their days')")
    args = ap.parse_args(argv)
    if args.agreement:
        agreement()
        return 0
    evaluate(args.split, gs=GOLD_SETS[args.gold], alone=args.alone)
    if not args.alone:
        anc19_purity()
    return 0


if __name__ == "__main__":
    sys.exit(main())

