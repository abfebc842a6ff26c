"""What an article says, for comparing it with others: its content words (light stems, folded), the names in
it, and the dates it is about. Used by the steps across articles' map phases."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from functools import cache

from marsad.analyse.lexicon import data, folded_set
from marsad.arabic import fold, sentences
from marsad.model import Article

WORD = re.compile(r"[^\W\d_]{2,}")
MAX_TERMS = 120  # the most frequent content words of the whole text an article keeps in its signature (with
# those of its headline and lead)
LEAD_SENTENCES = 2  # the sentences an article's own happening is told in first
OPENING_WORDS = 6  # the fewest words of the sentence an article opens its news with (a byline has fewer)
OPENING_SENTENCES = 8  # ... looked for among its first sentences
HAPPENING_DAYS = 31  # the most days before its publication an article's own happening is dated (older: background)
_PROCLITIC_ARTICLE = ("وال", "بال", "فال", "كال", "لل")


@cache
def _stop() -> frozenset[str]:
    """Words that say nothing of what happened: function words, speech verbs."""
    return folded_set("function_words", "words") | folded_set("speech_verbs", "verbs") | frozenset(
        fold(w) for w in data("speech_verbs")["complementisers"])


def term(word: str) -> str | None:
    """A content word's light stem: folded, a proclitic before the article and the article set aside
    (والوزير، بالوزير، الوزير -> وزير); None for a function word or one too short to tell."""
    f = fold(word)
    if f in _stop() or len(f) < 3:
        return None
    for p in _PROCLITIC_ARTICLE:
        if f.startswith(p) and len(f) > len(p) + 2:
            f = "ال" + f[len(p):] if p != "لل" else "ال" + f[2:]
            break
    if f.startswith("ال") and len(f) > 4:
        f = f[2:]
    return f if len(f) >= 3 and f not in _stop() else None


def terms(text: str) -> Counter[str]:
    return Counter(t for t in map(term, WORD.findall(text)) if t)


def _body_sentences(article: Article) -> Iterator[tuple[int, int]]:
    """The sentences of the article's body (after its headline and any subtitle or byline the cleaner kept as
    one: 3alyoum's «رواف الكويكبي _ عين اليوم»), or of its whole text when no paragraph is marked body."""
    body = [(p.start, p.end) for p in article.paragraphs if p.kind == "body"]
    return ((s, e) for s, e in sentences(article.text) if not body or any(a <= s < b for a, b in body))


def lead_end(article: Article) -> int:
    """Where the article's lead ends: its body's first LEAD_SENTENCES sentences."""
    ends = [end for _, end in itertools.islice(_body_sentences(article), LEAD_SENTENCES)]
    return ends[-1] if ends else 0


def _ahead(text: str) -> bool:
    """A date said to be ahead (31 ديسمبر المقبل): a deadline, not the day of the happening."""
    return any(fold(w) in folded_set("time_words", "future") for w in text.split())


def lead_date(article: Article, end: int) -> tuple[str | None, str | None, tuple[int, int] | None, bool]:
    """The date of the article's own happening, its precision and the sentence that gives it: the first date
    of a day its lead (ending at ``end``, :func:`lead_end`) states, in the headline or the body (not after its
    publication, nor more than HAPPENING_DAYS before it: «النهضة التي انطلقت في 23 يوليو 1970» is background),
    else a month its lead states (one that ends no more than HAPPENING_DAYS before), else its publication day
    and its opening sentence (:func:`opening`); and whether the lead stated it. A word that says «now» (الآن in
    «لم يتوصل حتى الآن»، حاليا) tells of a state of things, not the day of a happening: passed over."""
    if article.text:
        headline = article.paragraphs[0].end if article.paragraphs and article.paragraphs[0].kind == "title" else 0
        subtitles = [(p.start, p.end) for p in article.paragraphs[1:] if p.kind != "body" and p.end <= end]
        now = folded_set("time_words", "present")
        stated = [t for t in article.times if t.start < end and t.value and not _ahead(t.text)
                  and fold(t.text) not in now and (not article.published or _recent(t.value, article.published))
                  and (t.start < headline or not any(a <= t.start < b for a, b in subtitles))]
        for precision in ("day", "month"):
            for t in stated:
                if t.precision == precision:
                    sentence = next(((a, b) for a, b in sentences(article.text) if a <= t.start < b), None)
                    return t.value, precision, sentence or opening(article), True
    return article.published, "day" if article.published else None, opening(article), False


