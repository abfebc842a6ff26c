"""Search speed and index size: python -m benchmarks.search [--articles 50000] [--runs 5] [--db FILE]

Builds a database of ``--articles`` SaudiNewsNet articles through the real store (each article's id as ingest
gives it, ``Store.add``, then the search step through ``marsad.link.link``, as ``marsad run`` does). The
cleaning and analysis steps are skipped for the bulk: SaudiNewsNet's ``content`` is already clean text, and
analysing 50,000 articles takes hours on two cores; so the articles have no quotes and no entities, and the
benchmark's filters are outlet and dates. SaudiNewsNet holds 31,030 articles: beyond them each is stored
again under another URL (a second copy of its text), as a corpus that large would repeat wire copy.

Then a fixed set of realistic queries (names, places, common and rare words, phrases, a word's beginning, a
word to leave out, filters by outlet and dates, a query with harakat) is run ``--runs`` times after one warm-up
pass, each as the API runs it: the count, one page of 20 results ranked by bm25, their snippets. Reported:
median and p95 per query and over all; the first (cold) pass apart; the index's size beside the articles'.

Beside it, the other design the issue names is measured on the same articles: each word indexed twice, as
written and with its proclitics set aside (every reading :func:`marsad.arabic.proclitic_candidates` gives),
so that a query word is one term; its index size and the time of its one-word queries.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eval.common import SHARED
from marsad.arabic import fold, proclitic_candidates
from marsad.ids import article_id
from marsad.link import link
from marsad.model import Article
from marsad.search import WORD, Filters, Search, parse, search
from marsad.store import Store

SAUDI = SHARED / "data" / "saudinewsnet"
BATCH = 2000

# (query, filters): what an analyst of Saudi news in 2015 types
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("السعودية", {}), ("الرياض", {}), ("وزير", {}), ("المملكة", {}), ("الأمطار", {}), ("داعش", {}),
    ("الحوثي", {}), ("اليمن", {}), ("النفط", {}), ("الهلال", {}), ("المرور", {}), ("التعليم", {}),
    ("الاتفاق النووي", {}), ("إيران الاتفاق", {}), ("سلمان", {}), ("الجبير", {}), ("عسير", {}),
    ('"خادم الحرمين الشريفين"', {}), ('"مجلس الوزراء"', {}), ('"وزارة الصحة"', {}), ('"عاصفة الحزم"', {}),
    ('"الأمير محمد بن سلمان"', {}), ("كورونا", {}), ("اقتصاد*", {}), ("تعليم*", {}), ("الهلال -النصر", {}),
    ("الرِّيَاض", {}), ("للسعودية", {}), ("وبالرياض", {}), ("الخفاجي", {}),
    ("حادث", {"outlet": "sabq"}), ("الحج", {"since": "2015-07-25", "until": "2015-07-31"}),
    ("الملك", {"outlet": "aawsat", "since": "2015-08-01"}), ("مجلس الشورى", {"outlet": "alriyadh"}),
]


def saudi(n: int) -> Iterator[dict]:
    """``n`` articles with content: SaudiNewsNet's, then again under other URLs while more are wanted."""
    made = 0
    rounds = 0
    while made < n:
        for z in sorted(SAUDI.glob("*.zip")):
            with zipfile.ZipFile(z) as f:
                for art in json.loads(f.read(f.namelist()[0])):
                    if made >= n:
                        return
                    if not (art.get("content") or "").strip():
                        continue
                    if rounds:
                        art = {**art, "url": f"{art['url']}#copy{rounds}"}
                    yield art
                    made += 1
        rounds += 1


def build(db: Path, n: int, workers: int) -> dict[str, float]:
    """The database of ``n`` articles, stored and indexed; the seconds each took."""
    t0 = time.perf_counter()
    with Store(db) as store:
        batch: list[Article] = []
        for art in saudi(n):
            text = art["content"].strip()
            batch.append(Article(id=article_id(text, art["url"], art["source"]), source="saudinewsnet", text=text,
                                 outlet=art["source"], url=art["url"], title=(art.get("title") or "").strip() or None,
                                 published=(art.get("date_extracted") or "")[:10] or None))
            if len(batch) >= BATCH:
                store.add(batch)
                batch = []
        store.add(batch)
        t1 = time.perf_counter()
        link(store, [Search()], workers)
        t2 = time.perf_counter()
    return {"store": t1 - t0, "index": t2 - t1}


def run_queries(store: Store, runs: int) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, float],
                                                 dict[str, int]]:
    """Each query's times (ms: wall clock, and this process's CPU time, which other work on a shared machine
    does not inflate) over ``runs`` passes after a warm-up, the warm-up's (cold) wall times, and its count."""
    warm: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    cold: dict[str, float] = {}
    totals: dict[str, int] = {}
    for k in range(runs + 1):
        for q, f in QUERIES:
            key = q + (" " + json.dumps(f, ensure_ascii=False) if f else "")
            t, c = time.perf_counter(), time.process_time()
            found = search(store, q, Filters(**f), limit=20)
            ms, cpu_ms = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
            totals[key] = found.total
            if k == 0:
                cold[key] = ms
            else:
                warm.setdefault(key, []).append(ms)
                cpu.setdefault(key, []).append(cpu_ms)
    return warm, cpu, cold, totals


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def sizes(db: Path) -> dict[str, int]:
    """Bytes of the articles' table, the search index (FTS5 shadow tables and numbers) and the stems kept as
    the search step's signatures, and of the whole file."""
    con = sqlite3.connect(db)
    try:
        def of(where: str) -> int:
            return con.execute(f"SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE {where}").fetchone()[0]
        index = of("name LIKE 'search_index%' OR name = 'search_docs' OR name = 'sqlite_autoindex_search_docs_1'")
        stems = con.execute("SELECT coalesce(sum(length(CAST(data AS BLOB))), 0) FROM signatures "
                            "WHERE step = 'search'").fetchone()[0]
        return {"articles": of("name = 'articles' OR name LIKE 'sqlite_autoindex_articles%' OR name LIKE "
                               "'articles_%'"), "index": index, "stems": stems, "file": db.stat().st_size}
    finally:
        con.close()


