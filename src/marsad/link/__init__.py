"""Steps across articles: copies and reused passages, stories and events, entities across articles, claims
and disagreements. Each is staged map -> reduce -> apply (:mod:`marsad.link.base`)."""

from __future__ import annotations

from marsad.link.base import CorpusStep, link
from marsad.link.copies import Copies
from marsad.link.digest import Digests
from marsad.link.entities import Entities
from marsad.link.stories import Stories


def link_steps() -> list[CorpusStep]:
    """The steps across articles, in the order they run (a later one may read what an earlier one wrote)."""
    from marsad.search import Search  # here: marsad.search imports marsad.link.base

    return [Copies(), Stories(), Digests(), Entities(), Search()]


def exported_keys() -> dict[str, tuple[str, ...]]:
    """The export's keys the steps across articles give, each with its records' fields (``store.<key>_records()``
    yields them)."""
    return {k: fields for step in link_steps() for k, fields in step.exports.items()}


__all__ = ["CorpusStep", "exported_keys", "link", "link_steps"]
