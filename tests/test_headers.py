"""The head of a page on outlets of every region: datelines (split from the first sentence when glued to it),
agency tags, bylines, reporters' names, stamps, and which line is the headline. Lines from anc19 and
SaudiNewsNet articles."""

from __future__ import annotations

import pytest

from eval.common import SHARED
from marsad.clean import clean_article, rules
from marsad.clean.dateline import dateline
from marsad.ingest import read_file
from marsad.model import Article
from tests.conftest import saudi_articles

ANC19 = SHARED / "data" / "anc19"


def anc19(path: str) -> Article:
    [a] = list(read_file(ANC19 / path))
    assert isinstance(a, Article)
    return clean_article(a)


def page(raw: str) -> Article:
    return clean_article(Article(id="", source="t", text="", raw=raw))


@pytest.mark.parametrize("line, text, place, date, agency", [
    ("الدار البيضاء/3 مارس 2017/ومع/ أعلنت وزارة الداخلية أن", "الدار البيضاء/3 مارس 2017/ومع/ ", "الدار البيضاء",
     "2017-03-03", "ومع"),
    ("مدريد 4 غشت (رويترز) - قالت الشرطة الإسبانية إن", "مدريد 4 غشت (رويترز) - ", "مدريد", None, "رويترز"),
    ("رام الله 20-5-2012 وفا- أكد الرئيس محمود عباس", "رام الله 20-5-2012 وفا- ", "رام الله", "2012-05-20", "وفا"),
    ("الرباط - و م ع - أعلن وزير الداخلية", "الرباط - و م ع - ", "الرباط", None, "و م ع"),
    ("تونس (وات) أعلن وزير الداخلية", "تونس (وات) ", "تونس", None, "وات"),
    ("الحديدة/ حجة/ سبأ - دشن محافظ الحديدة", "الحديدة/ حجة/ سبأ - ", "الحديدة", None, "سبأ"),
    ("الدمام 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", "الدمام 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس",
     "الدمام", "2015-08-10", "واس"),
    ("جنين ـ علي سمودي ـ اعتقلت قوات الاحتلال", "جنين ـ علي سمودي ـ ", "جنين", None, None),
    ("الدوحة - الراية: يمثل امتناع الشركات عن أداء الزكاة", "الدوحة - الراية: ", "الدوحة", None, None),
    ("سبق- الرياض: أعلنت المديرية العامة للدفاع المدني", "سبق- الرياض: ", "الرياض", None, None),
])
def test_datelines_of_every_region(line, text, place, date, agency):
    found = dateline(line)
    assert found is not None and (found.text, found.place, found.date, found.agency) == (text, place, date, agency)


@pytest.mark.parametrize("line", [
    "أعلن رئيس الوزراء - في بيان - أن الحكومة",  # a sentence with dashes
    "وزير الخارجية: سورية ترحب بالبيان",  # a headline
    "وكشف ياسين لـ«الشرق الأوسط» عن توجه حكومته",  # an outlet in quotes inside a sentence
    "علمت «الشرق الأوسط» من مصادر أمنية سعودية",
    "وقال بسخرية: سليم بالنسبة لك، ولا بالنسبة لي؟",
    "15 - تايبيه - تايوان",  # an item of a list
    "يوم 6 جويلية 2012",  # a date in a list of matches
    "رئيس الوزراء الإسرائيلي - بنيامين نتنياهو - قال",
])
def test_what_is_not_a_dateline(line):
    found = dateline(line)
    assert found is None or found.text.strip() != line.strip() and not found.agency and len(found.text) < 12


def test_a_glued_dateline_is_cut_from_the_first_sentence_and_kept_on_the_article():
    art = saudi_articles()[40]
    a = page(f"{art['title']}\nرام الله 20-5-2012 وفا- {art['content']}")
    first = art["content"].split("\n")[0].strip()
    assert a.text.split("\n\n")[1].startswith(first[:40])
    assert (a.dateline_place, a.dateline_agency, a.published, a.published_how) == (
        "رام الله", "وفا", "2012-05-20", "dateline")
    assert any(r.reason == "dateline" and r.text == "رام الله 20-5-2012 وفا-" for r in a.removed)


