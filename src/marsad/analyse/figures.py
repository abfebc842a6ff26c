"""Figures: quantities an article states, in digits (Western or Arabic-Indic) or in words, with the
range or qualifier that goes with them and the noun they count.

``نحو 60 دولة`` -> value 60, approx ``about``, unit ``دولة``; ``بين 200 و300 عنصر`` -> 200..300;
``ثلاثة آلاف وخمسمائة`` -> 3500; ``عشرات الآلاف`` -> 30000..99999 (a vague plural is 3 to 9.99 times its
base). Dates (the spans the ``times`` step found), years, clock times, phone numbers, identifiers
(``القرار 2254``) and page metadata (``1500 مشاهدة``) are not figures. The words are data
(``data/numbers.json``); matching runs on the folded text and every span maps back to ``Article.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from marsad.analyse.lexicon import data, folded_set
from marsad.arabic import fold, fold_with_offsets, original_span
from marsad.arabic.calendar import month_names
from marsad.model import Article, Figure
from marsad.pipeline import Step
from marsad.settings import WORD_CACHE_SIZE

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")
_NOT_FIGURE = re.compile(
    r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)"  # clock times
    r"|(?:\+|(?<!\d)00|(?<![\d.,])0)\d[\d \-]{6,}\d"  # phone numbers
    r"|https?://\S+|www\.\S+|[@#]\w+"  # addresses, handles, hashtags
)
# what may stand before digits written against a word: proclitics, the article (بـ300، الـ20، وبـ5)
_DIGIT_PREFIXES = frozenset(("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "لل", "وب", "ول", "فب", "وبال"))
_WORD_PROCLITICS = ("وب", "و", "ب", "ف", "ل")


class _Tok(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Lex:
    words: dict[str, tuple[str, float]]  # folded word -> (kind, value)
    vague: dict[str, float]
    few: frozenset[str]
    qualifiers: tuple[tuple[tuple[str, ...], str], ...]  # longest first
    post_qualifiers: tuple[tuple[tuple[str, ...], str], ...]  # after the number: 3216 على الأقل
    range_openers: frozenset[str]
    range_links: frozenset[str]
    of_total: tuple[tuple[str, ...], ...]
    percent: tuple[tuple[str, ...], ...]
    currency: frozenset[str]
    heads: frozenset[str]
    year_markers: frozenset[str]
    metadata: frozenset[str]
    not_counted: frozenset[str]


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(_TOKEN.findall(fold(p))) for p in items}, key=len, reverse=True))


@cache
def _lex() -> _Lex:
    n = data("numbers")
    words: dict[str, tuple[str, float]] = {}
    for kind in ("units", "compound_only", "tens", "hundreds", "scales", "fractions"):
        for w, v in n[kind].items():
            if " " not in w:  # ثلاثة أرباع is read as two words
                words[fold(w)] = (kind, float(v))
    def qualifiers(key: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        return tuple(sorted(((p, kind) for kind, ps in n[key].items() for p in _phrases(ps)),
                            key=lambda x: len(x[0]), reverse=True))

    return _Lex(
        words=words,
        vague={fold(w): float(v) for w, v in n["vague"].items()},
        few=frozenset(fold(w) for w in n["few"]),
        qualifiers=qualifiers("qualifiers"),
        post_qualifiers=qualifiers("post_qualifiers"),
        range_openers=frozenset(fold(w) for w in n["range_openers"]),
        range_links=frozenset(fold(w) for w in n["range_links"]),
        of_total=_phrases(n["of_total"]),
        percent=_phrases(n["percent"]),
        currency=frozenset(n["currency_symbols"]),
        heads=frozenset(fold(w) for w in n["not_quantity_heads"]),
        year_markers=frozenset(fold(w) for w in n["year_markers"]),
        metadata=frozenset(fold(w) for w in n["metadata_nouns"]),
        not_counted=folded_set("function_words", "words") | {fold(f) for f in n["fractions"]},
    )


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _word(tok: str) -> tuple[str, float, bool] | None:
    """(kind, value, and-prefixed) of a number word, its proclitic (و ب ف ل) allowed."""
    words = _lex().words
    return next(((*words[w], p.startswith("و")) for p, w in _bare(tok) if w in words), None)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _vague(tok: str) -> float | None:
    """Base of a vague plural (عشرات، مئات، الآلاف، بالملايين), with proclitics and article."""
    lex = _lex()
    for p in ("", *_WORD_PROCLITICS, "ال", "بال", "وال", "لل"):
        if tok.startswith(p) and tok[len(p):] in lex.vague:
            return lex.vague[tok[len(p):]]
    return None


class Figures(Step):
    name = "figures"
    requires = ("text", "times")
    provides = ("figures",)

    def process(self, article: Article) -> Article:
        article.figures = find_figures(article.text, [(t.start, t.end) for t in article.times])
        return article


@dataclass
class _Quantity:
    i: int  # first token (qualifier or range opener included)
    j: int  # one past the last token of the number(s)
    value: float
    value_max: float | None = None
    approx: str | None = None
    digits: bool = False
    plain_integer: bool = False  # digits only, no scale word, no separator: could be a year
    scale: float = 1.0  # the scale word after digits (300 ألف)
    parenthesised: bool = False  # (15): a count in Saudi press style, or a part number
    definite: bool = False  # الـ51: with a counted noun a count (الـ20 دولة), without one an ordinal


def find_figures(text: str, dates: list[tuple[int, int]] | None = None) -> list[Figure]:
    folded, index = fold_with_offsets(text)
    toks = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]
    blocked = [(m.start(), m.end()) for m in _NOT_FIGURE.finditer(folded)]
    blocked += [(bisect_left(index, s), bisect_left(index, e)) for s, e in dates or ()]
    lex = _lex()
    out: list[Figure] = []
    last_unit: tuple[int, int] | None = None
    i = 0
    for start in [k for k, t in enumerate(toks) if _may_start(t.text)]:
        if start < i:
            continue  # inside a figure already read
        i = start
        q = _quantity(folded, toks, i)
        if q is None:
            continue
        i = q.j
        s, e = toks[q.i].start, toks[q.j - 1].end
        if any(s < be and bs < e for bs, be in blocked) or _is_identifier(toks, q.i, lex):
            continue
        unit, after = _unit(folded, toks, q, lex)
        if unit is None and (q.parenthesised and q.scale == 1 or q.definite or _is_fraction(toks, q)):
            continue  # "(3):" numbers a part, التقرير الـ51 is an ordinal, a fraction needs what it shares
        if _is_ordinal_teen(toks, q):
            continue
        if unit and _words(toks, unit).split()[0] in lex.metadata:
            continue
        if q.approx is None:
            q.approx = next((kind for p, kind in lex.post_qualifiers
                             if tuple(t.text for t in toks[after:after + len(p)]) == p), None)
        if unit is None and _is_bare_code(q) or unit and _words(toks, unit) in month_names():
            continue
        if unit is None and last_unit and _follows(toks, q.i, lex.of_total):
            unit = last_unit
        last_unit = unit
        if (w := _word(toks[q.i].text)) and w[2]:
            s += 1  # the conjunction of وثلاثة is not part of the number
        fs, fe = original_span(text, index, s, e)
        us, ue = original_span(text, index, toks[unit[0]].start, toks[unit[1] - 1].end) if unit else (None, None)
        out.append(Figure(fs, fe, text[fs:fe], _number(q.value), _number(q.value_max),
                          q.approx, text[us:ue] if unit else None, us, ue))
        i = max(i, after)
    return out


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _may_start(word: str) -> bool:
    """Can a quantity (or its qualifier or range opener) start with this token? Most words cannot."""
    lex = _lex()
    return word[0].isdigit() or word == "(" or word in lex.range_openers or _word(word) is not None \
        or _vague(word) is not None or _strip_few(word) in lex.few \
        or any(form in _qualifiers_by_first_word() for _, form in _bare(word))


def _number(v: float | None) -> float | None:
    """Whole numbers as int (2500, not 2500.0) while exact; the rest rounded."""
    return None if v is None else int(v) if float(v).is_integer() and abs(v) < 2 ** 53 else round(v, 6)


def _words(toks: list[_Tok], span: tuple[int, int]) -> str:
    return " ".join(t.text for t in toks[span[0]:span[1]])


def _adjacent(folded: str, a: _Tok, b: _Tok) -> bool:
    """Only spaces between two tokens (no punctuation, no line break)."""
    gap = folded[a.end:b.start]
    return not gap.strip() and "\n" not in gap


def _quantity(folded: str, toks: list[_Tok], i: int) -> _Quantity | None:
    lex = _lex()
    first = _qualifier(toks, i)
    start = i + first[1] if first else i
    opener = start < len(toks) and toks[start].text in lex.range_openers
    q = _number_at(folded, toks, start + opener)
    if q is None:
        return None
    q.i = i
    if first:
        q.approx = first[0]
    k = q.j
    if k + 1 < len(toks) and _adjacent(folded, toks[k - 1], toks[k]):
        link = toks[k].text
        if link in lex.range_links and (link != "و" or opener) and (link != "-" or q.digits):
            second = _number_at(folded, toks, k + 1)
            if second and q.scale == 1 and second.scale > 1 and q.value * second.scale < second.value:
                q.value *= second.scale  # بين 150 و200 مليار: the scale is said once, for both
            if second and second.value > q.value and (second.digits == q.digits or link != "-"):
                q.value_max, q.j = second.value, second.j
                q.plain_integer = q.plain_integer and second.plain_integer
        elif opener and link.startswith("و") and _word(link):
            second = _number_at(folded, toks, k)
            if second and second.value > q.value:
                q.value_max, q.j = second.value, second.j
    elif opener:
        return None  # "بين" with one number is not a range: read the number on its own
    return q


def _qualifier(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """(kind, number of tokens) of a qualifier starting at ``i`` (نحو، بأكثر من، وما لا يقل عن)."""
    for _, form in _bare(toks[i].text):
        for phrase, kind in _qualifiers_by_first_word().get(form, ()):
            n = len(phrase)
            if tuple(t.text for t in toks[i + 1:i + n]) == phrase[1:]:
                return kind, n
    return None


@cache
def _qualifiers_by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, kind in _lex().qualifiers:  # longest first, kept in each list
        index.setdefault(phrase[0], []).append((phrase, kind))
    return index


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _bare(word: str) -> tuple[tuple[str, str], ...]:
    """(proclitic, rest) for the word as it is and without a proclitic: بنحو -> ('ب', 'نحو'). ل comes off
    only words of four letters or more after it (لست is "I am not", not ل + ست)."""
    return (("", word), *((p, word[len(p):]) for p in _WORD_PROCLITICS
                          if word.startswith(p) and len(word) - len(p) >= (4 if p == "ل" else 2)))


def _number_at(folded: str, toks: list[_Tok], i: int) -> _Quantity | None:
    if i >= len(toks):
        return None
    t = toks[i]
    if t.text == "(" and i + 2 < len(toks) and toks[i + 1].text[0].isdigit() and toks[i + 2].text == ")":
        q = _digits(folded, toks, i + 1, closing=i + 2)
        if q:
            q.i, q.parenthesised = i, True
        return q
    if t.text[0].isdigit():
        return _digits(folded, toks, i)
    base = _vague(t.text)
    lex = _lex()
    if base is not None or _strip_few(t.text) in lex.few:
        return _vague_quantity(folded, toks, i, base)
    return _word_number(folded, toks, i)


def _strip_few(word: str) -> str:
    return word[1:] if word[:1] in ("و", "ب") and word[1:] in _lex().few else word


def _digits(folded: str, toks: list[_Tok], i: int, closing: int | None = None) -> _Quantity | None:
    """Digits, with the scale word after them (2.5 مليون) and what is added after that (3 آلاف و500).
    ``closing`` is the index of the ")" when the digits are in parentheses."""
    t = toks[i]
    if not _digits_stand_alone(folded, t):
        return None
    value = _parse_digits(t.text)
    if value is None:
        return None
    k = (closing if closing is not None else i) + 1
    prefix = _glued_prefix(folded, t.start)
    q = _Quantity(i, k, value, digits=True, plain_integer=t.text.isdigit(), definite="ال" in prefix or "لل" in prefix)
    if k < len(toks) and _adjacent(folded, toks[k - 1], toks[k]) and (w := _word(toks[k].text)) \
            and w[0] == "scales" and not w[2] and w[1] in (1e3, 1e6, 1e9, 1e12):
        q.value, q.j, q.plain_integer, q.scale = value * w[1], k + 1, False, w[1]
        _add_tail(folded, toks, q, w[1])
    return q


def _digits_stand_alone(folded: str, t: _Tok) -> bool:
    """Digits glued to letters (F16، كوفيد-19) are names, not quantities; proclitics (بـ300) are fine."""
    s, e = t.start, t.end
    if e < len(folded) and (folded[e].isascii() and folded[e].isalpha() or folded[e] in "@#_/"):
        return False
    if s and folded[s - 1] in "-/@#_." and s > 1 and folded[s - 2].isalnum():
        return False
    prefix = _glued_prefix(folded, s)
    return not prefix or prefix in _DIGIT_PREFIXES


def _glued_prefix(folded: str, s: int) -> str:
    """The letters written against digits at ``s`` (بـ300 -> ب)."""
    k = s
    while k and folded[k - 1].isalpha():
        k -= 1
    return folded[k:s]


MAX_DIGITS = 15  # longer digit strings are identifiers (accounts, codes), not quantities


def _parse_digits(s: str) -> float | None:
    if sum(c.isdigit() for c in s) > MAX_DIGITS:
        return None
    parts = s.split(",")
    if len(parts) > 1 and not all(len(p) == 3 and p.isdigit() for p in parts[1:]):
        return None  # "3,4" is a list or a decimal comma we cannot tell apart
    s = "".join(parts)
    if s.count(".") > 1:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def _add_tail(folded: str, toks: list[_Tok], q: _Quantity, scale: float) -> None:
    """``3 آلاف و500``، ``مليون ونصف``: what is added after a scale word."""
    k = q.j
    if k >= len(toks) or not _adjacent(folded, toks[k - 1], toks[k]):
        return
    if toks[k].text == "و" and k + 1 < len(toks) and toks[k + 1].text.isdigit() \
            and _adjacent(folded, toks[k], toks[k + 1]):
        extra = float(toks[k + 1].text)
        if extra < scale:
            q.value, q.j = q.value + extra, k + 2
        return
    w = _word(toks[k].text)
    if w and w[2] and w[0] == "fractions":
        q.value, q.j = q.value + w[1] * scale, k + 1
        if k + 1 < len(toks) and toks[k + 1].text.startswith("ال") and _word(toks[k + 1].text[2:]):
            q.j += 1  # مليون ونصف المليون
    elif w and w[2] and w[0] in ("units", "tens", "hundreds"):
        tail = _word_number(folded, toks, k)
        if tail and tail.value < scale:
            q.value, q.j = q.value + tail.value, tail.j


def _vague_quantity(folded: str, toks: list[_Tok], i: int, base: float | None) -> _Quantity | None:
    k = i + 1
    if base is None:  # بضع/بضعة: a few of the next scale, or a few of the counted noun
        base = 1.0
        if k < len(toks) and _adjacent(folded, toks[k - 1], toks[k]) and (b := _vague(toks[k].text)):
            base, k = b, k + 1
        elif k < len(toks) and (w := _word(toks[k].text)) and w[0] in ("scales", "hundreds"):
            base, k = w[1], k + 1
    elif k < len(toks) and _adjacent(folded, toks[k - 1], toks[k]) and toks[k].text.startswith("ال") \
            and (b := _vague(toks[k].text)) and b > base:
        base, k = base * b, k + 1  # عشرات الآلاف، مئات الملايين
    few = _strip_few(toks[i].text) in _lex().few
    return _Quantity(i, k, 3 * base, 9 * base if few else 10 * base - 1, approx="vague")


def _word_number(folded: str, toks: list[_Tok], i: int) -> _Quantity | None:
    total, current, last = 0.0, 0.0, None
    only_compound = True
    k = i
    while k < len(toks):
        if k > i and not _adjacent(folded, toks[k - 1], toks[k]):
            break
        w = _word(toks[k].text)
        if w is None or (k == i and w[2]):
            if k == i and w and w[2]:  # "وثلاثة" opening a number: the و is a conjunction
                w = (w[0], w[1], False)
            else:
                break
        kind, v, conj = w
        if kind in ("units", "compound_only") and (last is None or conj):
            current += v
        elif kind == "units" and v == 10 and last in ("units", "compound_only") and not conj and current < 10:
            current += 10  # ثلاثة عشر، أحد عشر
        elif kind == "tens" and (last is None or conj):
            current += v
        elif kind == "hundreds" and (last is None or conj):
            current += v
        elif kind == "hundreds" and v == 100 and last == "units" and not conj:
            current *= 100  # ثلاث مئة written apart
        elif kind == "scales" and not conj:
            if last is None:
                if v == 1e3 and toks[k].text.endswith("اف"):
                    break  # آلاف with no number before it is vague: handled elsewhere
                current = v
            else:
                total += (current or 1) * v
                current = 0
        elif kind == "fractions" and last is None:
            current = v
        elif kind == "fractions" and conj and last == "scales":
            total += v * _last_scale(toks, k)
        else:
            break
        only_compound = only_compound and kind == "compound_only"
        last = kind
        k += 1
    if k == i or only_compound:
        return None
    if last == "fractions" and total and k < len(toks) and toks[k].text.startswith("ال") and _word(toks[k].text[2:]):
        k += 1  # مليون ونصف المليون
    return _Quantity(i, k, total + current)


def _last_scale(toks: list[_Tok], k: int) -> float:
    w = _word(toks[k - 1].text)
    return w[1] if w else 0.0


def _unit(folded: str, toks: list[_Tok], q: _Quantity, lex: _Lex) -> tuple[tuple[int, int] | None, int]:
    """The counted noun or unit after a quantity (or a currency sign before it), and the token after it."""
    if q.i and toks[q.i - 1].text in lex.currency:
        return (q.i - 1, q.i), q.j
    k = q.j
    if k >= len(toks) or not _adjacent(folded, toks[k - 1], toks[k]):
        return None, k
    for phrase in lex.percent + tuple((c,) for c in lex.currency):
        if tuple(t.text for t in toks[k:k + len(phrase)]) == phrase:
            return (k, k + len(phrase)), k + len(phrase)
    if q.approx == "vague" and toks[k].text == "من" and k + 1 < len(toks):
        k += 1
    t = toks[k]
    if not t.text[0].isalpha() or t.text in lex.not_counted or t.text in lex.year_markers or _word(t.text) \
            or _vague(t.text) or len(t.text) < 2:
        return None, k
    if t.text.startswith("ال") and q.approx != "vague" and (q.digits or _is_fraction(toks, q)):
        return None, k  # نصف النهائي is a round, not a half
    if t.text.startswith(("بال", "لل", "كال")):
        return None, k  # a prepositional phrase (العشرات بالإضافة إلى), not a counted noun
    return (k, k + 1), k + 1


def _is_fraction(toks: list[_Tok], q: _Quantity) -> bool:
    w = _word(toks[q.j - 1].text)
    return w is not None and w[0] == "fractions" and q.j - q.i == 1


def _is_ordinal_teen(toks: list[_Tok], q: _Quantity) -> bool:
    """الحادي عشر، الثامن عشر، السادسة عشرة: an ordinal, not ten."""
    w = _word(toks[q.i].text)
    return w is not None and w[1] == 10 and q.i > 0 and toks[q.i - 1].text.startswith("ال")


def _is_identifier(toks: list[_Tok], i: int, lex: _Lex) -> bool:
    return bool(i) and (toks[i - 1].text in lex.heads or toks[i - 1].text[1:] in lex.heads
                        and toks[i - 1].text[0] in "وفب")


def _is_bare_code(q: _Quantity) -> bool:
    """Four or more plain digits counting nothing, with no qualifier: a year (في 2019، 2020-2021) or an
    identifier (مجلس الأمن 2254) far more often than a figure."""
    return q.plain_integer and not q.approx and q.value >= 1000


def _follows(toks: list[_Tok], i: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(t.text for t in toks[max(0, i - len(p)):i]) == p for p in phrases)
