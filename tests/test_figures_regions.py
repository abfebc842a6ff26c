"""Figures in newspapers of many countries, read in the articles as published (anc19, SaudiNewsNet):
ordinals, match scores, quoted titles, agency decimals, chains of scales and dates of every calendar."""

from __future__ import annotations

from functools import cache

import pytest

from marsad.analyse.figures import find_figures
from marsad.analyse.times import find_hits
from tests.conftest import SHARED, saudi_articles

ANC19 = SHARED / "data" / "anc19"


@cache
def anc19(name: str) -> str:
    """An anc19 article as its newspaper's file holds it (Windows-1256, CRLF, a final NUL)."""
    [path] = ANC19.glob(f"*/{name}")
    return path.read_bytes().replace(b"\0", b"").decode("cp1256").replace("\r\n", "\n")


def figures_in(text: str, excerpt: str, *, dates: bool = True) -> list[tuple]:
    """(text, value, value_max, unit) of every figure found inside ``excerpt`` when the whole article is read;
    ``dates=False`` reads the figures alone, without the spans the times step would give them."""
    start = text.index(excerpt)  # the excerpt is in the article as published
    end = start + len(excerpt)
    spans = [(h.start, h.end) for h in find_hits(text)] if dates else None
    return [(f.text, f.value, f.value_max, f.unit) for f in find_figures(text, spans)
            if start <= f.start and f.end <= end]


def in_anc19(name: str, excerpt: str, *, dates: bool = True) -> list[tuple]:
    return figures_in(anc19(name), excerpt, dates=dates)


# ordinals: a number after the head it numbers (a session, an edition, a round, a week, a minute)

@pytest.mark.parametrize(("name", "excerpt"), [
    ("TMP12.txt", "ولدى مشاركته في الدورة 19 لقمة الاتحاد الافريقي"),  # Tunisia
    ("OMS15.txt", "قطر بدورتها 16 و قبل ذلك الدورة 15 بجوانزهو لتأتي الدورة 17 في كوريا"),  # Oman
    ("AES1.txt", "من الأسبوع 18 للدوري السوداني"),  # the Emirates, on Sudan's league
    ("EGS26.txt", "عقب منافسات الأسبوع الـ17 لمسابقة الدوري الممتاز"),  # Egypt
    ("DZE27.txt", "قال أن الجولة الـ11 من مفاوضات الجزائر"),  # Algeria
    ("OMS17.txt", "ضمن فعاليات الجولة 19 لمنافسات دوري عمانتل"),
    ("BHS41.txt", "منتخبنا لكرة الطائرة يتأهل إلى دور الـ16 في أسياد الشواطئ"),  # Bahrain
    ("MAC3.txt", "في النسخة الثانية عشرة من مهرجان السينما العربية"),  # Morocco, an ordinal in words
    ("TMS7.txt", "سجل ثنائية في ?الدقيقتين\xa0 10و69\xa0 و فاز"),  # minutes of a match, a list after its head
    ("IQS32.txt", "في الدقائق 48 و55 و46 وظهر"),
    ("TMS7.txt", "الدقيقة 53\xa0 على طريقة اللاعبين الكبار"),
])
def test_ordinals_after_their_head_are_not_figures(name, excerpt):
    assert in_anc19(name, excerpt) == []


def test_a_number_after_a_head_that_counts_the_noun_after_it_is_a_figure():
    """وسيشارك في الدورة 32 فريقاً: 32 teams take part in the tournament, not its 32nd session."""
    assert in_anc19("KWS24.txt", "وسيشارك في الدورة 32 فريقاً") == [("32", 32, None, "فريقاً")]


# match scores, verse spans and ratios

