"""Who said what, on sentences as the outlets published them (anc19 articles of 19 countries, SaudiNewsNet):
each test reads its article from ../shared and asserts the speaker marsad gives to one quotation."""

from __future__ import annotations

import json
import zipfile
from functools import cache

import pytest

from marsad.analyse.quotes import find_quotes
from marsad.model import Article, Quote
from marsad.pipeline import Pipeline
from marsad.runner import default_steps, process
from tests.conftest import SEEDS, SHARED


@pytest.fixture(scope="module")
def sample() -> dict[str, Article]:
    """The five sample articles (../shared/seeds), by the number their file name opens with."""
    return {a.source[:3]: a for a in process([SEEDS])}


@cache
def anc19(path: str) -> str:
    """An anc19 article as distributed (Windows-1256, a NUL at the end)."""
    return (SHARED / "data" / "anc19" / path).read_bytes().replace(b"\0", b"").decode("cp1256")


@cache
def saudi(day: str, url_end: str) -> str:
    """A SaudiNewsNet article (title line, then content) by the end of its URL (the first, when the crawl holds
    it twice)."""
    with zipfile.ZipFile(SHARED / "data" / "saudinewsnet" / f"{day}.zip") as z:
        rec = next(r for r in json.loads(z.read(z.namelist()[0])) if r["url"].endswith(url_end))
    return f"{rec['title']}\n{rec['content']}"


@cache
def analysed(raw: str) -> Article:
    [a] = list(Pipeline(default_steps()).run([Article(id="", source="t", text="", raw=raw)]))
    assert isinstance(a, Article)
    return a


def said(raw: str, words: str) -> list[Quote]:
    """marsad's quotes over these words of the article."""
    a = analysed(raw)
    at = a.text.index(words)
    return [q for q in a.quotes if q.start < at + len(words) and at < q.end]


def speaker(raw: str, words: str) -> str | None:
    [q] = said(raw, words)
    return q.speaker


# -- the subject of the cue is the speaker, tagged or not -----------------------------------------------------------

def test_a_family_name_alone_after_the_cue_speaks_and_resolves_to_the_full_name():
    raw = saudi("2015-08-10", "details.php?id=1386828")  # ولفت الهاجري النظر ، إلى أن
    assert speaker(raw, "يقام للعام الحادي عشر على التوالي") == "نايف الهاجري"


def test_a_name_no_tagger_found_after_the_cue():
    raw = anc19("economy/MAE18.txt")  # وسجل بنموسى أن
    assert speaker(raw, "المغرب طور برامج قطاعية خضراء") in ("بنموسى", "شكيب بن موسى")


def test_a_name_after_its_honorific_not_the_honorific_or_the_role_glued_to_half_of_it():
    raw = anc19("economy/SYE7.txt")  # المدير العام للهيئة ... المهندس غياث القطيني تقريراً ... بين فيه أن
    [q] = said(raw, "العدد الكلي لمناطق التطوير")
    assert q.speaker == "غياث القطيني" and q.speaker_type == "person"


@pytest.mark.parametrize(("url_end", "words", "who"), [
    ("article_978816.html", "بلاده تستهدف خفض مستحقات", "شريف إسماعيل"),  # كشف وزير البترول المصري شريف إسماعيل
    ("/422146/«آسيان»-تؤيد-دعوة-واشنطن-لوقف-بناء-الجزر-في-بحر-الصين-الجنوبي", "الولايات المتحدة والفلبين يجب",
     "وانغ يي"),  # وقال وزير الخارجية الصيني وانغ يي ... إنّ
])
def test_the_nationality_ending_a_role_is_not_part_of_the_name(url_end, words, who):
    """المصري، الصيني are family names too; after a role the tagger gave the name, they are the role's."""
    [q] = said(saudi("2015-08-04", url_end), words)
    assert q.speaker == who and analysed(saudi("2015-08-04", url_end)).text[q.speaker_start:q.speaker_end] == who


def test_a_family_name_alone_resolves_to_the_full_name_with_its_spaces_as_one():
    a = analysed(anc19("economy/IQE34.txt"))  # عبد الكريم لعيبي written once with a no-break space; جدد لعيبي
    assert {q.speaker for q in a.quotes if q.speaker and "لعيبي" in q.speaker} == {"عبد الكريم لعيبي"}


def test_a_given_name_the_tagger_put_in_the_role_stays_in_the_name():
    raw = anc19("politics/EGP17.txt")  # وقال النائب ممدوح إسماعيل انه: the tagger's role «النائب ممدوح»
    assert speaker(raw, "يري ابن سلول جالس بين النواب") == "ممدوح إسماعيل"


