import datetime as dt
import time

import pytest

from marsad.analyse.entities import find_entities
from marsad.analyse.times import Times
from marsad.link.features import day_of, days_of
from marsad.model import Article
from marsad.pipeline import Pipeline
from marsad.runner import default_steps, process
from tests.conftest import SEEDS, saudi_articles


@pytest.fixture(scope="module")
def analysed() -> dict[str, Article]:
    return {a.source[:3]: a for a in process([SEEDS])}


def speakers(a: Article) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker, q.speaker_type, q.text) for q in a.quotes]


def test_every_annotation_is_a_span_of_the_text(analysed):
    for a in analysed.values():
        for m in a.entities:
            assert a.text[m.start:m.end] == m.text
            if m.role:
                assert a.text[m.role_start:m.role_end] == m.role
                assert m.role_end <= m.start or m.role_start >= m.end  # before the name, or apposed after it
        for q in a.quotes:
            assert a.text[q.start:q.end] == q.text and q.text.strip()
            if q.cue:
                assert a.text[q.cue_start:q.cue_end] == q.cue
        for t in a.times:
            assert a.text[t.start:t.end] == t.text
        for f in a.figures:
            assert a.text[f.start:f.end] == f.text
            if f.unit:
                assert a.text[f.unit_start:f.unit_end] == f.unit and f.unit_start >= f.end


def test_persons_carry_their_roles(analysed):
    roles = {m.text: m.role for a in analysed.values() for m in a.entities if m.type == "PER" and m.role}
    assert roles.get("مصطفى الكاظمي") == "رئيس الوزراء العراقي"
    assert roles.get("كينيث ماكنزي", "").endswith("قائد القيادة المركزية الأمريكية")


def test_an_office_apposed_after_a_rank_and_name_is_the_role(analysed):
    """"اللواء NAME، المتحدث باسم ...،": the office after the name says more than the rank before it."""
    after = [m for a in analysed.values() for m in a.entities if m.role and m.role_start >= m.end]
    assert after and any(m.role.startswith("المتحدث باسم") for m in after)


def test_a_title_vouches_for_a_name_the_tagger_missed(analysed):
    """"المتحدث باسم العمليات، NAME،" and "مستشار الأمن القومي، NAME،": the name between commas is a person."""
    titled = [m for a in analysed.values() for m in a.entities if m.source == "title"]
    assert titled and all(m.type == "PER" and m.role and len(m.text.split()) >= 2 for m in titled)


def test_proclitics_stay_out_of_mentions_and_names(analysed):
    mentions = [m for a in analysed.values() for m in a.entities]
    assert any(m.text.startswith("للتحالف") and m.name.startswith("التحالف") for m in mentions)
    for a in analysed.values():
        bare = {m.text for m in a.entities}
        assert not [m for m in a.entities if m.text[0] in "وب" and m.text[1:] in bare], a.source


def test_organisations_named_by_their_head_word(analysed):
    orgs = {m.name for a in analysed.values() for m in a.entities if m.type == "ORG"}
    assert {"قيادة العمليات المشتركة", "التحالف الدولي"} <= orgs
    assert not [o for o in orgs if o.startswith("قيادة الولايات")]  # بقيادة = "led by"


def test_months_and_weekdays_are_not_entities(analysed):
    calendar = {"نيسان", "آذار", "الخميس", "الجمعة", "الأربعاء"}
    assert not [m for a in analysed.values() for m in a.entities if m.text in calendar]


def test_weekdays_are_not_persons(analysed):
    for a in analysed.values():
        assert not [m for m in a.entities if m.type == "PER" and m.text in ("الخميس", "الجمعة", "الأربعاء")]


def test_times_resolve_against_the_stated_or_inferred_date(analysed):
    def values(k):
        return {t.text: t.value for t in analysed[k].times}
    assert values("000")["يوم أمس"] == "2021-12-09"
    assert values("004")["الأربعاء 18 آذار/مارس"] == "2020-03-18"
    assert values("004")["نهاية شهر نيسان/أبريل المقبل"] == "2020-04"
    a2 = analysed["002"]
    assert (a2.published, a2.published_how) == ("2021-12-29", "inferred") and "embedded post" in a2.published_evidence
    assert values("002")["يوم أمس الثلاثاء"] == "2021-12-28"


def test_without_a_stated_date_a_window_and_never_an_invented_day(analysed):
    a = analysed["001"]
    assert a.published is None and a.published_window == ("2021-07-27", "2021-12-31")
    assert {t.text: t.value for t in a.times}["الخميس"] is None
    assert analysed["003"].published_window[1] == "2021-12-30"


