"""Copies and reused passages across articles: the same wire story on several sites (with other furniture
around it, some words changed, a paragraph dropped, paragraphs reordered, the lead rewritten), and a passage of
one article reused in another, otherwise different one.

Staged as every step across articles (:mod:`marsad.link.base`):

- map: an article's MinHash signature over the 5-word shingles of its folded text, cut into 64 LSH bands of 4
  rows (one 32-bit key each), and its passage anchors: the 10-word windows chosen by winnowing (the smallest
  window key of every run of ``WINNOW`` windows), so that any run of ``WINNOW + 9`` words two texts share gives
  both the same anchor. Kept small (two packed strings, under 1 KB); the shingles are made again from the text
  where a pair has to be confirmed.
- load: only what can match: the stored articles that share a band key or an anchor with a new one (the
  indexed tables ``copy_bands`` and ``copy_anchors``), their groups, and the texts of the pairs to confirm.
- reduce: candidates (a shared band: near-duplicates; a shared anchor: a reused passage, or a copy whose
  rewritten lead kept it under the bands' reach) confirmed by the exact Jaccard of the two shingle sets (or the
  containment of the smaller in the larger, both opening with what they share), then groups (union-find over
  the confirmed pairs, the most similar first; two groups join only if their heads are alike too, so an article
  made of two others does not join them): every copy points to its original, the earliest published (ties: the
  first linked), with its own similarity to it. Pairs of different groups that share a run of at least
  ``REUSE_MIN_WORDS`` words are reused passages, each pointing to the earliest article it is found in, with
  character offsets into both texts.
- apply: the tables ``duplicates`` and ``reuse`` rewritten for the articles placed.

An article written again (its text changed, the same id) is placed anew: its old bands and anchors are dropped,
the articles grouped with it and those reusing its passages are placed again with it; it is never compared with
its old self. A newly stored article older than a group's original becomes the original.

The MinHash library (rensa, measured against datasketch in docs/performance.md) is used behind ``_minhash``
and ``_shingle_hashes`` only; the step's version follows the library's, so stored signatures made by another
version are made again.
"""

from __future__ import annotations

import base64
import importlib.metadata
import operator
import re
import struct
import zlib
from array import array
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from typing import Any

import rensa  # type: ignore[import-untyped]

from marsad.arabic import fold_key, fold_with_offsets, original_span
from marsad.link.base import CorpusStep
from marsad.model import Article

STEP_VERSION = 1

# MinHash + LSH (docs/performance.md, "MinHash libraries"): 5-word shingles of folded text, 256 permutations in
# 64 bands of 4 rows (a pair at Jaccard 0.5 shares a band with probability 0.98, at 0.3 with 0.41)
SHINGLE_WORDS = 5
NUM_PERM = 256
BAND_ROWS = 4
BANDS = NUM_PERM // BAND_ROWS
SEED = 1
# passages: windows of two shingles, SHINGLE_WORDS apart (10 words); winnowing over WINNOW windows guarantees
# an anchor in every run of WINNOW + 9 = 25 shared words
WINDOW_GAP = SHINGLE_WORDS
WINNOW = 16

# confirmation. Read on SaudiNewsNet: of 26 pairs drawn at a Jaccard of 0.40-0.50, 25 were one text (the other
# two daily template statements); of 12 at 0.30-0.40, 9. The synthetic copies of eval/copies.py (a rewritten
# lead, a dropped paragraph) are found at 0.99 with this bar.
DUP_JACCARD = 0.45  # two texts whose shingle sets have this Jaccard are copies
DUP_CONTAINMENT = 0.8  # ... or the smaller has this share of its shingles in the larger,
DUP_CONTAINED_JACCARD = 0.3  # ... and their Jaccard is at least this (a brief inside a long roundup is reuse)
LEAD_SHINGLES = 20  # ... within their first this many shingles (about 24 words) both texts reach what they share
HEAD_JACCARD = 0.2  # two groups a pair would join are one only if their heads have this Jaccard (or containment)
DUP_MIN_SHINGLES = 10  # texts with fewer shingles (under 14 words) are never copies of anything
REUSE_MIN_WORDS = 25  # a reused passage is a run of at least this many words, the same once folded

