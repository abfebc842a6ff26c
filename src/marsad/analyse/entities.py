"""Named entities: the shipped CRF tagger over each sentence, plus the role or title before a person."""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path

import pycrfsuite

from marsad.analyse.lexicon import data, folded_set, in_lexicon, kinds, proper_nouns
from marsad.analyse.names import family_names, given_names, place_names, place_of, shipped
from marsad.analyse.ner.corpus import spans
from marsad.analyse.ner.features import read_as_no_name, sentence_features, word_classes
from marsad.arabic import (
    fold,
    fold_key,
    proclitic_candidates,
    proclitic_readings,
    sentence_tokens,
    strip_diacritics,
    strip_tatweel,
    with_proclitics,
)
from marsad.arabic.calendar import month_names, weekday_names
from marsad.arabic.normalize import TATWEEL
from marsad.arabic.tokens import QUOTE_PAIRS, Token
from marsad.langdata import load
from marsad.model import Article, Mention
from marsad.pipeline import Step
from marsad.settings import QUOTED_NAME_WORDS, WORD_CACHE_SIZE

MODEL = Path(__file__).resolve().parent / "ner" / "model.crfsuite"
MAX_SENTENCE_TOKENS = 200  # a giant "sentence" is tagged in windows of this many tokens
ROLE_WINDOW = 10  # tokens looked at before a person's name for a role
SPEAKER_WORDS = 3  # the most words of a name right after a speech verb
SPORT_CUES = 3  # different words of sport that make an article one about sport (its clubs are names)
CONSISTENT_WORDS = 5  # names of up to this many words are looked for again across the article
_local = threading.local()


def _tagger() -> pycrfsuite.Tagger:
    """One tagger per thread (crfsuite taggers are not thread-safe); each process opens its own."""
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        tagger = _local.tagger = pycrfsuite.Tagger()
        tagger.open(str(MODEL))
    return tagger


@cache
def _model_attributes() -> frozenset[str]:
    """The feature strings the shipped model has weights for (read once a process)."""
    return frozenset(_tagger().info().attributes)


@cache
def _stop_words() -> frozenset[str]:
    """Words a role phrase never runs back across: speech verbs, conjunctions, complementisers."""
    verbs = {fold(v) for v in data("speech_verbs")["verbs"]}
    return frozenset(verbs | {fold(w) for w in ("أن", "إن", "أنّ", "إنّ", "مع", "و", "عن", "بين", "الذي", "التي")})


class Entities(Step):
    name = "entities"
    version = 16  # 3-13: streets; على no علي; names held out; clubs; bodies alone; بشار; جامعة باريس; retrained;
    # head and adjective (المجلس الانتقالي), invisible characters no tokens; 14: a lone letter's period (د. محمد)
    # ends no sentence (15: nor one after a marked last letter, سوريًا.); 16: a lone tatweel as a dash is no word
    requires = ("text",)
    provides = ("entities",)

    def process(self, article: Article) -> Article:
        article.entities = find_entities(article.text)
        return article


def find_entities(text: str) -> list[Mention]:
    """The tagger's mentions, then names the rules vouch for (a title, an organisation head, the subject of a
    speech verb, a run of known foreign names), proclitics set aside, generic phrases dropped, and every
    name found once tagged wherever it recurs in the article."""
    mentions: list[Mention] = []
    tagger = _tagger()
    sport = _about_sport(text)
    for _, _, toks in sentence_tokens(text):
        for w in range(0, len(toks), MAX_SENTENCE_TOKENS):
            window = toks[w:w + MAX_SENTENCE_TOKENS]
            tags = tagger.tag(sentence_features([t.text for t in window], _model_attributes()))
            found = [m for i, j, typ in sorted(spans(tags)) if (m := _mention(text, window, i, j, typ))]
            found = _with_organisations(text, window, _with_titled_names(text, window, found), sport)
            found = _with_named_runs(text, window, _with_speakers(text, window, found))
            found = _with_known_organisations(text, window, found, "clubs" if sport else None)
            found = _with_coordinated_names(text, window, _with_epithets(text, window, found))
            mentions += _streets(window, _two_names_side_by_side(text, window, found))
    mentions = [m for m in _without_proclitics(text, mentions) if not _generic(m)]
    return _consistent(text, mentions, sport)


def _free(found: list[Mention], start: int, end: int) -> bool:
    return not any(m.start < end and start < m.end for m in found)


def _with_speakers(text: str, toks: Sequence[Token], found: list[Mention]) -> list[Mention]:
    """"وأوضح العلوي أن"، "وقال جون كيري إن": the subject right after a speech verb, when it is a name (each
    word a known given, family or foreign name, or a family name with the article: العلوي) closed by what
    opens the speech (أن، إن، a colon, a comma)."""
    out = list(found)
    for k in [k for k, t in enumerate(toks) if _is_speech_verb(t.text)]:
        words: list[Token] = []
        for u in toks[k + 1:k + 1 + SPEAKER_WORDS + 1]:
            if u.text in (":", "،", ",") or fold(u.text) in _complementisers():
                break
            words.append(u)
        else:
            continue
        if not 1 <= len(words) <= SPEAKER_WORDS or not all(_looks_like_a_name(u.text) for u in words) or (
                len(words) > 1 and fold(words[0].text) not in given_names()):
            continue  # one family name (العلوي), or a given name first (جون كيري)
        s, e = words[0].start, words[-1].end
        if _free(out, s, e):
            m = Mention(s, e, "PER", text[s:e], source="speaker")
            _attach_role(text, toks, k + 1, k + 1 + len(words), m)
            out.append(m)
    return sorted(out, key=lambda m: m.start)


def _with_named_runs(text: str, toks: Sequence[Token], found: list[Mention]) -> list[Mention]:
    """Two or three words in a row that are all known names, one of them a name from outside the Arab world
    written in Arabic (ليوناردو بونوتشي، ريتشارد تارناس): a person."""
    out = list(found)
    foreign = shipped()["foreign"]
    after = 0  # the first token past the last run taken
    for k in [k for k, t in enumerate(toks) if _plain_name_word(t.text)]:
        if k < after:
            continue
        j = k + 1
        while j < len(toks) and j - k < 3 and _plain_name_word(toks[j].text):
            j += 1
        if j - k >= 2 and any(fold(t.text).endswith(("ي", "يه")) and not _is_name_word(fold(t.text))
                              for t in toks[k:j]):
            continue  # an adjective among them (خطاب ديني، منظور تاريخي): no name
        if j - k >= 2 and any(fold(t.text) in foreign for t in toks[k:j]) and \
                _free(out, toks[k].start, toks[j - 1].end):
            out.append(Mention(toks[k].start, toks[j - 1].end, "PER", text[toks[k].start:toks[j - 1].end],
                               source="names"))
            after = j
    return sorted(out, key=lambda m: m.start)


