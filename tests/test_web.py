"""The web reader and its JSON API, served on 127.0.0.1 by uvicorn over the sample (../shared/seeds) and two
real SaudiNewsNet articles carrying hostile strings: every page and its twin, the export's field names, search,
downloads, uploads and the safety rules (escaping, direction overrides, hosts, form token, size bound)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import time
import zipfile
from pathlib import Path
from urllib.parse import quote

import jsonschema
from click.testing import CliRunner

from eval.common import REPO
from marsad.brief import counted
from marsad.cli import main
from marsad.store import Store
from marsad.web.render import shown
from tests.conftest import SEEDS, saudi_articles
from tests.webserver import IMG, ONLOAD, RLO, SCRIPT, Served, build, fetch, multipart, serve

SCHEMA = json.loads((REPO / "docs" / "export.schema.json").read_text("utf-8"))


def valid(record: dict, name: str) -> None:
    """``record`` is one of the export's records of this kind (docs/export.schema.json)."""
    schema = {**SCHEMA["$defs"][name], "$defs": SCHEMA["$defs"]}
    jsonschema.validate(record, schema)


def ids(site: Served) -> dict[str, str]:
    """A story with several articles, one of its articles, and the person named most across articles."""
    with Store(site.db, readonly=True) as store:
        story = max(store.stories_records(), key=lambda s: len(s["articles"]))
        person = store.query("SELECT entity FROM entity_mentions m JOIN linked_entities e ON e.id = m.entity "
                             "WHERE e.type = 'PER' GROUP BY entity ORDER BY count(DISTINCT article) DESC, entity "
                             "LIMIT 1")[0][0]
        hostile = store.query("SELECT id FROM articles WHERE title LIKE '%<script>%'")[0][0]
    return {"story": story["id"], "article": story["articles"][0]["article"], "entity": person, "hostile": hostile}


def is_page(html: str) -> None:
    assert '<html lang="ar" dir="rtl">' in html
    assert '<link rel="alternate" type="application/json"' in html or "/openapi.json" in html


# every page and its twin


def test_the_brief_and_its_twin(site):
    html = site.text("/")
    is_page(html)
    data = site.json("/.json")
    assert data["stories"], "the sample's stories are in the brief"
    for s in data["stories"]:
        assert {"id", "title", "outlets", "articles", "first", "last", "summary"} <= set(s)
        assert f'href="/stories/{quote(s["id"], safe="")}"' in html
    assert data["counts"]["articles"] == 7
    status, _, _ = site.get("/.json?since=yesterday")
    assert status == 422


def test_a_story_its_timeline_and_its_twin(site):
    sid = ids(site)["story"]
    data = site.json(f"/stories/{sid}.json")
    valid(data["story"], "story")
    assert len(data["story"]["articles"]) >= 3
    html = site.text(f"/stories/{sid}")
    is_page(html)
    assert html.count('<svg class="timeline"') == 1
    dated = [e for e in data["story"]["events"] if e["date"]]
    assert html.count('class="ev-day"') + html.count('class="ev-month"') == len(dated)
    for e in data["story"]["events"]:
        if e["title"]:
            assert shown(e["title"]) in html
    for a in data["story"]["articles"]:
        assert f'/articles/{a["article"]}' in html
    n = len(data["story"]["articles"])  # counted as Arabic counts (4 مقالات, not 4 مقال), as the CLI's brief does
    assert counted(n, "article") in html and f"{n} مقال<" not in html and f"{n} مقال " not in html
    for q in data["quotes"]:
        valid({k: v for k, v in q.items() if k != "speaker_entity"}, "quote")


def test_a_month_precision_event_is_drawn_as_a_month_not_a_day():
    from marsad.web.render import timeline

    story = {"events": [{"date": "2021-12", "precision": "month"}, {"date": "2021-12-10", "precision": "day"}],
             "articles": [{"published": "2021-12-29", "outlet": "a"}, {"published": "2021-11-02", "outlet": "b"}]}
    chart = timeline(story)
    assert chart is not None
    month, day = chart.events
    assert month["kind"] == "month" and day["kind"] == "day"
    # the month's band spans all of December: from 1 to 31 December, about 30 times a day's width
    day_width = (chart.right - chart.left) / ((31 + 28) + 1)
    assert 29 * day_width < month["w"] < 32 * day_width
    assert month["x0"] < day["cx"] < month["x0"] + month["w"]  # the 10th lies inside its month
    # time runs right to left: November's article is right of December's
    rows = {r["outlet"]: r for r in chart.rows}
    assert rows["b"]["bars"][0]["x"] > rows["a"]["bars"][0]["x"]