# bounds on the work a candidate key brings (a key shared by this many articles says little about a pair)
BUCKET_MAX = 60  # articles a band key pairs with each other (beyond: the first ones); near-identical items
# published daily (prayer times, market closings) fill a band with hundreds, and one member suffices to join
ANCHOR_MAX = 40  # a 10-word window in more articles than this is a stock phrase, not a reused passage
ALIGN_SOURCES = 30  # the earlier articles sharing most anchors with an article that are aligned with it
ALIGN_CACHE = 512  # texts kept ready for aligning (their words: about 40 KB each)

_U32 = 0xFFFFFFFF
_WORD_SPLIT = re.compile(r"([^\W_]+)")


# -- the MinHash library, behind two functions -----------------------------------------------------------------


@cache
def backend() -> str:
    """The library, its version and its algorithm's version: signatures made by another are made again."""
    return f"rensa {importlib.metadata.version('rensa')} algorithm {rensa.RMinHash.ALGORITHM_VERSION}"


def _shingle_hashes(grams: Sequence[str]) -> list[int]:
    """A 64-bit hash of each shingle, in order."""
    return rensa.RMinHash.hash_token_sets([grams])[0] if grams else []


def _minhash(grams: Sequence[str]) -> list[int]:
    """The MinHash signature (NUM_PERM 32-bit values) of a set of shingles."""
    m = rensa.RMinHash(NUM_PERM, SEED)
    m.update(grams)
    return list(m.digest())


def band_keys(signature: Sequence[int]) -> list[int]:
    """One key per LSH band: the band's number above a 32-bit checksum of its rows."""
    raw = struct.pack(f"<{NUM_PERM}I", *signature)
    step = 4 * BAND_ROWS
    return [(b << 32) | zlib.crc32(raw[b * step:(b + 1) * step]) for b in range(BANDS)]


# -- what an article is made of, for matching ----------------------------------------------------------------


def words_of(text: str) -> list[str]:
    """The folded words (letters and digits) of a text, in order."""
    return fold_key(text).split()


def shingles_of(words: Sequence[str]) -> list[str]:
    """Each run of SHINGLE_WORDS words, in text order (a shorter text: all its words, once)."""
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words)] if words else []
    return list(map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)))


def word_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """The folded words (the same as :func:`words_of`); where each begins and ends in the folded text, as
    ``bounds[2 * i]`` and ``bounds[2 * i + 1]`` for word ``i``; and for each folded character, its place in
    ``text`` (:func:`original_span` maps a span back)."""
    folded, index = fold_with_offsets(text)
    parts = _WORD_SPLIT.split(folded)  # separator, word, separator, word, ..., separator
    return parts[1::2], list(accumulate(map(len, parts))), index


def window_keys(shingles: Sequence[int]) -> list[int]:
    """A key for each run of SHINGLE_WORDS + WINDOW_GAP words: its first shingle's hash and the next one's."""
    return list(map(operator.xor, shingles, shingles[WINDOW_GAP:]))


def winnow(keys: Sequence[int], w: int = WINNOW) -> set[int]:
    """The smallest key of every run of ``w`` consecutive keys (the smallest of all, for fewer), as 32-bit
    anchors: minima of runs doubling in length (log w passes over the keys)."""
    if len(keys) <= w:
        return {min(keys) & _U32} if keys else set()
    m, span = list(keys), 1
    while span * 2 <= w:
        m = [x if x < y else y for x, y in zip(m, m[span:], strict=False)]
        span *= 2
    if span < w:
        m = [x if x < y else y for x, y in zip(m, m[w - span:], strict=False)]
    return {k & _U32 for k in m}


def _pack(values: Iterable[int]) -> str:
    v = list(values)
    return base64.b64encode(struct.pack(f"<{len(v)}I", *v)).decode("ascii")


def _unpack(data: str) -> list[int]:
    raw = base64.b64decode(data)
    return list(struct.unpack(f"<{len(raw) // 4}I", raw))


def sig_bands(sig: Mapping[str, Any]) -> list[int]:
    """The LSH band keys of a signature (empty for a text too short to be a copy)."""
    return [(b << 32) | v for b, v in enumerate(_unpack(sig["bands"]))]


def sig_anchors(sig: Mapping[str, Any]) -> list[int]:
    return _unpack(sig["anchors"])


