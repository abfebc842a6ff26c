"""Named entities: the shipped CRF tagger over each sentence, plus the role or title before a person."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pycrfsuite

from marsad.analyse.lexicon import data, folded_set, in_lexicon, kinds, proper_nouns
from marsad.analyse.ner.corpus import spans
from marsad.analyse.ner.features import sentence_features
from marsad.arabic import fold, proclitic_candidates, proclitic_readings, sentence_tokens
from marsad.arabic.calendar import month_names, weekday_names
from marsad.arabic.tokens import Token
from marsad.model import Article, Mention
from marsad.pipeline import Step

MODEL = Path(__file__).resolve().parent / "ner" / "model.crfsuite"
MAX_SENTENCE_TOKENS = 200  # a giant "sentence" is tagged in windows of this many tokens
ROLE_WINDOW = 10  # tokens looked at before a person's name for a role
_local = threading.local()


def _tagger() -> pycrfsuite.Tagger:
    """One tagger per thread (crfsuite taggers are not thread-safe); each process opens its own."""
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        tagger = _local.tagger = pycrfsuite.Tagger()
        tagger.open(str(MODEL))
    return tagger


@cache
def _stop_words() -> frozenset[str]:
    """Words a role phrase never runs back across: speech verbs, conjunctions, complementisers."""
    verbs = {fold(v) for v in data("speech_verbs")["verbs"]}
    return frozenset(verbs | {fold(w) for w in ("أن", "إن", "أنّ", "إنّ", "مع", "و", "عن", "بين", "الذي", "التي")})


class Entities(Step):
    name = "entities"
    requires = ("text",)
    provides = ("entities",)

    def process(self, article: Article) -> Article:
        article.entities = find_entities(article.text)
        return article


def find_entities(text: str) -> list[Mention]:
    mentions: list[Mention] = []
    tagger = _tagger()
    for _, _, toks in sentence_tokens(text):
        for w in range(0, len(toks), MAX_SENTENCE_TOKENS):
            window = toks[w:w + MAX_SENTENCE_TOKENS]
            tags = tagger.tag(sentence_features([t.text for t in window]))
            found = [m for i, j, typ in sorted(spans(tags)) if (m := _mention(text, window, i, j, typ))]
            mentions += _with_organisations(text, window, _with_titled_names(text, window, found))
    return _without_proclitics(text, mentions)


def _without_proclitics(text: str, mentions: list[Mention]) -> list[Mention]:
    """وواشنطن -> واشنطن, بالعراق -> العراق: a conjunction or preposition written onto a name is not part
    of the mention; ``للتحالف الدولي`` keeps its span (the ال is inside لل) and is named التحالف الدولي.
    Stripped only when the bare form is known: named so elsewhere in the article, a proper noun in the
    lexicon, or an organisation head (بغداد, لبنان, فلسطين keep their first letter)."""
    known = {fold(m.text) for m in mentions}
    heads = folded_set("titles", "organisation_heads")
    for m in mentions:
        first, _, others = fold(m.text).partition(" ")
        # readings that leave the text as written first: وبالعراق is better cut to العراق than renamed
        readings = sorted(proclitic_readings(first), key=lambda r: len(r[1]) > len(first) - len(r[0]))
        for clitic, reading in readings:
            restored = reading[:len(reading) - (len(first) - len(clitic))]
            if len(reading) < 3 or not restored and reading.startswith("ل"):
                continue  # ل + لتحالف is not a reading: للتحالف is ل + التحالف
            bare = f"{reading} {others}".strip()
            if bare in known or reading in heads or not others and reading in proper_nouns():
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


def _with_titled_names(text: str, toks: Sequence[Token], found: list[Mention]) -> list[Mention]:
    """Add the names the tagger missed or cut short where a title vouches for them: right after a rank or
    courtesy title (اللواء أحمد علي) or between commas after a role (المتحدث باسم الوزارة، أحمد علي،)."""
    out = list(found)
    for k, t in enumerate(toks):
        title = kinds(t.text, "titles")
        if "honorifics" in title and "ambiguous_honorifics" not in title:
            span = _name_after(toks, k + 1)
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


def _with_organisations(text: str, toks: Sequence[Token], found: list[Mention]) -> list[Mention]:
    """Organisations named by a head word and its definite modifiers (قيادة العمليات المشتركة، التحالف
    الدولي، وزارة الخارجية الأمريكية), which a tagger trained on older news often misses or cuts short."""
    out = list(found)
    k = 0
    while k < len(toks):
        if "organisation_heads" not in kinds(toks[k].text, "titles") \
                or fold(toks[k].text) in folded_set("titles", "led_by"):
            k += 1
            continue
        j = k + 1
        while j < len(toks) and j - k <= 5 and _definite_modifier(toks[j].text) and not (
                j > k + 1 and fold(toks[j - 1].text).endswith("ي") and fold(toks[j].text).endswith("ه")):
            j += 1  # التحالف الدولي القتالية: a feminine adjective after a masculine one is not the name's
        if j == k + 1:
            k += 1
            continue
        s, e = toks[k].start, toks[j - 1].end
        over = [m for m in out if m.start < e and s < m.end]
        if all(m.type != "PER" and s <= m.start and m.end <= e for m in over):
            for m in over:
                out.remove(m)
            out.append(Mention(s, e, "ORG", text[s:e], source="organisation_head"))
        k = j
    return sorted(out, key=lambda m: m.start)


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
    return proper_nouns().get(folded) in ("nom", "nasab")


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


def _mention(text: str, toks: Sequence[Token], i: int, j: int, typ: str) -> Mention | None:
    # trim punctuation the tagger may have swept in
    while i < j and not any(c.isalnum() for c in toks[i].text):
        i += 1
    while j > i and not any(c.isalnum() for c in toks[j - 1].text):
        j -= 1
    if i >= j or j - i == 1 and _is_calendar_word(toks[i].text):
        return None  # نيسان، الخميس
    i, j = _one_script(toks, i, j)
    if all(t.text.isascii() and t.text.isupper() for t in toks[i:j]) and typ == "PER":
        return None  # IQ NEWS, BBC: Latin capitals in Arabic news are outlets and acronyms, not people
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
        if not any(c.isalnum() for c in t):
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
    while end > start and not any(c.isalnum() for c in toks[end].text):
        end -= 1
    m.role_start, m.role_end = toks[start].start, toks[end].end
    m.role = text[m.role_start:m.role_end]