def _with_known_organisations(text: str, toks: Sequence[Token], found: list[Mention],
                              topical: str | None = None) -> list[Mention]:
    """Organisations that no head word announces (البرلمان، فيسبوك، البيت الأبيض: ``data/organisations.json``),
    and those of the ``topical`` table (sports clubs, in an article about sport), proclitics aside, where no
    other mention is; one the tagger gave another type on the same words is retyped (فيس بوك is no person),
    and what it found inside a quoted name or one of three words or more is the name's (“نداء تونس”, not its
    تونس; المجموعة الاقتصادية لدول غرب إفريقيا, not its إفريقيا; but روسيا اليوم may be Russia today)."""
    out = list(found)
    for table in ("organisations", topical) if topical else ("organisations",):
        for start, end, k in _phrases(text, toks, table):
            over = [m for m in out if m.start < end and start < m.end]
            whole = text[start - 1:start] in QUOTE_PAIRS or k + 2 < len(toks) and toks[k + 2].end <= end
            if all((m.start, m.end) in ((start, end), (toks[k].start, end)) or whole and start <= m.start and m.end
                   <= end for m in over):
                for m in over:
                    out.remove(m)
                out.append(Mention(start, end, "ORG", text[start:end], source="organisations"))
    return sorted(out, key=lambda m: m.start)


def _about_sport(text: str) -> bool:
    """Whether the article is about sport: SPORT_CUES different words of sport (مباراة، الدوري، المدرب) in it, a
    word and its inflections counting once."""
    cues = _sport_cues()
    return len(set().union(*(cues[w] for w in set(fold_key(text).split()) & cues.keys()))) >= SPORT_CUES


@cache
def _sport_cues() -> dict[str, frozenset[int]]:
    """Each word of sport with its inflections (مباراة، المباراة، المباريات), folded, and each of them written
    with proclitics (باللاعبين), to the numbers of the cues it is a form of: words of one cue count once."""
    out: dict[str, set[int]] = {}
    for k, group in enumerate(data("organisations")["sport_words"]):
        for form in with_proclitics(fold(w) for w in group):
            out.setdefault(form, set()).add(k)
    return {form: frozenset(ks) for form, ks in out.items()}


def _streets(toks: Sequence[Token], found: list[Mention]) -> list[Mention]:
    """A person's name right after a street's or a mosque's word is the place's (شارع خالد بن الوليد)."""
    index = {t.end: k for k, t in enumerate(toks)}
    for m in found:
        k = next((x for end in range(m.start, max(m.start - 3, -1), -1) if (x := index.get(end)) is not None), None)
        if m.type == "PER" and k is not None and in_lexicon(toks[k].text, "place_words", "streets") and not (
                k and fold(toks[k - 1].text) == "عن" and fold(toks[k].text) == "طريق"):
            m.type = "LOC"
    return found


def _with_epithets(text: str, toks: Sequence[Token], found: list[Mention]) -> list[Mention]:
    """A person named by an epithet alone (رسول الله، النبي، خادم الحرمين الشريفين), proclitics aside."""
    out = list(found)
    for start, end, _ in _phrases(text, toks, "epithets"):
        inside = [m for m in out if start <= m.start and m.end <= end and m.type != "PER"]
        if _free([m for m in out if m not in inside], start, end):  # رسول الله, though the tagger read الله alone
            out = [m for m in out if m not in inside]
            out.append(Mention(start, end, "PER", text[start:end], source="epithet"))
    return sorted(out, key=lambda m: m.start)


