"""Stories and events across articles: the sample's story, incremental linking, merges that keep ids,
articles written again, undated articles, the timeline command."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from eval.stories import bcubed
from marsad.cli import main
from marsad.link import link
from marsad.link.background import background, counts
from marsad.link.copies import Copies
from marsad.link.features import MAX_TERMS, days_of, lead_date, lead_end
from marsad.link.stories import DEFAULT_WEIGHTS, MAX_CANDIDATES, Cluster, State, Stories, Weights_, _gap, _Unit, _Vector
from marsad.model import Article
from marsad.runner import process, run
from marsad.store import Store
from tests.conftest import saudi_articles


def _jsonl(path: Path, items: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for a in items:
            f.write(json.dumps({"text": f"{a.get('title') or ''}\n{a['content']}", "url": a["url"],
                                "outlet": a["source"], "published": a["date_extracted"][:10]},
                               ensure_ascii=False) + "\n")
    return path


def _day(day: str, n: int) -> list[dict]:
    return sorted((a for a in saudi_articles(day) if (a.get("content") or "").strip()), key=lambda a: a["url"])[:n]


def _assigned(store: Store) -> dict[str, tuple[str, str]]:
    return {a: (s, e) for a, s, e in store.query("SELECT article, story, event FROM story_articles")}


def test_the_samples_december_articles_are_one_story_and_the_handover_apart(seeds, db):
    with Store(db) as store:
        run([seeds], store)
        published = dict(store.query("SELECT id, published FROM articles"))
        assigned = _assigned(store)
        handover = [a for a, p in published.items() if p and p.startswith("2020")]
        assert len(handover) == 1 and len(assigned) == 5
        december = [a for a in published if a not in handover]
        assert len({assigned[a][0] for a in december}) == 1
        story = store.story_record(assigned[december[0]][0])
        handover_event = assigned[handover[0]][1]
    assert story is not None and handover_event not in {e["id"] for e in story["events"]}
    dated = [e["date"] for e in story["events"] if e["date"]]
    assert dated == sorted(dated) and all(d.startswith("2021-12") for d in dated) and len(dated) >= 2
    for event in story["events"]:
        for s in event["sentences"]:  # the sentence an event rests on is the article's text at its offsets
            text = dict(store_text(db))[s["article"]]
            assert text[s["start"]:s["end"]] == s["text"] and s["text"]


@pytest.mark.parametrize("n", range(5))
def test_an_exact_copy_of_a_sample_article_joins_its_original_and_changes_nothing_else(seeds, tmp_path, n):
    """A copy is not counted in the words' rarity: in a corpus of six, counting it doubled the rarity of every
    word it has and split the sample's stories. Nor is it in its story's profile or summary: in its profile it
    changed the story's title (a newcomer copied the fourth), in its summary it took sentences for itself."""
    def groups(db: Path) -> dict[frozenset[str], tuple[str, list[str]]]:
        with Store(db, readonly=True) as store:
            texts = dict(store.query("SELECT id, text FROM articles"))
            copies = {a for (a,) in store.query("SELECT article FROM duplicates")}
            out = {}
            for record in store.stories_records():
                shown = frozenset(texts[x["article"]] for x in record["articles"] if x["article"] not in copies)
                out[shown] = (record["title"], [x["text"] for x in record["summary"]])
        return out

    with Store(tmp_path / "alone.db") as store:
        run([seeds], store)
    copied = sorted(seeds.iterdir())[n]
    folder = tmp_path / "with_copy"
    shutil.copytree(seeds, folder)
    (folder / "copy.jsonl").write_text(json.dumps({"url": "https://example.org/copy", "text": copied.read_text(
        encoding="utf-8")}, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store(tmp_path / "with_copy.db") as store:
        run([folder], store)
        copies = dict(store.query('SELECT article, "of" FROM duplicates'))
    assert len(copies) == 1
    assert groups(tmp_path / "with_copy.db") == groups(tmp_path / "alone.db")
    assert len(groups(tmp_path / "alone.db")) == 2


def store_text(db: Path) -> list[tuple[str, str]]:
    with Store(db, readonly=True) as store:
        return store.query("SELECT id, text FROM articles")


def test_a_days_articles_join_the_stories_stored_and_no_story_id_changes(tmp_path):
    first, second = _day("2015-08-01", 120), _day("2015-08-02", 120)
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d1.jsonl", first)], store)
        before = _assigned(store)
        run([_jsonl(tmp_path / "d2.jsonl", second)], store)
        after = _assigned(store)
        # each article's row names the event that lists it, also when grouping again moved an older article
        listed = {a: e for e, data in store.query("SELECT id, data FROM events") for a in json.loads(data)["articles"]}
        assert listed == {a: e for a, (_, e) in after.items()}
        for article, (story, _) in before.items():  # a story's id still leads to the story its articles are in
            assert store.resolve_story(story) == after[article][0]
        joined = {s for a, (s, _) in after.items() if a not in before} & {s for s, _ in before.values()}
        assert joined, "no article of the second day joined a story of the first"
    with Store(tmp_path / "b.db") as store:  # the same articles linked at once
        run([_jsonl(tmp_path / "all.jsonl", first + second)], store)
        together = _assigned(store)
    assert set(together) == set(after)
    # B-cubed F1 of the day-by-day stories against those linked at once: close, not equal (the words' weights
    # are learned from what was linked so far; measured .97)
    agree = bcubed({a: s for a, (s, _) in after.items()}, {a: s for a, (s, _) in together.items()}).f1
    assert agree >= 0.93, agree
    # an event grouped again with the second day's articles keeps its id (measured: 119 of 120 articles, the
    # other's event of two was parted); the events are those linked at once (measured B-cubed F1 1.0)
    assert sum(after[a][1] == e for a, (_, e) in before.items()) >= 0.9 * len(before)
    assert bcubed({a: e for a, (_, e) in after.items()}, {a: e for a, (_, e) in together.items()}).f1 >= 0.95


def test_candidate_stories_tied_on_what_they_share_are_taken_in_order_of_id():
    """Python orders a set of strings differently in each process (PYTHONHASHSEED), and the index keeps sets:
    ties among more candidate stories than are compared must not follow that order, or the same articles make
    other stories in another run."""
    [a] = _day("2015-08-01", 1)
    sig = {"terms": {"منتخب": 1.0, "مباراة": 1.0}, "names": {}, "lead": {}, "date": "2015-08-01"}
    state = State()
    ids = [f"S{n:03d}" for n in (37, 5, 90, 12, 64, *range(100, 170))]  # more than MAX_CANDIDATES, all tied
    for n, cid in enumerate(ids):
        state.stories[cid] = Cluster(cid, n, terms=dict(sig["terms"]), first="2015-08-01", last="2015-08-01",
                                     articles=[a["url"]])
        for word in sig["terms"]:
            state.index.setdefault(word, set()).add(cid)
    found = Stories()._candidates(state, _Vector(sig, Weights_(lambda w: 1.0)))
    assert [c.id for c in found] == sorted(ids)[:MAX_CANDIDATES]


def _taken_back() -> list[dict]:
    """The day Yemen's al-Anad air base was taken back, told by seven outlets in their own words (تقتحم،
    تستعيد، تسيطر على، بدء معركة استعادة)."""
    taken = re.compile("تقتحم|تستعيد|تسيطر|استعادة")
    return [a for a in saudi_articles("2015-08-03") if "العند" in (a.get("title") or "") and taken.search(a["title"])]


def _events_of(store: Store, items: list[dict]) -> dict[str, set[str]]:
    """The events of these articles, each with their URLs."""
    urls = {a["url"] for a in items}
    url_of = dict(store.query("SELECT id, url FROM articles"))
    events: dict[str, set[str]] = {}
    for a, (_, e) in _assigned(store).items():
        if url_of[a] in urls:
            events.setdefault(e, set()).add(url_of[a])
    return events


@pytest.mark.xfail(strict=True, reason="a known failure since stories version 10: with each word weighed by its "
                   "rarity in the story too, the two reports worded most apart (al-Eqtisadiah's تستعيد, Asharq "
                   "al-Awsat's بدء معركة استعادة) score 0.28 on average with the five others, under event_min 0.3, "
                   "and make an event of their own; the change raised events B-cubed F1 on the five gold sets used "
                   "to choose from .883 to .899 (mean of six splits)")
def test_one_happening_told_by_several_outlets_in_other_words_is_one_event(tmp_path):
    """Among the day's other articles. A single pass that compared each report with the event so far made
    three events of four of them."""
    reports = _taken_back()
    assert len({a["source"] for a in reports}) >= 6
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", [a for a in _day("2015-08-03", 150) if a not in reports] + reports)],
            store)
        events = _events_of(store, reports)
    assert max(map(len, events.values())) >= 0.75 * len(reports), events


def test_events_found_a_few_articles_at_a_time_are_those_found_at_once(tmp_path):
    """The events near new articles are grouped again with them: the order articles come in does not
    decide their events. Among the day's other articles, stored first (alone, seven articles give the words no
    weights to speak of, and a story found by a single pass then hangs on the order they came in)."""
    reports = _taken_back()
    others = [a for a in _day("2015-08-03", 150) if a not in reports]
    with Store(tmp_path / "once.db") as store:
        run([_jsonl(tmp_path / "all.jsonl", others + reports)], store)
        once = sorted(map(sorted, _events_of(store, reports).values()))
    with Store(tmp_path / "parts.db") as store:
        run([_jsonl(tmp_path / "others.jsonl", others)], store)
        for n in range(0, len(reports), 2):
            run([_jsonl(tmp_path / f"part{n}.jsonl", reports[n:n + 2])], store)
        parts = sorted(map(sorted, _events_of(store, reports).values()))
    assert parts == once


def test_a_report_dated_by_its_month_joins_the_reports_of_a_day_in_it(tmp_path):
    """OPEC's output in July, a record (a Reuters survey), told by five reports over three days; one lead
    says only «في يوليو». A month is all its days, not its first: read as 1 July, it was 30 days from the
    reports of 31 July and could join only another dated by the month."""
    reports = [a for day in ("2015-07-31", "2015-08-01", "2015-08-02") for a in saudi_articles(day)
               if "أوبك" in (a.get("title") or "") and "إنتاج" in a["title"]]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", reports)], store)
        assigned = _assigned(store)
        sigs = store.signatures_of("stories", assigned)
    by_month = [a for a, sig in sigs.items() if sig["event_precision"] == "month"]
    by_day = {assigned[a][1] for a, sig in sigs.items() if sig["event_precision"] == "day"}
    assert by_month and all(assigned[a][1] in by_day for a in by_month)


def test_a_date_of_long_ago_in_the_lead_is_background_not_the_day_of_the_happening(tmp_path):
    """Oman's GDP growth, published 9 August 2015; its lead names «23 يوليو (تموز) 1970», the day Oman's
    renaissance began. The event is dated by its publication, not 45 years back."""
    [a] = [x for x in saudi_articles("2015-08-09") if x["source"] == "aawsat"
           and x.get("title") == "نمو الناتج المحلي الإجمالي لسلطنة عمان"]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", [a])], store)
        [article] = store.articles()
        assert any(t.value == "1970-07-23" and t.start < lead_end(article) for t in article.times)
    assert lead_date(article, lead_end(article))[:2] == ("2015-08-09", "day")


def test_a_word_that_says_now_does_not_date_the_happening(tmp_path):
    """al-Watan, 7 August 2015: the FA «لم يتوصل حتى الآن» to an agreement with a coach, and «مساء أمس» wrote
    to Sabella. «Now» is a state of things; the happening is the evening before."""
    [a] = [x for x in saudi_articles("2015-08-07") if x["source"] == "alwatan"
           and x.get("title") == "اتحاد القدم يعيد فتح ملف سابيلا"]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", [a])], store, across=())
        [article] = store.articles()
    end = lead_end(article)
    assert any(t.text == "الآن" and t.value == "2015-08-07" and t.start < end for t in article.times)
    value, precision, _, stated = lead_date(article, end)
    assert (value, precision, stated) == ("2015-08-06", "day", True)


def test_in_a_small_store_a_storys_own_words_keep_their_weight_from_the_background(tmp_path):
    """The OPEC reports of 31 July - 2 August 2015 alone in a store: «أوبك» is in every one, so by the store's
    counts alone it is the commonest word there is; in news at large (the shipped background, anc19) it is rare,
    and so it weighs more than a word common everywhere. With the background off, both are as common."""
    reports = [a for day in ("2015-07-31", "2015-08-01", "2015-08-02") for a in saudi_articles(day)
               if "أوبك" in (a.get("title") or "") and "إنتاج" in a["title"]]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", reports)], store)
        state = Stories().load(store, [])
    assert state.n >= 3 and state.df["اوبك"] >= state.n  # (the copies among the reports are not counted; a
    # name counts again as a name)
    common = next(t for t, n in state.df.most_common() if t != "اوبك" and n == state.n and
                  background().df.get(t, 0) > background().n / 10)
    weights = Stories()._idf(state)
    assert weights("اوبك") > weights(common) + 1
    alone = Stories(dataclasses.replace(DEFAULT_WEIGHTS, background=0))._idf(state)
    assert alone("اوبك") <= alone(common)


def test_the_background_table_is_of_the_words_the_signatures_have(tmp_path):
    """The shipped table counts the signatures' words as they are now (a change to how words are folded or cut
    needs it rebuilt: python -m marsad.link.background): of the words in several of a day's articles, nearly all
    are in it."""
    articles = [a for a in process([_jsonl(tmp_path / "d.jsonl", _day("2015-07-21", 60))]) if isinstance(a, Article)]
    day = counts(articles)
    shared = [t for t, n in day.df.items() if n >= 3]
    assert day.n == 60 and len(shared) > 300
    assert sum(t in background().df for t in shared) / len(shared) > 0.9


def test_inside_a_story_a_word_all_its_articles_share_weighs_less_than_one_a_few_share(tmp_path):
    """The OPEC reports of 31 July - 2 August 2015: «أوبك» is in every one, so it tells their events apart
    less than a word in only one of them; with in_story at 0 the weights are idf's alone."""
    reports = [a for day in ("2015-07-31", "2015-08-01", "2015-08-02") for a in saudi_articles(day)
               if "أوبك" in (a.get("title") or "") and "إنتاج" in a["title"]]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", reports)], store)
        sigs = store.signatures_of("stories", _assigned(store))
    ids = sorted(sigs)
    base = Weights_(lambda w: 2.0)
    inside = Stories()._in_story(ids, sigs, base)
    every = set.intersection(*(set(sigs[a]["terms"]) for a in ids))
    few = {t for t in sigs[ids[0]]["terms"] if sum(t in sigs[a]["terms"] for a in ids) == 1}
    assert "اوبك" in every and few
    assert all(inside[t] == pytest.approx(2.0) for t in every)
    assert all(inside[t] > 2.5 for t in few)
    assert Stories(dataclasses.replace(DEFAULT_WEIGHTS, in_story=0))._in_story(ids, sigs, base) is base


def test_a_feature_on_a_story_is_not_an_event_of_its_news_for_the_words_all_share(tmp_path):
    """Two drowned in Jazan's Wadi Lajab, 26 July 2015, told by four outlets, and Sabq's feature the same day on
    the wadi, «لؤلؤة السياحة», that «keeps claiming lives»: all five say وادي لجب، جازان، غرق. Among the day's
    other articles, those words weigh less inside the story than among all articles, and the feature is an
    event of its own (with idf's weights alone, it joined the four)."""
    reports = [a for day in ("2015-07-26", "2015-07-27") for a in saudi_articles(day)
               if "وادي لجب" in (a.get("title") or "")]
    feature = [a["url"] for a in reports if "لؤلؤة" in a["title"]]
    assert len(reports) == 5 and len(feature) == 1
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", [a for a in _day("2015-07-26", 150) if a not in reports] + reports)],
            store)
        events = _events_of(store, reports)
    assert sorted(map(len, events.values())) == [1, 4] and set(feature) in events.values()


