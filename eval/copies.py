"""Copies and reused passages, measured: python -m eval.copies [--per-day 100] [--per-category 30] [--show 20]
[--no-real] [--bar J]

Synthetic copies of real articles, among the other real articles of their day (SaudiNewsNet, two days) or of
their category (anc19: six categories, 19 countries), read, cleaned and stored as ``marsad run`` does it
(JSON Lines through the Clean step, into a temporary store), then linked by the real step
(:class:`marsad.link.copies.Copies`):

- originals: articles of 3+ paragraphs and 80+ words that no other article of their day (category) comes near
  (3-word-shingle Jaccard under 0.2: a real copy of one would make its pairs unscorable); published on their
  day, their copies a day later, all stored in a shuffled order (a copy is often stored before its original);
- six copies of each, one per kind of edit: ``exact``; ``furniture`` (the page as a scraper sees it: title,
  date stamp, category, counter, read-also, comment form, ``benchmarks.corpus.page_text``); ``words`` (5% of
  the words replaced by words of another article of the day); ``drop`` (one paragraph after the first
  removed); ``reorder`` (the paragraphs shuffled); ``lead`` (the first paragraph replaced by another article's);
- one ``passage`` article per original: an article of another day (not stored) with one paragraph of the
  original (25+ words) put in its middle: a reused passage, not a copy.

Scored: a copy is found when it is in its original's group (and "-> orig" when it points to the original
itself); reported pairs (each copy row: article, of) are true when both come from one original, false when
they join two originals or an original's family and another article; pairs of two other articles of the day
are real copies between outlets (not scored here: see --show; those whose texts share under a tenth of their
3-word runs are counted, they are surely not one text: a chain of copies drifting away, or template
statements). A passage is found when a ``reuse`` row of its
article points to its original and covers 90% of the paragraph's words, its two spans holding the same words
once folded. Beside it, the baseline: exact hashing of the normalised text (the folded words).

Then the real days: all 31,030 SaudiNewsNet articles (18 days) read and cleaned the same way (cached in
.cache/eval/), linked from scratch and timed: groups, copies and passages found; ``--show N`` prints N groups
drawn at random to read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import page_text, saudi_articles, write_pages
from eval.common import REPO, SHARED
from marsad.arabic import fold_key
from marsad.clean import Clean
from marsad.link import link
from marsad.link.copies import Copies, Text, similarity
from marsad.runner import run
from marsad.store import Store

ANC19 = SHARED / "data" / "anc19"
DAYS = ("2015-07-21", "2015-08-04")
HOST_DAY = "2015-08-11"  # the articles a passage is put into come from this day (not stored)
KINDS = ("exact", "furniture", "words", "drop", "reorder", "lead")
DISTINCT_J3 = 0.2  # an original has no article of its day this near (3-word shingles)
CACHE = REPO / ".cache" / "eval"
SEED = 15


@dataclass
class Doc:
    text: str
    url: str
    outlet: str
    published: str | None
    title: str = ""
    family: str | None = None  # the original it comes from (the original's own url), None for the others
    kind: str | None = None  # original | one of KINDS | passage
    passage: str | None = None  # the paragraph put in (passage articles)


@dataclass
class Scores:
    found: Counter[str] = field(default_factory=Counter)  # kind -> copies found in their original's group
    pointed: Counter[str] = field(default_factory=Counter)  # kind -> copies pointing to their original
    total: Counter[str] = field(default_factory=Counter)
    true: int = 0
    false: int = 0
    real: int = 0  # pairs of two other articles
    real_far: int = 0  # ... of which the two share under a tenth of their 3-word runs (surely not one text)
    passages: int = 0
    passages_found: int = 0
    passages_as_copies: int = 0
    false_examples: list[tuple[str, str]] = field(default_factory=list)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, copy, original)


# -- the articles -----------------------------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _words(text: str) -> list[str]:
    return fold_key(text).split()


def _shingles3(text: str) -> frozenset[str]:
    w = _words(text)
    return frozenset(" ".join(w[i:i + 3]) for i in range(len(w) - 2))


def saudi_day(day: str) -> list[dict]:
    return [a for a in saudi_articles([day]) if (a.get("content") or "").strip()]


def anc19_category(category: str) -> list[dict]:
    """A category's files as articles: the first line the title, the rest the content."""
    out = []
    for f in sorted((ANC19 / category).glob("*.txt")):
        text = f.read_bytes().rstrip(b"\x00").decode("cp1256", errors="replace").replace("\r\n", "\n")
        lines = paragraphs(text)
        if len(lines) < 2 or "?" * 5 in text:
            continue
        out.append({"title": lines[0], "content": "\n".join(lines[1:]), "url": f"anc19/{category}/{f.name}",
                    "source": f"anc19-{f.name[:2]}", "date_extracted": "2012-01-01"})
    return out


