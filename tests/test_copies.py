"""Copies and reused passages across articles (marsad.link.copies), on real SaudiNewsNet articles: an edited copy
points to the earliest version, distinct articles on one topic stay apart, linking in two batches gives what
linking at once gives, an article written again is placed anew, and reused passages point at the same words
in both texts."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from marsad.arabic import fold_key
from marsad.link import link, link_steps
from marsad.link.copies import (
    REUSE_MIN_WORDS,
    WINNOW,
    Copies,
    Text,
    is_copy,
    shingles_of,
    similarity,
    window_keys,
    winnow,
    word_spans,
    words_of,
)
from marsad.link.copies import (
    _shingle_hashes as shingle_hashes,
)
from marsad.model import Article
from marsad.store import Store
from tests.conftest import saudi_articles


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def words(text: str) -> list[str]:
    return fold_key(text).split()


def article(aid: str, text: str, published: str | None = "2015-07-21", outlet: str = "test") -> Article:
    return Article(id=aid, source=aid, text=text, outlet=outlet, url=f"https://example.test/{aid}", published=published)


def day(n: int | None = None, start: int = 0) -> list[Article]:
    """Real articles of 2015-07-21, as stored (their content as text)."""
    arts = [a for a in saudi_articles() if (a.get("content") or "").strip()][start:None if n is None else start + n]
    return [article(f"a{start + k:04d}", a["content"], a["date_extracted"][:10], a["source"])
            for k, a in enumerate(arts)]


def long_ones(arts: list[Article], min_paragraphs: int = 3, min_words: int = 80) -> list[Article]:
    return [a for a in arts if len(paragraphs(a.text)) >= min_paragraphs and len(words(a.text)) >= min_words]


def linked(db: Path, *batches: list[Article], step: Copies | None = None) -> dict[str, str]:
    """Store and link each batch in turn; each copy's original."""
    with Store(db) as store:
        for batch in batches:
            store.add(batch)
            link(store, [step or Copies()])
        return {r["article"]: r["of"] for r in store.duplicates_records()}