def test_a_side_report_placed_before_its_story_grew_joins_it_at_the_end_of_the_pass(tmp_path):
    """The Duma arson (the Palestinian child Ali Dawabsheh burnt, 31 July 2015), seven reports by six outlets
    over three days, among 150 other articles of 1 August: al-Jazirah's, on the Palestinians taking the case to
    the International Criminal Court, came before the story had grown enough to take it and opened a story of its
    own (weighing words by these 157 articles alone, without the background). At the end of the pass, that small
    story's profile is like the grown story's, and the two are one (with small_story 0, as before, they stay
    apart). With the background, the story's own words weigh enough for the report to join it in the pass."""
    reports = [a for day in ("2015-07-31", "2015-08-01", "2015-08-02") for a in saudi_articles(day)
               if any(w in (a.get("title") or "") for w in ("دوابش", "دوما"))]
    assert len(reports) == 7 and len({a["source"] for a in reports}) == 6
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", [a for a in _day("2015-08-01", 150) if a not in reports] + reports)],
            store)
        ids = dict(store.query("SELECT url, id FROM articles"))
        linked = _assigned(store)
        sigs = store.signatures_of("stories", linked)  # as the step stored them
    assert len({linked[ids[a["url"]]][0] for a in reports}) == 1
    for small_story, stories in ((2, 1), (0, 2)):
        step = Stories(dataclasses.replace(DEFAULT_WEIGHTS, small_story=small_story, background=0))
        assigned = step.reduce(list(sigs.items()), State()).state.assigned
        assert len({assigned[ids[a["url"]]][0] for a in reports}) == stories


