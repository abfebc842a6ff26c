"""The evaluation gate: every metric must stay at or above its pinned floor (eval/floors.json).

    python -m eval.gate            check (CI runs this through the tests)
    python -m eval.gate --update   raise floors to today's scores; never lowers one
    python -m eval.gate --update --allow-regression "why"   lower a floor, recording the reason
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Callable
from pathlib import Path

from eval import analysis, claims, cleaning, regions, times

FLOORS = Path(__file__).resolve().parent / "floors.json"


def _regions() -> dict[str, float]:
    """The cross-region development gold (its dev split: the test split is scored only at the end of a round)."""
    return {f"regions.{k}": v for k, v in regions.evaluate("dev", quiet=True).items()}


def _claims() -> dict[str, float]:
    return claims.report("dev")


SUITES: list[Callable[[], dict[str, float]]] = [cleaning.evaluate, times.evaluate, analysis.evaluate, _regions,
                                                 _claims]


def measure() -> dict[str, float]:
    scores: dict[str, float] = {}
    for suite in SUITES:
        scores.update(suite())
    return {k: round(v, 4) for k, v in scores.items() if not k.startswith("baseline.")}


def check(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    failures = [f"{k}: {scores[k]:.4f} < floor {v:.4f}" for k, v in floors.items() if k in scores and scores[k] < v]
    failures += [f"{k}: pinned but no longer measured" for k in floors if k not in scores]
    return failures


def update(scores: dict[str, float], doc: dict, reason: str | None) -> dict:
    floors = doc.setdefault("floors", {})
    for k, v in scores.items():
        old = floors.get(k)
        if old is not None and v < old:
            if not reason:
                raise SystemExit(f"refusing to lower {k} from {old} to {v} without --allow-regression REASON")
            doc.setdefault("history", []).append(
                {"date": datetime.date.today().isoformat(), "metric": k, "old": old, "new": v, "reason": reason})
        floors[k] = v
    return doc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--allow-regression", metavar="REASON")
    args = ap.parse_args(argv)
    doc = json.loads(FLOORS.read_text("utf-8")) if FLOORS.exists() else {"floors": {}, "history": []}
    scores = measure()
    if args.update:
        FLOORS.write_text(json.dumps(update(scores, doc, args.allow_regression), ensure_ascii=False, indent=2) + "\n")
        print(f"floors written to {FLOORS}")
        return 0
    failures = check(scores, doc["floors"])
    for f in failures:
        print("FAIL", f)
    print("gate:", "failed" if failures else "passed", f"({len(doc['floors'])} floors)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