class Text:
    """One article's text as a pair's confirmation reads it: its distinct shingles (hashes, packed) and the
    shingles it opens with."""

    __slots__ = ("text", "shingles", "lead", "size")

    def __init__(self, text: str) -> None:
        self.text = text
        hashes = _shingle_hashes(shingles_of(words_of(text)))
        self.lead = hashes[:LEAD_SHINGLES]
        distinct = set(hashes)
        self.size = len(distinct)
        self.shingles = array("Q", distinct)


class Aligned:
    """One article's text as the search for shared passages reads it: its folded words, the key of each window
    of words and where it first is, and where each word is in the text (worked out when first asked)."""

    __slots__ = ("text", "words", "where", "_bounds", "_index")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = words_of(text)
        windows = window_keys(_shingle_hashes(shingles_of(self.words)))
        self.where = dict(zip(reversed(windows), range(len(windows) - 1, -1, -1), strict=True))
        self._bounds: list[int] = []
        self._index: list[int] = []

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The span of the text from its word ``first`` to its word ``last`` (inclusive)."""
        if not self._index:
            words, self._bounds, self._index = word_spans(self.text)
            if words != self.words:  # never seen: the two ways of folding disagree
                raise ValueError("word_spans and words_of disagree")
        return original_span(self.text, self._index, self._bounds[2 * first], self._bounds[2 * last + 1])


def similarity(a: Text, b: Text) -> tuple[float, float]:
    """Jaccard of the two shingle sets, and the share of the smaller set found in the larger."""
    if not a.size or not b.size:
        return 0.0, 0.0
    small, large = (a, b) if a.size <= b.size else (b, a)
    shared = len(set(small.shingles).intersection(large.shingles))
    return shared / (a.size + b.size - shared), shared / small.size


def is_copy(a: Text, b: Text, bar: float = DUP_JACCARD) -> float | None:
    """The pair's Jaccard when the two texts are copies of one text, else None: their shingle sets have a
    Jaccard of at least ``bar``, or the smaller is mostly inside the larger and both begin with what they share
    (a shortened or lengthened version of one report; one item of a roundup begins further in, and is a reused
    passage)."""
    if min(a.size, b.size) < DUP_MIN_SHINGLES:
        return None
    j, c = similarity(a, b)
    if j >= bar or (c >= DUP_CONTAINMENT and j >= DUP_CONTAINED_JACCARD and _shared_lead(a, b)
                    and _shared_lead(b, a)):
        return j
    return None


def _alike(a: Text, b: Text) -> bool:
    """Whether two groups' heads are near enough for their groups to be one: a Jaccard of HEAD_JACCARD, or
    one mostly inside the other."""
    j, c = similarity(a, b)
    return j >= HEAD_JACCARD or c >= DUP_CONTAINMENT


def _shared_lead(a: Text, b: Text) -> bool:
    """Whether one of the first LEAD_SHINGLES shingles of ``a`` is in ``b``."""
    return not set(a.lead).isdisjoint(b.shingles)


def shared_runs(t: Aligned, s: Aligned, min_words: int = REUSE_MIN_WORDS) -> list[tuple[int, int, int]]:
    """The runs of at least ``min_words`` words ``t`` and ``s`` share (folded words equal), as (word index in
    ``t``, word index in ``s``, length): seeded by the window keys both have, extended word by word; runs in
    ``t`` do not overlap."""
    tw, sw = t.words, s.words
    out: list[tuple[int, int, int]] = []
    done = 0  # the words of t before this are in a run found
    reach: dict[int, int] = {}  # diagonal (i - j) -> where the last match along it ended
    tk, sk = t.where, s.where
    for i, j in sorted((tk[k], sk[k]) for k in tk.keys() & sk.keys()):
        if i < done or i < reach.get(i - j, 0):
            continue
        size = 0
        while i + size < len(tw) and j + size < len(sw) and tw[i + size] == sw[j + size]:
            size += 1
        reach[i - j] = i + size
        if size >= min_words:
            out.append((i, j, size))
            done = i + size
    return out


def _subtract(run: tuple[int, int, int], taken: list[tuple[int, int]], min_words: int) -> list[tuple[int, int, int]]:
    """The parts of a run (t index, s index, length) outside the word intervals ``taken`` of ``t``, each at least
    ``min_words`` long (a part keeps its place in ``s``)."""
    parts = [run]
    for a, b in taken:
        cut = []
        for ti, si, size in parts:
            end = ti + size
            if b <= ti or a >= end:
                cut.append((ti, si, size))
                continue
            if a > ti:
                cut.append((ti, si, a - ti))
            if b < end:
                cut.append((b, si + (b - ti), end - b))
        parts = cut
    return [p for p in parts if p[2] >= min_words]


# -- the step's state and outcome ---------------------------------------------------------------------------------


@dataclass
class State:
    """What the reduce starts from (built by ``load`` from the store)."""

    replace: dict[str, dict[str, Any]] = field(default_factory=dict)  # stored articles placed again: signatures
    old: dict[str, dict[str, Any]] = field(default_factory=dict)  # new articles linked before: old signatures
    docs: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # stored article -> (number, published)
    next_n: int = 1  # the number the next article linked for the first time gets
    bands: dict[int, list[str]] = field(default_factory=dict)  # band key -> stored articles holding it
    anchors: dict[int, list[str]] = field(default_factory=dict)  # anchor -> stored articles holding it
    anchor_counts: dict[int, int] = field(default_factory=dict)  # anchor -> how many stored articles hold it
    original: dict[str, str] = field(default_factory=dict)  # stored article -> its group's original (itself)
    members: dict[str, dict[str, float]] = field(default_factory=dict)  # original -> {copy: similarity}
    texts: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    docs: list[tuple[int, str, str | None, list[int], list[int]]]  # (number, article, published, bands, anchors)
    dropped: list[tuple[int, list[int], list[int]]]  # old bands and anchors of articles written again
    duplicates: dict[str, tuple[str, float] | None]  # article -> (original, similarity), None: not a copy
    groups: list[list[str]]  # the groups written (reused passages inside one are dropped)
    reuse: dict[str, list[tuple[int, int, str, int, int]]]  # target -> (start, end, source, start, end)
    placed: int


def _order(pub: str | None, n: int, article: str) -> tuple[str, int, str]:
    return (pub or "9999", n, article)


class _Texts(dict[str, "Text"]):
    """The texts of the articles a pair needs, each made ready for comparing when first asked for; made ready
    for aligning (heavier: their words) when asked, the last ALIGN_CACHE kept."""

    def __init__(self, raw: Mapping[str, str]) -> None:
        super().__init__()
        self.raw = raw
        self.aligned: OrderedDict[str, Aligned] = OrderedDict()

    def __missing__(self, article: str) -> Text:
        value = self[article] = Text(self.raw[article])
        return value

    def __contains__(self, article: object) -> bool:
        return article in self.raw

    def align(self, article: str) -> Aligned:
        got = self.aligned.get(article)
        if got is None:
            got = self.aligned[article] = Aligned(self.raw[article])
            if len(self.aligned) > ALIGN_CACHE:
                self.aligned.popitem(last=False)
        else:
            self.aligned.move_to_end(article)
        return got


class _Groups:
    """Union-find over article ids, each group knowing its head (its earliest article) and its size."""

    def __init__(self, order: Callable[[str], tuple[str, int, str]]) -> None:
        self.order = order
        self.parent: dict[str, str] = {}
        self.head: dict[str, str] = {}
        self.size: dict[str, int] = {}

    def find(self, a: str) -> str:
        p = self.parent.get(a)
        if p is None:
            self.parent[a] = self.head[a] = a
            self.size[a] = 1
            return a
        while p != self.parent[p]:
            self.parent[p] = self.parent[self.parent[p]]
            p = self.parent[p]
        self.parent[a] = p
        return p

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.head[ra] = min(self.head[ra], self.head[rb], key=self.order)
            self.size[ra] += self.size.pop(rb)
            del self.head[rb]


class Copies(CorpusStep):
    name = "copies"
    requires = ("text", "published")
    provides = ("copy_docs", "copy_bands", "copy_anchors", "duplicates", "reuse")
    exports = {"duplicates": ("article", "of", "similarity"),
               "reuse": ("article", "start", "end", "of", "of_start", "of_end")}

    def __init__(self, dup_jaccard: float | None = None) -> None:
        """``dup_jaccard``: another bar for copies (the evaluation's ``--bar``)."""
        self.dup_jaccard = DUP_JACCARD if dup_jaccard is None else dup_jaccard

    @property
    def version(self) -> int:  # type: ignore[override]
        """The step's own version and its library's: another library version links everything again."""
        return STEP_VERSION * 1_000_000 + zlib.crc32(backend().encode()) % 1_000_000

    # map
    def signature(self, article: Article) -> dict[str, Any]:
        grams = shingles_of(words_of(article.text))
        hashes = _shingle_hashes(grams)
        bands = band_keys(_minhash(grams)) if len(set(hashes)) >= DUP_MIN_SHINGLES else []
        return {"published": article.published, "bands": _pack(k & _U32 for k in bands),
                "anchors": _pack(sorted(winnow(window_keys(hashes))))}

    # load
    def load(self, store: Any, new: Sequence[tuple[str, dict[str, Any]]]) -> State:
        """The stored articles the new ones may match (by a band or an anchor), those to place again with them
        (grouped with an article written again, reusing its passages, or later than a new article they share a
        passage with), their groups, and the texts of every article a pair may need."""
        state = State()
        new_ids = {a for a, _ in new}
        state.docs = store.copy_docs(new_ids)
        state.next_n = store.copy_next_n()
        written_again = [a for a in new_ids if a in state.docs]
        state.old = store.signatures_of(self.name, written_again)
        replace: set[str] = set()
        if written_again:
            originals = store.copy_originals(written_again)
            heads = {originals.get(a, a) for a in written_again}  # the originals of their groups
            for copies in store.copy_members(heads).values():
                replace.update(copies)
            replace.update(heads)
            replace.update(store.reuse_of(written_again))
        replace -= new_ids
        keys = _keys(new)
        asked: tuple[set[int], set[int]] = (set(), set())  # the band keys and anchors looked up
        self._place_again(store, state, keys, replace, asked)
        # a stored article later than a new one it shares an anchor with may now reuse a passage first found in
        # the new one: placed again too (articles arrive in date order as a rule: then there is none)
        pub = {a: sig.get("published") or "9999" for a, sig in new}
        later = {b for a in new_ids for k in keys[a][1] for b in state.anchors.get(k, ())
                 if b not in keys and (state.docs[b][1] or "9999") > pub[a]}
        if later:
            self._place_again(store, state, keys, later, asked)
        stored = {b for hits in (state.bands, state.anchors) for ids in hits.values() for b in ids} - keys.keys()
        stored |= state.replace.keys() | set(written_again)
        state.original = store.copy_originals(stored)
        for a in stored:
            state.original.setdefault(a, a)
        state.members = store.copy_members(set(state.original.values()))
        involved = stored | set(state.original.values()) | {m for ms in state.members.values() for m in ms}
        state.docs.update(store.copy_docs(involved - state.docs.keys()))
        state.texts = store.article_texts(involved | self._matched(keys, state))
        return state

    def _place_again(self, store: Any, state: State, keys: dict[str, tuple[list[int], list[int]]],
                     replace: set[str], asked: tuple[set[int], set[int]]) -> None:
        """The stored articles ``replace`` to be placed again with the new ones (their signatures), and what the
        store holds that all of them may match."""
        state.replace.update(store.signatures_of(self.name, replace - state.replace.keys()))
        keys.update(_keys((a, sig) for a, sig in state.replace.items() if a not in keys))
        self._lookup(store, state, keys, asked)

    def _matched(self, keys: Mapping[str, tuple[list[int], list[int]]], state: State) -> set[str]:
        """The articles placed that share a band key or an anchor with another article (their texts are read)."""
        stored_bands = {k for k, ids in state.bands.items() if set(ids) - keys.keys()}
        shared_bands = _shared(keys, 0) | stored_bands
        shared_anchors = _shared(keys, 1) | {k for k, ids in state.anchors.items() if set(ids) - keys.keys()}
        return {a for a, (b, an) in keys.items()
                if not shared_bands.isdisjoint(b) or not shared_anchors.isdisjoint(an)}

    def _lookup(self, store: Any, state: State, keys: Mapping[str, tuple[list[int], list[int]]],
                asked: tuple[set[int], set[int]]) -> None:
        """The stored articles holding the band keys and anchors of ``keys`` not ``asked`` for yet."""
        if state.next_n == 1:  # nothing linked yet: nothing to find
            return
        band_keys_ = {k for b, _ in keys.values() for k in b} - asked[0]
        anchors = {k for _, an in keys.values() for k in an} - asked[1]
        asked[0].update(band_keys_)
        asked[1].update(anchors)
        state.bands.update(store.copy_band_hits(band_keys_, BUCKET_MAX))
        found, counts = store.copy_anchor_hits(anchors, ANCHOR_MAX)
        state.anchors.update(found)
        state.anchor_counts.update(counts)
        state.docs.update(store.copy_docs({b for ids in state.bands.values() for b in ids}
                                          | {b for ids in state.anchors.values() for b in ids}))

    # reduce
    def _pairs(self, keys: Mapping[str, tuple[list[int], list[int]]], state: State
               ) -> tuple[set[tuple[str, str]], Counter[tuple[str, str]]]:
        """Candidate pairs (sorted ids) among the articles placed and with the stored ones: those sharing a band,
        and those sharing anchors (with how many). Keys held by the same articles are paired up once."""
        by_band = self._holders(keys, 0, state.bands)
        by_anchor = self._holders(keys, 1, state.anchors)
        band_sets: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        for k, ids in by_band.items():
            held = tuple(b for b in state.bands.get(k, ()) if b not in keys)
            if len(ids) > 1 or held:  # a key one article holds alone pairs nothing
                band_sets.add((tuple(ids[:BUCKET_MAX]), held))
        banded: set[tuple[str, str]] = set()
        for members, others in band_sets:
            banded.update(_pair_up(members, others))
        anchor_sets: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
        for k, ids in by_anchor.items():
            held = tuple(b for b in state.anchors.get(k, ()) if b not in keys)
            if (len(ids) > 1 or held) and len(ids) + state.anchor_counts.get(k, 0) <= ANCHOR_MAX:
                anchor_sets[tuple(ids), held] += 1
        anchored: Counter[tuple[str, str]] = Counter()
        for (members, others), n in anchor_sets.items():
            for p in _pair_up(members, others):
                anchored[p] += n
        return banded, anchored

    @staticmethod
    def _holders(keys: Mapping[str, tuple[list[int], list[int]]], which: int,
                 stored: Mapping[int, list[str]]) -> dict[int, list[str]]:
        """For each band key (``which`` 0) or anchor (1) held by two articles placed, or by one and a stored
        article: the articles placed that hold it, in id order."""
        shared = _shared(keys, which) | stored.keys()
        out: dict[int, list[str]] = defaultdict(list)
        for a in sorted(keys):
            for k in shared.intersection(keys[a][which]):
                out[k].append(a)
        return out

    def reduce(self, new: Sequence[tuple[str, dict[str, Any]]], state: State) -> Outcome:
        keys = _keys((*new, *state.replace.items()))
        texts = _Texts(state.texts)
        pub: dict[str, str | None] = {a: p for a, (_, p) in state.docs.items()}
        num: dict[str, int] = {a: n for a, (n, _) in state.docs.items()}
        docs: list[tuple[int, str, str | None, list[int], list[int]]] = []
        next_n = state.next_n
        for a, sig in new:
            if a not in num:
                num[a], next_n = next_n, next_n + 1
            pub[a] = sig.get("published")
            docs.append((num[a], a, pub[a], *keys[a]))
        dropped = [(num[a], *_keys([(a, sig)])[a]) for a, sig in state.old.items()]

        def order(a: str) -> tuple[str, int, str]:
            return _order(pub.get(a), num.get(a, 1 << 62), a)

        banded, anchored = self._pairs(keys, state)
        candidates = banded | anchored.keys()
        working = keys
        groups = _Groups(order)
        # the stored groups as they are, but for what is placed again (its links are found anew)
        for o, copies in state.members.items():
            groups.find(o)
            for m in copies:
                if m not in working and o not in state.old:
                    groups.union(o, m)
        for a in working:
            groups.find(a)
        # the pairs confirmed, the most similar first; two groups join only if their heads are alike too (an
        # article made of two others, or a chain of edits drifting away, does not join what is not one text)
        edges = []
        for a, b in sorted(candidates):
            if a in texts and b in texts:
                j = is_copy(texts[a], texts[b], self.dup_jaccard)
                if j is not None:
                    edges.append((-j, a, b))
        for _, a, b in sorted(edges):
            ra, rb = groups.find(a), groups.find(b)
            if ra == rb:
                continue
            ha, hb = groups.head[ra], groups.head[rb]
            if {ha, hb} != {a, b} and not (ha in texts and hb in texts and _alike(texts[ha], texts[hb])):
                continue
            groups.union(a, b)
        members: dict[str, list[str]] = defaultdict(list)
        for a in list(groups.parent):
            members[groups.find(a)].append(a)
        duplicates: dict[str, tuple[str, float] | None] = {}
        written: list[list[str]] = []
        for group in members.values():
            first = min(group, key=order)
            written.append(group)
            for a in group:
                if a == first:
                    duplicates[a] = None
                    continue
                known = state.members.get(first, {}).get(a)
                if known is not None and a not in working and first not in working:
                    duplicates[a] = (first, known)
                elif a in texts and first in texts:
                    duplicates[a] = (first, round(similarity(texts[a], texts[first])[0], 4))
        reuse = self._reuse(working, anchored, groups, texts, order)
        return Outcome(docs, dropped, duplicates, [g for g in written if len(g) > 1 or g[0] in working], reuse,
                       len(new))

    def _reuse(self, working: Mapping[str, Any], anchored: Mapping[tuple[str, str], int], groups: _Groups,
               texts: _Texts, order: Any) -> dict[str, list[tuple[int, int, str, int, int]]]:
        """For every article placed: the passages it shares with earlier articles of other groups, each part
        of it credited to the earliest article it is found in."""
        sources: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for (a, b), n in anchored.items():
            if groups.find(a) == groups.find(b):
                continue
            t, s = (a, b) if order(a) > order(b) else (b, a)
            if t in working:
                sources[t].append((n, s))
        out: dict[str, list[tuple[int, int, str, int, int]]] = {a: [] for a in working}
        for t, found in sources.items():
            if t not in texts:
                continue
            chosen = sorted(found, key=lambda x: (-x[0], order(x[1])))[:ALIGN_SOURCES]
            taken: list[tuple[int, int]] = []
            rows = []
            for s in sorted((s for _, s in chosen), key=order):
                if s not in texts:
                    continue
                target, source = texts.align(t), texts.align(s)
                for run in shared_runs(target, source):
                    for ti, si, size in _subtract(run, taken, REUSE_MIN_WORDS):
                        taken.append((ti, ti + size))
                        rows.append((*target.span(ti, ti + size - 1), s, *source.span(si, si + size - 1)))
            out[t] = sorted(rows)
        return out

    # apply
    def apply(self, store: Any, outcome: Outcome) -> int:
        store.save_copies(outcome)
        return outcome.placed


def _pair_up(ids: Sequence[str], stored: Sequence[str]) -> set[tuple[str, str]]:
    """Every pair of ``ids``, and each of them with each of ``stored`` (sorted, never an article with itself)."""
    out = set()
    for n, a in enumerate(ids):
        for b in (*ids[n + 1:], *stored):
            if a != b:
                out.add((a, b) if a < b else (b, a))
    return out


def _shared(keys: Mapping[str, tuple[list[int], list[int]]], which: int) -> set[int]:
    """The band keys (``which`` 0) or anchors (1) that two or more of these articles hold: band by band (a
    band's keys never meet another band's), so what is counted at once stays small."""
    shared: set[int] = set()
    if which == 0:
        for b in range(BANDS):
            counts = Counter(held[0][b] for held in keys.values() if held[0])
            shared.update(k for k, n in counts.items() if n > 1)
        return shared
    seen: set[int] = set()
    for held in keys.values():
        shared.update(seen.intersection(held[1]))
        seen.update(held[1])
    return shared


def _keys(sigs: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, tuple[list[int], list[int]]]:
    """Each article's band keys and anchors, unpacked once."""
    return {a: (sig_bands(sig), sig_anchors(sig)) for a, sig in sigs}