def test_a_merged_story_redirects_to_the_one_that_absorbed_it(site):
    sid = ids(site)["story"]
    con = sqlite3.connect(site.db)
    with con:
        con.execute("INSERT OR REPLACE INTO story_aliases (alias, story) VALUES ('Smergedaway', ?)", (sid,))
    con.close()
    status, headers, _ = site.get("/stories/Smergedaway")
    assert status == 301 and headers["location"] == f"/stories/{sid}"
    status, headers, _ = site.get("/stories/Smergedaway.json")
    assert status == 301 and headers["location"] == f"/stories/{sid}.json"
    assert site.get("/stories/Snosuchstory")[0] == 404
    assert site.get("/stories/Snosuchstory.json")[0] == 404


def test_an_article_highlighted_clickable_and_its_twin(site):
    aid = ids(site)["article"]
    data = site.json(f"/articles/{aid}.json")
    valid(data["article"], "article")
    for key, name in (("mentions", "mention"), ("quotes", "quote"), ("times", "time"), ("figures", "figure")):
        assert data[key], key
        for rec in data[key]:
            valid(rec, name)
            assert data["article"]["text"][rec["start"]:rec["end"]] == rec["text"]
    assert len(data["mention_entities"]) == len(data["mentions"])
    html = site.text(f"/articles/{aid}")
    is_page(html)
    linked = [e for e in data["mention_entities"] if e]
    assert linked and all(f'href="/entities/{e}"' in html for e in linked)
    assert html.count('class="hl tm"') >= len(data["times"])
    assert html.count('class="hl fg"') >= len(data["figures"])
    assert html.count('class="hl q ') >= len(data["quotes"])
    assert "<details class=\"removed\">" in html  # what cleaning removed, on demand
    assert site.get("/articles/0000000000000000")[0] == 404


def test_an_entity_its_quotes_its_stories_and_its_twin(site):
    eid = ids(site)["entity"]
    data = site.json(f"/entities/{eid}.json")
    assert data["entity"]["id"] == eid and data["entity"]["name"]
    assert data["stories"] and data["entity"]["variants"]
    for q in data["quotes"]:
        valid(q, "quote")
    html = site.text(f"/entities/{eid}")
    is_page(html)
    assert shown(data["entity"]["name"]) in html
    for s in data["stories"]:
        assert f'/stories/{s["id"]}' in html
    assert site.get("/entities/Pnosuchentity.json")[0] == 404


def test_search_page_twin_normalisation_and_snippets_mapping_to_the_text(site):
    found = site.json("/search.json?q=" + quote("خفاجي"))
    assert found["total"] >= 3
    html = site.text("/search?q=" + quote("خفاجي"))
    is_page(html)
    for r in found["results"]:
        article = site.json(f"/articles/{r['article']}.json")["article"]
        for s in r["snippets"]:
            assert article["text"][s["start"]:s["end"]] == s["text"]
            for h in s["highlights"]:
                assert "خفاجي" in article["text"][h["start"]:h["end"]]
        assert f'href="/articles/{r["article"]}"' in html
    assert html.count('<span class="hit">') >= sum(len(s["highlights"]) for r in found["results"]
                                                   for s in r["snippets"])
    for variant in ("الخفاجي", "للخفاجي", "الْخَفَاجِي", "خفـاجي"):
        again = site.json("/search.json?q=" + quote(variant))
        assert [r["article"] for r in again["results"]] == [r["article"] for r in found["results"]], variant


