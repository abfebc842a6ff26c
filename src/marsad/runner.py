"""The main job as a library call: read, clean, identify, analyse, store; count everything."""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from marsad.analyse.entities import Entities
from marsad.analyse.figures import Figures
from marsad.analyse.quotes import Quotes
from marsad.analyse.times import Times
from marsad.clean import Clean
from marsad.errors import InputRefused
from marsad.ids import Identify
from marsad.ingest import read_paths
from marsad.model import Article
from marsad.pipeline import Pipeline, Step
from marsad.settings import DEFAULT, Settings
from marsad.store import Store
from marsad.store.schema import ANNOTATIONS


@dataclass
class RunReport:
    read: int = 0
    stored: int = 0
    present: int = 0
    refused: list[str] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)  # annotations of the stored articles, by key

    @property
    def ok(self) -> bool:
        return self.read > 0

    def merge(self, other: RunReport) -> None:
        self.read += other.read
        self.stored += other.stored
        self.present += other.present
        self.refused += other.refused
        self.removed.update(other.removed)
        self.found.update(other.found)


def default_steps(settings: Settings = DEFAULT) -> list[Step]:
    return [Clean(settings), Identify(), Entities(), Times(), Figures(), Quotes()]


def process(paths: Iterable[str | Path], settings: Settings = DEFAULT,
            steps: Sequence[Step] | None = None) -> Iterator[Article | InputRefused]:
    """Articles (and refusals) from files, through the pipeline: no store involved."""
    pipeline = Pipeline(default_steps(settings) if steps is None else steps)
    return pipeline.run(read_paths(paths, settings))


def run(paths: Iterable[str | Path], store: Store, settings: Settings = DEFAULT,
        steps: Sequence[Step] | None = None, batch: int = 500,
        on_item: Callable[[str | None], None] | None = None, workers: int = 1) -> RunReport:
    """Read ``paths``, put every article through the steps and store it, ``batch`` articles per transaction.

    ``on_item`` is called once per item read, with the refusal message if it was refused. With ``workers``
    above 1 the steps and the writes run in that many processes, each with its own connection to the same
    database (SQLite takes their transactions one at a time, so nothing is stored twice); this process only
    reads the input and hands out batches, a few at a time, so memory stays bounded."""
    pipeline = Pipeline(default_steps(settings) if steps is None else steps)
    items = read_paths(paths, settings)
    batches = iter(lambda: list(islice(items, batch)), [])
    report = RunReport()

    def take(part: RunReport, statuses: list[str | None]) -> None:
        report.merge(part)
        if on_item:
            for status in statuses:
                on_item(status)

    if workers <= 1:
        for chunk in batches:
            take(*_store_batch(pipeline, store, chunk))
        return report
    # fork is fast and shares what is loaded; a process with other threads (a progress bar) spawns instead
    context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(store.path, pipeline.steps)) as pool:
        pending: set[Future] = set()
        for chunk in batches:
            pending.add(pool.submit(_worker_batch, chunk))
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    take(*future.result())
        for future in as_completed(pending):
            take(*future.result())
    return report


def _store_batch(pipeline: Pipeline, store: Store,
                 chunk: list[Article | InputRefused]) -> tuple[RunReport, list[str | None]]:
    """One batch through the steps and into the store: what it counted, and each item's refusal or None."""
    part = RunReport()
    good: list[Article] = []
    statuses: list[str | None] = []
    for item in chunk:
        if isinstance(item, Article):
            item = pipeline.apply(item)
        if isinstance(item, InputRefused):
            part.refused.append(str(item))
            statuses.append(str(item))
            continue
        part.read += 1
        good.append(item)
        statuses.append(None)
    added, present = store.add(good)
    part.stored, part.present = len(added), len(present)
    for a in added:
        part.removed.update(r.reason for r in a.removed)
        part.found.update({key: len(getattr(a, key)) for key in ANNOTATIONS})
    return part, statuses


_worker: tuple[Pipeline, Store] | None = None  # each worker process's pipeline and connection


def _start_worker(path: str, steps: list[Step]) -> None:
    global _worker
    _worker = (Pipeline(steps), Store(path))


def _worker_batch(chunk: list[Article | InputRefused]) -> tuple[RunReport, list[str | None]]:
    assert _worker is not None, "the pool's initializer opens the worker's store"
    return _store_batch(*_worker, chunk)
