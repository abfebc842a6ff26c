"""Who said what: direct, partial and indirect quotes with their cue and speaker.

Per sentence, a cue (a speech verb of data/speech_verbs.json in any tense, a participle such as مؤكدا or
قائلا, a noun of saying such as بقوله) opens what was said at the first marker that follows it within a few
words: a quotation mark, a colon, a complementiser (أن، إن، بأن، إلى أن); failing those, the preposition or
verbal noun that opens its reported content (أشار إلى ضرورة، كشف عن اعتزامه، أكد الوزير أهمية;
data/speech_frames.json). A cue with nothing after it may close a quotation before it ("..." كما يقول فلان،
(...)، قالها فلان), and بحسب فلان attributes the clause it stands by. A line may open with its speaker and a
colon (وزير المالية: نعيش ...).

The words between the cue and what was said name the speaker, whether or not the tagger found a name there:
a person (the name, never the role glued to half of it; the role stays the mention's role), a role or a
description (الطبيبة، مسؤول آخر، أحد السكان، الباحثون), an organisation, a statement, an anonymous source, a
name in quotation marks (وقالت "الأخبار" إن), a formula (يقول صلى الله عليه وسلم). The verb's object is never
the speaker (وأبلغ الوزير الصحفيين أن: الوزير). A role alone resolves to the person the article gave it to, and a
surname alone to the fuller name met earlier. A cue with no subject of its own takes, in turn: the subject
written before it (لكن الكاتب أوضح أن، إلا أن مساهل اعتبر), in a relative clause (قال فيه) the nearest person, the
speaker of the sentence's earlier cue, the person the sentence is about (its first verb's subject), or the
speaker carried from before (وأضاف أن). When nothing names the speaker, the speaker is null.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.analyse.lexicon import data, folded_set, kinds
from marsad.analyse.names import is_name_word, place_names
from marsad.arabic import fold, proclitic_candidates, proclitic_readings, sentence_tokens, strip_article
from marsad.arabic.calendar import month_names, weekday_names
from marsad.arabic.tokens import QUOTE_PAIRS, Token
from marsad.model import Article, Mention, Quote
from marsad.pipeline import Step
from marsad.settings import (
    HEADLINE_MIN_WORDS,
    HEADLINE_SPEAKER_WORDS,
    QUOTE_CUE_REACH,
    QUOTED_NAME_WORDS,
    SPEAKER_MAX_WORDS,
    WORD_CACHE_SIZE,
)

# quotation marks and what closes them ('' is two apostrophes, as the Algerian press writes them)
OPEN = QUOTE_PAIRS
CLOSERS = frozenset("”»\"')")
_COMMAS = ("،", ",")
_ENDS = (".", "؟", "!", "?", "…")
@lru_cache(maxsize=WORD_CACHE_SIZE)
def _f(word: str) -> str:
    return fold(word)


@cache
def _frames(key: str) -> frozenset[str]:
    return folded_set("speech_frames", key)


@cache
def _suffixes() -> tuple[str, ...]:
    """The pronoun endings, longest first (سعيهما before سعيهم before سعيه)."""
    return tuple(sorted(_frames("object_suffixes"), key=len, reverse=True))


@cache
def _separate_prepositions() -> frozenset[str]:
    """The prepositions of reported content written apart (إلى، على، عن); ب and ل are written onto the word."""
    return frozenset(fold(p) for p in data("speech_frames")["content_prepositions"] if len(fold(p)) > 1)


@cache
def _participle_prefixes() -> tuple[str, ...]:
    return tuple(fold(p) for p in data("speech_verbs")["participles_prefix"])


@cache
def _complementisers() -> frozenset[str]:
    return frozenset(fold(c) for c in data("speech_verbs")["complementisers"] if " " not in c)


@cache
def _content_prepositions() -> dict[str, frozenset[str]]:
    """cue (folded) -> the prepositions (folded) that open its reported content."""
    out: dict[str, set[str]] = {}
    for prep, cues in data("speech_frames")["content_prepositions"].items():
        for c in cues:
            out.setdefault(fold(c), set()).add(fold(prep))
    return {c: frozenset(p) for c, p in out.items()}


@cache
def _formulas() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded words of a formula, who it names), longest first."""
    pairs = []
    for entry in data("speech_frames")["speaker_formulas"]:
        formula, _, who = entry.partition("=")
        pairs.append((tuple(fold(formula).split()), who.strip()))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _so_called() -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(fold(w).split()) for w in data("speech_frames")["so_called"]}, key=lambda w: -len(w)))


@cache
def _according() -> tuple[tuple[str, ...], ...]:
    """The folded words of each 'according to' phrase (بحسب، وفقا ل، على حد قوله), longest first."""
    return tuple(sorted({tuple(fold(a).split()) for a in data("speech_verbs")["according_to"]}, key=lambda a: -len(a)))


@cache
def _according_first() -> frozenset[str]:
    return frozenset(words[0] for words in _according())


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _cue_base(word: str) -> str | None:
    """The cue form the word is (folded), proclitics read off: و/ف; ل before a present form (ليقول); the
    future's س (سيؤكد)."""
    verbs = folded_set("speech_verbs", "verbs")
    f = fold(word)
    if f in verbs:
        return f
    for c in proclitic_candidates(word)[1:]:
        if c in verbs and (f[:1] in ("و", "ف") or f[:1] == "ل" and c[:1] == "ي"):
            return c
    g = f[1:] if f[:1] in ("و", "ف") else f
    if g[:1] == "س" and g[1:] in verbs and g[1:2] in ("ي", "ت") and len(g) >= 5:
        return g[1:]
    return None


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _may_cue(word: str) -> bool:
    """Whether the word alone could be a cue (its context decides)."""
    return _cue_base(word) is not None or _noun_cue(word) is not None or fold(word) in _frames("source_verbs")


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _may_open(word: str) -> bool:
    """Whether the word alone could open an attribution: a cue, or the first word of بحسب، وفقا لـ ..."""
    return _may_cue(word) or _conj(word) in _according_first()


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _noun_cue(word: str) -> str | None:
    """قوله، بقوله، لقوله، بالقول (not القول alone: يمكن القول)."""
    return next((c for c in proclitic_candidates(word) if c in _frames("noun_cues") and not (
        c.startswith("ب") and c != fold(word))), None)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _content_noun(word: str) -> bool:
    """ضرورة، بضرورة، سعيهم، إصرارهما: a verbal noun that opens reported content, a pronoun or ب on it."""
    nouns = _frames("content_nouns")
    for c in proclitic_candidates(word):
        if c in nouns or c.startswith("ال") and c[2:] in nouns:
            return True
        for s in _suffixes():
            if c.endswith(s) and len(c) - len(s) >= 3:
                stem = c[:-len(s)]
                if stem in nouns or stem.endswith("ت") and stem[:-1] + "ه" in nouns:
                    return True
    return False


def _definite(word: str) -> bool:
    """الرسمي، للهيئة، بالإنابة، والإعلام: the article, a preposition or و before it allowed."""
    return _f(word).startswith(("ال", "لل")) or any(c.startswith("ال") for c in proclitic_candidates(word)[1:])


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _title_reading(word: str) -> str:
    """The word as the title lists know it: وزير as written, للوزير as الوزير (the proclitic set aside only when
    the word itself is no title)."""
    cands = proclitic_candidates(word)
    if any(cands[0] in folded_set("titles", key) for key in ("role_heads", "honorifics", "person_descriptors",
                                                              "organisation_heads")):
        return cands[0]
    return next((c for c in cands[1:] if any(c in folded_set("titles", key) for key in (
        "role_heads", "honorifics", "person_descriptors", "organisation_heads"))), cands[0])


def _carries_object(base: str) -> bool:
    """قالها، ذكره: a cue with the pronoun of what was said written on it (said before it)."""
    verbs = folded_set("speech_verbs", "verbs")
    return base.endswith("ه") and base[:-1] in verbs or base.endswith("ها") and base[:-2] in verbs


def _is_word(t: Token) -> bool:
    return t.text[0].isalnum() or any(ch.isalnum() for ch in t.text[1:])


def _bare(word: str) -> tuple[str, ...]:
    return proclitic_candidates(word)


def _conj(word: str) -> str:
    """The folded word without a conjunction و/ف written onto it (وفي -> في، وكان -> كان)."""
    f = _f(word)
    return f[1:] if f[:1] in ("و", "ف") and len(f) > 2 else f


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _is_time_word(word: str) -> bool:
    """الخميس، اليوم، أمس، الآن: a time adjunct ends the subject (قالت الشرطة الخميس إن)."""
    f = proclitic_candidates(word)[-1]
    day_word = fold(word) in folded_set("time_words", "day_words") or fold(word) in folded_set("time_words", "present")
    return f in weekday_names() or day_word or f in month_names()


def _open_at(text: str, pos: int) -> tuple[int, str] | None:
    """(length, closing mark) of a quotation mark opening at ``pos``."""
    ch = text[pos]
    if ch == "'":
        return (2, "''") if text[pos + 1:pos + 2] == "'" else None
    return (1, OPEN[ch]) if ch in OPEN else None


@dataclass
class _Speaker:
    name: str | None
    start: int | None
    end: int | None
    type: str | None


# the lists of titles.json whose words name or describe who speaks
_SPEAKER_KINDS = frozenset({"role_heads", "honorifics", "person_descriptors", "organisation_heads", "media_heads",
                            "anonymous_sources", "statement_nouns", "some_of"})
_CARRY = _Speaker(None, None, None, "carry")  # a pronoun or a title with one (سموه، لكنه): the person last named


@dataclass
class _Cue:
    i: int
    base: str
    kind: str  # verb | participle | noun | source


@dataclass
class _Found:
    marker: int  # the token that ends the speaker's words
    start: int
    end: int
    kind: str
    next_i: int
    names: tuple[tuple[int, int, int], ...] = ()  # quoted names passed: (open mark's start, inner start, end)
    follows: bool = False  # a colon (or "..") closes the sentence: what was said is the sentence after it


class Quotes(Step):
    name = "quotes"
    version = 10  # 3-5: indirect speech ends before the opener of the next speech (، فيما أشارت); names held out;
    # invisible characters no tokens; 6-7: a lone letter's period (د. محمد) ends no sentence; 8: a word of the
    # role the tagger gave a name (وزير الخارجية العراقي) is not taken into the speaker's name; 9: ... a definite
    # word only (النائب ممدوح إسماعيل: the tagger's role took the given name); 10: a resolved name's spaces as one
    requires = ("text", "paragraphs", "entities")
    provides = ("quotes",)

    def process(self, article: Article) -> Article:
        article.quotes = find_quotes(article)
        return article


