"""The main job as a library call: read, look up, clean, analyse, store; count everything.

An article's id is known as soon as it is read (:mod:`marsad.ids`), so a stored article is found before
any step runs: one made by the current steps is counted and skipped; one made by an older version of a
step is run again through that step and the steps that use what it gives, and written in place
(:meth:`Pipeline.stale`). ``reanalyse`` does the same for every stored article, with no input."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from queue import Empty
from typing import Any

from marsad.analyse.entities import Entities
from marsad.analyse.figures import Figures
from marsad.analyse.quotes import Quotes
from marsad.analyse.times import Times
from marsad.clean import Clean
from marsad.clean.furniture import page_prints
from marsad.errors import InputRefused
from marsad.ingest import Shard, read_paths
from marsad.link import CorpusStep, link, link_steps
from marsad.model import ANNOTATIONS, Article
from marsad.pipeline import Pipeline, Step
from marsad.settings import DEFAULT, Settings
from marsad.store import Store


@dataclass
class RunReport:
    read: int = 0
    stored: int = 0
    present: int = 0
    updated: int = 0  # stored before by an older version of a step, run again and written in place
    revised: int = 0  # fetched again from their URL with other text: stored as the article's new version
    furniture_learned: int = 0  # lines learned as an outlet's furniture
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "<where>: [Wnnn] ..." for articles kept
    removed: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)  # annotations of the articles written, by key
    linked: Counter[str] = field(default_factory=Counter)  # articles placed by each step across articles

    @property
    def ok(self) -> bool:
        return self.read > 0

    def merge(self, other: RunReport) -> None:
        self.read += other.read
        self.stored += other.stored
        self.present += other.present
        self.updated += other.updated
        self.revised += other.revised
        self.furniture_learned += other.furniture_learned
        self.refused += other.refused
        self.warnings += other.warnings
        self.removed.update(other.removed)
        self.found.update(other.found)
        self.linked.update(other.linked)

    def count_written(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self.removed.update(r.reason for r in a.removed)
            self.found.update({key: len(getattr(a, key)) for key in ANNOTATIONS})


def default_steps(settings: Settings = DEFAULT) -> list[Step]:
    return [Clean(settings), Entities(), Times(), Figures(), Quotes()]


def process(paths: Iterable[str | Path], settings: Settings = DEFAULT,
            steps: Sequence[Step] | None = None) -> Iterator[Article | InputRefused]:
    """Articles (and refusals) from files, through the pipeline: no store involved."""
    pipeline = Pipeline(default_steps(settings) if steps is None else steps)
    return pipeline.run(read_paths(paths, settings))


def run(paths: Iterable[str | Path], store: Store, settings: Settings = DEFAULT,
        steps: Sequence[Step] | None = None, batch: int = 500,
        on_item: Callable[[str | None], None] | None = None, workers: int = 1,
        across: Sequence[CorpusStep] | None = None) -> RunReport:
    """Read ``paths``, put every new article through the steps and store it, ``batch`` articles per
    transaction; bring stored ones made by older steps up to date; then the steps ``across`` articles
    (default: :func:`marsad.link.link_steps`) link what was stored or written again.

    ``on_item`` is called once per item read, with the refusal message if it was refused. With ``workers``
    above 1, that many processes each read their own share of the input (:class:`~marsad.ingest.Shard`),
    run the steps and write through their own connection to the same database (SQLite takes their
    transactions one at a time, so nothing is stored twice); this process only gathers their counts. A
    worker ends when this process does, however it ends."""
    started, first_seq = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), store.last_seq()
    report = _read_and_store(paths, store, settings, steps, batch, on_item, workers)
    report.linked.update(link(store, link_steps() if across is None else across, workers).linked)
    if report.read:  # a run that read nothing (every file refused) leaves the database as it was
        store.record_run(started, first_seq, report.stored, report.updated)
    return report


def _read_and_store(paths: Iterable[str | Path], store: Store, settings: Settings, steps: Sequence[Step] | None,
                    batch: int, on_item: Callable[[str | None], None] | None, workers: int) -> RunReport:
    pipeline = Pipeline(default_steps(settings) if steps is None else steps)
    report = RunReport()
    if workers <= 1:
        _run_shard(paths, pipeline, store, settings, batch, Shard(), report.merge, on_item)
        return report
    # fork is fast and shares what is loaded; a process with other threads (a progress bar) spawns instead
    context: Any = multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
    queue = context.Queue(maxsize=4 * workers)
    procs = [context.Process(target=_shard_worker, daemon=True,
                             args=(list(map(str, paths)), store.path, pipeline.steps, settings, batch,
                                   Shard(k, workers), queue, os.getpid())) for k in range(workers)]
    previous = signal.signal(signal.SIGTERM, _terminated) if threading.current_thread() is threading.main_thread() \
        else None
    try:
        for proc in procs:
            proc.start()
        _gather(procs, queue, report, on_item)
    finally:  # a failed worker, an interrupt or a SIGTERM stops the others; the batches they committed stay
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            if proc.pid is not None:
                proc.join()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return report


def reanalyse(store: Store, settings: Settings = DEFAULT, steps: Sequence[Step] | None = None, batch: int = 200,
              on_item: Callable[[str | None], None] | None = None) -> RunReport:
    """Every stored article made by an older version of a step, run again through it (and the steps that
    use what it gives) and written in place, then linked again across articles. Articles are read in batches
    by id, so writing them back never disturbs the reading."""
    pipeline = Pipeline(default_steps(settings) if steps is None else steps)
    pipeline.prepare(store)
    report = RunReport()
    ids = [i for (i,) in store.query("SELECT id FROM articles ORDER BY seq")]
    for k in range(0, len(ids), batch):
        chunk = ids[k:k + batch]
        part = RunReport()
        again: list[Article] = []
        for a in store.articles(ids=chunk):
            stale = pipeline.stale(a.steps)
            if not stale:
                part.present += 1
                continue
            done = pipeline.apply(a, stale)
            if isinstance(done, InputRefused):
                part.refused.append(f"{done} (stored article {a.id} left as it was)")
            else:
                again.append(done)
            if on_item:
                on_item(str(done) if isinstance(done, InputRefused) else None)
        part.updated = store.replace(again)
        part.count_written(again)
        report.merge(part)
    report.linked.update(link(store, link_steps()).linked)
    return report


def _terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _gather(procs: list, queue: Any, report: RunReport, on_item: Callable[[str | None], None] | None) -> None:
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
    database = Path(store.path).absolute()
    own = frozenset(database.with_name(database.name + end) for end in ("", "-wal", "-shm", "-journal"))
    items = read_paths(paths, settings, shard, skip=own)
    while chunk := list(islice(items, batch)):
        take(_store_batch(pipeline, store, chunk, on_item, settings))


def _store_batch(pipeline: Pipeline, store: Store, chunk: list[Article | InputRefused],
                 on_item: Callable[[str | None], None] | None, settings: Settings = DEFAULT) -> RunReport:
    """One batch: stored articles found by id first; new ones through the steps and stored, stale ones
    brought up to date in place; then the site furniture learned from the new pages, and the stored
    articles that hold a line just learned cleaned again. ``on_item`` hears of each item as soon as it is
    through."""
    part = RunReport()
    pipeline.prepare(store)
    stored = store.versions(a.id for a in chunk if isinstance(a, Article))
    # a page fetched again from its URL with other text: a new version of the same article
    changed = store.changed_pages([(a.id, a.raw) for a in chunk if isinstance(a, Article) and a.url
                                   and a.id in stored])
    new: list[Article] = []
    again: list[Article] = []
    revised: list[Article] = []
    for item in chunk:
        if isinstance(item, Article):
            part.warnings += [f"{item.source}: {w}" for w in item.warnings]
            if item.id in changed:
                stored.pop(item.id)
                changed.discard(item.id)  # the same page twice in a batch is one new version
                item = pipeline.apply(item)
                target = revised
            elif item.id in stored:
                stale = pipeline.stale(stored.pop(item.id))
                if not stale:
                    part.read += 1
                    part.present += 1
                    if on_item:
                        on_item(None)
                    continue
                old = store.article(item.id)
                item = pipeline.apply(old, stale) if old is not None else pipeline.apply(item)
                target = again if old is not None else new
            else:
                item = pipeline.apply(item)
                target = new
            if isinstance(item, Article):
                target.append(item)
        refused = str(item) if isinstance(item, InputRefused) else None
        if on_item:
            on_item(refused)
        if refused:
            part.refused.append(refused)
        else:
            part.read += 1
    prints = {a.id: page_prints(a.raw, settings) for a in new if a.outlet}
    added, present = store.add(new, prints)
    part.stored, part.present = len(added), part.present + len(present)
    part.updated = store.replace(again)
    part.revised = store.revise(revised)
    part.count_written([*added, *again, *revised])
    _learn_furniture(pipeline, store, [(a.outlet, p) for a in added if a.outlet for p in prints[a.id]], settings,
                     part)
    return part


def _learn_furniture(pipeline: Pipeline, store: Store, touched: list[tuple[str, str]], settings: Settings,
                     part: RunReport) -> None:
    """The apply phase of the site furniture: lines that have just become an outlet's furniture are taken out
    of the stored articles that hold them (cleaned again, and every later step run again)."""
    learned = store.learn_furniture(touched, settings)
    if not learned:
        return
    pipeline.prepare(store)
    by_outlet: dict[str, list[str]] = {}
    for outlet, p in learned:
        by_outlet.setdefault(outlet, []).append(p)
    ids = [i for outlet, ps in by_outlet.items() for i in store.articles_holding(outlet, ps)]
    again = [a for a in (pipeline.apply(old) for old in store.articles(ids=ids)) if isinstance(a, Article)]
    part.updated += store.replace(again)
    part.furniture_learned += len(learned)


PROGRESS_EVERY = 25  # a worker reports the items it has been through in groups this size
PARENT_POLL_S = 1.0  # how often a worker checks that the process that started it is still there


def _shard_worker(paths: list[str], path: str, steps: list[Step], settings: Settings, batch: int, shard: Shard,
                  queue: Any, parent: int) -> None:
    """One worker process: its share of the input, through the steps, into the store; counts sent back.
    It ends itself when its parent is gone (killed, even with SIGKILL), so none is ever left behind."""
    _follow_parent(parent)
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


def _follow_parent(parent: int) -> None:
    """Die with the parent: on Linux the kernel sends SIGTERM when it goes (PR_SET_PDEATHSIG); everywhere a
    watcher thread sees it gone within ``PARENT_POLL_S`` and ends this process."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # already gone before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