def test_a_dateline_over_a_report_after_its_teaser_goes():
    a = anc19("politics/TMP28.txt")
    assert "تونس-وكالات-الوسط التونسية" not in a.text and a.dateline_place == "تونس"
    assert a.title == 'أزمة سياسية في تونس بعد وصف نائب لتونس ب"جمهورية الموز"'
    assert a.published == "2012-07-21"  # from its stamp, which names its site (السبت ,21/07/2012 الوسط التونسيه)


@pytest.mark.parametrize("line", ["عادل البلالي", "م.عماد شحادة صيام", "| يوسف القعيد |", "عبدالله حرمة الله*",
                                  "محمد عبد الأمير عبد الحسين", "نجاة الحباشي"])
def test_a_reporters_name_alone_is_a_byline(line):
    assert rules.is_name_line(rules.Line(line))


@pytest.mark.parametrize("line", ["براءة ذمة", "رياح شرقية", "محمد صلاح يقود ليفربول", "غموض الوداد",
                                  "سور وأبواب وطرق"])
def test_a_short_headline_is_no_name(line):
    assert not rules.is_name_line(rules.Line(line))


@pytest.mark.parametrize("line, byline", [("بقلم سامر زعيتر", True), ("ترجمة واعداد - نادية المختار", True),
                                          ("كتب- محروس رسلان:", True), ("ألترا عراق ـ فريق التحرير", True),
                                          ("كتب الشاعر قصيدة جميلة", False)])
def test_bylines(line, byline):
    assert rules.is_byline(rules.Line(line)) is byline


@pytest.mark.parametrize("line", ["الثلاثاء, 28 فبراير, 2012, 08:31 بتوقيت القدس", "05/5/2012 12:00 صباحا",
                                  "الجمعة 20 جويلية 2012 الساعة 11:43:54 بتوقيت تونس العاصمة"])
def test_stamps_with_their_zone_and_time_of_day(line):
    assert rules.stamp_date(rules.Line(line))[0]


@pytest.mark.parametrize("line", ["ارتفع المؤشر 2.5% يوم 12 مارس 2012", "وصل الوفد يوم 12 مارس 2012."])
def test_a_short_sentence_with_a_date_is_no_stamp(line):
    assert not rules.stamp_date(rules.Line(line))[0]


@pytest.mark.parametrize("path, title", [
    ("economy/SYE7.txt", "العساف: التكامل بين الخطط الإسكانية ومناطق التطوير العقاري"),  # a kicker above
    ("culture/DZC26.txt", "''بيار دوم'' يصنّف كتابات المؤرخين السابقين بـ''تصفية حسابات''"),
    ("politics/SAP24.txt", "المعارضة السورية تدعو الأمم المتحدة إلى زيادة عدد المراقبين وتسليحهم"),  # a standfirst
    ("sport/IQE11.txt" if (ANC19 / "sport/IQE11.txt").exists() else "economy/IQE11.txt", "بين شعارين"),  # a byline
    ("economy/LBE19.txt", "«خبراء» اقتصاد لبنان !"),
])
def test_the_headline_is_neither_its_kicker_nor_its_standfirst_nor_a_byline(path, title):
    assert anc19(path).title == title


def test_a_page_without_a_headline_has_no_title():
    a = anc19("sport/EGS27.txt")  # it opens with its first sentence
    assert a.title is None


def test_an_agency_signing_off_goes():
    art = saudi_articles()[41]
    a = page(f"{art['title']}\n{art['content']}\nسبأ")
    assert not a.text.rstrip().endswith("سبأ") and ("سبأ", "dateline") in [(r.text, r.reason) for r in a.removed]