def test_an_event_rests_on_the_sentence_the_news_opens_with_not_a_byline_or_the_headline(tmp_path):
    """3alyoum opens with its reporter's credit, «رواف الكويكبي _ عين اليوم», a line the cleaner keeps as a
    subtitle: it is not the lead (whose «اليوم», the outlet's name, dated the event), and the sentence an event
    rests on is the spokesman's, the first of the body, dated «مساء أمس»."""
    [a] = [x for x in saudi_articles("2015-08-08") if x["source"] == "3alyoum" and "دومة الجندل" in x["title"]]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", [a])], store, across=())
        [article] = store.articles()
    assert "رواف الكويكبي _ عين اليوم" in article.text
    sig = Stories().signature(article)
    start, end = sig["sentence"]
    assert article.text[start:end].startswith("قال المتحدث الرسمي بالدفاع المدني بمنطقة الجوف")
    assert sig["event_date"] == "2015-08-07"


def test_an_undated_event_rests_on_the_first_sentence_of_the_news_not_the_headline(tmp_path):
    """3alyoum's minister of education, published 8 August: a headline, the reporter's credit «لجين الأحمدي –
    عين اليوم», then the news; its lead states no date, so the event is dated by publication and rests on the
    sentence the news opens with."""
    [a] = [x for x in saudi_articles("2015-08-08") if x["source"] == "3alyoum" and
           (x.get("title") or "").startswith("وزير التعليم: سنحاسب")]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", [a])], store, across=())
        [article] = store.articles()
    sig = Stories().signature(article)
    start, end = sig["sentence"]
    assert sig["event_date"] == article.published == "2015-08-08"
    assert article.text[start:end].startswith("شدد وزير التعليم الدكتور عزام الدخيل")


