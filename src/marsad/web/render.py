"""What the pages draw from the data: text with its annotations highlighted (every piece escaped, direction
controls shown rather than obeyed), dates in Arabic, the timeline chart's geometry."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from marsad.langdata import load

# characters that change the direction of the text after them (embeddings, overrides, isolates): text from an
# article is shown with each one as a visible code, so it cannot reorder what the page shows around it. The
# marks (LRM, RLM, ALM) only nudge neutral characters and stay.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
OUTLETS_SHOWN = 8  # the timeline's rows of articles: this many outlets, the others together
LANE_TOP, LANE_H = 22, 24  # the timeline's first row of events, and each row's height (events on one day stack)
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


def neutral(text: str) -> str:
    """``text`` with each direction control replaced by its code point, visible (``‹U+202E›``)."""
    return BIDI_CONTROLS.sub(lambda m: f"\u2039U+{ord(m.group()):04X}\u203a", text)


def shown(text: str | None) -> Markup:
    """Text from an article as HTML: escaped, direction controls made visible."""
    return escape(neutral(text or ""))


def safe_url(url: str | None) -> str | None:
    """A link to the original only for http(s) addresses (never ``javascript:`` or ``data:``)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


# dates


@cache
def _months() -> dict[int, str]:
    return {int(n): names[0] for n, names in load("arabic", "calendar")["gregorian_months"].items()}


def arabic_date(value: str | None, precision: str | None = None) -> str:
    """``2021-12-10`` -> ``10 ديسمبر 2021``; a month (``2021-12`` or precision ``month``) -> ``ديسمبر 2021``."""
    if not value:
        return ""
    parts = value.split("-")
    try:
        if len(parts) >= 2:
            month = _months()[int(parts[1])]
            if len(parts) == 2 or precision == "month":
                return f"{month} {parts[0]}"
            return f"{int(parts[2])} {month} {parts[0]}"
    except (KeyError, ValueError):
        pass
    return value


# highlighted text


@dataclass(frozen=True)
class Span:
    """An annotation to draw: its layer (quote, entity, time, figure), span, CSS class, link and hover text."""

    layer: str
    start: int
    end: int
    cls: str
    href: str | None = None
    title: str | None = None
    ident: str | None = None  # the element's id (the first piece only)


LAYERS = ("target", "quote", "entity", "time", "figure", "hit")  # outermost first


def paragraphs(text: str, paras: Sequence[Mapping[str, Any]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph; from the text's lines when the article has none recorded."""
    if paras:
        return [(p["start"], p["end"], p.get("kind") or "body") for p in paras]
    return [(m.start(), m.end(), "body") for m in re.finditer(r"[^\n]+", text)]


def highlighted(text: str, start: int, end: int, spans: Iterable[Span]) -> Markup:
    """``text[start:end]`` as HTML with every span that falls in it drawn: cut at every span's ends, each piece
    wrapped in the spans over it, outermost layer first. Links never nest: a piece under two linking spans
    links the outer one only."""
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(start, min(end, x)) for s in inside for x in (s.start, s.end))})
    order = {layer: k for k, layer in enumerate(LAYERS)}
    out: list[str] = []
    opened: set[Span] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        piece = str(shown(text[a:b]))
        over = sorted((s for s in inside if s.start <= a and s.end >= b), key=lambda s: (order[s.layer], s.start))
        linked = False
        for s in reversed(over):  # innermost first, so the outer wraps it
            attrs = [f'class="{escape(s.cls)}"']
            if s.title:
                attrs.append(f'title="{escape(neutral(s.title))}"')
            if s.ident and s not in opened and s.start >= a:
                attrs.append(f'id="{escape(s.ident)}"')
                opened.add(s)
            outer_links = any(o.href for o in over[:over.index(s)])
            if s.href and not outer_links and not linked:
                piece = f'<a href="{escape(s.href)}" {" ".join(attrs)}>{piece}</a>'
                linked = True
            else:
                piece = f'<span {" ".join(attrs)}>{piece}</span>'
        out.append(piece)
    return Markup("".join(out))


