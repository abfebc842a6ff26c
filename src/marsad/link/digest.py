"""What a story says, across its articles: a short extractive summary and where its statements disagree.
A step across articles that runs after the stories are linked, over the stories that new articles joined.

- map: an article's candidate sentences (its lead, and every sentence that quotes someone or gives a figure),
  each with its offsets, content words and speaker;
- reduce: per story touched, the summary (sentences whose words the story's other articles share most, one
  per outlet first, none repeating another) and the disagreements (pairs of sentences of different articles or
  speakers on one subject that :func:`marsad.link.claims.compare` finds in conflict, grouped by what differs);
- apply: both written back per story.

Precision first for disagreements: a pair counts only where the two sentences share enough of their words to
be on one subject inside the story, and compare() is sure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from marsad.analyse.figures import find_figures
from marsad.analyse.lexicon import folded_set, in_lexicon
from marsad.analyse.names import place_of, same_place
from marsad.arabic import fold, proclitic_candidates, sentences
from marsad.link.base import CorpusStep
from marsad.link.claims import (
    THRESHOLDS,
    Verdict,
    compare,
    counted_kinds,
    denied_report,
    few_count,
    opposed,
    rebuttal,
    running_total,
)
from marsad.link.features import WORD, term
from marsad.link.stories import Stories
from marsad.model import Article, Figure
from marsad.settings import WORD_CACHE_SIZE

LEAD_SENTENCES = 3  # an article's first sentences are candidates for the summary
MAX_SENTENCES = 16  # the most candidate sentences an article gives
MIN_WORDS, MAX_WORDS = 4, 90  # a candidate sentence's (and claim's) length in words
CLAIM_WORDS = 20  # a claim compared is at most this long (a longer statement says several things)
SUMMARY_MIN, SUMMARY_MAX = 2, 5  # sentences in a summary
REPEAT = 0.5  # a sentence sharing this much of its words with one chosen repeats it
SAME_OUTLET = 0.5  # a second sentence from an outlet already in the summary weighs this much
MIN_SHARED = 2  # two sentences on one subject share at least this many content words
MAX_PAIRS = 4000  # the most sentence pairs compared in one story (those sharing most words first)
# inside a story the topic is known: a difference counts when a quarter of one side's words is on the other
STORY_THRESHOLDS = dataclasses.replace(THRESHOLDS, min_overlap=0.25, min_shared=2)
SAME_CLAIM = 0.5  # two statements of one quantity share this much of their content words (figures aside), at least
AMOUNT_DAYS = 30  # a count said few and a count of thousands are compared when given this many days apart at most
NOT_FEW = 1000  # a count this large is not what a word of few describes
FIGURE_RATIO = 2.0  # two values further apart than this count different things (a region's and a country's)


@dataclass
class Story:
    """The stored signatures of one story's articles."""

    id: str
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Digest:
    story: str
    summary: list[dict[str, Any]]
    disagreements: list[dict[str, Any]]


