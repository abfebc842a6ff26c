"""What a story says: its summary, its disagreements (precision first), the morning brief."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from marsad.arabic import sentences
from marsad.brief import UNNAMED_OUTLET, brief, render
from marsad.cli import main
from marsad.link import link
from marsad.link.digest import REPEAT, Digests, _one_value, _overlap, disagreements, summary
from marsad.link.stories import Stories
from marsad.model import Article
from marsad.pipeline import Pipeline
from marsad.runner import default_steps, run
from marsad.store import Store
from tests.conftest import saudi_articles


def _analysed(items: list[dict], day: str = "2015-08-02") -> list[Article]:
    """SaudiNewsNet articles through marsad's own steps (cleaned, analysed)."""
    pipeline = Pipeline(default_steps())
    out = []
    for n, a in enumerate(items):
        page = f"{a.get('title') or ''}\n{a['content']}"
        done = pipeline.apply(Article(id=f"{n:016x}", source="t", text=page, raw=page, outlet=a["source"],
                                      published=day, url=a["url"]))
        assert isinstance(done, Article)
        out.append(done)
    return out


def _titled(day: str, *words: str) -> list[dict]:
    return [a for a in saudi_articles(day) if all(w in (a.get("title") or "") for w in words)]


def _signatures(articles: list[Article], event: str = "E1") -> dict[str, dict]:
    step = Digests()
    return {a.id: {**step.signature(a), "event": event} for a in articles}


def test_a_summary_takes_sentences_from_different_outlets_none_repeating_each_at_its_offsets():
    articles = _analysed(_titled("2015-08-01", "الرياض", "الرحلات"))
    assert len({a.outlet for a in articles}) >= 3
    sigs = _signatures(articles)
    chosen = summary(sigs)
    assert 2 <= len(chosen) <= 5
    assert len({c["outlet"] for c in chosen}) >= min(3, len(chosen))
    texts = {a.id: a.text for a in articles}
    for c in chosen:
        assert texts[c["article"]][c["start"]:c["end"]] == c["text"]
    terms = {(c["article"], c["start"]): s["terms"] for c in chosen for s in sigs[c["article"]]["sentences"]
             if s["start"] == c["start"]}
    keys = list(terms)
    for i, x in enumerate(keys):
        for y in keys[i + 1:]:
            assert _overlap(terms[x], terms[y]) <= REPEAT


def test_a_story_of_one_article_is_summed_up_in_two_of_its_sentences():
    [article] = _analysed(_titled("2015-08-02", "سوء الأجواء يحول"))
    chosen = summary(_signatures([article]))
    assert len(chosen) == 2 and chosen[0]["start"] < chosen[1]["start"]


def _graduations(first_sentence_only: bool) -> list[Article]:
    """Two outlets' articles of one graduation (2015-07-23): «تخريج 95 مستفيدا» and «تخريج 63 مستفيدا»; the one
    with 95 in its headline says 63 further down."""
    items = [a for a in _titled("2015-07-23", "تخريج", "محمد بن نايف للمناصحة") if a["source"] in
             ("aljazirah", "aleqtisadiya")]
    assert len(items) == 2
    if first_sentence_only:
        items = [{**a, "content": a["content"][slice(*next(sentences(a["content"])))]} for a in items]
    return _analysed(items, day="2015-07-23")


def test_two_outlets_giving_different_counts_for_one_event_disagree_and_each_side_is_named():
    graduations = _graduations(first_sentence_only=True)
    found = disagreements(_signatures(graduations))
    assert [d["kind"] for d in found] == ["figure"]
    claims = found[0]["claims"]
    assert {c["side"] for c in claims} == {0, 1}
    texts = {a.id: a.text for a in graduations}
    assert all(texts[c["article"]][c["start"]:c["end"]] == c["text"] for c in claims)
    assert any("95" in c["text"] for c in claims) and any("63" in c["text"] for c in claims)


def test_an_article_that_gives_both_counts_reconciles_them():
    """Whole, the article with 95 in its headline gives 63 too; the 13 rescued of one outlet are one sector's,
    the other's 16 the province's (and the first article gives the 16's parts): no dispute."""
    assert disagreements(_signatures(_graduations(first_sentence_only=False))) == []
    assert disagreements(_signatures(_analysed(_titled("2015-07-22", "ينقذ", "غريق")))) == []


def test_counts_of_different_orders_or_of_two_events_are_no_dispute():
    region, kingdom = _titled("2015-08-01", "12 ألف يمني")[0], _titled("2015-08-02", "400 ألف يمني")[0]
    assert disagreements(_signatures(_analysed([region, kingdom]))) == []  # a region's and the kingdom's count
    graduations = _graduations(first_sentence_only=True)
    sigs = _signatures(graduations)
    sigs[graduations[0].id]["event"] = "E2"  # reported as two happenings: two counts, no dispute
    assert disagreements(sigs) == []