def twice(db: Path, other: Path, runs: int) -> dict[str, float]:
    """The other design: each word indexed as written and as each of its proclitic readings (a contentless
    FTS5 table of one column, from the same articles); its size and its one-word queries' times."""
    src = sqlite3.connect(db)
    con = sqlite3.connect(other)
    con.execute("CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='unicode61 remove_diacritics 1')")
    t0 = time.perf_counter()
    rows = []
    for n, text in src.execute("SELECT d.n, a.text FROM search_docs d JOIN articles a ON a.id = d.article"):
        words = [w for word in WORD.findall(fold(text)) for w in proclitic_candidates(word)]
        rows.append((n, " ".join(w for w in words if WORD.fullmatch(w))))
        if len(rows) >= BATCH:
            con.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", rows)
            rows = []
    con.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", rows)
    con.commit()
    built = time.perf_counter() - t0
    size = con.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 't_%'").fetchone()[0]
    times: list[float] = []
    ours: list[float] = []
    words = [q for q, f in QUERIES if not f and " " not in q and not q.startswith(('"', "-")) and "*" not in q]
    for k in range(runs + 1):
        for q in words:
            term = f'"{proclitic_candidates(q)[-1]}"'
            expr = parse(q).fts()
            for connection, table, match, into in ((con, "t", term, times), (src, "search_index", expr, ours)):
                t = time.perf_counter()
                connection.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (match,)).fetchone()
                connection.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT 20",
                                   (match,)).fetchall()
                if k:
                    into.append((time.perf_counter() - t) * 1000)
    src.close()
    con.close()
    return {"size": size, "built": built, "median": statistics.median(times), "p95": p95(times),
            "ours_median": statistics.median(ours), "ours_p95": p95(ours)}


def one_word_times(warm: dict[str, list[float]]) -> list[float]:
    return [t for q, ts in warm.items() if " " not in q and not q.startswith(('"', "-")) and "*" not in q
            for t in ts]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=1, help="processes that map the articles to index")
    ap.add_argument("--db", type=Path, default=None, help="keep the database here (built when missing)")
    ap.add_argument("--no-twice", action="store_true", help="skip the other design's measurement")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "search.db"
        built = build(db, args.articles, args.workers) if not db.exists() else {}
        with Store(db, readonly=True) as store:
            count = store.count()
            warm, cpu, cold, totals = run_queries(store, args.runs)
        every = [t for ts in warm.values() for t in ts]
        every_cpu = [t for ts in cpu.values() for t in ts]
        sz = sizes(db)
        print(f"articles: {count:,}" + (f" (stored in {built['store']:.0f} s, indexed in {built['index']:.0f} s)"
                                         if built else ""))
        print(f"index: {sz['index'] / 1e6:.1f} MB (FTS5, contentless) + stems kept as the step's signatures "
              f"{sz['stems'] / 1e6:.1f} MB; articles' table {sz['articles'] / 1e6:.1f} MB; file "
              f"{sz['file'] / 1e6:.1f} MB")
        print(f"{'query':<58} | {'matches':>7} | {'cold ms':>7} | {'median':>7} | {'p95':>7} | {'CPU med':>7}")
        for key, ts in warm.items():
            print(f"{key:<58} | {totals[key]:>7} | {cold[key]:>7.1f} | {statistics.median(ts):>7.1f} | "
                  f"{p95(ts):>7.1f} | {statistics.median(cpu[key]):>7.1f}")
        print(f"all {len(QUERIES)} queries x {args.runs} runs: median {statistics.median(every):.1f} ms, "
              f"p95 {p95(every):.1f} ms, max {max(every):.1f} ms (CPU time: median "
              f"{statistics.median(every_cpu):.1f} ms, p95 {p95(every_cpu):.1f} ms); cold pass median "
              f"{statistics.median(cold.values()):.1f} ms, p95 {p95(list(cold.values())):.1f} ms")
        ones = one_word_times(warm)
        print(f"one-word queries (stems + forms): median {statistics.median(ones):.1f} ms, p95 {p95(ones):.1f} ms")
        if not args.no_twice:
            other = twice(db, Path(tmp) / "twice.db", args.runs)
            print(f"the other design (each word as written and without its proclitics, {other['built']:.0f} s to "
                  f"build): index {other['size'] / 1e6:.1f} MB; one-word queries, count + top 20 without snippets: "
                  f"median {other['median']:.1f} ms, p95 {other['p95']:.1f} ms (stems + forms, the same work: "
                  f"median {other['ours_median']:.1f} ms, p95 {other['ours_p95']:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