def opening(article: Article) -> tuple[int, int] | None:
    """The sentence an article opens its news with: the first of its body of OPENING_WORDS words or more (a
    byline in the body has fewer), else the first of its body, else its first."""
    spans = list(itertools.islice(_body_sentences(article), OPENING_SENTENCES)) if article.text else []
    return next(((s, e) for s, e in spans if len(article.text[s:e].split()) >= OPENING_WORDS),
                spans[0] if spans else next(sentences(article.text), None) if article.text else None)


def _recent(value: str, published: str) -> bool:
    """A date (of a day, month or year) that can be the day of a happening published on ``published``: it
    begins by then and ends at most HAPPENING_DAYS before."""
    first, last = days_of(value)
    day = day_of(published).toordinal()
    return first <= day and day - last <= HAPPENING_DAYS


def day_of(value: str) -> dt.date:
    """A date of any precision as a day (a month's or year's first; the first century's «0000», a year no
    calendar of Python's has, as the year 1)."""
    return dt.date(max(1, int(value[:4])), int(value[5:7] or 1), int(value[8:10] or 1))


def days_of(value: str) -> tuple[int, int]:
    """The first and last day of a date of a day, a month or a year, as ordinals."""
    first = day_of(value)
    if len(value) >= 10:
        last = first
    elif len(value) >= 7:
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    else:
        last = first.replace(month=12, day=31)
    return first.toordinal(), last.toordinal()


def article_features(article: Article, lead_weight: float) -> dict[str, object]:
    """The signature of stories and events: content words (the title's counted twice; each word's share of the
    whole text, plus ``lead_weight`` times its share of the headline and lead) and those of the headline and lead,
    names, dates (the event's with its precision and the sentence that gives it)."""
    title = terms(article.title or "")
    end = lead_end(article)  # a sentence's end: no word is cut there
    opening_words = terms(article.text[:end])
    words = dict((opening_words + terms(article.text[end:]) + title + title).most_common(MAX_TERMS))
    names = Counter(fold(m.name or m.text) for m in article.entities if m.type in ("PER", "ORG", "LOC"))
    lead = title + opening_words
    event_date, precision, sentence, stated = lead_date(article, end)
    return {
        "terms": _shares(words, lead, lead_weight),
        "lead": dict(lead),
        "names": dict(names),
        # when it was published, else the day it tells of, else the latest date it names (an undated page is
        # placed near the time it speaks of)
        "date": article.published or event_date or max((t.value for t in article.times if t.value), default=None),
        "event_date": event_date,
        "event_precision": precision,
        "stated": stated,  # the lead states the event's date (else it is the publication day, if any)
        "sentence": list(sentence) if sentence else None,
        "outlet": article.outlet,
    }


def _shares(words: Mapping[str, int], lead: Mapping[str, int], weight: float) -> dict[str, float]:
    total, in_lead = sum(words.values()) or 1, sum(lead.values()) or 1
    out = {t: n / total for t, n in words.items()}
    for t, n in lead.items() if weight else ():
        out[t] = out.get(t, 0.0) + weight * n / in_lead
    return out


def idf(df: Mapping[str, int], n: int, prior: Mapping[str, int] | None = None, prior_n: int = 0,
        prior_weight: float = 0.0) -> Callable[[str], float]:
    """Inverse document frequency from counts, smoothed as scikit-learn's: log((n + 1) / (df + 1)) + 1 (1 for a
    word in every article, log(n + 1) + 1 for one never counted); a prior corpus's counts (``prior``, of
    ``prior_n`` articles) added as if it were ``prior_weight`` articles (n and df then count them too). A count
    above n (the stories step counts a name that is also a word twice) weighs less than 1, never 0 or less."""
    scale = prior_weight / prior_n if prior and prior_n else 0.0
    total = n + scale * prior_n + 1

    def weight(word: str) -> float:
        return math.log(total / (df.get(word, 0) + (scale * prior.get(word, 0) if prior and scale else 0.0) + 1)) + 1
    return weight