def test_counts_said_in_other_words_given_on_two_days_or_updated_are_no_dispute():
    """SaudiNewsNet: 7 flights delayed and diverted, 5 diverted (other statements); 22 hurt in a fire one day,
    17 the next; a toll that rose to 31, then to 38; one outlet's toll, then its next; a value and the same
    value rounded; a denial and the denier's own headline."""
    flights = _analysed(_titled("2015-08-02", "رحلات", "الرياض"))
    fire = [*_titled("2015-07-24", "حريق بعمارة سكنية"), *_titled("2015-07-25", "حريق بعمارة سكنية")]
    nile = _titled("2015-07-25", "ارتفاع", "النيل")  # rose to 31, rose to 38
    assert len(flights) >= 2 and len(fire) == 2 and len(nile) >= 2
    assert disagreements(_signatures(flights)) == []
    fire_articles = [*_analysed(fire[:1], day="2015-07-24"), *_analysed(fire[1:], day="2015-07-25")]
    assert disagreements(_signatures(fire_articles)) == []
    assert disagreements(_signatures(_analysed(nile, day="2015-07-25"))) == []
    mexico = _titled("2015-07-31", "شاحنة تصدم حشدا")  # one outlet's 16 dead, then its 23: one voice
    water = _titled("2015-08-06", "المياه المحلاة")  # 1107.6 million m3 and 1107 million: one value
    hamas = _titled("2015-07-21", "حماس تكذ") + _titled("2015-07-24", "حماس تكشف حقيقة")  # the denier itself
    assert len(mexico) == 2 and len({a["source"] for a in mexico}) == 1 and len(water) >= 2 and len(hamas) == 2
    for items in (mexico, water, hamas):
        assert disagreements(_signatures(_analysed(items))) == []


def _exactly(day: str, *titles: str) -> list[dict]:
    return [a for a in saudi_articles(day) if (a.get("title") or "").strip() in titles]


def test_a_round_value_agrees_with_what_rounds_to_it_and_a_dual_scale_is_two():
    yemenis = _exactly("2015-08-10", "تصحيح أوضاع 400 ألف يمني", "تصحيح أوضاع ٤٢٥ ألف يمني")
    pills = _titled("2015-07-31", "بحوزته", "حبة كبتاجون")  # ألفا حبة (two thousand) and «1982» حبة
    assert len(yemenis) == 2 and len(pills) == 2
    assert disagreements(_signatures(_analysed(yemenis))) == []
    assert disagreements(_signatures(_analysed(pills))) == []


def test_counts_of_two_places_or_of_two_moves_are_no_dispute():
    crashes = _exactly("2015-08-07", "17 قتيلاً في تحطم مروحية عسكرية أفغانية",
                       "ارتفاع ضحايا تحطم المروحية العسكرية في باكستان إلى 12 قتيلاً")
    markets = _titled("2015-08-10", "الأسهم الباكستانية") + _titled("2015-08-11", "الأسهم الباكستانية")
    assert len(crashes) == 2 and len(markets) == 2  # a fall of 0.38% one day, a rise of 0.34% the next
    assert disagreements(_signatures(_analysed(crashes))) == []
    assert disagreements(_signatures(_analysed(markets))) == []


def test_the_digest_of_a_story_is_made_again_when_an_article_joins_it(db):
    articles = _analysed(_titled("2015-08-01", "الرياض", "الرحلات"), day="2015-08-01")
    with Store(db) as store:
        assert len(articles) == 4
        store.add(articles[:3])
        link(store, [Stories(), Digests()])
        before = {s: store.digest_of(s)[0] for (s,) in store.query("SELECT DISTINCT story FROM story_articles")}
        store.add(articles[3:])
        link(store, [Stories(), Digests()])
        stories = {s for (s,) in store.query("SELECT story FROM story_articles")}
        joined = {s for (s,) in store.query("SELECT story FROM story_articles WHERE article = ?", (articles[3].id,))}
        for story in stories:  # every story's stored summary is the one its articles give now
            [state] = store.digest_state("digest", {a: {} for (a,) in store.query(
                "SELECT article FROM story_articles WHERE story = ? LIMIT 1", (story,))})
            members = dict(store.query("SELECT article, story FROM story_articles WHERE story = ?", (story,)))
            fresh = summary({a: sig for a, sig in store.signatures_of("digest", members).items()})
            assert store.digest_of(story)[0] == fresh, story
            assert state.id == story
    assert any(s in before and before[s] != store_summary for s, store_summary in
               _summaries(db, joined).items()), "no story that an article joined has a new summary"


def test_a_story_an_article_left_no_longer_cites_it(seeds, db):
    """A sample article the summary cites is written again with another day's unrelated text: it leaves its story,
    and no stored summary or disagreement cites it at offsets that no longer hold what they said."""
    with Store(db) as store:
        run([seeds], store)
        cited = next(x["article"] for (s,) in store.query("SELECT story FROM story_articles GROUP BY story HAVING "
                                                          "count(*) > 1") for x in store.digest_of(s)[0])
        [other] = _analysed(_titled("2015-08-01", "الرياض", "الرحلات")[:1], day="2015-08-01")
        other.id = cited
        store.replace([other])
        link(store, [Stories(), Digests()])
        texts = dict(store.query("SELECT id, text FROM articles"))
        story_of = dict(store.query("SELECT article, story FROM story_articles"))
        for (story,) in store.query("SELECT id FROM stories"):
            said, disputes = store.digest_of(story)
            for x in [*said, *(c for d in disputes for c in d["claims"])]:
                assert story_of[x["article"]] == story and texts[x["article"]][x["start"]:x["end"]] == x["text"]