def edited(text: str, rng: random.Random) -> str:
    """A paragraph after the first dropped, 3% of the words changed, the rest as it was."""
    paras = paragraphs(text)
    del paras[rng.randrange(1, len(paras))]
    tokens = [p.split() for p in paras]
    where = [(a, b) for a, t in enumerate(tokens) for b in range(len(t))]
    for a, b in rng.sample(where, max(1, len(where) * 3 // 100)):
        tokens[a][b] = "تعديل"
    return "\n".join(" ".join(t) for t in tokens)


def _lead_like(lead: str, donors: list[Article]) -> str:
    """Another article's opening paragraph, of about the length of ``lead`` (a lead rewritten)."""
    size = len(words(lead))
    return min((paragraphs(d.text)[0] for d in donors), key=lambda p: abs(len(words(p)) - size))


# -- copies -------------------------------------------------------------------------------------------------------


def test_an_edited_copy_points_to_the_earliest_version_whatever_the_order_stored(db):
    rng = random.Random(3)
    arts = day(300)
    original = long_ones(arts)[5]
    copy = article("copy", edited(original.text, rng), "2015-07-22", "other")
    earlier = article("earlier", edited(original.text, rng), "2015-07-20", "third")
    # the copy is stored (and linked) before its original; the earliest version comes last of all
    rows = linked(db, [copy], arts, [earlier])
    assert rows[copy.id] == earlier.id and rows[original.id] == earlier.id
    assert earlier.id not in rows
    with Store(db) as store:
        sims = {r["article"]: r["similarity"] for r in store.duplicates_records()}
    direct = similarity(Text(original.text), Text(earlier.text))[0]
    assert sims[original.id] == pytest.approx(direct, abs=1e-3) and direct >= 0.45


def test_copies_of_each_kind_are_found(db):
    """Furniture lines around it, words changed, a paragraph dropped, paragraphs reordered, the lead
    rewritten (another article's lead in its place): each a copy of its original."""
    rng = random.Random(7)
    arts = day(400)
    # reports whose lead is a lead (at most 40% of the words: rewriting it leaves the report)
    originals = [a for a in long_ones(arts, min_paragraphs=4)
                 if len(words(paragraphs(a.text)[0])) <= 0.4 * len(words(a.text))][:6]
    donors = [a for a in arts if a not in originals and len(paragraphs(a.text)) >= 3]
    copies = []
    for k, o in enumerate(originals):
        paras = paragraphs(o.text)
        shuffled = paras[:]
        while shuffled == paras:
            rng.shuffle(shuffled)
        kinds = {
            "furniture": "\n".join(["الرئيسية / محليات", "- 21-07-2015, 10:45", *paras, "اقرأ أيضا:",
                                    donors[k].text.split("\n")[0][:80], "اترك تعليقاً"]),
            "words": edited("\n".join([paras[0], *paras]), rng),
            "reorder": "\n".join(shuffled),
            "lead": "\n".join([_lead_like(paras[0], donors), *paras[1:]]),
        }
        copies += [article(f"{kind}{k}", text, "2015-07-22") for kind, text in kinds.items()]
    rows = linked(db, arts + copies)
    for c in copies:
        o = originals[int(c.id[-1])]
        assert rows.get(c.id) == o.id, (c.id, similarity(Text(c.text), Text(o.text)))


def test_distinct_articles_on_one_topic_are_not_paired(db):
    """Articles of one day on one topic in their own words (six of their twenty rarest words shared, under a
    tenth of their 3-word runs: a fire in California, gold prices, Yemenis' residence papers, ...) are never
    copies."""
    arts = [a for a in day() if len(words(a.text)) >= 60]
    df = Counter(w for a in arts for w in set(words(a.text)) if len(w) > 3)
    rare = {a.id: sorted((w for w in set(words(a.text)) if len(w) > 3 and df[w] > 1), key=lambda w: (df[w], w))[:20]
            for a in arts}
    holders: dict[str, list[str]] = {}
    for a, ws in rare.items():
        for w in ws:
            holders.setdefault(w, []).append(a)
    shared: Counter[tuple[str, str]] = Counter()
    for ids in holders.values():
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                shared[x, y] += 1
    grams = {a.id: {" ".join(g) for g in zip(*(words(a.text)[i:] for i in range(3)), strict=False)} for a in arts}
    near = [(x, y) for (x, y), n in shared.items()
            if n >= 6 and len(grams[x] & grams[y]) / len(grams[x] | grams[y]) < 0.1]
    assert len(near) >= 50
    involved = {a for p in near for a in p}
    rows = linked(db, [a for a in arts if a.id in involved])
    group = {a: rows.get(a, a) for a in involved}
    assert not [(x, y) for x, y in near if group[x] == group[y]]


def test_one_item_of_a_roundup_is_a_reused_passage_not_a_copy(db):
    """A short report printed whole in the middle of a longer one (containment near 1) is a passage of it;
    printed at its head, with a little after it, it is a lengthened copy."""
    arts = day(300)
    short = next(a for a in arts if 50 <= len(words(a.text)) <= 90)
    hosts = [a for a in long_ones(arts, min_paragraphs=4, min_words=200) if a is not short][:2]
    middle = paragraphs(hosts[0].text)
    roundup = article("roundup", "\n".join([*middle[:2], short.text, *middle[2:]]), "2015-07-22")
    lengthened = article("lengthened", "\n".join([short.text, paragraphs(hosts[1].text)[-1]]), "2015-07-22")
    assert similarity(Text(roundup.text), Text(short.text))[1] > 0.9
    with Store(db) as store:
        store.add([short, roundup, lengthened])
        link(store, [Copies()])
        rows = {r["article"]: r["of"] for r in store.duplicates_records()}
        reuse = [r for r in store.reuse_records() if r["article"] == roundup.id]
    assert roundup.id not in rows and rows.get(lengthened.id) == short.id
    assert [r["of"] for r in reuse] == [short.id]


# -- incremental, written again -----------------------------------------------------------------------------------


def _copies_and_passages(arts: list[Article], rng: random.Random) -> list[Article]:
    out = []
    for k, o in enumerate(long_ones(arts)[:8]):
        out.append(article(f"c{k}", edited(o.text, rng), "2015-07-22", "copies"))
        host = paragraphs(arts[-1 - k].text)
        if len(host) >= 2:
            out.append(article(f"p{k}", "\n".join([host[0], max(paragraphs(o.text), key=len), *host[1:]]),
                               "2015-07-22", "passages"))
    return out


def _tables(db: Path) -> tuple[list[tuple[str, str, float]], list[tuple]]:
    with Store(db) as store:
        dups = sorted((r["article"], r["of"], round(r["similarity"], 4)) for r in store.duplicates_records())
        reuse = sorted(tuple(r.values()) for r in store.reuse_records())
    return dups, reuse


def test_linking_in_two_batches_gives_what_linking_at_once_gives(tmp_path):
    rng = random.Random(11)
    arts = day(500)
    extra = _copies_and_passages(arts, rng)
    everything = arts + extra
    # the second batch holds copies, passages, and an older version of an article of the first
    older = article("older", edited(long_ones(arts)[3].text, rng), "2015-07-19", "archive")
    first, second = everything[:320], [*everything[320:], older]
    linked(tmp_path / "once.db", [*first, *second])
    linked(tmp_path / "twice.db", first, second)
    once, twice = _tables(tmp_path / "once.db"), _tables(tmp_path / "twice.db")
    assert once[0] and once[1]
    assert any(of == "older" for _, of, _ in once[0])
    assert once == twice


def test_an_article_written_again_is_placed_anew_and_never_paired_with_its_old_self(db):
    rng = random.Random(5)
    arts = day(300)
    a = long_ones(arts)[2]
    copy = article("copy", edited(a.text, rng), "2015-07-22", "other")
    other = long_ones(arts)[40]
    with Store(db) as store:
        store.add([*arts, copy])
        link(store, [Copies()])
        assert store.copy_originals([copy.id]) == {copy.id: a.id}
        # the same URL fetched again, lightly edited: the same article (no copy of itself), still copied
        again = article(a.id, edited(a.text, rng), a.published, a.outlet)
        assert store.replace([again]) == 1
        link(store, [Copies()])
        rows = {r["article"]: r["of"] for r in store.duplicates_records()}
        assert all(x != of for x, of in rows.items()) and rows.get(copy.id) == a.id and a.id not in rows
        # fetched again with another text altogether: the old copy is no longer its copy
        store.replace([article(a.id, other.text + "\n" + "خبر آخر", a.published, a.outlet)])
        link(store, [Copies()])
        rows = {r["article"]: r["of"] for r in store.duplicates_records()}
    assert copy.id not in rows
    # its new text is another article's: they are one text, published the same day, and it was stored first
    assert rows == {other.id: a.id}


# -- reused passages ----------------------------------------------------------------------------------------------


def test_reused_passages_point_at_the_same_words_in_both_texts_and_at_the_earliest(db):
    arts = day(300)
    source = long_ones(arts)[7]
    passage = max(paragraphs(source.text), key=lambda p: len(words(p)))
    assert len(words(passage)) >= REUSE_MIN_WORDS
    hosts = long_ones(arts, min_words=150)[20:22]
    later = [article(f"host{k}", "\n".join([*paragraphs(h.text)[:1], passage, *paragraphs(h.text)[1:]]),
                     f"2015-07-2{2 + k}", "reuser") for k, h in enumerate(hosts)]
    with Store(db) as store:
        store.add([*arts, *reversed(later)])  # the latest stored first
        link(store, [Copies()])
        texts = store.article_texts([source.id, *(h.id for h in later)])
        rows = [r for r in store.reuse_records() if r["article"] in {"host0", "host1"}]
    assert {r["article"] for r in rows} == {"host0", "host1"}
    for r in rows:
        assert set(r) == {"article", "start", "end", "of", "of_start", "of_end"}
        here = texts[r["article"]][r["start"]:r["end"]]
        there = texts[r["of"]][r["of_start"]:r["of_end"]]
        assert words(here) == words(there) and len(words(here)) >= REUSE_MIN_WORDS
    # the passage is credited to where it was first published, not to the other article reusing it
    covering = [r for r in rows if set(words(passage)) <= set(words(texts[r["article"]][r["start"]:r["end"]]))]
    assert {r["of"] for r in covering} == {source.id} and len(covering) == 2


def test_a_run_of_shared_words_always_shares_an_anchor():
    """Winnowing: any run of WINNOW + 9 words two texts share gives both the same anchor."""
    rng = random.Random(2)
    texts = [a.text for a in day(200) if len(words(a.text)) > 120]
    for _ in range(40):
        a, b = rng.sample(texts, 2)
        wa, wb = words(a), words(b)
        start = rng.randrange(0, len(wa) - 30)
        run = wa[start:start + WINNOW + 9]
        cut = rng.randrange(0, len(wb))
        mixed = wb[:cut] + run + wb[cut:]
        anchors_a = winnow(window_keys(shingle_hashes(shingles_of(wa))))
        anchors_b = winnow(window_keys(shingle_hashes(shingles_of(mixed))))
        assert anchors_a & anchors_b


def test_the_folded_words_and_their_spans_agree():
    for a in day(300):
        found, bounds, index = word_spans(a.text)
        assert found == words_of(a.text)
        for i in range(0, len(found), 37):
            start, end = index[bounds[2 * i]], index[bounds[2 * i + 1] - 1] + 1
            assert fold_key(a.text[start:end]).split() == [found[i]]


# -- the step as wired ---------------------------------------------------------------------------------------------


def test_the_step_runs_first_is_small_and_exports_its_tables(db):
    steps = link_steps()
    assert isinstance(steps[0], Copies)
    assert dict(Copies.exports) == {"duplicates": ("article", "of", "similarity"),
                                    "reuse": ("article", "start", "end", "of", "of_start", "of_end")}
    arts = day(50)
    sig = Copies().signature(long_ones(arts)[0])
    assert len(json.dumps(sig)) < 1200
    assert is_copy(Text(arts[0].text), Text(arts[0].text)) == 1.0
    with Store(db) as store:
        store.add(arts + [article("twin", arts[1].text, "2015-07-23")])
        link(store, [Copies()])
        assert list(store.duplicates_records()) == [{"article": "twin", "of": arts[1].id, "similarity": 1.0}]
        before = store.query("SELECT count(*) FROM copy_bands")
        link(store, [Copies()])  # nothing new: nothing done
        assert store.query("SELECT count(*) FROM copy_bands") == before
