"""Token features for the CRF tagger: the word, its folded and clitic-stripped forms, affixes, shape,
title words, the word's classes in unlabelled news (``word_classes.txt``), and the same for neighbours (two
either side; the far ones by word and flags only)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files
from sys import intern

from marsad.analyse.lexicon import in_lexicon, proper_nouns
from marsad.arabic import fold, proclitic_candidates
from marsad.settings import WORD_CACHE_SIZE

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")
CLASSES_FILE = "word_classes.txt"
WordClasses = dict[str, tuple[str, ...]]
_classes: list[WordClasses] = []  # the table in use; empty until first read (or set for training)


def read_word_classes(text: str) -> WordClasses:
    """``word<TAB>class...`` lines (a class is a type and a strength, ``PER3``) to a dict."""
    out: WordClasses = {}
    for line in text.splitlines():
        word, *labels = line.split("\t")
        if word and labels:
            out[word] = tuple(labels)
    return out


def word_classes() -> WordClasses:
    """How the tagger read each frequent word of unlabelled news (see ``train.py``): the shipped table, or
    the one set by :func:`use_word_classes`."""
    if not _classes:
        _classes.append(_shipped_classes())
    return _classes[0]


NOT_A_NAME = "O3"  # the class of a word seen often in unlabelled news and never tagged a name


def read_as_no_name(word: str) -> bool:
    """Whether unlabelled news reads the folded word as no name at all (الكتب، المؤتمر): its only class is
    NOT_A_NAME."""
    return word_classes().get(word) == (NOT_A_NAME,)


@cache
def _shipped_classes() -> WordClasses:
    path = files("marsad.analyse.ner").joinpath(CLASSES_FILE)
    return read_word_classes(path.read_text("utf-8")) if path.is_file() else {}


def use_word_classes(table: WordClasses | None) -> None:
    """Tag with another table (training builds one per round); None goes back to the shipped one."""
    _classes[:] = [table] if table is not None else []
    word_features.cache_clear()
    _items.cache_clear()


@lru_cache(maxsize=WORD_CACHE_SIZE // 4)
def word_features(word: str) -> dict[str, float | str]:
    """Features of one word, cached: callers must not change the dict."""
    f = fold(word)
    stems = proclitic_candidates(word)
    stem = stems[-1]
    feats: dict[str, float | str] = {
        "w": f, "stem": stem, "p2": f[:2], "p3": f[:3], "s2": f[-2:], "s3": f[-3:],
        "al": f.startswith("ال") or stem.startswith("ال"),
    }
    if f[:1] == "و" and len(stems) > 1:
        feats["wa"] = 1.0  # may be the conjunction: ومحمد after a name starts another
    if f.isdigit():
        feats["digit"] = 1.0
    elif not _ARABIC.search(f):
        feats["shape"] = "latin" if _LATIN.search(f) else "punct"
    if in_lexicon(word, "titles", "role_heads"):
        feats["role"] = 1.0
    if in_lexicon(word, "titles", "honorifics"):
        feats["honor"] = 1.0
    if in_lexicon(word, "titles", "not_persons"):
        feats["notper"] = 1.0
    names = proper_nouns()
    kind = names.get(f) or names.get(stem)
    if kind:
        feats["pn"] = kind
    table = word_classes()  # the word as written, else its clitic-free readings (وبالوتيلي -> بالوتيلي)
    for label in table.get(f) or next((table[s] for s in reversed(stems) if s in table), ()):
        feats["u" + label[:-1]] = label[-1]
    if f.endswith(("ي", "يه", "يون", "يين")) and f.startswith("ال"):
        feats["nisba"] = 1.0
    return feats


OFFSETS = (-2, -1, 1, 2)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _items(word: str, keep: frozenset[str] | None = None) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """The word's own feature strings, and the strings it gives a neighbour at each offset (only those in
    ``keep``, if given): built once per word, so tagging a sentence only joins tuples."""
    f = word_features(word)
    own = tuple(intern(f"{k}={v}") for k, v in f.items())
    nb: dict[int, tuple[str, ...]] = {}
    for off in OFFSETS:  # the near neighbours in full, the far ones by their word and flags
        items = [f"{off}:w={f['w']}"]
        if abs(off) == 1:
            items += [f"{off}:stem={f['stem']}", f"{off}:s2={f['s2']}"]
            items += [f"{off}:{k}={v}" for k, v in f.items() if k[0] == "u"]
        items += [f"{off}:{k}" for k in ("role", "honor", "digit", "notper") if k in f]
        if "pn" in f:
            items.append(f"{off}:pn={f['pn']}")
        nb[off] = tuple(map(intern, items))  # shared strings (suffixes, flags) are stored once
    if keep is not None:
        own = tuple(x for x in own if x in keep)
        nb = {off: tuple(x for x in items if x in keep) for off, items in nb.items()}
    return own, nb


# what the edge of the sentence gives a word
_BOUNDS: tuple[tuple[str, ...], dict[int, tuple[str, ...]]] = ((), {off: (f"{off}:BOUND",) for off in OFFSETS})


def sentence_features(words: list[str], keep: frozenset[str] | None = None) -> list[tuple[str, ...]]:
    """crfsuite's item format: the 'name=value' strings of each token, its own and its neighbours'. A tagger
    gives ``keep``, the strings its model has weights for: crfsuite looks every string up and drops the others
    (a quarter of them, a third of the tagging time), so the tags are the same; training keeps them all."""
    padded = [_BOUNDS, _BOUNDS, *(_items(w, keep) for w in words), _BOUNDS, _BOUNDS]
    windows = zip(padded, padded[1:], padded[2:], padded[3:], padded[4:], strict=False)  # five words wide
    return [own[0] + far_l[1][-2] + near_l[1][-1] + near_r[1][1] + far_r[1][2]
            for far_l, near_l, own, near_r, far_r in windows]
