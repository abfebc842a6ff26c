"""Readers for the NER corpora in ../shared/data: ANERcorp (CoNLL two-column), AQMAR (two columns, its own
MIS0-MIS3 classes) and the Wojood sample (nested: one tag column per layer)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

TAG_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "GPE": "LOC"}
SEGMENT_END = "$#$"  # Wojood's end-of-segment token: not a word
Sentence = tuple[list[str], list[str]]


def _blocks(path: Path) -> Iterator[list[list[str]]]:
    """Lines split in columns, grouped in sentences by blank lines and ``-DOCSTART-``."""
    block: list[list[str]] = []
    for raw in path.read_text("utf-8").splitlines():
        parts = raw.split()
        if not parts or parts[0] == "-DOCSTART-":
            if block:
                yield block
            block = []
            continue
        parts[0] = parts[0].replace("\u200f", "")  # ANERcorp tags one stray right-to-left mark
        if parts[0] and parts[0] != SEGMENT_END:
            block.append(parts)
    if block:
        yield block


def _mapped(tag: str, type_map: dict[str, str]) -> str:
    if tag == "O":
        return "O"
    prefix, _, typ = tag.partition("-")
    return f"{prefix}-{type_map[typ]}" if prefix in ("B", "I") and typ in type_map else "O"


def read_conll(path: Path, type_map: dict[str, str] = TAG_MAP) -> Iterator[Sentence]:
    """Sentences as (tokens, BIO tags) with types mapped to PER/LOC/ORG/MISC; others become O."""
    for block in _blocks(path):
        yield [p[0] for p in block], [_mapped(p[1] if len(p) > 1 else "O", type_map) for p in block]


AQMAR_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}  # MIS0-MIS3 are per-article classes: O


def read_aqmar(path: Path) -> Iterator[Sentence]:
    """AQMAR (Wikipedia): PER/LOC/ORG kept; its article-specific MIS0-MIS3 classes become O."""
    for path_ in sorted(path.glob("*.txt")) if path.is_dir() else [path]:
        yield from read_conll(path_, AQMAR_MAP)


WOJOOD_MAP = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "CURR": "MISC"}  # ANERcorp: دولار is MISC


def read_wojood(path: Path) -> Iterator[Sentence]:
    """The Wojood sample (nested): the outermost PERS/ORG/GPE/LOC span of any layer (GPE -> LOC), currencies
    as MISC; a name inside an occupation or an event (``سكرتير اللجنة القومية``) is kept, the occupation is
    not."""
    for block in _blocks(path):
        words = [p[0] for p in block]
        found: list[tuple[int, int, str]] = []
        depth = max(len(p) for p in block) - 1
        for layer in range(1, depth + 1):
            tags = [p[layer] if len(p) > layer else "O" for p in block]
            found += [s for s in spans(tags) if s[2] in WOJOOD_MAP]
        out = ["O"] * len(words)
        for s, e, typ in sorted(found, key=lambda x: (x[0], x[0] - x[1])):  # outer (longer) spans first
            if all(t == "O" for t in out[s:e]):
                out[s:e] = [f"B-{WOJOOD_MAP[typ]}"] + [f"I-{WOJOOD_MAP[typ]}"] * (e - s - 1)
        yield words, out


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """BIO tags to (start, end, type) token spans; a stray I- opens a span."""
    out: set[tuple[int, int, str]] = set()
    start: int | None = None
    typ = ""
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, "")
    return out
