"""Search over real SaudiNewsNet articles (one day, 2,972 of them, stored and indexed as marsad run does) and the
sample: Arabic normalisation on the index and the query, proclitics, phrases, filters, ranking, snippets that
map back to the text as published, and the index kept up to date when articles are written again."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from marsad.arabic import fold
from marsad.ids import article_id
from marsad.link import link
from marsad.model import Article
from marsad.runner import run
from marsad.search import STEM_MIN, Filters, Search, forms, index_text, matches, parse, search, snippets, stem
from marsad.store import Store
from tests.conftest import SEEDS, saudi_articles

WORD = re.compile(r"[^\W\d_]+")


def as_article(art: dict) -> Article:
    text = art["content"].strip()
    return Article(id=article_id(text, art["url"], art["source"]), source="saudinewsnet", text=text,
                   outlet=art["source"], url=art["url"], title=(art.get("title") or "").strip() or None,
                   published=art["date_extracted"][:10])


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One day of SaudiNewsNet, stored and indexed (the cleaning and analysis steps are not needed here)."""
    db = tmp_path_factory.mktemp("search") / "day.db"
    store = Store(db)
    store.add([as_article(a) for a in saudi_articles() if a["content"].strip()])
    link(store, [Search()])
    yield store
    store.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    store = Store(db)
    run([SEEDS], store)
    yield store
    store.close()


def texts(store: Store) -> dict[str, str]:
    return dict(store.query("SELECT id, coalesce(title, '') || char(10) || text FROM articles"))


def holding(store: Store, written: set[str]) -> set[str]:
    """The articles whose headline or text holds one of these words as written (folded), by plain reading."""
    wanted = {fold(w) for w in written}
    return {a for a, t in texts(store).items() if wanted & set(WORD.findall(fold(t)))}


def every(store: Store, q: str, f: Filters | None = None) -> list[str]:
    found = search(store, q, f or Filters(), limit=10_000, with_snippets=False)
    assert found.total == len(found.results)
    return [r.article for r in found.results]


# normalisation and proclitics


def test_a_name_finds_it_with_the_article_and_proclitics(sample):
    """خفاجي finds الخفاجي and للخفاجي (and the sample's خفاجي alone)."""
    for written in ("خفاجي", "الخفاجي", "للخفاجي", "والخفاجي"):
        assert stem(fold(written)) == "خفاجي", written
    found = set(every(sample, "خفاجي"))
    assert found == holding(sample, {"خفاجي", "الخفاجي", "للخفاجي", "والخفاجي"}) and len(found) >= 3
    # an article that writes the name only with a proclitic is found too
    text = next(t for t in texts(sample).values() if "الخفاجي" in t)
    lone = Article(id="f" * 16, source="t.txt", text=text.replace("الخفاجي", "للخفاجي").replace("خفاجي،", "وخفاجي،"))
    sample.add([lone])
    link(sample, [Search()])
    assert "f" * 16 in every(sample, "خفاجي")
    assert "f" * 16 in every(sample, "الخفاجي")


def test_a_place_finds_every_proclitic_form_a_day_of_news_writes(day):
    """الرياض، بالرياض، للرياض، والرياض، ورياض، ولرياض: all found by رياض, by الرياض, and by بالرياض."""
    forms_written = {"الرياض", "بالرياض", "للرياض", "والرياض", "رياض", "ورياض", "برياض", "كالرياض", "ولرياض",
                     "وبالرياض", "فالرياض", "لرياض"}
    expected = holding(day, forms_written)
    assert len(expected) > 250
    for q in ("رياض", "الرياض", "بالرياض"):
        assert set(every(day, q)) == expected, q


@pytest.mark.parametrize("variant", ["السعوديه", "الـسـعـوديـة", "السُّعُودِيَّة", "السعودية"])
def test_ta_marbuta_tatweel_and_harakat_do_not_matter(day, variant):
    assert every(day, variant) == every(day, "السعودية")


def test_alef_forms_and_alef_maqsura_do_not_matter(day):
    assert every(day, "ايران") == every(day, "إيران") == every(day, "آيران") and every(day, "إيران")
    assert every(day, "مستشفي") == every(day, "مستشفى") and every(day, "مستشفى")