def article_spans(record: Mapping[str, Any], target: tuple[int, int] | None = None) -> list[Span]:
    """The spans of an article page's data (:func:`marsad.web.pages.article_page`): entities link to their
    entity's page (or a search for the name when no entity was linked), times and figures to their line in the
    lists below the text; a quote is marked (its speaker on hover), the names in it stay links. ``target``: a
    passage another page pointed to (a summary's sentence, a claim)."""
    spans: list[Span] = [Span("target", *target, "target", None, None, "mark")] if target else []
    for k, q in enumerate(record["quotes"]):
        spans.append(Span("quote", q["start"], q["end"], f"hl q q-{q['kind']}", None,
                          f"{q.get('speaker') or '؟'}", f"q{k}"))
    for k, (m, ent) in enumerate(zip(record["mentions"], record["mention_entities"], strict=True)):
        href = f"/entities/{quote(ent, safe='')}" if ent else f"/search?q={quote(chr(34) + m['text'] + chr(34))}"
        kind = m["type"] if m["type"] in ENTITY_TYPES else "MISC"
        spans.append(Span("entity", m["start"], m["end"], f"hl ent ent-{kind}", href,
                          f"{m.get('name') or m['text']} ({kind})", f"m{k}"))
    for k, t in enumerate(record["times"]):
        spans.append(Span("time", t["start"], t["end"], "hl tm", f"#time-{k}",
                          f"{t.get('value') or '?'} ({t.get('precision')})", f"t{k}"))
    for k, f in enumerate(record["figures"]):
        value = f.get("value")
        shown_value = "?" if value is None else f"{value:g}"
        if f.get("value_max") is not None:
            shown_value += f"–{f['value_max']:g}"
        spans.append(Span("figure", f["start"], f["end"], "hl fg", f"#figure-{k}",
                          f"{shown_value} {f.get('unit') or ''}".strip(), f"f{k}"))
    return spans


def marked(text: str, start: int, end: int, marks: Sequence[Mapping[str, int]]) -> Markup:
    """``text[start:end]`` with the search matches (offsets into ``text``) in ``<mark>``."""
    return highlighted(text, start, end, [Span("hit", m["start"], m["end"], "hit") for m in marks])


def snippet_html(passage: Mapping[str, Any]) -> Markup:
    """A passage (a snippet or a quote: its ``text``, its ``start`` in the article and ``highlights`` as offsets
    into the article) with its highlights marked."""
    text, start = passage.get("text") or "", passage.get("start") or 0
    marks = [{"start": h["start"] - start, "end": h["end"] - start} for h in passage.get("highlights") or []]
    return marked(text, 0, len(text), [m for m in marks if 0 <= m["start"] < m["end"] <= len(text)])


# the timeline chart