def test_a_lead_day_long_before_publication_may_be_background(tmp_path):
    """The Civil Service minister said the list of teaching candidates announced «الخميس الماضي» (6 August) was
    preliminary. aleqtisadiya's report, published 9 August, opens on that Thursday, the happening the news
    follows: it tells of a day from the 6th to the day before publication (read as the 6th alone, it was three
    days from the reports of the 9th and could never be one event with them). A report of the day before its
    publication («مساء أمس») tells of that day alone."""
    reports = [a for a in saudi_articles("2015-08-09") if a["source"] == "aleqtisadiya" and
               a["title"].startswith("العرج : نشر أسماء")] + \
        [a for a in saudi_articles("2015-08-08") if a["source"] == "3alyoum" and "دومة الجندل" in a["title"]]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", reports)], store, across=())
        sigs = {a.outlet: Stories().signature(a) for a in store.articles()}
    assert {o: s["event_date"] for o, s in sigs.items()} == {"aleqtisadiya": "2015-08-06", "3alyoum": "2015-08-07"}
    units = {o: _Unit(sig, Weights_(lambda _: 1.0), DEFAULT_WEIGHTS) for o, sig in sigs.items()}
    assert units["aleqtisadiya"].days == (days_of("2015-08-06")[0], days_of("2015-08-08")[0])
    assert units["3alyoum"].days == days_of("2015-08-07")
    read_alone = dataclasses.replace(DEFAULT_WEIGHTS, background_days=99)
    assert _Unit(sigs["aleqtisadiya"], Weights_(lambda _: 1.0), read_alone).days == days_of("2015-08-06")


