"""Who said what: direct, partial and indirect quotes with their cue verb and speaker.

Per sentence: a speech verb (data/speech_verbs.json) opens a quote when a colon, a quotation mark or a
complementiser (أن، إن، إلى أن) follows it within a few words; the words between the verb and that
marker name the speaker. A verb with no subject of its own takes the subject before it in the sentence,
or the speaker carried from the last attributed sentence. A surname alone is resolved to the fuller name
met earlier in the article. When nothing names the speaker, the speaker is null.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from marsad.analyse.entities import apposed_name
from marsad.analyse.lexicon import data, folded_set, in_lexicon, kinds
from marsad.arabic import fold, proclitic_candidates, sentence_tokens, strip_article
from marsad.arabic.calendar import weekday_names
from marsad.arabic.tokens import Token
from marsad.model import Article, Mention, Quote
from marsad.pipeline import Step

OPEN = {"“": "”", "«": "»", '"': '"', "„": "“"}
# words between a speech verb and its colon, quote or complementiser
CUE_REACH = 24
SUBJECT_STOPS = ("في", "خلال", "عبر", "ضمن", "لدى", "امام", "بعد", "قبل", "حول", "عن", "اثناء", "بهذا", "من", "الي",
                 "علي", "فيه", "فيها", "خلالها", "خلاله")


@cache
def _verbs() -> frozenset[str]:
    return frozenset(fold(v) for v in data("speech_verbs")["verbs"])


@cache
def _participle_prefixes() -> tuple[str, ...]:
    return tuple(fold(p) for p in data("speech_verbs")["participles_prefix"])


@cache
def _complementisers() -> frozenset[str]:
    return frozenset(fold(c) for c in data("speech_verbs")["complementisers"] if " " not in c)


def _is_cue(t: Token) -> bool:
    cands = proclitic_candidates(t.text)
    return cands[0] in _verbs() or (cands[0][:1] in ("و", "ف") and any(c in _verbs() for c in cands[1:]))


@dataclass
class _Speaker:
    name: str | None
    start: int | None
    end: int | None
    type: str | None


class Quotes(Step):
    name = "quotes"
    requires = ("text", "paragraphs", "entities")
    provides = ("quotes",)

    def process(self, article: Article) -> Article:
        article.quotes = find_quotes(article)
        return article


def find_quotes(article: Article) -> list[Quote]:
    text = article.text
    persons = [m for m in article.entities if m.type == "PER"]
    quotes: list[Quote] = []
    last: _Speaker | None = None
    known: list[str] = []  # person names resolved so far, for surnames the tagger did not mark
    posts = [p for p in article.paragraphs if p.kind == "embedded_post"]
    for p in posts:
        body_end = text.rfind("\n", p.start, p.end)
        end = body_end if body_end > p.start else p.end
        quotes.append(Quote(p.start, end, "direct", speaker=p.author, speaker_type="embedded_post",
                            text=text[p.start:end]))
    for s, e, toks in sentence_tokens(text):
        if any(p.start <= s < p.end for p in posts):
            continue
        sentence_speaker: _Speaker | None = None
        i = 0
        while i < len(toks):
            if not _is_cue(toks[i]):
                i += 1
                continue
            found = _content(text, toks, i, e)
            if found is None:
                i += 1
                continue
            marker, c_start, c_end, kind, next_i = found
            participle = fold(toks[i].text).lstrip("وف").startswith(_participle_prefixes())
            speaker = _speaker_between(text, article, toks[i], toks[i + 1:marker], persons, known)
            if speaker is None and participle and sentence_speaker:
                speaker = sentence_speaker
            if speaker is None:
                speaker = _subject_before(text, article, toks, i, persons, known)
            if speaker is None and last is not None:
                speaker = _Speaker(last.name, last.start, last.end, "carried")
            said = speaker or _Speaker(None, None, None, None)
            quotes.append(Quote(c_start, c_end, kind, cue=toks[i].text, cue_start=toks[i].start, cue_end=toks[i].end,
                                speaker=said.name, speaker_start=said.start, speaker_end=said.end,
                                speaker_type=said.type, text=text[c_start:c_end]))
            if speaker and speaker.type == "person" and speaker.name and speaker.name not in known:
                known.append(speaker.name)
            if speaker and speaker.name:
                sentence_speaker = speaker if speaker.type != "carried" else sentence_speaker or speaker
                last = speaker
            i = max(next_i, i + 1)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _content(text: str, toks: Sequence[Token], i: int, sent_end: int) -> tuple[int, int, int, str, int] | None:
    """After the cue at ``i``: (marker token index, content start, end, kind, index to continue from)."""
    comps = _complementisers()
    k = i
    while k + 1 < min(len(toks), i + 1 + CUE_REACH):
        k += 1
        t = toks[k].text
        if t in OPEN:
            start, end = _quoted(text, toks[k].start, sent_end)
            if _is_quoted_name(text, toks, k, end):
                k = _index_after(toks, end + 1) - 1
                continue
            return k, start, end, "direct", _index_after(toks, end)
        if t == ":":
            nxt = k + 1
            if nxt < len(toks) and toks[nxt].text in OPEN:
                start, end = _quoted(text, toks[nxt].start, sent_end)
                return k, start, end, "direct", _index_after(toks, end)
            end = _clause_end(toks, nxt, sent_end)
            return (k, toks[nxt].start, end, "direct", _index_after(toks, end)) if nxt < len(toks) else None
        cands = proclitic_candidates(t)
        if cands[0] in comps or (len(cands) > 1 and cands[0][0] == "ب" and cands[-1] in comps):
            nxt = k + 1
            if nxt >= len(toks):
                return None
            if toks[nxt].text in OPEN:
                start, end = _quoted(text, toks[nxt].start, sent_end)
                return k, start, end, "direct", _index_after(toks, end)
            end = _clause_end(toks, nxt, sent_end)
            # a quotation opening inside the reported clause makes it a partial quote
            inner = next((t2 for t2 in toks[nxt:] if t2.start < end and t2.text in OPEN), None)
            if inner is not None:
                start, q_end = _quoted(text, inner.start, sent_end)
                return k, start, q_end, "partial", _index_after(toks, q_end)
            return k, toks[nxt].start, end, "indirect", _index_after(toks, end)
        if _is_cue(toks[k]):
            return None
    return None


def _is_quoted_name(text: str, toks: Sequence[Token], k: int, end: int) -> bool:
    """"لقناة "العراقية الإخبارية"، إن ...": a short quoted span after an outlet or organisation word, or
    followed by a comma, names something; it is not what was said."""
    if len(text[toks[k].start + 1:end].split()) > 4:
        return False
    prev = toks[k - 1].text if k else ""
    if prev and (fold(prev) in ("ل", "لـ") or in_lexicon(prev, "titles", "media_heads")
                 or in_lexicon(prev, "titles", "organisation_heads")):
        return True
    after = text[end + 1:end + 3].strip()
    return after[:1] in ("،", ",")


def _quoted(text: str, open_at: int, limit: int) -> tuple[int, int]:
    """Span inside the quotation marks opened at ``open_at``; an unclosed quote runs to the sentence end."""
    close = OPEN[text[open_at]]
    end = text.find(close, open_at + 1, limit)
    if end == -1 and close != '"':
        end = text.find('"', open_at + 1, limit)
    if end == -1:
        end = limit
    return open_at + 1, end


def _clause_end(toks: Sequence[Token], k: int, sent_end: int) -> int:
    """An indirect clause runs to the sentence end or to a following ", مؤكدا ..." participle cue."""
    for j in range(k + 1, len(toks)):
        if toks[j].text in ("،", ",") and j + 1 < len(toks) and _is_cue(toks[j + 1]):
            return toks[j].start
    last = toks[-1]
    return last.start if last.text in (".", "؟", "!") else min(last.end, sent_end)


def _index_after(toks: Sequence[Token], pos: int) -> int:
    return next((k for k, t in enumerate(toks) if t.start >= pos), len(toks))


def _speaker_between(text: str, article: Article, cue: Token, region: Sequence[Token], persons: list[Mention],
                     known: list[str]) -> _Speaker | None:
    """The subject named between the cue and the content, cut at the first comma or adjunct."""
    reported = _reported_through(article, cue, region)
    if reported:  # "ونقلت الوكالة عن فلان قوله": the one quoted speaks, not the agency
        return _Speaker(_full_name(reported.text, persons, known, reported.start), reported.start, reported.end,
                        "person")
    cut = _cut(region)
    if not cut:
        return None
    s, e = cut[0].start, cut[-1].end
    inside = [m for m in article.entities if m.start >= s and m.end <= e]
    per = next((m for m in inside if m.type == "PER"), None) or _titled_person(article, region, s)
    if per:
        return _Speaker(_full_name(per.text, persons, known, per.start), per.start, per.end, "person")
    first = cut[0].text
    anonymous = folded_set("titles", "anonymous_sources")
    if any(c in anonymous for c in proclitic_candidates(first)) or (  # بعض التقارير، أحد المسؤولين
            len(cut) > 1 and "some_of" in kinds(first, "titles") and any(c in anonymous for c in proclitic_candidates(
                cut[1].text if fold(cut[1].text) != "من" or len(cut) < 3 else cut[2].text))):
        return _Speaker(text[s:e], s, e, "anonymous")
    if in_lexicon(first, "titles", "role_heads") or in_lexicon(first, "titles", "honorifics"):
        name = apposed_name(region[len(cut):])
        if name:  # "المتحدث باسم الوزارة، أحمد علي، ..."
            return _Speaker(_full_name(text[name[0]:name[1]], persons, known, name[0]), name[0], name[1], "person")
        return _Speaker(text[s:e], s, e, "role")
    org = next((m for m in inside if m.type == "ORG"), None)
    if org:
        return _Speaker(org.text, org.start, org.end, "organisation")
    if in_lexicon(first, "titles", "organisation_heads"):
        return _Speaker(text[s:e], s, e, "organisation")
    if fold(first) in folded_set("titles", "statement_nouns"):
        return _Speaker(text[s:e], s, e, "statement")
    if len(cut) <= 3:
        surname = _surname_match(text[s:e], persons, known, s)
        if surname:
            return _Speaker(surname, s, e, "person")
        if len(cut) == 1 and _names_an_organisation(first, article):
            return _Speaker(text[s:e], s, e, "organisation")  # "وذكرت القيادة" after "قيادة العمليات"
    return None


def _titled_person(article: Article, region: Sequence[Token], subject_start: int) -> Mention | None:
    """"وأوضح المتحدث باسم المديرية، النقيب أحمد علي، أن"، "وأوضح المتحدث الرسمي للمركز أحمد علي أن": a person
    further on in the subject is the speaker when the subject's role is attached to them, or when a comma
    or a rank stands right before their name."""
    if not region:
        return None
    end = region[-1].end
    persons = [m for m in article.entities if m.type == "PER" and subject_start <= m.start < end]
    # the last person the subject's role is attached to: "المتحدث باسم مركز الملك فلان، علان" names علان
    holders = [m for m in persons if m.role_start is not None and m.role_start <= subject_start < (m.role_end or 0)]
    if holders:
        return holders[-1]
    for m in persons:
        prev = next((t for t in reversed(region) if t.end <= m.start), None)
        if prev is not None and not article.text[prev.end:m.start].strip() and (
                prev.text in ("،", ",") or "honorifics" in kinds(prev.text, "titles")):
            return m
    return None


def _reported_through(article: Article, cue: Token, region: Sequence[Token]) -> Mention | None:
    """The person after عن in "نقلت الوكالة عن فلان": the source a report quotes."""
    if not region or not folded_set("speech_verbs", "reporting") & set(proclitic_candidates(cue.text)):
        return None
    words = [fold(t.text) for t in region]
    if "عن" not in words:
        return None
    after = region[words.index("عن")].end
    return next((m for m in article.entities if m.type == "PER" and after <= m.start < region[-1].end), None)


def _cut(region: Sequence[Token]) -> Sequence[Token]:
    cut: list[Token] = []
    for t in region:
        f = fold(t.text)
        if t.text in ("،", ",", ":") or f in SUBJECT_STOPS or not any(c.isalnum() for c in t.text) \
                or _is_time_word(t.text):
            break
        if f.startswith("ل") and cut and not in_lexicon(t.text, "titles", "role_heads"):
            break
        cut.append(t)
    return cut


def _is_time_word(word: str) -> bool:
    """الخميس، اليوم، أمس: a time adjunct ends the subject (قالت الشرطة الخميس إن)."""
    f = proclitic_candidates(word)[-1]
    return f in weekday_names() or fold(word) in folded_set("time_words", "day_words")


def _names_an_organisation(word: str, article: Article) -> bool:
    w = strip_article(word)
    return any(w in (strip_article(x) for x in m.text.split()) for m in article.entities if m.type == "ORG") or (
        in_lexicon(word, "titles", "organisation_heads"))


def _subject_before(text: str, article: Article, toks: Sequence[Token], cue: int, persons: list[Mention],
                    known: list[str]) -> _Speaker | None:
    """"وكانت وزارة الخارجية ... قد أكدت", "وكان وزير المالية، أحمد علي، أكد": the subject
    before the cue in the sentence: the first person or organisation there, else the phrase after كان."""
    s, cue_start = toks[0].start, toks[cue].start
    before = [m for m in article.entities if s <= m.start and m.end <= cue_start and m.type in ("PER", "ORG")]
    if before:
        # "تصريح لفلان قال فيه"، "مقابلة مع وكالة ... قال خلالها": a cue in a relative clause speaks for the
        # nearest person (the outlet or the occasion is not the speaker), not for the sentence's first name
        relative = cue + 1 < len(toks) and fold(toks[cue + 1].text) in folded_set("speech_verbs", "resumptives")
        persons_before = [m for m in before if m.type == "PER"]
        m = (persons_before or before)[-1] if relative else before[0]
        if m.type == "PER":
            return _Speaker(_full_name(m.text, persons, known, m.start), m.start, m.end, "person")
        return _Speaker(m.text, m.start, m.end, "organisation")
    if cue >= 2 and proclitic_candidates(toks[0].text)[-1] in ("كان", "كانت"):
        return _speaker_between(text, article, toks[cue], toks[1:cue], persons, known)
    return None


def _full_name(name: str, persons: list[Mention], known: list[str], before: int) -> str:
    return _surname_match(name, persons, known, before) or name


def _surname_match(name: str, persons: list[Mention], known: list[str], before: int) -> str | None:
    """The fullest earlier person name that ends with this one (``علي`` -> ``أحمد علي``)."""
    key = [strip_article(w) for w in name.split()]
    best = None
    for full in [p.text for p in persons if p.start < before] + known:
        words = [strip_article(w) for w in full.split()]
        if len(words) > len(key) and words[-len(key):] == key and (best is None or len(full) > len(best)):
            best = full
    return best