def _phrases(text: str, toks: Sequence[Token], table: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, first token) of each phrase of a table (``organisations``, ``epithets``) in the tokens, the
    longest at each token, a proclitic on its first word set aside."""
    phrases, openers = _PHRASE_TABLES[table](), _openers(table)
    for k in [k for k, tok in enumerate(toks) if _word(tok.text) in openers]:  # most words open no phrase
        tok = toks[k]
        for clitic, first in _phrase_starts(tok.text, table):
            n = next((len(e) for e in phrases[first] if tuple(
                _word(t.text) for t in toks[k + 1:k + len(e)]) == e[1:]), 0)
            if n:  # a لل before the phrase keeps its span: the article is inside it (للبرلمان)
                cut = _clitic_length(text, tok.start, clitic) if clitic and not clitic.endswith("لل") else 0
                yield tok.start + cut, toks[k + n - 1].end, k
                break


@cache
def _openers(table: str) -> frozenset[str]:
    """Every folded word that opens a phrase of the table, with proclitics or without."""
    return frozenset(with_proclitics(_PHRASE_TABLES[table]()))


def _phrase_starts(word: str, table: str) -> tuple[tuple[str | None, str], ...]:
    """The readings of a word (itself, then without proclitics) that open a phrase of the table."""
    phrases = _PHRASE_TABLES[table]()
    return tuple((c, f) for c, f in ((None, _word(word)), *proclitic_readings(word)) if f in phrases)


def _by_first_word(phrases: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases folded, by their first word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for e in sorted((tuple(fold(p).split()) for p in phrases), key=len, reverse=True):
        out.setdefault(e[0], []).append(e)
    return {first: tuple(es) for first, es in out.items()}


_PHRASE_TABLES: dict[str, Callable[[], dict[str, tuple[tuple[str, ...], ...]]]] = {
    "organisations": cache(lambda: _by_first_word(data("organisations")["names"])),
    "epithets": cache(lambda: _by_first_word(data("titles")["epithets"])),
    "clubs": cache(lambda: _by_first_word(data("organisations")["clubs"])),
}

_word = lru_cache(maxsize=WORD_CACHE_SIZE)(fold)  # a token folded: the same words recur in every article


def _two_names_side_by_side(text: str, toks: Sequence[Token], found: list[Mention]) -> list[Mention]:
    """Two persons the tagger ran together, as in a page's list of tags (عبدالفتاح السيسي فرانسوا هولاند): a
    family name with the article, then a given name that opens a name of two words or more, is two mentions."""
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k + 1 for k, t in enumerate(toks)}
    out: list[Mention] = []
    for m in found:
        i, j = starts.get(m.start), ends.get(m.end)
        cut = None
        if m.type == "PER" and i is not None and j is not None:
            cut = next((k for k in range(i + 2, j - 1) if _parts_two_names(toks[i:k], toks[k:j])), None)
        if cut is None or i is None or j is None:
            out.append(m)
            continue
        for a, b in ((i, cut), (cut, j)):
            s, e = toks[a].start, toks[b - 1].end
            out.append(Mention(s, e, "PER", text[s:e], source=m.source))
    return out


def _parts_two_names(left: Sequence[Token], right: Sequence[Token]) -> bool:
    """Whether two runs of words are two persons' names: each of two words or more, the left one closing with a
    family name with the article, the right one opening with a known given name (native or foreign), no word a
    joiner (بن، آل) and none on the right written with a proclitic."""
    words = [_word(t.text) for t in (*left, *right)]
    opener = words[len(left)]
    return len(left) >= 2 and len(right) >= 2 and words[len(left) - 1].startswith("ال") and all(
        w.isalpha() and w not in _NAME_JOINERS for w in words) and (
        opener in given_names(foreign=False) or opener in shipped()["foreign"]) and not any(
        _carries_clitic(w) for w in words[len(left):])


def _with_coordinated_names(text: str, toks: Sequence[Token], found: list[Mention]) -> list[Mention]:
    """A name joined by و to a person before it (علي المشاني وزياد مشموم): the word after و a known given
    name, and the name word after it too, if any."""
    out = list(found)
    for m in out:  # a name added is followed in its turn (وايهاب كاظم وامجد وليد)
        if m.type != "PER":
            continue
        k = next((n for n, t in enumerate(toks) if t.start >= m.end), None)
        if k is None:
            continue
        if toks[k].text in ("،", ",") and k + 1 < len(toks):
            k += 1
        first = fold(toks[k].text)
        if not (first.startswith("و") and first[1:] in given_names() and len(first) > 3) or kinds(
                toks[k].text, "titles") or first in given_names(foreign=False):
            continue  # وكيل، وليد: a word, or a name, of its own
        j = k + 1
        while j < len(toks) and j - k < 3 and _looks_like_a_name(toks[j].text):
            j += 1
        if j == k + 1 and first[1:] in given_names(foreign=False):
            continue  # one native given name after و (وأمين، وصاحب) is as often a word
        start, end = toks[k].start + _clitic_length(text, toks[k].start, "و"), toks[j - 1].end
        inside = [o for o in out if o.start < end and start < o.end]
        if all(o.type == "PER" and start <= o.start and o.end <= end for o in inside):
            for o in inside:  # a part of the name found alone (وامجد وليد: وليد) gives way to the whole
                out.remove(o)
            out.append(Mention(start, end, "PER", text[start:end], source="coordinated"))
    return sorted(out, key=lambda m: m.start)  # (appending while iterating: the loop meets the new ones)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _plain_name_word(word: str) -> bool:
    f = fold(word)
    return word.isalpha() and len(f) >= 3 and not f.startswith("ال") and f not in folded_set(
        "function_words", "words") and f not in _stop_words() and not kinds(word, "titles") and (
            f in given_names() or f in family_names())


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _looks_like_a_name(word: str) -> bool:
    """A known given, family or foreign name, or a family name with the article (العلوي، الكبيسي)."""
    f = fold(word)
    if not word.isalpha() or f in folded_set("function_words", "words") or f in _stop_words() \
            or kinds(word, "titles") or _is_calendar_word(word):
        return False
    return f in given_names() or f in family_names() or (
        f.startswith("ال") and f.endswith(("ي", "اوي")) and len(f) >= 5 and f not in _nisba_nouns())


@cache
def _nisba_nouns() -> frozenset[str]:
    """Words with the article ending in ي that are no family names: nationalities and adjectives of places
    and bodies (الأمريكي، العراقي), read from the place and organisation words the tagger knows."""
    return frozenset(fold(w) for w in ("الذي", "الحالي", "الماضي", "التالي", "الثاني", "الدولي", "الرسمي",
                                       "الأمني", "العسكري", "السياسي", "الاقتصادي", "الوطني", "الشعبي", "العربي",
                                       "الإسلامي", "الفني", "الرياضي", "المحلي", "الإقليمي", "العالمي"))


@cache
def _complementisers() -> frozenset[str]:
    return frozenset(fold(c) for c in data("speech_verbs")["complementisers"] if " " not in c)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _is_speech_verb(word: str) -> bool:
    cands = proclitic_candidates(word)
    verbs = folded_set("speech_verbs", "verbs")
    return cands[0] in verbs or (cands[0][:1] in ("و", "ف") and any(c in verbs for c in cands[1:]))


def _generic(m: Mention) -> bool:
    """An organisation head with generic words only (الحكومة الحالية، المجموعة الأولى): no name."""
    if m.type != "ORG" or m.source != "organisation_head":
        return False
    words = fold(m.name or m.text).split()
    return len(words) >= 2 and all(w in folded_set("titles", "generic_modifiers") for w in words[1:])


def _consistent(text: str, mentions: list[Mention], sport: bool = False) -> list[Mention]:
    """A name found once is tagged wherever it recurs in the article, a proclitic before it set aside, and a
    person's family name alone too (العساف after وزير الإسكان صفوان العساف)."""
    known: dict[tuple[str, ...], str] = {}
    for m in mentions:
        words = tuple(fold(m.name or m.text).split())
        if not words or len(words) > CONSISTENT_WORDS or not _vouched(m, words):
            continue
        known.setdefault(words, m.type)
        if m.type == "ORG":
            for alone in _named_alone(words, sport):
                known.setdefault(alone, "ORG")
        last = words[-1]
        if m.type == "PER" and len(words) > 1 and _family_name_alone(last, words[-2], m.source):
            known.setdefault((last,), "PER")  # the family name alone (العساف، الأسد); not بن X
            bare = last[2:]
            if last.startswith("ال") and len(bare) >= 4 and _family_name_alone(bare, words[-2], m.source) and \
                    not read_as_no_name(bare):
                known.setdefault((bare,), "PER")  # and written without its article (ولفت عساف), if no common word
    if not known:
        return mentions
    firsts = {w[0] for w in known}
    out = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in out]
    added: list[Mention] = []
    for s, e, toks in sentence_tokens(text):
        here = out[bisect_left(starts, s):bisect_left(starts, e)]  # a mention never crosses its sentence's end
        after = 0  # the first token not yet inside a name found again
        for k in [k for k, t in enumerate(toks) if not firsts.isdisjoint(proclitic_candidates(t.text))]:
            if k < after:
                continue
            hit = None
            for clitic, first in ((None, _word(toks[k].text)), *proclitic_readings(toks[k].text)):
                if first not in firsts:
                    continue
                for n in range(min(CONSISTENT_WORDS, len(toks) - k), 0, -1):
                    words = (first, *(_word(t.text) for t in toks[k + 1:k + n]))
                    if words in known and not (n == 1 and _preposition_in_maqsura(toks[k].text)):
                        hit = (clitic, n, known[words])  # على is no علي found before (السيسى is السيسي)
                        break
                if hit:
                    break
            if hit is None:
                continue
            clitic, n, typ = hit
            start = toks[k].start + (_clitic_length(text, toks[k].start, clitic) if clitic else 0)
            end = toks[k + n - 1].end
            if _free(here, start, end) and end - start >= 3:
                here.append(m := Mention(start, end, typ, text[start:end], source="consistency", name=text[start:end]))
                added.append(m)
            after = k + n
    return sorted(out + added, key=lambda m: m.start)


