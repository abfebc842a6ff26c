"""The benchmark command runs end to end on a small real corpus (its speed is measured, not tested)."""

from __future__ import annotations

from benchmarks.__main__ import main


def test_benchmark_runs_each_mode_and_splits_the_time_of_a_run(capsys):
    assert main(["--sizes", "60", "--modes", "baseline", "store", "clean"]) == 0
    rows = {cells[1]: cells for line in capsys.readouterr().out.splitlines()[1:]
            if len(cells := [c.strip() for c in line.split("|")]) == 9}
    assert set(rows) == {"baseline", "store", "clean"}
    assert rows["baseline"][-1] == rows["store"][-1] == "60"
    assert 50 <= int(rows["clean"][-1]) <= 60  # a page that is all furniture is refused, not stored
    for mode in ("store", "clean"):
        assert float(rows[mode][6]) > 0 and float(rows[mode][7]) > 0  # time in the steps, and in the rest
    assert float(rows["baseline"][6]) == 0  # the baseline runs no steps
    assert float(rows["clean"][6]) > float(rows["store"][6])  # cleaning is work the raw store does not do
