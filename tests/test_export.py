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