def test_a_role_said_alone_is_the_person_the_article_gave_it_to():
    raw = anc19("economy/SYE7.txt")  # وأوضح وزير الإسكان والتنمية العمرانية أن
    assert speaker(raw, "كل هذه الأمور يجب لحظها") == "صفوان العساف"
    raw = anc19("economy/JOE28.txt")  # ومن الملاحظات المهمة للوزير قوله إننا
    assert speaker(raw, "في الاردن نعيش خارج حدود") == "سليمان الحافظ"


def test_ali_the_name_is_not_ala_the_preposition():
    raw = anc19("politics/EGP3.txt")  # وأوضح علي فتح الباب, عضو التأسيسية ..., أن
    assert speaker(raw, "لجان التأسيسية ستعتمد في عملها") == "علي فتح الباب"


# -- a description is a speaker ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "words", "who", "kind"), [
    ("science_tech/BHSC9.txt", "فقدان الذاكرة وغيرها من وظائف المخ", "باحثون", "anonymous"),  # قال باحثون ان
    ("culture/QAC5.txt", "سعادتهم البالغة في الصالون", "المشاركون", "role"),  # وأعرب المشاركون عن
    ("politics/SDP3.txt", "لا يقوى على مواجهة الضربات", "ناشط اكاديمي مرموق", "role"),  # وصف ناشط ... بأنه
    ("economy/LYE2.txt", "عمال المرفأ كانوا قد أضربوا", "الكاتب", "role"),  # لكن الكاتب أوضح أن
])
def test_a_description_speaks(path, words, who, kind):
    [q] = said(anc19(path), words)
    assert (q.speaker, q.speaker_type) == (who, kind)


def test_one_of_the_residents_speaks():
    raw = saudi("2015-07-22", "تقادات-دولية-لانتخابات-بوروندي")  # وقال أحد السكان: «لن أصوت
    [q] = said(raw, "لن أصوت")
    assert (q.speaker, q.speaker_type) == ("أحد السكان", "anonymous")


# -- the verb's object never speaks -------------------------------------------------------------------------------

def test_the_object_between_the_speaker_and_what_was_said_is_not_the_speaker():
    raw = saudi("2015-08-08", "-الاتفاق-النووي-من-إيران-كوري/")  # وأبلغ مكونيل الصحفيين ... إن
    [q] = said(raw, "الرئيس ارتكب")
    assert "الصحفيين" not in q.speaker and q.speaker.endswith("مكونيل")


def test_the_demand_made_of_a_body_is_said_by_who_made_it():
    raw = anc19("economy/SDE12.txt")  # طالب المصدرون وزارة التجارة بحل المعوقات
    [q] = said(raw, "بحل المعوقات")
    assert q.speaker == "المصدرون"
    raw = saudi("2015-07-31", "-الأوروبي-ينتقد-سياسة-الاستيط/")  # طالب الاتحاد الأوروبي اليوم إسرائيل مراجعة
    assert all(q.speaker != "إسرائيل" for q in analysed(raw).quotes)


def test_one_noun_phrase_before_what_was_urged_is_its_object():
    raw = anc19("religion/QAR15.txt")  # حين حث الناس على وقف الاوقاف
    assert all(q.speaker != "الناس" for q in analysed(raw).quotes)
    raw = saudi("2015-08-11", "alyaum.com/article/4083024")  # ودعا الله عز وجل أن يوفق
    assert all(q.speaker not in ("الله", "الله عز وجل") for q in said(raw, "يوفق ويهدي شبابنا"))


@pytest.mark.parametrize(("day", "url_end", "words", "not_speaker"), [
    ("2015-08-11", "alriyadh.com/1072323", "لا يمكن تكون الحكم والشريك", "سبب"),  # وأوضح سبب ذلك أنها
    ("2015-08-11", "alriyadh.com/1072124", "لا يوجد لغاية اللحظة أي استعداد", "جميعهم"),  # أكدوا جميعهم أنه
    ("2015-08-11", "alyaum.com/article/4082924", "نتائج دراسة أجراها", "دينيسون"),  # وأبرزت الدراسة نتائج ...
])
def test_what_follows_a_cue_is_not_always_its_subject(day, url_end, words, not_speaker):
    assert not_speaker not in [q.speaker for q in said(saudi(day, url_end), words)]


# -- an explicit speaker is never replaced by one carried from before ---------------------------------------------