def find_quotes(article: Article) -> list[Quote]:
    return _Reader(article).read()


def _sentences(text: str) -> list[tuple[int, int, tuple[Token, ...]]]:
    """The sentences, a title's abbreviation put back together with the name after it (د. فضل)."""
    out: list[tuple[int, int, tuple[Token, ...]]] = []
    for s, e, toks in sentence_tokens(text):
        if out and len(out[-1][2]) >= 2 and out[-1][2][-1].text == "." and len(out[-1][2][-2].text) == 1 \
                and "\n" not in text[out[-1][1]:s]:
            ps, _, ptoks = out[-1]
            out[-1] = (ps, e, ptoks + toks)
        else:
            out.append((s, e, toks))
    return out


class _Reader:
    """One article: its mentions, the persons and roles met so far, the speaker carried."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.mentions = sorted(article.entities, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]
        self.persons = [m for m in self.mentions if m.type == "PER"]
        self.person_starts = [m.start for m in self.persons]
        self._person_words = [(p, [strip_article(w) for w in p.text.split()]) for p in self.persons]
        self.known: list[str] = []  # person names resolved so far
        self._known_words: list[tuple[str, list[str]]] = []
        self.roles: list[tuple[int, tuple[str, ...], str]] = []  # (where, role words, the person's name)
        self.last: _Speaker | None = None
        self.quotes: list[Quote] = []
        self.toks: Sequence[Token] = ()  # the sentence read
        self.cover: dict[int, Mention] | None = None  # its token index -> the mention it is in
        self.tok_starts: list[int] = []
        self._stopped_at: _Cue | None = None  # the other cue that ended the search for what was said

    # -- the article -------------------------------------------------------------------------------------------

    def read(self) -> list[Quote]:
        text = self.text
        posts = [p for p in self.article.paragraphs if p.kind == "embedded_post"]
        for p in posts:
            body_end = text.rfind("\n", p.start, p.end)
            end = body_end if body_end > p.start else p.end
            self.quotes.append(Quote(p.start, end, "direct", speaker=p.author, speaker_type="embedded_post",
                                     text=text[p.start:end]))
        for m in self.persons:
            if m.role:
                self.roles.append((m.start, self._role_words(m.role), m.text))
        sents = _sentences(text)
        for n, (s, _, _) in enumerate(sents):
            if not any(p.start <= s < p.end for p in posts):
                self._sentence(sents, n)
        for q in self.quotes:  # a headline's speaker, named in full or given the role only below it
            if q.cue is None and q.speaker and q.speaker_type in ("person", "role"):
                full = (self._surname(q.speaker, len(text)) or " " not in q.speaker and self._given(
                    q.speaker, len(text))) if q.speaker_type == "person" else self._owner(
                    q.speaker, len(text), anywhere=True)
                if full:
                    q.speaker, q.speaker_type = full, "person"
        self.quotes = [q for q in self.quotes if any(ch.isalnum() for ch in q.text)]
        self.quotes.sort(key=lambda q: q.start)
        return self.quotes

    def _sentence(self, sents: list[tuple[int, int, tuple[Token, ...]]], n: int) -> None:
        """Read one sentence's quotes."""
        s, e, toks = sents[n]
        self.toks = toks
        self.cover = None
        self.tok_starts = [t.start for t in toks]
        head = self._headline(toks, s, e)
        topic = self._topic(toks)
        if topic is not None and topic.type == "person":
            self.last = topic
        said_here: _Speaker | None = None  # the speaker of the sentence's main cues so far
        said_at = -1
        pending: _Speaker | None = None  # a subject written before a participle (وأضاف الوزير قائلا)
        i = head or 0
        candidates = [k for k, t in enumerate(toks) if _may_open(t.text)]
        c = 0
        while c < len(candidates):
            if candidates[c] < i:
                c += 1
                continue
            i = candidates[c]
            cue = self._cue_at(toks, i)
            if cue is None:
                i = self._attributed(toks, i, e, said_here) if _conj(toks[i].text) in _according_first() else i + 1
                continue
            found = self._content(toks, i, cue, e)
            before = self._before(toks, cue, e) if found is None or _carries_object(cue.base) else None
            if before is not None:
                found = before
            if found is None:
                stop = self._stopped_at
                if stop is not None and stop.kind != "verb" and cue.kind == "verb":
                    # وأضاف الوزير قائلا، ونقلت الوكالة عن فلان قوله
                    named = self._reported_through(toks, cue, stop.i) or self._subject(toks, i + 1, stop.i, cue)
                    pending = (self._carried(person_only=True) if named is _CARRY else named) or pending
                elif cue.kind == "verb":  # وحذر مفتي السعودية أصحاب الفضائيات ...، وقال أن
                    named = self._subject(toks, i + 1, min(len(toks), i + 2 + SPEAKER_MAX_WORDS), cue)
                    if named is not None and named is not _CARRY and named.type != "role":
                        said_here, said_at = named, i
                        if named.type == "person":
                            self.last = named
                i += 1
                continue
            if found.follows:
                found.start, found.end = self._after(sents, n)
                if found.end <= found.start:
                    i += 1
                    continue
            near = self._nearest_subject(toks, i, said_at, strict=cue.kind == "verb")
            speaker = self._speaker(toks, cue, found, said_here, pending, topic, near)
            self._add(toks[cue.i], found, speaker)
            if speaker and speaker.name and speaker.type != "carried" and self._main_cue(toks, i):
                said_here, said_at = speaker, i
            i = max(found.next_i, i + 1)

    def _attributed(self, toks: Sequence[Token], i: int, sent_end: int, said_here: _Speaker | None) -> int:
        """"بحسب مساهل"، "وحسب مصادر الفرقة، فإن ..."، "على حد قوله": who what stands by the phrase is attributed to:
        the quotation just before it, the clause it opens the sentence with, or the clause before it. Returns the
        token to read on from."""
        at = self._according_at(toks, i)
        if at is None:
            return i + 1
        np_start, own = at
        if own:  # على حد قوله، حسب قولها: the speaker already named
            spk = said_here or self._carried(person_only=True)
            np_end = np_start
        else:
            np_end = next((k for k in range(np_start, min(len(toks), np_start + SPEAKER_MAX_WORDS + 2))
                           if toks[k].text in _COMMAS + _ENDS or toks[k].text in OPEN), min(
                               len(toks), np_start + SPEAKER_MAX_WORDS + 2))
            spk = self._subject(toks, np_start, np_end, _Cue(i, "", "verb")) if np_end > np_start else None
            if spk is _CARRY or spk is not None and spk.type == "role" and not kinds(
                    toks[np_start].text, "titles") & {"role_heads", "person_descriptors"}:
                spk = None  # وفق الخطة: a plan is no speaker
        if spk is None:
            return i + 1
        j = i - 1
        while j >= 0 and toks[j].text in _COMMAS:
            j -= 1
        span = self._opened_before(toks[j]) if j >= 0 and toks[j].text in CLOSERS else None
        if span is None and (i == 0 or i == 1 and not _is_word(toks[0])):
            k = np_end + (1 if np_end < len(toks) and toks[np_end].text in _COMMAS else 0)
            if k < len(toks) and _conj(toks[k].text) in _complementisers() | {fold("قد")}:
                k += 1  # وبحسب مصادر الفرقة، فإن ...، وبحسب القائمين على الجائزة فقد ...
            if len(toks) - k >= 3:
                span = (toks[k].start, self._clause_end(toks, k, sent_end))
        if span is None:
            first = next((k + 1 for k in range(i - 1, -1, -1) if toks[k].text in _COMMAS), 0)
            if i - first >= 3:
                span = (toks[first].start, toks[i].start)
        if span is None or any(q.start < span[1] and span[0] < q.end for q in self.quotes):
            return max(i + 1, np_end)
        self._add(toks[i], _Found(i, span[0], span[1], "indirect", np_end), spk)
        return max(i + 1, np_end)

    def _according_at(self, toks: Sequence[Token], i: int) -> tuple[int, bool] | None:
        """(where the one it is according to is named, whether a pronoun names them) for an 'according to'
        phrase opening at i (بحسب، وفقا لـ، نقلا عن، على حد قوله)."""
        first = _conj(toks[i].text)
        for words in _according():
            if words[0] != first:
                continue
            n = len(words)
            if words[-1] == "ل":  # وفقا لمصادر
                if i + n - 1 < len(toks) and tuple(_f(t.text) for t in toks[i + 1:i + n - 1]) == words[1:-1] \
                        and _f(toks[i + n - 1].text).startswith("ل"):
                    return i + n - 1, False
                continue
            if tuple(_f(t.text) for t in toks[i + 1:i + n]) == words[1:]:
                return i + n, words[-1] in _frames("own_saying")
        return None

    def _main_cue(self, toks: Sequence[Token], i: int) -> bool:
        """A cue of the sentence's own clauses, not one nested in what another reported (قال إن فلانا يقول):
        the first, a participle, one joined by و/ف, or one after a comma or لكن، فيما."""
        f = _f(toks[i].text)
        base = _cue_base(toks[i].text)
        if i == 0 or base is None or base.startswith(_participle_prefixes()) or f[:1] in ("و", "ف") and base != f:
            return True
        prev = _f(toks[i - 1].text)
        return toks[i - 1].text in _COMMAS or prev in _frames("clause_openers") or all(
            not _cue_base(t.text) for t in toks[:i])

    def _nearest_subject(self, toks: Sequence[Token], i: int, after: int, strict: bool = False) -> _Speaker | None:
        """The person nearest before a cue that has no subject of its own, as the subject of an earlier verb of
        the sentence (وتحدث فيها الدكتور فلان من مركز ... مبينا أن، فرفض عبد الرحمن وقال له:): one after a title,
        a comma, the sentence's start or a word joined by و/ف, never after a preposition or a noun it completes
        (مدرسة أحمد بن محمد، لمركز الملك سلمان), nor one inside what the sentence already reported."""
        said = [(q.start, q.end) for q in self.quotes if toks[0].start <= q.start < toks[-1].end]
        for x in range(i - 1, max(after, -1), -1):
            m = self._mention(x)
            if m is None or m.type != "PER" or m.start < toks[x].start or self._not_a_name(toks, x, m):
                continue
            if any(s <= m.start < e for s, e in said):
                continue
            if x == 0 or x == 1 and not _is_word(toks[0]):
                return self._person(m.text, m.start, m.end)
            prev = toks[x - 1]
            f = _f(prev.text)
            bare = _conj(prev.text)
            if kinds(prev.text, "titles") & {"honorifics", "role_heads", "person_descriptors"}:
                before = _f(toks[x - 2].text) if x >= 2 else ""
                if x >= 2 and toks[x - 2].text.isalpha() and (before[:1] in ("ل", "ب") and not before.startswith(
                        "لل") or before.endswith("ه") or kinds(toks[x - 2].text, "titles") & {
                        "organisation_heads", "weak_organisation_heads"}):
                    continue  # لمركز الملك سلمان، جامعة الملك سعود: the title is part of a name
                return self._person(m.text, m.start, m.end)
            if prev.text in _COMMAS or f.startswith(("ال", "لل")) and m.role:
                return self._person(m.text, m.start, m.end)
            if f in folded_set("function_words", "words") or bare in folded_set("function_words", "words") \
                    or f.endswith("ه") or not prev.text.isalpha() or self._mention(x - 1) is not None:
                continue
            if strict and not (f[:1] in ("و", "ف") and bare != f):
                continue  # مستقبل الأسد أجاب: for a verb of its own, only a name after a word joined by و/ف
            return self._person(m.text, m.start, m.end)
        return None

    def _add(self, cue_tok: Token | None, found: _Found, speaker: _Speaker | None) -> None:
        """Record a quote (its span trimmed of spaces) and remember its speaker for what follows."""
        said = speaker or _Speaker(None, None, None, None)
        start, end = found.start, found.end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end <= start:
            return
        if cue_tok is None:
            self.quotes.append(Quote(start, end, found.kind, speaker=said.name, speaker_start=said.start,
                                     speaker_end=said.end, speaker_type=said.type, text=self.text[start:end]))
        else:
            self.quotes.append(Quote(start, end, found.kind, cue=cue_tok.text, cue_start=cue_tok.start,
                                     cue_end=cue_tok.end, speaker=said.name, speaker_start=said.start,
                                     speaker_end=said.end, speaker_type=said.type, text=self.text[start:end]))
        if speaker and speaker.name:
            if speaker.type == "person" and speaker.name not in self.known:
                self.known.append(speaker.name)
                self._known_words.append((speaker.name, [strip_article(w) for w in speaker.name.split()]))
            self.last = speaker if speaker.type != "carried" else self.last or speaker

    # -- mentions ----------------------------------------------------------------------------------------------

    def _cover(self, toks: Sequence[Token]) -> dict[int, Mention]:
        """Token index -> the mention it is in (the longest, when several)."""
        out: dict[int, Mention] = {}
        if not toks:
            return out
        starts = [t.start for t in toks]
        lo = bisect.bisect_left(self.starts, toks[0].start - 200)
        hi = bisect.bisect_right(self.starts, toks[-1].end)
        for m in self.mentions[lo:hi]:
            first = bisect.bisect_right(starts, m.start) - 1
            for x in range(max(first, 0), bisect.bisect_left(starts, m.end)):
                if m.start <= toks[x].end and toks[x].start < m.end and (
                        x not in out or out[x].end - out[x].start < m.end - m.start):
                    out[x] = m
        return out

    def _mention(self, x: int) -> Mention | None:
        if self.cover is None:  # read when first asked: most sentences hold no cue
            self.cover = self._cover(self.toks)
        return self.cover.get(x)

    def _role_words(self, role: str) -> tuple[str, ...]:
        words = []
        for w in role.split():
            if "honorifics" in kinds(w, "titles"):
                continue
            words.append(strip_article(_title_reading(w)))
        return tuple(words)

    def _person(self, name: str, start: int, end: int) -> _Speaker:
        words = name.split()
        while len(words) > 1 and (_cue_base(words[0]) or _f(words[0]) in folded_set("function_words", "words")
                                  and not (words[0].endswith("ي") and is_name_word(words[0]))):
            start = start + name.index(words[1], len(words[0]))  # أثنى كيري، على أوباما: a tagger's slip
            name = name[name.index(words[1], len(words[0])):]
            words = words[1:]
        while len(words) > 1 and len(fold(words[-1])) == 1:
            words.pop()  # محمد الديلمي لـ
            end = start + name.rindex(words[-1]) + len(words[-1])
        name = " ".join(words)
        return _Speaker(self._full_name(name, start), start, end, "person")

    def _full_name(self, name: str, before: int) -> str:
        """The fullest earlier name this one ends with, its spaces as one (a name written with a no-break space,
        عبد الكريم\xa0 لعيبي, is the one written with a space)."""
        return " ".join((self._surname(name, before) or name).split())

    def _surname(self, name: str, before: int) -> str | None:
        """The fullest earlier person name that ends with this one (``علي`` -> ``أحمد علي``)."""
        key = [strip_article(w) for w in name.split()]
        best = None
        n = len(key)
        for full, words in self._names(before):
            if len(words) > n and words[-n:] == key and (best is None or len(full) > len(best)):
                best = full
        return best

    def _names(self, before: int) -> list[tuple[str, list[str]]]:
        """(name, its words without the article) of the persons named before ``before`` and those resolved."""
        return [(p.text, words) for p, words in self._person_words if p.start < before] + self._known_words

    def _given(self, word: str, before: int) -> str | None:
        """The one earlier person whose name begins with this word (إيفغيني -> إيفغيني شين)."""
        key = strip_article(word)
        names = {full for full, words in self._names(before) if len(words) > 1 and words[0] == key}
        return names.pop() if len(names) == 1 else None

    def _owner(self, phrase: str, at: int, anywhere: bool = False) -> str | None:
        """The person an earlier sentence gave this role to (وزير المالية -> سليمان الحافظ)."""
        key = self._role_words(phrase)
        if not key or not any(kinds(w, "titles") & {"role_heads", "person_descriptors"} for w in phrase.split()[:2]):
            return None
        best = None
        for where, words, name in self.roles:
            if (where < at or anywhere) and _within(key, words):
                best = name if where < at or best is None else best
        return best

    # -- cues --------------------------------------------------------------------------------------------------

    def _cue_at(self, toks: Sequence[Token], i: int) -> _Cue | None:
        t = toks[i]
        if not _may_cue(t.text):
            return None
        if _f(t.text) in _frames("source_verbs"):
            if i + 2 < len(toks) and _f(toks[i + 1].text) == "في":
                return _Cue(i, _f(t.text), "source")  # وجاء في البيان أن
            return None
        base = _cue_base(t.text)
        if base is None:
            noun = _noun_cue(t.text)
            return _Cue(i, noun, "noun") if noun else None
        if i and _f(toks[i - 1].text) in _frames("name_joiners"):
            return None  # علي بن أبي طالب: a word of a name
        if base == fold("بين") and "ّ" not in t.text and not self._bayna_is_verb(toks, i):
            return None
        if i and _f(toks[i - 1].text) in _frames("impersonal"):
            return None  # الجدير ذكره أن
        participle = base.startswith(_participle_prefixes())
        if participle and i and _cue_base(toks[i - 1].text) is not None:
            return None  # أكد مجددا: an adverb after the verb
        if participle and base.endswith("ه") and i and toks[i - 1].text.isalpha() \
                and not _f(toks[i - 1].text).startswith(("ال", "لل")):
            return None  # أرقام مؤكدة: an adjective after an indefinite noun
        if base in _frames("impersonal") and i + 1 < len(toks) and (
                _f(toks[i + 1].text) in _complementisers() or _f(toks[i + 1].text) in ("الي", "ان")):
            return None  # يذكر أن، يشار إلى أن
        return _Cue(i, base, "participle" if participle else "verb")

    def _bayna_is_verb(self, toks: Sequence[Token], i: int) -> bool:
        """بين without its shadda is the verb (he made clear) only where the preposition cannot be: not after من،
        ما، أن; not before X و Y; before a preposition or a pronoun (وبين في كلمته، بين فيه), or with what was said
        soon after."""
        if i and _f(toks[i - 1].text) in _frames("bayna_preposition_before"):
            return False
        if any(_conj(t.text) == fold("بين") for t in toks[max(0, i - 12):i]):
            return False  # بين من ... وبين من
        if i + 1 < len(toks):
            nxt = _f(toks[i + 1].text)
            if nxt in _frames("role_links") and nxt != "من" or nxt in _frames("object_pronouns") or \
                    nxt in folded_set("speech_verbs", "resumptives") or nxt in _complementisers():
                return True  # بين فيه أن، وبين في كلمته أن (بين من ... is the preposition)
        f0 = _f(toks[i].text)
        if f0 == fold("بين") and i and not (toks[i - 1].text in _COMMAS or _f(toks[i - 1].text) in _frames(
                "bayna_verb_before") or getattr(self._mention(i - 1), "type", None) == "PER"):
            return False  # كنا بين أسرنا، فارق السن بين الاثنين: the verb opens its clause
        for n, t in enumerate(toks[i + 1:i + 17]):
            f = _f(t.text)
            if f in _complementisers() or t.text == ":":
                return True
            if _cue_base(t.text) or _noun_cue(t.text):
                return False
            if n < 4 and f.startswith("و") and len(f) > 2 and not is_name_word(t.text):
                return False
        return False

    def _content(self, toks: Sequence[Token], i: int, cue: _Cue, sent_end: int) -> _Found | None:
        """After the cue at ``i``: where what was said starts and ends."""
        text = self.text
        comps = _complementisers()
        preps = _content_prepositions().get(cue.base, frozenset())
        names: list[tuple[int, int, int]] = []
        weak: int | None = None  # a preposition or verbal noun of the content
        self._stopped_at = None
        reach, words = i + 1, 0
        while reach < len(toks) and words < QUOTE_CUE_REACH:
            words += _is_word(toks[reach])
            reach += 1
        k = i
        while k + 1 < reach:
            k += 1
            t = toks[k]
            mark = _open_at(text, t.start) if t.text in ('"', "“", "«", "„", "'") else None
            if t.text == "(" and self._paren_after_speaker(toks, i, k):
                mark = (1, ")") if self._paren_said(toks, k) else None
            if mark:
                start, end = self._quoted(t.start, mark, sent_end)
                if self._names_something(toks, k, start, end, i, reach):
                    names.append((t.start, start, end))
                    k = self._index_after(toks, end + len(mark[1])) - 1
                    continue
                return _Found(k, start, end, "direct", self._index_after(toks, end), tuple(names))
            if t.text == ":" and k and _f(toks[k - 1].text) in _frames("title_markers"):
                continue  # صدر له بعنوان: a title follows, not what was said
            if t.text == ":" and not (text[t.start - 1:t.start].isdigit() and text[t.end:t.end + 1].isdigit()):
                nxt = k + 1
                if nxt >= len(toks):
                    return _Found(k, sent_end, sent_end, "direct", len(toks), tuple(names), follows=True)
                mark = _open_at(text, toks[nxt].start) if toks[nxt].text in ('"', "“", "«", "„", "'") else (
                    (1, ")") if toks[nxt].text == "(" and self._paren_said(toks, nxt) else None)
                if mark:
                    start, end = self._quoted(toks[nxt].start, mark, sent_end)
                    return _Found(k, start, end, "direct", self._index_after(toks, end), tuple(names))
                end = self._clause_end(toks, nxt, sent_end)
                return _Found(k, toks[nxt].start, end, "direct", self._index_after(toks, end), tuple(names))
            cands = _bare(t.text)
            if (cands[0] in comps or len(cands) > 1 and cands[0][0] == "ب" and cands[-1] in comps) and not (
                    k > i + 1 and _f(toks[k - 1].text) in _frames("not_said_before")):
                nxt = k + 1
                if nxt >= len(toks):
                    return None
                if toks[nxt].text in ('"', "“", "«", "„", "'") and (m2 := _open_at(text, toks[nxt].start)):
                    start, end = self._quoted(toks[nxt].start, m2, sent_end)
                    rest = self._index_after(toks, end + len(m2[1]))
                    if not (len(text[start:end].split()) <= QUOTED_NAME_WORDS and rest < len(toks)
                            and _is_word(toks[rest]) and not _cue_base(toks[rest].text)):
                        return _Found(k, start, end, "direct", self._index_after(toks, end), tuple(names))
                return self._clause(toks, k, nxt, sent_end, names)
            other = self._cue_at(toks, k) if _cue_base(t.text) or _noun_cue(t.text) else None
            if other is not None and _f(toks[k - 1].text) in _frames("relatives"):
                other = None  # ويذكر الناشر ...، الذي كتب مقدمته المؤرخ فلان، بأن
            if other is not None:
                self._stopped_at = other
                break
            if k == i + 1 and all(not _is_word(x) and x.text not in OPEN for x in toks[k:]) and \
                    any(x.text in _ENDS for x in toks[k:]):
                return _Found(k, sent_end, sent_end, "direct", len(toks), tuple(names), follows=True)
            if weak is None and k > i and self._opens_content(toks, i, k, cue, preps):
                weak = k
        if weak is None:
            return None
        f = _f(toks[weak].text)
        first = weak + 1 if f in _separate_prepositions() else weak
        if first >= len(toks) or len(toks) - first < 2:
            return None
        return self._clause(toks, weak, first, sent_end, names)

    def _clause(self, toks: Sequence[Token], k: int, nxt: int, sent_end: int,
                names: list[tuple[int, int, int]]) -> _Found:
        """What was said from token ``nxt`` to the clause end; partial when words of it are in quotation marks
        (أن اجتماعا يعقد ... إلى تشكيل "جبهة موحدة" ...)."""
        end = self._clause_end(toks, nxt, sent_end)
        inner = next((x for x in range(nxt, len(toks)) if toks[x].start < end and toks[x].text in OPEN), None)
        if inner is not None and (m := _open_at(self.text, toks[inner].start)):
            _, q_end = self._quoted(toks[inner].start, m, sent_end)
            end = max(end, q_end)
            return _Found(k, toks[nxt].start, end, "partial", self._index_after(toks, end), tuple(names))
        return _Found(k, toks[nxt].start, end, "indirect", self._index_after(toks, end), tuple(names))

    def _opens_content(self, toks: Sequence[Token], i: int, k: int, cue: _Cue, preps: frozenset[str]) -> bool:
        """A preposition of this cue's content (أشار إلى ضرورة، طالب بإعادة) or a verbal noun right after the cue or
        its subject (أكد الوزير العساف أهمية), followed by a noun."""
        t = toks[k]
        f = _f(t.text)
        if preps and f in preps and f in _separate_prepositions():
            return k + 1 < len(toks) and self._noun_follows(toks[k + 1])
        if preps and f[:1] in ("ب", "ل") and f[:1] in preps and len(f) >= 3 and f[1:] not in _suffixes() \
                and not f.startswith(("بين", "لدي")) and t.text.isalpha() and not kinds(t.text, "titles") \
                and f[1:] not in folded_set("function_words", "words") and not _is_time_word(t.text):
            return k == i + 1 + self._skip_pronouns(toks, i + 1) or self._after_subject(toks, i, k)
        if _content_noun(t.text) and t.text.isalpha():
            return k == i + 1 + self._skip_pronouns(toks, i + 1) or self._after_subject(toks, i, k)
        return False

    def _after_subject(self, toks: Sequence[Token], i: int, k: int) -> bool:
        """Not in construct with the word before it (لجنة دعم): after a definite word, a name or a comma."""
        prev = toks[k - 1]
        if prev.text in _COMMAS:
            return True
        m = self._mention(k - 1)
        if m is not None and m.end == prev.end:
            return True
        return _f(prev.text).startswith(("ال", "لل", "بال", "وال"))

    def _noun_follows(self, t: Token) -> bool:
        f = _f(t.text)
        return t.text.isalpha() and len(f) >= 3 and f not in folded_set("function_words", "words") and \
            f not in _complementisers() and not _is_time_word(t.text) and not any(
                f == p + s for p in _separate_prepositions() | {"ل", "ب", "من"} for s in _suffixes())

    def _skip_pronouns(self, toks: Sequence[Token], k: int) -> int:
        n = 0
        while k + n < len(toks) and _f(toks[k + n].text) in _frames("object_pronouns"):
            n += 1
        return n

    def _paren_after_speaker(self, toks: Sequence[Token], i: int, k: int) -> bool:
        """A parenthesis right after the cue, or after the speaker a formula or a name gives (يقول سبحانه (...))."""
        a = i + 1 + self._skip_pronouns(toks, i + 1)
        if k == a:
            return True
        if k - a > 4:
            return False
        formula = self._formula_at(toks, a, k)
        if formula is not None and formula.end == toks[k - 1].end:
            return True
        m = self._mention(a)
        return m is not None and m.type == "PER" and all(self._mention(x) is m for x in range(a, k))

    def _paren_said(self, toks: Sequence[Token], k: int) -> bool:
        """(ولا تنسوا الفضل بينكم): parentheses holding words said, not a formula (صلى الله عليه وسلم), an acronym
        or a number."""
        close = self.text.find(")", toks[k].start)
        if close == -1:
            return False
        inner = self.text[toks[k].start + 1:close]
        words = [w for w in inner.split() if sum(ch.isalpha() for ch in w) >= 2]
        return len(words) >= 2 and not self._formula_words(tuple(fold(w) for w in inner.split()))

    def _quoted(self, open_at: int, mark: tuple[int, str], limit: int) -> tuple[int, int]:
        """Span inside the quotation marks opened at ``open_at``; a quotation may run over the sentences of its
        paragraph; unclosed, it runs to the sentence end."""
        size, close = mark
        line_end = self.text.find("\n", open_at)
        line_end = len(self.text) if line_end == -1 else line_end
        end = self.text.find(close, open_at + size, line_end)
        if end == -1 and close in ("»", "”"):
            end = self.text.find('"', open_at + size, line_end)
        if end == -1 and close != "''":  # a quotation running on over the next paragraph, closed there
            nxt_end = self.text.find("\n", line_end + 1)
            nxt_end = len(self.text) if nxt_end == -1 else nxt_end
            nxt = self.text[line_end:nxt_end]
            if nxt.count(close) == 1 and not any(o in nxt for o in OPEN if o not in ('"', close)):
                end = line_end + nxt.index(close)
        if end == -1:
            end = limit
        return open_at + size, end

    def _names_something(self, toks: Sequence[Token], k: int, start: int, end: int, i: int, reach: int) -> bool:
        """"وقالت "الأخبار" إن"، "لقناة "العراقية الإخبارية"، إن": a short quoted span after an outlet word, or with
        more of the speaker's words or a marker of what was said after it, names something."""
        if len(self.text[start:end].split()) > QUOTED_NAME_WORDS or end >= len(self.text):
            return False
        prev = toks[k - 1].text if k else ""
        if prev and (_f(prev) in ("ل", "لـ") or kinds(prev, "titles") & {"media_heads", "organisation_heads"}):
            return True
        after = self._index_after(toks, end + 1)
        if after >= len(toks) or toks[after].text in _ENDS:
            return False
        nxt = toks[after]
        if nxt.text in _COMMAS or nxt.text == ":" or _f(nxt.text) in _complementisers():
            return True
        if _is_word(nxt) and k > i + 1 and not _cue_base(nxt.text) and len(self.text[start:end].split()) <= 3:
            return True  # أكد تحفظ "أهل السنة" على ما ...: a term in the clause, more of it after
        for t in toks[after:reach]:
            f = _bare(t.text)
            if f[0] in _complementisers() or t.text == ":" or len(f) > 1 and f[0][0] == "ب" and f[-1] in \
                    _complementisers():
                return True
            if _cue_base(t.text) or t.text in _ENDS:
                return False
        return False

    def _index_after(self, toks: Sequence[Token], pos: int) -> int:
        """The first token of the sentence starting at or after ``pos``."""
        return bisect.bisect_left(self.tok_starts, pos)

    def _clause_end(self, toks: Sequence[Token], k: int, sent_end: int) -> int:
        """An indirect clause runs to the sentence end, to the next cue that opens speech of its own (", مؤكدا
        أن"، "مشيرين إلى أن"، "وأكّدوا أنه"، "في حين أكد فلان أن"), or to the parenthesis its cue stands in (جورج
        براون (الذي يقول عنه انه يعشق الخمور) عندما ...)."""
        depth = sum(1 if t.text == "(" else -1 if t.text == ")" else 0 for t in toks[:k])
        for j in range(k + 1, len(toks) - 1):
            t = toks[j]
            if depth > 0 and t.text == ")":
                return t.start
            if t.text in _COMMAS and (_cue_base(toks[j + 1].text) or _noun_cue(toks[j + 1].text)):
                return t.start
            if _cue_base(t.text) and self._new_speech(toks, j):
                b = j  # the words that open the new speech's clause are not what was said before it
                while b - 1 > k and (toks[b - 1].text in _COMMAS or _f(toks[b - 1].text) in _frames(
                        "clause_openers") or _f(toks[b - 1].text) == fold("حين") or b - 2 > k and _f(
                        toks[b - 1].text) == "في" and _f(toks[b].text) == fold("حين")):
                    b -= 1
                return toks[b - 1].end if b < j else t.start
        last = toks[-1]
        return last.start if last.text in _ENDS else min(last.end, sent_end)

    def _new_speech(self, toks: Sequence[Token], j: int) -> bool:
        """Whether the cue at j, inside what another cue reported, opens speech of its own: a participle, a verb
        joined by و/ف or after في حين، بينما, with what was said soon after it."""
        cue = self._cue_at(toks, j)
        if cue is None:
            return False
        f = _f(toks[j].text)
        prev = _f(toks[j - 1].text)
        own = cue.kind == "participle" or f[:1] in ("و", "ف") and cue.base != f or prev in _frames(
            "clause_openers") or prev == fold("حين") and j >= 2 and _f(toks[j - 2].text) == "في" or (
            j + 1 < len(toks) and (getattr(self._mention(j + 1), "type", None) == "PER"
                                   or bool(kinds(toks[j + 1].text, "titles") & {"role_heads", "honorifics"})))
        preps = _content_prepositions().get(cue.base, frozenset())
        for t in toks[j + 1:j + 11]:
            g = _f(t.text)
            if t.text == ":" or t.text in OPEN:
                return True  # قال لهم خاتم الأنبياء: "..."
            if own and (g in _complementisers() or g in preps):
                return True
            if _cue_base(t.text):
                return False
        return False

    def _after(self, sents: list[tuple[int, int, tuple[Token, ...]]], n: int) -> tuple[int, int]:
        """What follows a colon that closes its sentence: the next sentence (on the next line when the colon ends
        its line)."""
        if n + 1 >= len(sents):
            return sents[n][1], sents[n][1]
        ns, ne, ntoks = sents[n + 1]
        last = ntoks[-1] if ntoks else None
        return ns, last.start if last is not None and last.text in _ENDS else ne

    # -- what a cue with nothing after it closes ---------------------------------------------------------------

    def _before(self, toks: Sequence[Token], cue: _Cue, sent_end: int) -> _Found | None:
        """"..." كما يقول فلان، (...)، قالها فلان: the quotation the cue closes; "، كما يضيف، ..." a parenthesis over
        the rest of the sentence; "... كما يرى الباحث." the clause before."""
        i = cue.i
        j = i - 1
        parenthetical = False
        while j >= 0 and (toks[j].text in _COMMAS or _f(toks[j].text) in _frames("parenthetical")):
            parenthetical = parenthetical or _f(toks[j].text) in _frames("parenthetical")
            j -= 1
        if j >= 0 and toks[j].text in CLOSERS and cue.kind in ("verb", "participle"):
            span = self._opened_before(toks[j])
            if span:
                return _Found(i, span[0], span[1], "direct", i + 1)
        if not parenthetical or cue.kind != "verb":
            return None
        comma = next((k for k in range(i + 1, min(len(toks), i + 6)) if toks[k].text in _COMMAS), None)
        if comma is not None and comma + 2 < len(toks):
            end = self._clause_end(toks, comma + 1, sent_end)
            return _Found(comma, toks[comma + 1].start, end, "indirect", self._index_after(toks, end))
        k = i - 1
        while k >= 0 and _f(toks[k].text) not in _frames("parenthetical"):
            k -= 1
        if k >= 2 and all(t.text not in _COMMAS for t in toks[i + 1:]):
            start = next((x + 1 for x in range(k - 1, -1, -1) if toks[x].text in _COMMAS), 0)
            if k - start >= 3:
                return _Found(len(toks), toks[start].start, toks[k].start, "indirect", len(toks))
        return None

    def _opened_before(self, close: Token) -> tuple[int, int] | None:
        text = self.text
        ch = text[close.start]
        if ch == "'":
            if text[close.start - 1:close.start] != "'":
                return None
            at = text.rfind("''", 0, close.start - 1)
            return (at + 2, close.start - 1) if at != -1 and "\n" not in text[at:close.start] else None
        opener = {"”": "“", "»": "«", '"': '"', ")": "("}[ch]
        at = text.rfind(opener, 0, close.start)
        if at == -1 or "\n" in text[at:close.start] or len(text[at + 1:close.start].split()) < 2:
            return None
        return at + 1, close.start

    # -- the speaker ----------------------------------------------------------------------------------------------

    def _speaker(self, toks: Sequence[Token], cue: _Cue, found: _Found, said_here: _Speaker | None,
                 pending: _Speaker | None, topic: _Speaker | None, near: _Speaker | None = None) -> _Speaker | None:
        i = cue.i
        if toks[i].text.endswith("تُ"):
            return None  # ذكرتُ، قلتُ: the writer
        if cue.kind == "source":  # وجاء في البيان الصادر عن الوزارة أن
            return self._subject(toks, i + 2, found.marker, cue) if found.marker > i + 2 else None
        if found.marker > i:
            reported = self._reported_through(toks, cue, found.marker)
            if reported is not None:
                return reported
            if cue.kind == "participle":
                spk = self._formula_at(toks, i + 1, found.marker)
            else:
                spk = self._subject(toks, i + 1, found.marker, cue, found.names)
        else:  # what was said stands before the cue: its speaker follows it
            end = next((k for k in range(i + 1, len(toks)) if toks[k].text in _COMMAS + _ENDS), len(toks))
            spk = self._subject(toks, i + 1, end, cue) if cue.kind == "verb" else None
        if spk is _CARRY:
            return self._carried(person_only=True)
        if spk is not None:
            return spk
        if cue.kind != "verb":
            if pending is not None:
                return pending
            if cue.kind == "noun" and i and _f(toks[i - 1].text)[:1] == "ل":  # للوزير قوله
                spk = self._subject(toks, i - 1, i, cue)
                if spk is not None and spk is not _CARRY:
                    return spk
            return near or said_here or topic or self._first_before(toks, i) or self._carried()
        spk = self._subject_before(toks, cue)
        if spk is _CARRY:
            return self._carried(person_only=True)
        return spk or said_here or near or self._first_before(toks, i) or self._carried()

    def _first_before(self, toks: Sequence[Token], i: int) -> _Speaker | None:
        """The first person (or body) the sentence names before a cue that has no subject of its own (وضمن كلمة
        ألقاها فلان، مدير عام الهيئة، صرح قائلا)."""
        if i and toks[0].text.isalpha() and self._mention(0) is None and not kinds(toks[0].text, "titles"):
            first = toks[0].text
            named = self._given(first, toks[0].start) or self._surname(first, toks[0].start) or (
                first if is_name_word(first) and not _f(first).startswith("ال") and i > 1
                and _f(toks[1].text) in _frames("role_links") else None)
            if named:  # إيفغيني في سنته الدراسية الخامسة ... يشدد على أن
                return _Speaker(named, toks[0].start, toks[0].end, "person")
        for x in range(i):
            m = self._mention(x)
            if m is not None and m.type in ("PER", "ORG") and m.start >= toks[x].start and not (
                    x and (self._addressee(toks[x - 1].text) or _conj(toks[x - 1].text) in folded_set(
                        "function_words", "words"))):
                if m.type == "PER":
                    return self._person(m.text, m.start, m.end)
                return _Speaker(m.text, m.start, m.end, "organisation")
        return None

    def _carried(self, person_only: bool = False) -> _Speaker | None:
        last = self.last
        if last is None or person_only and last.type not in ("person", "carried"):
            return None
        return _Speaker(last.name, last.start, last.end, "carried")

    def _reported_through(self, toks: Sequence[Token], cue: _Cue, marker: int) -> _Speaker | None:
        """The person after عن in "نقلت الوكالة عن فلان": the source a report quotes."""
        if cue.base not in folded_set("speech_verbs", "reporting"):
            return None
        at = next((k for k in range(cue.i + 1, marker) if _f(toks[k].text) == "عن"), None)
        if at is None:
            return None
        for k in range(at + 1, marker):
            m = self._mention(k)
            if m is not None and m.type == "PER":
                return self._person(m.text, m.start, m.end)
        return None

    def _subject(self, toks: Sequence[Token], a: int, b: int, cue: _Cue,
                 names: tuple[tuple[int, int, int], ...] = ()) -> _Speaker | None:
        """The speaker named by toks[a:b], the words between a cue and what was said."""
        j = self._subject_start(toks, a, b)
        if j >= b or toks[j].text in _COMMAS:
            return None
        t = toks[j]
        for at, start, end in names:  # وقالت "الأخبار" إن
            if at == t.start:
                inner = self.text[start:end].strip()
                typ = "person" if inner and all(is_name_word(w) for w in inner.split()) else "organisation"
                return _Speaker(inner, start, end, typ) if inner else None
        formula = self._formula_at(toks, j, b)
        if formula is not None:
            return formula
        if any(c in _frames("pronoun_titles") for c in _bare(t.text)):
            return _CARRY
        if any(f0.endswith(x) and f0[:-len(x)] in _frames("quantifiers") for x in _suffixes() for f0 in (
                _f(t.text),)):
            return None  # أكدوا جميعهم أنه: the subject is the verb's own
        m = self._mention(j)
        if m is not None and m.type == "PER":
            return self._named(toks, j, b, m)
        if m is not None and m.type in ("ORG", "LOC"):
            return _Speaker(m.text, m.start, m.end, "organisation")
        f = _f(t.text)
        if len(f) < 2 or t.text.startswith(("لأ", "لإ", "بأ", "بإ")) and not kinds(t.text, "titles"):
            return None
        name_ali = t.text.endswith("ي") and j + 1 < b and is_name_word(t.text) and toks[j + 1].text.isalpha() \
            and not _f(toks[j + 1].text).startswith("ال") and _f(toks[j + 1].text) not in folded_set(
                "function_words", "words") and not _content_noun(toks[j + 1].text)  # وأوضح علي فتح الباب
        if (f in folded_set("function_words", "words") and f not in _frames("quantifiers")
                or f in _frames("role_links")) and not name_ali or _is_verbal_noun(t.text) or _content_noun(t.text) \
                or f.endswith("ا") and len(f) >= 4 and not f.startswith("ال") and not is_name_word(t.text):
            return None  # وأكد في وقت سابق للسفير فلان، وجددت التأكيد أن، أعلن يوما: no subject here
        if not kinds(t.text, "titles") and f not in _frames("name_joiners") and len(f) >= 3 and t.text.isalpha() \
                and not (j + 1 < b and toks[j + 1].text.isalpha() and is_name_word(toks[j + 1].text)):
            surname = self._surname(t.text, t.start)
            if surname:  # ولفت الهاجري النظر: the family name of a person named before
                return _Speaker(surname, t.start, t.end, "person")
        if kinds(t.text, "titles") & {"honorifics", "role_heads", "person_descriptors"}:
            x = j + 1
            while x < b and (kinds(toks[x].text, "titles") or _f(toks[x].text).startswith("ال")):
                x += 1
            for at, start, end in names:  # يرى السيد ''بيار دوم'' أن، وقال الباحث الفلكي "هندي":
                if x < b and at == toks[x].start and self.text[start:end].strip():
                    inner = self.text[start:end].strip()
                    return self._person(inner, start, end)
        h = self._hard_stop(toks, j, b)
        if not kinds(t.text, "titles") and not f.startswith("ال") and is_name_word(t.text):
            span = self._name_after(toks, j, h)
            if span and span[1] > span[0]:
                s, e = toks[span[0]].start, toks[span[1]].end
                return self._person(self.text[s:e], s, e)
        objective = cue.base in _frames("object_verbs")
        person = self._person_in(toks, j, h, objective)
        if person is not None:
            return person
        words = self._phrase(toks, j, h, objective)
        if not words:
            return None
        s, e = words[0].start, words[-1].end
        phrase = self.text[s:e]
        first = words[0].text
        titles = kinds(first, "titles")
        cands = _bare(first)
        if "some_of" in titles and len(words) > 1 and not self._people(words[-1].text):
            return None  # وتعتبر أحد المداخيل: not people
        if "some_of" in titles or any(c in _frames_anonymous() for c in cands):
            return _Speaker(phrase, s, e, "anonymous")
        statements = folded_set("titles", "statement_nouns")
        if any(c in statements for c in cands):
            if _f(first) not in statements:  # وفقاً لبيان للتنسيقية: the ل written onto the noun is not the speaker's
                clitic = next((c for c, r in proclitic_readings(first) if r in statements), "")
                s += len(clitic)
            return _Speaker(self.text[s:e], s, e, "statement")
        if titles & {"organisation_heads", "media_heads"}:
            return _Speaker(phrase, s, e, "organisation")
        rest = self._index_after(toks, e)
        formula = self._formula_at(toks, rest, b) if rest < b else None
        if objective and not titles & _SPEAKER_KINDS and (rest >= b or formula is not None and formula.end == toks[
                b - 1].end):
            return None  # حث الناس على، ودعا الله عز وجل أن: one noun phrase before what was urged is the object
        owner = self._owner(phrase, s)
        if owner:
            return _Speaker(owner, s, e, "person")
        if len(words) <= 3:
            surname = self._surname(phrase, s)
            if surname:
                return _Speaker(surname, s, e, "person")
            if not titles and (all(is_name_word(w.text) for w in words) or len(words) == 1 and not _f(
                    first).startswith("ال") and first.isalpha() and not any(c in place_names() for c in cands)):
                after = self._index_after(toks, e)
                if len(words) == 1 and not is_name_word(first) and after < b and toks[after].text not in _COMMAS:
                    return None  # وأوضح سبب ذلك أنها، وذكر طرق لذلك: a noun with more after it, the object
                return _Speaker(phrase, s, e, "person")
        if len(words) == 1 and self._names_an_organisation(first):
            return _Speaker(phrase, s, e, "organisation")
        return _Speaker(phrase, s, e, "role")

    def _subject_start(self, toks: Sequence[Token], a: int, b: int) -> int:
        """Where the speaker's words begin: after the addressee's pronoun (قال له), an abbreviated title (د.،
        م.) and words that are no part of a name (ما يسمى)."""
        j = a + self._skip_pronouns(toks, a)
        while True:
            if j + 1 < b and toks[j + 1].text == "." and len(toks[j].text) == 1 and toks[j].text.isalpha():
                j += 2
                continue
            if j + 1 < b and _f(toks[j].text) in ("ل", "ب"):  # أكدوا لـ«عكاظ» أن، قال لـ"الشرق الأوسط" مصدر
                mark = _open_at(self.text, toks[j + 1].start) if toks[j + 1].text in OPEN or toks[
                    j + 1].text == "'" else None
                if mark:
                    _, end = self._quoted(toks[j + 1].start, mark, toks[b - 1].end)
                    j = self._index_after(toks, end + len(mark[1]))
                else:
                    j += 2
                continue
            for words in _so_called():
                if tuple(_f(t.text) for t in toks[j:j + len(words)]) == words or (
                        len(words) > 1 and words[-1] == "ب" and tuple(_f(t.text) for t in toks[j:j + len(words) - 1])
                        == words[:-1] and j + len(words) - 1 < b and _f(toks[j + len(words) - 1].text)[:1] == "ب"):
                    j += len(words) - (1 if words[-1] == "ب" else 0)
                    break
            else:
                return j

    def _named(self, toks: Sequence[Token], j: int, b: int, m: Mention) -> _Speaker:
        """A person mention, with the known given names the tagger left before it (سعادة علي القطيطي، د. فضل عبد الله
        فضل) but not a definite word of the role it gave the mention (وزير الخارجية العراقي فؤاد حسين: العراقي is a
        name word too; in النائب ممدوح إسماعيل, ممدوح is the name's), the name word it left at the end of the
        speaker's words (البروفسور ميخائيل هنيكي أن) or after a hyphen (سينغ-مانوكس); a role apposed after it is
        learned (عبد العزيز آل الشيخ مفتي عام السعودية)."""
        s, e = max(m.start, toks[j].start), m.end  # أثنى كيري: the cue a tagger took into the name stays out
        words = m.text.split()
        if len(words) > 2 and any(c in place_names() for c in _bare(words[0])) and is_name_word(words[1]):
            s = m.start + m.text.index(words[1], len(words[0]))  # بالجوف عبد العزيز الرويلي: the place aside
        x = j
        while x > 0 and x > j - 2 and toks[x - 1].text.isalpha() and is_name_word(toks[x - 1].text) \
                and not kinds(toks[x - 1].text, "titles") and self._mention(x - 1) is None \
                and not (m.role_start is not None and m.role_end is not None and _definite(toks[x - 1].text)
                         and m.role_start <= toks[x - 1].start < m.role_end):
            x -= 1
            s = toks[x].start
        last = j
        while last + 1 < len(toks) and self._mention(last + 1) is m:
            last += 1
        if last + 2 == b and toks[last + 1].text.isalpha() and self._mention(last + 1) is None and not (
                kinds(toks[last + 1].text, "titles") or _f(toks[last + 1].text) in folded_set("function_words", "words")
                or _content_noun(toks[last + 1].text) or _is_time_word(toks[last + 1].text)
                or _cue_base(toks[last + 1].text) or _noun_cue(toks[last + 1].text)):
            last += 1
            e = toks[last].end
        while e + 1 < len(self.text) and self.text[e] == "-" and self.text[e + 1].isalpha():
            e += 1
            while e < len(self.text) and (self.text[e].isalpha() or fold(self.text[e]) == ""):
                e += 1
        spk = self._person(self.text[s:e], s, e)
        self._learn_apposed(toks, last + 1, spk.name or m.text)
        return spk

    def _learn_apposed(self, toks: Sequence[Token], k: int, name: str) -> None:
        """The role written right after a name (فلان، مدير عام الهيئة، / فلان وزير التجارة): learned for the role
        said alone later (وأوضح وزير الإسكان أن)."""
        if k < len(toks) and toks[k].text in _COMMAS:
            k += 1
        if k >= len(toks) or not kinds(toks[k].text, "titles") & {"role_heads", "person_descriptors"}:
            return
        end = k + 1
        while end < len(toks) and end - k < SPEAKER_MAX_WORDS and _is_word(toks[end]) and not (
                _cue_base(toks[end].text) or _f(toks[end].text) in _complementisers()
                or _f(toks[end].text) in _frames("adjunct_stops") or _is_time_word(toks[end].text)):
            end += 1
        role = " ".join(t.text for t in toks[k:end])
        self.roles.append((toks[k].start, self._role_words(role), name))

    def _people(self, word: str) -> bool:
        """السكان، المشاركين، المسؤولين، الخبراء: a word for people (a source, a role, a group, a plural of
        persons)."""
        cands = _bare(word)
        f = cands[-1] if len(cands) > 1 and cands[0][:1] in ("و", "ل", "ب") else cands[0]
        return bool(kinds(word, "titles") & {"anonymous_sources", "role_heads", "person_descriptors"}) or f.endswith(
            ("ون", "ين", "اء"))

    def _names_an_organisation(self, word: str) -> bool:
        """وذكرت الوزارة، after وزارة الخارجية: one word of an organisation named before."""
        w = strip_article(word)
        return any(w in (strip_article(x) for x in m.text.split()) for m in self.mentions if m.type == "ORG")

    def _hard_stop(self, toks: Sequence[Token], j: int, b: int) -> int:
        """Where the speaker's words end for good: an adjunct (خلال، الذي، أمس), an occasion (في تصريح), a
        quotation mark or a colon."""
        stops = _frames("adjunct_stops")
        occasions = _frames("occasions")
        for x in range(j, b):
            t = toks[x]
            cands = _bare(t.text)
            if t.text in OPEN or t.text in (":", "(", "'") or cands[0] in stops or _is_time_word(t.text) \
                    or x > j and any(c in occasions for c in cands) or t.text in _ENDS and not (
                        x and len(toks[x - 1].text) == 1):
                return x
        return b

    def _person_in(self, toks: Sequence[Token], j: int, h: int, objective: bool) -> _Speaker | None:
        """A person named further on in the speaker's words, after their role (وأوضح المشرف العام على البرنامج
        نايف الهاجري أن، وقال الباحث الفلكي، بقسم ... بجامعة الملك عبدالعزيز، ملهم بن محمد هندي): the last one
        before the addressee (لنظيره، للصحفيين). After a verb that takes an object, only right after a title
        (أبلغ الوزير الصحفيين: none)."""
        first_titles = kinds(toks[j].text, "titles") & {"honorifics", "role_heads", "person_descriptors"}
        found: tuple[int, Mention] | None = None
        for x in range(j + 1, h):
            if self._addressee(toks[x].text):
                break
            t = toks[x]
            if not first_titles and self._mention(x) is None and _is_word(t) and not (
                    _definite(t.text) or kinds(t.text, "titles") or _f(t.text) in _frames("role_links")):
                break  # وأبرزت الدراسة نتائج دراسة أجراها البرفسور فلان: the study speaks
            m = self._mention(x)
            if m is None or m.type != "PER" or m.start < toks[x].start:
                continue
            if self._not_a_name(toks, x, m):
                continue
            if objective and not (x - j <= 2 and first_titles):
                break
            found = (x, m)
            if objective:
                break
        if found is not None:
            x, m = found
            spk = self._named(toks, x, h, m)
            self._learn_role(toks, j, x, spk.name or m.text)
            return spk
        if objective and not first_titles:
            return None
        for x in range(j, h):
            t = toks[x]
            if kinds(t.text, "titles") & {"honorifics", "role_heads", "person_descriptors"} or t.text == "." and x \
                    and len(toks[x - 1].text) == 1 or x > j and first_titles and _definite(t.text):
                span = self._name_after(toks, x + 1, h, after_title=not _definite(t.text)
                                        or bool(kinds(t.text, "titles")))
                if span:
                    s, e = toks[span[0]].start, toks[span[1]].end
                    self._learn_role(toks, j, span[0], self.text[s:e])
                    return self._person(self.text[s:e], s, e)
        return None

    def _not_a_name(self, toks: Sequence[Token], x: int, m: Mention) -> bool:
        """A "person" the tagger gave that names none: one word with the article after a title or a definite word
        (وزير الخارجية التركي، شيخ الأزهر: an adjective, or the body the role is of), a verbal noun (أهمية
        الانضباط), a cue."""
        return " " not in m.text and _f(m.text).startswith("ال") and x > 0 and (
            _f(toks[x - 1].text).startswith(("ال", "لل")) or bool(kinds(toks[x - 1].text, "titles"))) \
            or _content_noun(toks[x].text) or _cue_base(toks[x].text) is not None \
            or _f(m.text.split()[0]) in folded_set("function_words", "words") and not (
                m.text.split()[0].endswith("ي") and is_name_word(m.text.split()[0]))  # على أوباما, not علي

    def _addressee(self, word: str) -> bool:
        """لنظيره، للسفير، للصحفيين: who the cue is said to."""
        f = _f(word)
        if f[:1] != "ل" or len(f) < 4:
            return False
        readings = _bare(word)[1:]
        return any(r in _frames("addressees") or kinds(r, "titles") & {"role_heads", "honorifics"}
                   for r in readings) and not any(r.startswith("ال") and kinds(r, "titles") & {
                       "organisation_heads"} for r in readings)

    def _learn_role(self, toks: Sequence[Token], j: int, x: int, name: str) -> None:
        role = [t for t in toks[j:x] if _is_word(t)]
        if role and kinds(role[0].text, "titles") & {"role_heads", "person_descriptors"}:
            self.roles.append((toks[j].start, self._role_words(" ".join(t.text for t in role)),
                               self._full_name(name, toks[j].start)))

    def _name_after(self, toks: Sequence[Token], k: int, h: int, after_title: bool = True) -> tuple[int, int] | None:
        """The name words right after a title the tagger did not mark (المهندس غياث القطيني، سعادة علي
        القطيطي), or closing a role phrase after its last definite word (أمين عام اللجنة الأولمبية اللبنانية عزة
        قريطم): one to four name words, none a function word, a title or a word of time."""
        words: list[int] = []
        for x in range(k, min(h, k + 5)):
            t = toks[x]
            f = _f(t.text)
            known = is_name_word(t.text)
            ali = not words and known and t.text.endswith("ي")  # علي فتح الباب: the name, not على
            if not t.text.isalpha() or (f in folded_set("function_words", "words") or f in _frames("role_links")
                                        or f in _frames("adjunct_stops")) and not ali or kinds(t.text, "titles") \
                    or _cue_base(t.text) or _is_time_word(t.text) or _content_noun(t.text):
                break
            if not words and f.startswith("ال"):
                return None  # شيخ الأزهر، وزير الخارجية: what the role is of, not a name
            if f[:1] in ("و", "ب", "ل") and len(f) > 3 and not known:
                break
            closes = x + 1 >= h or toks[x + 1].text in _COMMAS
            if words and f.startswith("ال") and not (f.endswith("ي") or known or closes):
                break
            if len(words) >= 2 and not (known or f.startswith("ال") or _f(toks[words[-1]].text) in _frames(
                    "name_joiners")):
                break
            if f.endswith("ا") and len(f) >= 5 and not known:
                break
            words.append(x)
        while words and _f(toks[words[-1]].text) in _frames("name_joiners"):
            words.pop()
        if not words:
            return None
        nxt = words[-1] + 1
        nf = _f(toks[nxt].text) if nxt < len(toks) else ""
        closed = nxt >= h or toks[nxt].text in _COMMAS or bool(kinds(toks[nxt].text, "titles")) or (
            nf.endswith("ا") and len(nf) >= 4 and not nf.startswith("ال"))  # المهندس غياث القطيني تقريرا
        if not after_title and not (closed and (len(words) >= 2 or is_name_word(toks[words[0]].text))):
            return None
        if len(words) == 1 and not (closed and (is_name_word(toks[words[0]].text) or nxt >= h)):
            return None
        if not closed and not _f(toks[nxt].text).startswith(("ال", "لل")):
            return None
        return words[0], words[-1]

    def _phrase(self, toks: Sequence[Token], j: int, h: int, objective: bool) -> list[Token]:
        """The words of the speaker's description: up to a comma, a preposition, the addressee (للصحفيين); after
        a verb that takes an object, only the first noun phrase (طالب المصدرون وزارة التجارة: المصدرون)."""
        words: list[Token] = []
        some = "some_of" in kinds(toks[j].text, "titles") or _f(toks[j].text) in _frames("quantifiers")
        for x in range(j, min(h, j + SPEAKER_MAX_WORDS)):
            t = toks[x]
            f = _f(t.text)
            if not _is_word(t):
                break
            if words and (f in _frames("other_adjectives") or some and f == "من" and len(words) == 1):
                words.append(t)  # مسؤول آخر، عدد من المشاركين
                continue
            if f in folded_set("function_words", "words") and not (not words and f in _frames("quantifiers")) \
                    or f in _frames("role_links"):
                break
            if words and f[:1] == "ل" and not kinds(t.text, "titles"):
                break
            if objective and words and not _agrees(words, t) or words and _content_noun(t.text):
                break  # أعلن الأمن رفضه: the verbal noun opens what was said
            if words and _f(words[-1].text).startswith(("ال", "لل")) and not f.startswith(("ال", "لل")) \
                    and not kinds(t.text, "titles") and not is_name_word(t.text) and f[:1] not in ("ب", "ل", "و"):
                break  # وبينت الإدارة تفاصيل الوظائف: the object follows the subject
            words.append(t)
        if words and (_cue_base(words[0].text) or not words[0].text[:1].isalpha()):
            return []
        return words

    def _formula_words(self, words: tuple[str, ...]) -> str | None:
        for formula, who in _formulas():
            if words[:len(formula)] == formula:
                return who
        return None

    def _formula_at(self, toks: Sequence[Token], j: int, b: int) -> _Speaker | None:
        """يقول صلى الله عليه وسلم، يقول سبحانه (...): a formula naming the speaker, in parentheses or not."""
        k = j + (1 if j < b and toks[j].text == "(" else 0)
        words = tuple(_f(t.text) for t in toks[k:min(b, k + 4)] if _is_word(t))
        who = self._formula_words(words)
        if who is None:
            return None
        n = next(len(f) for f, w in _formulas() if words[:len(f)] == f)
        return _Speaker(who, toks[k].start, toks[k + n - 1].end, "person")

    def _subject_before(self, toks: Sequence[Token], cue: _Cue) -> _Speaker | None:
        """The subject written before the cue: in a relative clause (تصريح لفلان قال فيه) the nearest person;
        after كان (وكان وزير المالية قد أكد) or أما (أما فلان فيقول); a name or noun phrase right before it, opening
        its clause (لكن الكاتب أوضح أن، إلا أن مساهل اعتبر، هذه القوى تؤكد، عن فلان قال); a pronoun (لكنه قال)
        stands for the person last named."""
        i = cue.i
        if i + 1 < len(toks) and _f(toks[i + 1].text) in folded_set("speech_verbs", "resumptives"):
            for x in range(i - 1, -1, -1):
                m = self._mention(x)
                if m is not None and m.type == "PER":
                    return self._person(m.text, m.start, m.end)
            for x in range(i - 1, -1, -1):
                if kinds(toks[x].text, "titles") & {"honorifics", "role_heads"}:
                    span = self._name_after(toks, x + 1, i)
                    if span:
                        s, e = toks[span[0]].start, toks[span[1]].end
                        return self._person(self.text[s:e], s, e)
            return None
        f0 = _f(toks[i].text)
        if f0[:1] == "ف" and _cue_base(toks[i].text) != f0:  # أما فلان فيقول
            amma = next((x for x in range(i - 1, -1, -1) if _conj(toks[x].text) in _frames("amma")), None)
            return self._subject(toks, amma + 1, i, cue) if amma is not None else None
        if f0[:1] == "و" and _cue_base(toks[i].text) != f0:
            return None  # وأكد: a new clause, whose subject is not before it
        return self._adjacent_subject(toks, cue) or self._kana_subject(toks, cue)

    def _kana_subject(self, toks: Sequence[Token], cue: _Cue) -> _Speaker | None:
        """وكان وزير المالية قد أكد، وكان وزير دفاعه فلان أكثر وضوحا إذ أكد: the subject of the كان before the cue,
        with no other cue between."""
        i = cue.i
        for x in range(i - 1, -1, -1):
            if _cue_base(toks[x].text) or _noun_cue(toks[x].text):
                return None
            if _conj(toks[x].text) in _frames("kana"):
                end = next((y for y in range(x + 1, i) if _f(toks[y].text) in _frames("clause_openers")
                            or _f(toks[y].text) == fold("قد")), i)
                spk = self._subject(toks, x + 1, end, cue)
                return spk if spk is not _CARRY else None
        return None

    def _adjacent_subject(self, toks: Sequence[Token], cue: _Cue) -> _Speaker | None:
        """A name or noun phrase right before the cue, opening its clause."""
        i = cue.i
        j = i - 1
        if j >= 0 and _f(toks[j].text) == fold("قد"):
            j -= 1
        if j < 0:
            return None
        if _f(toks[j].text) in _frames("pronoun_subjects"):
            return _CARRY
        if _f(toks[j].text) in _frames("relatives") and j:  # باعث الإخوان حسن البنا الذي قال
            m = self._mention(j - 1)
            if m is not None and m.type == "PER" and m.end == toks[j - 1].end:
                return self._person(m.text, m.start, m.end)
            return None
        m = self._mention(j)
        if m is not None and m.end == toks[j].end and m.type in ("PER", "ORG", "LOC"):
            first = j
            while first > 0 and self._mention(first - 1) is m:
                first -= 1
            if not self._opens_clause(toks, self._role_before(toks, first)):
                return None
            if m.type == "PER":
                return self._person(m.text, m.start, m.end)
            return _Speaker(m.text, m.start, m.end, "organisation")
        f = _f(toks[j].text)
        if not toks[j].text.isalpha() or f in folded_set("function_words", "words") or _content_noun(toks[j].text):
            return None
        first = j
        while first > 0 and j - first < 2 and f.startswith("ال") and _f(toks[first - 1].text).startswith("ال"):
            first -= 1  # المراقبون الدوليون يرون
        if first > 0 and _f(toks[first - 1].text) in _frames("demonstratives"):
            first -= 1  # هذه القوى تؤكد
        definite = f.startswith("ال") or bool(_frames_anonymous() & set(_bare(toks[j].text)))
        if first and _conj(toks[first - 1].text) in folded_set("function_words", "words") \
                and not self._opens_clause(toks, first):
            return None  # وفي الجانب الفني يقول: a prepositional phrase
        start = self._role_before(toks, first)
        if not self._opens_clause(toks, start, strong=not definite and start == first):
            return None
        if start < first:  # أمين عام اللجنة الأولمبية اللبنانية عزة قريطم رأى
            spk = self._subject(toks, start, j + 1, cue)
            if spk is not None and spk is not _CARRY:
                return spk
        s, e = toks[first].start, toks[j].end
        phrase = self.text[s:e]
        owner = self._owner(phrase, s)
        if owner:
            return _Speaker(owner, s, e, "person")
        surname = self._surname(phrase, s)
        if surname:
            return _Speaker(surname, s, e, "person")
        role = definite and not is_name_word(toks[j].text) or bool(kinds(toks[j].text, "titles"))
        return _Speaker(phrase, s, e, "role" if role else "person")

    def _role_before(self, toks: Sequence[Token], first: int) -> int:
        """Where the role phrase before a name begins (لكن قائد المنتخب حارس المرمى جيانليوجي بوفون شدد): back over
        titles, definite words and the words in construct with them, to a word that may open a clause."""
        x = first
        while x > 0 and first - x < 7 and not self._opens_clause(toks, x):
            t = toks[x - 1]
            f = _f(t.text)
            if not t.text.isalpha() or _conj(t.text) in folded_set("function_words", "words") \
                    or _cue_base(t.text) or not (
                    kinds(t.text, "titles") or f.startswith(("ال", "لل")) or _f(toks[x].text).startswith(("ال", "لل"))):
                return first
            x -= 1
            if kinds(t.text, "titles") & {"role_heads", "honorifics", "person_descriptors"} and \
                    self._opens_clause(toks, x):
                return x
        return x if self._opens_clause(toks, x) else first

    def _opens_clause(self, toks: Sequence[Token], k: int, strong: bool = False) -> bool:
        """Whether a clause may begin at token k: the sentence's start (after عن in a chain of narrators), after a
        comma or a complementiser, or after لكن، إلا أن، بينما; with ``strong``, only after لكن and its kind."""
        if k == 0:
            return not strong
        prev = _f(toks[k - 1].text)
        openers = _frames("clause_openers")
        if prev in openers or _conj(toks[k - 1].text) in openers or k == 1 and prev == "عن":
            return True
        if prev in _complementisers() or _conj(toks[k - 1].text) in _complementisers():  # فإن السوق سيقول
            return k >= 2 and _f(toks[k - 2].text) in openers or not strong
        return not strong and toks[k - 1].text in _COMMAS

    def _topic(self, toks: Sequence[Token]) -> _Speaker | None:
        """Who the sentence is about: the person its first verb's subject names (وأعرب السفير الفرنسي فرانك
        جوليه عن، ورحب سموه، وانتهز المرشح الجمهوري ميت رومني الفرصة، وحذر مفتي السعودية)."""
        if len(toks) < 3 or not toks[0].text.isalpha():
            return None
        if _f(toks[0].text) in folded_set("function_words", "words"):
            return None
        second = toks[1].text
        if any(c in _frames("pronoun_titles") for c in _bare(second)):
            return self._carried(person_only=True)
        # a person named among its first words at all? (most sentences name none: no need to look closer)
        first_words_end = toks[min(len(toks), 12) - 1].end
        k = bisect.bisect_left(self.person_starts, toks[1].start)
        if k >= len(self.person_starts) or self.person_starts[k] >= first_words_end:
            if not kinds(second, "titles") & {"role_heads", "person_descriptors"}:
                return None
        if self._mention(0) is not None:
            return None
        if self._mention(1) is None and not (kinds(second, "titles") or _f(second).startswith(("ال", "لل"))):
            return None
        for x in range(1, min(len(toks), 12)):
            t = toks[x]
            m = self._mention(x)
            if m is not None and m.type == "PER" and m.start >= t.start:
                return self._named(toks, x, len(toks), m)
            if m is not None:
                continue
            f = _f(t.text)
            if not _is_word(t) and t.text not in _COMMAS or f in _frames("adjunct_stops") or _is_time_word(t.text) \
                    or f in folded_set("function_words", "words") and f not in _frames("role_links") \
                    or _cue_base(t.text):
                break
            if x == 1 and not (kinds(t.text, "titles") or f.startswith(("ال", "لل"))):
                return None
        if kinds(toks[1].text, "titles") & {"role_heads", "person_descriptors"}:
            words = self._phrase(toks, 1, self._hard_stop(toks, 1, len(toks)), True)
            if words:
                owner = self._owner(self.text[words[0].start:words[-1].end], words[0].start)
                if owner:
                    return _Speaker(owner, words[0].start, words[-1].end, "person")
        return None

    def _headline(self, toks: Sequence[Token], s: int, e: int) -> int | None:
        """"وزير المالية : نعيش ..."، "البركة لـ'المغربية': سنعمل ...": a line that opens with its speaker, a colon
        and what was said. Returns the token to read on from."""
        if s and self.text[s - 1] != "\n":
            return None
        colon = next((k for k, t in enumerate(toks[:HEADLINE_SPEAKER_WORDS + 3]) if t.text == ":"), None)
        if not colon or colon + 1 >= len(toks):
            return None
        if any(self._cue_at(toks, k) for k in range(colon)):
            return None
        said = [t for t in toks[colon + 1:] if _is_word(t)]
        if len(said) < HEADLINE_MIN_WORDS or said[0].text[:1].isdigit():
            return None
        end = colon
        for k in range(1, colon):  # the outlet it was said to: البركة لـ'المغربية'
            f = _f(toks[k].text)
            if f in ("ل", "لـ") or f.startswith("ل") and not kinds(toks[k].text, "titles") and not f.startswith("لل"):
                end = k
                break
        words = [t for t in toks[:end] if _is_word(t)]
        if not words or len(words) > HEADLINE_SPEAKER_WORDS:
            return None
        first = words[0].text
        named = getattr(self._mention(0), "type", None) == "PER"
        if any(t.text in ("-", "–", "/") for t in toks[:end]) or _conj(first) in folded_set(
                "function_words", "words") or _f(first)[:1] in ("و", "ف") and not named and not is_name_word(first):
            return None  # فهد العتيبي- سبق: (a byline), ونقصد: (a verb), فإن قيل:
        if _f(first) in _frames("line_labels") or _f(first) in folded_set("function_words", "words") \
                or not first[:1].isalpha() or _is_time_word(first) \
                or len(words) == 1 and not named and any(c in place_names() for c in _bare(first)):
            return None
        cue = _Cue(-1, "", "verb")
        spk = self._subject(toks, 0, end, cue)
        if spk is None or spk is _CARRY:
            return None
        m = self._mention(0)
        if spk.type == "role" and not (m or kinds(first, "titles") or len(words) == 1):
            return None  # القوات البحرية: a multiword phrase is a speaker only as a name or a title's
        if spk.type == "role":
            owner = self._owner(self.text[words[0].start:words[-1].end], s, anywhere=True)
            if owner:
                spk = _Speaker(owner, spk.start, spk.end, "person")
        elif spk.type == "person" and spk.name:  # الأحمدي لـ عكاظ: ... (علي الأحمدي in the article below)
            spk = _Speaker(self._surname(spk.name, len(self.text)) or spk.name, spk.start, spk.end, "person")
        nxt = colon + 1
        mark = _open_at(self.text, toks[nxt].start) if toks[nxt].text in ('"', "“", "«", "„", "'") else None
        if mark:
            start, q_end = self._quoted(toks[nxt].start, mark, e)
        else:
            start, q_end = toks[nxt].start, self._clause_end(toks, nxt, e)
        found = _Found(colon, start, q_end, "direct", self._index_after(toks, q_end))
        self._add(None, found, spk)
        return found.next_i


