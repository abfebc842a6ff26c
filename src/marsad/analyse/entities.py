"""Named entities: the shipped CRF tagger over each sentence, plus the role or title before a person."""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

import pycrfsuite

from marsad.analyse.lexicon import folded_set, in_lexicon
from marsad.analyse.ner.corpus import spans
from marsad.analyse.ner.features import sentence_features
from marsad.arabic import fold, proclitic_candidates, sentences, tokens
from marsad.arabic.tokens import Token
from marsad.model import Article, Mention
from marsad.pipeline import Step

MODEL = Path(__file__).resolve().parent / "ner" / "model.crfsuite"
MAX_SENTENCE_TOKENS = 200  # a giant "sentence" is tagged in windows of this many tokens
ROLE_WINDOW = 10  # tokens looked at before a person's name for a role
_local = threading.local()


def _tagger() -> pycrfsuite.Tagger:
    """One tagger per thread (crfsuite taggers are not thread-safe); each process opens its own."""
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        tagger = _local.tagger = pycrfsuite.Tagger()
        tagger.open(str(MODEL))
    return tagger


@cache
def _stop_words() -> frozenset[str]:
    """Words a role phrase never runs back across: speech verbs, conjunctions, complementisers."""
    from marsad.analyse.lexicon import data

    verbs = {fold(v) for v in data("speech_verbs")["verbs"]}
    return frozenset(verbs | {fold(w) for w in ("أن", "إن", "أنّ", "إنّ", "مع", "و", "عن", "بين", "الذي", "التي")})


class Entities(Step):
    name = "entities"
    requires = ("text",)
    provides = ("entities",)

    def process(self, article: Article) -> Article:
        article.entities = find_entities(article.text)
        return article


def find_entities(text: str) -> list[Mention]:
    mentions: list[Mention] = []
    tagger = _tagger()
    for s, e in sentences(text):
        toks = tokens(text, s, e)
        for w in range(0, len(toks), MAX_SENTENCE_TOKENS):
            window = toks[w:w + MAX_SENTENCE_TOKENS]
            tags = tagger.tag(sentence_features([t.text for t in window]))
            for i, j, typ in sorted(spans(tags)):
                m = _mention(text, window, i, j, typ)
                if m:
                    mentions.append(m)
    return mentions


def _mention(text: str, toks: list[Token], i: int, j: int, typ: str) -> Mention | None:
    # trim punctuation the tagger may have swept in
    while i < j and not any(c.isalnum() for c in toks[i].text):
        i += 1
    while j > i and not any(c.isalnum() for c in toks[j - 1].text):
        j -= 1
    if i >= j:
        return None
    if typ == "PER":
        if all(in_lexicon(t.text, "titles", "not_persons") for t in toks[i:j]):
            return None
        # honorifics and role heads tagged inside the name belong to the role, not the name
        while j - i > 1 and (in_lexicon(toks[i].text, "titles", "honorifics")
                             or in_lexicon(toks[i].text, "titles", "role_heads")):
            i += 1
    m = Mention(toks[i].start, toks[j - 1].end, typ, text[toks[i].start:toks[j - 1].end])
    if typ == "PER":
        _attach_role(text, toks, i, m)
    return m


def _attach_role(text: str, toks: list[Token], i: int, m: Mention) -> None:
    """The role phrase just before a name: from the earliest role head in a short window to the name."""
    stops = _stop_words()
    heads = folded_set("titles", "role_heads") | folded_set("titles", "honorifics")
    start = None
    k = i - 1
    if k >= 0 and toks[k].text in ("،", ","):
        k -= 1  # "قائد الجيش، أحمد علي": a comma between role and name
    while k >= 0 and i - k <= ROLE_WINDOW:
        t = toks[k].text
        if not any(c.isalnum() for c in t):
            break
        cands = proclitic_candidates(t)
        if cands[0] in stops or (len(cands) > 1 and cands[-1] in stops and cands[0][0] == "و" and len(t) <= 4):
            break
        if any(c in heads for c in cands):
            start = k
        k -= 1
    if start is None:
        return
    end = i - 1
    while end > start and not any(c.isalnum() for c in toks[end].text):
        end -= 1
    m.role_start, m.role_end = toks[start].start, toks[end].end
    m.role = text[m.role_start:m.role_end]
