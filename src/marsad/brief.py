"""The morning brief: the stories of a run (or since a date), most important first, each with its summary,
who said what, what is disputed and what is new, and a way to open it. One function gives it as data
(:func:`brief`, the JSON of ``marsad brief --format json`` and of the web page ``/.json``); :func:`render`
writes it for a terminal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marsad.arabic import fold
from marsad.store import Store

STORIES = 12  # stories in a brief unless asked for more
QUOTES = 4  # who said what: the most quotes shown per story (one per speaker first)
QUOTE_CHARS = 240  # a quote longer than this is shown cut (its offsets still span the whole)


def brief(store: Store, since: str | None = None, limit: int = STORIES) -> dict[str, Any]:
    """The stories with articles of the latest run (``since``: with articles published on or after that day,
    YYYY-MM-DD), most important first: the most distinct outlets (a copy counts for its original's outlet),
    then the most articles new in the window, then the most recent. Each with what is new (its articles and
    events in the window), its summary, who said what, its disagreements."""
    window = store.brief_window(since)
    stories = []
    for story, new in store.stories_touched(window).items():
        record = store.story_record(story)
        if record is None:
            continue
        new_events = [e for e in record["events"] if e["articles"] and set(e["articles"]) <= new]
        stories.append({
            "id": record["id"], "title": record["title"], "outlets": record["outlets"],
            "articles": len(record["articles"]), "first": record["first"], "last": record["last"],
            "first_reported": record["first_reported"],
            "new": {"articles": len(new), "events": [{"id": e["id"], "date": e["date"], "precision": e["precision"],
                                                      "title": e["title"]} for e in new_events]},
            "members": [a["article"] for a in record["articles"]],
        })
    stories.sort(key=lambda s: s["id"])
    stories.sort(key=lambda s: (s["outlets"], s["new"]["articles"], s["last"] or ""), reverse=True)
    shown = stories[:limit]
    for s in shown:  # what is read story by story, for the stories shown only
        s["summary"], s["disagreements"] = store.digest_of(s["id"])
        s["quotes"] = _quotes(store, s.pop("members"))
    return {"window": window, "stories": shown, "more": max(0, len(stories) - limit)}


def _quotes(store: Store, articles: Iterable[str]) -> list[dict[str, Any]]:
    """Who said what in a story: quotes with a named speaker, one per speaker first, none said twice."""
    seen_text: set[str] = set()
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for q in store.story_quotes(list(articles)):
        key = fold(q["text"])[:80]
        if key in seen_text:
            continue
        seen_text.add(key)
        by_speaker.setdefault(fold(q["speaker"]), []).append(q)
    out: list[dict[str, Any]] = []
    for rank in range(QUOTES):
        for quotes in by_speaker.values():
            if len(out) < QUOTES and rank < len(quotes):
                out.append(quotes[rank])
    return out


# a counted noun's forms: one, two, 3 to 10, 11 to 99 (and the hundreds' own: مئة مقال)
ARTICLE = ("مقال واحد", "مقالان", "مقالات", "مقالاً", "مقال")
EVENT = ("حدث واحد", "حدثان", "أحداث", "حدثاً", "حدث")
STORY = ("قصة واحدة", "قصتان", "قصص", "قصة", "قصة")
SOURCE = ("مصدر واحد", "مصدران", "مصادر", "مصدراً", "مصدر")
NOUNS = {"article": ARTICLE, "event": EVENT, "story": STORY, "source": SOURCE,  # an outlet is a source (مصدر)
         "result": ("نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة", "نتيجة"),
         "time": ("مرة واحدة", "مرتان", "مرات", "مرة", "مرة"),
         "item": ("عنصر واحد", "عنصران", "عناصر", "عنصراً", "عنصر"),
         "file": ("ملف واحد", "ملفان", "ملفات", "ملفاً", "ملف")}
UNNAMED_OUTLET = "ناشر غير معروف"  # a page read from a .txt file names no outlet («مصدر غير مسمى» reads as an
# anonymous source)


def counted(n: int, noun: str) -> str:
    """A number with a noun of :data:`NOUNS` as Arabic agrees them (the web reader's pages say it so too)."""
    return _counted(n, NOUNS[noun])


def _counted(n: int, forms: tuple[str, str, str, str, str]) -> str:
    """A number with its counted noun as Arabic agrees them (3 مقالات، 11 مقالاً، 100 مقال، مقالان)."""
    one, two, few, many, hundreds = forms
    if n == 1:
        return one
    if n == 2:
        return two
    rest = n % 100
    return f"{n} {few if 3 <= rest <= 10 else many if rest >= 11 else hundreds}"


def render(data: dict[str, Any]) -> str:
    """The brief as text for a terminal, in Arabic, each story with the command that opens it."""
    window = data["window"]
    head = (f"الموجز: القصص التي وصلتها مقالات منذ {window['since']}" if window.get("since")
            else "الموجز: قصص التشغيل الأخير" if window.get("run") else "الموجز: كل القصص")
    lines = [head, ""]
    if not data["stories"]:
        lines.append("لا قصص جديدة." + (f" لقصص آخر يوم مخزّن: marsad brief --since {window['latest']}"
                                          if window.get("latest") else ""))
    for n, s in enumerate(data["stories"], 1):
        first = s["first_reported"] or {}
        who = first.get("outlet") or UNNAMED_OUTLET
        lines.append(f"{n}. {s['title'] or '(بلا عنوان)'}")
        outlets = f"، {_counted(s['outlets'], SOURCE)}" if s["outlets"] else ""
        lines.append(f"   {_counted(s['articles'], ARTICLE)}{outlets}؛ جديد: {_counted(s['new']['articles'], ARTICLE)}"
                     + (f"، {_counted(len(s['new']['events']), EVENT)}" if s["new"]["events"] else "")
                     + (f"؛ أول من نشر: {who} {first.get('published') or ''}".rstrip()))
        for item in s["summary"]:
            lines.append(f"   • {item['text']}" + (f" ({item['outlet']})" if item.get("outlet") else ""))
        for q in s["quotes"]:
            text = q["text"] if len(q["text"]) <= QUOTE_CHARS else q["text"][:QUOTE_CHARS] + "…"
            lines.append(f"   {q['speaker']}: «{text}»")
        for d in s["disagreements"]:
            sides = " ⟷ ".join("؛ ".join(f"{c['text']}" + (f" ({c['speaker']})" if c.get("speaker") else "")
                                         for c in d["claims"] if c.get("side", 0) == side)
                               for side in (0, 1))
            lines.append(f"   خلاف ({d['detail']}): {sides}")
        lines.append(f"   marsad timeline {s['id']}")
        lines.append("")
    if data["more"]:
        lines.append(f"... و{_counted(data['more'], STORY)} أخرى (--limit)")
    return "\n".join(lines).rstrip() + "\n"