def _named_alone(words: tuple[str, ...], sport: bool = False) -> Iterator[tuple[str, ...]]:
    """The words after a head that the body's own name follows (``named_heads``: حزب، حركة، نادي، صحيفة), by
    which the article may name it alone later: all of them, then without the adjectives that close them (نادي
    الوداد الرياضي: الوداد الرياضي, الوداد). Never a function word, a generic one, a place or a given name
    alone (حزب الله, حزب مصر); nothing after a loose head (حركة الصادرات) unless quoted (حركة “النهضة”) or a
    team's in an article about sport (فريق المصافي ... المصافي)."""
    quoted = any(w[:1] == '"' for w in words[1:])  # حركة “النهضة” (folded: "النهضه"): the marks vouch for a name
    if len(words) < 2 or words[0] not in folded_set("titles", "named_heads") or not quoted and words[0] in \
            folded_set("titles", "loose_named_heads") and not (sport and _team_head(words[0])):
        return
    rest = tuple(w for w in (w.strip('"') for w in words[1:]) if w)
    while rest:
        if len(rest) > 1 or _may_name_alone(rest[0], quoted):
            yield rest
        if len(rest) == 1 or not (rest[-1].startswith("ال") and rest[-1].endswith(("ي", "يه"))):
            return
        rest = rest[:-1]


def _may_name_alone(word: str, quoted: bool) -> bool:
    """Whether one folded word may name a body alone: not a function word, a place or a given name (حزب الله،
    حزب مصر), nor, unless it was quoted, a word unlabelled news reads as no name at all (حزب الوفد ... الوفد
    المصري، حزب المؤتمر ... المؤتمر الصحفي; but حركة “النهضة”)."""
    return len(word) >= 3 and word not in _function_words() and word not in place_names() and \
        word not in given_names() and (quoted or not read_as_no_name(word))


def _preposition_in_maqsura(text: str) -> bool:
    """A function word written with its final ى (على، إلى، حتى، لدى), which folding makes look like a name
    (علي)."""
    return strip_tatweel(strip_diacritics(text)).endswith("ى") and fold(text) in folded_set("function_words", "words")


def _family_name_alone(last: str, before: str, source: str) -> bool:
    """Whether the last word of a person's name may name them alone: not a given name, a function word, a
    title, what follows بن, the second word of a compound name (نور الدين، سيف الإسلام: link/data/entities.json's
    joined_suffixes); not a word with a preposition on it (بحي), an abstract noun (الكهرباء) or a common word
    unlabelled news reads as no name (الكتب) unless a known family name or one of relation (الجبالي)."""
    if len(last) < 3 or last in given_names(foreign=False) or last in folded_set("function_words", "words") \
            or kinds(last, "titles") or before in _NAME_JOINERS or last in _joined_suffixes():
        return False
    if last in family_names():
        return True
    return not (last[0] in "بلوفك" and not last.startswith("ال") or last.endswith(("اء", "ه"))
                or read_as_no_name(last) and not last.endswith("ي"))


@cache
def _joined_suffixes() -> frozenset[str]:
    return frozenset(fold(w) for w in load("link", "entities")["joined_suffixes"])


def _vouched(m: Mention, words: tuple[str, ...]) -> bool:
    """Whether a mention is sure enough to be looked for again: a name a rule vouched for, a person's name of
    several words opening with a known given name, one word that is a known name (not the second word of a
    compound one: الدين) or place; an organisation or place of several words."""
    if m.type == "PER":
        return m.source != "model" or (words[0] in given_names() if len(words) > 1 else _is_name_word(words[0])
                                       and words[0] not in _joined_suffixes())
    if len(words) > 1:
        return True
    return m.type == "LOC" and words[0] in place_names()


def _clitic_length(text: str, start: int, clitic: str) -> int:
    """How many characters of ``text`` the proclitic letters take from ``start`` (marks on them included)."""
    cut = start
    for _ in clitic:
        cut += 1
        while cut < len(text) and fold(text[cut]) == "":
            cut += 1
    return cut - start