class Nearness:
    """The 3-word shingles of every article stored (all days and categories: anc19 repeats a few files across
    categories), to tell whether an article has another that comes near it."""

    def __init__(self, articles: list[dict]) -> None:
        self.sets = {id(a): _shingles3(a["content"]) for a in articles}
        self.owners: dict[str, list[int]] = defaultdict(list)
        for key, grams in self.sets.items():
            for g in grams:
                self.owners[g].append(key)

    def alone(self, a: dict) -> bool:
        mine = self.sets[id(a)]
        shared: Counter[int] = Counter(k for g in mine for k in self.owners[g] if k != id(a))
        return all(v / (len(mine) + len(self.sets[k]) - v) < DISTINCT_J3 for k, v in shared.items())


def distinct_originals(articles: list[dict], n: int, rng: random.Random, near: Nearness) -> list[int]:
    """Up to ``n`` articles (3+ paragraphs, 80+ words) that no other article stored comes near."""
    order = list(range(len(articles)))
    rng.shuffle(order)
    chosen: list[int] = []
    for i in order:
        a = articles[i]
        if len(paragraphs(a["content"])) < 3 or len(_words(a["content"])) < 80 or not near.alone(a):
            continue
        chosen.append(i)
        if len(chosen) == n:
            break
    return chosen


def words_changed(paras: list[str], pool: list[str], rng: random.Random) -> str:
    """The paragraphs with 5% of their words replaced by words of the pool (the edits below make the copies that
    eval.copies and benchmarks.minhash_libs measure)."""
    tokens = [p.split() for p in paras]
    where = [(a, b) for a, t in enumerate(tokens) for b in range(len(t))]
    for a, b in rng.sample(where, max(1, round(0.05 * len(where)))):
        tokens[a][b] = rng.choice(pool)
    return "\n".join(" ".join(t) for t in tokens)


def dropped(paras: list[str], rng: random.Random) -> str:
    gone = rng.randrange(1, len(paras))
    return "\n".join(p for n, p in enumerate(paras) if n != gone)


def reordered(paras: list[str], rng: random.Random) -> str:
    shuffled = paras[:]
    while shuffled == paras:
        rng.shuffle(shuffled)
    return "\n".join(shuffled)


def _lead_like(lead: str, leads: list[str], rng: random.Random) -> str:
    """Another article's opening paragraph of about the length of ``lead`` (within half and one and a half
    times its words; the nearest in length when none is): the lead rewritten, not a whole other article."""
    size = len(_words(lead))
    fits = [p for p in leads if 0.5 * size <= len(_words(p)) <= 1.5 * size]
    return rng.choice(fits) if fits else min(leads, key=lambda p: abs(len(_words(p)) - size))