def test_each_sentence_keeps_its_own_speaker_and_a_dropped_subject_carries():
    raw = anc19("politics/OMP4.txt")
    assert speaker(raw, "الخطة لا تلمح على الإطلاق") == "سيرجي لافروف"
    assert speaker(raw, "الحكومة يجب أن تشمل أعضاء") == "كوفي أنان"
    raw = anc19("economy/YEE11.txt")  # وأشار إلى أن: the speaker of the sentence before
    [q] = said(raw, "الحملة استهدفت مديريات")
    assert q.speaker_type == "carried" and q.speaker.endswith("العامري")


def test_a_participle_speaks_for_the_subject_of_its_own_clause_not_for_a_name_in_what_was_said():
    raw = saudi("2015-07-31", "Con20150731786683.htm")  # وقال السفير علاء يوسف ... محمد بن سلمان ...، مؤكداً أن
    [q] = [q for q in said(raw, "الترحيب بجلالته سيكون رسمياً") if q.cue == "مؤكداً"]
    assert q.speaker == "علاء يوسف"
    raw = anc19("culture/QAC5.txt")  # وتحدث السيد حسن الباكر ... مدرسة أحمد بن محمد ... مؤكداً أن
    [q] = [q for q in said(raw, "الدولة قد خطت خطوات مهمة") if q.cue == "مؤكداً"]
    assert q.speaker == "حسن الباكر"


# -- a name or title in quotation marks is not what was said ------------------------------------------------------

def test_a_quoted_name_after_the_cue_is_the_speaker():
    raw = saudi("2015-07-21", "article_974802.html")  # وقالت "بوينج" إن القطعة المعدنية
    [q] = said(raw, "القطعة المعدنية تزن")
    assert q.speaker == "بوينج" and "القطعة" in q.text
    assert not [q for q in analysed(raw).quotes if q.text == "بوينج"]  # ولفت المتحدث إلى أن "بوينج" عممت


def test_a_quoted_name_after_a_title_is_the_speaker():
    raw = anc19("culture/DZC26.txt")  # يرى السيد ''بيار دوم'' أن المؤرخين
    assert speaker(raw, "المؤرخين السابقين، من الجهتين") == "بيار دوم"
    assert not [q for q in analysed(raw).quotes if q.text in ("بيار دوم", "لا حقيبة ولا تابوت")]


def test_a_book_title_after_its_colon_is_not_what_was_said():
    raw = anc19("economy/LBE19.txt")  # صدر له بعنوان: («وزراء الاقتصاد من الداخل») ان أكثر
    assert not [q for q in analysed(raw).quotes if "وزراء الاقتصاد من الداخل" in q.text]


# -- the ways news introduce speech --------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "words", "who"), [
    ("science_tech/IQSC22.txt", "تصطاد البومة في الليل", "توماس باخمان"),  # ذلك قائلا "
    ("science_tech/IQSC22.txt", "تنشأ في مقدمة الريشة", "توماس باخمان"),  # "..." كما يقول باخمان
    ("politics/OMP4.txt", "حتى إذا قالا العكس", "لوران فابيوس"),  # أجاب "
    ("religion/BHR23.txt", "أما رسول الله فصالح", "أم خلاد"),  # فقالت أم خلاد:
    ("religion/AER14.txt", "ويقول سبحانه (هل جزاء الإحسان", "الله"),  # ويقول سبحانه (...)
    ("religion/AER14.txt", "آمنتْ بي إذْ كفرَ الناس", "النبي"),  # يقول صلى الله عليه وسلم (...)
    ("religion/KWR7.txt", "أشعث أغبر يمد يديه", "النبي"),  # ذكره النبي صَلَّى اللهُ عَلَيْهِ وَسَلَّمَ: (
    ("sport/LBS1.txt", "أنها المرة الأولى التي", "قريطم"),  # ويؤكد قريطم
    ("science_tech/EGSC8.txt", "إنشاء أجهزة الاستشعار الالكترونية", "يحيي إسماعيل"),  # a long role after the name
    ("culture/DZC26.txt", "ظهر في فرنسا جيل جديد", "بيار دوم"),  # لكن منذ سنوات، كما يضيف، ...
    ("religion/DZR3.txt", "لماذا نيأس من الإصلاح", "حسن البنا"),  # حسن البنا الذي قال.. / "..."
])
def test_cues_of_every_kind(path, words, who):
    assert who in [q.speaker for q in said(anc19(path), words)]