@pytest.mark.parametrize(("name", "excerpt"), [
    ("TMS7.txt", "استقرت على 4ـ2."),  # Tunisia: a tatweel for the dash
    ("TMS7.txt", "تونس ـ العراق : 5ـ 2"),
    ("TMS7.txt", "تونس ـ الجزائر :3ـ2"),
    ("SYS5.txt", "على إيرلندا (2-صفر)"),  # Syria: zero in words
    ("SYS5.txt", "لو تعادلت اسبانيا وكرواتيا 2-2 او اكثر"),
    ("IQS32.txt", "وانتهت المباراة بالتعادل الايجابي 2-2."),  # Iraq
    ("LYC1.txt", "بنتيجة ( 4 – 2 )"),  # Libya
    ("LBS12.txt", "والثاني على ضيفه هوفنهايم 3-1، والثالث على مضيفه كولن 4-1"),  # Lebanon
    ("LBS29.txt", "بفارق 45 نقطة 96 ـ 51 (24 ـ 4 و53 ـ 17 و78 ـ 33)"),  # basketball quarters
    ("QAS1.txt", "بنتيجة ( 3 / 1 ) وباشواط ( 15 / 13 – 11 / 8 – 9 / 11 – 11 / 7 )"),  # volleyball sets
    ("EGS27.txt", "ونفس الأمر لانبي الذي فاز3-1 علي سيركل المالي"),
    ("IQR8.txt", "(المائدة/ 55 ـ 56)"),  # a span of verses
])
def test_scores_and_spans_are_not_figures(name, excerpt):
    found = in_anc19(name, excerpt)
    assert found == [] or excerpt.startswith("بفارق") and found == [("45", 45, None, "نقطة")]


@pytest.mark.parametrize(("name", "excerpt", "expected"), [
    ("SDE3.txt", "(25-30) جنيه", ("25-30", 25, 30, "جنيه")),  # Sudan: a price range in brackets
    ("QAE13.txt", "بنحو 65-80 مليار دولار", ("بنحو 65-80 مليار", 65e9, 80e9, "دولار")),
    ("PSS35.txt", "ما بين 35-40 متطوع", ("بين 35-40", 35, 40, "متطوع")),
    ("SAP1.txt", "راوحت بين 80 ــ 90 في المائة", ("بين 80 ــ 90", 80, 90, "في المائة")),  # tatweel dash
])
def test_a_dashed_range_with_what_it_counts_is_a_figure(name, excerpt, expected):
    assert in_anc19(name, excerpt) == [expected]


# titles and names in quotation marks, citations, product names

@pytest.mark.parametrize(("name", "excerpt"), [
    ("BHS2.txt", "بعد قرعة «خليجي 32» لكرة السلة"),
    ("EGS17.txt", "كأس الأمم الأوروبية «يورو 2012» ببولندا"),
    ("SYSC7.txt", 'المعروف باسم "آي أو إس 6" في مؤتمرها'),
    ("TMC12.txt", "منذ انطلاق بثها على «الوطنية 1»"),
    ("MASC30.txt", "عبر إطلاق «أوفيس 365» لأزيد"),
    ("YESC26.txt", "الجديد IOS 6 بـ"),  # a Latin name with its number
    ("DZR25.txt", "''وقل رب زدني علمًا'' (طه: 114)"),  # a verse cited
    ("MAR26.txt", "[المعارج، 25]"),
    ("LYR3.txt", "لما أطاقته)\xa0[1]."),  # a footnote
])
def test_titles_names_and_citations_are_not_figures(name, excerpt):
    assert in_anc19(name, excerpt) == []


@pytest.mark.parametrize(("name", "excerpt", "expected"), [
    ("SAC2.txt", "منذ«200»مليون سنة", ("200", 200, None, None)),  # a quoted number alone is still one
    ("YES17.txt", "برصيد«7» نقاط", ("7", 7, None, "نقاط")),  # and counts the noun after the quote
    ("YESC26.txt", "IOS 6 بـ 200 ميزة", ("200", 200, None, "ميزة")),
])
def test_quoted_numbers_that_count_stay(name, excerpt, expected):
    assert expected in in_anc19(name, excerpt)


