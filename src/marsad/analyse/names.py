"""Proper-name lexicons: person names (given and family names) and place names in Arabic script, for the
tagger's features and the rules that tell a name (a reporter's line, the subject of a speech verb, a
dateline's place) from other words.

Sources: pyarabic's proper-noun lists (given names 'nom', family names 'nasab'; read from the installed
package, GPL, not copied), and, shipped here as ``data/person_names.txt`` (one folded name and its kind per
line): ANERgazet's single-word person names, the first and last words of the person names in ANERcorp's
training split (given and family names), and the person names of ANETAC (English-Arabic pairs, mostly
names from outside the Arab world written in Arabic script); and ``data/place_names.txt`` (one folded place
name, of one or more words, per line): pyarabic's places, ANERgazet's, the places of ANERcorp's training
split and ANETAC's. The family names of the sample's people are held out of both lists (:func:`held_out`).
Rebuild both with ``python -m marsad.analyse.names --shared ../shared``; their card is ``data/PERSON_NAMES.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from marsad.analyse.lexicon import proper_nouns
from marsad.arabic import fold
from marsad.settings import WORD_CACHE_SIZE

SHIPPED = Path(__file__).resolve().parent / "data" / "person_names.txt"
SHIPPED_PLACES = SHIPPED.with_name("place_names.txt")
MIN_LETTERS = 3  # shorter ANETAC entries are mostly particles and initials
SAMPLE_GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold" / "analysis.json"  # in the repository


@cache
def shipped() -> dict[str, frozenset[str]]:
    """The shipped names by kind: given, family, foreign (folded)."""
    kinds: dict[str, set[str]] = {"given": set(), "family": set(), "foreign": set()}
    for line in files("marsad.analyse").joinpath("data/person_names.txt").read_text("utf-8").splitlines():
        name, _, kind = line.partition("\t")
        kinds[kind].add(name)
    return {kind: frozenset(names) for kind, names in kinds.items()}


@cache
def given_names(foreign: bool = True) -> frozenset[str]:
    """Folded given names; with ``foreign``, also the foreign names (which the lists do not split into given
    and family names, and which hold more ordinary words)."""
    native = frozenset(w for w, kind in proper_nouns().items() if kind == "nom") | shipped()["given"]
    return native | shipped()["foreign"] if foreign else native


@cache
def family_names(foreign: bool = True) -> frozenset[str]:
    native = frozenset(w for w, kind in proper_nouns().items() if kind == "nasab") | shipped()["family"]
    return native | shipped()["foreign"] if foreign else native


@cache
def place_names() -> frozenset[str]:
    """Folded place names, of one word or more (words joined by one space)."""
    text = files("marsad.analyse").joinpath("data/place_names.txt").read_text("utf-8")
    return frozenset(text.splitlines()) | frozenset(w for w, kind in proper_nouns().items() if kind == "place")


@lru_cache(maxsize=WORD_CACHE_SIZE)
def place_of(word: str, strict: bool = False) -> str | None:
    """The place a folded word names, itself or as its nationality or place adjective (السوري: سور,
    الأفغانية: افغان): the place's folded name, or the adjective's stem (compare with :func:`same_place`);
    None for a word that names no place. ``strict``: only the places of pyarabic's proper nouns (the
    gazetteers hold common words too), and an adjective only by a longer place name (سوريا، أفغانستان),
    never its bare stem (العسكرية is no adjective of عسكر)."""
    places = _strict_places() if strict else place_names()
    bare = word.removeprefix("ال")
    for w in (word, bare, "ال" + bare):
        if w in places:
            return w
    for end in ("يه", "ي"):
        if bare.endswith(end) and len(bare) > len(end) + 2:
            stem = bare[:-len(end)]
            forms = [stem + "ا", stem + "يا", stem.removesuffix("ي") + "ا", stem + "ستان"]  # الأفغانية: أفغانستان
            if any(p in places for p in (forms if strict else [stem, "ال" + stem, *forms])):
                return stem
    return None


@cache
def _strict_places() -> frozenset[str]:
    return frozenset(w for w, kind in proper_nouns().items() if kind == "place")


def same_place(a: str, b: str) -> bool:
    """Do two results of :func:`place_of` name one place (سوريا and سوري, افغانستان and افغان)?"""
    a, b = a.removeprefix("ال"), b.removeprefix("ال")
    return a.startswith(b) or b.startswith(a)


def is_name_word(word: str) -> bool:
    """A known given or family name (folded comparison)."""
    f = fold(word)
    return f in given_names() or f in family_names()


def held_out(gold: Path = SAMPLE_GOLD) -> frozenset[str]:
    """The family names of the persons in the sample's gold (the last word of each name of several words,
    folded, with and without its article): no list marsad ships may hold them, nor a word they are part of
    (a longer surname that holds one), so that no score on the sample rests on a list that knows its people."""
    documents = json.loads(gold.read_text("utf-8"))["documents"]
    last = {fold(p["name"]).split()[-1] for d in documents for p in d.get("persons") or []
            if len(p["name"].split()) > 1}
    return frozenset(w for f in last for w in (f, f[2:] if f.startswith("ال") else f) if len(w) >= MIN_LETTERS)


def build(shared: Path, out: Path = SHIPPED.parent, gold: Path = SAMPLE_GOLD) -> int:
    """Write the shipped names into the folder ``out`` (``person_names.txt``: folded, each with its kind, a name
    of two kinds taking the first of given, family, foreign; ``place_names.txt``), sorted, from ``shared``'s
    data alone, less what :func:`held_out` keeps from both (a place named after one of them too).
    Returns how many names."""
    from marsad.analyse.ner.corpus import read_conll, spans

    kinds: dict[str, str] = {}
    withheld = held_out(gold)

    def add(word: str, kind: str) -> None:
        f = fold(word)
        if len(f) >= MIN_LETTERS and f.isalpha() and not any(w in f for w in withheld):
            kinds[f] = min(kinds.get(f, kind), kind, key=("given", "family", "foreign").index)

    for line in (shared / "data" / "anergazet" / "pers.txt").read_text("utf-8").splitlines():
        if len(line.split()) == 1:
            add(line.strip(), "given")
    for words, tags in read_conll(shared / "data" / "anercorp" / "train.txt"):
        for i, j, typ in spans(tags):
            if typ == "PER":
                add(words[i], "given")
                if j - i > 1:
                    add(words[j - 1], "family")
    for line in (shared / "data" / "anetac" / "en_ar_named_entities.txt").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "PERSON":
            for word in parts[2:]:
                add(word, "foreign")
    (out / SHIPPED.name).write_text("".join(f"{name}\t{kind}\n" for name, kind in sorted(kinds.items())), "utf-8")
    places = {" ".join(fold(line).split()) for line in (shared / "data" / "anergazet" / "loc.txt").read_text(
        "utf-8").splitlines() if line.strip() and not line.startswith("=")}
    for words, tags in read_conll(shared / "data" / "anercorp" / "train.txt"):
        places.update(" ".join(fold(w) for w in words[i:j]) for i, j, typ in spans(tags) if typ == "LOC")
    for line in (shared / "data" / "anetac" / "en_ar_named_entities.txt").read_text("utf-8").splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0] == "LOCATION":
            places.add(" ".join(fold(parts[2]).split()))
    places = {p for p in places if len(p) >= MIN_LETTERS and p.replace(" ", "").isalpha()
              and not any(w in p for w in withheld)}
    (out / SHIPPED_PLACES.name).write_text("".join(f"{p}\n" for p in sorted(places)), "utf-8")
    return len(kinds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    args = ap.parse_args(argv)
    n = build(args.shared)
    print(f"{n} names -> {SHIPPED}; {len(SHIPPED_PLACES.read_text('utf-8').splitlines())} places -> {SHIPPED_PLACES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