def test_a_lead_that_states_no_day_tells_of_the_day_before_publication_too(tmp_path):
    """Two reports, crawled on 21 July 2015, of the arrests in the Jeddah corniche case: Okaz's lead says they
    were made «أمس» (the 20th); al-Madina's lead states no day. A daily prints in the morning what happened
    the day before: al-Madina's tells of the 20th or the 21st, no day from Okaz's (read as the 21st alone, the
    two were a day apart). Their event is dated by the lead that states a day."""
    titles = {("okaz", "الإطاحة بمتورطين في التحرش الجماعي بفتاتين"),
              ("almadina", "ضبط متورطين في واقعة «التحرش» بفتاتي الكورنيش")}
    reports = [a for a in saudi_articles("2015-07-21") if (a["source"], a["title"]) in titles]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", reports)], store, across=())
        sigs = {a.outlet: Stories().signature(a) for a in store.articles()}
    assert {o: (s["event_date"], s["stated"]) for o, s in sigs.items()} == {
        "okaz": ("2015-07-20", True), "almadina": ("2015-07-21", False)}
    weights = Weights_(lambda _: 1.0)
    okaz, madina = (_Unit(sigs[o], weights, DEFAULT_WEIGHTS) for o in ("okaz", "almadina"))
    assert madina.days == (days_of("2015-07-20")[0], days_of("2015-07-21")[0]) and madina.gap(okaz) == 0
    alone = _Unit(sigs["almadina"], weights, dataclasses.replace(DEFAULT_WEIGHTS, unstated_days=0))
    assert alone.days == days_of("2015-07-21") and alone.gap(okaz) == 1
    with Store(tmp_path / "b.db") as store:  # al-Madina's report was crawled twice: one event, dated by Okaz's
        run([_jsonl(tmp_path / "d.jsonl", reports)], store)  # lead, not by two publication days
        assert len(reports) == 3 and len(set(_assigned(store).values())) == 1
        assert list(store.query("SELECT date, precision FROM events")) == [("2015-07-20", "day")]


def test_the_headline_and_lead_words_count_again(tmp_path):
    """Okaz's report of the Jeddah corniche arrests: a word of its headline and lead weighs more than it does
    in the whole text alone, a word only the body has the same; with lead_weight 0 (the baseline's) the words
    are the whole text's shares alone."""
    reports = [a for a in saudi_articles("2015-07-21")
               if (a["source"], a["title"]) == ("okaz", "الإطاحة بمتورطين في التحرش الجماعي بفتاتين")]
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d.jsonl", reports)], store, across=())
        [article] = store.articles()
    sig = Stories().signature(article)
    plain = Stories(dataclasses.replace(DEFAULT_WEIGHTS, lead_weight=0.0)).signature(article)
    assert abs(sum(plain["terms"].values()) - 1) < 1e-9
    assert abs(sum(sig["terms"].values()) - 1 - DEFAULT_WEIGHTS.lead_weight) < 1e-9
    assert len(plain["terms"]) <= MAX_TERMS and set(plain["terms"]) <= set(sig["terms"])
    lead, body = set(sig["lead"]), [t for t in plain["terms"] if t not in sig["lead"]]
    assert all(sig["terms"][t] > plain["terms"][t] for t in lead & set(plain["terms"]))
    assert all(sig["terms"][t] == plain["terms"][t] for t in body)


