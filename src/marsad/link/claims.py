"""Claims and disagreements: whether two statements on one subject (two headlines, two sentences of one
story that share their entities) disagree, and why.

The two statements are aligned first: each content word (folded, proclitics and the article set aside, with a
light stem for agreement endings, and words of one sense taken as one) is looked for on the other side. A
difference counts only where the rest of the statement matches, since two statements that share little are
about different things and then nothing they say can contradict the other. Four kinds of difference are told
(the language knowledge is data: ``marsad/link/data/claims.json``):

- ``figure``: the same quantity (the same counted noun) with values that cannot both hold (3 and 5 قتلى;
  ``أكثر من 90`` and ``أقل من 90``; ``يتخطى حاجز الـ80`` and ``يقل عن ٨٠``), read by
  :func:`marsad.analyse.figures.find_figures`; an approximate value tolerates a margin, a vague plural
  (عشرات، آلاف) holds with anything, and a bound holds with a value at its limit;
- ``date``: the same event on different days, months or years (:mod:`marsad.analyse.times`, and month names
  standing alone: في رمضان / في شوال);
- ``negation``: one side denies what the other asserts: a negating particle (لم، لن، لا، ليس، غير) or a
  verb of denial, refusal or failure (نفى، يرفض، تفشل) whose scope holds a word the other side asserts,
  while the other side negates nothing (لا يزال، لا سيما، لا شك assert);
- ``antonym``: a word of one side replaced by one of the opposite sense on the other (ارتفاع / انخفاض،
  فوز / خسارة، يقبل / يرفض، تأجيل / بدء، انسحاب / بقاء), next to words both sides share, with as many
  negations on each side (a negation would turn the opposite back).

A yes/no question or a statement of mere possibility (هل، ربما، يحتمل، شائعات) asserts nothing, so it
disagrees with nothing; a direction stated against another subject (الدولار يرتفع أمام الليرة) is compared
only with one stated against the same. When unsure, :func:`compare` says nothing (None): a false dispute
costs the analyst's trust more than a missed one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from marsad.analyse.figures import find_figures
from marsad.analyse.lexicon import data as analyse_data
from marsad.analyse.lexicon import folded_set
from marsad.analyse.times import find_hits, resolve
from marsad.arabic import fold, proclitic_candidates, proclitic_readings, strip_article, tokens
from marsad.arabic.calendar import hijri_month_names, month_names, word_list
from marsad.langdata import load
from marsad.model import Figure
from marsad.settings import WORD_CACHE_SIZE

KINDS = ("figure", "date", "negation", "antonym", "denial", "amount")
EXCEPTIVE_REACH = 4  # words after a negation in which سوى/إلا make it a restriction
REPORT_REACH = 8  # words after a verb of denial in which what was reported and the matter's topic word stand
RUNNING_REACH = 6  # words either side of a figure in which a word makes it a count so far or a final count
FEW_REACH = 8  # words after a count word in which a word of few says it is small (أعداد اللاجئين ... قليلة)
MATTER_WORDS = 4  # the content words of a denied report's matter that must all be asserted on the other side


@dataclass(frozen=True)
class Thresholds:
    """How much of two statements must match for a difference between them to count (tuned on the ANS train
    split, see eval/claims.py)."""

    min_overlap: float = 0.5  # the share of one side's other content words that the other side has too
    min_shared: int = 1  # and at least this many shared content words
    paraphrase_overlap: float = 0.5  # the share of each side's content words the other has, for a paraphrase
    scope_words: int = 3  # a negation's scope: this many content words after the negating word
    near_words: int = 3  # an antonym counts when a shared word is among this many content words beside it
    short_words: int = 10  # in statements of at most this many content words, every word is near every other
    figure_near_words: int = 2  # a figure counts when one of the two words before it or after its unit is shared
    approx_margin: float = 0.1  # نحو 100 covers 90..110


THRESHOLDS = Thresholds()

# endings set aside when aligning (agreement, plural, nisba, tanween alif, an attached pronoun: قواتها) and when
# looking a word's sense up (plural and dual verbs, attached pronouns)
_LIGHT_SUFFIXES = ("يين", "يون", "ات", "ين", "ون", "ان", "يه", "ها", "هم", "ه", "ي", "ا")
_SENSE_SUFFIXES = ("هما", "هم", "ها", "ه", "ون", "ين", "ان", "وا", "ا")
_VERB_PREFIXES = "يتان"
_IMPERFECT = "يتن"  # the person prefixes of an imperfect verb (قد تغادر: may leave)
_VALUE = re.compile(r"\d{4}(?:-\d\d){0,2}|[gh]:\d{1,2}")  # a time's value: 2015, 2015-07, 2015-07-21, g:7
_ODD_DIGITS = re.compile(r"\d\s*ر\s*\d|[\u200e\u200f\u061c]")
_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why two statements disagree: ``kind`` (figure, date, negation, antonym), ``detail`` (what differs, as
    written on each side), and the spans of the differing words in each statement (offsets into ``a`` and
    ``b``; None for a side that has no such words, as the side a negation is missing from)."""

    kind: str
    detail: str
    a_span: tuple[int, int] | None = None
    b_span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    keys: frozenset[str]  # what it matches on the other side
    senses: frozenset[str]  # the groups of claims.json it belongs to
    content: bool  # a word that says what is claimed (not a function word, not inside a figure or a date)


