"""The main job as a library call: read, clean, identify, analyse, store; count everything."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def default_steps(settings: Settings = DEFAULT) -> list[Step]:
    return [Clean(settings), Identify(), Entities(), Times(), Figures(), Quotes()]


def process(paths: Iterable[str | Path], settings: Settings = DEFAULT,
            steps: Sequence[Step] | None = None) -> Iterator[Article | InputRefused]:
    """Articles (and refusals) from files, through the pipeline: no store involved."""
    pipeline = Pipeline(default_steps(settings) if steps is None else steps)
    return pipeline.run(read_paths(paths, settings))


def run(paths: Iterable[str | Path], store: Store, settings: Settings = DEFAULT,
        steps: Sequence[Step] | None = None, batch: int = 500,
        on_item: Callable[[Article | InputRefused], None] | None = None) -> RunReport:
    report = RunReport()
    items = process(paths, settings, steps)
    while chunk := list(islice(items, batch)):
        good: list[Article] = []
        for item in chunk:
            if on_item:
                on_item(item)
            if isinstance(item, InputRefused):
                report.refused.append(str(item))
                continue
            report.read += 1
            good.append(item)
        added, present = store.add(good)
        report.stored += len(added)
        report.present += len(present)
        for a in added:
            report.removed.update(r.reason for r in a.removed)
            report.found.update({key: len(getattr(a, key)) for key in ANNOTATIONS})
    return report
