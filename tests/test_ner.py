"""The named-entity tagger alone (the CRF and its features, without the rules of entities.py), its training
corpora as read for training, and the word classes learnt from unlabelled news."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from eval.common import SHARED
from marsad.analyse import names
from marsad.analyse.entities import MODEL
from marsad.analyse.ner import corpus, features, train
from marsad.arabic import fold, sentence_tokens

DATA = SHARED / "data"


def tagged(text: str, typ: str = "PER") -> list[str]:
    """What the shipped CRF alone tags as ``typ`` in the text, sentence by sentence."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    out = []
    for _, _, toks in sentence_tokens(text):
        words = [t.text for t in toks]
        out += [" ".join(words[i:j]) for i, j, t in sorted(corpus.spans(tagger.tag(features.sentence_features(words))))
                if t == typ]
    return out


# ---- the corpora as training reads them


def _sentence_with(sentences, word: str) -> tuple[list[str], list[str]]:
    return next((w, t) for w, t in sentences if word in w)


def test_wojood_keeps_the_outer_name_layer_and_reads_places_as_loc():
    # نعي موجه من رئيس بلدية طولكرم: an occupation (OCC) around an organisation around a place
    words, tags = _sentence_with(corpus.read_wojood(DATA / "wojood_sample" / "val.txt"), "طولكرم")
    i = words.index("بلدية")
    assert tags[i - 1:i + 2] == ["O", "B-ORG", "I-ORG"]  # رئيس is the occupation's, طولكرم inside the ORG
    words, tags = _sentence_with(corpus.read_wojood(DATA / "wojood_sample" / "val.txt"), "القومية")
    assert tags[words.index("اللجنة"):words.index("العربية") + 1] == ["B-ORG", "I-ORG", "I-ORG"]
    assert tags[words.index("نابلس")] == "B-LOC"  # GPE
    assert not any("$#$" in w for w, _ in corpus.read_wojood(DATA / "wojood_sample" / "val.txt"))


def test_aqmar_miscellaneous_classes_are_not_entities():
    words, tags = _sentence_with(corpus.read_aqmar(DATA / "aqmar" / "tagged" / "Crusades.txt"), "الحملات")
    assert tags[:2] == ["O", "O"]  # الحملات الصليبية: MIS1 in AQMAR
    damascus = list(corpus.read_aqmar(DATA / "aqmar" / "tagged" / "Damascus.txt"))
    assert damascus[0][1][:3] == ["B-LOC", "O", "B-LOC"]


def test_anercorp_types_are_mapped_and_stray_marks_dropped():
    sentences = list(corpus.read_conll(DATA / "anercorp" / "train.txt"))
    tags = {t for _, ts in sentences for t in ts}
    assert tags == {f"{p}-{t}" for p in "BI" for t in ("PER", "LOC", "ORG", "MISC")} | {"O"}
    assert all(w and "\u200f" not in w for ws, _ in sentences for w in ws)


def test_training_leaves_the_gold_documents_out():
    files, urls = train.held_out()
    assert any(f.startswith("anc19/") for f in files) and urls  # both sources of the cross-region gold
    assert all((DATA / f).is_file() for f in files)


# ---- the word classes


def test_shipped_word_classes_are_read_and_given_as_features():
    classes = features.word_classes()
    assert len(classes) > 5000
    labels = {label for ls in classes.values() for label in ls}
    assert all(label[:-1] in ("PER", "LOC", "ORG", "O") and label[-1] in "123" for label in labels)
    assert classes[fold("خلال")] == (train.NOT_A_NAME,)  # a frequent word never tagged as a name
    word = next(w for w, ls in classes.items() if "PER3" in ls and len(w) > 4 and not w.startswith(("و", "ب", "ل")))
    assert "uPER=3" in features.sentence_features([word])[0]
    assert "uPER=3" in features.sentence_features(["و" + word])[0]  # the clitic-free reading is looked up
    assert "1:uPER=3" in features.sentence_features(["قال", word])[0]  # and the neighbour sees it


def test_another_table_can_be_used_and_the_shipped_one_restored():
    word = "كلمةلاتوجد"
    try:
        features.use_word_classes({fold(word): ("LOC2",)})
        assert "uLOC=2" in features.sentence_features([word])[0]
    finally:
        features.use_word_classes(None)
    assert not any(x.startswith("uLOC") for x in features.sentence_features([word])[0])


def test_the_shipped_model_stays_small():
    table = Path(features.__file__).with_name(features.CLASSES_FILE)
    assert MODEL.stat().st_size + table.stat().st_size < 5_000_000


# ---- the tagger on news it was not trained on