def test_a_word_written_with_harakat_in_the_text_is_found_and_highlighted_whole(day):
    """The text writes غدًا and المتخصّص: a plain query finds them, the highlight covers the marks."""
    for written, plain in (("غدًا", "غدا"), ("المتخصّص", "المتخصص")):
        article, text = next((a, t) for a, t in texts(day).items() if written in t.split("\n", 1)[1])
        assert article in every(day, plain)
        body = day.article(article).text
        spans = matches(body, parse(plain))
        assert any(body[s:e] == written for s, e in spans), (written, [body[s:e] for s, e in spans][:5])


def test_every_written_form_of_a_query_word_is_looked_for():
    """Whatever proclitics and article the text writes onto a word, the index's stem of it is among the
    forms the query word is looked for in, typed with or without the article (a word too short to lose the
    article, سد، الله, typed without it); also for words whose folding starts them with alef-lam (إلغاء ->
    الغاء)."""
    singles, chains = ("و", "ب", "ل", "ف", "ك", "وب", "ول", "فب"), ("و", "ب", "ف", "ك", "وب", "فب")
    for word in ("خفاجي", "رياض", "إلغاء", "ألعاب", "لجنة", "سد", "الله", "واشنطن"):
        bare = fold(word)
        written = [bare, "ال" + bare, "لل" + bare, *(c + bare for c in singles), *(c + "ال" + bare for c in chains)]
        for typed in (bare, "ال" + bare) if len(bare) >= STEM_MIN else (bare,):  # السد is not سد
            looked_for = set(forms(typed))
            assert {stem(w) for w in written} <= looked_for, (word, typed)
    assert stem("الله") == "الله" and stem("لله") == "لله"  # too short to lose the article: not له


def test_a_word_and_its_article_form_find_each_other_when_folding_makes_an_alef_lam(day):
    """إلغاء folds to الغاء and الإلغاء to الالغاء: each finds the other."""
    bare, with_article = set(every(day, "إلغاء")), set(every(day, "الإلغاء"))
    assert bare == with_article
    assert holding(day, {"إلغاء", "الإلغاء", "وإلغاء", "بإلغاء", "لإلغاء", "والإلغاء", "للإلغاء"}) <= bare
    assert holding(day, {"الإلغاء"}) and holding(day, {"إلغاء"})


def test_index_text_folds_and_stems_every_word():
    text = saudi_articles()[3]["content"]
    indexed = index_text(text).split()
    assert len(indexed) == len(re.findall(r"[^\W_]+", fold(text)))
    assert not any(w.startswith("ال") and len(w) > 5 for w in indexed)


# phrases, words left out, beginnings


def test_a_phrase_matches_its_words_in_order_only(day):
    phrase = every(day, '"خادم الحرمين الشريفين"')
    words = every(day, "خادم الحرمين الشريفين")
    assert len(phrase) >= 150 and set(phrase) <= set(words)
    by_text = texts(day)
    for a in set(words) - set(phrase):
        assert "خادم الحرمين الشريفين" not in fold(by_text[a]).replace("ـ", "")
    # the phrase's first word may carry a proclitic: لخادم الحرمين الشريفين
    with_clitic = [a for a, t in by_text.items() if "لخادم الحرمين الشريفين" in t]
    assert with_clitic and set(with_clitic) <= set(phrase)


def test_a_word_left_out_and_a_words_beginning(day):
    both = set(every(day, "الهلال"))
    without = set(every(day, "الهلال -النصر"))
    assert without < both and not without & set(every(day, "النصر"))
    begun = set(every(day, "اقتصاد*"))
    assert set(every(day, "الاقتصادية")) <= begun and set(every(day, "اقتصادي")) <= begun


def test_what_the_user_types_is_never_read_as_fts5_syntax(day):
    for q in ('"', "*", "NEAR(a b)", "{body} : x", "a OR b", "AND", "-", "(", "x' OR 1=1 --", "\x00"):
        search(day, q)  # no error
    assert parse('"').fts() is None and parse("-السعودية").fts() is None


# filters and ranking


def test_filters_by_outlet_dates_story_and_entity(day, sample):
    everything = set(every(day, "السعودية"))
    sabq = set(every(day, "السعودية", Filters(outlet="sabq")))
    outlets = dict(day.query("SELECT id, outlet FROM articles"))
    assert sabq and sabq < everything and all(outlets[a] == "sabq" for a in sabq)
    assert every(day, "السعودية", Filters(since="2015-07-22")) == []
    assert set(every(day, "السعودية", Filters(since="2015-07-21", until="2015-07-21"))) == everything
    story = max(sample.stories_records(), key=lambda s: len(s["articles"]))
    members = {a["article"] for a in story["articles"]}
    in_story = set(every(sample, "التحالف", Filters(story=story["id"])))
    assert in_story and in_story <= members
    person = sample.query("SELECT entity FROM entity_mentions WHERE name LIKE '%خفاجي%' LIMIT 1")[0][0]
    named = set(every(sample, "القوات", Filters(entity=person)))
    assert named == set(every(sample, "القوات")) & set(sample.articles_mentioning(person))


