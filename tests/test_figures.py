"""Figures on real Arabic news: the sample, and sentences as SaudiNewsNet published them."""

import pytest

from marsad.analyse.figures import find_figures
from marsad.analyse.times import find_hits
from marsad.runner import process
from tests.conftest import SEEDS


def figures(text: str) -> list[tuple[str, float | None, float | None, str | None, str | None]]:
    dates = [(h.start, h.end) for h in find_hits(text)]
    return [(f.text, f.value, f.value_max, f.approx, f.unit) for f in find_figures(text, dates)]


@pytest.fixture(scope="module")
def sample() -> list:
    return [f for a in process([SEEDS]) for f in a.figures]


def test_sample_figures_have_their_counted_nouns(sample):
    found = {(f.value, f.approx, f.unit) for f in sample}
    assert (3000, "about", "جندي") in found
    assert (60, "more_than", "دولة") in found
    assert (2500, None, "عنصر") in found


def test_of_total_takes_the_noun_of_the_part(sample):
    bases = [(f.value, f.unit) for f in sample if f.unit == "قواعد"]
    assert (3, "قواعد") in bases and (8, "قواعد") in bases


def test_dates_and_view_counters_in_the_sample_are_not_figures(sample):
    values = {f.value for f in sample}
    assert not values & {10, 31, 26, 29, 18, 2021, 2014, 2019}


@pytest.mark.parametrize(("text", "expected"), [
    ("وشارك ما يقارب من 100 ألف مصوت في التصويت", ("ما يقارب من 100 ألف", 100000, None, "about", "مصوت")),
    ("بنسبة 15.4% لتبلغ نحو 20.6 مليون بطاقة", ("15.4", 15.4, None, None, "%")),
    ("أنجز بنسبة 91 بالمائة", ("91", 91, None, None, "بالمائة")),
    ("يمكن ان يطلق بين 600 و 1000 رصاصة في الدقيقة", ("بين 600 و 1000", 600, 1000, None, "رصاصة")),
    ("التي ستستعيد ما بين 150 الى 200 مليار دولار", ("بين 150 الى 200 مليار", 150e9, 200e9, None, "دولار")),
    ("فوجدتها نحو ثلاثة آلاف خطاب", ("نحو ثلاثة آلاف", 3000, None, "about", "خطاب")),
    ("كما لقي ما لا يقل عن 115 مسلحا من جبهة النصرة", ("ما لا يقل عن 115", 115, None, "at_least", "مسلحا")),
    ("حيث سقط بسببها عشرات القتلى والجرحى", ("عشرات", 30, 99, "vague", "القتلى")),
    ("واعتقال الآلاف من أنصار الإخوان", ("الآلاف", 3000, 9999, "vague", "أنصار")),
    ("مع وجود عجز يقدّر بنحو مليون ونصف المليون وحدة سكنية", ("بنحو مليون ونصف المليون", 1.5e6, None, "about", "وحدة")),
    ("والمكونة من ( ٢٦) لاعباً", ("( ٢٦)", 26, None, None, "لاعباً")),
    ("قتل خمسة وعشرون شخصا", ("خمسة وعشرون", 25, None, None, "شخصا")),
    ("ولفت إلى مقتل 2927 على الأقل من تنظيم داعش", ("2927", 2927, None, "at_least", None)),
    # a scale word opening a number: its dual before the counted noun, one when the number goes on after و
    ("ضبط بحوزته ألفا حبة كبتاجون", ("ألفا", 2000, None, None, "حبة")),
    ("فعاليات «عيد الرياض» تستقطب مليوناً و900 ألف زائر وزائرة", ("مليوناً و900 ألف", 1.9e6, None, None, "زائر")),
    ("ويهدف البرنامج إلى توفير ألفا وظيفة للشباب", ("ألفا", 2000, None, None, "وظيفة")),
])
def test_forms_of_figures(text, expected):
    assert expected in figures(text)


@pytest.mark.parametrize("text", [
    "وكشف التقرير الـ51 الصادر حديثا",  # an ordinal
    "أما الرائد (الحادي عشر) فيريد تحقيق نتيجة",  # an ordinal teen
    "مذكرات فاتن حمامة (1): طفولتي",  # a part number
    "ضمن منافسات دور نصف النهائي الآسيوي",  # a round, not a half
    "تطوير طائرات F-16 ومكافحة كوفيد-19",  # names with digits
    "للاستفسار الاتصال على الرقم 0501234567 أو +966 11 234 5678",  # phone numbers
    "في الساعة 10:30 صباحا",  # a clock time
    "شوهد المقطع 15,000 مشاهدة",  # page metadata
    "قرار مجلس الأمن 2254 الصادر عام 2015",  # an identifier and a year
    "الجمعة (10 كانون الأول، 2021) وفي 31/12/2021",  # dates
    " لست هنا اليوم في معرض الخ",  # لست is not ل + ست
    "رقم الحساب 123456789012345678901 لدى البنك",  # a long digit string is an identifier
])
def test_what_is_not_a_figure(text):
    assert figures(text) == []


def test_figures_in_a_long_real_article_are_well_formed():
    from tests.conftest import saudi_articles
    for art in saudi_articles()[:50]:
        text = art["content"]
        for f in find_figures(text):
            assert text[f.start:f.end] == f.text
            assert f.value is not None and (f.value_max is None or f.value_max > f.value)


def test_huge_quantities_still_store(tmp_path):
    """Values past SQLite's integer range are kept as floats, so storing the article never fails."""
    from marsad.model import Article
    from marsad.pipeline import Pipeline
    from marsad.runner import default_steps
    from marsad.store import Store

    raw = "أعلنت الوزارة أن الدين بلغ 90000000000000 مليار دولار وفق التقرير الصادر عنها هذا الأسبوع."
    [a] = Pipeline(default_steps()).run([Article(id="", source="t", text="", raw=raw)])
    assert a.figures and a.figures[0].value >= 9e20
    with Store(tmp_path / "m.db") as store:
        added, _ = store.add([a])
    assert len(added) == 1