def test_search_filters_paging_and_quotes(site):
    every = site.json("/search.json?q=" + quote("التحالف"))
    assert every["total"] >= 4
    first = site.json("/search.json?q=" + quote("التحالف") + "&per_page=2&page=1")
    second = site.json("/search.json?q=" + quote("التحالف") + "&per_page=2&page=2")
    assert len(first["results"]) == 2 and first["total"] == every["total"]
    assert not {r["article"] for r in first["results"]} & {r["article"] for r in second["results"]}
    assert site.json("/search.json?q=" + quote("التحالف") + "&from=2030-01-01")["total"] == 0
    dated = site.json("/search.json?q=" + quote("التحالف") + "&from=2021-12-01&to=2021-12-31")
    assert dated["results"] and all("2021-12-01" <= r["published"] <= "2021-12-31" for r in dated["results"])
    sid = ids(site)["story"]
    in_story = site.json(f"/search.json?q={quote('التحالف')}&story={sid}")
    members = {a["article"] for a in site.json(f"/stories/{sid}.json")["story"]["articles"]}
    assert in_story["results"] and {r["article"] for r in in_story["results"]} <= members
    eid = ids(site)["entity"]
    said = site.json(f"/search.json?q={quote('القوات')}&entity={eid}&in=quotes")
    assert said["results"]
    for r in said["results"]:
        assert r["quotes"] and all(q["speaker_entity"] == eid for q in r["quotes"])
        for q in r["quotes"]:
            assert q["highlights"] and all(q["start"] <= h["start"] < h["end"] <= q["end"] for h in q["highlights"])
    assert site.get("/search.json?q=x&per_page=1000")[0] == 422
    assert site.get("/search.json?q=x&in=everything")[0] == 422


def test_the_openapi_document_describes_the_twins_with_the_exports_records(site):
    doc = site.json("/openapi.json")
    for path in ("/.json", "/stories/{story_id}.json", "/articles/{article_id}.json", "/entities/{entity_id}.json",
                 "/search.json", "/export.json", "/export.zip", "/upload"):
        assert path in doc["paths"], path
    params = {p["name"] for p in doc["paths"]["/search.json"]["get"]["parameters"]}
    assert {"q", "from", "to", "outlet", "entity", "story", "in", "page", "per_page"} <= params
    schemas = doc["components"]["schemas"]
    assert set(SCHEMA["$defs"]["article"]["properties"]) == set(schemas["article"]["properties"])
    shape = doc["paths"]["/articles/{article_id}.json"]["get"]["responses"]["200"]["content"]["application/json"]
    assert shape["schema"]["properties"]["article"] == {"$ref": "#/components/schemas/article"}


# downloads


