"""Person-name lexicons: given names and family names in Arabic script, for the tagger's features and the
rules that tell a name (a reporter's line, the subject of a speech verb) from other words.

Two sources: pyarabic's proper-noun lists (given names 'nom', family names 'nasab'; read from the installed
package, GPL, not copied) and the person names of ANETAC (../shared/data/anetac: 61,662 English-Arabic
pairs of person names, mostly names from outside the Arab world written in Arabic script), shipped here as
``data/person_names.txt``, one folded name per line. Rebuild that file with
``python -m marsad.analyse.names --shared ../shared``; its card is ``data/PERSON_NAMES.md``.
"""

from __future__ import annotations

import argparse
import sys
from functools import cache
from importlib.resources import files
from pathlib import Path

from marsad.analyse.lexicon import proper_nouns
from marsad.arabic import fold

SHIPPED = Path(__file__).resolve().parent / "data" / "person_names.txt"
MIN_LETTERS = 3  # shorter ANETAC entries are mostly particles and initials


@cache
def transliterated() -> frozenset[str]:
    """ANETAC's person names (folded), as shipped."""
    text = files("marsad.analyse").joinpath("data/person_names.txt").read_text("utf-8")
    return frozenset(text.split())


@cache
def given_names() -> frozenset[str]:
    """Folded given names: pyarabic's and ANETAC's."""
    return frozenset(w for w, kind in proper_nouns().items() if kind == "nom") | transliterated()


@cache
def family_names() -> frozenset[str]:
    return frozenset(w for w, kind in proper_nouns().items() if kind == "nasab")


def is_name_word(word: str) -> bool:
    """A known given or family name (folded comparison)."""
    f = fold(word)
    return f in given_names() or f in family_names()


def build(shared: Path, out: Path = SHIPPED) -> int:
    """Write ANETAC's person names, folded, one per line (sorted, unique). Returns how many."""
    names = set()
    for line in (shared / "data" / "anetac" / "en_ar_named_entities.txt").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "PERSON":
            for word in parts[2:]:
                f = fold(word)
                if len(f) >= MIN_LETTERS and f.isalpha():
                    names.add(f)
    out.write_text("".join(f"{n}\n" for n in sorted(names)), "utf-8")
    return len(names)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    args = ap.parse_args(argv)
    n = build(args.shared)
    print(f"{n} names -> {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
