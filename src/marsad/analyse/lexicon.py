"""Language data for the analysis steps (``data/*.json``), loaded once and folded for matching."""

from __future__ import annotations

from functools import cache, lru_cache

from marsad.arabic import fold, proclitic_candidates
from marsad.langdata import load
from marsad.settings import WORD_CACHE_SIZE


def data(name: str) -> dict:
    return load("analyse", name)


@cache
def folded_set(name: str, key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in data(name)[key])


def in_lexicon(word: str, name: str, key: str) -> bool:
    """Is the word, or the word without its proclitics, in the list ``key`` of ``data/<name>.json``?"""
    return key in kinds(word, name)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def kinds(word: str, name: str) -> frozenset[str]:
    """Every list of ``data/<name>.json`` that holds the word or its clitic-free reading: one lookup per
    word for steps that ask about several lists."""
    readings = proclitic_candidates(word)
    return frozenset(key for key, words in data(name).items()
                     if isinstance(words, list) and any(c in folded_set(name, key) for c in readings))


@cache
def proper_nouns() -> dict[str, str]:
    """Folded single-word names from pyarabic's proper-noun lists (installed as a dependency, not copied):
    'nom' (given names), 'nasab' (family names), 'place'."""
    from pyarabic import propernouns

    out: dict[str, str] = {}
    for line in propernouns.TEXT.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] in ("nom", "nasab"):
            out.setdefault(fold(parts[0]), parts[1])
    for line in propernouns.TEXT2.splitlines():
        name, _, kind = line.partition("\t") if "\t" in line else line.partition(" ")
        if "مكان" in kind and " " not in name.strip():
            out.setdefault(fold(name.strip()), "place")
    return out
