"""Time expressions and the publication date read from the text, on real news from ../shared/data: the
Arabic Newspapers Corpus of 19 countries (anc19), SaudiNewsNet and the TimeML-annotated Omani news."""

from __future__ import annotations

import re
from functools import cache

import pytest

from eval.common import SHARED
from marsad.analyse.times import Times, find_hits, resolve
from marsad.model import Article
from marsad.pipeline import Pipeline
from marsad.runner import default_steps
from tests.conftest import saudi_articles

ANC19 = SHARED / "data" / "anc19"
SAUDI_DAYS = ("2015-07-21", "2015-07-22", "2015-07-23", "2015-07-24", "2015-07-31", "2015-08-03", "2015-08-10")


@cache
def anc19(name: str) -> str:
    """One anc19 article as distributed: Windows-1256, CRLF, a NUL at the end."""
    return (ANC19 / name).read_bytes().replace(b"\0", b"").decode("cp1256").replace("\r\n", "\n")


def saudi(phrase: str) -> str:
    """The content of the first SaudiNewsNet article (of a few days) that has ``phrase``."""
    return next(a["content"] for day in SAUDI_DAYS for a in saudi_articles(day) if phrase in a["content"])


def analysed(raw: str, published: str | None = None, how: str | None = None) -> Article:
    """The page through the cleaner and the times step, with the publication date it is given, if any."""
    [a] = Pipeline(default_steps()[:1] + [Times()]).run(
        [Article(id="", source="t", text="", raw=raw, published=published, published_how=how)])
    assert isinstance(a, Article)
    return a


def times_at(a: Article, phrase: str) -> list[tuple[str, str | None]]:
    at = a.text.index(phrase)
    return [(t.text, t.value) for t in a.times if t.start < at + len(phrase) and at < t.end]


def values_in(text: str, phrase: str) -> list[str | None]:
    """The values of the time expressions overlapping ``phrase`` in ``text``, with no publication date."""
    at = text.index(phrase)
    return [t.value for h in find_hits(text) if h.start < at + len(phrase) and at < h.end
            if (t := resolve(text, h, None, "unresolved"))]


# --- 1. every month-name system ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "phrase", "value"), [
    # Moroccan
    ("economy/MAE25.txt", "15 شتنبر 2008", "2008-09-15"),
    ("politics/MAP15.txt", "25 نونبر 2011", "2011-11-25"),
    ("politics/MAP11.txt", "18 دجنبر 2011", "2011-12-18"),
    ("culture/MAC21.txt", "12 غشت 2012", "2012-08-12"),
    # Algerian and Tunisian
    ("culture/DZC26.txt", "5 جويلية 1962", "1962-07-05"),
    ("culture/DZC26.txt", "جانفي 1963", "1963-01"),
    ("sport/TMS1.txt", "03 أوت 2012", "2012-08-03"),
    ("politics/DZP33.txt", "15 أفريل 2011", "2011-04-15"),
    ("culture/TMC17.txt", "2 فيفري 2012", "2012-02-02"),
    # Levantine and Iraqi, alone, with the other name after a slash or in brackets, glued to the day
    ("politics/TMP24.txt", "14 كانون الثاني/يناير 2011", "2011-01-14"),
    ("politics/PSP2.txt", "11 تشرين الثاني (نوفمبر) 2004", "2004-11-11"),
    ("sport/PSS33.txt", "16 شباط (فبراير) 1984", "1984-02-16"),
    ("economy/LBE23.txt", "23 و 24 أيار (مايو) 2012", "2012-05"),  # two days: their month
    ("economy/JOE28.txt", "حزيران 2011", "2011-06"),
    ("culture/IQC4.txt", "11آذار 1917", "1917-03-11"),
    ("science_tech/OMSC16.txt", "16 يناير/كانون ثان 2012", "2012-01-16"),
    # Egyptian (the year glued to the month) and Gulf
    ("politics/EGP3.txt", "7 فبراير1882", "1882-02-07"),
    ("religion/BHR23.txt", "24 أغسطس 2012", "2012-08-24"),
    # Hijri: in words, in digits, and its Gregorian twin given with الموافق
    ("politics/SDP3.txt", "9-9-1433 هـ", "2012-07-28"),
    ("culture/SAC19.txt", "21 ربيع الأول 1433 هـ", "2012-02-13"),
    ("religion/LYR3.txt", "التاسع من صفر الخير، سنة 1276هجري", "1859-09-07"),  # beyond the tables: its twin
])
def test_every_month_name_system_is_read(name, phrase, value):
    assert values_in(anc19(name), phrase) == [value]


