import re

import pytest

from marsad.arabic import (
    fold,
    fold_key,
    fold_with_offsets,
    normalize_alef,
    normalize_digits,
    normalize_presentation_forms,
    normalize_ta_marbuta,
    normalize_ya,
    proclitic_candidates,
    sentences,
    strip_diacritics,
    strip_tatweel,
    tokens,
    with_proclitics,
)
from marsad.arabic.alternation import word_alternation
from marsad.arabic.calendar import month_names
from tests.conftest import saudi_articles, seed_text


def test_each_normaliser_does_one_thing():
    assert normalize_alef("أإآٱ") == "اااا"
    assert normalize_ya("مستشفى") == "مستشفي"
    assert normalize_ta_marbuta("القيادة") == "القياده"
    assert strip_diacritics("مُصْطَفَى") == "مصطفى"
    assert strip_tatweel("حصـــرا") == "حصرا"
    assert normalize_digits("٢٠٢١ و۱۲") == "2021 و12"
    assert normalize_presentation_forms("ﻣﺼﺪﺭ ﻣﺴﺆﻭﻝ ﻻ") == "مصدر مسؤول ﻻ"  # a two-letter ligature stays


def test_fold_matches_spelling_variants_of_real_words():
    assert fold("الأمريكية") == fold("الامريكيه")
    assert fold("تحسّن") == fold("تحسن")
    assert fold("«داعش»") == fold("“داعش”") == fold('"داعش"')
    # a SaudiNewsNet sentence pasted in presentation forms
    assert fold("ﺍﺳﺘﻌﺎﺩﺓ ﺍﻟﺴﻴﻄﺮﺓ ﻋﻠﻰ حي ﺍﻟﺘﻮﺍﻫﻲ") == fold("استعادة السيطرة على حي التواهي")


def test_fold_with_offsets_maps_back_into_the_original():
    text = seed_text(3)
    folded, index = fold_with_offsets(text)
    i = folded.index("يحيي رسول")
    assert text[index[i]:index[i + len("يحيي رسول")]] == "يحيى رسول"
    assert len(index) == len(folded) + 1


def test_fold_with_offsets_agrees_with_fold_on_real_news_and_odd_letters():
    from tests.conftest import saudi_articles

    texts = [a["content"] for a in saudi_articles()[:100]]
    texts += ["İstanbul ÀÉ أَحْمَدُ «قال» ١٢٣ ـــ", "ΣΑΣ Straße", "\u200fأهلاً\u200e", ""]
    for text in texts:
        folded, index = fold_with_offsets(text)
        assert folded == fold(text)
        assert len(index) == len(folded) + 1 and index == sorted(index) and index[-1] == len(text)


def test_fold_key_is_fold_with_letters_and_digits_only_line_by_line():
    import re

    from tests.conftest import saudi_articles

    page = "اقرأ أيضاً:\n«الحشد» يعلن،اليوم… ٣٥ قتيلاً_x في 12:41\n  "
    assert fold_key(page).split("\n") == ["اقرا ايضا ", " الحشد  يعلن اليوم  35 قتيلا x في 12 41", "  "]
    # the byte-table path and the regex path agree, on real news and on letters outside the common set
    texts = [a["content"] for a in saudi_articles()[:200]]
    texts += ["İstanbul ÀÉ أَحْمَدُ «قال» ١٢٣ ـــ", "ﻻ ﺍﻟﻤﻘﺎﻭﻣﺔ 😀 Straße", "\u200fأهلاً\u200e\r\n\t«»", ""]
    for text in texts:
        key = fold_key(text)
        assert key == re.sub(r"[^\w\n]|_", " ", fold(text))
        assert key.count("\n") == text.count("\n")


def test_tokens_keep_harakat_inside_words_and_offsets():
    text = "قال مُصْطَفَى إنّ 2,500 عنصرٍ"
    toks = tokens(text)
    assert [t.text for t in toks] == ["قال", "مُصْطَفَى", "إنّ", "2,500", "عنصرٍ"]
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_proclitics_reach_the_bare_form():
    assert "التحالف" in proclitic_candidates("للتحالف")
    assert "العراق" in proclitic_candidates("وبالعراق")
    assert "واشنطن" in proclitic_candidates("وواشنطن")