@cache
def _frames_anonymous() -> frozenset[str]:
    return folded_set("titles", "anonymous_sources")


def _is_verbal_noun(word: str) -> bool:
    """التأكيد، الاستعداد، الانسحاب: a definite verbal noun of a derived form, the object of a cue whose subject is
    dropped (وجددت التأكيد أن), unless the lists know it as a speaker (التقرير، التحالف)."""
    f = proclitic_candidates(word)[-1] if _f(word)[:1] in ("و", "ف") else _f(word)
    return f.startswith(tuple(_frames("verbal_noun_openings"))) and len(f) >= 6 \
        and not kinds(word, "titles") and f not in _frames_anonymous()


def _within(key: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether ``key`` is a run of ``words`` (a role said again, or said shorter)."""
    n = len(key)
    return any(words[k:k + n] == key for k in range(len(words) - n + 1))


def _agrees(words: list[Token], t: Token) -> bool:
    """Whether ``t`` may still belong to the noun phrase of ``words`` (an adjective, or the noun a first
    indefinite word is in construct with), rather than start the verb's object: an indefinite word after a
    definite one, a definite one after an adjective, or one of another number or gender is the object."""
    last, new = _f(words[-1].text), _f(t.text)
    definite = new.startswith(("ال", "لل"))
    if not last.startswith(("ال", "لل")):
        return definite and len(words) == 1 or not definite
    if not definite:
        return False

    def number(w: str) -> str:
        return "pl" if w.endswith(("ون", "ين")) else "f" if w.endswith(("ه", "ات")) else "m"
    head = _f(words[0].text)
    return number(new) == number(head) and new.endswith(("ي", "يه", "يون", "يين", "يات"))