def test_downloads_of_a_story_a_search_and_everything(site):
    sid = ids(site)["story"]
    story = site.json(f"/stories/{sid}.json")["story"]
    status, headers, body = site.get(f"/stories/{sid}.csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert "attachment" in headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert [r["article"] for r in rows] == [a["article"] for a in story["articles"]]
    assert {r["event"] for r in rows} == {e["id"] for e in story["events"]}

    status, headers, body = site.get(f"/export.json?story={sid}")
    doc = json.loads(body)
    assert {a["id"] for a in doc["articles"]} == {a["article"] for a in story["articles"]}
    assert [s["id"] for s in doc["stories"]] == [sid]
    assert all(q["article"] in {a["article"] for a in story["articles"]} for q in doc["quotes"])

    status, headers, body = site.get("/search.csv?q=" + quote("خفاجي"))
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert [r["article"] for r in rows] == [r["article"] for r in site.json("/search.json?q=" +
                                                                            quote("خفاجي"))["results"]]
    status, headers, body = site.get("/export.zip?q=" + quote("خفاجي"))
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        articles = list(csv.DictReader(io.StringIO(z.read("articles.csv").decode("utf-8"))))
    assert len(articles) == len(rows)

    everything = json.loads(site.get("/export.json")[2])
    assert len(everything["articles"]) == 7
    from marsad import export
    assert set(everything) == set(export.KEYS)
    status, _, body = site.get("/export.zip")
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        articles = list(csv.DictReader(io.StringIO(z.read("articles.csv").decode("utf-8"))))
    assert len(articles) == 7
    # a cell a spreadsheet would run as a formula is neutralised
    assert any(a["outlet"] == "'=HYPERLINK(\"x\")" for a in articles)


# safety


def test_everything_from_an_article_is_escaped_and_direction_overrides_are_shown(site):
    aid = ids(site)["hostile"]
    for path in (f"/articles/{aid}", "/search?q=" + quote("مرحبا"), "/", f"/search?q={quote('txt')}"):
        html = site.text(path)
        assert "<script>alert" not in html and "<img src=x" not in html and 'onerror="alert' not in html
        assert RLO not in html and "\u202d" not in html, path
    html = site.text(f"/articles/{aid}")
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=" in html
    assert ONLOAD.replace('"', "&#34;") in html
    assert "\u2039U+202E\u203a" in html  # the override is shown as its code, not obeyed
    assert 'href="javascript:' not in html  # a javascript: URL is never a link
    data = site.json(f"/articles/{aid}.json")
    assert data["article"]["title"].startswith(SCRIPT) and RLO in data["article"]["text"]  # data as published
    assert IMG in data["article"]["outlet"]


def test_security_headers_and_hosts(site):
    status, headers, _ = site.get("/")
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert site.get("/", headers={"Host": "attacker.example"})[0] == 400  # a rebound name gets nothing
    assert site.get("/", headers={"Host": "localhost"})[0] == 200


def test_served_on_a_named_address_a_request_must_name_it_too(tmp_path):
    db = tmp_path / "marsad.db"
    build(db)
    with serve(db, host="192.0.2.5") as served:  # as `marsad serve --host 192.0.2.5` (reached here on loopback)
        assert served.get("/", headers={"Host": "192.0.2.5"})[0] == 200
        assert served.get("/", headers={"Host": "attacker.example"})[0] == 400


def test_sql_is_parametrised_whatever_the_input(site):
    before = site.json("/.json")["counts"]
    for value in ("' OR 1=1 --", "\"; DROP TABLE articles; --", "x') UNION SELECT text FROM articles --",
                  "NEAR(a b)", "{body} : x", "*", '"', "-", "AND OR NOT"):
        for param in ("q", "outlet", "entity", "story"):
            status, _, body = site.get(f"/search.json?q=a&{param}={quote(value)}")
            assert status == 200, (param, value, body[:300])
        assert site.get(f"/articles/{quote(value, safe='')}.json")[0] == 404
        assert site.get(f"/stories/{quote(value, safe='')}.json")[0] == 404
    assert site.json("/.json")["counts"] == before


def test_serve_binds_to_this_machine_unless_told(tmp_path):
    serve_cmd = main.commands["serve"]
    assert next(p for p in serve_cmd.params if p.name == "host").default == "127.0.0.1"
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "old.db"), "--port", "-1"])
    assert result.exit_code != 0  # a port that cannot be


def upload_token(site: Served) -> str:
    html = site.text("/upload")
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def wait(site: Served, job: str) -> dict:
    for _ in range(600):
        state = site.json(f"/upload/{job}.json")
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError("the upload did not finish")


def test_upload_runs_the_pipeline_with_marsad_runs_messages(tmp_path):
    db = tmp_path / "marsad.db"
    with Store(db):
        pass
    good = saudi_articles()[12]
    files = [("news.json", json.dumps({"title": good["title"], "text": good["content"], "url": good["url"],
                                       "outlet": good["source"]}, ensure_ascii=False).encode("utf-8")),
             ("empty.txt", b""), ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
             ("../../etc/seed.txt", next(p for p in sorted(SEEDS.glob("*.txt"))
                                         if "خفاجي" in p.read_text("utf-8")).read_bytes())]
    # the messages marsad run prints for the same files
    for name, content in files:
        (tmp_path / "cli").mkdir(exist_ok=True)
        (tmp_path / "cli" / Path(name).name).write_bytes(content)
    cli = CliRunner().invoke(main, ["run", str(tmp_path / "cli"), "--db", str(tmp_path / "cli.db"), "--quiet"])
    expected = sorted(line.split(f"{tmp_path / 'cli'}/", 1)[1] for line in cli.output.splitlines()
                      if line.strip().startswith("refused:"))
    assert len(expected) == 2
    with serve(db) as site:
        token = upload_token(site)
        body, ctype = multipart({"token": token}, files)
        status, headers, reply = fetch(site.url + "/upload", body, {"Content-Type": ctype,
                                                                    "Accept": "application/json"}, "POST")
        assert status == 202, reply
        job = json.loads(reply)
        assert sorted(job["files"]) == sorted(["news.json", "empty.txt", "photo.png", "seed.txt"])
        done = wait(site, job["id"])
        assert done["state"] == "done", done
        assert sorted(done["refused"]) == expected
        assert done["report"]["stored"] == 2 and done["report"]["refused"] == 2
        assert site.json("/.json")["counts"]["articles"] == 2
        found = site.json("/search.json?q=" + quote("خفاجي"))
        assert found["total"] >= 1  # the new articles are searchable: the index was kept up to date
        page = site.text(f"/upload/{job['id']}")
        assert all(r.replace("'", "&#39;") in page for r in expected)
        assert f"من {counted(4, 'file')}" in page and "built-in" not in page  # it printed the dict's items method
        # the same files again: nothing stored twice, nothing stored lost
        body, ctype = multipart({"token": token}, files[:1])
        status, headers, _ = fetch(site.url + "/upload", body, {"Content-Type": ctype}, "POST")
        assert status == 303 and headers["location"].startswith("/upload/")
        again = wait(site, headers["location"].rsplit("/", 1)[1])
        assert again["report"]["present"] == 1 and again["report"]["stored"] == 0
        assert site.json("/.json")["counts"]["articles"] == 2