@dataclass(slots=True)
class _Side:
    text: str
    words: list[_Word]
    figures: list[Figure]
    dates: list[tuple[int, int, str]]  # start, end, value (YYYY, YYYY-MM or YYYY-MM-DD; g:M or h:M for a month)
    times: list[str]  # every time expression, as its value or, without one, its folded text
    ordinals: frozenset[str]  # the ordinals it counts items by (الدفعة الثانية)
    keys: frozenset[str]  # every key of every word
    t: Thresholds = THRESHOLDS  # how much of two statements must match (the caller's)


# language data ---------------------------------------------------------------------------------------------


@cache
def _data() -> dict:
    return load("link", "claims")


@cache
def _folded(key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _data()[key])


@cache
def _phrases(key: str) -> tuple[tuple[str, ...], ...]:
    """The multi-word entries of a list, as folded word tuples."""
    return tuple(tuple(fold(w).split()) for w in _data()[key] if " " in w)


@cache
def _groups(key: str = "groups") -> dict[str, frozenset[str]]:
    return {name: frozenset(fold(w) for w in words if " " not in w) for name, words in _data()[key].items()}


@cache
def _group_phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple((tuple(fold(w).split()), name) for name, words in _data()["groups"].items()
                 for w in words if " " in w)


@cache
def _opposite() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for x, y in _data()["opposites"]:
        out.setdefault(x, set()).add(y)
        out.setdefault(y, set()).add(x)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _stop() -> frozenset[str]:
    return folded_set("function_words", "words") | _folded("not_content") | _folded("negators") | _folded("hedges")


@cache
def _cues() -> frozenset[str]:
    return _folded("negators") | _folded("denials")


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _readings(word: str) -> frozenset[str]:
    """The folded word, without its proclitics, without the article, and a verb without its future prefix
    (سيغادر، وستبقى: يغادر، تبقى)."""
    out = set()
    for c in proclitic_candidates(word):
        out.add(c)
        out.add(strip_article(c))
        if len(c) >= 4 and c[0] == "س" and c[1] in _IMPERFECT:
            out.add(c[1:])
    return frozenset(out)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _keys(word: str) -> frozenset[str]:
    """What the word may match on the other side: its readings and their light stems (an agreement or nisba
    ending off, a verb's person prefix off: يرتفع / ترتفع، الإيراني / إيران، جديد / جديدة، دولار / دولارا)."""
    out = set()
    for r in _readings(word):
        out.add(r)
        stems = [r]
        if len(r) >= 4 and r[0] in _VERB_PREFIXES:
            stems.append(r[1:])
        for s in stems:
            out.add(s)
            for suffix in _LIGHT_SUFFIXES:
                if s.endswith(suffix) and len(s) - len(suffix) >= 3:
                    out.add(s[: -len(suffix)])
    return frozenset(out)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _senses(word: str, key: str = "groups") -> frozenset[str]:
    """The groups (of the word lists' ``key``) the word belongs to, read with its proclitics and article off,
    and failing that with a plural ending or an attached pronoun off, or another person of an imperfect verb
    (يدعمون، خسائرها، مكاسبه، نرفض)."""
    readings = _readings(word)
    found = frozenset(name for name, words in _groups(key).items() if readings & words)
    if found:
        return found
    stems = {r[: -len(s)] for r in readings for s in _SENSE_SUFFIXES if r.endswith(s) and len(r) - len(s) >= 3}
    stems |= {p + r[1:] for r in readings | stems if r[:1] in _IMPERFECT and len(r) >= 4 for p in _IMPERFECT}
    return frozenset(name for name, words in _groups(key).items() if stems & words)