def test_a_story_is_near_a_time_by_first_days_not_by_all_the_days_of_a_year_named():
    """An undated page named «2009»: it is 120 days before a story of May 2009, not within it (read as all the
    days of 2009, anc19's stories mixing categories went from 23 to 37)."""
    story = Cluster("S1", 1)
    for day in ("2009-05-01", "2009-05-03"):
        story.add({"terms": {}, "names": {}}, day, day)
    assert _gap("2009", story) == 120 and _gap("2009-05-02", story) == 0 and _gap("2009-06-02", story) == 30


def test_an_event_dated_by_a_month_and_a_day_in_it_ends_with_the_month_a_story_by_first_days():
    """An event's dates are the days they cover (its nearness to new articles): one of «2015-07» and
    «2015-07-15» ends on 31 July, near 2 August. A story's are first days (its decay and window): one fed on
    20 and 30 July and by a page dated «2015-07» was last fed on the 30th, not on 1 July."""
    event, story = Cluster("E1", 1, story="S1"), Cluster("S1", 1)
    for date in ("2015-07-15", "2015-07", "2015-07-20"):
        event.add({"terms": {}, "names": {}}, date, date)
    for date in ("2015-07-20", "2015-07", "2015-07-30"):
        story.add({"terms": {}, "names": {}}, date, date)
    assert (event.first, event.last) == ("2015-07", "2015-07")
    assert (story.first, story.last) == ("2015-07", "2015-07-30") and _gap("2015-09-05", story) == 37
    near = Stories()._near([("a", {"event_date": "2015-08-02"})])
    assert near(event) and not near(dataclasses.replace(event, first="2015-07-15", last="2015-07-20"))


def test_a_background_days_range_is_read_when_events_are_chosen_to_be_grouped_again():
    """A new article published 10 August whose lead names 6 August tells of 6-9 August: the stored event of
    9 August is read to be grouped again with it (read as the 6th alone, it was not, and a day's run split what
    linking at once joined); an event holding such an article is near a new article of the 10th. A new article
    of the 10th whose lead states no day tells of the 9th too: an event of the 7th is near it, one of the 6th not."""
    step = Stories()
    new = [("n", {"event_date": "2015-08-06", "event_precision": "day", "date": "2015-08-10", "stated": True})]
    assert step._near(new)(Cluster("E1", 1, first="2015-08-09", last="2015-08-09", story="S1"))
    event = Cluster("E2", 2, story="S1")
    event.add({"terms": {}, "names": {}}, "2015-08-06", "a")
    event.span("2015-08-06", "2015-08-08")
    assert step._near([("m", {"event_date": "2015-08-10", "event_precision": "day", "date": "2015-08-10",
                               "stated": True})])(event)
    unstated = [("u", {"event_date": "2015-08-10", "event_precision": "day", "date": "2015-08-10", "stated": False})]
    assert step._near(unstated)(Cluster("E3", 3, first="2015-08-07", last="2015-08-07", story="S1"))
    assert not step._near(unstated)(Cluster("E4", 4, first="2015-08-06", last="2015-08-06", story="S1"))


def test_only_the_events_near_the_days_new_articles_tell_of_are_read_to_be_grouped_again(tmp_path):
    """A day's articles are grouped again with the stored events of nearby days, not with every event in the
    window: articles that tell of 10 August and of 1 June read none of the events of 1 August (read from the
    earliest new day on, they read all); one of 2 August reads those that tell of days from 31 July on (56 of
    the 60 articles are in them)."""
    with Store(tmp_path / "a.db") as store:
        run([_jsonl(tmp_path / "d1.jsonl", _day("2015-08-01", 60))], store)
        step = Stories()
        sig = step.signature(next(store.articles()))
        read = {days: step.load(store, [(d * 8, {**sig, "event_date": d, "date": d}) for d in days]).recent
                for days in (("2015-08-10", "2015-06-01"), ("2015-08-02",))}
    assert not read[("2015-08-10", "2015-06-01")] and len(read[("2015-08-02",)]) >= 50


def _crash_articles() -> list[dict]:
    """Articles of one happening from several outlets (a private jet's crash in Britain)."""
    found = [a for a in saudi_articles("2015-08-01") if "طائرة" in (a.get("title") or "")
             and "بريطانيا" in (a.get("content") or "") + (a.get("title") or "")]
    assert len(found) >= 3
    return found


def _article(a: dict, id_: str, text: str | None = None, published: str | None = "2015-08-01") -> Article:
    body = text if text is not None else a["content"]
    return Article(id=id_, source="t", text=body, title=a.get("title"), published=published, outlet=a["source"])


