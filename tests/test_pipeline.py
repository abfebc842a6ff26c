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