def test_times_on_other_news_use_the_anchor_given():
    art = next(x for x in saudi_articles() if "اليوم" in x["content"] and "الاثنين" in x["content"])
    [a] = list(Pipeline(default_steps()[:2] + [Times()]).run(
        [Article(id="", source="t", text="", raw=art["content"], published="2015-07-20", published_how="given")]))
    assert any(t.value == "2015-07-20" for t in a.times if t.text.startswith("اليوم"))


def _times_at(phrase: str, published: str = "2015-07-21", day: str | None = None
              ) -> list[tuple[str, str | None, str, bool]]:
    """The times overlapping ``phrase`` in the first real article of the day that has it, its date given."""
    art = next(x for x in (saudi_articles(day) if day else saudi_articles()) if phrase in x["content"])
    [a] = list(Pipeline(default_steps()[:2] + [Times()]).run(
        [Article(id="", source="t", text="", raw=art["content"], published=published, published_how="given")]))
    at = a.text.index(phrase)
    return [(t.text, t.value, t.precision, t.relative) for t in a.times
            if t.start < at + len(phrase) and at < t.end]


def test_decades_and_centuries_named_or_relative():
    assert _times_at("ستينات القرن التاسع عشر") == [("ستينات القرن التاسع عشر", "1860", "decade", False)]
    assert _times_at("الخمسينات من القرن الماضي") == [("الخمسينات من القرن الماضي", "1950", "decade", True)]
    assert _times_at("مطلع القرن التاسع عشر") == [("مطلع القرن التاسع عشر", "1800", "century", False)]
    assert _times_at("التسعينات") == [("التسعينات", "1990", "decade", True)]  # the latest begun by 2015
    assert _times_at("الثلاثينات من عمره") == []  # an age is no decade


def test_a_hijri_century_has_no_gregorian_value_and_the_first_century_is_year_0000():
    """«القرن العاشر الهجري» was read as 900-999 of the Gregorian calendar; «أواخر القرن الأول» is «0000», a year
    the steps across articles read as the year 1 (it stopped the linking of 25-27 July 2015)."""
    assert _times_at("القرن العاشر الهجري", day="2015-07-27") == [("القرن العاشر الهجري", None, "century", False)]
    assert _times_at("أواخر القرن الأول", day="2015-07-26") == [("أواخر القرن الأول", "0000", "century", False)]
    assert days_of("0000") == (1, 365) and day_of("2015-07") == dt.date(2015, 7, 1)


def test_years_joined_to_a_year_and_the_present():
    assert [t[1] for t in _times_at("بين عامي 1982 و1990")] == ["1982", "1990"]
    assert [t[1] for t in _times_at("أعوام 2015 و2016 و2017")] == ["2015", "2016", "2017"]
    assert _times_at("الليلة الماضية") == [("الليلة الماضية", "2015-07-20", "day", True)]
    assert _times_at("حتى الآن") == [("الآن", "2015-07-21", "day", True)]
    # one day of a series, an observance: not today
    assert _times_at("في اليوم الأول") == []
    assert _times_at("باليوم العالمي") == []


@pytest.mark.parametrize("raw", [
    "قال المتحدث: \"" + "القوات انسحبت " * 3000,  # unbalanced quote, one giant sentence
    "٣" * 100_000,  # 100,000 characters of digits
    "،،، ... !!! ؟؟؟",  # no sentence at all
    "وأضاف أن" * 2000,
])
def test_hostile_text_finishes_quickly_without_exceptions(raw):
    start = time.perf_counter()
    items = list(Pipeline(default_steps()).run([Article(id="", source="t", text="", raw=raw)]))
    assert len(items) == 1
    assert time.perf_counter() - start < 20


def test_entities_on_real_news_find_places():
    text = saudi_articles()[0]["content"]
    types = {m.type for m in find_entities(text)}
    assert "LOC" in types


@pytest.mark.parametrize(("text", "years"), [
    ("تنفذ الخطة خلال الفترة (2015 - 2017)، و55 مشروعا (2018 - 2020)", ["2015", "2017", "2018", "2020"]),
    ("وهو ما ظل قائما منذ 2003م وحتى اليوم", ["2003"]),
    ("ولد في 1949 وتوفي عام 1990", ["1949", "1990"]),
    ("وصل 2000 جندي إلى القاعدة", []),  # a count, not a year
])
def test_bare_years_are_times_where_the_context_says_so(text, years):
    from marsad.analyse.times import find_hits, resolve

    found = [resolve(text, h, None, "unresolved") for h in find_hits(text)]
    assert [t.value for t in found if t.precision == "year"] == years
