"""Splitting one input between several readers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Shard:
    """Which share of the input one of ``count`` readers keeps, so several processes can split one run
    without anyone handing them articles. Units are numbered in reading order: a single-document file,
    a record of a streamed file, a refused file. Every reader walks the same input the same way, so each
    unit is kept by exactly one of them, before it is parsed."""

    index: int = 0
    count: int = 1
    seen: int = 0

    def mine(self) -> bool:
        keep = self.seen % self.count == self.index
        self.seen += 1
        return keep
