"""Entities across articles (marsad.link.entities) on real articles: the sample, and SaudiNewsNet articles of
three days on people, bodies and places of the development split of eval/gold/entities/saudinewsnet.json
(people who share a family name, bodies that share a word, a newspaper named like a region)."""

from __future__ import annotations

import json
import zipfile
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from eval.common import SHARED
from eval.entities import gold, occurrences, split_of
from marsad.link.entities import (
    Entities,
    State,
    _body_parts,
    _Mention,
    _run_on_parts,
    article_things,
    parse,
    part_of,
)
from marsad.model import Article, Mention
from marsad.pipeline import Pipeline
from marsad.runner import default_steps, run
from marsad.store import Store
from marsad.store.entities import Mentions

DAYS = ("2015-08-01", "2015-08-02", "2015-08-03")
# dev entities of the gold: variants of one name, family names shared, words shared by bodies and a place
CHOSEN = ("E018", "E026", "E068", "E119", "E033", "E044", "E045", "E054", "E055", "E002", "E003", "E004", "E046",
          "E047", "E073", "E074", "E097", "E120")
ARTICLES_PER_ENTITY = 8
ALL_ARTICLES = {"E033": 17}  # علي عبدالله صالح: every article, some with his full name, most cut by the tagger


@cache
def _records() -> dict[str, dict]:
    out = {}
    for day in DAYS:
        with zipfile.ZipFile(SHARED / "data" / "saudinewsnet" / f"{day}.zip") as z:
            for a in json.loads(z.read(z.namelist()[0])):
                out[a["url"]] = a
    return out


@cache
def _chosen_urls() -> tuple[str, ...]:
    """The first articles (at most ARTICLES_PER_ENTITY) of each chosen entity, each once."""
    assert all(split_of(e) == "dev" for e in CHOSEN)  # the test split is never read
    entities = {e["id"]: e for e in gold()["entities"]}
    urls: dict[str, None] = {}
    for eid in CHOSEN:
        urls.update((u, None) for u in list(dict.fromkeys(m["url"] for m in entities[eid]["mentions"]))[
            :ALL_ARTICLES.get(eid, ARTICLES_PER_ENTITY)])
    return tuple(urls)


