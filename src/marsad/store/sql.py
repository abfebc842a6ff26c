"""What every part of the store shares: ids asked for in chunks under SQLite's parameter limit, their
placeholders, and JSON as it is stored (compact, Arabic as written)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

ID_CHUNK = 500  # ids or keys per query, under SQLite's parameter limit

encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def chunks(values: Iterable[Any], ordered: bool = False) -> Iterator[list[Any]]:
    """The distinct values, sorted (or in their first order, ``ordered``), ID_CHUNK at a time."""
    todo = list(dict.fromkeys(values)) if ordered else sorted(set(values))
    for k in range(0, len(todo), ID_CHUNK):
        yield todo[k:k + ID_CHUNK]


def marks(chunk: Sequence[Any]) -> str:
    """The placeholders of a chunk of values: ?, ?, ?"""
    return ", ".join("?" * len(chunk))