class Digests(CorpusStep):
    name = "digest"
    version = 100 * Stories.version + 6  # made again whenever the stories are; 6: copies left out of a
    # summary, and the stories whose digest cites an article written again made again
    requires = ("text", "quotes", "figures", "published", "outlet")
    provides = ("story_digests",)
    exports = {"disagreements": ("story", "about", "kind", "detail", "claims")}

    # map
    def signature(self, article: Article) -> dict[str, Any]:
        """The article's candidate sentences for a summary (its lead, the sentences quoting someone or giving a
        figure) and its claims (what each speaker said, the headline and the first sentence), each with its
        offsets, content words and the spans of the names in it (a name's words say nothing of the claim)."""
        text = article.text
        names = [(m.start, m.end, m.type) for m in article.entities]
        figured = [(f.start, f.end) for f in article.figures]
        said = [(q.start, q.end, q.speaker) for q in article.quotes]
        out = []
        for n, (start, end) in enumerate(sentences(text)):
            words = WORD.findall(text[start:end])
            speaker = next((who for a, b, who in said if a < end and start < b and who), None)
            weighty = speaker is not None or any(a < end and start < b for a, b in figured)
            if MIN_WORDS <= len(words) <= MAX_WORDS and (n < LEAD_SENTENCES or weighty):
                out.append({**_span(text, start, end, names), "lead": n < LEAD_SENTENCES, "n": n,
                            "speaker": speaker})
            if len(out) >= MAX_SENTENCES:
                break
        claims = [{**_span(text, a, b, names), "speaker": who} for q, r, who in said if who
                  for a, b in _clauses(text, q, r) if len(WORD.findall(text[a:b])) <= CLAIM_WORDS]
        claims += [{**s, "speaker": None} for s in out[:1] if len(WORD.findall(s["text"])) <= CLAIM_WORDS
                   and not any(c["start"] <= s["start"] < c["end"] for c in claims)]
        return {"sentences": out, "claims": claims[:MAX_SENTENCES], "outlet": article.outlet,
                "published": article.published}

    # reduce
    def load(self, store: Any, new: Sequence[tuple[str, dict[str, Any]]]) -> list[Story]:
        """The stories the new articles are in, with the signatures of all their articles."""
        return store.digest_state(self.name, dict(new))

    def reduce(self, new: Sequence[tuple[str, dict[str, Any]]], state: list[Story]) -> list[Digest]:
        return [Digest(s.id, summary(s.articles), disagreements(s.articles)) for s in state]

    # apply
    def apply(self, store: Any, outcome: list[Digest]) -> int:
        store.save_digests(outcome)
        return len(outcome)


def _order(articles: Mapping[str, Mapping[str, Any]]) -> list[str]:
    return sorted(articles, key=lambda a: (articles[a]["published"] or "9999", a))


