"""Time expressions on the TimeML-annotated Arabic news (../shared/data/arabic_timeml_news), beside
dateparser's search_dates as a baseline in the same run. Extraction: a system span overlapping a gold
DATE/TIME span counts. Normalisation: exact value on matched gold dates whose text states its year
(the corpus gives no document dates, so relative values cannot be scored fairly).

Run: python -m eval.times
"""

from __future__ import annotations

import re
import warnings

from eval.common import PRF, SHARED
from marsad.analyse.times import find_hits, resolve

TIMEX = re.compile(r'<TIMEX3[^>]*type="(?P<type>\w+)"[^>]*value="(?P<value>[^"]*)"[^>]*>(?P<text>[^<]*)</TIMEX3>')


def documents():
    for path in sorted((SHARED / "data" / "arabic_timeml_news" / "docs").glob("*.tml")):
        raw = path.read_text("utf-8")
        body = re.sub(r"^.*?<TimeML>|</TimeML>.*$", "", raw, flags=re.S)
        text, gold, pos = [], [], 0
        for m in TIMEX.finditer(body):
            text.append(re.sub(r"<[^>]+>", "", body[pos:m.start()]))
            start = sum(map(len, text))
            text.append(m["text"])
            if m["type"] in ("DATE", "TIME"):
                gold.append((start, start + len(m["text"]), m["value"], m["text"]))
            pos = m.end()
        text.append(re.sub(r"<[^>]+>", "", body[pos:]))
        yield "".join(text), gold


def _overlaps(span, spans):
    return next((g for g in spans if span[0] < g[1] and g[0] < span[1]), None)


def evaluate() -> dict[str, float]:
    from dateparser.search import search_dates

    ours, base = PRF(), PRF()
    exact = total = 0
    for text, gold in documents():
        hits = find_hits(text)
        spans = [(h.start, h.end) for h in hits]
        for h in hits:
            g = _overlaps((h.start, h.end), gold)
            ours.tp += g is not None
            ours.fp += g is None
            if g and re.search(r"\d{4}", g[3]) and re.fullmatch(r"\d{4}(-\d\d){0,2}", g[2]):
                total += 1
                t = resolve(text, h, None, "unresolved")
                exact += bool(t and t.value == g[2])
        ours.fn += sum(_overlaps(g[:2], spans) is None for g in gold)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(text, languages=["ar"]) or []
        bspans, at = [], 0
        for s, _ in found:
            i = text.find(s, at)
            if i >= 0:
                bspans.append((i, i + len(s)))
                at = i + len(s)
        for sp in bspans:
            g = _overlaps(sp, gold)
            base.tp += g is not None
            base.fp += g is None
        base.fn += sum(_overlaps(g[:2], bspans) is None for g in gold)
    print(f"time extraction, marsad:                 {ours.row()}")
    print(f"time extraction, dateparser search_dates: {base.row()}")
    print(f"normalisation, gold dates stating a year: {exact}/{total} exact")
    return {"times.extraction_precision": ours.precision, "times.extraction_recall": ours.recall,
            "times.absolute_value_accuracy": exact / total if total else 0.0}


if __name__ == "__main__":
    evaluate()