def test_bracketed_other_name_keeps_the_year_and_the_modifier():
    """يوم 14 فبراير (شباط) 1891 is 1891, not this year's 14 February; (حزيران) الماضي is still 'last'."""
    assert values_in(anc19("culture/SAC23.txt"), "14 فبراير (شباط)") == ["1891-02-14"]
    a = analysed(anc19("politics/SAP24.txt"), "2012-07-15", "given")
    assert times_at(a, "16 يونيو (حزيران) الماضي") == [("16 يونيو (حزيران) الماضي", "2012-06-16")]


def test_a_hijri_date_and_its_gregorian_twin():
    text = saudi("25 شوال 1436 هـ الموافق 10 اغسطس 2015 م")
    assert values_in(text, "25 شوال 1436 هـ الموافق 10 اغسطس 2015 م") == ["2015-08-10", "2015-08-10"]


def test_a_hijri_month_or_year_is_no_gregorian_one():
    """شهر شعبان 1275هـ and سنة 1220ه are time expressions without a Gregorian value (a Hijri year spans two
    Gregorian ones); عام 1436 unmarked is Hijri too, سنة 1443 م is Gregorian."""
    text = anc19("religion/LYR3.txt")
    assert values_in(text, "شهر شعبان 1275هـ") == [None]
    assert values_in(text, "سنة 1220ه") == [None]
    assert values_in(saudi("هذا العام 1436"), "هذا العام 1436") == [None]


def test_two_months_side_by_side_are_read_one_by_one():
    """نوفمبر / ديسمبر 2012 is a span of two months, not one date: the second keeps its year."""
    text = anc19("economy/SDE14.txt")
    assert values_in(text, "نوفمبر / ديسمبر 2012") == [None, "2012-12"]


def test_ordinal_days_and_day_ranges():
    """الثامن من يونيو، يومي12 و13 مايو الجاري (a range: its month), 15 من الشهر الجاري."""
    a = analysed(anc19("sport/EGS27.txt"), "2012-05-10", "given")
    assert times_at(a, "الثامن من يونيو") == [("الثامن من يونيو", "2012-06-08")]
    assert times_at(a, "12 و13 مايو الجاري") == [("12 و13 مايو الجاري", "2012-05")]
    a = analysed(anc19("science_tech/YESC26.txt"), "2012-06-12", "header")
    assert times_at(a, "15 من الشهر الجاري") == [("15 من الشهر الجاري", "2012-06-15")]


# --- 2. a stated "today" -------------------------------------------------------------------------------------

def test_today_with_its_date_is_the_publication_date():
    a = analysed(saudi("اليوم الأربعاء (22 تموز/ يوليو 2015)"))
    assert (a.published, a.published_how) == ("2015-07-22", "stated")
    assert a.published_evidence.startswith("اليوم الأربعاء (22 تموز/ يوليو 2015")


def test_yesterday_with_its_date_makes_publication_the_day_after():
    a = analysed(saudi("أمس الخميس 7 / 10 / 1436"))  # Thursday 23 July 2015
    assert (a.published, a.published_how) == ("2015-07-24", "stated")
    a = analysed(anc19("culture/YEC11.txt"))  # مساء يوم أمس الأربعاء 9/ 5 / 2012م
    assert (a.published, a.published_how) == ("2012-05-10", "stated")


def test_yesterday_without_its_year_takes_the_year_the_text_calls_current():
    """'وقال مصدر أمني أمس الخميس 23 يوليو - تموز' names no year: alone it fixes nothing; beside a sentence of
    the same week that calls 2015 the current year (23 July 2015 was a Thursday), publication is 24 July."""
    report = saudi("وقال مصدر أمني أمس الخميس 23 يوليو")
    assert analysed(report).published is None
    this_year = next(line for line in saudi("حققت قناة السويس زيادة ملحوظة").split("\n")
                     if "العام الجاري 2015" in line)
    a = analysed(report + "\n" + this_year)
    assert (a.published, a.published_how, a.published_evidence) == ("2015-07-24", "stated",
                                                                     "أمس الخميس 23 يوليو - تموز")


