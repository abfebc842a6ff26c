"""Central types. Plain dataclasses, no I/O.

Every annotation points into ``Article.text`` by ``start``/``end`` (Python string
offsets); text is never copied into an annotation except as a display cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    kind: str = "body"  # body | title | caption | embedded_post
    platform: str | None = None
    author: str | None = None
    handle: str | None = None
    date: str | None = None

    def record(self) -> dict[str, object]:
        """As exported and stored: the post's fields only on an embedded post."""
        if self.kind != "embedded_post":
            return {"start": self.start, "end": self.end, "kind": self.kind}
        return {"start": self.start, "end": self.end, "kind": self.kind, "platform": self.platform,
                "author": self.author, "handle": self.handle, "date": self.date}


@dataclass(slots=True)
class Removed:
    text: str
    reason: str

    def record(self) -> dict[str, object]:
        return {"text": self.text, "reason": self.reason}


@dataclass(slots=True)
class Mention:
    """A named-entity mention. ``role`` is a title or office attached to a person."""

    start: int
    end: int
    type: str
    text: str
    role: str | None = None
    role_start: int | None = None
    role_end: int | None = None
    source: str = "model"
    name: str | None = None  # the mention without proclitics, article restored: للتحالف الدولي -> التحالف الدولي


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    kind: str  # direct | partial | indirect
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: str | None = None  # person | role | organisation | anonymous | embedded_post | carried
    text: str = ""


@dataclass(slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY (a year, or a decade's or century's first: 1960, 1800)
    precision: str  # day | week | month | year | decade | century
    anchor: str  # absolute | published | <other anchor description>
    relative: bool = False


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    text: str
    value: float | None
    value_max: float | None = None
    approx: str | None = None  # نحو / أكثر من / ...
    unit: str | None = None
    unit_start: int | None = None
    unit_end: int | None = None


@dataclass(slots=True)
class Article:
    id: str
    source: str
    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_how: str | None = None  # given | header | byline | metadata | embedded_post | inferred
    published_window: tuple[str, str] | None = None
    published_evidence: str | None = None
    encoding: str | None = None
    raw: str = ""  # the page text before cleaning; dropped once cleaned
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