@pytest.mark.parametrize("sentence, names", [
    # anc19, SAC25 and PSP19: foreign politicians the ANERcorp-only model missed (it found ساركوزي, شيراك only)
    ("وقد كان مؤخرا مرشحا لرئاسة الجمهورية مثل الاشتراكي فرنسوا هولاند واليميني نيكولا ساركوزي .",
     ["فرنسوا هولاند", "نيكولا ساركوزي"]),
    ("هذا ما فعله مع دومينيك دوفيلبان وجاك شيراك بشكل أساسي ، فقد أرهقهما بالملاحقات .",
     ["دومينيك دوفيلبان", "وجاك شيراك"]),
    ("في مرحلة سابقة من هذا العهد الرئاسي ، لوّح الرئيس أوباما بإطلاق بداية جديدة بين الولايات المتحدة "
     "والمسلمين .", ["أوباما"]),
    # AEC5, SAE19: a family name alone as the subject of a speech verb
    ("وأشار اليوسفي إلى غياب المعنى في النصوص الشعرية الجديدة وبخاصة في قصيدة النثر .", ["اليوسفي"]),
    ("وقال الغفيلي : \" يجب أن تفرض على ملاك الأراضي البيضاء زكاة لدفعهم إلى تطوير تلك الأراضي \" .",
     ["الغفيلي"]),
    # KWE3: a Gulf name opening a list
    ("فقد علم أن لجنة تعمل بسرعة غير معهودة لإجراء تغييرات قد تطول أسماء مثل علي الهاجري وشذى الصباح ومازن "
     "السردي وفهد العجمي وغيرهم من أعضاء مجالس إدارات بعض الشركات النفطية .", ["علي الهاجري"]),
])
def test_names_the_anercorp_only_tagger_missed(sentence, names):
    found = tagged(sentence)
    assert all(n in found for n in names), found


def test_no_person_in_a_sentence_without_one():
    # KWE3: the ANERcorp-only model read سارت بسلام as a person
    assert tagged("إلا ان الامور سارت بسلام ، الى ان ظهرت المؤشرات الاخيرة على تغييرات اضافية .") == []
    assert tagged("في مرحلة سابقة من هذا العهد الرئاسي ، لوّح الرئيس أوباما بإطلاق بداية جديدة بين الولايات "
                  "المتحدة والمسلمين .", "LOC") == ["الولايات المتحدة"]


def test_wojood_places_are_trained_without_their_head_noun_as_anercorp_marks_them():
    raw = [s for name in ("train", "val", "test") for s in corpus.read_wojood(DATA / "wojood_sample" / f"{name}.txt")]
    trained = [s for s, extra in train.labelled(SHARED) if extra == train.OTHER_CORPUS]

    def heads(sentences) -> int:
        return sum(1 for words, tags in sentences for s, e, t in corpus.spans(tags)
                   if t == "LOC" and e - s > 1 and words[s] in ("مدينة", "مخيم", "محافظة"))

    assert heads(raw) > 50 and heads(trained) == 0
    assert sum(len(w) for w, _ in raw) == sum(len(w) for w, _ in trained)


def test_the_shipped_name_lists_are_exactly_what_the_shared_data_gives(tmp_path):
    """No name is added by hand: person_names.txt and place_names.txt are rebuilt, byte for byte, from
    ANERgazet, ANERcorp's training split and ANETAC (python -m marsad.analyse.names)."""
    names.build(SHARED, tmp_path)
    for shipped in (names.SHIPPED, names.SHIPPED_PLACES):
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name


def test_nothing_shipped_knows_the_sample_s_family_names():
    """The sample's people (الكاظمي، ماكنزي، الخفاجي ...) are found by the rules and the tagger, not because
    something shipped knows them: their family names, and any word holding one, are held out of the person and
    place names, of the word classes learned from unlabelled news, and of every string the CRF has a weight for.
    (pyarabic's own lists, read as a dependency, are not ours to edit.)"""
    import pycrfsuite

    from marsad.analyse.entities import MODEL
    from marsad.analyse.ner.features import word_classes

    withheld = names.held_out()
    assert {"الكاظمي", "ماكنزي", "الخفاجي"} <= withheld
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    shipped = {
        "person names": {w for kind in names.shipped().values() for w in kind},
        "place names": set(names.SHIPPED_PLACES.read_text("utf-8").splitlines()),
        "word classes": set(word_classes()),
        "model": {a.split("=", 1)[-1] for a in tagger.info().attributes},
    }
    assert {what: [w for w in words if any(h in w for h in withheld)] for what, words in shipped.items()} == {
        what: [] for what in shipped}