def test_a_weekday_and_date_at_the_start_of_the_report():
    """The sample's report opens 'أصدرت قيادة العمليات المشتركة، الجمعة (10 كانون الأول، 2021) بيانا': the
    day of the news. A weekday and date that say when something is to begin (اعتبارا من، يوم ...) are not."""
    opening = next(line for line in (SHARED / "seeds" / "000_60e51586141a30cf.txt").read_text("utf-8").split("\n")
                   if "أصدرت قيادة العمليات المشتركة" in line)
    a = analysed(opening)
    assert (a.published, a.published_how, a.published_evidence) == ("2021-12-10", "stated",
                                                                     "الجمعة (10 كانون الأول، 2021")
    a = analysed(saudi("ويستمر حتى يوم الثلاثاء 19 / 10 / 1436"))
    assert a.published_how != "stated"


def test_a_weekday_that_contradicts_the_date_gives_no_date():
    """'يوم الجمعة الثالث من يونيو 2012' (3 June 2012 was a Sunday): neither the day nor a publication date."""
    text = anc19("religion/EGR3.txt")
    assert values_in(text, "يوم الجمعة الثالث من يونيو 2012") == [None]
    opening = next(line for line in text.split("\n") if line.startswith("وفي يوم الجمعة الثالث من يونيو 2012"))
    assert analysed(opening).published is None


def test_a_publication_date_given_is_used_not_replaced():
    """A dateline's date (given by the cleaner) anchors the times; a 'today' in the text does not replace it."""
    text = saudi("أنهى برنامج الشباب \" اصنع مهارة \" أمس")
    a = analysed(text, "2015-08-10", "dateline")
    assert (a.published, a.published_how) == ("2015-08-10", "dateline")
    assert times_at(a, "أمس ، تسع دورات") == [("أمس", "2015-08-09")]
    assert times_at(a, "صيف هذا العام") == [("صيف هذا العام", "2015")]


def test_a_page_date_a_day_or_two_after_the_writing():
    """A Moroccan page dated Saturday 25 August 2012 says 'أول أمس الأربعاء' and 'مساء أمس الأربعاء': the
    Wednesday before, 22 August (the gold's reading). A stated 'today' leaves no such slack."""
    text = anc19("sport/MAS21.txt")
    a = analysed(text, "2012-08-25", "given")
    assert times_at(a, "أول أمس الأربعاء") == [("أول أمس الأربعاء", "2012-08-22")]
    assert times_at(a, "مساء أمس الأربعاء") == [("مساء أمس الأربعاء", "2012-08-22")]
    a = analysed(text, "2012-08-25", "inferred")
    assert times_at(a, "أول أمس الأربعاء") == [("أول أمس الأربعاء", None)]


def test_today_with_the_weekday_before_the_page_date():
    """Al-Eqtisadiya's report of the Suruc bombing, crawled on Tuesday 21 July 2015, says the blast hit
    'اليوم الاثنين': written on Monday the 20th (and on the 22nd, two days later). A date read from the page's
    own words, or three days later, leaves no such slack."""
    text = saudi("هز بلدة سروج التركية الحدودية اليوم الاثنين")
    for day in ("2015-07-21", "2015-07-22"):
        assert times_at(analysed(text, day, "given"), "اليوم الاثنين") == [("اليوم الاثنين", "2015-07-20")]
    for day, how in (("2015-07-21", "inferred"), ("2015-07-21", "stated"), ("2015-07-23", "given")):
        assert times_at(analysed(text, day, how), "اليوم الاثنين") == [("اليوم الاثنين", None)]


def test_the_step_redoes_its_own_date():
    """Run again, the step finds its stated date afresh rather than keeping it as given."""
    a = analysed(saudi("اليوم الأربعاء (22 تموز/ يوليو 2015)"))
    again = Times().process(a)
    assert (again.published, again.published_how) == ("2015-07-22", "stated")


# --- 3. relative expressions with no anchor ------------------------------------------------------------------

def test_a_relative_expression_with_no_anchor_stays_null():
    a = analysed(saudi("بزيارة ميدانية ​مفاجئة يوم أمس الثلاثاء"))
    assert a.published is None and a.published_window is None
    assert times_at(a, "يوم أمس الثلاثاء") == [("يوم أمس الثلاثاء", None)]


# --- 4. the publication window -------------------------------------------------------------------------------