def _summaries(db, stories: set[str]) -> dict[str, list]:
    with Store(db, readonly=True) as store:
        return {s: store.digest_of(s)[0] for s in stories}


def test_the_brief_of_the_sample_shows_the_story_with_its_summary_quotes_and_how_to_open_it(seeds, db):
    with Store(db) as store:
        run([seeds], store)
        data = brief(store)
        text = render(data)
    top = data["stories"][0]
    assert top["articles"] == 4 and top["new"]["articles"] == 4
    assert 2 <= len(top["summary"]) <= 5 and top["quotes"]
    assert all(q["speaker"] for q in top["quotes"])
    assert f"marsad timeline {top['id']}" in text and top["summary"][0]["text"] in text
    # the sample's .txt pages name no outlet: an unknown publisher, not «مصدر غير مسمى» (an anonymous source)
    assert top["first_reported"]["outlet"] is None and f"أول من نشر: {UNNAMED_OUTLET}" in text


def _sample_dispute(seeds, db, kind: str) -> tuple[list[dict], list[dict]]:
    """The sample story's one dispute of this kind: its two sides (0, 1), each claim at its offsets."""
    with Store(db) as store:
        run([seeds], store)
        top = brief(store)["stories"][0]
        texts = {a.id: a.text for a in store.articles()}
    [dispute] = [d for d in top["disagreements"] if d["kind"] == kind]
    for c in dispute["claims"]:
        assert texts[c["article"]][c["start"]:c["end"]] == c["text"]
    return [c for c in dispute["claims"] if c["side"] == 0], [c for c in dispute["claims"] if c["side"] == 1]


def test_on_the_sample_a_denial_of_reports_that_forces_stay_is_disputed_with_who_says_they_stay(seeds, db):
    deny, stay = _sample_dispute(seeds, db, "denial")
    assert any("ننفي" in c["text"] for c in deny) and any("ستغادر" in c["text"] for c in deny)
    assert any("ماكنزي" in (c["speaker"] or "") and "2500" in c["text"] for c in stay)
    assert not {c["speaker"] for c in deny} & {c["speaker"] for c in stay}


def test_on_the_sample_very_few_advisers_is_disputed_with_the_counts_of_thousands_of_troops(seeds, db):
    """How many foreign troops remain: the Joint Operations Command's 'very few' against McKenzie's 2500 and
    the 3000 of the coalition another article gives."""
    counts, few = _sample_dispute(seeds, db, "amount")
    assert [c["speaker"] for c in few] == ["قيادة العمليات المشتركة"] and "قليلة" in few[0]["text"]
    assert any("ماكنزي" in (c["speaker"] or "") and "2500" in c["text"] for c in counts)
    assert any("3000" in c["text"] for c in counts)
    assert len(counts) == len({(c["article"], c["speaker"]) for c in counts})  # a count quoted twice: once


def test_a_brief_limited_to_one_story_shows_the_most_important_whole_and_counts_the_rest(seeds, db):
    with Store(db) as store:
        run([seeds], store)
        full, one = brief(store), brief(store, limit=1)
    assert one["more"] == len(full["stories"]) - 1 >= 1
    assert one["stories"] == full["stories"][:1] and one["stories"][0]["summary"] and one["stories"][0]["quotes"]


def test_a_run_that_brings_nothing_new_has_an_empty_brief_and_the_command_reprints_the_last_one(seeds, db):
    first = CliRunner().invoke(main, ["run", str(seeds), "--db", str(db)])
    assert first.exit_code == 0 and "marsad timeline" in first.output
    again = CliRunner().invoke(main, ["run", str(seeds), "--db", str(db)])
    assert again.exit_code == 0 and "لا قصص جديدة" in again.output
    since = CliRunner().invoke(main, ["brief", "--db", str(db), "--since", "2021-12-01", "--format", "json"])
    data = json.loads(since.output)
    assert data["window"]["since"] == "2021-12-01" and len(data["stories"]) == 1
    bad = CliRunner().invoke(main, ["brief", "--db", str(db), "--since", "yesterday"])
    assert bad.exit_code != 0 and "not a date" in bad.output


@pytest.mark.parametrize("a, b, one", [
    (400e3, 425e3, True), (2000, 1982, True),  # a round value and what rounds to it
    (11, 11.8, True), (1107e6, 1107.6e6, True),  # a value cut short to the other's digits
    (2000, 2500, False), (2500, 3000, False), (2215, 2217, False), (4, 5, False), (3, 2.2, False),
])
def test_two_values_are_one_only_when_one_is_the_other_written_to_fewer_digits(a, b, one):
    assert _one_value(a, b) is one and _one_value(b, a) is one
