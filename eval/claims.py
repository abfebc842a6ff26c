"""Disagreement between two statements on one subject, on ANS (Arabic News Stance: real headlines s1 paired
with rewrites s2 labelled agree / disagree / other; ../shared/data/ans/stance). A pair is flagged when
:func:`marsad.link.claims.compare` gives a verdict; scored as precision / recall / F1 of "disagree", overall and
per kind of verdict (a kind's recall is the share of all disagreeing pairs it finds), beside a baseline in the
same run: a pair is flagged when its numbers differ or one side has a negating word the other lacks.

The word lists (marsad/link/data/claims.json) and thresholds (marsad.link.claims.Thresholds) were written and
tuned on the train split only, its errors read with --errors; dev is reported, its scores looked at only as the
totals below (never its pairs), and the test split is not here. Precision comes first: a false dispute costs the
analyst's trust, so rules that held on train but flagged wrong sentence pairs of SaudiNewsNet stories (read by
hand) were tightened even where that cost recall here.

Run: python -m eval.claims            (dev, then train)
     python -m eval.claims --errors   (train only: the pairs flagged wrongly, and a sample of the missed ones)
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from collections.abc import Callable

from eval.common import PRF, SHARED
from marsad.analyse.figures import find_figures
from marsad.arabic import fold, tokens
from marsad.link.claims import KINDS, Verdict, compare

STANCE = SHARED / "data" / "ans" / "stance"
# the baseline's negating words (folded, whole words)
BASELINE_NEGATORS = frozenset(fold(w) for w in ("لا", "لم", "لن", "ليس", "ليست", "غير", "عدم", "نفى", "ينفي",
                                                "تنفي", "نفت", "بدون", "دون", "بلا"))


def pairs(split: str) -> list[tuple[str, str, str]]:
    with (STANCE / f"{split}.csv").open(encoding="utf-8") as f:
        return [(row["s1"], row["s2"], row["stance"]) for row in csv.DictReader(f)]


def _numbers(text: str) -> frozenset[float]:
    """Every number written: digits anywhere, and figures written in words."""
    found = {float(d) for d in re.findall(r"\d+(?:\.\d+)?", fold(text).replace(",", ""))}
    found |= {float(f.value) for f in find_figures(text) if f.value is not None}
    return frozenset(found)


def _negated(text: str) -> bool:
    return any(fold(t.text) in BASELINE_NEGATORS for t in tokens(text))


def baseline(a: str, b: str) -> Verdict | None:
    na, nb = _numbers(a), _numbers(b)
    if na and nb and na != nb:
        return Verdict("figure", "numbers differ")
    if _negated(a) != _negated(b):
        return Verdict("negation", "negation on one side")
    return None


def score(split: str, judge: Callable[[str, str], Verdict | None]) -> tuple[PRF, dict[str, PRF], list]:
    total, by_kind = PRF(), {k: PRF() for k in KINDS}
    flagged = []
    data = pairs(split)
    disagreeing = sum(stance == "disagree" for *_, stance in data)
    for a, b, stance in data:
        v = judge(a, b)
        gold = stance == "disagree"
        if v is None:
            total.fn += gold
            continue
        flagged.append((a, b, stance, v))
        total.tp += gold
        total.fp += not gold
        by_kind[v.kind].tp += gold
        by_kind[v.kind].fp += not gold
    for k in by_kind.values():
        k.fn = disagreeing - k.tp  # a kind's recall: its share of all disagreeing pairs
    return total, by_kind, flagged


def report(split: str) -> dict[str, float]:
    print(f"== {split} split ({Counter(s for *_, s in pairs(split))})")
    out = {}
    for name, judge in (("marsad.link.claims", compare), ("baseline: numbers differ or one-sided negation",
                                                          baseline)):
        total, by_kind, _ = score(split, judge)
        print(f"{name:<48} {total.row()}")
        for kind, prf in by_kind.items():
            if prf.tp + prf.fp:
                print(f"  {kind:<46} {prf.row()}")
        if judge is compare:
            out = {f"claims.{split}.precision": total.precision, f"claims.{split}.recall": total.recall}
    return out


def errors(limit: int) -> None:
    """On the train split only: the pairs flagged wrongly (all) and the first missed ones."""
    _, _, flagged = score("train", compare)
    print("== flagged, not disagreeing (train)")
    for a, b, stance, v in flagged:
        if stance != "disagree":
            print(f"[{v.kind}: {v.detail}] {stance}\n  {a}\n  {b}")
    flagged_pairs = {(a, b) for a, b, *_ in flagged}
    print("== disagreeing, missed (train)")
    missed = [(a, b) for a, b, stance in pairs("train") if stance == "disagree" and (a, b) not in flagged_pairs]
    for a, b in missed[:limit]:
        print(f"  {a}\n  {b}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the train split's errors (never dev's)")
    parser.add_argument("--limit", type=int, default=60, help="how many missed pairs --errors lists")
    args = parser.parse_args()
    if args.errors:
        errors(args.limit)
        return
    report("dev")
    report("train")


if __name__ == "__main__":
    main()
