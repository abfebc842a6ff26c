"""Tokens, sentences and proclitics, all with offsets into the text given."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from marsad.arabic.normalize import HARAKAT, INVISIBLES, TATWEEL, fold
from marsad.settings import WORD_CACHE_SIZE

_MARKS = HARAKAT + TATWEEL
# a word: letters/digits with their diacritics and tatweel inside (a Latin name keeps its hyphen or
# apostrophe: Al-Jubeir); a number with separators; or one visible symbol (an invisible one, such as a
# zero-width space before a word, is no token: وزارة \u200bالعمل is two words)
TOKEN_RE = re.compile(
    rf"[A-Za-z]+(?:['’-][A-Za-z]+)+|\d+(?:[.,٫٬]\d+)*|[^\W\d_][^\W_]*(?:[{_MARKS}]+[^\W_]*)*|[{_MARKS}]+"
    rf"|[^\s{INVISIBLES}]",
)
_SENT_END = re.compile(r"[.!?؟…]+|\n")
QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“", "''": "''"}  # each opening mark and the one closing it
_OPEN_QUOTES = {o: c for o, c in QUOTE_PAIRS.items() if o in "«“„"}  # a sentence is not split inside these


class Token(NamedTuple):
    start: int
    end: int
    text: str


def tokens(text: str, start: int = 0, end: int | None = None, pattern: re.Pattern[str] = TOKEN_RE) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``: the matches of ``pattern``, words and marks
    unless a step reads another way (figures keeps ``94ر75`` whole)."""
    end = len(text) if end is None else end
    # tuple.__new__ makes the same Token without the Python frame of Token(...): every article's every word
    # passes here, and the frame was a third of the time
    return [_new(Token, (m.start(), m.end(), m.group())) for m in pattern.finditer(text, start, end)]


_new = tuple.__new__


@lru_cache(maxsize=4)
def sentence_tokens(text: str) -> tuple[tuple[int, int, tuple[Token, ...]], ...]:
    """(start, end, tokens) of each sentence: cached for the last few texts, since several analysis steps
    read the same article."""
    return tuple((s, e, tuple(tokens(text, s, e))) for s, e in sentences(text))


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence. Splits at line breaks, and at . ! ? ؟ outside quotation marks."""
    for pm in re.finditer(r"[^\n]+", text):
        yield from _split_paragraph(text, pm.start(), pm.end())


_SPLIT_CHARS = re.compile(r'["«“„»”.!?؟…]')


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    depth = 0  # quotation depth; ASCII " toggles
    plain_open = False
    s = start
    skip_to = start  # characters of a sentence-final run already consumed
    for m in _SPLIT_CHARS.finditer(text, start, end):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        if ch == '"':
            plain_open = not plain_open
        elif ch in _OPEN_QUOTES:
            depth += 1
        elif ch in "»”":
            depth = max(0, depth - 1)
        elif not depth and not plain_open and not (ch == "." and _initial(text, start, i)):
            j = i + 1
            while j < end and text[j] in ".!?؟…\"»”)":
                j += 1
            if j >= end or text[j].isspace():
                yield from _trimmed(text, s, j)
                s = skip_to = j
    # an unbalanced quote must not swallow the rest: fall back to plain splitting
    if (depth or plain_open) and s < end:
        last = s
        for m in _SENT_END.finditer(text, s, end):
            ends = m.end() >= end or text[m.end()].isspace()
            if ends and not (m.group() == "." and _initial(text, start, m.start())):
                yield from _trimmed(text, last, m.end())
                last = m.end()
        s = last
    yield from _trimmed(text, s, end)


def _initial(text: str, start: int, i: int) -> bool:
    """The period at ``i`` follows a lone Arabic letter, an abbreviation (د. محمد، م. خالد، أ.د.), not a
    sentence's end: not the end of a word with a mark on its last letter (سوريًا.), nor a calendar's letter
    after a year (2015 م.، 1436 هـ.)."""
    if i <= start or text[i - 1] not in _ARABIC_LETTERS:
        return False
    if i - 1 > start and (text[i - 2].isalnum() or unicodedata.category(text[i - 2]).startswith("M")):
        return False
    j = i - 2
    while j >= start and text[j].isspace():
        j -= 1
    return j < start or not text[j].isdigit()


_ARABIC_LETTERS = frozenset(chr(c) for c in (*range(0x621, 0x63B), *range(0x641, 0x64B)))  # tatweel aside


def _trimmed(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        yield s, e


# proclitic chains, longest first; the article ال is restored when a clitic swallowed it (لل)
_PROCLITICS = ("وبال", "وكال", "فبال", "فال", "وال", "بال", "كال", "ولل", "فلل", "لل", "وب", "ول", "فب", "فل",
               "وك", "و", "ف", "ب", "ل", "ك")


@lru_cache(maxsize=WORD_CACHE_SIZE)
def proclitic_readings(word: str) -> tuple[tuple[str, str], ...]:
    """(clitic letters written, reading) for each way to read proclitics off the folded word.

    ``بالعراق`` -> ``('ب', 'العراق')``: the reading is what follows the letters. After ``لل`` the article's
    alef is restored, so the reading is longer than what follows: ``للتحالف`` -> ``('لل', 'التحالف')``,
    and ``للجنة`` -> ``('لل', 'اللجنه')`` (the lam of the stem merged too). Only readings leaving at least
    two letters are given; callers check them against a lexicon.
    """
    w = fold(word)
    out: list[tuple[str, str]] = []
    for p in _PROCLITICS:
        if not w.startswith(p) or len(w) - len(p) < 2:
            continue
        stem = w[len(p):]
        if p.endswith("ال"):
            out.append((p[:-2], w[len(p) - 2:]))
        elif p.endswith("لل"):
            out += [(p, "ال" + stem), (p, "الل" + stem)]
        else:
            out.append((p, stem))
    return tuple(out)


def with_proclitics(words: Iterable[str]) -> set[str]:
    """The folded words, and every way of writing each with proclitics that :func:`proclitic_candidates`
    reads back to it (``اللاعبين`` -> ``باللاعبين``، ``للاعبين``، ``واللاعبين`` ...): one set lookup per word of
    a text then finds what a lookup of each of its readings would."""
    out: set[str] = set()
    for word in words:
        for p in ("", *_PROCLITICS):
            out.update(form for cut in (0, 2, 3) if word in proclitic_candidates(form := p + word[cut:]))
    return out


@lru_cache(maxsize=WORD_CACHE_SIZE)
def proclitic_candidates(word: str) -> tuple[str, ...]:
    """The folded word and its readings with proclitics removed (:func:`proclitic_readings`).

    ``للتحالف`` -> ``('للتحالف', 'التحالف', ...)``; ``وبالعراق`` -> ``('وبالعراق', 'العراق', ...)``.
    """
    return tuple(dict.fromkeys((fold(word), *(r for _, r in proclitic_readings(word)))))


def strip_article(word: str) -> str:
    """Folded word without a leading ال (for comparing names)."""
    w = fold(word)
    return w[2:] if w.startswith("ال") and len(w) > 3 else w