def _write(path: Path, urls: list[str]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for url in urls:
            a = _records()[url]
            out.write(json.dumps({"text": f"{a.get('title') or ''}\n{a['content']}", "url": url, "outlet": a["source"],
                                  "published": a["date_extracted"][:10]}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> Path:
    """The chosen articles read, analysed and linked across (stories, then entities) in one run."""
    folder = tmp_path_factory.mktemp("xentities")
    db = folder / "all.db"
    with Store(db) as store:
        run([_write(folder / "all.jsonl", list(_chosen_urls()))], store)
    return db


def _entities_of(db: Path, eid: str, whole_names: bool = False) -> set[str]:
    """The entities marsad gave the gold mentions of one gold entity (where the analysis found them whole; with
    ``whole_names``, the names of two words or more only)."""
    forms = defaultdict(set)
    for e in gold()["entities"]:
        if e["id"] == eid:
            for m in e["mentions"]:
                if not whole_names or len(m["text"].split()) > 1:
                    forms[m["url"]].add(m["text"])
    out = set()
    with Store(db) as store:
        for url, texts in forms.items():
            row = store.query("SELECT id, text FROM articles WHERE url = ?", (url,))
            if not row:
                continue
            article, text = row[0]
            mentions = store.query('SELECT start, "end" FROM entities WHERE article = ?', (article,))
            for form in texts:
                for s, e in occurrences(text, form):
                    if any(ms <= s + 2 and e <= me for ms, me in mentions):
                        found = store.mentions_in(article).at(s, e)
                        if found:
                            out.add(found)
    return out


# -- variants of one name are one entity -------------------------------------------------------------------


@pytest.mark.parametrize("eid", ["E018", "E026", "E068", "E119"])
def test_the_variants_of_a_name_across_articles_are_one_entity(linked, eid):
    """عادل الجبير, عادل بن أحمد الجبير and الجبير; فرانسوا هولاند and فرنسوا هولاند; آرسين فينغر and آرسين
    فينجر; سوريا and سورية."""
    found = _entities_of(linked, eid)
    assert len(found) == 1, found


def test_an_entity_carries_every_form_it_was_written_in(linked):
    (jubeir,) = _entities_of(linked, "E018")
    with Store(linked) as store:
        record = store.entity_record(jubeir)
    assert record is not None
    assert {"عادل الجبير", "عادل بن أحمد الجبير", "الجبير"} <= set(record["variants"])
    assert record["name"] == "عادل بن أحمد الجبير"
    assert any(r["role"].startswith("وزير الخارجية") and r["articles"] for r in record["roles"])


def test_a_given_name_the_tagger_cut_off_still_names_the_person(linked):
    """علي عبدالله صالح, which the tagger finds as عبدالله صالح (علي read as the preposition على): one entity
    across the articles, named in full."""
    with Store(linked) as store:
        texts = dict(store.query("SELECT id, text FROM articles"))
        rows = store.query('SELECT article, start, entity FROM entity_mentions WHERE name IN (?, ?)',
                           ("عبدالله صالح", "عبد الله صالح"))
        cut = {e for a, s, e in rows if texts[a][max(0, s - 4):s] == "علي "}
        assert len({a for a, *_ in rows}) >= 5 and len(cut) == 1
        (entity,) = cut
        record = store.entity_record(entity)
    assert record is not None and record["name"] in ("علي عبدالله صالح", "علي عبد الله صالح")


# -- different people, bodies and places are not merged ---------------------------------------------------


@pytest.mark.parametrize("group", [("E044", "E045"), ("E054", "E055"), ("E002", "E003", "E004"),
                                   ("E046", "E047")])
def test_people_who_share_a_family_name_stay_apart(linked, group):
    """سراج الدين حقاني and his father جلال الدين حقاني; سالم الدوسري and جمعان الدوسري; محمد بن لادن, his son
    سعد and his daughter سناء; the brothers صلاح الدين and نور الدين ديمرتاش: never one entity by their names.
    (A family name alone is another matter: where the tagger misses one of two persons of an article, حقاني
    goes to the one it found, see eval/entities.py.)"""
    seen: dict[str, str] = {}
    for eid in group:
        for entity in _entities_of(linked, eid, whole_names=True):
            assert seen.setdefault(entity, eid) == eid, (entity, seen[entity], eid)


def test_a_family_name_two_persons_of_an_article_share_is_neither(linked):
    """An article naming سراج الدين حقاني and his father جلال الدين حقاني: حقاني alone joins neither."""
    with Store(linked) as store:
        for (article,) in store.query("SELECT id FROM articles"):
            names = {r[0] for r in store.query("SELECT name FROM entity_mentions WHERE article = ?", (article,))}
            if {"سراج الدين حقاني", "جلال الدين حقاني", "حقاني"} <= names:
                break
        else:
            pytest.fail("no article names both Haqqanis and the family name alone")
        rows = store.query("SELECT name, entity FROM entity_mentions WHERE article = ?", (article,))
    son = {e for n, e in rows if n == "سراج الدين حقاني"}
    father = {e for n, e in rows if n == "جلال الدين حقاني"}
    alone = {e for n, e in rows if n == "حقاني"}
    assert len(son) == len(father) == 1 and son != father and not alone & (son | father)


@pytest.mark.parametrize("pair", [("E073", "E074"), ("E097", "E120")])
def test_bodies_and_places_that_share_words_stay_apart(linked, pair):
    """التحالف العربي and التحالف الدولي (both التحالف for short); «الشرق الأوسط» the newspaper and الشرق الأوسط
    the region."""
    a, b = (_entities_of(linked, eid) for eid in pair)
    assert a and b and not a & b


def test_a_body_named_in_quotation_marks_is_the_same_body_unless_its_words_name_a_place():
    def body(text: str, quoted: bool):
        parsed = parse("ORG", text, quoted)
        assert parsed is not None
        return parsed[0]

    assert part_of(body("داعش", True), body("داعش", False)) == "same"  # “داعش” and داعش
    assert part_of(body("الشرق الأوسط", True), body("الشرق الأوسط", False)) is None  # the newspaper, the region


@pytest.mark.parametrize("type_, text, parts", [
    ("ORG", "أرسنال وفياريال", ["أرسنال", "فياريال"]),  # two clubs the tagger ran together
    ("ORG", "حزب الأصالة والمعاصرة", ["حزب الأصالة والمعاصرة"]),  # one party: its و joins its own words
    ("ORG", "وزارة الإسكان والمرافق", ["وزارة الإسكان والمرافق"]),
    ("ORG", "بني وليد", ["بني وليد"]),  # a town: وليد is a name, not و + ليد
    ("LOC", "تحرير عدن", ["عدن"]),  # the tagger ran the place on from the word before it (SaudiNewsNet, 2015-08)
    ("LOC", "يزور عدن", ["عدن"]),
    ("LOC", "اليمن عدن", ["اليمن", "عدن"]),  # two places side by side
    ("LOC", "شمال عدن", ["شمال عدن"]),  # a word a place's name opens with
    ("LOC", "مطار عدن", ["مطار عدن"]),  # a facility of the place, kept whole
    ("LOC", "كفر الشيخ", ["كفر الشيخ"]),
    ("LOC", "تحرير صنعاء", ["صنعاء"]),  # a place with hamza, known as written (صنعاء) though compared as صنعا
    ("LOC", "القدس الشرقية", ["القدس الشرقية"]),  # a place with its adjective is one place
    ("LOC", "ريف دمشق", ["ريف دمشق"]),  # the countryside governorate is not the city
])
def test_a_body_s_or_place_s_mention_is_split_into_the_names_it_holds(type_, text, parts):
    name, _ = parse(type_, text) or (None, 0)
    assert name is not None
    found = _body_parts(_Mention(0, 0, len(text), type_, text, name, text, None))
    assert [p.text for p in found] == parts


@pytest.mark.parametrize("text, parts", [
    ("كيري ولافروف", [("PER", "كيري"), ("PER", "لافروف")]),  # two ministers the tagger ran together
    ("أحمد الحمود بالأحساء", [("LOC", "الأحساء"), ("PER", "أحمد الحمود")]),  # a place after the name
    ("محمد وجيه", [("PER", "محمد وجيه")]),  # وجيه is a name, not و + جيه
    ("علي أكبر ولايتي", [("PER", "علي أكبر ولايتي")]),  # nor is لايتي a name
    ("محمد وائل الدحدوح", [("PER", "محمد وائل الدحدوح")]),  # وائل, a name after a given name
    ("سعد الدين وهبة", [("PER", "سعد الدين وهبة")]),
])
def test_a_person_s_run_on_with_another_name_or_a_place_is_split(text, parts):
    name, _ = parse("PER", text) or (None, 0)
    assert name is not None
    found = _run_on_parts(_Mention(0, 0, len(text), "PER", text, name, text, None))
    assert sorted((p.type, p.text) for p in found) == parts
    assert all(text[p.start:p.end] == p.text for p in found)


def test_a_body_s_management_before_its_class_word_is_the_body():
    def body(text: str):
        parsed = parse("ORG", text)
        assert parsed is not None
        return parsed[0]

    assert part_of(body("إدارة النادي الأهلي"), body("النادي الأهلي")) == "same"
    assert part_of(body("إدارة نادي الاتحاد"), body("النادي الأهلي")) is None
    assert body("إدارة التعليم").words != body("التعليم").words  # no class word after it: a body of its own


def _tagged(article_id: str, text: str, names: list[tuple[str, str]]) -> tuple[str, dict]:
    """An article whose mentions are the given (type, text), each at its first place in the text."""
    mentions = [Mention(text.index(n), text.index(n) + len(n), t, n) for t, n in names]
    article = Article(id=article_id, source=article_id, text=text, raw=text, entities=mentions)
    return article_id, Entities().signature(article)


def test_a_body_known_by_its_name_is_found_whatever_run_on_its_fullest_form_has():
    """SaudiNewsNet, 2015-08: the tagger ran حزب العمال الكردستاني on into the next word in some articles;
    every article's party is one entity, and the management of two clubs stays two bodies."""
    step = Entities()
    arts = [
        _tagged("a", "أعلن حزب العمال الكردستاني مسؤوليته عن الهجوم.", [("ORG", "حزب العمال الكردستاني")]),
        _tagged("b", "واتهمت أنقرة حزب العمال الكردستاني المحظور بتنفيذ الهجوم.",
                [("ORG", "حزب العمال الكردستاني المحظور")]),
        _tagged("c", "وقالت إن حزب العمال الكردستاني مفوضية حقوق الإنسان أدانت.",
                [("ORG", "حزب العمال الكردستاني مفوضية")]),
        _tagged("d", "وصادقت إدارة النادي الأهلي على العقد.", [("ORG", "إدارة النادي الأهلي")]),
        _tagged("e", "ورفضت إدارة نادي الاتحاد العرض.", [("ORG", "إدارة نادي الاتحاد")]),
    ]
    out = step.reduce(arts, State(story_of={a: f"S{a}" for a, _ in arts}))
    entity = {a: {e for _, e, *_ in rows} for a, rows in out.assigned.items()}
    assert entity["a"] == entity["b"] == entity["c"]
    assert len(entity["d"] | entity["e"]) == 2


def test_the_sample_keeps_the_central_command_apart_from_the_joint_operations_command(seeds, db):
    with Store(db) as store:
        run([seeds], store)
        names = {r["id"]: r["name"] for r in store.entities_records()}
    central = {i for i, n in names.items() if n == "القيادة المركزية الأمريكية"}
    joint = {i for i, n in names.items() if n.startswith("قيادة العمليات المشتركة")}
    assert len(central) == 1 and len(joint) == 1 and central != joint


def test_part_of_a_name_is_read_from_its_first_and_last_names():
    """From the sample and SaudiNewsNet's names: the king's name inside his son's is not his son."""
    def n(text: str):
        parsed = parse("PER", text)
        assert parsed is not None
        return parsed[0]

    assert part_of(n("سلمان بن عبدالعزيز"), n("محمد بن سلمان بن عبدالعزيز")) is None
    assert part_of(n("محمد بن لادن"), n("محمد بن عوض بن لادن")) == "inner"
    assert part_of(n("محمد بن نايف"), n("محمد بن نايف بن عبدالعزيز آل سعود")) == "prefix"
    assert part_of(n("عبد الله بن زايد آل نهيان"), n("عبدالله بن زايد آل نهيان")) == "same"
    assert part_of(n("سعود بن نايف"), n("سعد بن نايف")) is None  # two Arabic names, never spellings of one


# -- the sample: one entity per person across every article that names them --------------------------------


@pytest.fixture
def sample(seeds, db) -> Path:
    with Store(db) as store:
        run([seeds], store)
    return db


def _record_of(store: Store, name: str) -> dict:
    (record,) = [r for r in store.entities_records() if r["name"] == name]
    return record


def _articles_writing(store: Store, *words: str) -> set[str]:
    return {a for a, t in store.query("SELECT id, text FROM articles") if any(w in t for w in words)}


def test_the_sample_names_the_prime_minister_the_commander_and_the_spokesman_once_each(sample):
    """الكاظمي (and the post's author Mustafa Al-Kadhimi), ماكنزي, الخفاجي: one entity each, across all the
    articles that name them, with every variant."""
    with Store(sample) as store:
        expected = {"مصطفى الكاظمي": (("الكاظمي",), {"مصطفى الكاظمي", "الكاظمي", "Mustafa Al-Kadhimi"}),
                    "كينيث ماكنزي": (("ماكنزي",), {"كينيث ماكنزي", "ماكنزي"}),
                    "تحسين الخفاجي": (("الخفاجي", "خفاجي"), {"تحسين الخفاجي", "الخفاجي", "خفاجي"})}
        for name, (words, variants) in expected.items():
            record = _record_of(store, name)
            assert set(record["variants"]) == variants
            assert {m["article"] for m in record["mentions"]} == _articles_writing(store, *words)
            texts = dict(store.query("SELECT id, text FROM articles"))
            assert all(texts[m["article"]][m["start"]:m["end"]] == m["text"] for m in record["mentions"])


def test_a_tagger_s_run_on_of_two_names_is_two_mentions(seeds):
    """الكاظمي وماكنزي tagged as one person (as an earlier tagger did): a mention of each, with its own span."""
    text = sorted(seeds.glob("*.txt"))[1].read_text("utf-8")
    article = _analysed(text, "a")
    start = article.text.index("الكاظمي وماكنزي")
    end = start + len("الكاظمي وماكنزي")
    article.entities = [m for m in article.entities if m.end <= start or m.start >= end] + [
        Mention(start, end, "PER", article.text[start:end])]
    things = {t.full.key: t for t in article_things(article) if t.type == "PER"}
    kadhimi, mckenzie = things["مصطفي الكاظمي"], things["كينيث ماكنزي"]
    assert [start, start + len("الكاظمي")] in [m[1:3] for m in kadhimi.mentions]
    assert [end - len("ماكنزي"), end] in [m[1:3] for m in mckenzie.mentions]


def test_the_post_author_in_latin_script_is_the_arabic_name_and_speaks_as_it(sample):
    with Store(sample) as store:
        kadhimi = _record_of(store, "مصطفى الكاظمي")
        latin = [m for m in kadhimi["mentions"] if m["text"] == "Mustafa Al-Kadhimi"]
        assert len(latin) == 1
        quotes: dict[str, list[dict]] = defaultdict(list)
        for q in store.annotations("quotes"):
            quotes[q["article"]].append(q)
        posts = {(a, k) for a, qs in quotes.items() for k, q in enumerate(qs) if q["speaker_type"] == "embedded_post"}
        speakers = {(s["article"], s["idx"]): s["entity"] for s in store.quote_speakers()}
        assert posts and all(speakers[k] == kadhimi["id"] for k in posts)


def test_a_quote_s_speaker_points_to_their_entity(sample):
    with Store(sample) as store:
        khafaji = _record_of(store, "تحسين الخفاجي")["id"]
        quotes = [q for q in store.annotations("quotes") if q["speaker"] and "الخفاجي" in q["speaker"]]
        assert quotes and all(who == khafaji for _, who in store.speaker_entities(quotes))


def test_roles_are_kept_with_the_articles_they_were_seen_in(sample):
    with Store(sample) as store:
        mckenzie = _record_of(store, "كينيث ماكنزي")
        (role,) = mckenzie["roles"]
        assert role["role"] == "قائد القيادة المركزية الأمريكية"  # لقائد: the proclitic set aside
        assert set(role["articles"]) == {m["article"] for m in mckenzie["mentions"]}


# -- incremental --------------------------------------------------------------------------------------------


def _partition(db: Path) -> set[frozenset[tuple[str, int, int]]]:
    groups: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    with Store(db) as store:
        for article, start, end, entity in store.query('SELECT article, start, "end", entity FROM entity_mentions'):
            groups[entity].add((article, start, end))
    return {frozenset(g) for g in groups.values()}


def test_linking_day_by_day_equals_linking_all_at_once(linked, tmp_path):
    """The chosen articles in two runs, the first day's then the next two days' (as mornings' runs find them),
    against all of them in one run: the same entities, mention for mention; every id given in the first run
    kept (or merged into another, and kept as its alias). The step alone: the stories step, run incrementally,
    may group some articles otherwise than at once, and the neighbourhood of a family name is its story."""
    urls = list(_chosen_urls())
    day = {u: _records()[u]["date_extracted"][:10] for u in urls}
    at_once, db = tmp_path / "once.db", tmp_path / "days.db"
    with Store(at_once) as store:
        run([_write(tmp_path / "all.jsonl", urls)], store, across=[Entities()])
    with Store(db) as store:
        run([_write(tmp_path / "a.jsonl", [u for u in urls if day[u] == DAYS[0]])], store, across=[Entities()])
        first = {i for (i,) in store.query("SELECT id FROM linked_entities")}
        run([_write(tmp_path / "b.jsonl", [u for u in urls if day[u] != DAYS[0]])], store, across=[Entities()])
        kept = {i for (i,) in store.query("SELECT id FROM linked_entities")}
        merged = dict(store.query("SELECT alias, entity FROM entity_aliases"))
    assert _partition(db) == _partition(at_once)
    assert all(i in kept or merged.get(i) in kept for i in first)


# -- a merge keeps the older id --------------------------------------------------------------------------------


def _analysed(text: str, article_id: str) -> Article:
    article = Pipeline(default_steps()).apply(Article(id=article_id, source=article_id, text="", raw=text))
    assert isinstance(article, Article)
    return article


def test_a_family_name_alone_joins_the_full_name_that_comes_later_in_the_story_under_its_first_id(seeds):
    """An article that names the spokesman by his family name only, then one of the same story with his full
    name: the family name's entity takes the full name in and keeps its id; the full name's id is an alias."""
    text = sorted(seeds.glob("*.txt"))[4].read_text("utf-8")
    full = _analysed(text, "full")
    short = _analysed(text[text.index("تحسين الخفاجي") + len("تحسين الخفاجي"):], "short")
    assert any(m.text == "الخفاجي" for m in short.entities)
    assert not any("تحسين" in m.text for m in short.entities)
    step = Entities()
    state = State(story_of={"short": "S1", "full": "S1"})
    first = step.reduce([("short", step.signature(short))], state)
    (early,) = {e for m, e, *_ in first.assigned["short"] if m[3] == "الخفاجي"}
    assert first.state.entities[early].scope == "S1"  # known by a family name only: found from its story only
    second = step.reduce([("full", step.signature(full))], first.state)
    (later,) = {e for m, e, *_ in second.assigned["full"] if m[3] == "تحسين الخفاجي"}
    assert later == early and second.merged and set(second.merged.values()) == {early}


def test_an_article_names_each_thing_once_with_all_its_mentions(seeds):
    """In one article of the sample: الخفاجي and خفاجي join تحسين الخفاجي; قيادة العمليات المشتركة joins
    قيادة العمليات المشتركة العراقية."""
    text = sorted(seeds.glob("*.txt"))[3].read_text("utf-8")
    things = article_things(_analysed(text, "a"))
    by_full = {t.full.key: t for t in things}
    khafaji = [t for t in things if t.type == "PER" and "الخفاجي" in t.full.key]
    assert len(khafaji) == 1 and len(khafaji[0].forms) >= 2
    joint = [t for t in things if t.type == "ORG" and "عمليات مشتركه" in t.full.key]
    assert len(joint) == 1, by_full


def test_the_entity_at_a_span_and_a_quotes_speaker_are_read_from_the_articles_mentions():
    """Rows as the store keeps them (start, end, entity, text, idx) for a sentence of aawsat, 3 August 2015; the
    last row is a name read from an embedded post (no idx)."""
    text = 'واشاد دبلوماسي اميركي بكون وزير الخارجية السعودي عادل الجبير "عبر علنا عن ارتياح الحكومة السعودية"'

    def span(words: str, after: int = 0) -> tuple[int, int]:
        at = text.index(words, after)
        return at, at + len(words)
    minister, foreign, adel = span("وزير الخارجية السعودي"), span("الخارجية"), span("عادل الجبير")
    jubeir = span("الجبير", adel[0])
    mentions = Mentions([(*minister, "E1", "وزير الخارجية السعودي", 0), (*foreign, "E2", "الخارجية", 1),
                         (*adel, "E3", "عادل الجبير", 2), (*jubeir, "E4", "الجبير", None)])
    assert mentions.at(*foreign) == "E2"  # the mention at the span
    assert mentions.at(foreign[0], foreign[1] - 1) == "E1"  # else the one that overlaps most, the first if tied
    assert mentions.at(minister[0], adel[1]) == "E1" and mentions.at(adel[0] - 3, adel[1]) == "E3"
    assert mentions.at(0, minister[0]) is None
    assert mentions.speaker({"speaker": "عادل الجبير", "speaker_start": adel[0], "speaker_end": adel[1]}) == "E3"
    # no span: the longest name in the speaker's that the article's own mentions did not give, first
    assert mentions.speaker({"speaker": "عادل الجبير", "speaker_start": None, "speaker_end": None}) == "E4"
    assert mentions.speaker({"speaker": None, "speaker_start": adel[0], "speaker_end": adel[1]}) is None
