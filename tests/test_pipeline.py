import pytest

from marsad.errors import InputRefused
from marsad.model import Article
from marsad.pipeline import Pipeline, Step
from marsad.runner import default_steps, process, run
from marsad.store import Store


class BreaksOnce(Step):
    """A step with a bug that shows on one article only."""

    name = "breaks_once"
    requires = ("text",)

    def __init__(self) -> None:
        self.seen = 0

    def process(self, article: Article) -> Article:
        self.seen += 1
        if self.seen == 2:
            raise ZeroDivisionError("division by zero")
        return article


def test_a_step_that_breaks_on_one_article_refuses_it_and_the_run_goes_on(seeds, db):
    with Store(db) as store:
        report = run([seeds], store, steps=[*default_steps(), BreaksOnce()])
    assert report.stored == 4
    [refusal] = report.refused
    assert "E016" in refusal and "breaks_once" in refusal and "ZeroDivisionError" in refusal


def test_steps_out_of_order_are_refused_before_anything_runs():
    with pytest.raises(ValueError, match="requires"):
        Pipeline([BreaksOnce(), *default_steps()])


def test_refusals_pass_through_untouched(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    [item] = list(process([empty]))
    assert isinstance(item, InputRefused) and item.code == "E001"


def test_worker_processes_store_what_one_process_stores_once(seeds, db, tmp_path):
    """Two workers, small batches so both write: the same rows as one process, nothing twice on a rerun,
    and a refusal in the input still reported."""
    import shutil

    mixed = tmp_path / "mixed"
    shutil.copytree(seeds, mixed)
    (mixed / "empty.txt").write_bytes(b"")
    serial, parallel = tmp_path / "serial.db", db
    with Store(serial) as store:
        one = run([mixed], store, batch=2)
    seen: list[str | None] = []
    with Store(parallel) as store:
        two = run([mixed], store, batch=2, workers=2, on_item=seen.append)
        again = run([mixed], store, batch=2, workers=2)
    assert (two.read, two.stored, two.present, len(two.refused)) == (one.read, one.stored, 0, 1) == (5, 5, 0, 1)
    assert two.found == one.found and two.removed == one.removed
    assert len(seen) == 6 and sum(s is not None for s in seen) == 1
    assert (again.stored, again.present) == (0, 5)

    assert _content(parallel) == _content(serial)


def _content(path) -> list:
    """Every stored row but the time it was added."""
    import sqlite3

    con = sqlite3.connect(path)
    out = sorted(con.execute("SELECT id, source, title, published, text, paragraphs, removed FROM articles"))
    for table in ("entities", "quotes", "times", "figures"):
        out += sorted(map(repr, con.execute(f"SELECT * FROM {table}")))
    con.close()
    return out


class DiesHard(Step):
    """A step that kills its process (as a crash in a C library would)."""

    name = "dies_hard"
    requires = ("text",)

    def process(self, article: Article) -> Article:
        import os

        os._exit(3)


def test_a_worker_that_dies_stops_the_run_with_an_error_instead_of_hanging(seeds, db):
    with Store(db) as store, pytest.raises(RuntimeError, match="died"):
        run([seeds], store, steps=[*default_steps()[:2], DiesHard()], workers=2)
