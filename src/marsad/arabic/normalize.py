"""Normalisers, one per phenomenon, each ``str -> str`` (CAMeL Tools' habit).

They are used for matching, indexing and comparing only; displayed text stays as
published. Every normaliser maps one character to at most one character, so
:func:`fold_with_offsets` can map any position of the folded text back to the
original text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658\u0670"
QURANIC_MARKS = "".join(chr(c) for c in range(0x0610, 0x061B)) + "".join(chr(c) for c in range(0x06D6, 0x06EE))
TATWEEL = "\u0640"
ALEF_FORMS = "أإآٱ"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
INVISIBLES = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"

_DIACRITICS = str.maketrans("", "", HARAKAT + QURANIC_MARKS)
_TATWEEL = str.maketrans("", "", TATWEEL)
_ALEF = str.maketrans({c: "ا" for c in ALEF_FORMS})
_YA = str.maketrans({"ى": "ي", "ی": "ي"})
_TA_MARBUTA = str.maketrans({"ة": "ه"})
_HAMZA_SEATS = str.maketrans({"ؤ": "و", "ئ": "ي"})
_DIGITS = str.maketrans({**{c: str(i) for i, c in enumerate(ARABIC_INDIC_DIGITS)},
                         **{c: str(i) for i, c in enumerate(PERSIAN_DIGITS)}})
_PUNCT = str.maketrans({
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "″": '"',
    "‘": "'", "’": "'", "–": "-", "—": "-", "ـ": "ـ",
})
_INVISIBLE = str.maketrans("", "", INVISIBLES)
# presentation forms (ﺍﻟﻤﻘﺎﻭﻣﺔ, pasted from old PDFs and sites) -> the letters they draw; ligatures of
# several letters (ﻻ, ﷲ) stay, since every normaliser maps one character to at most one
_PRESENTATION = str.maketrans({
    chr(c): form for c in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]
    if len(form := unicodedata.normalize("NFKC", chr(c)).strip()) == 1 and form != chr(c)})


def strip_diacritics(text: str) -> str:
    """Remove harakat, shadda, sukun, dagger alef and Quranic marks."""
    return text.translate(_DIACRITICS)


def strip_tatweel(text: str) -> str:
    return text.translate(_TATWEEL)


def normalize_alef(text: str) -> str:
    """أ إ آ ٱ -> ا"""
    return text.translate(_ALEF)


def normalize_ya(text: str) -> str:
    """ى (alef maqsura) and Persian ی -> ي"""
    return text.translate(_YA)


def normalize_ta_marbuta(text: str) -> str:
    """ة -> ه"""
    return text.translate(_TA_MARBUTA)


def normalize_hamza_seats(text: str) -> str:
    """ؤ -> و, ئ -> ي (not in the default fold: it merges distinct words)."""
    return text.translate(_HAMZA_SEATS)


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits -> ASCII digits."""
    return text.translate(_DIGITS)


def normalize_punctuation(text: str) -> str:
    """Arabic comma/semicolon/question mark and quotation mark variants -> ASCII."""
    return text.translate(_PUNCT)


def strip_invisibles(text: str) -> str:
    """Bidi controls, zero-width spaces and joiners, word joiners and BOMs."""
    return text.translate(_INVISIBLE)


def normalize_presentation_forms(text: str) -> str:
    """Arabic presentation forms (contextual shapes of one letter) -> the letter: ﻣﺼﺪﺭ -> مصدر."""
    return text.translate(_PRESENTATION)


def _compose_table(*tables: Mapping[int, str | int | None]) -> dict[int, str | None]:
    """Compose translate tables into one, so folding is a single pass."""
    chars: set[int] = set()
    for t in tables:
        chars.update(t)
        chars.update(ord(v) for v in t.values() if isinstance(v, str) and len(v) == 1)
    out: dict[int, str | None] = {}
    for c in chars:
        s = chr(c)
        for t in tables:
            s = s.translate(dict(t))
        if s != chr(c):
            out[c] = s or None
    return out


_FOLD = _compose_table(_PRESENTATION, _DIACRITICS, _TATWEEL, _INVISIBLE, _ALEF, _YA, _TA_MARBUTA, _DIGITS, _PUNCT)


# (char, replacement) pairs of the composed table; replacements are final forms, so order does not matter
_FOLD_PAIRS = tuple((chr(c), r or "") for c, r in _FOLD.items())


def _fold_any(text: str) -> str:
    """:func:`fold` for any text. Chained ``str.replace`` over the few characters present is about 15x
    faster than ``str.translate`` on Arabic text (translate raises and swallows a LookupError for every
    unmapped character); for a single word the fixed cost of the loop loses, so short strings translate."""
    if len(text) < 48:
        return text.translate(_FOLD).lower()
    for ch, rep in _FOLD_PAIRS:
        if ch in text:
            text = text.replace(ch, rep)
    return text.lower()


