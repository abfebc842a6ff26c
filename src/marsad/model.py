"""Central types. Plain dataclasses, no I/O.

Every annotation points into ``Article.text`` by ``start``/``end`` (Python string
offsets); text is never copied into an annotation except as a display cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


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
    """One article: what was read, the cleaned text as published, and every annotation on it. Its fields are
    described here once: the store's columns, the export's records and the documented schema follow them."""

    id: str
    source: str
    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    title_how: str | None = None  # given | metadata | header
    published: str | None = None  # YYYY-MM-DD
    # given | metadata (a page's markup) | visible (a page's date line) | header | dateline | stated | embedded_post
    # | inferred
    published_how: str | None = None
    published_window: tuple[str, str] | None = None
    published_evidence: str | None = None
    dateline_place: str | None = None  # where the report was filed from, as its dateline says (الرباط)
    dateline_agency: str | None = None  # the agency or outlet the dateline credits (و م ع، رويترز)
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)  # what reading mended or dropped (coded, see errors.py)
    steps: dict[str, int] = field(default_factory=dict)  # the version of each step that made this record
    # the page text before cleaning: kept in the store so a new cleaner can clean it again; not exported
    raw: str = field(default="", metadata={"exported": False})
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


# annotation key (an Article field, the export's key and the store's table) -> its record type
ANNOTATIONS: dict[str, type] = {"entities": Mention, "quotes": Quote, "times": TimeExpression, "figures": Figure}
# fields holding a list of records of their own kind, stored and exported as JSON inside the article
NESTED: dict[str, type] = {"paragraphs": Paragraph, "removed": Removed}
# an article's own fields (the store's columns), and those exported (all but the raw page)
ARTICLE_FIELDS = tuple(f.name for f in fields(Article) if f.name not in ANNOTATIONS)
EXPORTED_FIELDS = tuple(f.name for f in fields(Article)
                        if f.name not in ANNOTATIONS and f.metadata.get("exported", True))


def annotation_fields(key: str) -> tuple[str, ...]:
    return tuple(f.name for f in fields(ANNOTATIONS[key]))


def article_record(a: Article, names: tuple[str, ...] = EXPORTED_FIELDS) -> dict[str, object]:
    """An article's own fields as plain data (lists and dicts for the nested ones), as exported and stored."""
    rec: dict[str, object] = {}
    for name in names:
        value = getattr(a, name)
        if name in NESTED:
            value = [item.record() for item in value]
        elif name == "published_window":
            value = list(value) if value else None
        rec[name] = value
    return rec


def article_from_record(rec: dict[str, object]) -> Article:
    """The inverse of :func:`article_record` (annotations are added by the caller)."""
    values = dict(rec)
    for name, kind in NESTED.items():
        values[name] = [kind(**item) for item in values.get(name) or []]  # type: ignore[attr-defined]
    window = values.get("published_window")
    values["published_window"] = tuple(window) if window else None  # type: ignore[arg-type]
    return Article(**values)  # type: ignore[arg-type]