def _empty_store_and_an_article(tmp_path) -> tuple[Path, bytes]:
    """An empty database, and one SaudiNewsNet article's text to upload."""
    db = tmp_path / "marsad.db"
    with Store(db):
        pass
    return db, saudi_articles()[4]["content"].encode("utf-8")


def test_uploads_need_the_form_token_come_from_the_page_and_are_bounded(tmp_path):
    db, content = _empty_store_and_an_article(tmp_path)
    with serve(db, max_upload_bytes=4 * len(content)) as site:
        token = upload_token(site)
        body, ctype = multipart({"token": "forged"}, [("a.txt", content)])
        assert fetch(site.url + "/upload", body, {"Content-Type": ctype}, "POST")[0] == 403
        body, ctype = multipart({}, [("a.txt", content)])
        assert fetch(site.url + "/upload", body, {"Content-Type": ctype}, "POST")[0] == 403
        body, ctype = multipart({"token": token}, [("a.txt", content)])
        for headers in ({"Origin": "https://attacker.example"}, {"Sec-Fetch-Site": "cross-site"},
                        {"Origin": "null"}):
            assert fetch(site.url + "/upload", body, {"Content-Type": ctype, **headers}, "POST")[0] == 403
        big, big_type = multipart({"token": token}, [("big.txt", content * 5)])
        assert fetch(site.url + "/upload", big, {"Content-Type": big_type}, "POST")[0] == 413
        assert fetch(site.url + "/upload", body, {"Content-Type": ctype, "Origin": site.url}, "POST")[0] == 303
        assert site.get("/upload/nosuchjob.json")[0] == 404


def test_an_upload_without_a_length_is_cut_off_at_the_bound(tmp_path):
    """A chunked body (no Content-Length to refuse it by) is counted as it arrives and refused past the bound."""
    import http.client

    db, content = _empty_store_and_an_article(tmp_path)
    with serve(db, max_upload_bytes=2 * len(content)) as site:
        token = upload_token(site)
        body, ctype = multipart({"token": token}, [("big.txt", content * 4)])
        host, port = site.url.rsplit("/", 1)[1].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        conn.request("POST", "/upload", body=(body[k:k + 4096] for k in range(0, len(body), 4096)),
                     headers={"Content-Type": ctype}, encode_chunked=True)
        assert conn.getresponse().status == 413
        conn.close()
        assert site.json("/.json")["counts"]["articles"] == 0


def test_the_search_page_with_its_filters(site):
    eid, sid = ids(site)["entity"], ids(site)["story"]
    html = site.text(f"/search?q={quote('القوات')}&entity={eid}&story={sid}&in=quotes&from=2021-01-01&to=bad")
    assert f'name="entity" value="{eid}"' in html and f'name="story" value="{sid}"' in html
    assert "2021-01-01" in html and "YYYY-MM-DD" in html  # the date it could not read is named
    assert 'value="quotes" checked' in html
    assert html.count('class="said"') >= 1
