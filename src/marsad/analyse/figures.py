"""Figures: quantities an article states, in digits (Western or Arabic-Indic) or in words, with the
range or qualifier that goes with them and the noun they count.

``نحو 60 دولة`` -> value 60, approx ``about``, unit ``دولة``; ``بين 200 و300 عنصر`` -> 200..300;
``ثلاثة آلاف وخمسمائة`` -> 3500; ``عشرات الآلاف`` -> 30000..99999 (a vague plural is 3 to 9.99 times its
base). Agency decimals are read as the agencies mean them (``5ر197 مليار`` = 197.5 billion) and a chain of
scales is one figure (``مليار و200 مليون`` = 1,200,000,000). Not figures: dates (the spans the ``times``
step found, and a day before a month name of any calendar: ``5 جويلية``، ``21 شعبان``، ``15 من الشهر``),
years, clock times, phone numbers, identifiers and ordinals after their head (``القرار 2254``،
``الدورة 32``، ``الدقيقة 53``), match scores and verse or page spans (``4-2``، ``(3-1)``، ``2-صفر``),
numbers in short quoted titles (``«خليجي 32»``), in citations (``(طه: 114)``) or after Latin names
(``IOS 6``), list numbers at the start of a line (``1- ...``) and page metadata (``1500 مشاهدة``). The
words are data (``data/numbers.json``, month names from ``marsad.arabic.calendar``); matching runs on the
folded text and every span maps back to ``Article.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.analyse.lexicon import data, folded_set
from marsad.arabic import Token, fold, fold_with_offsets, original_span, tokens
from marsad.arabic.calendar import hijri_month_names, month_names
from marsad.langdata import load
from marsad.model import Article, Figure
from marsad.pipeline import Step
from marsad.settings import WORD_CACHE_SIZE

# digits, with an agency decimal (94ر75: the part after the point is written first), or with separators
_TOKEN = re.compile(r"\d+ر\d+|\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")
_NOT_FIGURE = re.compile(
    r"(?=[\d+hw@#])"  # what each of these opens with, looked at first: a seventh of the time on a page
    r"(?:(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)"  # clock times
    r"|(?:\+|(?<!\d)00|(?<![\d.,])0)\d[\d \-]{6,}\d"  # phone numbers
    r"|https?://\S+|www\.\S+|[@#]\w+"  # addresses, handles, hashtags
    r"|(?<![\d.,])\d+(?:[ \t]*[-/][ \t]*\d+){2,}(?![\d.,])"  # 22 - 09 - 2012, 1-2-2: dates and section codes
    r"|\d\s*[×x*]\s*\d)"  # 4×100, 2880×1800: relays and dimensions
)
# a tatweel after digits is a dash (4ـ2، 5ـ 2، 80 ــ 90); folding would drop it and glue the numbers
_DIGIT_TATWEEL = re.compile(r"(?<=\d)([ \t]*)(ـ+)(?=[ \t]*\d)")
# a quoted span on one line (« » and “ ” fold to "): a short one holding a number is a title (خليجي 32)
_QUOTED = re.compile(r'(?=["\'])(?:"[^"\n]{1,200}"|\'\'[^\'\n]{1,200}\'\'|(?<![\w\'])\'[^\'\n]{1,200}\'(?![\w\']))')
TITLE_MAX_WORDS = 5  # a quoted span of at most this many words holding a number is a title, not a quote
_BRACKETS = {")": "(", "]": "[", "}": "{"}
# what may stand before digits written against a word: proclitics, the article (بـ300، الـ20، وبـ5)
_DIGIT_PREFIXES = frozenset(("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "لل", "وب", "ول", "فب", "وبال"))
_WORD_PROCLITICS = ("وب", "و", "ب", "ف", "ل")


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
    hijri_markers: frozenset[str]


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
        hijri_markers=frozenset(fold(w) for w in load("arabic", "calendar")["hijri_markers"]),
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
    version = 5  # 3-5: a scale word opening a number is its dual only before the counted noun (مليوناً و900 ألف);
    # invisible characters folded away
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
    dashed = _DIGIT_TATWEEL.sub(lambda m: m.group(1) + "-" + " " * (len(m.group(2)) - 1), text)
    folded, index = fold_with_offsets(dashed)  # same length as text: offsets hold for both
    toks = tokens(folded, pattern=_TOKEN)
    blocked = [(m.start(), m.end()) for m in _NOT_FIGURE.finditer(folded)]
    blocked += [(bisect_left(index, s), bisect_left(index, e)) for s, e in dates or ()]
    quoted = [(m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(folded)]
    lex = _lex()
    found: list[tuple[_Quantity, tuple[int, int] | None]] = []
    last_unit: tuple[int, int] | None = None
    chain = -2  # the token after the last number read as a numbered item (الدقائق 48 و55 و46)
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
        if any(s < be and bs < e for bs, be in blocked) or _second_of_pair(folded, toks, q.i):
            continue
        if q.scale == 1 and q.approx is None and q.value_max is None and (
                _is_identifier(toks, q.i, lex) and not _counts_after_head(folded, toks, q)
                or chain >= 0 and q.i == chain + 1 and toks[chain].text in ("و", ",")
                or _is_enumerator(folded, toks, q)):
            chain = q.j
            continue
        pair = _pair_end(folded, toks, q)
        if pair is not None and (pair > q.j or toks[q.i + 1].text == "/"):
            i = max(i, pair)
            continue  # 4-2، 1-1، (2-صفر)، 3 / 1: a score, a ratio or a span of verses, not a quantity
        _merge_repeated_digits(toks, q)
        unit, after = _unit(folded, toks, q, lex)
        if unit is None and (pair == q.j or q.parenthesised and q.scale == 1 or q.definite or _is_fraction(toks, q)):
            continue  # 25-27 alone, "(3):" numbers a part, التقرير الـ51 is an ordinal, a fraction needs its noun
        if q.value == 0:
            continue  # zero counts nothing (a stray 0, the صفر of a score)
        if _is_ordinal_teen(toks, q) or _is_date_part(toks, q, unit) or _is_name_part(folded, toks, q, unit):
            continue
        if unit and _words(toks, unit).split()[0] in lex.metadata:
            continue
        if q.approx is None:
            q.approx = next((kind for p, kind in lex.post_qualifiers
                             if tuple(t.text for t in toks[after:after + len(p)]) == p), None)
        if unit is None and last_unit and _follows(toks, q.i, lex.of_total):
            unit = last_unit  # 3 قواعد من أصل 8، 200 مرشح من بين 3700
        if unit is None and (_is_bare_code(q) or _is_reference(folded, toks, q)) or _is_year_span(q):
            continue
        if (unit is None or unit[0] < q.i) and _in_title(folded, quoted, s, e):
            continue
        last_unit = unit
        found.append((q, unit))
        i = max(i, after)
    found += _definite_cardinals(folded, toks, [(q.i, q.j) for q, _ in found])
    out: list[Figure] = []
    for q, unit in sorted(found, key=lambda x: x[0].i):
        s, e = toks[q.i].start, toks[q.j - 1].end
        if (w := _word(toks[q.i].text)) and w[2]:
            s += 1  # the conjunction of وثلاثة is not part of the number
        fs, fe = original_span(text, index, s, e)
        us, ue = original_span(text, index, toks[unit[0]].start, toks[unit[1] - 1].end) if unit else (None, None)
        out.append(Figure(fs, fe, text[fs:fe], _number(q.value), _number(q.value_max),
                          q.approx, text[us:ue] if unit else None, us, ue))
    return out


def _is_enumerator(folded: str, toks: list[Token], q: _Quantity) -> bool:
    """``1- عمه السيد``، ``3) ...``: a number opening its line before a dash, a bracket or a point numbers
    an item of a list."""
    t = toks[q.i]
    if q.j != q.i + 1 or not t.text[0].isdigit() or q.j >= len(toks) or toks[q.j].text not in ("-", ")", ".", ":"):
        return False
    line = folded[folded.rfind("\n", 0, t.start) + 1:t.start]
    return not any(c.isalnum() for c in line) and "\n" not in folded[t.end:toks[q.j].start]


def _pair_end(folded: str, toks: list[Token], q: _Quantity) -> int | None:
    """Two whole numbers joined by a dash or a slash (``4-2``، ``2 - صفر``، ``3 / 1``، ``55 ـ 56``) where the
    quantity starts: the token after the second, else None. Such a pair is a range only with a counted noun
    after it (``35-40 متطوع``); alone it is a score, a span of verses or pages, a ratio."""
    i = q.i
    if i + 2 >= len(toks) or q.approx or not _whole(toks[i].text) or toks[i + 1].text not in ("-", "/"):
        return None
    if not (_adjacent(folded, toks[i], toks[i + 1]) and _adjacent(folded, toks[i + 1], toks[i + 2])
            and _whole(toks[i + 2].text)):
        return None
    return i + 3


def _second_of_pair(folded: str, toks: list[Token], i: int) -> bool:
    """The 1 of ``فاز3-1``: the second number of a pair is read with the first, or not at all."""
    return i > 1 and toks[i].text[0].isdigit() and toks[i - 1].text in ("-", "/") \
        and toks[i - 2].text[0].isdigit() and _adjacent(folded, toks[i - 2], toks[i - 1])


def _whole(word: str) -> bool:
    """Plain digits, or the word for zero (the 0 of a score: 2-صفر)."""
    return word.isdigit() or (w := _word(word)) is not None and w[1] == 0 and not w[2]


def _merge_repeated_digits(toks: list[Token], q: _Quantity) -> None:
    """``خمس (05) نقابات``: a number in words restated in digits is one figure."""
    k = q.j
    if not q.digits and k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")" \
            and toks[k + 1].text.isdigit() and float(toks[k + 1].text) == q.value:
        q.j = k + 3


@cache
def _months() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Month names of every calendar (Gregorian in all its regional forms, Hijri) as token tuples, indexed by
    their first token, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in {*month_names(), *hijri_month_names()}:
        words = tuple(_TOKEN.findall(name))
        index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _month_at(toks: list[Token], k: int) -> bool:
    return k < len(toks) and any(tuple(t.text for t in toks[k:k + len(p)]) == p
                                 for p in _months().get(toks[k].text, ()))


def _month_before(toks: list[Token], k: int) -> bool:
    """Does a month name end just before token ``k`` (``آذار 1917``، ``يونيو (حزيران) 2012``)?"""
    if k and toks[k - 1].text in (")", "/", ","):
        k -= 1
    return any(tuple(t.text for t in toks[k - n:k]) in _months().get(toks[k - n].text, ())
               for n in (1, 2, 3) if k - n >= 0)


@cache
def _month_words() -> frozenset[str]:
    words = {fold(w) for w in data("time_words")["month_word"]}
    return frozenset(words | {"ال" + w for w in words})


def _is_date_part(toks: list[Token], q: _Quantity, unit: tuple[int, int] | None) -> bool:
    """A day before a month name (``5 جويلية 1962``، ``21 شعبان``، ``12- ربيع الأول``، ``11 و12 أكتوبر``،
    ``15 من الشهر الجاري``، ``23-27 من شهر يونيو``), a year after one (``آذار 1917``), or a year before a
    Hijri marker (``852هـ``)."""
    k = q.j
    if k < len(toks) and toks[k].text in _lex().hijri_markers:
        return True
    if q.plain_integer and _month_before(toks, q.i) and (unit is None or 1000 <= q.value <= 2100):
        return True
    if k < len(toks) and toks[k].text in ("-", "/"):
        k += 1
    if k + 1 < len(toks) and toks[k].text == "و" and toks[k + 1].text.isdigit():
        k += 2  # 11 و12 أكتوبر
    of = k < len(toks) and toks[k].text == "من"
    k += of
    if k < len(toks) and toks[k].text in _month_words():
        if toks[k].text.startswith("ال"):
            return of  # 15 من الشهر الجاري
        k += 1
    return _month_at(toks, k)


def _is_name_part(folded: str, toks: list[Token], q: _Quantity, unit: tuple[int, int] | None) -> bool:
    """A number naming a product, an event or a version: after a Latin word (``IOS 6``، ``Nexus 7``), after
    a word and a plus (``ريو + 20``), or written ``N.0`` with nothing counted (``أندرويد 4.0``)."""
    if q.scale > 1 or not q.digits:
        return False
    prev = toks[q.i - 1] if q.i else None
    if prev and prev.text.isascii() and prev.text.isalpha() and _adjacent(folded, prev, toks[q.i]):
        return True
    if unit is None and prev and prev.text == "+" and q.i > 1 and toks[q.i - 2].text[0].isalpha():
        return True  # ريو + 20
    return unit is None and q.j == q.i + 1 and toks[q.i].text.endswith(".0")


def _is_reference(folded: str, toks: list[Token], q: _Quantity) -> bool:
    """A number closing a bracket that opens on words: a citation (``(طه: 114)``، ``[المعارج، 25]``،
    ``(الدر المنضود، للهيتمي، 179)``) or a name (``(تيه.اف 1)``); a number alone in square or curly brackets
    (a footnote, a verse number)."""
    k = q.j
    if k >= len(toks) or toks[k].text not in _BRACKETS:
        return False
    opener, words = _BRACKETS[toks[k].text], 0
    if opener in "[{" and q.i and toks[q.i - 1].text == opener:
        return True  # [1], {2}: a footnote or a verse number
    for m in range(q.i - 1, max(-1, q.i - 9), -1):
        t = toks[m].text
        if t == opener:
            return words > 0
        if t in _BRACKETS or "\n" in folded[toks[m].end:toks[m + 1].start]:
            return False
        words += t[0].isalpha()
    return False


def _in_title(folded: str, quoted: list[tuple[int, int]], s: int, e: int) -> bool:
    """Is the number ``[s, e)``, counting nothing, inside a short quoted title among other words (``«خليجي
    32»``، ``"يورو 2012"``، ``"آي أو إس 6"``، ``«أوفيس 365»``)? A number quoted alone or with numbers
    (``«200» مليون``، ``«4,97 و 4,95»``) is not a title; a quoted number that counts a noun (``"يرفض 50
    مليون يورو"``) is kept too: short quotes of what was said look just like titles that count."""
    for qs, qe in quoted:
        if qs <= s and e <= qe:
            words = [w for w in _TOKEN.findall(folded[qs:qe]) if w[0].isalnum()]
            others = [w for w in _TOKEN.findall(folded[qs:s] + " " + folded[e:qe])
                      if w[0].isalpha() and w not in _lex().not_counted and not _word(w)]
            return len(words) <= TITLE_MAX_WORDS and bool(others)
    return False


def _definite_cardinals(folded: str, toks: list[Token], taken: list[tuple[int, int]]
                        ) -> list[tuple[_Quantity, tuple[int, int] | None]]:
    """A definite cardinal from three to ten (whose forms are not the ordinals') after the definite or
    possessed noun it counts: ``الفرق الثلاثة``، ``النقاط الست``، ``وبواباتها الأربعة``."""
    lex = _lex()
    out: list[tuple[_Quantity, tuple[int, int] | None]] = []
    busy = {k for a, b in taken for k in range(a, b)}
    starts = [t.start for t in toks]
    for m in _definite_units().finditer(folded):
        k = bisect_left(starts, m.start())
        if not 0 < k < len(toks) or toks[k].start != m.start() or k in busy:
            continue
        t, prev = toks[k], toks[k - 1]
        w = _word(t.text[2:])
        if w is None or w[0] != "units" or w[2] or not 3 <= w[1] <= 10:
            continue
        if not _adjacent(folded, prev, t) or not prev.text[0].isalpha() or _word(prev.text) or _vague(prev.text) \
                or prev.text in lex.not_counted:
            continue
        if k + 1 < len(toks) and ((n := _word(toks[k + 1].text)) and n[1] == 10
                                  or toks[k + 1].text in _time_modifiers()):
            continue  # الثلاثة عشر; السنوات الثلاث الماضية is a time, the times step's
        first = k - 1  # the noun and its definite adjectives: الفرق المصرية الثلاثة
        while first >= 0 and _definite(toks[first].text) and k - first <= 3 \
                and (first == k - 1 or _adjacent(folded, toks[first], toks[first + 1])):
            first -= 1
        if first == k - 1 and not _possessed(prev.text):
            continue
        out.append((_Quantity(k, k + 1, w[1]), (min(first + 1, k - 1), k)))
    return out


@cache
def _definite_units() -> re.Pattern[str]:
    """The definite cardinals from three to ten (الثلاثة، الست), found in the folded text at once."""
    words = sorted((w for w, (kind, v) in _lex().words.items() if kind == "units" and 3 <= v <= 10), key=len,
                   reverse=True)
    return re.compile(rf"(?<!\w)ال(?:{'|'.join(map(re.escape, words))})(?!\w)")


@cache
def _time_modifiers() -> frozenset[str]:
    t = data("time_words")
    return frozenset(fold(w) for key in ("past", "future", "current") for w in t[key])


def _definite(word: str) -> bool:
    return any(form.startswith("ال") for _, form in _bare(word)) or word.startswith("لل")


def _possessed(word: str) -> bool:
    """A noun with a possessive pronoun (أبوابه، بواباتها، شروطهم) is definite."""
    return len(word) > 4 and word.endswith(("ها", "هم", "هن", "كم", "نا")) and not word.startswith("ال")


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


def _words(toks: list[Token], span: tuple[int, int]) -> str:
    return " ".join(t.text for t in toks[span[0]:span[1]])


def _adjacent(folded: str, a: Token, b: Token) -> bool:
    """Only spaces between two tokens (no punctuation, no line break)."""
    gap = folded[a.end:b.start]
    return not gap.strip() and "\n" not in gap


def _quantity(folded: str, toks: list[Token], i: int) -> _Quantity | None:
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
            elif second and not q.digits and not second.digits and second.value < 10 and q.value_max is None \
                    and (scale := _base_scale(toks[q.j - 1].text)) > 1 and q.value < second.value * scale:
                q.value_max, q.j = second.value * scale, second.j  # ألفين أو ثلاثة: the scale said once
        elif opener and link.startswith("و") and _word(link):
            second = _number_at(folded, toks, k)
            if second and second.value > q.value:
                q.value_max, q.j = second.value, second.j
    if opener and q.value_max is None:
        return None  # "بين" with one number is not a range: read the number on its own (من بين 3700)
    return q


def _qualifier(toks: list[Token], i: int) -> tuple[str, int] | None:
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


def _number_at(folded: str, toks: list[Token], i: int) -> _Quantity | None:
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


def _digits(folded: str, toks: list[Token], i: int, closing: int | None = None) -> _Quantity | None:
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


def _digits_stand_alone(folded: str, t: Token) -> bool:
    """Digits glued to letters (F16، كوفيد-19) are names, not quantities; proclitics (بـ300) are fine."""
    s, e = t.start, t.end
    if e < len(folded) and (folded[e].isascii() and folded[e].isalpha() or folded[e] in "@#_/"):
        return False
    if s and folded[s - 1] in "-/@#_." and s > 1 and folded[s - 2].isalnum() \
            and not (folded[s - 1] in "-/" and folded[s - 2].isdigit()):
        return False  # كوفيد-19، but the 2 of 4-2 stands alone
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
    """``2,500``، ``2.5``، ``4.250.000`` (points between thousands), ``3,6`` (a decimal comma: one or two
    digits after it), ``94ر75`` (an agency decimal, its decimals written first: 75.94)."""
    if sum(c.isdigit() for c in s) > MAX_DIGITS:
        return None
    if "ر" in s:
        decimals, whole = s.split("ر")
        return float(f"{whole}.{decimals}")
    parts = s.split(",")
    if len(parts) == 2 and 1 <= len(parts[1]) <= 2 and "." not in s:
        return float(".".join(parts))
    if len(parts) > 1 and not all(len(p) == 3 and p.isdigit() for p in parts[1:]):
        return None  # "3,4,5" is a list
    s = "".join(parts)
    if s.count(".") > 1:
        groups = s.split(".")
        return float("".join(groups)) if all(len(g) == 3 for g in groups[1:]) else None
    try:
        return float(s)
    except ValueError:
        return None


def _add_tail(folded: str, toks: list[Token], q: _Quantity, scale: float) -> None:
    """``3 آلاف و500``، ``مليون ونصف``، ``مليار و200 مليون``، ``5 ملايين و764 ألفا و952``: what is added
    after a scale word, each smaller scale in turn."""
    k = q.j
    if k >= len(toks) or not _adjacent(folded, toks[k - 1], toks[k]):
        return
    if toks[k].text == "و" and k + 1 < len(toks) and toks[k + 1].text[0].isdigit() \
            and _adjacent(folded, toks[k], toks[k + 1]):
        extra = _parse_digits(toks[k + 1].text)
        if extra is None or not _digits_stand_alone(folded, toks[k + 1]):
            return
        j, smaller = k + 2, 1.0
        if j < len(toks) and _adjacent(folded, toks[j - 1], toks[j]) and (w := _word(toks[j].text)) \
                and w[0] == "scales" and not w[2]:
            j, smaller = j + 1, w[1]
        if extra * smaller < scale and smaller < scale:
            q.value, q.j = q.value + extra * smaller, j
            if smaller > 1:
                _add_tail(folded, toks, q, smaller)
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


def _vague_quantity(folded: str, toks: list[Token], i: int, base: float | None) -> _Quantity | None:
    k = i + 1
    if base is None:  # بضع/بضعة: a few of the next scale, or a few of the counted noun
        base = 1.0
        if k < len(toks) and _adjacent(folded, toks[k - 1], toks[k]) and (b := _vague(toks[k].text)):
            base, k = b, k + 1
        elif k < len(toks) and (w := _word(toks[k].text)) and w[0] in ("scales", "hundreds"):
            base, k = w[1], k + 1
    elif k < len(toks) and _adjacent(folded, toks[k - 1], toks[k]) and (b := _vague(toks[k].text)) and b > base:
        base, k = base * b, k + 1  # عشرات الآلاف، مئات الملايين، بعشرات ملايين الريالات
    few = _strip_few(toks[i].text) in _lex().few
    return _Quantity(i, k, 3 * base, 9 * base if few else 10 * base - 1, approx="vague")


def _word_number(folded: str, toks: list[Token], i: int) -> _Quantity | None:
    """A cardinal in words: ``خمسة وعشرون``، ``ثلاثة آلاف وخمسمائة``، ``ثلاث مئة``. A part joined by و
    goes on only where Arabic compounds go on (units and tens after a hundred or a scale, tens after units,
    hundreds after a scale, a smaller scale after a larger one): ``خمسة وستة`` and ``مليونين وثلاثة ملايين``
    are two numbers (a range after بين), not eleven and two million and three."""
    total, current, last = 0.0, 0.0, None
    only_compound = True
    seen_scale, group = 0.0, i  # the smallest scale read so far, and where the part after it starts
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
        if kind in ("units", "compound_only") and (last is None or conj and last in ("hundreds", "scales")):
            current += v
        elif kind == "units" and v == 10 and last in ("units", "compound_only") and not conj and current < 10:
            current += 10  # ثلاثة عشر، أحد عشر
        elif kind == "tens" and (last is None or conj and last in ("units", "compound_only", "hundreds", "scales")):
            current += v
        elif kind == "hundreds" and (last is None or conj and last == "scales"):
            current += v
        elif kind == "hundreds" and v == 100 and last == "units" and not conj:
            current *= 100  # ثلاث مئة written apart
        elif kind == "scales" and not conj:
            base = _base_scale(toks[k].text)
            if last is None:
                if v == 1e3 and toks[k].text.endswith("اف"):
                    break  # آلاف with no number before it is vague: handled elsewhere
                total = 2 * v if _dual(toks[k].text) and k + 1 < len(toks) and _counted(toks[k + 1].text) else v
            elif seen_scale and base >= seen_scale:
                k, current, last = group, 0.0, "scales"  # مليونين وثلاثة ملايين: a second number
                break
            else:
                total += (current or 1) * v
                current = 0
            seen_scale, group = base, k + 1
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
    q = _Quantity(i, k, total + current)
    if last == "scales":
        _add_tail(folded, toks, q, _base_scale(toks[k - 1].text))  # مليار و200 مليون
    return q


def _counted(word: str) -> bool:
    """Can this word after a scale word be the noun it counts (ألفا حبة, ألفا وظيفة: two thousand), not a number
    going on after و (مليوناً و900 ألف: one million) or a word of another kind (ألفاً في العام: a thousand)?"""
    if word[:1] == "و" and len(word) > 1 and _may_start(word[1:]):
        return False
    return word.isalpha() and word not in folded_set("function_words", "words")


@cache
def _dual(word: str) -> bool:
    """A scale word opening a number alone, read as its dual in construct (ألفا حبة: two thousand pills)."""
    duals = folded_set("numbers", "dual_construct")
    return word in duals or word[:1] in "وبل" and word[1:] in duals


def _base_scale(word: str) -> float:
    """The power of a thousand a scale word names: 1000 for ألفين (two thousand), 1e6 for ملايين."""
    w = _word(word)
    return max((s for s in (1e3, 1e6, 1e9, 1e12) if w and s <= w[1]), default=1.0)


def _last_scale(toks: list[Token], k: int) -> float:
    w = _word(toks[k - 1].text)
    return w[1] if w else 0.0


def _unit(folded: str, toks: list[Token], q: _Quantity, lex: _Lex) -> tuple[tuple[int, int] | None, int]:
    """The counted noun or unit after a quantity (or a currency or percent sign before it: ``$5``، ``%18``),
    and the token after it."""
    if q.i and (toks[q.i - 1].text in lex.currency or (toks[q.i - 1].text,) in lex.percent) \
            and _adjacent(folded, toks[q.i - 1], toks[q.i]):
        return (q.i - 1, q.i), q.j
    k = q.j
    if q.i and k + 1 < len(toks) and (toks[q.i - 1].text, toks[k].text) in (('"', '"'), ("(", ")")) \
            and not q.parenthesised:
        k += 1  # «7» نقاط، (25-30) جنيه: the noun after the quoted or bracketed number
        if not toks[k].text[0].isalpha() or toks[k].start - toks[k - 1].end > 1:
            return None, q.j
    elif k >= len(toks) or not _adjacent(folded, toks[k - 1], toks[k]):
        return None, k
    for phrase in lex.percent + tuple((c,) for c in lex.currency):
        if tuple(t.text for t in toks[k:k + len(phrase)]) == phrase:
            return (k, k + len(phrase)), k + len(phrase)
    if q.approx == "vague" and toks[k].text == "من" and k + 1 < len(toks):
        k += 1
    t = toks[k]
    if not t.text[0].isalpha() or any(form in lex.not_counted for _, form in _bare(t.text)) \
            or t.text in lex.year_markers or _word(t.text) \
            or _vague(t.text) or len(t.text) < 2:
        return None, k
    if t.text.startswith("ال") and q.approx != "vague" and (q.digits or _is_fraction(toks, q)):
        return None, k  # نصف النهائي is a round, not a half
    if t.text.startswith(("بال", "لل", "كال")):
        return None, k  # a prepositional phrase (العشرات بالإضافة إلى), not a counted noun
    return (k, k + 1), k + 1


def _is_fraction(toks: list[Token], q: _Quantity) -> bool:
    w = _word(toks[q.j - 1].text)
    return w is not None and w[0] == "fractions" and q.j - q.i == 1


def _is_ordinal_teen(toks: list[Token], q: _Quantity) -> bool:
    """الحادي عشر، الثامن عشر، السادسة عشرة: an ordinal, not ten."""
    w = _word(toks[q.i].text)
    return w is not None and w[1] == 10 and q.i > 0 and toks[q.i - 1].text.startswith("ال")


def _is_identifier(toks: list[Token], i: int, lex: _Lex) -> bool:
    """After a head word a number names or ranks, it does not count: ``القرار 2254``، ``الدورة 32``،
    ``للدورة الـ32``، ``الجولة «23»``، ``صفحة : 28``، ``الدقيقة 53``."""
    k = i - 1
    if k >= 0 and toks[k].end == toks[i].start and toks[k].text.endswith(("ال", "لل")):
        k -= 1  # the article written against the digits (دور الـ16، للدورة الـ32); not بـ: الساعة بـ100 ريال
    if k >= 0 and toks[k].text in ('"', "(", ":", "'"):
        k -= 1
    if k > 0 and toks[k - 1].text in _this():
        return False  # هذا العام 30 دورة: the year is when, the number counts
    return k >= 0 and any(form in lex.heads for form in _head_forms(toks[k].text))


@cache
def _this() -> frozenset[str]:
    return frozenset(fold(w) for w in data("time_words")["this"])


def _counts_after_head(folded: str, toks: list[Token], q: _Quantity) -> bool:
    """``وسيشارك في الدورة 32 فريقاً``، ``ويشارك في الدورة 50 طالبة``، ``تاريخ 500 عام``: after a head, a
    number followed by the indefinite singular noun Arabic counts with it (accusative from eleven to 99:
    فريقا، طالبة; genitive from a hundred) counts that noun. A word opening on a preposition or a conjunction
    (الدورة 19 لقمة، المادة 60 فقد) or an adverb (المصنف 1833 دوليا) is not counted."""
    unit, _ = _unit(folded, toks, q, _lex())
    if unit is not None and not q.digits:
        return True  # في الأسبوع ثلاث مرات: a number in words after a head counts (ordinals have their own words)
    if unit is None or unit[1] - unit[0] != 1 or not 11 <= q.value < 1000:
        return False
    word = toks[unit[0]].text
    if word.startswith(("ال", "و")) or word.endswith("يا"):
        return False  # الدقيقة 38 وسجلنا: a new clause
    if q.value >= 100:
        return not word.startswith(("و", "ف", "ب", "ل", "ك"))
    return word.endswith("ا") or word.endswith("ه") and not word.startswith(("ب", "ل"))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _head_forms(word: str) -> frozenset[str]:
    """The word, without its proclitic, and with ال for the لل of a preposition (للدورة -> الدورة)."""
    forms = {w for _, w in _bare(word)}
    return frozenset(forms | {"ال" + w[2:] for w in forms if w.startswith("لل")})


def _is_bare_code(q: _Quantity) -> bool:
    """Four or more plain digits counting nothing, with no qualifier: a year (في 2019، 2020-2021) or an
    identifier (مجلس الأمن 2254) far more often than a figure."""
    return q.plain_integer and not q.approx and q.value >= 1000


def _is_year_span(q: _Quantity) -> bool:
    """``من 2002 حتى 2009``: two plain numbers that both read as years of the last two centuries."""
    return q.plain_integer and q.value_max is not None and all(1900 <= v <= 2100 for v in (q.value, q.value_max))


def _follows(toks: list[Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(t.text for t in toks[max(0, i - len(p)):i]) == p for p in phrases)
