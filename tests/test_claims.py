"""Disagreement between two statements (marsad.link.claims) on real headline pairs from ANS's train split
(../shared/data/ans/stance/train.csv; every pair used is checked to be there with its label) and on real
sentences from SaudiNewsNet."""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache

import pytest

from eval.common import SHARED
from marsad.langdata import DECLARED, load
from marsad.link.claims import Verdict, compare, denied_report, rebuttal
from tests.conftest import saudi_articles


@cache
def _train() -> dict[tuple[str, str], str]:
    with (SHARED / "data" / "ans" / "stance" / "train.csv").open(encoding="utf-8") as f:
        return {(row["s1"], row["s2"]): row["stance"] for row in csv.DictReader(f)}


def _pair(s1: str, s2: str, stance: str) -> tuple[str, str]:
    assert _train().get((s1, s2)) == stance, f"not a {stance} pair of train.csv: {s1} / {s2}"
    return s1, s2


def _differing(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0]:span[1]] if span else None


# (s1, s2, kind, what differs in s1, what differs in s2): all labelled "disagree" in train.csv
DISAGREE = [
    ("النفط يتخطى حاجز الـ80 دولارا", "النفط يقل عن ٨٠ دولار", "figure", "80 دولارا", "٨٠ دولار"),
    ("بيل كوسبي يدفع مبلغ 3.4 مليون دولار ليحل أزمة اتهامه بالتحرش الجنسي",
     "بيل كوسبي يدفع مبلغ 20 مليون دولار ليحل أزمة اتهامه بالتحرش الجنسي", "figure", "3.4 مليون دولار",
     "20 مليون دولار"),
    ("أكثر من ٩٠ عرضا للنفط شمال العراق", "أقل من ٩٠عرضا لنفط غرب إيران", "figure", "أكثر من ٩٠ عرضا",
     "أقل من ٩٠عرضا"),
    ("١٠ مليارات دولار للبنان في مؤتمر باريس", "١٠ مليون دولار لصالح لبنان في مؤتمر باريس", "figure",
     "١٠ مليارات دولار", "١٠ مليون دولار"),
    ("عام 2018 تخصصه دار نشر بريطانية لنشر مؤلفات المرأة", "عام 2020 تخصصه دار نشر بريطانية لنشر مؤلفات المرأة",
     "date", "عام 2018", "عام 2020"),
    ("مسلمات يواجهن الأفكار النمطية في رمضان", "مسلمات يواجهن الأفكار النمطية في شوال", "date", "رمضان", "شوال"),
    ("جماعة فيلق الرحمن توافق على الانسحاب من الغوطة الشرقية", "جماعة فيلق الرحمن تنفي إنسحابها من الغوطة الشرقية",
     "negation", None, "تنفي إنسحابها"),
    ("بريطانيا تطرح ورقة نقدية جديدة أكثر أمنا", "بريطانيا تطرح ورقة نقدية غير آمنة", "negation", None,
     "غير آمنة"),
    ("جثمان البطش يتعرض للتشريح من قبل السلطات الماليزية", "دفن جثمان البطش دون تشريحه", "negation", None,
     "دون تشريحه"),
    ("التعاملات المبكرة : تراجع في النفط", "صعود في النفط في المعاملات المبكرة", "antonym", "تراجع", "صعود"),
    ("هبوط قياسي لليرة التركية", "صعود قياسي تحققه الليرة التركية", "antonym", "هبوط", "صعود"),
    ("السعودية تسمح للهند باستخدام مجالها الجوي في رحلاتها إلى تل أبيب",
     "السعودية تغلق مجالها الجوى أمام الهند فى رحلاتها إلى تل أبيب", "antonym", "تسمح", "تغلق"),
]


@pytest.mark.parametrize(("s1", "s2", "kind", "in_s1", "in_s2"), DISAGREE)
def test_disagreement_found_with_its_kind_and_place(s1, s2, kind, in_s1, in_s2):
    a, b = _pair(s1, s2, "disagree")
    v = compare(a, b)
    assert isinstance(v, Verdict) and v.kind == kind, v
    assert (_differing(a, v.a_span), _differing(b, v.b_span)) == (in_s1, in_s2)
    assert v.detail


@pytest.mark.parametrize(("s1", "s2", "kind", "in_s1", "in_s2"), DISAGREE)
def test_disagreement_found_either_way_round(s1, s2, kind, in_s1, in_s2):
    v = compare(s2, s1)
    assert v is not None and v.kind == kind
    assert (_differing(s2, v.a_span), _differing(s1, v.b_span)) == (in_s2, in_s1)


