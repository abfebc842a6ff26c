"""Steps and pipelines. A step is a pure map over one Article (it must run unchanged in a process
pool or on a Spark executor): it declares what it requires and provides, and the pipeline checks
the order before anything runs (spaCy's analyze_pipes habit)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from marsad.errors import InputRefused, MarsadError
from marsad.model import Article


class Step:
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()

    def process(self, article: Article) -> Article:
        """Return the article with this step's annotations added; raise MarsadError to refuse it."""
        raise NotImplementedError


class Pipeline:
    def __init__(self, steps: Sequence[Step], given: Iterable[str] = ("raw",)) -> None:
        have = set(given)
        for step in steps:
            missing = [r for r in step.requires if r not in have]
            if missing:
                raise ValueError(f"step {step.name!r} requires {missing}, which no earlier step provides")
            have.update(step.provides)
        self.steps = list(steps)

    def apply(self, article: Article) -> Article | InputRefused:
        """The article through every step; refused (not raised) when a step refuses it or breaks on it,
        so one odd page never stops a night's run."""
        for step in self.steps:
            try:
                article = step.process(article)
            except MarsadError as e:
                return InputRefused.at(article.source, e)
            except Exception as e:  # a bug on one article is reported with its step, not fatal to the run
                return InputRefused(article.source, "E016", step=step.name, detail=f"{type(e).__name__}: {e}")
        return article

    def run(self, items: Iterable[Article | InputRefused]) -> Iterator[Article | InputRefused]:
        for item in items:
            yield item if isinstance(item, InputRefused) else self.apply(item)
