"""Readers for the NER corpora in ../shared/data (CoNLL two-column)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

TAG_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "GPE": "LOC"}


def read_conll(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences as (tokens, BIO tags) with types mapped to PER/LOC/ORG/MISC; others become O."""
    words: list[str] = []
    tags: list[str] = []
    for raw in path.read_text("utf-8").splitlines():
        parts = raw.split()
        if not parts or parts[0] == "-DOCSTART-":
            if words:
                yield words, tags
            words, tags = [], []
            continue
        word = parts[0].replace("\u200f", "")
        if not word:
            continue
        tag = parts[1] if len(parts) > 1 else "O"
        if tag != "O":
            prefix, _, typ = tag.partition("-")
            tag = f"{prefix}-{TAG_MAP[typ]}" if typ in TAG_MAP else "O"
        words.append(word)
        tags.append(tag)
    if words:
        yield words, tags


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