def _without_proclitics(text: str, mentions: list[Mention]) -> list[Mention]:
    """وواشنطن -> واشنطن, بالعراق -> العراق: a conjunction or preposition written onto a name is not part
    of the mention; ``للتحالف الدولي`` keeps its span (the ال is inside لل) and is named التحالف الدولي.
    Stripped only when the bare form is known: named so elsewhere in the article, a proper noun in the
    lexicon, or an organisation head (بغداد, لبنان, فلسطين keep their first letter)."""
    known = {fold(m.text) for m in mentions}
    heads = folded_set("titles", "organisation_heads")
    for m in mentions:
        first, _, others = fold(m.text).partition(" ")
        if first in heads or proper_nouns().get(first) == "place":
            m.name = m.name or m.text
            continue  # وزارة، لبنان، بكين: the word is itself a head or a place, its first letter no clitic
        # readings that leave the text as written first: وبالعراق is better cut to العراق than renamed
        # and the shorter clitic first (ولبنان: و + لبنان, not ول + بنان), a known place before anything
        readings = sorted(proclitic_readings(first), key=lambda r: (
            len(r[1]) > len(first) - len(r[0]), r[1] not in place_names(), len(r[0])))
        for clitic, reading in readings:
            restored = reading[:len(reading) - (len(first) - len(clitic))]
            if len(reading) < 3 or not restored and reading.startswith("ل") and clitic.endswith("ل"):
                continue  # ل + لتحالف is not a reading: للتحالف is ل + التحالف
            bare = f"{reading} {others}".strip()
            if bare in known or reading in heads or not others and reading in proper_nouns() \
                    or _bare_is_a_name(first, clitic, reading, bare, bool(others)):
                cut = m.start
                for _ in clitic:  # the letters, with any marks written on them
                    cut += 1
                    while cut < m.end and fold(text[cut]) == "":
                        cut += 1
                if restored:
                    m.name = restored + text[cut:m.end]
                else:
                    m.start, m.text = cut, text[cut:m.end]
                break
        m.name = m.name or m.text
    return mentions


def _name_strength(word: str) -> int:
    """How surely a folded word is a name as it stands, 0 to 3: 3 for an Arab given or family name or a known
    place (بشار، باريس), else the strength unlabelled news reads it as a person or place with (فيرناندو 3، بسيدي 2،
    لباريس 1)."""
    if _is_name_word(word) or word in place_names():
        return 3
    return max((int(c[3:]) for c in word_classes().get(word, ()) if c[:3] in ("PER", "LOC")), default=0)


def _bare_is_a_name(word: str, clitic: str, reading: str, bare: str, several: bool) -> bool:
    """Whether a proclitic can be set aside from a name not seen bare in the article: the bare form is a
    known name or place (وسيدي بوزيد، لجمهورية الكونغو, بالقاهرة); a conjunction on a name of several
    words whose first word is no name of its own (وليد is one). A word that is a name as written (بشار،
    باراك، وليام: an Arab given or family name, or read as a person in unlabelled news: فيرناندو) keeps its
    first letter unless what is left is such a name too (ومحمد)."""
    if not _is_name_word(reading) and _name_strength(word) >= 2 and _name_strength(reading) <= _name_strength(word):
        return False  # بشار is no ب + شار (a place in the lists), وليام no و + ليام; but بسيدي is ب + سيدي
    if bare in place_names() or len(reading) >= 3 and (_is_name_word(reading) or reading in place_names()):
        return True  # ومحمد: و + محمد, though the lists hold ومحمد too
    if word in given_names() or word in family_names() or word in place_names():
        return False
    return several and (clitic in ("و", "ف") or reading in folded_set("titles", "place_heads"))


def _with_titled_names(text: str, toks: Sequence[Token], found: list[Mention]) -> list[Mention]:
    """Add the names the tagger missed or cut short where a title vouches for them: right after a rank or
    courtesy title (اللواء أحمد علي), after a word that describes a person (اللاعب بونوتشي، الفنانة فاتن
    حمامة: one known name is enough there), or between commas after a role (المتحدث باسم الوزارة، أحمد علي،)."""
    out = list(found)
    for k in [k for k, t in enumerate(toks) if kinds(t.text, "titles")]:  # most words are no title
        title = kinds(toks[k].text, "titles")
        if "honorifics" in title and "ambiguous_honorifics" not in title:
            span = _name_after(toks, k + 1)
        elif "person_descriptors" in title:
            span = _name_after(toks, k + 1) or (
                (toks[k + 1].start, toks[k + 1].end) if k + 1 < len(toks) and _looks_like_a_name(toks[k + 1].text)
                and not fold(toks[k + 1].text).startswith("ال") else None)
        elif "role_heads" in title:
            span = apposed_name(toks[k + 1:k + 1 + ROLE_WINDOW]) or _name_closing_role(toks, k, out)
        else:
            continue
        if not span:
            continue
        s, e = span
        over = [m for m in out if m.start < e and s < m.end]
        if any(m.type != "PER" or not (s <= m.start and m.end <= e) or (m.start, m.end) == (s, e) for m in over):
            continue  # the tagger already has it, or saw something else there
        for m in over:
            out.remove(m)
        i = next(n for n, x in enumerate(toks) if x.start == s)
        j = next(n for n, x in enumerate(toks) if x.end == e) + 1
        m = Mention(s, e, "PER", text[s:e], source="title")
        _attach_role(text, toks, i, j, m)
        out.append(m)
    return sorted(out, key=lambda m: m.start)


def _with_organisations(text: str, toks: Sequence[Token], found: list[Mention], sport: bool = False) -> list[Mention]:
    """Organisations named by a head word and its definite modifiers (قيادة القوات البحرية، التحالف
    الدولي، وزارة الخارجية الأمريكية), which a tagger trained on older news often misses or cuts short."""
    out = list(found)
    k = 0
    while k < len(toks):
        if "organisation_heads" not in kinds(toks[k].text, "titles") \
                or fold(toks[k].text) in folded_set("titles", "led_by"):
            k += 1
            continue
        j = _organisation_end(toks, k)
        if j == k + 1:
            k += 1
            continue
        s, e = toks[k].start, toks[j - 1].end
        over = [m for m in out if m.start < e and s < m.end]
        if not _named_body(toks, k, j, sport) and not over:
            k = j
            continue
        if all(s <= m.start and m.end <= e and (m.type != "PER" or _named_after(toks, k, m)) for m in over):
            for m in over:
                out.remove(m)
            out.append(Mention(s, e, "ORG", text[s:e], source="organisation_head"))
        k = j
    return sorted(out, key=lambda m: m.start)


