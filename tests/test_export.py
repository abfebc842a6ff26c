import csv
import io
import json
import sqlite3

import jsonschema

from eval.common import REPO
from marsad import export
from marsad.runner import run
from marsad.store import Store


def exported(seeds, db) -> dict:
    with Store(db) as store:
        run([seeds], store)
        buf = io.StringIO()
        export.write_json(store, buf)
    return json.loads(buf.getvalue())


def test_json_export_matches_the_documented_schema(seeds, db):
    doc = exported(seeds, db)
    schema = json.loads((REPO / "docs" / "export.schema.json").read_text("utf-8"))
    jsonschema.validate(doc, schema)
    assert len(doc["articles"]) == 5


def test_offsets_slice_the_text(seeds, db):
    for a in exported(seeds, db)["articles"]:
        for p in a["paragraphs"]:
            piece = a["text"][p["start"]:p["end"]]
            assert piece and piece == piece.strip()


def test_the_schema_rejects_a_broken_record(seeds, db):
    doc = exported(seeds, db)
    doc["articles"][0]["paragraphs"][0]["kind"] = "advert"
    schema = json.loads((REPO / "docs" / "export.schema.json").read_text("utf-8"))
    try:
        jsonschema.validate(doc, schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an unknown paragraph kind")


def test_csv_one_file_per_key(seeds, db, tmp_path):
    with Store(db) as store:
        run([seeds], store)
        paths = export.write_csv(store, tmp_path / "csv")
    [articles] = [p for p in paths if p.name == "articles.csv"]
    rows = list(csv.DictReader(articles.open(encoding="utf-8")))
    assert len(rows) == 5
    assert all(json.loads(r["paragraphs"]) for r in rows)


def test_sql_dump_loads_into_a_fresh_sqlite(seeds, db):
    with Store(db) as store:
        run([seeds], store)
        buf = io.StringIO()
        export.write_sql(store, buf)
    fresh = sqlite3.connect(":memory:")
    fresh.executescript(buf.getvalue())
    assert fresh.execute("SELECT count(*) FROM articles").fetchone() == (5,)
    assert fresh.execute("SELECT sum(json_array_length(paragraphs)) FROM articles").fetchone()[0] > 40
    assert fresh.execute("SELECT count(*) FROM articles, json_each(articles.removed) "
                         "WHERE json_each.value ->> 'reason' = 'counter'").fetchone()[0] >= 1


def test_the_documented_schema_the_store_and_the_exports_name_the_models_fields(seeds, db, tmp_path):
    """One description of an article's fields (model.py): the schema document, the JSON and CSV exports and
    the store follow it; a field added in one place only fails here."""
    from marsad.model import EXPORTED_FIELDS

    schema = json.loads((REPO / "docs" / "export.schema.json").read_text("utf-8"))
    defs = {"articles": "article", "mentions": "mention", "quotes": "quote", "times": "time", "figures": "figure",
            "stories": "story", "disagreements": "disagreement", "duplicates": "duplicate", "reuse": "reuse",
            "entities": "linked_entity"}
    assert set(schema["properties"]) == set(defs) == set(export.KEYS)
    assert list(schema["$defs"]["article"]["properties"]) == list(EXPORTED_FIELDS)
    for key in export.ANNOTATION_KEYS:
        assert set(schema["$defs"][defs[key]]["properties"]) == set(export.fields(key)), key
    doc = exported(seeds, db)
    assert list(doc["articles"][0]) == list(EXPORTED_FIELDS)
    with Store(db) as store:
        paths = {p.stem: p for p in export.write_csv(store, tmp_path / "csv")}
    for key, path in paths.items():
        header = next(csv.reader(path.open(encoding="utf-8")))
        if key == "articles":
            assert header == list(EXPORTED_FIELDS)
        else:
            assert header == export.fields(key) and set(header) == set(schema["$defs"][defs[key]]["properties"]), key


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(db, tmp_path):
    from marsad.model import Article
    from tests.conftest import saudi_articles

    art = saudi_articles()[3]
    with Store(db) as store:
        for n, title in enumerate(["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "عنوان عادي"]):
            store.add([Article(id=f"{n:016x}", source="t.json", text=art["content"], title=title)])
        [path] = [p for p in export.write_csv(store, tmp_path / "csv") if p.name == "articles.csv"]
    titles = [row["title"] for row in csv.DictReader(path.open(encoding="utf-8"))]
    assert titles == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "عنوان عادي"]


def test_sql_dump_keeps_nul_and_cr_characters(db):
    from marsad.model import Article
    from tests.conftest import saudi_articles

    text = saudi_articles()[5]["content"][:300] + "\x00 بعد الصفر\r وبعد العودة"
    with Store(db) as store:
        store.add([Article(id="0" * 16, source="t.json", text=text, title="سطر\rثان\x00")])
        buf = io.StringIO()
        export.write_sql(store, buf)
    fresh = sqlite3.connect(":memory:")
    fresh.executescript(buf.getvalue())
    assert fresh.execute("SELECT text, title FROM articles").fetchone() == (text, "سطر\rثان\x00")