def _counts_agree(store: Store) -> bool:
    """The stored counts of the words' rarity are those of the stored signatures of the articles that are not
    copies."""
    copies = dict(store.query('SELECT article, "of" FROM duplicates'))
    linked = [a for (a,) in store.query("SELECT article FROM story_articles") if a not in copies]
    want: Counter[str] = Counter()
    for sig in store.signatures_of("stories", linked).values():
        want.update((*sig["terms"], *sig["names"]))
    stored = dict(store.query("SELECT key, n FROM link_counts WHERE step = 'stories'"))
    return stored.pop("") == len(linked) and {k: n for k, n in stored.items() if n} == dict(want)


def test_a_copy_is_not_counted_in_the_words_rarity_as_it_becomes_one_or_stops_being_one(db):
    crash = _crash_articles()[:4]
    steps = [Copies(), Stories()]
    with Store(db) as store:
        store.add([_article(a, f"{n:016x}") for n, a in enumerate(crash[:3])])
        link(store, steps)
        assert _counts_agree(store)
        store.add([_article(crash[0], f"{9:016x}", published="2015-08-02")])  # a copy, a day later
        link(store, steps)
        assert dict(store.query('SELECT article, "of" FROM duplicates')) == {f"{9:016x}": f"{0:016x}"}
        assert _assigned(store)[f"{9:016x}"][0] == _assigned(store)[f"{0:016x}"][0]  # in its original's story
        assert _counts_agree(store)
        store.replace([_article(crash[3], f"{9:016x}", published="2015-08-02")])  # written again: not a copy now
        link(store, steps)
        assert not store.query("SELECT * FROM duplicates") and _counts_agree(store)
        store.add([_article(crash[1], f"{8:016x}", published="2015-07-31")])  # an earlier original of one stored
        link(store, steps)
        assert dict(store.query('SELECT article, "of" FROM duplicates')) == {f"{1:016x}": f"{8:016x}"}
        assert _counts_agree(store)


def test_a_copy_joins_its_originals_story_of_an_earlier_run_whatever_its_words(db):
    """The copies step decides what is a copy (wire text in other furniture can differ more than the stories
    step's words show): a copy goes where its original went in an earlier run, not where its words take it."""
    crash, step = _crash_articles()[:3], Stories()
    other = next(a for a in saudi_articles("2015-08-01") if "النصر" in (a.get("title") or ""))
    with Store(db) as store:
        store.add([_article(a, f"{n:016x}") for n, a in enumerate(crash)])
        link(store, [Copies(), step])
        story = _assigned(store)[f"{0:016x}"][0]
        store.add([_article(crash[0], f"{9:016x}", published="2015-08-02")])
        link(store, [Copies()])
        unrelated = step.signature(_article(other, f"{9:016x}", published="2015-08-02"))
        plain = step.load(store, [(f"{9:016x}", unrelated)])
        plain.copies = plain.homes = {}
        assert step.reduce([(f"{9:016x}", unrelated)], plain).state.assigned[f"{9:016x}"][0] != story  # by its words
        state = step.load(store, [(f"{9:016x}", unrelated)])
    assert state.copies == {f"{9:016x}": f"{0:016x}"} and state.homes == {f"{0:016x}": story}
    assert step.reduce([(f"{9:016x}", unrelated)], state).state.assigned[f"{9:016x}"][0] == story


def test_two_stories_an_article_bridges_merge_and_the_younger_id_still_resolves(db):
    a, b, _ = _crash_articles()[:3]
    apart = Stories(dataclasses.replace(DEFAULT_WEIGHTS, story_min=0.99, undated_min=0.99))
    bridge = Stories(dataclasses.replace(DEFAULT_WEIGHTS, merge_min=0.05))
    with Store(db) as store:
        store.add([_article(a, "a" * 16)])
        link(store, [apart])
        store.add([_article(b, "b" * 16)])
        link(store, [apart])
        first = _assigned(store)
        assert first["a" * 16][0] != first["b" * 16][0]
        store.add([_article(a, "c" * 16, a["content"] + "\n" + b["content"])])
        link(store, [bridge])
        after = _assigned(store)
        older, younger = first["a" * 16][0], first["b" * 16][0]
        assert after["a" * 16][0] == after["b" * 16][0] == after["c" * 16][0] == older
        assert store.resolve_story(younger) == older
        record = store.story_record(younger)
        store.add([_article(b, "d" * 16, published="2015-08-03")])  # a later run that merges nothing keeps it
        link(store, [bridge])
        assert store.query("SELECT alias, story FROM story_aliases") == [(younger, older)]
    assert record is not None and record["id"] == older and record["aliases"] == [younger]