# Text made only of the characters common on Arabic news pages (this repertoire) folds, and keys, in two
# C-level passes: a charmap encode to one byte per character and a byte translate built from
# ``_fold_any`` itself; any other text takes the general path, with the same result.
_NON_WORD = re.compile(r"[^\w\n]|_")
_BYTE_CHARS = "".join(map(chr, range(128))) + (
    "\u060c\u061b\u061f" + "".join(map(chr, range(0x0621, 0x063B))) + "".join(map(chr, range(0x0640, 0x0656)))
    + "".join(map(chr, range(0x0660, 0x066E))) + "\u0670\u0671\u067e\u0686\u0698\u06a4\u06a9\u06af\u06cc\u06d4"
    + "".join(map(chr, range(0x06F0, 0x06FA))) + "\u00a0\u00a9\u00ab\u00b0\u00b7\u00bb\u00d7"
    + "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2010\u2011\u2013\u2014"
    + "\u2018\u2019\u201c\u201d\u2022\u2026\u2033\ufeff")
_BYTE_DECODING = _BYTE_CHARS.ljust(256, "\ufffe")  # U+FFFE: no character (charmap's marker)
_BYTE_ENCODING = codecs.charmap_build(_BYTE_DECODING)


def _byte_table(key: bool) -> tuple[bytes, bytes]:
    """Byte -> byte for folding (``key``: also every character but letters, digits and line breaks a space)."""
    table, delete = bytearray(range(256)), bytearray()
    for i, c in enumerate(_BYTE_CHARS):
        f = _fold_any(c)
        if not f:
            delete.append(i)
        elif key and c != "\n" and _NON_WORD.fullmatch(f):
            table[i] = ord(" ")
        else:
            table[i] = _BYTE_CHARS.index(f)  # every character of the set folds to one of the set
    return bytes(table), bytes(delete)


_FOLD_BYTES, _KEY_BYTES = _byte_table(key=False), _byte_table(key=True)


def fold(text: str) -> str:
    """All default normalisers at once, plus lower-casing of Latin letters: the matching form."""
    try:
        encoded = codecs.charmap_encode(text, "strict", _BYTE_ENCODING)[0]
    except UnicodeEncodeError:
        return _fold_any(text)
    return codecs.charmap_decode(encoded.translate(*_FOLD_BYTES), "strict", _BYTE_DECODING)[0]


def fold_key(text: str) -> str:
    """``fold(text)`` with every character that is not a letter or a digit (``_`` too) turned into a space,
    line breaks kept: ``«الحشد»،اليوم`` -> `` الحشد  اليوم``. Runs of spaces are not merged (``" ".join(
    key.split())`` does), so one call keys every line of a page and ``fold_key(page).split("\\n")`` lines
    up with ``page.split("\\n")``."""
    try:
        encoded = codecs.charmap_encode(text, "strict", _BYTE_ENCODING)[0]
    except UnicodeEncodeError:
        return _NON_WORD.sub(" ", _fold_any(text))
    return codecs.charmap_decode(encoded.translate(*_KEY_BYTES), "strict", _BYTE_DECODING)[0]


# the characters folding changes: the table's, and Latin capitals (lower-cased)
_CHANGED = re.compile("[" + re.escape("".join(chr(c) for c in _FOLD)) + "A-Z]")


@lru_cache(maxsize=8)
def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, its index in ``text``.

    The list has one extra entry (``len(text)``) so a folded end offset maps too. Unchanged runs are
    copied whole; only the characters folding changes are visited. Cached for the last few texts
    (several steps fold the same article): callers must not change the list."""
    pieces: list[str] = []
    index: list[int] = []
    last = 0
    for m in _CHANGED.finditer(text):
        i = m.start()
        pieces.append(text[last:i])
        index.extend(range(last, i))
        mapped = _FOLD.get(ord(text[i]), text[i]) or ""
        pieces.append(mapped)
        index.extend([i] * len(mapped))
        last = i + 1
    pieces.append(text[last:])
    index.extend(range(last, len(text)))
    folded = "".join(pieces)
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a capital whose small form is longer (İ): map it char by char
        chars = [(c.lower(), k) for c, k in zip(folded, index, strict=True)]
        lowered = "".join(c for c, _ in chars)
        index = [k for c, k in chars for _ in c]
    index.append(len(text))
    return lowered, index


def original_span(text: str, index: list[int], start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` behind folded ``[start, end)``: the marks folding dropped inside and at the end
    of the last word (تنوين، شدة) belong to it; the space or invisible character after it does not."""
    s, e = index[start], index[end]
    while e > s and (text[e - 1].isspace() or text[e - 1] in INVISIBLES):
        e -= 1
    return s, e
