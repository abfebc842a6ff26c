import sqlite3

import pytest

from marsad.errors import MarsadError
from marsad.runner import run
from marsad.store import Store
from tests.conftest import table_state


def test_run_twice_adds_nothing_and_says_so(seeds, db):
    with Store(db) as store:
        first = run([seeds], store)
        second = run([seeds], store)
        assert (first.read, first.stored, first.present) == (5, 5, 0)
        assert (second.read, second.stored, second.present) == (5, 0, 5)
        assert store.count() == 5


def test_overlapping_input_and_copies_of_a_file_are_stored_once(seeds, db, tmp_path):
    files = sorted(seeds.glob("*.txt"))
    copy = tmp_path / "copy.txt"
    copy.write_bytes(files[0].read_bytes())
    with Store(db) as store:
        run(files[:3], store)
        report = run([*files[2:], copy], store)
        assert (report.stored, report.present) == (2, 2)
        assert store.count() == 5
        assert store.query("SELECT count(*) FROM paragraphs WHERE article NOT IN (SELECT id FROM articles)") == [(0,)]


def test_bad_input_leaves_the_database_unchanged(seeds, db, tmp_path):
    with Store(db) as store:
        run([seeds], store)
    before = table_state(db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "broken.jsonl").write_text('{"text": "نص\n', "utf-8")
    with Store(db) as store:
        report = run([bad], store)
    assert report.read == 0 and len(report.refused) == 3
    assert table_state(db) == before


def test_a_failed_batch_rolls_back_whole(seeds, db):
    with Store(db) as store:
        from marsad.runner import process
        articles = [a for a in process([seeds])]
        articles[1].paragraphs[0].kind = None  # violates NOT NULL: the whole batch must fail
        with pytest.raises(sqlite3.IntegrityError):
            store.add(articles)
        assert store.count() == 0


def test_migrations_are_recorded_and_a_newer_schema_is_refused(db):
    with Store(db) as store:
        version = store.schema_version()
        assert store.query("SELECT count(*) FROM schema_migrations") == [(version,)]
    con = sqlite3.connect(db)
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')")
    con.commit()
    con.close()
    with pytest.raises(MarsadError, match="E014"):
        Store(db)


def test_after_all_migrations_every_annotation_field_has_its_column(db):
    from marsad.store.schema import ANNOTATIONS, annotation_columns

    with Store(db) as store:
        for key in ANNOTATIONS:
            have = {row[1] for row in store.query(f"PRAGMA table_info({key})")}
            assert set(annotation_columns(key)) <= have, key