@dataclass
class Chart:
    """The story's timeline as shapes in a ``width`` x ``height`` box, time running right to left."""

    width: int
    height: int
    events: list[dict[str, Any]] = field(default_factory=list)  # each: n, x (centre) or x0/x1 (a month), title
    ticks: list[dict[str, Any]] = field(default_factory=list)  # x, label
    rows: list[dict[str, Any]] = field(default_factory=list)  # outlet, y, bars: [{x, h, n, day}]
    axis_y: int = 0
    lane_y: int = 0
    left: int = 0
    right: int = 0
    undated_events: int = 0
    undated_articles: int = 0


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _month_span(value: str) -> tuple[dt.date, dt.date] | None:
    try:
        y, m = int(value[:4]), int(value[5:7])
        first = dt.date(y, m, 1)
    except ValueError:
        return None
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def timeline(story: Mapping[str, Any], width: int = 760) -> Chart | None:
    """The chart of a story record: each event on a date axis (a day as a dot, a month-precision event as a
    band over its month), numbered as in the list of events; beneath, the articles of each day, one row per
    outlet. None when nothing in the story has a date."""
    spans: list[tuple[int, dt.date, dt.date, str]] = []
    undated_events = 0
    for n, e in enumerate(story.get("events") or [], 1):
        value, precision = e.get("date"), e.get("precision")
        if value and (precision == "month" or len(value) == 7):
            got = _month_span(value)
            if got:
                spans.append((n, got[0], got[1], "month"))
                continue
        day = _day(value)
        if day:
            spans.append((n, day, day, "day"))
        else:
            undated_events += 1
    per_day: Counter[tuple[str, dt.date]] = Counter()
    undated_articles = 0
    for a in story.get("articles") or []:
        day = _day(a.get("published"))
        if day is None:
            undated_articles += 1
            continue
        per_day[(a.get("outlet") or "", day)] += 1
    days = [d for _, a, b, _ in spans for d in (a, b)] + [d for _, d in per_day]
    if not days:
        return None
    lo, hi = min(days), max(days)
    if lo == hi:
        lo, hi = lo - dt.timedelta(days=1), hi + dt.timedelta(days=1)
    outlets: Counter[str] = Counter()
    for (o, _), n in per_day.items():
        outlets[o] += n
    named = [o for o, _ in outlets.most_common(OUTLETS_SHOWN)]
    rows_of = {o: (o if o in named else "\0others") for o in outlets}
    row_names = named + (["\0others"] if len(outlets) > len(named) else [])
    left, right = 16, width - 130  # the right margin holds the outlets' names
    span_days = (hi - lo).days or 1

    def x(d: dt.date, end: bool = False) -> float:
        return right - ((d - lo).days + (1 if end else 0)) / (span_days + 1) * (right - left)

    shapes: list[dict[str, Any]] = []
    for n, a, b, kind in spans:
        if kind == "month":
            x0, x1 = x(b, end=True), x(a)
            shapes.append({"n": n, "kind": "month", "x0": round(x0, 1), "w": round(x1 - x0, 1),
                           "cx": round((x0 + x1) / 2, 1), "label": arabic_date(a.isoformat()[:7])})
        else:
            cx = (x(a) + x(a, end=True)) / 2
            shapes.append({"n": n, "kind": "day", "cx": round(cx, 1), "x0": round(cx - 8, 1), "w": 16,
                           "label": arabic_date(a.isoformat())})
    levels: list[float] = []  # the left end of what each level holds so far (shapes placed right to left)
    for shape in sorted(shapes, key=lambda sh: -(sh["x0"] + sh["w"])):
        right_end = shape["x0"] + shape["w"] + 4
        level = next((k for k, edge in enumerate(levels) if right_end <= edge), len(levels))
        if level == len(levels):
            levels.append(shape["x0"])
        else:
            levels[level] = shape["x0"]
        shape["y"] = LANE_TOP + level * LANE_H
    lane_y = LANE_TOP
    axis_y = LANE_TOP + max(1, len(levels)) * LANE_H
    chart = Chart(width, 0, left=left, right=right, lane_y=lane_y, axis_y=axis_y, undated_events=undated_events,
                  undated_articles=undated_articles, events=sorted(shapes, key=lambda sh: sh["n"]))
    for d in _ticks(lo, hi):
        chart.ticks.append({"x": round((x(d) + x(d, end=True)) / 2, 1), "label": arabic_date(d.isoformat())})
    top = axis_y + 36
    most = max(per_day.values(), default=1)
    row_h = 26
    for r, name in enumerate(row_names):
        y = top + r * row_h
        bars = []
        counts: Counter[dt.date] = Counter()
        for (o, d), n in per_day.items():
            if rows_of[o] == name:
                counts[d] += n
        for d, n in sorted(counts.items()):
            x0, x1 = x(d, end=True), x(d)
            h = max(3.0, (row_h - 6) * n / most)
            bars.append({"x": round(x0 + 0.5, 1), "w": round(max(2.0, x1 - x0 - 1), 1),
                         "y": round(y + row_h - 4 - h, 1), "h": round(h, 1), "n": n, "day": arabic_date(d.isoformat())})
        chart.rows.append({"outlet": None if name == "\0others" else (name or None), "others": name == "\0others",
                           "y": y, "base": y + row_h - 4, "bars": bars})
    chart.height = top + len(row_names) * row_h + 10
    return chart


def _ticks(lo: dt.date, hi: dt.date, most: int = 6) -> list[dt.date]:
    """At most ``most`` days to label: every day, week or month start, or every few months, as the span needs."""
    days = (hi - lo).days
    if days <= most:
        return [lo + dt.timedelta(days=k) for k in range(days + 1)]
    if days <= 7 * most:
        step = max(1, -(-days // most))
        return [lo + dt.timedelta(days=k) for k in range(0, days + 1, step)]
    months = []
    d = dt.date(lo.year, lo.month, 1)
    while d <= hi:
        if d >= lo:
            months.append(d)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    step = max(1, -(-len(months) // most))
    return months[::step] or [lo]