def _in(word: _Word, words: frozenset[str]) -> bool:
    return any(r in words for r in _readings(word.text))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _cue(word: str) -> str | None:
    """The negating word (folded) that ``word`` is, with a conjunction or preposition written onto it (ولا،
    بعدم، لعدم) but never the article (الغير is no negation) nor the ك of likeness (كلا)."""
    f = fold(word)
    if f in _cues():
        return f
    for clitic, reading in proclitic_readings(word):
        if "ك" not in clitic and len(reading) >= 3 and reading in _cues():
            return reading
    return None


def _is_cue(word: _Word) -> bool:
    return _cue(word.text) is not None


def _starts(folded: Sequence[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(folded[i:i + len(phrase)]) == phrase


def _phrase_at(words: Sequence[_Word], i: int, phrase: tuple[str, ...]) -> bool:
    """Does the phrase start at word ``i``, its first word with a proclitic or not (ولا يزال)?"""
    n = len(phrase)
    return (i + n <= len(words) and phrase[0] in proclitic_candidates(words[i].text)
            and all(fold(w.text) == p for w, p in zip(words[i + 1:i + n], phrase[1:], strict=True)))


# reading one statement -------------------------------------------------------------------------------------


def _side(text: str, anchor: dt.date | None) -> _Side:
    """One statement read: its words, figures and dates. Relative dates (أمس، الشهر الماضي) get a value only
    against a publication date (``anchor``)."""
    figures = [_bounded(text, f) for f in find_figures(text)]
    dates: list[tuple[int, int, str]] = []
    times: list[str] = []
    spans = [(f.start, f.end) for f in figures]
    for h in find_hits(text):
        t = resolve(text, h, anchor, "published")
        spans.append((t.start, t.end) if t else (h.start, h.end))
        value = t.value if t and (anchor or not t.relative) else None
        if t and value and t.precision in ("day", "month", "year"):
            dates.append((t.start, t.end, value))
        elif value is None and len(months := [m for w in text[h.start:h.end].split() if (m := _month(w))]) == 1:
            value = months[0]  # في يونيو، رمضان الماضي: the month, whatever the year
            dates.append((h.start, h.end, value))
        times.append(value or " ".join(fold(text[h.start:h.end]).split()))
    stop = _stop()
    toks = [t for t in tokens(text) if t.text[0].isalpha()]
    folded = [fold(t.text) for t in toks]
    phrase_senses: dict[int, set[str]] = {}
    for i in range(len(toks)):
        for phrase, name in _group_phrases():
            if _starts(folded, i, phrase[:-1]) and len(folded) > i + len(phrase) - 1 and (
                    phrase[-1] in _readings(toks[i + len(phrase) - 1].text)):
                phrase_senses.setdefault(i, set()).add(name)
    words = []
    for i, tok in enumerate(toks):
        inside = any(tok.start < e and s < tok.end for s, e in spans)
        if not inside and (month := _month(tok.text)):
            dates.append((tok.start, tok.end, month))
            times.append(month)
            inside = True
        senses = frozenset() if inside else _senses(tok.text) | phrase_senses.get(i, set())
        content = not inside and not (_readings(tok.text) & stop) and len(folded[i]) >= 2
        keys = _keys(tok.text) | {"#" + s for s in senses}
        words.append(_Word(tok.start, tok.end, tok.text, keys, frozenset(senses), content))
    ordinals = frozenset(r for t in toks for r in _readings(t.text) if r in _ordinals())
    keys = frozenset(k for w in words for k in w.keys)
    return _Side(text, words, figures, dates, times, ordinals, keys)


@cache
def _ordinals() -> frozenset[str]:
    """Ordinal words (الثاني، الثالث): items told apart by them are different items."""
    return frozenset(fold(w) for w in analyse_data("time_words")["ordinal_days"] if " " not in w)


def _month(word: str) -> str | None:
    """A month named alone (في رمضان، كذبة أبريل), as ``g:4`` or ``h:9``; not a name that is also a word."""
    ambiguous = word_list("ambiguous_months")
    for r in proclitic_candidates(word):
        if r in ambiguous:
            return None
        if r in month_names():
            return f"g:{month_names()[r]}"
        if r in hijri_month_names():
            return f"h:{hijri_month_names()[r]}"
    return None


@cache
def _bound_phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded words, more_than | less_than), longest first."""
    bounds = _data()["bounds"]
    found = [(tuple(fold(p).split()), kind) for kind in ("more_than", "less_than") for p in bounds[kind]]
    return tuple(sorted(found, key=lambda x: -len(x[0])))


def _bounded(text: str, f: Figure) -> Figure:
    """A figure after a verb of comparison is a bound: النفط يتخطى حاجز الـ80 دولارا (more than 80), يقل عن ٨٠
    دولار (less than 80)."""
    if f.approx is not None:
        return f
    fillers = frozenset(fold(w) for w in _data()["bounds"]["fillers"])
    before = [t.text for t in tokens(text, 0, f.start) if t.text[0].isalpha()]
    while before and fold(before[-1]) in fillers:
        before.pop()
    for words, kind in _bound_phrases():
        n = len(words)
        if len(before) >= n and tuple(map(fold, before[-n:-1])) == words[:-1] and words[-1] in _readings(
                before[-1]):
            return replace(f, approx=kind)
    return f


def _hedged(side: _Side) -> bool:
    """A yes/no question or a mere possibility: the statement asserts nothing. (A question asking how or why
    presupposes what it asks about, كيف انهارت الليرة؟, and قد before a past verb affirms.)"""
    words = side.words
    if any(_in(w, _folded("hedges")) for w in words):
        return True
    if any(_phrase_at(words, i, p) for p in _phrases("hedges") for i in range(len(words))):
        return True
    return any(_in(w, _folded("possibility")) and (fold(nxt.text)[:1] in _IMPERFECT or _is_cue(nxt))
               for w, nxt in zip(words, words[1:], strict=False))


def _shares(a: _Side, b: _Side, skip: Iterable[_Word] = ()) -> tuple[float, float, int]:
    """The share of each side's content words (those in ``skip`` aside) found on the other side, and how many
    content words the two share."""
    skipped = {(w.start, w.text) for w in skip}
    shares, shared = [], 0
    for x, y in ((a, b), (b, a)):
        content = [w for w in x.words if w.content and (w.start, w.text) not in skipped]
        matched = sum(bool(w.keys & y.keys) for w in content)
        shares.append(matched / len(content) if content else 0.0)
        shared = max(shared, matched)
    return shares[0], shares[1], shared


def _aligned(a: _Side, b: _Side, skip: Iterable[_Word] = (), *, both: bool = False) -> bool:
    """Is the rest of the two statements the same: most of one side's content words on the other (``both``:
    most of each side's, as in a paraphrase), and at least one shared?"""
    share_a, share_b, shared = _shares(a, b, list(skip))
    if both:
        return min(share_a, share_b) >= a.t.paraphrase_overlap and shared >= a.t.min_shared
    return max(share_a, share_b) >= a.t.min_overlap and shared >= a.t.min_shared


# figures ---------------------------------------------------------------------------------------------------


def _interval(f: Figure) -> tuple[float, float, bool]:
    """The values a figure allows, and whether it is a bound (أكثر من، أقل من، على الأقل) rather than a value.
    A value in digits covers what rounds to it (454 مليار covers 454.4 مليار, 1.2 مليار covers 1.22 مليار)."""
    lo = float(f.value or 0.0)
    hi = float(f.value_max) if f.value_max is not None else lo
    if (m := _NUMBER.search(fold(f.text))) and float(m[0]):
        half = 0.5 * 10 ** -len(m[1] or "") * lo / float(m[0])
        lo, hi = lo - half, hi + half
    if f.approx == "about":
        return lo * (1 - THRESHOLDS.approx_margin), hi * (1 + THRESHOLDS.approx_margin), False
    if f.approx in ("more_than", "at_least"):
        return hi, math.inf, True
    if f.approx in ("less_than", "at_most"):
        return -math.inf, lo, True
    return lo, hi, False


def _compatible(f: Figure, g: Figure) -> bool:
    """Can both figures hold? A vague plural (عشرات، آلاف) holds with anything; a bound holds with a value at
    its limit (منذ أكثر من 35 عاما، منذ 35 عاما); two strict bounds facing each other at one limit do not
    (أكثر من 90، أقل من 90)."""
    if f.approx == "vague" or g.approx == "vague":
        return True
    (a0, a1, bound_a), (b0, b1, bound_b) = _interval(f), _interval(g)
    if bound_a and bound_b and f.approx in ("more_than", "less_than") and g.approx in ("more_than", "less_than"):
        return max(a0, b0) < min(a1, b1)
    return max(a0, b0) <= min(a1, b1)


def _same_unit(f: Figure, g: Figure) -> bool:
    if f.unit is None or g.unit is None:
        return f.unit is None and g.unit is None
    return bool(_keys(f.unit.split()[0]) & _keys(g.unit.split()[0]))


def _shown(f: Figure) -> str:
    bound = {"more_than": ">", "less_than": "<", "at_least": ">=", "at_most": "<="}.get(f.approx or "")
    shown = f"{f.text} {f.unit or ''}".strip()
    return f"{shown} ({bound})" if bound and fold(f.text)[:1].isdigit() else shown


def _readable(text: str, f: Figure) -> bool:
    """Is the figure's value surely what the text says? Not when a number in quotation marks or brackets
    stands before a scale word read alone («50» ألف), nor for digits written with a separator the figures do
    not read (83ر51، 8.‏1 with a direction mark inside)."""
    before = text[:f.start].rstrip(" «»\"'()[]")
    if before[-1:].isdigit() or _ODD_DIGITS.search(f.text):
        return False
    return True


def _figure(a: _Side, b: _Side) -> Verdict | None:
    """The same quantity, both values readable and unable to both hold, beside the same word on both sides (the
    same thing counted: تهريب 200 ألف حبة، تهريب 250 ألف حبة; not 1116 دولار للأوقية and 56 دولار للبرميل)."""
    figures_a = [f for f in a.figures if f.value is not None and _readable(a.text, f)]
    figures_b = [g for g in b.figures if g.value is not None and _readable(b.text, g)]
    for f in figures_a:
        if any(_compatible(f, g) for g in b.figures if g.value is not None):
            continue
        for g in figures_b:
            if not _same_unit(f, g) or any(_compatible(g, h) for h in a.figures if h.value is not None):
                continue
            if f.unit is None and (len(a.figures) > 1 or len(b.figures) > 1):
                continue  # bare numbers pair only when each side has one
            span_f, span_g = (f.start, f.unit_end or f.end), (g.start, g.unit_end or g.end)
            if _anchored(a, span_f, b, span_g, a.t.figure_near_words) and _aligned(a, b):
                return Verdict("figure", f"{_shown(f)} / {_shown(g)}", span_f, span_g)
    return None


# dates -----------------------------------------------------------------------------------------------------


def _same_date(x: str, y: str) -> bool:
    """Do two values name the same time at the precision they share (2019 and 2019-04 do)?"""
    if x[:2] in ("g:", "h:") or y[:2] in ("g:", "h:"):
        if x[:2] == y[:2]:
            return x == y
        gregorian = x if x[:2] == "g:" else y if y[:2] == "g:" else None
        other = y if gregorian is x else x
        return not (gregorian and len(other) >= 7 and other[:2] not in ("g:", "h:")
                    and int(other[5:7]) != int(gregorian[2:]))
    n = min(len(x), len(y))
    return x[:n] == y[:n]


def _date(a: _Side, b: _Side) -> Verdict | None:
    """Each statement dated once, the same event told beside the date on both sides, on different days,
    months or years. (A statement with several dates, من 2006 حتى 2014، relates events to one another.)"""
    if len(a.times) != 1 or len(b.times) != 1:
        return None
    for sa, ea, va in a.dates:
        if any(_same_date(va, v) for *_, v in b.dates):
            continue
        for sb, eb, vb in b.dates:
            if any(_same_date(vb, v) for *_, v in a.dates) or (va[:2] == "h:") != (vb[:2] == "h:"):
                continue
            if _anchored(a, (sa, ea), b, (sb, eb)) and _aligned(a, b):
                return Verdict("date", f"{a.text[sa:ea]} / {b.text[sb:eb]}", (sa, ea), (sb, eb))
    return None


# negation --------------------------------------------------------------------------------------------------


def _negations(side: _Side) -> list[int]:
    """Indices of the words that negate or deny (not a word of a figure, لا يقل عن 20, nor of a phrase that
    asserts: لا يزال، لا سيما، لا شك)."""
    words = side.words
    in_figure = [(f.start, f.end) for f in side.figures]
    asserting: set[int] = set()
    for p in _phrases("not_negations"):
        for i in range(len(words)):
            if _phrase_at(words, i, p):
                asserting.update(range(i, i + len(p)))
    out = []
    for i, w in enumerate(words):
        if i in asserting or any(s <= w.start < e for s, e in in_figure):
            continue
        if _is_cue(w) or any(_phrase_at(words, i, p) for p in _phrases("negators")):
            if any(_in(x, _folded("exceptives")) for x in words[i + 1:i + 1 + EXCEPTIVE_REACH]):
                continue  # لم يبق سوى المراقبين: a restriction, not a denial
            out.append(i)
    return out


def _negation(a: _Side, b: _Side) -> Verdict | None:
    """a negates (and b does not) a word that b asserts."""
    cues = _negations(a)
    if not cues or _negations(b):
        return None
    word_negators = _folded("word_negators")
    for i in cues:
        cue = a.words[i]
        after = [w for w in a.words[i + 1:] if w.content and not _is_cue(w)]
        if _cue(cue.text) in word_negators:  # غير، دون، عدم negate the one word after them (light ones aside)
            if i + 1 < len(a.words) and _cue(cue.text) == fold("غير") and fold(a.words[i + 1].text)[:2] == "ال":
                continue  # الجمعية غير العادية، الهجرة غير الشرعية: a name for a kind, not a denial
            after = [w for w in after if not _in(w, _folded("light_words"))]
        scope = after[:1 if _cue(cue.text) in word_negators else a.t.scope_words]
        if not scope or i and scope[0].keys & a.words[i - 1].keys or i + 1 < len(a.words) and _likeness(
                a.words[i + 1]):
            continue  # أزياء لا كالأزياء، ليست ككل الساعات: like no other, not a denial
        senses_b = {s for w in b.words for s in w.senses}
        if any(_opposite().get(t, frozenset()) & senses_b for w in scope for t in w.senses):
            continue  # لن يمنع and يمكنهم, لا إصابات and سلامة: the negated opposite says the same
        if senses_b & frozenset(_data()["negative"]):
            continue  # لم يغادر and تمنعه من المغادرة: the other side may say the negation in its own words
        asserted = [w for w in scope if w.keys & b.keys]
        # the negated word itself asserted on the other side (لن يزور، يزور; after a verb of denial, its subject
        # too: تركيا ترفض التفاهم، تركيا تنتظر التفاهم), or else the two statements the same apart from the
        # negation, the other side saying the negated thing in its own words
        before = [w for w in a.words[:i] if w.content][-1:]
        framed = bool(asserted) and asserted[0] is scope[0] and (
            _cue(cue.text) not in _folded("denials") or any(w.keys & b.keys for w in before))
        if asserted and _aligned(a, b, [cue], both=not framed and not _short(a, b)):
            return Verdict("negation", f"{cue.text} … {asserted[0].text}", (cue.start, asserted[0].end), None)
    return None


@lru_cache(maxsize=WORD_CACHE_SIZE)
def denied_report(text: str) -> tuple[int, int] | None:
    """What a statement denies having been reported, as a span of ``text``: a verb of denial, within a few
    words what was reported, and the matter after a word of topic or right after صحة (وننفي ما صدر من بعض وسائل
    الإعلام بخصوص إغلاق المعبر: إغلاق المعبر). None when the statement denies no report."""
    if not any(_in_word(t.text, "report_denials") for t in tokens(text)):
        return None
    side = _side(text, None)
    words = side.words
    for i, w in enumerate(words):
        if not _in(w, _folded("report_denials")):
            continue
        window = words[i + 1:i + 1 + REPORT_REACH]
        reported = next((k for k, x in enumerate(window) if _reported(x)), None)
        if reported is None:
            continue
        topic = next((k for k, x in enumerate(window) if k > reported and _in(x, _folded("topics"))), None)
        if topic is None and fold(window[reported].text) in _TRUTH:
            topic = reported + sum(1 for _ in itertools.takewhile(
                lambda x: _in(x, _folded("reports")), window[reported + 1:]))
        matter = [x for x in words[i + 2 + topic:] if x.content][:MATTER_WORDS] if topic is not None else []
        if len(matter) >= 2:
            return matter[0].start, matter[-1].end
    return None


_TRUTH = (fold("صحة"), fold("بصحة"))  # نفى صحة الأنباء: the truth of a report (not الصحة, health)


def _reported(word: _Word) -> bool:
    """A word for what was reported (ما، الأنباء، التقارير), or صحة written bare (its truth)."""
    if fold(word.text).endswith(_TRUTH[0]):
        return fold(word.text) in _TRUTH
    return _in(word, _folded("reports"))


def rebuttal(a: str, b: str) -> Verdict | None:
    """a denies a report that b makes: the matter of a's denial (:func:`denied_report`) all asserted by b, each
    of its content words or one of the same sense (إغلاق المعبر; أغلقت السلطات المعبر أمام الشاحنات), b negating
    and hedging nothing."""
    span = denied_report(a)
    if span is None:
        return None
    sb = _side(b, None)
    if _hedged(sb) or _negations(sb):
        return None
    matter = [w for w in _side(a[span[0]:span[1]], None).words if w.content]
    found = [next((x for x in sb.words if x.content and w.keys & x.keys), None) for w in matter]
    if len(matter) < 2 or any(x is None for x in found):
        return None
    starts = [x.start for x in found if x]
    ends = [x.end for x in found if x]
    return Verdict("denial", f"{a[span[0]:span[1]]} / {b[min(starts):max(ends)]}", span, (min(starts), max(ends)))


def running_total(text: str, start: int) -> bool:
    """Is the figure at ``start`` a count so far (تصحيح أوضاع 400 ألف يمني حتى أمس), the final count of what was
    counted as it went (تنهي تصحيح أوضاع أكثر من 439 ألف يمني) or a toll that rose to it
    (ارتفاع عدد ضحايا مركب النيل إلى 29, لـ31)? Another count of the same thing then updates it, not contradicts it."""
    toks = [t for t in tokens(text) if any(c.isalpha() or c.isdigit() for c in t.text)]
    at = next((k for k, t in enumerate(toks) if t.end > start), len(toks))
    near = toks[max(0, at - RUNNING_REACH):at + RUNNING_REACH + 1]  # not انتهاء صلاة الجمعة further off
    folded = [fold(t.text) for t in near]
    if any(_starts(folded, i, p) for p in _phrases("running_totals") for i in range(len(folded))) or any(
            _in_word(t.text, "running_totals") for t in near):
        return True
    before = [t for t in tokens(text[:start]) if any(c.isalpha() for c in t.text)]
    return bool(before) and fold(before[-1].text).rstrip("ـ") in (fold("إلى"), "ل") and any(
        "rise" in _senses(t.text) for t in before[:-1])  # ارتفاع ضحايا مركب النيل لـ31


def few_count(text: str) -> tuple[int, int, int, frozenset[str]] | None:
    """A count the statement says is few (أعداد اللاجئين العائدين "قليلة جداً"، أعدادهم قليلة):
    where the count word starts, where the word of few starts and ends, and the kinds of thing it counts (the
    noun the count word governs: الجنود, forces; not عدد القتلى من الجنود); None when it says none."""
    toks = [t for t in tokens(text) if any(c.isalpha() for c in t.text)]
    for i, t in enumerate(toks):
        if not _in_word(t.text, "count_words") or i + 1 >= len(toks):
            continue
        # the word of few said of the count (indefinite: قليلة; المحدودة describes another noun)
        few = next((u for u in toks[i + 1:i + 1 + FEW_REACH] if _in_word(u.text, "few_words")
                    and not fold(u.text).startswith("ال")), None)
        if few is None:
            continue
        own = fold(t.text).endswith(("هم", "ها"))  # أعدادهم: the kind is named elsewhere in the statement
        kinds = frozenset(k for x in (toks if own else toks[i + 1:i + 2]) for k in counted_kinds(x.text))
        return t.start, few.start, few.end, kinds  # the kind counted: the noun the count word governs
    return None


def counted_kinds(word: str) -> frozenset[str]:
    """The kinds of thing counted a word names (عنصر، الجنود، قواته: forces)."""
    return _senses(word, "counted_kinds")


def opposed(a: str, b: str) -> bool:
    """Does one statement say a word whose opposite the other says (تغلق على تراجع، تغلق على ارتفاع)? Then
    two figures of theirs measure different moves, not one quantity."""
    senses_a = {s for t in tokens(a) for s in _senses(t.text)}
    senses_b = {s for t in tokens(b) for s in _senses(t.text)}
    return any(_opposite().get(s, frozenset()) & senses_b for s in senses_a)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _in_word(word: str, key: str) -> bool:
    return bool(set(_readings(word)) & _folded(key))


def _likeness(word: _Word) -> bool:
    """كالأزياء، ككل: a word with the ك of likeness on it."""
    return any(clitic.endswith("ك") for clitic, _ in proclitic_readings(word.text))


# antonyms --------------------------------------------------------------------------------------------------


def _relative_to(side: _Side) -> list[frozenset[str]]:
    """What the statement's directions are stated against: the word after each relative word (أمام الدولار)."""
    out = []
    for i, w in enumerate(side.words):
        if _in(w, _folded("relative")):
            after = [x for x in side.words[i + 1:] if x.content][:1]
            out.append(after[0].keys if after else frozenset())
    return out


def _near(side: _Side, start: int, end: int, n: int) -> list[_Word]:
    """The ``n`` content words nearest ``[start, end)`` of the text, before and after it."""
    return [w for w in side.words if w.end <= start and w.content][-n:] + [
        w for w in side.words if w.start >= end and w.content][:n]


def _short(a: _Side, b: _Side) -> bool:
    """Are both statements short (headlines)?"""
    return max(sum(w.content for w in a.words), sum(w.content for w in b.words)) <= a.t.short_words


def _anchored(a: _Side, span_a: tuple[int, int], b: _Side, span_b: tuple[int, int], n: int | None = None) -> bool:
    """Do the spans of a and b stand beside one shared word (the same subject, object or event), among the
    ``n`` content words on each side of them?"""
    if _short(a, b):
        return True  # in two short statements (headlines) every word is near every other
    n = n or a.t.near_words
    near_b = [w.keys for w in _near(b, *span_b, n)]
    return any(w.keys & k for w in _near(a, *span_a, n) for k in near_b)


def _antonym(a: _Side, b: _Side) -> Verdict | None:
    """A word of a (its sense not said on b) against a word of the opposite sense on b (not said on a), beside a
    shared word, the rest of the two statements (what they say of the subject aside) the same."""
    if len(_negations(a)) != len(_negations(b)):
        return None  # a negation on one side may turn the opposite back
    senses_a = {s for w in a.words for s in w.senses}
    senses_b = {s for w in b.words for s in w.senses}
    rel_a, rel_b = _relative_to(a), _relative_to(b)
    relative_differs = (rel_a or rel_b) and not (
        len(rel_a) == len(rel_b) and all(any(x & y for y in rel_b) for x in rel_a))
    directional = frozenset(_data()["directional"])
    said = [w for w in a.words + b.words if w.senses]  # what is said of the subject: aligned apart
    for wa in a.words:
        for sense in wa.senses:
            if sense in senses_b or relative_differs and sense in directional:
                continue  # الدولار يرتفع أمام الليرة is the lira falling
            for wb in b.words:
                opposed = wb.senses & _opposite().get(sense, frozenset())
                if not opposed or opposed & senses_a or _keys(wa.text) & _keys(wb.text):
                    continue
                if _anchored(a, (wa.start, wa.end), b, (wb.start, wb.end)) and _aligned(a, b, said):
                    return Verdict("antonym", f"{wa.text} / {wb.text}", (wa.start, wa.end), (wb.start, wb.end))
    return None


def _other_occasion(a: _Side, b: _Side) -> bool:
    """Do the two statements tell of different occasions: each dated, by no date of the other (a figure of
    Ramadan and one of today), or each counting an item by its own ordinal (الدفعة الثانية، الدفعة الثالثة)?"""
    if a.times and b.times and not any(_same_date(x, y) if _valued(x) and _valued(y) else x == y
                                       for x in a.times for y in b.times):
        return True
    return bool(a.ordinals - b.ordinals and b.ordinals - a.ordinals)


def _valued(time: str) -> bool:
    return bool(_VALUE.fullmatch(time))


def compare(a: str, b: str, *, a_date: dt.date | None = None, b_date: dt.date | None = None,
            thresholds: Thresholds = THRESHOLDS) -> Verdict | None:
    """Do two statements on one subject disagree? A :class:`Verdict` saying why, or None when they agree or
    it cannot be told. ``a_date``/``b_date``: when each was published; relative dates (أمس، الشهر الماضي)
    are compared only when both are given. ``thresholds``: how much of them must match (statements of one
    story are known to be on one topic)."""
    anchors = (a_date, b_date) if a_date and b_date else (None, None)
    sa, sb = _side(a, anchors[0]), _side(b, anchors[1])
    sa.t = sb.t = thresholds
    if _hedged(sa) or _hedged(sb):
        return None
    if v := _date(sa, sb):
        return v
    if _other_occasion(sa, sb):
        return None
    if v := _figure(sa, sb):
        return v
    if v := _negation(sa, sb):
        return v
    if v := _negation(sb, sa):
        return Verdict(v.kind, v.detail, None, v.a_span)
    return _antonym(sa, sb)