# agency decimals: the decimals are written first, then ر, then the whole part

@pytest.mark.parametrize(("name", "excerpt", "expected"), [
    ("EGE34.txt", "لتبلغ 5ر197 مليار جنيه", ("5ر197 مليار", 197.5e9, None, "جنيه")),  # Egypt
    ("EGE34.txt", "مقابل 3ر144 مليار جنيه", ("3ر144 مليار", 144.3e9, None, "جنيه")),
    ("EGE31.txt", "الأجانب غير العرب علي نسبة 94ر9 %", ("94ر9", 9.94, None, "%")),
    ("EGE31.txt", "والعرب علي 04ر5 %", ("04ر5", 5.04, None, "%")),
    ("EGE31.txt", "علي السندات 247ر1 ألف سند", ("247ر1 ألف", 1247, None, "سند")),
    ("QAE22.txt", "التي بلغت قيمتها 94ر59 بالمائة", ("94ر59", 59.94, None, "بالمائة")),  # Qatar
    ("JOE8.txt", "المالية 407ر7 مليار", ("407ر7 مليار", 7.407e9, None, None)),  # Jordan
    ("JOE36.txt", "حوالي (7ر6) مليون إنسان", ("حوالي (7ر6) مليون", 6.7e6, None, "إنسان")),
])
def test_agency_decimals_are_read_as_the_agency_means_them(name, excerpt, expected):
    assert in_anc19(name, excerpt) == [expected]


def test_decimal_commas_and_points_between_thousands():
    assert in_anc19("BHSC9.txt", "انخفاض بنسبة 3,6 بالمائة") == [("3,6", 3.6, None, "بالمائة")]  # Bahrain
    assert in_anc19("SAC19.txt", "الجائزة إلى (4.250.000) ريال") == [("(4.250.000)", 4250000, None, "ريال")]


# chains of scales are one figure

@pytest.mark.parametrize(("name", "excerpt", "expected"), [
    ("IQE16.txt", "مطالبة بدفع مليار و200 مليون دولار", ("مليار و200 مليون", 1.2e9, None, "دولار")),
    ("LYP1.txt", "محمد مرسي 5 ملايين و764 ألف صوت", ("5 ملايين و764 ألف", 5764000, None, "صوت")),
    ("MAP12.txt", "5 ملايين و764 ألفا و952 صوتاً", ("5 ملايين و764 ألفا و952", 5764952, None, "صوتاً")),
    ("TME10.txt", "الى 22 مليونا و200 الف طن", ("22 مليونا و200 الف", 22.2e6, None, "طن")),
    ("MAS28.txt", "بواقع مليونين و670 ألف و610,08 درهم", ("مليونين و670 ألف و610,08", 2670610.08, None, "درهم")),
])
def test_a_chain_of_scales_is_one_figure(name, excerpt, expected):
    assert in_anc19(name, excerpt) == [expected]


def test_two_numbers_in_words_after_between_are_a_range_not_a_sum():
    """بين ثلاثة وأربعة أعوام is three to four years, not seven; مليونين وثلاثة ملايين is two numbers."""
    assert in_anc19("SAE19.txt", "ما بين ثلاثة وأربعة أعوام") == [("بين ثلاثة وأربعة", 3, 4, "أعوام")]
    text = next(a["content"] for a in saudi_articles("2015-07-21") if "ما بين مليونين وثلاثة ملايين" in a["content"])
    assert figures_in(text, "ما بين مليونين وثلاثة ملايين دولار") == [
        ("بين مليونين وثلاثة ملايين", 2e6, 3e6, "دولار")]


# dates in every month system are not figures, with or without the times step's spans