def test_results_are_ranked_and_a_headline_weighs_most(day):
    found = search(day, "الحوثي", limit=50)
    scores = [r.score for r in found.results]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 10
    titled = [k for k, r in enumerate(found.results) if r.title and "الحوثي" in r.title]
    untitled = [k for k, r in enumerate(found.results) if not (r.title and "الحوثي" in r.title)]
    assert titled and untitled and sum(titled) / len(titled) < sum(untitled) / len(untitled)
    page2 = search(day, "الحوثي", limit=10, offset=10)
    assert [r.article for r in page2.results] == [r.article for r in found.results[10:20]]


# snippets


def test_snippets_are_the_text_as_published_and_highlights_point_into_it(day):
    for q in ("الرياض", '"مجلس الوزراء"', "وزارة الصحة", "الاقتصاد*"):
        found = search(day, q, limit=20)
        assert found.results
        for r in found.results:
            text = day.article(r.article).text
            assert r.snippets
            for s in r.snippets:
                assert text[s["start"]:s["end"]] == s["text"]
                for h in s["highlights"]:
                    assert s["start"] <= h["start"] < h["end"] <= s["end"]
                    assert matches(text[h["start"]:h["end"]], parse(q)), (q, text[h["start"]:h["end"]])
            if r.title_highlights:
                assert all(matches(r.title[h["start"]:h["end"]], parse(q)) for h in r.title_highlights)


def test_a_snippet_without_hits_is_the_texts_beginning_and_never_cuts_a_word():
    text = saudi_articles()[5]["content"]
    [s] = snippets(text, [])
    assert text.startswith(s["text"]) and text[s["end"]:s["end"] + 1] in ("", " ", "\n")
    hit = text.index(" ", len(text) // 2) + 1
    spans = snippets(text, [(hit, hit + 3)])
    assert spans[0]["start"] <= hit < spans[0]["end"]
    assert spans[0]["start"] == 0 or text[spans[0]["start"] - 1].isspace()


# the index kept up to date


def test_an_article_written_again_is_indexed_again_and_its_old_words_go(tmp_path):
    arts = [as_article(a) for a in saudi_articles()[:40] if a["content"].strip()]
    with Store(tmp_path / "m.db") as store:
        store.add(arts)
        link(store, [Search()])
        target = next(a for a in arts if "السعودية" in a.text)
        before = set(every(store, "السعودية"))
        assert target.id in before
        changed = dataclasses.replace(target, text=target.text.replace("السعودية", "المملكة") + "\nكلمةٌ فريدةٌ")
        store.replace([changed])
        link(store, [Search()])
        after = set(every(store, "السعودية"))
        if "السعودية" not in changed.text and "السعودية" not in (changed.title or ""):
            assert after == before - {target.id}
        assert every(store, "كلمة فريدة") == [target.id]
        # a new version of the step indexes everything again: nothing twice, nothing lost
        newer = Search()
        newer.version = Search.version + 1
        link(store, [newer])
        assert set(every(store, "السعودية")) == after and every(store, "كلمة فريدة") == [target.id]
        assert store.query("SELECT count(*) FROM search_docs")[0][0] == len(arts)


def test_marsad_run_indexes_what_it_stores(tmp_path: Path):
    with Store(tmp_path / "m.db") as store:
        report = run([SEEDS], store)
        assert report.linked["search"] == 5
        assert search(store, "الكاظمي").total >= 2
        quoted = search(store, "القوات", Filters(quotes=True), limit=50)
        assert quoted.results and all(r.quotes for r in quoted.results)
        for r in quoted.results:
            text = store.article(r.article).text
            for q in r.quotes:
                assert text[q["start"]:q["end"]] == q["text"]


def test_the_search_benchmark_runs_end_to_end(capsys):
    """Its times are measured, not tested."""
    from benchmarks.search import main

    assert main(["--articles", "150", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "articles: 150" in out and "p95" in out and "the other design" in out