def _quoted_name_end(toks: Sequence[Token], j: int) -> int:
    """Past a name in quotation marks that opens at ``j`` (one to QUOTED_NAME_WORDS words), else ``j``."""
    close = QUOTE_PAIRS.get(toks[j].text) if j < len(toks) else None
    if close is None:
        return j
    end = next((x for x in range(j + 2, min(j + 2 + QUOTED_NAME_WORDS, len(toks))) if toks[x].text == close), None)
    return j if end is None or not all(t.text.isalpha() for t in toks[j + 1:end]) else end + 1


def _named_after(toks: Sequence[Token], k: int, m: Mention) -> bool:
    """Whether a person's name inside a body's name is whom the body is named after: a head of such bodies and
    a title right before the name (مركز الملك سلمان للإغاثة; not قوات الرئيس بشار الأسد)."""
    return _named_after_head(toks[k].text) and any(
        t.end <= m.start and fold(t.text) in folded_set("titles", "named_after_titles") for t in toks[k + 1:k + 3])


def _named_after_head(word: str) -> bool:
    return in_lexicon(word, "titles", "named_after_heads")


def _organisation_end(toks: Sequence[Token], k: int) -> int:
    """Where an organisation named by the head at ``k`` ends: its nouns in construct, if any (حزب غد الثورة،
    شركة توزيع كهرباء الشمال، مركز الملك سلمان), then its definite words, joined by و or by ل (حزب الأصالة
    والمعاصرة، الهيئة العامة للرقابة المالية، مركز الدراسات والبحوث)."""
    j = k + 1
    if _definite_head(toks[k].text) is None:  # only an indefinite head is in construct, with one noun or two
        nouns = next((n for n in (1, 2) if j + n < len(toks) and all(_construct_noun(t.text) for t in toks[j:j + n])
                      and _definite_modifier(toks[j + n].text)), 0)  # شركة توزيع كهرباء الشمال
        j += nouns
        if not nouns and j < len(toks) and _named_by_place(toks[k].text, toks[j].text):
            return j + 1  # جامعة باريس، أمانة جدة; what follows the place is no more of the name
        elif not nouns and fold(toks[k].text) in folded_set("titles", "named_heads") and \
                "media_heads" not in kinds(toks[k].text, "titles"):
            j = _quoted_name_end(toks, j)  # حركة “النهضة” الإسلامية; a newspaper's quoted name is the quotes' to read
    titles = folded_set("titles", "named_after_titles")
    while j < len(toks) and j - k <= ORG_WORDS:
        word, f = toks[j].text, fold(toks[j].text)
        if _definite_modifier(word) and not (j > k + 1 and fold(toks[j - 1].text).endswith("ي") and f.endswith("ه")) \
                and not (j == k + 1 and fold(toks[k].text).endswith("يه") and f.endswith("ي")):
            j += 1  # التحالف الدولي القتالية، وزير الخارجية الفرنسي: an adjective of another gender is not the name's
        elif j > k + 1 and (joined := _joined_modifier(toks, j)):
            j += joined  # والمعاصرة، للرقابة، و الاجتماعية; never another body (قوات الأمن والجيش)
        elif _named_after_head(toks[k].text) and (
                f in titles and j + 1 < len(toks) and _word(toks[j + 1].text) in given_names()
                or j > k and fold(toks[j - 1].text) in titles and f in given_names()):
            j += 1  # مركز الملك سلمان
        else:
            break
    return j


def _joined_modifier(toks: Sequence[Token], j: int) -> int:
    """How many tokens at ``j`` join a definite word to an organisation's name by و or لل: والمعاصرة، للرقابة,
    or و written apart (اللجنة الصحية و الاجتماعية); 0 if none does, or if the word is another body's head."""
    f = fold(toks[j].text)
    if f == "و" and j + 1 < len(toks):
        word, n = toks[j + 1].text, 2
    elif f.startswith(("وال", "لل")) and len(f) > 4:
        word, n = ("ال" + f[3:] if f.startswith("وال") else "ال" + f[2:]), 1
    else:
        return 0
    return n if _definite_modifier(word) and "organisation_heads" not in kinds(word, "titles") else 0


def _definite_head(word: str) -> str | None:
    """A head with the article, a proclitic before it or not (المجلس، بالمجلس، وللجنة): the head without its
    article and proclitics (folded), else None."""
    heads = folded_set("titles", "organisation_heads")
    return next((r[2:] for r in proclitic_candidates(word) if r.startswith("ال") and r in heads), None)


def _named_by_place(head: str, word: str) -> bool:
    """A body named by its head and a place written bare after it (جامعة باريس، مصرف لبنان); a governorate, a
    region or a canal named so is the place (محافظة عدن، قناة بنما), and a preposition on the place says where the
    body is (مكتب باليمن)."""
    return _word(word) in place_names() and not in_lexicon(head, "titles", "place_heads") and not any(
        r.startswith("ال") and r in place_names()
        for c, r in proclitic_readings(word) if c in ("ب", "ل", "و", "ف", "ك"))


def _named_body(toks: Sequence[Token], k: int, j: int, sport: bool = False) -> bool:
    """Whether a head and its words (``toks[k:j]``) name a body: any after a strong head (وزارة الصحة، حزب
    الأمة); after a weak head (مجلس، إدارة، مركز), a proclitic on it or not, a place or nationality among them
    (الجيش السوري، الحكومة المغربية), a name, three words or more (مجلس الأمن الدولي), or the head with the
    article and one adjective of relation (المجلس الانتقالي); not one common noun (مجلس الإدارة)."""
    if sport and _team_head(toks[k].text) or fold(toks[k].text) not in folded_set(
            "titles", "weak_organisation_heads") and not _loose_head(toks[k].text):
        return True
    words = [fold(t.text) for t in toks[k + 1:j]]
    return len(words) >= 2 and not all(w in folded_set("titles", "generic_modifiers") for w in words[1:]) \
        or any(_of_a_place(w) or w in given_names(foreign=False) for w in words) \
        or len(words) == 1 and _named_by_adjective(toks, k)


def _loose_head(word: str) -> bool:
    """A head also said of things that are no body (``loose_named_heads``), the article and proclitics aside
    (والتيار، بالجهاز، لفريق)."""
    return in_lexicon(word, "titles", "loose_named_heads") or _definite_head(word) in folded_set(
        "titles", "loose_named_heads")


