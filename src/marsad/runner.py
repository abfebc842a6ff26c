"""The main job as a library call: read, clean, identify, analyse, store; count everything."""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter
from pathlib import Path
from queue import Empty

from marsad.analyse.entities import Entities
from marsad.analyse.figures import Figures
from marsad.analyse.quotes import Quotes
from marsad.analyse.times import Times
from marsad.clean import Clean
from marsad.errors import InputRefused
from marsad.ids import Identify
from marsad.ingest import Shard, read_paths
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
    above 1, that many processes each read their own share of the input (:class:`~marsad.ingest.Shard`),
    run the steps and write through their own connection to the same database (SQLite takes their
    transactions one at a time, so nothing is stored twice); this process only gathers their counts."""
    pipeline = Pipeline(default_steps(settings) if steps is None else steps)
    report = RunReport()

    if workers <= 1:
        _run_shard(paths, pipeline, store, settings, batch, Shard(), report.merge, on_item)
        return report
    # fork is fast and shares what is loaded; a process with other threads (a progress bar) spawns instead
    context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
    queue = context.Queue(maxsize=4 * workers)
    procs = [context.Process(target=_shard_worker, daemon=True,
                             args=(list(map(str, paths)), store.path, pipeline.steps, settings, batch,
                                   Shard(k, workers), queue)) for k in range(workers)]
    for proc in procs:
        proc.start()
    try:
        _gather(procs, queue, report, on_item)
    finally:  # a failed worker stops the others; the batches they committed stay
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()
    return report


def _gather(procs: list, queue: multiprocessing.Queue, report: RunReport,
            on_item: Callable[[str | None], None] | None) -> None:
    running = len(procs)
    while running:
        try:
            message = queue.get(timeout=1)
        except Empty:
            if any(proc.exitcode not in (None, 0) for proc in procs):
                raise RuntimeError("a worker process died before finishing its share") from None
            continue
        if message[0] == "items" and on_item:
            for status in message[1]:
                on_item(status)
        elif message[0] == "batch":
            report.merge(message[1])
        elif message[0] == "done":
            running -= 1
        elif message[0] == "failed":
            raise RuntimeError(f"a worker process failed:\n{message[1]}")


def _run_shard(paths: Iterable[str | Path], pipeline: Pipeline, store: Store, settings: Settings, batch: int,
               shard: Shard, take: Callable[[RunReport], None], on_item: Callable[[str | None], None] | None) -> None:
    items = read_paths(paths, settings, shard)
    while chunk := list(islice(items, batch)):
        take(_store_batch(pipeline, store, chunk, on_item))


def _store_batch(pipeline: Pipeline, store: Store, chunk: list[Article | InputRefused],
                 on_item: Callable[[str | None], None] | None) -> RunReport:
    """One batch through the steps and into the store, and what it counted; ``on_item`` hears of each item
    as soon as it is through the steps."""
    part = RunReport()
    good: list[Article] = []
    for item in chunk:
        if isinstance(item, Article):
            item = pipeline.apply(item)
        refused = str(item) if isinstance(item, InputRefused) else None
        if on_item:
            on_item(refused)
        if refused:
            part.refused.append(refused)
            continue
        part.read += 1
        good.append(item)
    added, present = store.add(good)
    part.stored, part.present = len(added), len(present)
    reason = attrgetter("reason")
    for a in added:
        part.removed.update(map(reason, a.removed))
        part.found.update({key: len(getattr(a, key)) for key in ANNOTATIONS})
    return part


PROGRESS_EVERY = 25  # a worker reports the items it has been through in groups this size


def _shard_worker(paths: list[str], path: str, steps: list[Step], settings: Settings, batch: int, shard: Shard,
                  queue: multiprocessing.Queue) -> None:
    """One worker process: its share of the input, through the steps, into the store; counts sent back."""
    seen: list[str | None] = []

    def on_item(status: str | None) -> None:
        seen.append(status)
        if len(seen) >= PROGRESS_EVERY:
            queue.put(("items", seen[:]))
            seen.clear()

    def take(part: RunReport) -> None:
        queue.put(("items", seen[:]))
        seen.clear()
        queue.put(("batch", part))

    try:
        with Store(path) as store:
            _run_shard(paths, Pipeline(steps), store, settings, batch, shard, take, on_item)
        queue.put(("done",))
    except BaseException:
        queue.put(("failed", traceback.format_exc()))
