"""Per-article analysis on the sample, against gold written by reading it (eval/gold/analysis.json).

Persons (with their roles), quotes (with their speakers), time expressions (with their calendar values)
and figures (with value and counted noun), each scored by where it is in the cleaned text: a system
item matches a gold item when their spans overlap and what they say agrees.

Run: python -m eval.analysis
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eval.common import PRF, SHARED, load_gold
from marsad.arabic import fold, proclitic_candidates, strip_article
from marsad.model import Article
from marsad.runner import process


@dataclass
class _Gold:
    start: int
    end: int
    item: dict
    used: bool = False


def occurrences(text: str, items: list[dict], key: str) -> list[_Gold]:
    """Every whole-word occurrence of each gold item's text, minus those inside a longer gold item's."""
    found = []
    for item in items:
        pattern = re.compile(rf"(?<!\w){re.escape(item[key])}(?!\w)")
        hits = [_Gold(m.start(), m.end(), item) for m in pattern.finditer(text)]
        if not hits:
            raise ValueError(f"gold text not in the article: {item[key]!r}")
        found += hits
    return [g for g in found if not any(o is not g and o.start <= g.start and g.end <= o.end
                                        and o.end - o.start > g.end - g.start for o in found)]


def _overlapping(golds: list[_Gold], start: int, end: int) -> list[_Gold]:
    return sorted((g for g in golds if g.start < end and start < g.end),
                  key=lambda g: min(end, g.end) - max(start, g.start), reverse=True)


def same_name(a: str | None, b: str | None) -> bool:
    """Equal after folding, or one a whole-word part of the other (قيادة العمليات المشتركة ~ القيادة)."""
    if not a or not b:
        return False
    x, y = (" ".join(strip_article(w) for w in fold(s).split()) for s in (a, b))
    return x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} "


def score_persons(a: Article, doc: dict) -> tuple[PRF, int, int]:
    names = {g["name"]: g for g in doc["persons"]}
    accepted = {fold(n) for g in doc["persons"] for n in [g["name"], *g.get("aliases", [])]}
    parts = {w for n in accepted for w in n.split()}
    persons = [m for m in a.entities if m.type == "PER"]
    system = {fold(m.text) for m in persons}
    s = PRF()
    s.tp = sum(1 for n in names if fold(n) in system)
    s.fn = len(names) - s.tp
    s.fp = sum(1 for n in system if n not in accepted and not set(n.split()) <= parts)
    roles = roles_right = 0
    for name, g in names.items():
        if not g.get("role"):
            continue
        roles += 1
        mine = [m for m in persons if fold(m.text) == fold(name) or fold(m.text) == fold(name).split()[-1]]
        roles_right += any(m.role and _role_holds(m.role, g["role"]) for m in mine)
    return s, roles, roles_right


def _role_holds(role: str, gold: str) -> bool:
    """The gold role is in the attached one, reading its first word without a clitic (للسفير = ل + السفير)."""
    first, _, rest = fold(role).partition(" ")
    return any(fold(gold) in f"{reading} {rest}" for reading in proclitic_candidates(first))


def score_quotes(a: Article, doc: dict) -> tuple[PRF, int, int]:
    """Speaker P/R, then how many gold quotes some system quote covers, out of how many."""
    golds = occurrences(a.text, doc["quotes"], "snippet")
    s = PRF()
    found = total = 0
    for q in a.quotes:
        over = _overlapping(golds, q.start, q.end)
        if not over:
            s.fp += 1
            continue
        right = [g for g in over if any(same_name(q.speaker, sp) for sp in g.item["speakers"])]
        for g in right:
            g.used = True
        if all(g.item.get("optional") for g in over):
            continue
        s.tp += bool(right)
        s.fp += not right
    for g in golds:
        if g.item.get("optional"):
            continue
        total += 1
        found += any(q.start < g.end and g.start < q.end for q in a.quotes)
        s.fn += not g.used
    return s, found, total


def score_values(a: Article, items: list, golds: list[_Gold], agree) -> PRF:
    s = PRF()
    for x in items:
        over = [g for g in _overlapping(golds, x.start, x.end) if not g.used]
        if over and over[0].item.get("optional"):
            continue
        if over and agree(x, over[0].item):
            over[0].used = True
            s.tp += 1
        else:
            s.fp += 1
    s.fn = sum(1 for g in golds if not g.used and not g.item.get("optional"))
    return s


def _time_agrees(t, g: dict) -> bool:
    return t.value == g["value"]


def _figure_agrees(f, g: dict) -> bool:
    def close(x, y):
        return x == y or x is not None and y is not None and abs(x - y) <= 1e-3 * max(abs(y), 1)
    gold_unit, unit = g.get("unit") or None, f.unit or None
    return close(f.value, g["value"]) and close(f.value_max, g.get("value_max")) and (
        gold_unit == unit or gold_unit is not None and unit is not None and fold(gold_unit) == fold(unit))


def evaluate() -> dict[str, float]:
    gold = load_gold("analysis")
    by_file = {a.source: a for a in process([SHARED / "seeds" / d["file"] for d in gold["documents"]])
               if isinstance(a, Article)}
    persons, quotes, times, figures = PRF(), PRF(), PRF(), PRF()
    roles = roles_right = quotes_found = quotes_gold = 0
    for doc in gold["documents"]:
        a = by_file[doc["file"]]
        p, r, rr = score_persons(a, doc)
        persons.add(p)
        roles, roles_right = roles + r, roles_right + rr
        q, found, total = score_quotes(a, doc)
        quotes.add(q)
        quotes_found, quotes_gold = quotes_found + found, quotes_gold + total
        times.add(score_values(a, a.times, occurrences(a.text, doc["times"], "text"), _time_agrees))
        figures.add(score_values(a, a.figures, occurrences(a.text, doc["figures"], "text"), _figure_agrees))
    print(f"persons:                 {persons.row()}")
    print(f"roles attached:          {roles_right}/{roles}")
    print(f"quotes found:            {quotes_found}/{quotes_gold}")
    print(f"quotes, right speaker:   {quotes.row()}")
    print(f"times, right value:      {times.row()}")
    print(f"figures, value and noun: {figures.row()}")
    return {
        "sample.persons_precision": persons.precision, "sample.persons_recall": persons.recall,
        "sample.roles_accuracy": roles_right / roles,
        "sample.quotes_found": quotes_found / quotes_gold,
        "sample.quote_speaker_precision": quotes.precision, "sample.quote_speaker_recall": quotes.recall,
        "sample.times_precision": times.precision, "sample.times_recall": times.recall,
        "sample.figures_precision": figures.precision, "sample.figures_recall": figures.recall,
    }


if __name__ == "__main__":
    evaluate()