def _team_head(word: str) -> bool:
    """A head that names a team in an article about sport (``team_heads`` in organisations.json: فريق
    المصافي), a proclitic on it or not (not in_lexicon: it reads every list of the file, and sport_words
    holds lists of words)."""
    return not folded_set("organisations", "team_heads").isdisjoint(proclitic_candidates(word))


def _named_by_adjective(toks: Sequence[Token], k: int) -> bool:
    """A definite head and one adjective of relation after it that agrees with it, the name ending there
    (الحزب الجمهوري، اللجنة التنظيمية): the body's name, unless
    - the head is also said of things that are no body (``loose_named_heads``: الجهاز التنفسي، التيار الكهربائي);
    - the adjective only says which one (``generic_modifiers``: الحكومة الحالية، المركز الحادي عشر، القوات
      الموالية), or its gender is another noun's (التنظيم الإجرامية);
    - the name goes on with a لـ the rules do not read (المجلس الاستشاري للغة العربية: the tagger's, if anyone's)."""
    bare = _definite_head(toks[k].text)
    if bare is None or _loose_head(toks[k].text) or k + 1 >= len(toks):
        return False
    written = strip_tatweel(strip_diacritics(toks[k + 1].text))
    if fold(written) in folded_set("titles", "generic_modifiers") or not written.endswith(
            ("ية", "يه") if bare.endswith("ه") else "ي"):  # ى ends elatives and verbs (الأقوى، المضى)
        return False
    after = fold(toks[k + 2].text) if k + 2 < len(toks) else ""
    return not (after.startswith("ل") and len(after) > 3)


def _of_a_place(word: str) -> bool:
    """A nationality or place adjective (السوري، الأمريكية، المغربي) or a place named after the head."""
    return place_of(word) is not None


ORG_WORDS = 7  # the most words after an organisation's head


def _construct_noun(word: str) -> bool:
    """An indefinite noun an organisation's head is in construct with (غد، ترصيف): letters, no article, no
    clitic, no function word or title."""
    f = fold(word)
    return word.isalpha() and len(f) >= 2 and not f.startswith("ال") and f[0] not in "وبل" \
        and f not in folded_set("function_words", "words") and f not in _stop_words() \
        and kinds(word, "titles") <= _HEAD_KINDS and not _is_calendar_word(word)  # هيئة تنظيم الاتصالات


_HEAD_KINDS = frozenset({"organisation_heads", "weak_organisation_heads", "named_heads", "loose_named_heads",
                         "named_after_heads", "place_heads"})  # a head may be in construct


def _definite_modifier(word: str) -> bool:
    f = fold(word)
    return f.startswith("ال") and len(f) > 3 and word.isalpha() and f not in _stop_words() \
        and f not in folded_set("function_words", "words") and not in_lexicon(word, "titles", "not_persons") \
        and not in_lexicon(word, "titles", "role_heads") and not in_lexicon(word, "titles", "honorifics") \
        and not _is_calendar_word(word)


def _is_calendar_word(word: str) -> bool:
    """A month or weekday name (نيسان، الأربعاء) is never an entity on its own."""
    f = proclitic_candidates(word)[-1]
    return f in month_names() or f in weekday_names() or fold(word) in month_names()


def _role_after(toks: Sequence[Token], j: int) -> tuple[int, int] | None:
    """", ROLE ..." right after a name, closed by a comma: its token range."""
    if j + 1 >= len(toks) or toks[j].text not in ("،", ",") or "role_heads" not in kinds(toks[j + 1].text, "titles"):
        return None
    for e in range(j + 2, min(len(toks), j + 2 + ROLE_WINDOW)):
        t = toks[e].text
        if t in ("،", ","):
            return j + 1, e
        if not t.isalpha() or fold(t) in _stop_words():
            return None
    return None


# words that join the parts of one name (محمد بن سلمان، عبد الله، أبو بكر، آل خليفة)
_NAME_JOINERS = frozenset(fold(w) for w in ("بن", "ابن", "بنت", "أبو", "أبي", "عبد", "آل"))


def _name_after(toks: Sequence[Token], k: int) -> tuple[int, int] | None:
    """Two name words right after a title (a third when it is a family name: محمد علي الحسيني; more with
    joiners: محمد بن سلمان). Not a name word: a function word, a speech verb, a title, punctuation, a word
    carrying a conjunction or preposition (وأن، بمناسبة، لكرة) unless it is a known given or family name,
    and never a first word with the article."""
    words: list[Token] = []
    for t in toks[k:k + 5]:
        f = fold(t.text)
        title = kinds(t.text, "titles")
        if not t.text.isalpha() or f in _stop_words() or title & _NOT_NAME_LISTS \
                or f in folded_set("function_words", "words") or _carries_clitic(f):
            break
        if not words and f.startswith("ال"):
            return None
        if f.endswith("ا") and len(f) >= 5 and not _is_name_word(f):
            break  # عسكريا، مسؤولا: an indefinite accusative, not a name
        names = len(words) - sum(fold(w.text) in _NAME_JOINERS for w in words)
        if names >= 2 and not (f.startswith("ال") and f.endswith("ي") or _is_name_word(f)
                               or fold(words[-1].text) in _NAME_JOINERS):
            break  # a third word is a family name (الحسيني), a known name, or follows بن/عبد
        words.append(t)
        if names + 1 >= 3:
            break
    if len(words) < 2 or fold(words[-1].text) in _NAME_JOINERS:
        return None
    return words[0].start, words[-1].end


# lists in titles.json whose words never stand in a name (مجلس، قوات، تصريح، وكالة ...)
_NOT_NAME_LISTS = frozenset(("role_heads", "honorifics", "not_persons", "organisation_heads", "statement_nouns",
                             "media_heads"))


def _is_name_word(folded: str) -> bool:
    return folded in given_names(foreign=False) or folded in family_names(foreign=False)


def _carries_clitic(folded: str) -> bool:
    """بمناسبة، لكرة، بالجيش، وصاحب: a conjunction (و) or preposition (ب ل) on the word, or the article
    after a clitic. Names take none in apposition; a known given or family name that starts with those
    letters (وليد، بشار، ليلى) passes. ف and ك begin too many names (فيصل، كمال) to count as clitics."""
    if len(folded) < 3:
        return False
    if folded.startswith(("بال", "لل", "وال", "فال", "كال")):
        return True
    if folded[0] == "ف" and folded[1:] in folded_set("function_words", "words"):
        return True
    return folded[0] in ("و", "ب", "ل") and not _is_name_word(folded)