def summary(articles: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """2 to 5 sentences (as many as the story has articles, within those bounds): those whose words most of
    the story's other articles share, a lead sentence before a later one, an outlet not yet heard before one
    already in, none repeating a chosen one; in the order of the articles' publication and the text."""
    support: Counter[str] = Counter()
    for sig in articles.values():
        support.update({t for s in sig["sentences"] for t in s["terms"]})
    several = len(articles) > 1
    candidates = []
    for a, sig in articles.items():
        for s in sig["sentences"]:
            terms = s["terms"]
            shared = sum(support[t] - 1 for t in terms) / max(1, len(terms)) ** 0.5 if several else 0.0
            candidates.append((shared + 1.0 / (1 + s["n"]), a, s))
    candidates.sort(key=lambda x: (-x[0], x[1], x[2]["start"]))
    wanted = min(SUMMARY_MAX, max(SUMMARY_MIN, len(articles)))
    chosen: list[tuple[str, dict[str, Any]]] = []
    outlets: set[str | None] = set()
    while candidates and len(chosen) < wanted:
        best = max(candidates, key=lambda x: x[0] * (SAME_OUTLET if articles[x[1]]["outlet"] in outlets else 1))
        candidates.remove(best)
        _, a, s = best
        if any(_overlap(s["terms"], c["terms"]) > REPEAT for _, c in chosen):
            continue
        chosen.append((a, s))
        outlets.add(articles[a]["outlet"])
    rank = {a: k for k, a in enumerate(_order(articles))}
    chosen.sort(key=lambda x: (rank[x[0]], x[1]["start"]))
    return [{"article": a, "outlet": articles[a]["outlet"], "start": s["start"], "end": s["end"],
             "text": s["text"]} for a, s in chosen]


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def disagreements(articles: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Claims of the story that conflict: pairs of own-voice claims (an article's headline or lead) of two
    articles, sharing at least ``MIN_SHARED`` content words, that :func:`compare` finds in conflict and
    :func:`_stands` keeps, published on one day (a count given on two days is mostly one count updated); a
    conflict found again between other copies of the same statements joins the first;
    then the denials of a report (:func:`_rebuttals`), between any voices. Only what :func:`_stands` can
    keep is compared: own-voice claims that give a figure, two by two inside one event (a story of hundreds of
    articles would otherwise cost millions of pairs each time an article joins it)."""
    items = [(a, c) for a in _order(articles) for c in articles[a]["claims"]]
    events: dict[Any, list[tuple[str, Mapping[str, Any]]]] = {}
    for a, c in items:
        if c["speaker"] is None and _counts(c["text"]):
            events.setdefault(articles[a].get("event"), []).append((a, c))
    pairs = []
    for (a, s), (b, t) in (p for group in events.values() for p in itertools.combinations(group, 2)):
        if _voice(articles, a, s) == _voice(articles, b, t):
            continue  # one voice is not disputed with itself (an outlet giving a toll, then another)
        if (articles[a]["published"] or "")[:10] != (articles[b]["published"] or "")[:10]:
            continue  # counts given on two days are mostly one count updated (a toll, a total so far)
        shared = len(set(s["terms"]) & set(t["terms"]))
        if shared >= MIN_SHARED and fold(s["text"]) != fold(t["text"]) and not _other_subject(s, t):
            pairs.append((shared, a, s, b, t))
    pairs.sort(key=lambda p: -p[0])
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for _, a, s, b, t in pairs[:MAX_PAIRS]:
        verdict = compare(s["text"], t["text"], a_date=_date(articles[a]["published"]),
                          b_date=_date(articles[b]["published"]), thresholds=STORY_THRESHOLDS)
        if verdict is None or not _stands(verdict, s, t) or _reconciled(articles[a], articles[b], s, t, verdict):
            continue
        words = [fold(x).strip() for x in verdict.detail.split("/")]
        sides = sorted(words)
        key = (verdict.kind, " / ".join(sides))
        entry = found.setdefault(key, {"about": _about(s, t), "kind": verdict.kind, "detail": verdict.detail,
                                       "claims": []})
        first = words[0] == sides[0]  # which side each holds: the side of the value each gives
        for art, sen, side in ((a, s, 0 if first else 1), (b, t, 1 if first else 0)):
            if not any(c["article"] == art and c["start"] == sen["start"] for c in entry["claims"]):
                entry["claims"].append({"article": art, "start": sen["start"], "end": sen["end"],
                                        "text": sen["text"], "speaker": sen["speaker"], "side": side})
    for dispute in _rebuttals(articles, items):
        found.setdefault(("denial", dispute["detail"]), dispute)
    for dispute in _amounts(articles, items):
        found.setdefault(("amount", dispute["detail"]), dispute)
    return list(found.values())


def _amounts(articles: Mapping[str, Mapping[str, Any]],
             items: Sequence[tuple[str, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """A voice saying a count is few (أعداد الجنود المنتشرين على الحدود "قليلة") against the other
    voices of the story that count the same kind of thing (the figure's noun of a sense the statement names:
    ينتشر على الحدود نحو 4000 جندي) at :data:`NOT_FEW` or more, in a claim or a
    sentence of theirs published within :data:`AMOUNT_DAYS` of it."""
    out = []
    for a, s in items:
        if (few := few_count(s["text"])) is None or not few[3]:
            continue
        voice, kinds, said_on = _voice(articles, a, s), few[3], _date(articles[a]["published"])
        counted: dict[tuple[str, float | None, str], tuple[str, Mapping[str, Any], Figure]] = {}  # one per article
        for b in _order(articles):
            if said_on and (on := _date(articles[b]["published"])) and abs((on - said_on).days) > AMOUNT_DAYS:
                continue  # a count of another time
            for t in (*articles[b]["claims"], *articles[b]["sentences"]):  # a quote first, then its sentence
                if _voice(articles, b, t) == voice:
                    continue
                figure = next((f for f in find_figures(t["text"]) if f.value and f.value >= NOT_FEW and f.unit
                               and any(counted_kinds(w) & kinds for w in WORD.findall(f.unit))), None)
                if figure is not None:  # one count said twice (an article quoting it again, a copy): once
                    counted.setdefault((b, figure.value, fold(figure.unit or "")), (b, t, figure))
        if counted:
            about = s["text"][few[0]:few[1]].strip(" \"'«»“”،,")
            claims = [_claim(a, s, 1), *(_claim(b, t, 0) for b, t, _ in counted.values())]
            detail = " / ".join([s["text"][few[1]:few[2]],
                                 *dict.fromkeys(f"{f.text} {f.unit}" for _, _, f in counted.values())])
            out.append({"about": about, "kind": "amount", "detail": detail, "claims": claims})
    return out


def _rebuttals(articles: Mapping[str, Mapping[str, Any]],
               items: Sequence[tuple[str, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """A voice denying a report (وننفي ما تردد بخصوص إغلاق المعبر) that another voice of the story makes (أغلقت
    السلطات المعبر): :func:`rebuttal`. The denier's side also holds its own statements that the report's
    contradicts (المعبر مفتوح against أغلقت). A statement of the denier itself (the denier its speaker, or its
    subject with a verb of saying after it: حماس تكذب ... ، حماس تكشف حقيقة مشاركتها; not حماس تشارك في القتال, a
    report about it) is no other side, nor one published more than a day after the denial
    (what was denied had been reported before it). Unlike other opposite words, an explicit denial of what was reported
    is a dispute its speaker declares, so it is shown between speakers too."""
    out = []
    for a, s in items:
        if denied_report(s["text"]) is None:
            continue
        voice, denier = _voice(articles, a, s), fold(s["speaker"] or _subject(s) or "")
        denied_on = _date(articles[a]["published"])
        asserted = [(b, t, v) for b, t in items if _voice(articles, b, t) != voice
                    and not (denier and fold(t["speaker"] or _saying_subject(t) or "") == denier)
                    and not (denied_on and (on := _date(articles[b]["published"])) and (on - denied_on).days > 1)
                    and (v := rebuttal(s["text"], t["text"]))]
        if not asserted:
            continue
        own = [c for c in articles[a]["claims"] if c is not s and _voice(articles, a, c) == voice and any(
            (v := compare(t["text"], c["text"], thresholds=STORY_THRESHOLDS)) and v.kind == "antonym"
            for _, t, _ in asserted)]
        claims = [_claim(a, c, 0) for c in sorted([*own, s], key=lambda c: c["start"])]
        seen = set()  # one statement reported again (by another article or twice in one) is one side's claim
        for b, t, _ in asserted:
            if (key := fold(t["text"])) not in seen:
                seen.add(key)
                claims.append(_claim(b, t, 1))
        span = asserted[0][2].a_span or (0, 0)
        denied = s["text"][span[0]:span[1]]
        said = dict.fromkeys(t["text"][v.b_span[0]:v.b_span[1]] for _, t, v in asserted if v.b_span)
        out.append({"about": denied, "kind": "denial", "detail": " / ".join([denied, *said]), "claims": claims})
    return out


def _voice(articles: Mapping[str, Mapping[str, Any]], article: str, c: Mapping[str, Any]) -> str:
    """Who says a statement: its speaker, else the outlet whose article it is (else the article)."""
    return fold(c["speaker"] or articles[article].get("outlet") or article)


def _subject(c: Mapping[str, Any]) -> str | None:
    """The first person or body a statement names (its subject, in a headline: حماس تكذب ... ، حماس تكشف ...)."""
    return next((c["text"][a:b] for a, b, kind in c["names"] if kind in ("PER", "ORG")), None)


def _saying_subject(c: Mapping[str, Any]) -> str | None:
    """The statement's subject when a verb of saying follows it (حماس تكشف حقيقة مشاركتها: حماس speaks; not
    حماس تشارك في القتال, a report about it)."""
    first = next(((a, b) for a, b, kind in c["names"] if kind in ("PER", "ORG")), None)
    if first is None:
        return None
    after = WORD.findall(c["text"][first[1]:])
    return c["text"][first[0]:first[1]] if after and in_lexicon(after[0], "speech_verbs", "verbs") else None


def _claim(article: str, c: Mapping[str, Any], side: int) -> dict[str, Any]:
    return {"article": article, "start": c["start"], "end": c["end"], "text": c["text"], "speaker": c["speaker"],
            "side": side}


_CLAUSE_END = re.compile(r"[،؛,;.!?؟]\s*")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A statement cut at its commas and sentence ends into clauses of at least ``MIN_WORDS`` words (a shorter
    piece joins the one before it)."""
    out: list[tuple[int, int]] = []
    at = start
    for m in itertools.chain(_CLAUSE_END.finditer(text, start, end), [None]):
        stop = m.start() if m else end
        if len(WORD.findall(text[at:stop])) >= MIN_WORDS or not out:
            out.append((at, stop))
        else:
            out[-1] = (out[-1][0], stop)
        at = m.end() if m else end
    return [(a, b) for a, b in out if len(WORD.findall(text[a:b])) >= MIN_WORDS]


def _stands(verdict: Verdict, s: Mapping[str, Any], t: Mapping[str, Any]) -> bool:
    """Does a conflict compare() found between two own-voice claims of one event (headlines or leads: a speaker's
    figures are mostly of other things than another's) hold as a dispute? Only differing figures, the two values of one
    order (7 and 5 flights diverted; not 12 thousand in one region and 400 thousand in the kingdom, nor an index's level
    and its change), not one value written to another precision (:func:`_one_value`), not two opposite moves, never a
    difference inside a name; two statements alike but for the figure (:data:`SAME_CLAIM` of their words), neither a
    count so far nor a toll that rose to its figure (:func:`running_total`). Denials and opposite words between the
    statements of a story were read on SaudiNewsNet and were mostly two sides of different matters (about 3 in 16 real),
    so they are not shown: precision first."""
    if verdict.kind != "figure" or _in_name(verdict.a_span, s) or _in_name(verdict.b_span, t):
        return False
    f, g = _figure_at(s["text"], verdict.a_span), _figure_at(t["text"], verdict.b_span)
    if f is None or g is None or not f.value or not g.value or opposed(s["text"], t["text"]):
        return False  # a fall of 0.38% and a rise of 0.34%: two moves, not one quantity
    if _likeness(s, t) < SAME_CLAIM or running_total(s["text"], f.start) or running_total(t["text"], g.start):
        return False  # two statements of other things; a count so far, or a toll that rose to its figure
    low, high = sorted((abs(f.value), abs(g.value)))
    return high / low <= FIGURE_RATIO and not _one_value(f.value, g.value)


def _reconciled(x: Mapping[str, Any], y: Mapping[str, Any], s: Mapping[str, Any], t: Mapping[str, Any],
                verdict: Verdict) -> bool:
    """Does either article give the other's figure too (41 projects begun of the 49 approved; 13 rescued in one
    sector, 16 in the province)? Then the two figures count different things, as the article says."""
    f, g = _figure_at(s["text"], verdict.a_span), _figure_at(t["text"], verdict.b_span)
    return f is not None and g is not None and (_gives(x, g, s) or _gives(y, f, t))


def _gives(article: Mapping[str, Any], figure: Figure, claim: Mapping[str, Any]) -> bool:
    """Does one of the article's sentences or claims give this value, of the same counted noun or on the same
    matter as the claim (two of its content words: عدد المستفيدين ... (63) خريجاً; not استمرت عمليات الإنقاذ 7
    ساعات against 7 dead)?"""
    unit = term(figure.unit or "") or ""
    return figure.value is not None and any(
        f.value is not None and _one_value(f.value, figure.value) and (
            (term(f.unit or "") or "") == unit or len(set(c["terms"]) & set(claim["terms"])) >= MIN_SHARED)
        for c in (*article["sentences"], *article["claims"]) for f in find_figures(c["text"]))


def _likeness(s: Mapping[str, Any], t: Mapping[str, Any]) -> float:
    """The share of their content words (figures aside) two statements have in common (Jaccard)."""
    x, y = ({w for w in c["terms"] if not any(ch.isdigit() for ch in w)} for c in (s, t))
    return len(x & y) / max(1, len(x | y))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _counts(text: str) -> bool:
    """Does the statement give a figure with a value?"""
    return any(f.value for f in find_figures(text))


def _one_value(a: float, b: float) -> bool:
    """Are two values one, the one with fewer significant digits the other rounded to them (400 ألف for 425
    ألف; ألفا for 1982; not 3000 for 2500), or, at two significant digits or more, cut short to them (11% for
    11.8%, 1107 ملايين for 1107.6 مليون)? Two values of as many digits (2215, 2217; 4, 5) are two."""
    x, y = sorted((abs(a), abs(b)), key=_significant)
    digits = _significant(x)
    if digits >= _significant(y):
        return x == y
    unit = 10.0 ** (math.floor(math.log10(y)) - digits + 1)
    return abs(y - x) < unit / 2 or digits >= 2 and math.floor(y / unit) * unit == x


def _significant(value: float) -> int:
    """How many significant digits a value is written with (400000: 1; 1107.6: 5)."""
    digits = f"{value:.6f}".replace(".", "").strip("0")
    return max(1, len(digits))


def _figure_at(text: str, span: tuple[int, int] | None) -> Figure | None:
    return next((f for f in find_figures(text) if span and f.start == span[0]), None)


def _span(text: str, start: int, end: int, names: Sequence[tuple[int, int, str]]) -> dict[str, Any]:
    """A stretch of the article: offsets, text, content words, and its names (spans relative to it, type)."""
    words = WORD.findall(text[start:end])
    return {"start": start, "end": end, "text": text[start:end],
            "terms": sorted({t for w in words if (t := term(w))}),
            "names": [[max(a, start) - start, min(b, end) - start, kind] for a, b, kind in names
                      if a < end and start < b]}


def _in_name(span: tuple[int, int] | None, claim: Mapping[str, Any]) -> bool:
    return span is not None and any(a < span[1] and span[0] < b for a, b, _ in claim["names"])


def _other_subject(s: Mapping[str, Any], t: Mapping[str, Any]) -> bool:
    """Do the two name different people, bodies or places of one kind and none in common (عمل خيبر يضبط 42
    مخالفة، عمل تبوك يضبط 46 مخالفة: two counts, two places)?"""
    def named(c: Mapping[str, Any], kind: str) -> set[str]:
        return {fold(c["text"][a:b]) for a, b, k in c["names"] if k == kind}
    if any((x := named(s, kind)) and (y := named(t, kind)) and not x & y for kind in ("PER", "ORG", "LOC")):
        return True
    here, there = _places(s["text"]), _places(t["text"])
    return bool(here and there and not any(same_place(p, q) for p in here for q in there))


def _places(text: str) -> set[str]:
    """The places a statement names, by name or adjective (باكستان، الأفغانية، «الخرج»), proclitics aside."""
    function_words = folded_set("function_words", "words")
    return {p for w in WORD.findall(text) if fold(w) not in function_words and (
        p := next((q for c in proclitic_candidates(w) if len(c) >= 3 and (q := place_of(c, strict=True))), None))}


def _about(s: Mapping[str, Any], t: Mapping[str, Any]) -> str:
    """What two statements share, in the first one's words as written (its shared content words in order)."""
    shared = set(s["terms"]) & set(t["terms"])
    words = [w for w in WORD.findall(s["text"]) if term(w) in shared]
    return " ".join(dict.fromkeys(words))