def test_a_background_year_is_no_evidence_of_publication():
    """An article naming 'الربع الثالث في 2010' and 'حزيران/يونيو الماضي' says nothing of its own year (the old
    rule made a 2010 window of it): no window, and June 'last' stays unresolved."""
    a = analysed(anc19("economy/QAE6.txt"))
    assert a.published is None and a.published_window is None
    assert times_at(a, "حزيران/يونيو الماضي") == [("حزيران/يونيو الماضي", None)]
    assert times_at(a, "الربع الثالث في 2010") == [("2010", "2010")]


def test_a_year_the_text_calls_current_bounds_the_window():
    a = analysed(anc19("sport/YES7.txt"))  # بداية العام الجاري 2012 ... مارس الماضي
    assert a.published_window == ("2012-04-01", "2012-12-31") and a.published is None
    assert "العام الجاري 2012" in a.published_evidence
    # a current year of two (العام الجاري 2012 / 2013, a fiscal year): both, and April 'last' cannot be placed
    a = analysed(anc19("politics/KWP7.txt"))
    assert a.published_window == ("2012-01-01", "2013-12-31")


def test_a_hijri_year_the_text_calls_current():
    """'عيد الفطر هذا العام 1436': the Hijri year 1436, 25 October 2014 to 13 October 2015."""
    a = analysed(saudi("عيد الفطر هذا العام 1436"))
    assert a.published_window == ("2014-10-25", "2015-10-13")


def test_a_current_month_and_year_narrow_the_window_to_the_month():
    a = analysed(anc19("economy/IQE19.txt"))  # العام الحالي 2012 ... 10 كانون الأول الحالي
    assert a.published_window == ("2012-12-01", "2012-12-31")


# --- 5. words that are not dates -----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "phrase"), [
    ("culture/OMC23.txt", "في أمس الحاجة"),  # dire need
    ("culture/YEC19.txt", "بأمس الحاجة"),
    ("politics/JOP25.txt", "وانقسمت العشيرة بين الاثنين"),  # the two
    ("politics/AEP20.txt", "صدام بين الاثنين"),
    ("economy/TME15.txt", "او الاثنين معا"),
    ("religion/QAR14.txt", "الواحد الأحد"),  # God
    ("politics/TMP5.txt", "الأحداث"),  # events, not Sunday
    ("religion/LBR3.txt", "خطيب الجمعة"),  # the Friday preacher
    ("culture/SAC11.txt", "أميمة الخميس"),  # a family name
    ("economy/MAE18.txt", "اليوم الدراسي"),  # a study day
    ("religion/MAR3.txt", "غَدَا"),  # the verb 'became'
])
def test_words_that_are_not_dates(name, phrase):
    assert values_in(anc19(name), phrase) == []


def test_a_market_named_after_its_day_and_a_newspaper_named_today():
    assert values_in(saudi("في سوق الاثنين"), "سوق الاثنين") == []
    assert values_in(saudi('لـ "اليوم" ان التجهيزات'), '"اليوم"') == []


def test_a_weekday_is_a_day_where_it_reads_as_one():
    """A statement 'في بيان الثلاثاء' (after a preposition, a given name is a noun), the day before a date or
    a modifier, and a weekday before another are days."""
    text = anc19("religion/YER24.txt")
    assert values_in(text, "بيان الثلاثاء") == [None]


def test_that_day_is_not_today():
    """'ذلك اليوم' and 'اليوم نفسه' speak of a day the text told of."""
    text = anc19("culture/QAC17.txt")
    assert values_in(text, "ذاك اليوم") == []


# --- 6. durations ---------------------------------------------------------------------------------------------

def test_durations_are_left_out():
    """'منذ 50 سنة' and '4 أشهر' are lengths of time: they have no calendar value, and marsad has no form for
    them yet, so they are not given as dates."""
    assert values_in(anc19("culture/DZC26.txt"), "منذ 50 سنة") == []
    assert values_in(anc19("politics/TMP28.txt"), "4 أشهر") == []


# --- the TimeML news ------------------------------------------------------------------------------------------

def test_timeml_dates_stating_their_year_are_exact():
    from eval.times import documents

    checked = 0
    for text, gold in documents():
        for start, end, value, written in gold:
            found = [t.value for h in find_hits(text) if h.start < end and start < h.end
                     if (t := resolve(text, h, None, "unresolved"))]
            if found and re.search(r"\d{4}", written) and re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
                assert value in found, (written, found)
                checked += 1
    assert checked >= 30