def test_every_way_of_writing_a_word_with_proclitics_reads_back_to_it():
    forms = with_proclitics([fold("اللاعبين"), fold("مباراة")])
    for written in ("باللاعبين", "للاعبين", "واللاعبين", "فبمباراة", "وبمباراة", "لمباراة"):
        assert fold(written) in forms
    assert fold("فبالمباراة") not in forms and fold("مباراتين") not in forms  # المباراة is another word


def test_sentences_do_not_split_inside_quotes_and_cover_real_text():
    text = seed_text(2)
    spans = list(sentences(text))
    assert spans and all(text[s:e].strip() == text[s:e] for s, e in spans)
    quoted = next(text[s:e] for s, e in spans if "في تغريدة له" in text[s:e])
    assert "وأصبح دور التحالف" in quoted  # the full stop inside the quote did not split it


def test_a_lone_letter_and_its_period_are_an_abbreviation_not_a_sentence_end():
    """د. (a doctor), م. (an engineer), أ.د. (a professor) before a name, in real SaudiNewsNet articles: the
    sentence goes on through the name; a number, a word with a mark on its last letter (سوريًا.) or a calendar's
    letter after a year (1936 م.) before a period still ends one."""
    texts = [a["content"] for a in saudi_articles("2015-08-09") if re.search(r"(?<!\w)د\. \w", a["content"])]
    assert len(texts) >= 5
    for text in texts:
        for s, e in sentences(text):
            assert not re.search(r"(?<!\w)[\u0621-\u064a]\.$", text[s:e]), text[s:e]
    for plain in ("بلغ العدد 5. وأضاف", "بلغ عدد اللاجئين 1452 سوريًا. وأضاف", "تأسست عام 1936 م. وأضاف"):
        assert [plain[s:e] for s, e in sentences(plain)][1:] == ["وأضاف"], plain
    assert sum(1 for text in texts for _ in sentences(text)) > 5 * len(texts)  # they are still split


def test_sentences_survive_unbalanced_quotes_and_giant_input():
    text = 'قال المتحدث "إن القوات انسحبت. ثم عادت. ' * 2000
    spans = list(sentences(text))
    assert len(spans) > 100


def test_word_alternation_prefers_the_longer_name_and_matches_what_the_list_did():
    """The trie regex matches the same words as a longest-first alternation, at the same places, on the
    month names of real dates in the sample."""
    names = sorted(month_names(), key=len, reverse=True)
    trie = re.compile(word_alternation(names))
    plain = re.compile("|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names))
    found = 0
    for n in range(5):
        text = fold(seed_text(n))
        spans = [m.span() for m in trie.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)]
        found += len(spans)
    assert found > 5
    assert trie.fullmatch("كانون  الاول")  # a space matches any run of spaces
    assert trie.match("كانون الاول 2021").group() == "كانون الاول"  # not كانون alone
    assert re.search(word_alternation([]), "كانون") is None


def test_language_data_files_hold_exactly_what_is_declared(monkeypatch):
    """Every data file loads and holds its declared lists; one whose keys differ is refused at load, naming
    the file and the keys."""
    from marsad import langdata

    for package, name in langdata.DECLARED:
        assert set(langdata.load(package, name)) - {"_about"} == langdata.DECLARED[package, name]
    with pytest.raises(langdata.LanguageDataError, match=r"speech_verbs.json.*missing \['reporting'\]"):
        langdata.check("marsad/analyse/data/speech_verbs.json", {"verbs": [], "participles_prefix": [],
                       "complementisers": [], "resumptives": [], "according_to": []},
                       langdata.DECLARED["analyse", "speech_verbs"])
    with pytest.raises(langdata.LanguageDataError, match="no such language data file"):
        langdata.load("analyse", "speech_verb")
