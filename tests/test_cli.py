import json
import os
import re
import sqlite3
import subprocess
import sys

from click.testing import CliRunner

from marsad.cli import main


def test_run_summary_then_rerun_then_export(seeds, tmp_path):
    r = CliRunner()
    db = str(tmp_path / "m.db")
    first = r.invoke(main, ["run", str(seeds), "--db", db])
    assert first.exit_code == 0, first.output
    assert "read 5, stored 5 new, 0 already present, refused 0" in first.output
    assert "cleaning removed:" in first.output and "counter" in first.output
    second = r.invoke(main, ["run", str(seeds), "--db", db, "--workers", "2"])
    assert "read 5, stored 0 new, 5 already present" in second.output and "found:" not in second.output
    # nothing new stored: the hint names the latest day stored, and asking for it gives its story
    hint = re.search(r"لا قصص جديدة. لقصص آخر يوم مخزّن: marsad brief --since (\S+)", second.output)
    latest = max(p for (p,) in sqlite3.connect(db).execute("SELECT published FROM articles") if p)
    assert hint and hint[1] == latest[:10]
    since = r.invoke(main, ["brief", "--db", db, "--since", hint[1]])
    assert since.exit_code == 0 and "لا قصص" not in since.output and "1. " in since.output
    furniture = r.invoke(main, ["furniture", "--db", db])  # five articles of five outlets: no line seen enough
    assert furniture.exit_code == 0 and not furniture.stdout and "No furniture lines learned" in furniture.stderr
    unknown = r.invoke(main, ["furniture", "--db", db, "--outlet", "no-such-outlet"])
    assert "No articles from an outlet 'no-such-outlet'" in unknown.stderr and not unknown.stdout
    out = tmp_path / "x.json"
    exp = r.invoke(main, ["export", "--db", db, "--format", "json", "--out", str(out)])
    assert exp.exit_code == 0, exp.output
    doc = json.loads(out.read_text("utf-8"))
    assert len(doc["articles"]) == 5
    # the summary counts what the export holds
    assert f"found: {len(doc['mentions'])} mentions, {len(doc['quotes'])} quotes" in first.output.replace("\n", " ")


def test_nothing_readable_exits_non_zero_with_one_line_per_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 100)
    result = CliRunner().invoke(main, ["run", str(bad), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 1
    assert "refused 1" in result.output and "[E003]" in result.output
    assert not (tmp_path / "m.db").exists()  # nothing stored: no empty database left behind


def test_refusals_go_to_standard_error_and_the_summary_to_standard_output(seeds, tmp_path):
    """A sample article stored beside a binary file and a missing path: `marsad run > log` still shows the
    refusals, and the log holds the counts."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 100)
    seed = sorted(seeds.glob("*.txt"))[0]
    result = CliRunner().invoke(main, ["run", str(seed), str(bad), str(tmp_path / "gone.txt"), "--db",
                                       str(tmp_path / "m.db"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "read 1, stored 1 new, 0 already present, refused 2" in result.stdout
    assert "[E003]" in result.stderr and "[E012]" in result.stderr and "[E0" not in result.stdout


def test_a_size_limit_below_one_byte_is_refused_before_reading(seeds, tmp_path):
    result = CliRunner().invoke(main, ["run", str(seeds), "--max-bytes", "-1", "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 2 and "--max-bytes" in result.output and not (tmp_path / "m.db").exists()


def test_an_unknown_story_points_to_the_brief(seeds, tmp_path):
    db = str(tmp_path / "m.db")
    CliRunner().invoke(main, ["run", str(seeds), "--db", db, "--quiet"])
    result = CliRunner().invoke(main, ["timeline", "S000", "--db", db])
    assert result.exit_code == 1 and "no such story" in result.output and "marsad brief" in result.output


def test_a_folder_with_no_article_files_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["run", str(tmp_path / "empty"), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 1 and "nothing to read" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output  # the one line, no summary of zeros


def test_the_brief_counts_in_arabic():
    from marsad.brief import ARTICLE, _counted

    assert [_counted(n, ARTICLE) for n in (1, 2, 3, 10, 11, 99, 100)] == [
        "مقال واحد", "مقالان", "3 مقالات", "10 مقالات", "11 مقالاً", "99 مقالاً", "100 مقال"]


def test_export_of_a_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no such database" in result.output


def test_every_command_has_help_with_an_example():
    for name, cmd in main.commands.items():
        assert cmd.help and "Example:" in cmd.help, name


def test_export_into_a_reader_that_stops_early_is_no_error(seeds, tmp_path):
    """marsad export --format sql | head -2: the pipe closed by the reader ends the export quietly."""
    import subprocess
    import sys

    db = str(tmp_path / "m.db")
    assert CliRunner().invoke(main, ["run", str(seeds), "--db", db, "--quiet"]).exit_code == 0
    export = subprocess.Popen([sys.executable, "-m", "marsad.cli", "export", "--db", db, "--format", "sql"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert export.stdout is not None and export.stderr is not None
    assert export.stdout.readline().startswith(b"BEGIN")
    export.stdout.close()
    err = export.stderr.read().decode()
    assert export.wait(timeout=60) == 0 and "Error" not in err and "Traceback" not in err


def test_the_tests_say_in_one_line_where_the_shared_data_is_missing(tmp_path):
    """A newcomer ran pytest without ../shared and got a traceback from the collection."""
    env = {**os.environ, "MARSAD_SHARED": str(tmp_path / "nowhere")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_arabic.py"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert "MARSAD_SHARED" in done.stdout + done.stderr and "Traceback" not in done.stdout + done.stderr