def test_a_merged_story_dropped_whole_leaves_no_alias_to_it(db):
    """Two stories merge; then all three articles are written again with unrelated text: the story is dropped,
    and no alias is left pointing to it (a run wrote only the aliases it kept, never deleting one)."""
    a, b, _ = _crash_articles()[:3]
    others = [x for x in saudi_articles("2015-08-01") if "النصر" in (x.get("title") or "")][:3]
    apart = Stories(dataclasses.replace(DEFAULT_WEIGHTS, story_min=0.99, undated_min=0.99))
    with Store(db) as store:
        store.add([_article(a, "a" * 16)])
        link(store, [apart])
        store.add([_article(b, "b" * 16)])
        link(store, [apart])
        store.add([_article(a, "c" * 16, a["content"] + "\n" + b["content"])])
        link(store, [Stories(dataclasses.replace(DEFAULT_WEIGHTS, merge_min=0.05))])
        [(younger, older)] = store.query("SELECT alias, story FROM story_aliases")
        store.replace([_article(o, i) for o, i in zip(others, ("a" * 16, "b" * 16, "c" * 16), strict=True)])
        link(store, [Stories()])
        assert older not in {s for s, _ in _assigned(store).values()}
        assert store.query("SELECT alias FROM story_aliases WHERE story NOT IN (SELECT id FROM stories)") == []
        assert store.resolve_story(younger) is None and store.resolve_story(older) is None


def test_an_article_written_again_with_other_text_leaves_its_story(db):
    crash = _crash_articles()[:3]
    other = next(a for a in saudi_articles("2015-08-01") if "النصر" in (a.get("title") or ""))
    with Store(db) as store:
        store.add([_article(a, f"{n:016x}") for n, a in enumerate(crash)])
        link(store, [Stories()])
        story = _assigned(store)[f"{0:016x}"][0]
        assert {s for s, _ in _assigned(store).values()} == {story}
        store.replace([_article(other, f"{0:016x}")])
        link(store, [Stories()])
        moved = _assigned(store)
        record = store.story_record(story)
    assert moved[f"{0:016x}"][0] != story
    assert record is not None and f"{0:016x}" not in [x["article"] for x in record["articles"]]
    assert len(record["articles"]) == 2


def test_a_story_whose_one_article_was_touched_up_still_resolves(db):
    """A day's run learns «عين اليوم – متابعات» as an outlet's furniture and takes it off a stored article: the
    article is written again and linked again. Its story's id, shown before, still leads to its story."""
    a = next(x for x in saudi_articles("2015-08-09") if x["source"] == "3alyoum" and len(x["content"]) > 800)
    with Store(db) as store:
        store.add([_article(a, "a" * 16, "عين اليوم – متابعات\n" + a["content"])])
        link(store, [Stories()])
        [(before, _)] = _assigned(store).values()
        store.replace([_article(a, "a" * 16)])
        link(store, [Stories()])
        [(after, _)] = _assigned(store).values()
        assert store.resolve_story(before) == after


def test_a_story_all_its_articles_left_is_gone_not_kept_empty(db):
    crash = _crash_articles()[:2]
    other = [a for a in saudi_articles("2015-08-01") if "النصر" in (a.get("title") or "")][:2]
    with Store(db) as store:
        store.add([_article(a, f"{n:016x}") for n, a in enumerate(crash)])
        link(store, [Stories()])
        story = _assigned(store)[f"{0:016x}"][0]
        store.replace([_article(a, f"{n:016x}") for n, a in enumerate(other)])
        link(store, [Stories()])
        assert story not in {s for s, _ in _assigned(store).values()}
        assert store.story_record(story) is None
        assert all(r["articles"] for r in store.stories_records())


def test_an_article_with_no_date_joins_by_content(db):
    crash = sorted(_crash_articles(), key=lambda a: len(a["content"]))  # the fullest report has no date
    with Store(db) as store:
        store.add([_article(a, f"{n:016x}") for n, a in enumerate(crash[:-1])])
        store.add([_article(crash[-1], "f" * 16, published=None)])
        link(store, [Stories()])
        assigned = _assigned(store)
    assert assigned["f" * 16][0] in {s for a, (s, _) in assigned.items() if a != "f" * 16}


def test_the_timeline_command_prints_events_in_date_order_and_refuses_an_unknown_story(seeds, db):
    with Store(db) as store:
        run([seeds], store)
        story = max(store.query("SELECT story, count(*) FROM story_articles GROUP BY story"), key=lambda r: r[1])[0]
    result = CliRunner().invoke(main, ["timeline", story, "--db", str(db)])
    assert result.exit_code == 0, result.output
    dates = [line.split()[0] for line in result.output.splitlines() if line[:2] == "20"]
    assert dates == sorted(dates) and len(dates) >= 2
    assert "أول من نشر" in result.output and "مقالات" in result.output  # in Arabic, as the brief is
    as_json = json.loads(CliRunner().invoke(main, ["timeline", story, "--db", str(db), "--format", "json"]).output)
    assert as_json["id"] == story and as_json["events"]
    missing = CliRunner().invoke(main, ["timeline", "S0000000000", "--db", str(db)])
    assert missing.exit_code != 0 and "no such story" in missing.output