_ROLE_LINKS = frozenset(fold(w) for w in ("في", "لدى", "باسم", "لدي"))


def _name_closing_role(toks: Sequence[Token], k: int, found: list[Mention]) -> tuple[int, int] | None:
    """"السفير الأمريكي في بغداد NAME،": two name words closing a role phrase (its definite words, في،
    لدى، باسم, places and organisations) just before a comma."""
    comma = next((n for n in range(k + 1, min(len(toks), k + ROLE_WINDOW + 3)) if toks[n].text in ("،", ",")),
                 None)
    if comma is None or comma - k < 3 or fold(toks[comma - 3].text) in _ROLE_LINKS:
        return None  # "المحافظ في حالة ترقب،": في needs its object; the name cannot be it
    for t in toks[k + 1:comma - 2]:
        f = fold(t.text)
        if f in folded_set("function_words", "words") and f not in _ROLE_LINKS:
            return None
        if not (f.startswith(("ال", "لل", "بال")) or f in _ROLE_LINKS or t.text.isalpha() and
                "role_heads" in kinds(t.text, "titles")
                or any(m.type != "PER" and m.start <= t.start < m.end for m in found)):
            return None
    span = _name_after(toks, comma - 2)
    return span if span and span[1] == toks[comma - 1].end else None


def apposed_name(rest: Sequence[Token]) -> tuple[int, int] | None:
    """", NAME ," after a role phrase: two or three name words between commas."""
    comma = next((n for n, t in enumerate(rest) if t.text in ("،", ",")), None)
    if comma is None or any(fold(t.text) in _stop_words() for t in rest[:comma]):
        return None
    span = _name_after(rest, comma + 1)
    if not span:
        return None
    after = next((t for t in rest if t.start >= span[1]), None)
    return span if after is None or after.text in ("،", ",") else None


def _name_as_written(word: str) -> bool:
    """A given name that folds like a particle but is written as the name, with ي (علي, not the preposition
    على)."""
    return word.endswith("ي") and fold(word) in given_names(foreign=False)


@cache
def _function_words() -> frozenset[str]:
    return folded_set("function_words", "words")


def _wordlike(token: str) -> bool:
    """A token with a letter or digit in it: not punctuation, nor a lone tatweel used as a dash (ـ الحدادي)."""
    return any(c.isalnum() and c != TATWEEL for c in token)


def _trimmed(toks: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    """The tokens i..j without the punctuation the tagger may have swept in at either end."""
    while i < j and not _wordlike(toks[i].text):
        i += 1
    while j > i and not _wordlike(toks[j - 1].text):
        j -= 1
    return i, j


def _mention(text: str, toks: Sequence[Token], i: int, j: int, typ: str) -> Mention | None:
    i, j = _trimmed(toks, i, j)
    if i >= j or j - i == 1 and _is_calendar_word(toks[i].text):
        return None  # نيسان، الخميس
    i, j = _trimmed(toks, *_one_script(toks, i, j))
    if i >= j:
        return None
    while j - i > 1 and fold(toks[i].text) in _function_words() and not _name_as_written(toks[i].text):
        i += 1  # لكن بيار دوم: a conjunction or particle swept in before the name
    if all(t.text.isascii() and t.text.isupper() for t in toks[i:j]) and typ == "PER":
        return None  # SPA NEWS, BBC: Latin capitals in Arabic news are outlets and acronyms, not people
    if typ == "PER":
        if all(in_lexicon(t.text, "titles", "not_persons") for t in toks[i:j]):
            return None
        # honorifics and role heads tagged inside the name belong to the role, not the name
        while j - i > 1 and (in_lexicon(toks[i].text, "titles", "honorifics")
                             or in_lexicon(toks[i].text, "titles", "role_heads")):
            i += 1
    m = Mention(toks[i].start, toks[j - 1].end, typ, text[toks[i].start:toks[j - 1].end])
    if typ == "PER":
        _attach_role(text, toks, i, j, m)
    return m


def _one_script(toks: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    """A mention never mixes Latin and Arabic script (a post's byline "Name الاسم"): keep the longer run."""
    latin = [toks[k].text.isascii() for k in range(i, j)]
    if all(latin) or not any(latin):
        return i, j
    runs: list[tuple[int, int]] = []
    for k in range(i, j):
        if runs and latin[k - i] == latin[runs[-1][0] - i] and runs[-1][1] == k:
            runs[-1] = (runs[-1][0], k + 1)
        else:
            runs.append((k, k + 1))
    return max(runs, key=lambda r: (r[1] - r[0], not latin[r[0] - i]))


def _attach_role(text: str, toks: Sequence[Token], i: int, j: int, m: Mention) -> None:
    """The role phrase just before a name (from the earliest role head in a short window to the name), or
    the office apposed after it (", المتحدث باسم الوزارة،") when before it there is only a rank or none."""
    stops = _stop_words()
    heads = folded_set("titles", "role_heads") | folded_set("titles", "honorifics")
    start = None
    k = i - 1
    if k >= 0 and toks[k].text in ("،", ","):
        k -= 1  # "قائد الجيش، أحمد علي": a comma between role and name
    while k >= 0 and i - k <= ROLE_WINDOW:
        t = toks[k].text
        if not _wordlike(t):
            break
        cands = proclitic_candidates(t)
        if cands[0] in stops or (len(cands) > 1 and cands[-1] in stops and cands[0][0] == "و" and len(t) <= 4):
            break
        if any(c in heads for c in cands):
            start = k
        k -= 1
    only_rank = start is not None and all("honorifics" in kinds(t.text, "titles") for t in toks[start:i]
                                          if t.text.isalpha())
    after = _role_after(toks, j) if start is None or only_rank else None
    if after:
        m.role_start, m.role_end = toks[after[0]].start, toks[after[1] - 1].end
        m.role = text[m.role_start:m.role_end]
        return
    if start is None:
        return
    end = i - 1
    while end > start and not _wordlike(toks[end].text):
        end -= 1
    m.role_start, m.role_end = toks[start].start, toks[end].end
    m.role = text[m.role_start:m.role_end]