def _next_day(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def _title(a: dict) -> str:
    """A title for a "read also" line: the article's, or its first words (anc19's first line can be long)."""
    return a.get("title") or " ".join(paragraphs(a["content"])[0].split()[:12])


def build(articles: list[dict], name: str, n: int, hosts: list[dict], rng: random.Random,
          near: Nearness) -> list[Doc]:
    """The set's articles as they are, and the copies and passage articles of ``n`` originals among them."""
    chosen = distinct_originals(articles, n, rng, near)
    taken = set(chosen)
    donors = [a for i, a in enumerate(articles) if i not in taken and len(paragraphs(a["content"])) >= 2]
    leads = [paragraphs(a["content"])[0] for a in donors]
    docs: list[Doc] = []
    for i, a in enumerate(articles):
        day = a["date_extracted"][:10]
        docs.append(Doc(f"{a.get('title') or ''}\n{a['content']}", a["url"], a["source"], day, a.get("title") or "",
                        family=a["url"] if i in taken else None, kind="original" if i in taken else None))
    for i in chosen:
        a = articles[i]
        paras = paragraphs(a["content"])
        title = a.get("title") or ""
        day = _next_day(a["date_extracted"][:10])
        donor = rng.choice(donors)
        copies = {
            "exact": a["content"],
            "furniture": None,
            "words": words_changed(paras, rng.choice(donors)["content"].split(), rng),
            "drop": dropped(paras, rng),
            "reorder": reordered(paras, rng),
            "lead": "\n".join([_lead_like(paras[0], leads, rng), *paras[1:]]),
        }
        for kind, body in copies.items():
            text = page_text(a, " ".join(_title(donor).split()[:15]), rng) if body is None \
                else f"{title}\n{body}"
            docs.append(Doc(text, f"https://copies.example/{name}/{i}/{kind}", f"copies-{kind}", day, title,
                            family=a["url"], kind=kind))
        # a paragraph of 25-80 words and at most a third of the original, put in an article of another day
        fits = [p for p in paras if 25 <= len(_words(p)) <= min(80, len(_words(a["content"])) / 3)]
        host = paragraphs(rng.choice(hosts)["content"])
        if fits and len(host) >= 2:
            passage = rng.choice(fits)
            cut = rng.randrange(1, len(host))
            docs.append(Doc("\n".join([*host[:cut], passage, *host[cut:]]), f"https://copies.example/{name}/{i}/p",
                            "copies-passage", day, family=a["url"], kind="passage", passage=passage))
    return docs


def corpus(per_day: int, per_category: int) -> list[Doc]:
    rng = random.Random(SEED)
    hosts = [a for a in saudi_day(HOST_DAY) if len(paragraphs(a["content"])) >= 3 and len(_words(a["content"])) >= 150]
    sets = [(day, saudi_day(day), per_day) for day in DAYS]
    sets += [(c, anc19_category(c), per_category) for c in sorted(d.name for d in ANC19.iterdir() if d.is_dir())]
    near = Nearness([a for _, articles, _ in sets for a in articles])
    docs: list[Doc] = []
    for name, articles, n in sets:
        docs += build(articles, name, n, hosts, rng, near)
    rng.shuffle(docs)
    return docs


def write_jsonl(docs: list[Doc], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps({"text": d.text, "url": d.url, "outlet": d.outlet, "published": d.published},
                                 ensure_ascii=False) + "\n")


# -- scoring ----------------------------------------------------------------------------------------------------


def groups_of(rows: dict[str, str], ids: list[str]) -> dict[str, str]:
    """Each article's group (its original's id, its own when it is no copy)."""
    return {a: rows.get(a, a) for a in ids}


def score(docs: list[Doc], by_url: dict[str, str], rows: dict[str, str],
          reuse: dict[str, list[tuple[int, int, str, int, int]]], texts: dict[str, str]) -> Scores:
    s = Scores()
    doc_of = {by_url[d.url]: d for d in docs if d.url in by_url}
    group = groups_of(rows, list(doc_of))
    original = {d.family: by_url[d.url] for d in docs if d.kind == "original" and d.url in by_url}
    for a, d in doc_of.items():
        if d.kind in KINDS and d.family in original:
            o = original[d.family]
            s.total[d.kind] += 1
            s.found[d.kind] += group[a] == group[o]
            if group[a] != group[o]:
                s.misses.append((d.kind, a, o))
            s.pointed[d.kind] += rows.get(a) == o
        elif d.kind == "passage" and d.family in original and d.passage:
            o = original[d.family]
            s.passages += 1
            s.passages_as_copies += group[a] == group[o]
            want = len(_words(d.passage))
            got = 0
            for start, end, of, of_start, of_end in reuse.get(a, []):
                if of == o and _words(texts[a][start:end]) == _words(texts[o][of_start:of_end]):
                    got += len(set(_words(texts[a][start:end])) & set(_words(d.passage)))
            s.passages_found += got >= 0.9 * len(set(_words(d.passage))) and want >= 25
    for a, of in rows.items():
        da, do = doc_of.get(a), doc_of.get(of)
        fa, fo = (da.family if da else None), (do.family if do else None)
        fam_a = fa if da and da.kind != "passage" else None
        fam_o = fo if do and do.kind != "passage" else None
        if fam_a is None and fam_o is None:
            s.real += 1
            x, y = _shingles3(texts[a]), _shingles3(texts[of])
            s.real_far += len(x & y) < 0.1 * len(x | y)
        elif fam_a == fam_o:
            s.true += 1
        else:
            s.false += 1
            s.false_examples.append((f"{da.kind if da else None} {' '.join(texts[a].split())[:160]}",
                                     f"{do.kind if do else None} {' '.join(texts[of].split())[:160]}"))
    return s


def exact_rows(texts: dict[str, str], order: dict[str, tuple[str, int]]) -> dict[str, str]:
    """The baseline: articles whose folded words are the same, each pointing to the earliest of them."""
    by_hash: dict[str, list[str]] = defaultdict(list)
    for a, t in texts.items():
        by_hash[hashlib.sha1(" ".join(_words(t)).encode()).hexdigest()].append(a)
    rows = {}
    for ids in by_hash.values():
        first = min(ids, key=lambda a: order[a])
        rows.update({a: first for a in ids if a != first})
    return rows


def read_store(store: Store) -> tuple[dict[str, str], dict[str, tuple[str, int]], dict[str, str],
                                      dict[str, list[tuple[int, int, str, int, int]]], dict[str, str]]:
    """Ids by URL, each article's order (publication date, then storing), texts, passages reused, copies."""
    by_url = {u: i for u, i in store.query("SELECT url, id FROM articles WHERE url IS NOT NULL")}
    texts = {i: t for i, t in store.query("SELECT id, text FROM articles")}
    order = {i: (p or "9999", q) for i, p, q in store.query("SELECT id, published, seq FROM articles")}
    rows = {r["article"]: r["of"] for r in store.duplicates_records()}
    reuse: dict[str, list[tuple[int, int, str, int, int]]] = defaultdict(list)
    for r in store.reuse_records():
        reuse[r["article"]].append((r["start"], r["end"], r["of"], r["of_start"], r["of_end"]))
    return by_url, order, texts, reuse, rows


# -- the real days ------------------------------------------------------------------------------------------------


def real_days_db() -> Path:
    """All SaudiNewsNet articles read and cleaned as marsad run reads them (title line and content, outlet, URL,
    crawl day as the date given), cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / "saudinewsnet-all-clean.db"
    jsonl = write_pages(CACHE / "saudinewsnet-all.jsonl")
    with Store(db) as store:
        run([jsonl], store, steps=[Clean()], across=())
    return db


def real_days(show: int, bar: float | None) -> dict[str, float]:
    db = real_days_db()
    with Store(db) as store:
        step = Copies(bar)
        store.forget_link(step.name, step.provides)
        store.set_link_point(step.name, step.version, 0)
        start = time.perf_counter()
        link(store, [step])
        spent = time.perf_counter() - start
        n = store.count()
        rows = list(store.duplicates_records())
        groups: dict[str, list[str]] = defaultdict(list)
        for r in rows:
            groups[r["of"]].append(r["article"])
        reuse = list(store.reuse_records())
        outlets = dict(store.query("SELECT id, outlet FROM articles"))
        cross = sum(1 for o, ms in groups.items() if any(outlets[m] != outlets[o] for m in ms))
        if show:
            rng = random.Random(SEED)
            for o in rng.sample(sorted(groups), min(show, len(groups))):
                print(f"=== group of {o} ({len(groups[o])} copies)")
                for a in [o, *groups[o]]:
                    text = store.article_texts([a])[a]
                    sim = next((r["similarity"] for r in rows if r["article"] == a), None)
                    print(f"  {a} {outlets[a]:<13} {'' if sim is None else f'{sim:.2f}':>4} "
                          f"{' '.join(text.split())[:220]}")
    return {"articles": n, "seconds": spent, "groups": len(groups), "copies": len(rows), "cross": cross,
            "reuse": len(reuse), "reusing": len({r["article"] for r in reuse})}


# -- the command ---------------------------------------------------------------------------------------------------


def evaluate(per_day: int, per_category: int, bar: float | None) -> tuple[Scores, Scores, dict[str, float]]:
    docs = corpus(per_day, per_category)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "copies.jsonl"
        write_jsonl(docs, path)
        with Store(Path(tmp) / "copies.db") as store:
            run([path], store, steps=[Clean()], across=())
            start = time.perf_counter()
            link(store, [Copies(bar)])
            spent = time.perf_counter() - start
            by_url, order, texts, reuse, rows = read_store(store)
    mine = score(docs, by_url, rows, reuse, texts)
    base = score(docs, by_url, exact_rows(texts, order), {}, texts)
    for kind, a, o in mine.misses:
        j, c = similarity(Text(texts[a]), Text(texts[o]))
        mine.false_examples.append((f"missed {kind}: Jaccard {j:.2f}, containment {c:.2f}",
                                    " ".join(texts[a].split())[:160]))
    return mine, base, {"articles": len(texts), "seconds": spent}


def _rate(n: int, total: int) -> str:
    return f"{n / total:.3f}" if total else "-"


def table(mine: Scores, base: Scores, info: dict[str, float], real: dict[str, float] | None) -> Iterator[str]:
    yield (f"synthetic copies: {sum(mine.total.values())} copies of {mine.total['exact']} originals among "
           f"{int(info['articles'])} articles (SaudiNewsNet {', '.join(DAYS)}; anc19, six categories), linked in "
           f"{info['seconds']:.1f} s")
    yield f"| {'':<28} | {'marsad':>14} | {'exact hashing':>14} |"
    yield f"|{'-' * 30}|{'-' * 16}|{'-' * 16}|"
    for kind in KINDS:
        label = f"recall {kind} ({mine.total[kind]})"
        found = f"{_rate(mine.found[kind], mine.total[kind])} ({_rate(mine.pointed[kind], mine.total[kind])})"
        yield f"| {label:<28} | {found:>14} | {_rate(base.found[kind], base.total[kind]):>14} |"
    yield (f"| {'false pairs / labelled pairs':<28} | {_pairs(mine):>14} | {_pairs(base):>14} |")
    yield (f"| {'pairs of two other articles':<28} | {mine.real:>14} | {base.real:>14} |")
    yield (f"| {'... sharing < 10% 3-grams':<28} | {mine.real_far:>14} | {base.real_far:>14} |")
    yield (f"| {'passages found (' + str(mine.passages) + ')':<28} | {_rate(mine.passages_found, mine.passages):>14} |"
           f" {'-':>14} |")
    yield (f"| {'passage articles as copies':<28} | {mine.passages_as_copies:>14} | {base.passages_as_copies:>14} |")
    if real:
        yield (f"| {'SaudiNewsNet, all 18 days':<28} | {int(real['articles'])} articles linked in "
               f"{real['seconds']:.0f} s: {int(real['groups'])} groups ({int(real['cross'])} across outlets), "
               f"{int(real['copies'])} copies; {int(real['reuse'])} passages reused in {int(real['reusing'])} "
               f"articles |")


def _pairs(s: Scores) -> str:
    labelled = s.true + s.false
    return f"{s.false}/{labelled} = {s.false / labelled:.3f}" if labelled else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-day", type=int, default=100, help="originals per SaudiNewsNet day")
    ap.add_argument("--per-category", type=int, default=30, help="originals per anc19 category")
    ap.add_argument("--show", type=int, default=0, help="print this many groups of the real days to read")
    ap.add_argument("--no-real", action="store_true", help="skip the real days")
    ap.add_argument("--bar", type=float, default=None, help="another Jaccard bar for copies")
    ap.add_argument("--false", action="store_true", help="list the false pairs and the copies missed")
    args = ap.parse_args(argv)
    mine, base, info = evaluate(args.per_day, args.per_category, args.bar)
    real = None if args.no_real else real_days(args.show, args.bar)
    for line in table(mine, base, info, real):
        print(line)
    if args.false:
        for a, of in mine.false_examples:
            print(f"{'' if a.startswith('missed') else 'false pair: '}{a}\n  {of}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