def test_present_forms_with_their_subject_after_or_before():
    raw = saudi("2015-07-21", "صدون-إيجابيات-النشر-الإلكتروني")  # من جهته، يشدد طه عدنان على أن «
    assert "طه عدنان" in [q.speaker for q in said(raw, "الأهمّ هو فعل الكتابة")]
    raw = saudi("2015-07-25", "www.alyaum.com/article/4080125")  # وتشدد مملكة البحرين على أن
    assert speaker(raw, "تلك التصريحات المؤسفة والمتكررة") == "مملكة البحرين"
    raw = anc19("politics/KWP5.txt")  # لكن المراقبون يرون أن
    assert speaker(raw, "من سيحصل على النصيب الأكبر") == "المراقبون"


def test_a_participle_with_an_object_pronoun_closes_the_quotation_before_it():
    raw = anc19("economy/IQE11.txt")  # (للبيت ربٌّ يحميه)، قالها عبد المطلب
    [q] = [q for q in said(raw, "للبيت رب") if q.cue == "قالها"]
    assert q.speaker.startswith("عبد المطلب") and q.text.startswith("للبيت") and q.end < q.cue_start


def test_wrote_by_saying_and_the_future_introduce_quotes():
    raw = saudi("2015-08-06", "تويتر-وإنستجرام-الفنانين-يتحولان-إل/")  # وكتب الفنان نبيل الحلفاوي، عبر حسابه ... : “
    [q] = said(raw, "إلى رحمة الله سبحانه وتعالى")
    assert (q.cue, q.speaker) == ("وكتب", "نبيل الحلفاوي")
    raw = saudi("2015-07-21", "http://sabq.org/eJBgde")  # قال شيخ الأزهر ... وتابع بقوله: "
    [q] = said(raw, "قلنا إن قول النبي")
    assert (q.cue, q.speaker) == ("بقوله", "أحمد الطيب")
    raw = saudi("2015-08-02", "قات-السندات-سيكون-له-عواقب-على-بورتوريكو")  # فإن السوق سيقول إن
    [q] = said(raw, "بورتوريكو مرت بصعوبة مالية")
    assert (q.cue, q.speaker) == ("سيقول", "السوق")


def test_a_line_that_opens_with_its_speaker_and_a_colon():
    assert speaker(anc19("economy/JOE28.txt"), "نعيش في الأردن خارج حدود") == "سليمان الحافظ"
    assert speaker(anc19("economy/PSE4.txt"), "أزمة كهرباء جنين انتهت") == "شركة كهرباء الشمال"
    assert speaker(saudi("2015-07-24", "Con20150724785329.htm"), "عدن آمنة وقاعدة العند") == "علي الأحمدي"


def test_a_line_label_or_a_byline_before_a_colon_names_no_speaker():
    a = analysed(anc19("religion/AER14.txt"))  # الثانية: ذكر محاسنه وفضائله
    assert not [q for q in a.quotes if q.speaker == "الثانية"]


# -- a speaker is a name or a role, nothing more ------------------------------------------------------------------

def test_speakers_are_spans_of_the_text_and_hold_no_cue_or_lone_preposition():
    for raw in (anc19("politics/OMP4.txt"), anc19("culture/QAC5.txt"), anc19("economy/SYE7.txt"),
                saudi("2015-07-22", "تقادات-دولية-لانتخابات-بوروندي")):
        a = analysed(raw)
        for q in a.quotes:
            if q.speaker is None or q.speaker_type == "embedded_post":
                continue
            assert 0 <= q.speaker_start < q.speaker_end <= len(a.text)
            words = q.speaker.split()
            assert not any(w.startswith("قائل") or len(w) == 1 for w in words), q.speaker


def test_the_preposition_bayna_is_not_the_verb():
    a = analysed(anc19("religion/AER14.txt"))  # فإذا كنا بين أسرنا أو في عملنا
    assert not [q for q in a.quotes if q.cue == "بين"]
    raw = anc19("economy/PSE4.txt")  # وبخصوص المولدات الكهربائية، بين المهندس عرفات، انه
    [q] = said(raw, "تم تركيب مولدات في مصنع الغول")
    assert q.cue == "بين" and q.speaker == "يحيى عرفات"


def test_first_person_cues_name_no_speaker():
    raw = anc19("economy/IQE11.txt")  # إذا ذكرتُ عبارة واحدة منها
    assert all(q.speaker is None for q in analysed(raw).quotes if q.cue == "ذكرتُ")


