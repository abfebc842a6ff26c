"""One measured run in its own process: prints its time, counts and peak memory as JSON.

    python -m benchmarks.worker MODE CORPUS DB [WORKERS]

MODE: ``run`` (marsad run on CORPUS into DB: a first run on a new database, a rerun on one that holds it),
``reanalyse:STEP`` (STEP's version raised, as an upgrade of marsad would, then every stored article brought
up to date), ``clean`` (the cleaner alone, into a new database).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.profile import Timed
from marsad.clean import Clean
from marsad.pipeline import Step
from marsad.runner import RunReport, default_steps, reanalyse, run
from marsad.store import Store


def measure(mode: str, corpus: Path, db: Path, workers: int, spent: dict[str, float]) -> RunReport:
    steps: list[Step] = [Clean()] if mode == "clean" else default_steps()
    if mode.startswith("reanalyse:"):
        name = mode.split(":", 1)[1]
        step = next(s for s in steps if s.name == name)
        type(step).version += 1  # what an upgrade that changes this step does
    if workers == 1:
        steps = [Timed(step, spent) for step in steps]
    with Store(db) as store:
        if mode.startswith("reanalyse:"):
            return reanalyse(store, steps=steps)
        return run([corpus], store, steps=steps, workers=workers)


def main() -> None:
    mode, corpus, db = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    workers = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    spent: dict[str, float] = defaultdict(float)
    start = time.perf_counter()
    report = measure(mode, corpus, db, workers, spent)
    elapsed = time.perf_counter() - start
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(json.dumps({"mode": mode, "workers": workers, "seconds": elapsed, "peak_mb": peak,
                      "read": report.read, "stored": report.stored, "present": report.present,
                      "updated": report.updated, "steps_seconds": sum(spent.values()) if workers == 1 else None}))


if __name__ == "__main__":
    main()
