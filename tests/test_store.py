import sqlite3

import pytest

from marsad.errors import MarsadError
from marsad.runner import run
from marsad.store import Store
from tests.conftest import saudi_articles, table_state


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
        assert store.query("SELECT count(*) FROM entities WHERE article NOT IN (SELECT id FROM articles)") == [(0,)]


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
        articles[1].source = None  # violates NOT NULL: the whole batch must fail
        with pytest.raises(sqlite3.IntegrityError):
            store.add(articles)
        assert store.count() == 0


def test_migrations_are_recorded_and_a_newer_schema_is_refused(db):
    from marsad.store.schema import MIGRATIONS

    with Store(db) as store:
        assert store.schema_version() == max(v for v, _, _ in MIGRATIONS)
        assert store.query("SELECT count(*) FROM schema_migrations") == [(len(MIGRATIONS),)]
    con = sqlite3.connect(db)
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')")
    con.commit()
    con.close()
    with pytest.raises(MarsadError, match="E014"):
        Store(db)


def test_after_all_migrations_the_tables_hold_exactly_the_models_fields(db):
    """The store's columns follow model.py: a field added to the model without a migration (or a column
    left behind) fails here."""
    from marsad.model import ANNOTATIONS, ARTICLE_FIELDS, annotation_fields

    with Store(db) as store:
        columns = {row[1] for row in store.query("PRAGMA table_info(articles)")}
        assert columns == {*ARTICLE_FIELDS, "added_at", "seq"}
        for key in ANNOTATIONS:
            have = {row[1] for row in store.query(f"PRAGMA table_info({key})")}
            assert have == {"article", "idx", *annotation_fields(key)}, key


def test_a_version_3_database_keeps_its_paragraphs_and_removed_lines_after_migrating(seeds, db, tmp_path):
    """Migration 4 moves the paragraphs and removed tables into JSON columns of articles, in order."""
    from marsad.store.schema import MIGRATIONS

    with Store(db) as store:
        run([seeds], store)
        want = {a.id: (a.paragraphs, a.removed) for a in store.articles()}
    old = tmp_path / "v3.db"
    con = sqlite3.connect(old)
    for _, _, sql in MIGRATIONS[:3]:
        con.executescript(sql)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)")
    con.executemany("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [m[:2] for m in MIGRATIONS[:3]])
    for aid, (paragraphs, removed) in want.items():
        con.execute("INSERT INTO articles (id, source, text) VALUES (?, 'old', '')", (aid,))
        con.executemany('INSERT INTO paragraphs (article, idx, start, "end", kind, platform, author, handle, date) '
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [(aid, i, p.start, p.end, p.kind, p.platform, p.author, p.handle, p.date)
                         for i, p in reversed(list(enumerate(paragraphs)))])
        con.executemany("INSERT INTO removed (article, idx, text, reason) VALUES (?, ?, ?, ?)",
                        [(aid, i, r.text, r.reason) for i, r in enumerate(removed)])
    con.commit()
    con.close()
    with Store(old) as store:
        assert store.schema_version() == MIGRATIONS[-1][0]
        got = {a.id: (a.paragraphs, a.removed) for a in store.articles()}
        assert "paragraphs" not in {t for (t,) in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert got == want
    assert any(p.kind == "embedded_post" and p.handle for ps, _ in got.values() for p in ps)


def test_articles_read_back_as_they_were_stored(seeds, db, tmp_path):
    """The paragraphs and removed lines are written as JSON by hand (the store's hot path): real pages read
    back the same, embedded posts with their fields, removed lines with quotes, backslashes and control
    characters in them."""
    from marsad.runner import process

    page = tmp_path / "hostile.txt"
    art = next(a for a in saudi_articles() if len(a["content"].splitlines()) > 3)
    body = [art["title"], *art["content"].splitlines()]
    page.write_text("\n".join([*body[:3], 'اقرأ أيضاً: "الكاظمي" \\ بغداد\t(1)', "عدد القراءات: 1234\x0b",
                               *body[3:]]), "utf-8")
    articles = list(process([seeds, page]))
    assert len(articles) == 6 and any(p.kind == "embedded_post" for a in articles for p in a.paragraphs)
    assert any('"' in r.text and "\\" in r.text for a in articles for r in a.removed)
    with Store(db) as store:
        store.add(articles)
        stored = {a.id: (a.text, a.paragraphs, a.removed) for a in store.articles()}
    assert stored == {a.id: (a.text, a.paragraphs, a.removed) for a in articles}


def test_annotations_of_several_articles_come_in_the_order_asked_each_in_reading_order(seeds, db):
    with Store(db) as store:
        run([seeds], store, across=())
        ids = [i for (i,) in store.query("SELECT id FROM articles ORDER BY id DESC")]
        one_by_one = [r for a in ids for r in store.annotations("quotes", a)]
        assert len({r["article"] for r in one_by_one}) >= 3
        assert list(store.annotations("quotes", ids)) == one_by_one
        assert list(store.annotations("quotes", ids[1:2])) == list(store.annotations("quotes", ids[1]))


def test_an_untitled_page_of_one_long_line_is_headed_by_its_start_cut_at_a_word(db, tmp_path):
    from marsad.settings import HEAD_CHARS

    art = next(a for a in saudi_articles() if len(a["content"]) > 3 * HEAD_CHARS)
    page = tmp_path / "one_line.txt"
    page.write_text(" ".join(art["content"].split()), "utf-8")  # the whole article on one line, no headline
    with Store(db) as store:
        run([page], store)
        [(article, title)] = store.query("SELECT id, title FROM articles")
        head = store.article_heads([article])[article]
    assert title is None and not head["titled"]
    assert head["title"].endswith("…") and len(head["title"]) <= HEAD_CHARS + 1
    assert art["content"].split()[0] in head["title"] and " ".join(art["content"].split()).startswith(
        head["title"][:-1])