def test_find_quotes_reads_an_article_without_entities():
    a = analysed(anc19("economy/SYE7.txt"))
    bare = Article(id="", source="t", text=a.text, paragraphs=a.paragraphs)
    assert find_quotes(bare)  # the words between cue and what was said still name the speakers


# -- the sample articles, and sentences from SaudiNewsNet given as text ------------------------------------------

def test_dropped_subject_takes_the_speaker_of_the_sentence_before(sample):
    [q] = [q for q in sample["001"].quotes if q.text.startswith("تخفيض مستوى التواجد")]
    assert (q.speaker, q.speaker_type) == ("كينيث ماكنزي", "carried")


def test_surname_alone_resolves_to_the_full_name(sample):
    quotes = sample["003"].quotes
    [rasul] = [q for q in quotes if q.text.startswith("انسحاب القوات الأمريكية من العراق جارٍ")]
    assert rasul.speaker == "يحيى رسول" and rasul.cue == "ولفت"
    [khafaji] = [q for q in quotes if "مهام القوات الأمريكية المتبقية" in q.text]
    assert khafaji.speaker == "تحسين الخفاجي"


def test_organisation_statement_anonymous_and_embedded_post_speakers(sample):
    a0 = sample["000"]
    assert any(q.speaker == "القيادة" and q.speaker_type == "organisation" for q in a0.quotes)
    assert any(q.speaker_type == "anonymous" and q.speaker.startswith("مصدر أمني") for q in sample["004"].quotes)
    assert any(q.speaker_type == "embedded_post" and "Kadhimi" in q.speaker for q in sample["002"].quotes)
    assert ("البيان", "statement") in [(q.speaker, q.speaker_type) for q in sample["001"].quotes]


def test_quoted_outlet_names_are_not_quotes(sample):
    texts = [q.text for a in sample.values() for q in a.quotes]
    assert "العراقية الإخبارية" not in texts and "ألترا عراق" not in texts


@pytest.mark.parametrize(("raw", "speaker"), [
    # sentences as SaudiNewsNet published them (2015-08-01)
    ("وفي موسكو، أعلن المتحدث الرسمي باسم الرئيس الروسي، دميتري بيسكوف، أن روسيا ستتبع نهج المعاملة "
     "بالمثل مع الدول التي ستنضم إلى العقوبات.", "دميتري بيسكوف"),
    ("وأوضح المتحدث الإعلامي للدفاع المدني بمنطقة المدينة المنورة بالإنابة، النقيب نايف الجهني، أن بلاغا "
     "ورد إلى غرفة العمليات عن حريق نشب في منزل شعبي.", "نايف الجهني"),
    ("ونقلت وكالة أنباء الجمهورية الإسلامية عن علي أكبر صالحي قوله \"ليس صحيحا على الإطلاق أنه يتعين على "
     "الحكومة أن تعرض الاتفاق على البرلمان\".", "صالحي"),
    ("قالت الشرطة الخميس إن امرأة مسنة في كاليفورنيا صدمت زوجها المسن ودهسته بالسيارة.", "الشرطة"),
    ("وبينما ذكرت بعض التقارير ان الكونكاكاف أعلن دعمه لبلاتيني، لم يحسم الأمر بعد.", "بعض التقارير"),
])
def test_the_speaker_behind_a_role_a_report_or_a_time_word(raw, speaker):
    [a] = Pipeline(default_steps()).run([Article(id="", source="t", text="", raw=raw)])
    [q] = a.quotes
    assert q.speaker.endswith(speaker) and "وكالة" not in q.speaker


def test_a_statement_named_after_according_to_is_the_speaker_without_the_preposition(sample):
    article = sample["002"]
    [q] = [q for q in article.quotes if "المقاومة العراقية كانت" in article.text[q.start:q.end]]
    assert q.speaker_type == "statement" and q.speaker == "بيان للتنسيقية"
    assert article.text[q.speaker_start:q.speaker_end] == q.speaker


def test_indirect_speech_ends_before_the_clause_that_opens_the_next_speech(sample):
    """"أنّ أعداد المستشارين ... "قليلة جداً"، فيما أشارت إلى أنّ ...": the first statement ends at جداً, without
    the comma and فيما that open the second."""
    article = sample["002"]
    [first] = [q for q in article.quotes if "أعداد المستشارين" in q.text]
    assert first.text.endswith("جداً\"") and "فيما" not in first.text
    assert article.text[first.start:first.end] == first.text
    assert any(q.text.startswith("مهمة التحالف") or "تحوّلت بالكامل" in q.text for q in article.quotes)