@pytest.mark.parametrize("dates", [True, False])
@pytest.mark.parametrize(("name", "excerpt"), [
    ("DZC22.txt", "في 19 جوان 1965"),  # Algeria
    ("DZC23.txt", "بعد 5 جويلية 1962م"),
    ("TMC3.txt", "الاثنين 23 جويلية 2012 ندوة"),  # Tunisia
    ("MAC26.txt", "السبت والاحد 7 و 8 يوليوز 2012"),  # Morocco
    ("MAC12.txt", "ليلة 23 نونبر 1654"),
    ("MAC21.txt", "الأحد 12 غشت 2012"),
    ("LBP1.txt", "11 تموز 2012 الموافق 21 شعبان 1433"),  # Lebanon, Gregorian and Hijri
    ("PSC10.txt", "في الفترة من 11 حتى 17 حزيران المقبل"),  # Palestine
    ("PSC10.txt", "خلال الفترة من 16-21 حزيران المقبل"),
    ("LBC5.txt", "أحداث 11 أيلول/سبتمبر"),
    ("SAC19.txt", "الإثنين 21 ربيع الأول 1433 هـ"),  # Saudi Arabia, Hijri
    ("LYR3.txt", "الإثنين : 12- ربيع الأول سنة 1202 ه"),  # Libya
    ("IQC4.txt", "ليلة 11آذار 1917"),  # Iraq: the day written against the month
    ("OMR1.txt", "الفترة من 10 - 11 ربيع الأول 1432هـ 14 - 15 فبراير"),  # Oman
    ("OME10.txt", "خلال الفترة من 23-27 من شهر يونيو الجاري"),
    ("SYSC7.txt", "وستستمر حتى 15 من الشهر الجاري"),  # Syria: a day of the current month
    ("MAS21.txt", "يوم 25 - 08 - 2012"),  # a Moroccan site's stamp
])
def test_dates_of_every_calendar_are_not_figures(name, excerpt, dates):
    assert in_anc19(name, excerpt, dates=dates) == []


def test_a_figure_beside_a_date_stays():
    assert in_anc19("DZC26.txt", "وعددهم في 5 جويلية 1962 بلغ 400 ألف", dates=False) == [
        ("400 ألف", 400000, None, None)]


# other shapes of news text

def test_list_numbers_at_the_start_of_a_line_are_not_figures():
    assert in_anc19("LYR3.txt", "\n1-" + "\xa0" * 13 + " عمه السيد السنوسي") == []
    assert in_anc19("LYR3.txt", "\n13-" + "\xa0" * 8 + " البدور السافرة") == []


def test_counts_after_their_noun_and_restated_in_digits():
    assert in_anc19("EGS27.txt", "أسهم الفرق المصرية الثلاثة في") == [("الثلاثة", 3, None, "الفرق المصرية")]
    assert in_anc19("KWP2.txt", "موضوع خطة النقاط الست التي") == [("الست", 6, None, "النقاط")]
    assert in_anc19("DZC11.txt", "موزعين في خمس (05) نقابات") == [("خمس (05)", 5, None, "نقابات")]
    assert in_anc19("KWR7.txt", "من الألف ألفين أو ثلاثة،") == [("ألفين أو ثلاثة", 2000, 3000, None)]


def test_the_whole_a_part_is_taken_from_counts_what_the_part_counts():
    assert ("3700", 3700, None, "مرشح") in in_anc19("KWP5.txt", "200 مرشح من بين 3700 في أول")


def test_a_stray_zero_counts_nothing():
    assert in_anc19("IQC4.txt", "الجسر بشكل مقوس 0 وقامت") == []


def test_figures_are_well_formed_across_countries():
    """Every figure's text is the article's text at its offsets, and a range runs upwards."""
    for name in ("EGE31.txt", "TMS7.txt", "LBE28.txt", "MAS28.txt", "JOE26.txt", "QAS1.txt", "LYR3.txt"):
        text = anc19(name)
        for f in find_figures(text, [(h.start, h.end) for h in find_hits(text)]):
            assert text[f.start:f.end] == f.text
            assert f.value is not None and (f.value_max is None or f.value_max > f.value)
            assert f.unit is None or text[f.unit_start:f.unit_end] == f.unit