# pairs that must not be flagged, each with what would trip a careless reading
AGREE = [
    # the same figure in Western and Arabic-Indic digits
    ("الدولار قرب أعلى مستوى في 3 أشهر", "أعلى مستوى للدولار في ٣ أشهر"),
    # a bound holds with a value at its limit
    ("افتتاح أول دار عرض في السعودية منذ أكثر من 35 عاما بفيلم النمر الأسود",
     "فيلم النمر الأسود يفتتح دار عرض سينمائي لأول مرة منذ 35 عام"),
    # a vague plural (الآلاف) holds with 270 ألف
    ("الأمم المتحدة: 270 ألف نازح بسبب القتال في جنوب غربي سوريا",
     "مذات الآلاف من النازحين السوريين إثر القتال الناشب جنوب غرب سوريا"),
    # لا تزال asserts (still)
    ("السعودية لا تزال تعتقل 9 بينهم 4 سيدات بتهمة الإضرار بالأمن",
     "اعتقال 9 بينهم 4 سيدات بتهمة الإضرار بالأمن فى السعودية"),
    # الغير with the article is no negation
    ("غرق عشرات المهاجرين قبالة سواحل اليمن", "تعرض عشرات المهاجرين الغير شرعيين للغرق قبالة سواحل اليمن"),
    # لا كالأزياء: like no other
    ("أزياء لا كالأزياء .. في انتخابات تونس", "أزياء الانتخابات التونسية"),
    # a negation on both sides (بعدم، بألا)
    ("تركيا تطالب واشنطن بعدم السماح للأكراد بإرسال تعزيزات إلى عفرين",
     "طالبت تركيا أمريكا بألا تسمح للأكراد بإرسال الدعم إلى عفرين"),
    # a denial on both sides (تفتقر، لا)
    ("هيومن رايتس ووتش: تحقيقات التحالف في اليمن بشأن الانتهاكات تفتقر إلى المصداقية",
     "هيومن رايتس ووتش: لا مصداقية لما تم من تحقيقات من قبل التحالف في اليمن"),
    # giving up gains is falling, against the dollar
    ("الذهب يتخلى عن مكاسبه مع تماسك الدولار", "الذهب يتراجع أمام تماسك الدولار"),
]


@pytest.mark.parametrize(("s1", "s2"), AGREE)
def test_agreeing_pairs_are_not_flagged(s1, s2):
    a, b = _pair(s1, s2, "agree")
    assert compare(a, b) is None
    assert compare(b, a) is None


def test_unrelated_statements_are_not_flagged():
    a, b = _pair("الصراع في سوريا: غارات جوية تدمر مستشفيات في درعا",
                 "غضب دولي من تولي سوريا رئاسة مؤتمر نزع السلاح في جنيف", "other")
    assert compare(a, b) is None


def test_a_yes_no_question_asserts_nothing():
    """ANS calls this pair disagreeing; a question disputes nothing, so no dispute is claimed."""
    a, b = _pair("هل سيتم معاقبة فتاة فيديو القهوة المثير للجدل فى مصر ؟",
                 "فتاة فيديو القهوة المثير للجدل فى مصر تتلقى الدعم من منظمات مجتمعية", "disagree")
    assert compare(a, b) is None


# one accident in Jazan as two outlets told it: aleqtisadiya on 2015-07-21 (اليوم), alyaum a day later (امس)
TODAY = ("لقي 4 أشخاص من عائلة واحدة مصرعهم وأصيب 3 آخرون في حادث اصطدام سيارة بناقة سائبة على إحدى طرق منطقة "
         "جازان اليوم.")
YESTERDAY = ("لقي 4 أشخاص مصرعهم وأصيب 3 آخرون من عائلة واحدة في حادث اصطدام سيارة بناقة سائبة على إحدى طرق منطقة "
             "جازان امس.")
IN_WORDS = ("لقي أربعة أشخاص من عائلة واحدة مصرعهم وأصيب ثلاثة آخرون في حادث اصطدام سيارة بناقة سائبة على إحدى طرق "
            "منطقة جازان اليوم.")


def test_relative_dates_are_compared_against_publication_dates():
    texts = {day: " ".join(a.get("content") or "" for a in saudi_articles(day)) for day in ("2015-07-21", "2015-07-22")}
    assert TODAY in texts["2015-07-21"] and IN_WORDS in texts["2015-07-21"] and YESTERDAY in texts["2015-07-22"]
    assert compare(TODAY, YESTERDAY) is None  # without dates, today and yesterday cannot be compared
    assert compare(TODAY, YESTERDAY, a_date=dt.date(2015, 7, 21), b_date=dt.date(2015, 7, 22)) is None
    v = compare(TODAY, YESTERDAY, a_date=dt.date(2015, 7, 21), b_date=dt.date(2015, 7, 21))
    assert v is not None and v.kind == "date"
    assert (_differing(TODAY, v.a_span), _differing(YESTERDAY, v.b_span)) == ("اليوم", "امس")


def test_figures_in_words_and_digits_agree():
    assert compare(TODAY, IN_WORDS) is None


def test_word_lists_are_declared_data():
    data = load("link", "claims")
    assert set(data) - {"_about"} == DECLARED["link", "claims"]
    groups = set(data["groups"])
    assert all(x in groups and y in groups for x, y in data["opposites"])
    assert set(data["negative"]) <= groups and set(data["directional"]) <= groups


def test_a_denied_report_is_disputed_with_a_statement_that_makes_it_in_its_own_words():
    denial = "وننفي ما صدر من بعض وسائل الاعلام بخصوص بقاء هذه القوات"
    span = denied_report(denial)
    assert span and denial[span[0]:span[1]] == "بقاء هذه القوات"
    verdict = rebuttal(denial, "الولايات المتحدة ستبقي على 2500 عنصر من قواتها في العراق")
    assert verdict and verdict.kind == "denial" and verdict.b_span
    assert rebuttal(denial, "الولايات المتحدة لن تبقي أي عنصر من قواتها في العراق") is None  # says the same
    assert rebuttal(denial, "الولايات المتحدة ستبقي على سفارتها في بغداد") is None  # another matter


def test_a_denial_that_names_no_report_or_no_matter_denies_no_report():
    assert denied_report("وكان البنك قد نفى ما تردد عن صدور إعفاءات من القروض") is not None
    assert denied_report("نفى الوزير أي علاقة له بالقضية") is None  # a denial, but of no report
    assert denied_report("نفت وزارة الصحة وجود إصابات جديدة بفيروس كورونا") is None  # الصحة is health, not truth
    assert denied_report("نفى المتحدث ما تردد عنه") is None  # a report without its matter
