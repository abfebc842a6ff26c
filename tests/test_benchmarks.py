"""The benchmark command runs end to end on a small real corpus (its speed is measured, not tested)."""

from __future__ import annotations

from benchmarks.__main__ import main


def test_benchmark_runs_first_run_rerun_and_reanalysis(capsys):
    assert main(["--sizes", "40", "--reanalyse", "figures"]) == 0
    rows = {cells[1]: cells for line in capsys.readouterr().out.splitlines()[1:]
            if len(cells := [c.strip() for c in line.split("|")]) == 11}
    assert set(rows) == {"first", "rerun", "reanalyse figures", "clean"}
    stored, present, updated = 8, 9, 10
    assert 35 <= int(rows["first"][stored]) <= 40  # a page that is all furniture is refused, not stored
    assert int(rows["rerun"][stored]) == 0 and int(rows["rerun"][present]) == int(rows["first"][stored])
    assert int(rows["reanalyse figures"][updated]) == int(rows["first"][stored])
    assert float(rows["rerun"][6]) == 0  # a rerun runs no step at all
    assert float(rows["first"][6]) > float(rows["clean"][6]) > 0  # analysis is work the cleaner alone does not do
