"""Entities across articles: one entity per real-world person, organisation or place, whatever the articles
call it (the full name, the family name alone, with or without a title, with proclitics, in another spelling,
in Latin script), never one for two that share a family name or a word.

- map (``signature``): an article's mentions gathered into the things it names, each with its forms (the
  normalised name words: titles set aside, عبد الله = عبدالله, a body's class word apart, نادي الهلال =
  الهلال, a name in quotation marks a newspaper's: «الشرق الأوسط»), its fullest form, its mentions and the roles
  it is given. Inside one article a family name alone joins the one person of the article with that family
  name (never when two have it), a short form of a body the one body of the article it abridges; a name in
  Latin script (an embedded post's author) the Arabic name it transliterates (:mod:`marsad.link.translit`).
  What the per-article tagger got wrong is mended where the article shows it: a run-on of two names split
  (الجبير وكيري, سراج الدين حقاني نجل جلال الدين حقاني), a first letter taken for a proclitic given back
  (زارة -> وزارة), a given name left out before a name noted (علي before عبدالله صالح).
- reduce: the articles in the order they were published, each thing joining the entity it names or founding
  one. A name of two words or more (or a titled given name, الملك سلمان) is looked up among all entities: the
  same name, or one that is part of the other (محمد بن لادن and محمد بن عوض بن لادن: the same first and last
  names; محمد بن نايف, the beginning of محمد بن نايف بن عبدالعزيز), when exactly one entity fits or those that
  fit are one. A family name alone, a given name alone and a short form that several bodies share (التحالف)
  are looked up only among the entities of the article's story (its neighbourhood, :mod:`marsad.link.stories`)
  and join the one that fits; otherwise they stay an entity of that story, and the full name that comes later
  in the story takes them in.
- apply: the entities written back; each mention points to its entity. An entity's id never changes: when an
  article shows two to be one, the younger is merged into the older and its id kept as an alias.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from marsad.analyse.lexicon import folded_set, proper_nouns
from marsad.analyse.names import family_names, given_names, place_names
from marsad.arabic import fold, normalize_hamza_seats, proclitic_readings, tokens
from marsad.arabic.calendar import month_names, weekday_names
from marsad.langdata import load
from marsad.link import translit
from marsad.link.base import CorpusStep
from marsad.model import Article

TYPES = ("PER", "ORG", "LOC")
MAX_NAME_WORDS = 8  # a mention of more words is no name (a tagger's run-on)
QUOTED = "«"  # the class of a body's name written in quotation marks: a title (a newspaper, a channel)
CONJUNCT = "+"  # marks a body's word joined by و (الأرصاد وحماية البيئة): a name of two bodies, or of one
COMMON_SHARE = 0.2  # an entity's name is among the forms used at least this share as often as its most used one
MAX_PERSON_WORDS = 5  # a person's name has at most this many names (بن aside): محمد بن نايف بن عبدالعزيز آل سعود
BODY_PART_WORDS = 3  # a body's other name is part of a longer one with at least this many words to stand for it
SPELLING_MIN = 3  # letters a word keeps without its vowel letters, at least, to be compared by spelling
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


# -- language data ---------------------------------------------------------------------------------------


def _data() -> dict[str, Any]:
    return load("link", "entities")


def _norm(word: str) -> str:
    """A word as names are compared: folded, hamza seats as their letters (رؤوبين = رووبين)."""
    return normalize_hamza_seats(fold(word)).replace("ء", "")


@cache
def _titles() -> frozenset[str]:
    words = {_norm(w) for w in _data()["person_titles"]}
    for key in ("honorifics", "role_heads", "person_descriptors"):
        words |= {_norm(w) for w in folded_set("titles", key) if " " not in w}
    return frozenset(words)


@cache
def _joined() -> frozenset[str]:
    return frozenset(_norm(w) for w in _data()["joined_prefixes"])


@cache
def _patronymics() -> frozenset[str]:
    return frozenset(_norm(w) for w in _data()["patronymics"])


@cache
def _suffixes() -> frozenset[str]:
    return frozenset(_norm(w) for w in _data()["joined_suffixes"])


@cache
def _kin() -> frozenset[str]:
    return frozenset(_norm(w) for w in _data()["kin_words"] if " " not in w)


@cache
def _calendar() -> frozenset[str]:
    return frozenset(month_names()) | frozenset(weekday_names())


@cache
def _arabic_names() -> frozenset[str]:
    """Arabic given and family names (pyarabic's lists): two of them are never one name spelled two ways."""
    return frozenset(_bare(w) for w, kind in proper_nouns().items() if kind in ("nom", "nasab"))


@cache
def _classes() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Class words (one or several words, folded, article set aside), longest first, each with its class (the
    first word of its group: فريق is of the class نادي)."""
    out = {tuple(_bare(_norm(w)) for w in c.split()): _bare(_norm(group[0].split()[0]))
           for group in _data()["class_words"] for c in group}
    return tuple(sorted(out.items(), key=lambda kv: len(kv[0]), reverse=True))


@cache
def _management() -> tuple[tuple[str, ...], ...]:
    """A body's management before its class word and name (إدارة النادي), folded, article set aside."""
    return tuple(sorted({tuple(_bare(_norm(w)) for w in x.split()) for x in _data()["management_words"]}, key=len,
                        reverse=True))


@cache
def _facilities() -> frozenset[str]:
    classes = dict(_classes())
    return frozenset(classes.get((w,), w) for w in (_bare(_norm(x)) for x in _data()["facility_classes"]))


@cache
def _quoted_classes() -> frozenset[str]:
    """The classes of the bodies whose names the news writes in quotation marks (صحيفة, جريدة: newspapers)."""
    classes = dict(_classes())
    return frozenset(classes.get((w,), w) for w in (_bare(_norm(x)) for x in _data()["quoted_classes"]))


@cache
def _generic() -> frozenset[str]:
    return frozenset(_bare(_norm(w)) for w in (*_data()["generic_words"], *folded_set("titles", "generic_modifiers")))


@cache
def _heads() -> frozenset[str]:
    """Words that stand alone for a body named in full elsewhere (التحالف, المجلس, المرصد): organisation heads
    and the abbreviating heads, article set aside."""
    return frozenset(_bare(_norm(w)) for w in (*folded_set("titles", "organisation_heads"),
                                                *_data()["abbreviating_heads"]) if " " not in w)


@cache
def _native() -> frozenset[str]:
    """Arabic given and family names (not the foreign names of ANETAC), article set aside."""
    return frozenset(_bare(w) for w in given_names(foreign=False) | family_names(foreign=False))


def _bare(word: str) -> str:
    """A word without its article (الجبير -> جبير); short words keep it (الله)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


# -- names -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A name as compared: its type, its words, and for a person the title before a lone given name (الملك
    سلمان), for a body its class word (منطقة, نادي); Latin-script names keep their Latin words."""

    type: str
    words: tuple[str, ...]
    title: str = ""
    cls: str = ""
    latin: bool = False

    @property
    def key(self) -> str:
        if self.type == "PER":
            return ("@" if self.latin else "") + (f"{self.title}~" if self.title else "") + " ".join(self.words)
        return f"{self.cls}|{' '.join(self.words)}"

    @property
    def first(self) -> str:
        return self.words[0]

    @property
    def last(self) -> str:
        return self.words[-1]

    @property
    def family(self) -> str | None:
        """A person's family name: the last word of a name of several, unless it names a father (بن نايف)."""
        if self.type != "PER" or len(self.words) < 2 or self.words[-2] in _patronymics():
            return None
        return self.last

    @property
    def core(self) -> tuple[str, ...]:
        """The words that tell a person apart: the patronymic links set aside."""
        return tuple(w for w in self.words if w not in _patronymics())


@lru_cache(maxsize=200_000)
def name_of(type_: str, key: str) -> Name:
    """The inverse of :attr:`Name.key`."""
    if type_ == "PER":
        latin = key.startswith("@")
        rest = key[1:] if latin else key
        title, _, words = rest.rpartition("~")
        return Name("PER", tuple(words.split()), title, latin=latin)
    cls, _, words = key.partition("|")
    return Name(type_, tuple(words.split()), cls=cls)


def parse(type_: str, text: str, quoted: bool = False) -> tuple[Name, int] | None:
    """A mention's name (its text without proclitics) as compared, and where in ``text`` the name starts
    (after the titles set aside); None when nothing of a name is left. A body or place ``quoted`` in the text
    («الشرق الأوسط») is the title of a newspaper, a channel, a programme: of the class :data:`QUOTED`."""
    toks = [t for t in tokens(text) if any(c.isalpha() for c in t.text)]
    if not toks or len(toks) > MAX_NAME_WORDS:
        return None
    if all(_LATIN_WORD.fullmatch(t.text) for t in toks):
        if type_ != "PER":
            return None
        latin = tuple(w for w in (translit.latin_key(t.text) for t in toks) if w)
        return (Name("PER", latin, latin=True), toks[0].start) if latin else None
    if any(t.text.isascii() for t in toks):
        return None
    kept = [(w, t.start) for t in toks if (w := _norm(t.text))]
    if not kept:
        return None
    words = [w for w, _ in kept]
    starts = [s for _, s in kept]
    if type_ == "PER":
        return _person(words, starts)
    parsed = _body(type_, words, starts)
    if parsed and quoted and not parsed[0].cls:
        return Name(type_, parsed[0].words, cls=QUOTED), parsed[1]
    return parsed


def _person(words: list[str], starts: list[int]) -> tuple[Name, int] | None:
    title = ""
    while len(words) > 1 and words[0] in _titles() and (words[0].startswith("ال") or words[0] not in _native()):
        title = _bare(words.pop(0))
        starts.pop(0)
    while len(words) > 1 and _descriptor(words[0]) and (len(words) > 2 or not _descriptor(words[1])):
        words.pop(0)  # الحرمين عبدالفتاح السيسي, المخلوع صالح: the end of a title or an epithet, no given name
        starts.pop(0)
    joined: list[str] = []
    k = 0
    while k < len(words):
        w = words[k]
        if w in _joined() and k + 1 < len(words):
            joined.append(w + words[k + 1])
            k += 2
            continue
        if w in _suffixes() and joined and joined[-1] not in _patronymics():
            joined[-1] += w  # صلاح الدين, one name
        else:
            joined.append(w)
        k += 1
    while len(joined) > 1 and joined[-1] in _patronymics():
        joined.pop()  # محمد بن, cut short
    if not joined or all(w in _patronymics() for w in joined):
        return None
    return Name("PER", tuple(joined), title if len(joined) == 1 else ""), starts[0]


def _descriptor(word: str) -> bool:
    """A word with the article (a proclitic on it allowed: للمخلوع) before a person's name that is no name: not
    a known given or family name, not a nisba (الجبير, الحوثي)."""
    for w in (word, *(r for _, r in proclitic_readings(word))):
        if w.startswith("ال") and w not in given_names() and w not in family_names() and not w.endswith("ي") \
                and _bare(w) not in _native():
            return True
    return False


def _body(type_: str, words: list[str], starts: list[int]) -> tuple[Name, int] | None:
    bare = [_bare(w[2:] if w.startswith("لل") and len(w) > 4 else w) for w in words]  # للأرسنال
    for lead in _management():
        n = len(lead)
        if tuple(bare[:n]) == lead and any(len(bare) > n + len(c) and tuple(bare[n:n + len(c)]) == c
                                           for c, _ in _classes()):
            bare, starts = bare[n:], starts[n:]  # إدارة النادي الأهلي: the club
            break
    cls = ""
    for c, group in _classes():
        if len(bare) > len(c) and tuple(bare[:len(c)]) == c:
            cls, bare = group, bare[len(c):]  # وكالة أنباء الأناضول: of the class وكالة, as وكالة الأناضول
            break
    while len(bare) > 1 and bare[-1] in _generic():
        bare = bare[:-1]
    out = [bare[0]]
    for w in bare[1:]:
        if w.startswith("لل") and len(w) >= 5:
            w = w[2:]
        elif w.startswith("وال") and len(w) >= 6:
            w = CONJUNCT + w[3:]
        elif w[0] == "و" and len(w) >= 4:
            w = CONJUNCT + w[1:]
        elif w[0] == "ل" and len(w) >= 4 and not w.startswith(("ال", "لا")):
            w = w[1:]
        out.append(w)
    for end in _data()["nisba_plurals"]:
        out = [w[:-len(end) + 1] if w.endswith(end) and len(w) - len(end) >= 3 else w for w in out]
    if len(out) == 1 and out[0].endswith("يه") and len(out[0]) >= 5:
        out = [out[0][:-1] + "ا"]  # سورية, سوريا
    return Name(type_, tuple(out), cls=cls), starts[0]


# -- when two names name one thing ---------------------------------------------------------------------------


def _spelling(word: str) -> str:
    """A foreign name's letters without its vowel letters, غ as ج (فينغر = فينجر, نتانياهو = نتنياهو)."""
    w = _bare(word).replace("غ", "ج")
    return w[:1] + "".join(c for c in w[1:] if c not in "اويهى")


def same_word(a: str, b: str, spelling: bool = True) -> bool:
    """Two words of persons' names that are one: equal, equal but for the article (الحمدي، حمدي), or two
    spellings of a name from outside the Arab world (never when one is an Arabic name: سعود is not سعد,
    محمود is not محمد)."""
    if a == b or _bare(a) == _bare(b):
        return True
    if not spelling:
        return False
    sa, sb = _spelling(a), _spelling(b)
    return sa == sb and len(sa) >= SPELLING_MIN and _bare(a) not in _arabic_names() \
        and _bare(b) not in _arabic_names()


def _subsequence(short: Sequence[str], long: Sequence[str], eq: Any) -> bool:
    k = 0
    for w in long:
        if k < len(short) and eq(short[k], w):
            k += 1
    return k == len(short)


def part_of_person(a: Name, b: Name) -> str | None:
    """How the person's name ``a`` (two words or more) is part of ``b``: 'same', 'inner' (the same first and
    last names, the other words among b's: محمد بن لادن, محمد بن عوض بن لادن), 'prefix' (b's first words:
    محمد بن نايف, محمد بن نايف بن عبدالعزيز); None when it is not. One word at most may differ by spelling."""
    x, y = a.core, b.core
    if len(x) < 2 or len(x) > len(y) or a.latin or b.latin:
        return None
    if not same_word(x[0], y[0]):
        return None
    if len(x) == len(y) and all(same_word(p, q) for p, q in zip(x, y, strict=True)):
        return "same" if sum(not same_word(p, q, False) for p, q in zip(x, y, strict=True)) <= 1 else None
    if not (same_word(x[0], y[0], False) or same_word(x[-1], y[-1], False)):
        return None  # both ends spelled differently: another person
    if same_word(x[-1], y[-1]) and _subsequence(x[1:-1], y[1:-1], same_word):
        return "inner"
    if all(same_word(p, q) for p, q in zip(x, y[:len(x)], strict=False)):
        return "prefix"
    return None


def _body_word(a: str, b: str) -> bool:
    """Two words of bodies' names that are one: equal, or a nisba and its noun (الخليجي، الخليج)."""
    return a == b or (len(a) >= 4 and len(b) >= 4 and (a == b + "ي" or b == a + "ي"))


def part_of_body(a: Name, b: Name) -> str | None:
    """How the body or place ``a`` is part of ``b``: 'same' (the same words, a class word on one side only:
    نادي الهلال, الهلال), 'part' (a's words among b's, beginning with b's first: مجلس الأمن, مجلس الأمن
    الدولي; not b's last words: التحالف الدولي is not قوات التحالف الدولي); None otherwise, or when their
    class words differ (المنطقة الشرقية, محافظة الشرقية), or when a names its class and b has none (نادي
    الاتحاد is not part of الاتحاد السعودي لكرة القدم)."""
    if a.cls and b.cls and a.cls != b.cls and not ({a.cls, b.cls} - {QUOTED}) <= _quoted_classes():
        return None
    plain = b if a.cls == QUOTED else a
    if (a.cls == QUOTED) != (b.cls == QUOTED) and plain.cls not in _quoted_classes() and (
            plain.cls or " ".join(plain.words) in _places()):
        return None  # «الشرق الأوسط» the newspaper is not الشرق الأوسط the region, nor وكالة أنباء الشرق الأوسط;
        # but “داعش” is داعش: a name of nothing else is the same in quotation marks or not
    if bool(a.cls) != bool(b.cls) and (a.cls or b.cls) in _facilities() and " ".join(
            a.words if a.cls else b.words) in _places():
        return None  # ميناء عدن is not عدن; مطار بلاكبوش is بلاكبوش
    x, y = a.words, b.words
    if len(x) == len(y) and all(_body_word(p, q) for p, q in zip(x, y, strict=True)):
        return "same"
    if len(x) >= len(y) or (a.cls not in ("", QUOTED) and not b.cls) or any(w.startswith(CONJUNCT) for w in (*x, *y)):
        return None  # a name with و in it may name two bodies (التحالف العربي والمقاومة): the same or none
    if len(x) == 1 and x[0] not in _heads():
        return None  # a name of one word is a name of its own (الهلال is not الهلال الأحمر), unless a head
    if _body_word(x[0], y[0]) and _subsequence(x[1:], y[1:], _body_word):
        return "part"
    return None


def part_of(a: Name, b: Name) -> str | None:
    if a.type != b.type and "PER" in (a.type, b.type):
        return None
    if a.type != b.type and part_of_body(a, b) != "same":
        return None  # a place and a body: only the same name (لندن tagged as either)
    return part_of_person(a, b) if a.type == "PER" else part_of_body(a, b)


def weak(n: Name) -> bool:
    """A name that alone cannot say which entity it is: a person's one word (a family or given name, not one
    with a title), a Latin name of one word, a body's head word alone (التحالف)."""
    if n.type == "PER":
        return len(n.core) < 2 and not n.title
    return len(n.words) == 1 and n.words[0] in _heads() and not n.cls


def _latin_matches(latin: Name, arabic: Name, near: bool = False) -> bool:
    """A Latin name (one word or more) and an Arabic one are one person: the last words transliterate each
    other, and the first words too when both have several. ``near``: the two are in one article (a post's
    author line and the article's name for them), where both words of a name matching is evidence enough at
    :data:`translit.MATCH_NEAR`."""
    if not arabic.core or arabic.latin:
        return False
    both = len(latin.words) > 1 and len(arabic.core) > 1
    bar = translit.MATCH_NEAR if near and both else translit.MATCH
    if translit.similarity(latin.words[-1], arabic.core[-1]) < bar:
        return False
    return not both or translit.similarity(latin.words[0], arabic.core[0]) >= bar


def _phonetic(word: str) -> str:
    """A coarse key for looking a Latin name up among Arabic ones: consonants only, letters Latin script
    writes alike merged."""
    groups = {"ص": "س", "ث": "س", "ط": "ت", "ض": "د", "ظ": "ز", "ذ": "ز", "ق": "ك", "غ": "ك", "ج": "ك",
              "خ": "ك", "ح": "", "ع": "", "ه": "", "ا": "", "و": "", "ي": "", "ى": ""}
    w = _bare(translit.arabic_key(word))
    return "".join(groups.get(c, c) for c in w)


# -- the map: an article's things ------------------------------------------------------------------------


@dataclass
class Local:
    """One thing an article names: its type, forms (key -> the form as written, proclitics and titles aside),
    its mentions (mention index or None for a name read from an embedded post, start, end, form, text) and
    roles (key -> as written)."""

    type: str
    full: Name
    forms: dict[str, str] = field(default_factory=dict)
    mentions: list[list[Any]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    ambiguous: bool = False  # a family name two persons of the article share: never joined to anyone
    before: set[str] = field(default_factory=set)  # a given name written just before every mention of its fullest
    # form (as written), which the tagger may have cut off

    def add(self, name: Name, display: str, mention: list[Any], role: str | None) -> None:
        self.forms.setdefault(name.key, display)
        self.mentions.append([*mention, name.key])
        if role:
            self.roles.setdefault(" ".join(fold(role).split()), role)
        if self.full.latin and not name.latin or not name.latin and _fuller(name, self.full):
            self.full = name

    def record(self) -> dict[str, Any]:
        return {"type": self.type, "full": self.full.key, "forms": self.forms, "mentions": self.mentions,
                "roles": self.roles, "ambiguous": self.ambiguous, "before": sorted(self.before)}


def _fuller(a: Name, b: Name) -> bool:
    return (len(a.core), len(a.words), bool(a.cls)) > (len(b.core), len(b.words), bool(b.cls))


@dataclass
class _Mention:
    idx: int | None
    start: int
    end: int
    type: str
    text: str  # as written in the article
    name: Name
    display: str  # the name as written, proclitics and titles aside
    role: str | None


def article_things(article: Article) -> list[Local]:
    """The things one article names, each with all its mentions (see the module's docstring)."""
    found: list[_Mention] = []
    others: list[_Mention] = []  # mentions of another type (MISC), kept if they name a person of the article
    for idx, m in enumerate(article.entities):
        if m.type not in TYPES:
            if len(m.text.split()) == 1 and (parsed := parse("PER", m.name or m.text)) is not None:
                others.append(_Mention(idx, m.start, m.end, "PER", m.text, parsed[0], m.name or m.text, None))
            continue
        type_ = "LOC" if m.type == "PER" and _place_not_person(m.name or m.text) else m.type
        start = _word_start(article.text, m.start, type_)
        base = article.text[start:m.end] if start < m.start else m.name or m.text
        quoted = 0 < start and m.end < len(article.text) and article.text[start - 1] in "«“\"" \
            and article.text[m.end] in "»”\""
        parsed = parse(type_, base, quoted)
        if parsed is None:
            continue
        name, offset = parsed
        found.append(_Mention(idx, start, m.end, type_, article.text[start:m.end], name, base[offset:],
                              _role(m.role)))
    found += _post_authors(article, found)
    things = _cluster(found)
    for other in others:  # الجبير tagged MISC beside عادل الجبير
        target = _person_target(other.name, things)
        if target is not None and target is not _AMBIGUOUS and len(target.full.core) >= 2:
            target.add(other.name, other.display, [other.idx, other.start, other.end, other.text], None)
    for t in things:
        if t.type == "PER" and len(t.full.core) >= 2 and not t.full.latin:
            written = [_given_before(article.text, m[1]) for m in t.mentions if m[4] == t.full.key]
            if written and len(set(written)) == 1 and written[0]:
                t.before = {written[0]}  # before every mention of it: علي عبدالله صالح as the tagger cut it
    return things


def _place_not_person(text: str) -> bool:
    """A person's mention that is a known place's one word with the article, and no person's name (الأحساء
    tagged as a person)."""
    words = text.split()
    word = _norm(words[0]) if len(words) == 1 else ""
    return word.startswith("ال") and word in _places() and word not in given_names() \
        and word not in family_names()


def _given_before(text: str, start: int) -> str | None:
    """The given name written just before a mention, which the tagger may have left out of the name (علي before
    عبدالله صالح, read as the preposition على): a known given name, no title, no word with the article."""
    k = start - 1
    if k < 1 or text[k] != " ":
        return None
    j = k
    while j > 0 and (text[j - 1].isalpha() or fold(text[j - 1]) == ""):
        j -= 1
    raw = text[j:k]
    word = _norm(raw)
    if not raw or raw.endswith("ى") or word.startswith("ال") or word not in given_names(foreign=False) \
            or word in _titles() or word in _calendar():
        return None
    return raw  # علي written with ي is the name: the preposition is written على


def _word_start(text: str, start: int, type_: str) -> int:
    """Where a mention's first word starts, when the per-article analysis took a first letter for a proclitic
    (زارة الداخلية in وزارة الداخلية, بنان in لبنان): the whole word when it is a name or word the lists know
    for its type and what was left is not."""
    if start == 0 or not text[start - 1].isalpha():
        return start
    ws = start
    while ws > 0 and (text[ws - 1].isalpha() or fold(text[ws - 1]) == "") and start - ws < 3:
        ws -= 1
    if ws > 0 and text[ws - 1].isalpha():
        return start
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    whole, cut = _norm(text[ws:end]), _norm(text[start:end])
    if _known(cut, type_):
        return start
    # فرنسوا cut to رنسوا: ف opens names far more often than it is written onto one
    return ws if _known(whole, type_) or whole[0] == "ف" and start - ws == 1 else start


def _known(word: str, type_: str) -> bool:
    if type_ == "PER":
        return word in given_names() or word in family_names() or word in _titles()
    return word in _places() or _bare(word) in _heads() or (_bare(word),) in dict(_classes()) or \
        word in folded_set("titles", "organisation_heads") or word in folded_set("titles", "media_heads")


def _role(role: str | None) -> str | None:
    """A role as written, a proclitic on its first word set aside when the rest is a title (لقائد -> قائد,
    للسفير -> السفير)."""
    if not role:
        return None
    first, _, rest = role.partition(" ")
    if _norm(first) in _titles():
        return role
    for clitic, reading in sorted(proclitic_readings(first), key=lambda r: len(r[0])):
        if _norm(reading) in _titles():
            bare = "ال" + first[len(clitic):] if clitic.endswith("لل") else first[len(clitic):]
            return f"{bare} {rest}".strip()
    return role


def _post_authors(article: Article, found: list[_Mention]) -> list[_Mention]:
    """An embedded post's author as written in its attribution line (``Adel al-Jubeir عادل الجبير``):
    each script's part a person's mention, unless a mention is already there."""
    out: list[_Mention] = []
    for p in article.paragraphs:
        if p.kind != "embedded_post" or not p.author:
            continue
        at = article.text.find(p.author, p.start, p.end)
        if at < 0:
            continue
        for part in re.finditer(r"[A-Za-z][A-Za-z'’. -]*[A-Za-z]|[^\sA-Za-z@()]+(?:\s+[^\sA-Za-z@()]+)*", p.author):
            s, e = at + part.start(), at + part.end()
            if any(m.start < e and s < m.end for m in (*found, *out)):
                continue
            parsed = parse("PER", part.group())
            if parsed is not None:
                out.append(_Mention(None, s, e, "PER", part.group(), parsed[0], part.group(), None))
    return out


def _cluster(found: list[_Mention]) -> list[Local]:
    """Mentions gathered into things: the fuller names first, then the names that abridge them."""
    things: list[Local] = []
    parts = [part for m in found for part in (_run_on_parts(m) if m.type == "PER" else [m])]
    persons = [m for m in parts if m.type == "PER"]
    bodies = [m for m in parts if m.type != "PER"]
    # persons: names of several words with a known given name first, then other names of several words
    # (a tagger's run-on, الجبير وكيري, is split against those), Latin names, one word last
    full = sorted((m for m in persons if len(m.name.core) >= 2 and not m.name.latin),
                  key=lambda m: (_suspect(m.name), -len(m.name.core), m.start))
    for m in full:
        if _suspect(m.name) and (_person_target(m.name, things) is None or len(m.name.core) >= 4) \
                and _repaired(m, things):
            continue
        _join_person(m, things)
    bodies = [part for m in bodies for part in _body_parts(m)]
    for m in sorted(bodies, key=lambda m: (-len(m.name.words), not m.name.cls, m.start)):
        _join_body(m, things)
    for m in sorted((m for m in persons if len(m.name.core) < 2 or m.name.latin), key=lambda m: m.start):
        _join_person(m, things)
    return things


def _run_on_parts(m: _Mention) -> list[_Mention]:
    """A person's mention as the names it holds: itself, or for a tagger's run-on each name with its own span:
    the words around a word that is no name (فينجر يتجاهل مورينيو, مورينيو باتهام), two names with a kin word
    between them (سراج الدين حقاني نجل جلال الدين حقاني) or the first name's given name again (محمد بن نايف
    محمد علي العمري); none for a run-on of more words than a name has."""
    if m.name.latin:
        return [m]
    toks = [t for t in tokens(m.text) if any(c.isalpha() for c in t.text) and _norm(t.text)]
    words = [_norm(t.text) for t in toks]
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        if not _name_word(words[k]):
            k += 1
            continue
        j = k
        while j < len(words) and _name_word(words[j]):
            j += 1
        runs.append((k, j))
        k = j
    parts: list[tuple[int, int]] = []
    for i, j in runs:
        cut = next((n for n in range(i + 1, j - 1) if words[n] in _kin()), None)
        again = next((n for n in range(i + 2, j) if len(words[n]) >= 3 and words[n] not in _patronymics()
                      and words[n] in words[i:n - 1]), None)
        joint = next((n for n in range(i + 1, j) if _joins_names(words[n]) and words[n - 1] not in _native_given()
                      and words[n - 1] not in _suffixes()), None)  # not محمد وائل, سعد الدين وهبة
        if cut is not None:
            parts += [(i, cut), (cut + 1, j)]
        elif joint is not None:
            parts += [(i, joint), (joint, j)]
        elif again is not None:
            parts += [(i, again), (again, j)]
        else:
            parts.append((i, j))
    if parts == [(0, len(words))]:
        return [m] if len(m.name.core) <= MAX_PERSON_WORDS else []
    out = []
    for k, w in enumerate(words):
        if (cut := _place_after(w)) and (place := parse("LOC", toks[k].text[cut:])):
            text = toks[k].text[cut:]
            out.append(_Mention(m.idx, m.start + toks[k].start + cut, m.start + toks[k].end, "LOC", text, place[0],
                                text, None))
    for i, j in parts:
        s, e = toks[i].start + _joins_names(words[i]), toks[j - 1].end
        parsed = parse("PER", m.text[s:e])
        if parsed is not None and len(parsed[0].core) <= MAX_PERSON_WORDS:
            out.append(_Mention(m.idx, m.start + s, m.start + e, "PER", m.text[s:e], parsed[0],
                                m.text[s:e][parsed[1]:], m.role if i == 0 else None))
    return out


def _joins_names(word: str) -> bool:
    """A word that is و on a name of the name lists (not only a foreign word) and no name itself: it joins two
    persons' names (كيري ولافروف; not وليد, وجيه, nor ولايتي)."""
    rest = word[1:]
    return word[:1] == "و" and len(rest) >= 3 and word not in _names_normed(True) \
        and rest in _names_normed(False)


@cache
def _names_normed(foreign: bool) -> frozenset[str]:
    """The given and family names (with the foreign ones, or only the lists' own) as names are compared."""
    return frozenset(_norm(n) for n in given_names(foreign) | family_names(foreign))


@cache
def _native_given() -> frozenset[str]:
    return frozenset(_norm(n) for n in given_names(False))


def _body_parts(m: _Mention) -> list[_Mention]:
    """A body's or place's mention as the names it holds: the words around a verb (أرسنال يهزم تشيلسي), a word
    said twice once (عدن عدن), two names joined by و where the second is a place after a place, a body named by
    its head, or both one indefinite word of a body (أرسنال وفياريال; not a word that is itself a name with و,
    وليد، وهران); a name whose و joins its own words stays whole (حزب الأصالة والمعاصرة). A place's name the
    tagger ran on from the word before it (تحرير عدن, يزور عدن: no word a place's name opens with, شمال or
    مطار) is the place alone; two known places side by side (اليمن عدن) are two."""
    toks = [t for t in tokens(m.text) if any(c.isalpha() for c in t.text) and _norm(t.text)]
    words = [_norm(t.text) for t in toks]
    repeated = len(words) > 1 and len(set(words)) == 1
    if repeated:
        toks, words = toks[:1], words[:1]
    breaks = [k for k, w in enumerate(words) if k and (_verb(w) or w in folded_set("speech_verbs", "verbs"))]
    places = _places()
    joined = [k for k, w in enumerate(words) if k and w[0] == "و" and (
        w[1:] in places and " ".join(words[:k]) in places  # باريس ولندن: two places
        or k >= 2 and _bare(w[1:]) in _heads()  # التحالف العربي والمقاومة الشعبية: a second body by its head
        or m.type == "ORG" and len(words) == 2 and not w[1:].startswith("ال") and not words[0].startswith("ال")
        and not {_bare(words[0]), w[1:]} & _heads() and not {w, " ".join(words)} & places
        and w not in given_names() and w not in family_names())]  # أرسنال وفياريال; not بني وليد, مدينة وهران
    lead, side = 0, []  # a word before a place that is no part of it (تحرير عدن); two places (اليمن عدن)
    if m.type == "LOC" and len(words) == 2 and not repeated and words[1] in places \
            and " ".join(words) not in places and not _opens_place(words[0]) and words[1] not in _place_adjectives():
        if words[0] not in places:
            lead = 1
        elif words[0].startswith("ال") or words[1].startswith("ال"):
            side = [1]
    if not breaks and not joined and not repeated and not lead and not side:
        return [m]
    out = []
    starts = [lead, *(b + 1 for b in breaks), *joined, *side]
    ends = [*breaks, *joined, *side, len(words)]
    for i, j in zip(sorted(starts), sorted(ends), strict=True):
        if i >= j:
            continue
        s, e = toks[i].start + (1 if i in joined else 0), toks[j - 1].end
        parsed = parse(m.type, m.text[s:e])
        if parsed is not None:
            out.append(_Mention(m.idx, m.start + s, m.start + e, m.type, m.text[s:e], parsed[0],
                                m.text[s:e][parsed[1]:], None))
    return out


@cache
def _place_openers() -> frozenset[str]:
    """The first words of the places named in several words (شمال, جبل, سان, كفر), and the class words."""
    return frozenset(p.split()[0] for p in _places() if " " in p) | {c[0] for c, _ in _classes()} | {
        _bare(_norm(w)) for w in _data()["place_openers"]}


@cache
def _place_adjectives() -> frozenset[str]:
    return frozenset(_norm(w) for w in _data()["place_adjectives"])


def _opens_place(word: str) -> bool:
    """Whether a word before a place's name may be part of it (شمال عدن, بمطار عدن; not تحرير عدن, a tagger's
    run-on of the word before the place)."""
    return any(w in _place_openers() or _bare(w) in _place_openers()
               for w in (word, *(r for _, r in proclitic_readings(word))))


def _place_after(word: str) -> int:
    """A known place with a preposition on it, which ends no person's name (أحمد الحمود بالأحساء): the
    letters of its proclitics; 0 for any other word."""
    for clitic, rest in proclitic_readings(word):
        if clitic and clitic[-1] in "بل" and rest.startswith("ال") and rest in _places():
            return len(clitic)
    return 0


@cache
def _places() -> frozenset[str]:
    """The known places (of one word or more) as folded and as names are compared (:func:`_norm`: صنعا for
    صنعاء)."""
    return place_names() | frozenset(" ".join(_norm(w) for w in p.split()) for p in place_names())


def _verb(word: str) -> bool:
    """A verb in the imperfect (يتجاهل, ليتجاهل, سيهزم): a foreign name opens يا, يو (ياسين, يوانيس)."""
    verb = word[1:] if word[:2] in ("لي", "سي") else word
    return len(verb) >= 4 and verb[0] == "ي" and verb[1] not in "اوي"


def _name_word(word: str) -> bool:
    """Whether a word may be part of a person's name: not a function word or a speech verb, not a verb in the
    imperfect (يتجاهل, ليتجاهل) nor a noun with a preposition on it (باتهام) unless a known name."""
    if not word:
        return False
    if word in _patronymics() or word in _joined() or word in _suffixes() or word in given_names() \
            or word in family_names():
        return True
    if word in folded_set("function_words", "words") or word in folded_set("speech_verbs", "verbs") \
            or word in _titles() or word[0] == "و" and word[1:] in _titles() or word in _calendar():
        return False  # ... آل سعود وسمو ولي العهد; شوال
    if _verb(word) or len(word) >= 6 and word.endswith(("ته", "تها", "تهم")):
        return False  # مصافحته: a noun with a pronoun on it
    return not (len(word) >= 5 and word[0] in "بل" and word[1] == "ا" and not word.startswith("بال")
                or _place_after(word))


def _suspect(name: Name) -> bool:
    """A person's name of several words that may be a tagger's run-on: its first word no known given name, a
    later word opening with و, or four names and more with no بن between them (سيرجي لافروف عادل الجبير)."""
    return name.first not in given_names() or any(w.startswith("و") and len(w) > 3 for w in name.words[1:]) \
        or len(name.core) >= 4 and len(name.core) == len(name.words)


def _repaired(m: _Mention, things: list[Local]) -> bool:
    """A person's mention of several words that is two names joined by و (الجبير وكيري) or a name after
    words that are none (أثنى كيري): each name the article already has joins its thing, with its own span."""
    toks = [t for t in tokens(m.text) if any(c.isalpha() for c in t.text) and _norm(t.text)]
    words = [_norm(t.text) for t in toks]
    readings: list[list[tuple[int, int, int]]] = []  # each: parts (first token, end token, clitic letters)
    cuts = [j for j in range(1, len(words)) if words[j].startswith("و") and len(words[j]) > 3]
    if cuts:
        bounds = [0, *cuts, len(words)]
        readings.append([(i, j, int(i > 0)) for i, j in zip(bounds, bounds[1:], strict=False)])
    readings += [[(n, len(words), 0)] for n in range(1, len(words))
                 if not any(_bare(w) in _native() or w in given_names() for w in words[:n])]
    readings += [[(0, n, 0), (n, len(words), 0)] for n in range(2, len(words) - 1)]  # two names side by side
    for parts in readings:
        targets = []
        for i, j, clitic in parts:
            s, e = toks[i].start + clitic, toks[j - 1].end
            parsed = parse("PER", m.text[s:e])
            target = _person_target(parsed[0], things) if parsed else None
            if parsed is None or target is None or target is _AMBIGUOUS:
                break
            targets.append((target, parsed[0], s, e))
        else:
            for target, name, s, e in targets:
                target.add(name, m.text[s:e], [m.idx, m.start + s, m.start + e, m.text[s:e]], None)
            return True
    return False


def _person_target(name: Name, things: list[Local]) -> Local | None:
    """The one person of the article this name is (None: none, or a family name two persons share)."""
    persons = [t for t in things if t.type == "PER" and not t.ambiguous]
    if name.latin:
        hits = [t for t in persons if not t.full.latin and _latin_matches(name, t.full, near=True)] or \
            [t for t in persons if t.full.latin and t.full.words[-1] == name.words[-1]]
        return hits[0] if len(hits) == 1 else None
    if len(name.core) >= 2:
        hits = [t for t in persons if part_of(name, t.full) or part_of(t.full, name)]
        same = [t for t in hits if part_of(name, t.full) == "same"]
        return (same or hits)[0] if len(same or hits) == 1 else None
    word = name.core[0] if name.core else name.words[0]
    by_family = [t for t in persons if t.full.family and same_word(word, t.full.family)]
    if by_family:
        return by_family[0] if len(by_family) == 1 else _AMBIGUOUS
    by_given = [t for t in persons if len(t.full.core) >= 2 and same_word(word, t.full.core[0], False)]
    if len(by_given) == 1:
        return by_given[0]
    same = [t for t in persons if t.full.key == name.key]
    return same[0] if same else None


_AMBIGUOUS = Local("PER", Name("PER", ("",)), ambiguous=True)


def _join_person(m: _Mention, things: list[Local]) -> None:
    target = _person_target(m.name, things)
    if target is None and len(m.name.core) < 2 and not m.name.latin:
        place = _other_type_target(m.name, things)
        as_place = parse(place.type, m.display) if place is not None else None
        if place is not None and as_place is not None:
            place.add(as_place[0], m.display, [m.idx, m.start, m.end, m.text], None)
            return
    if target is _AMBIGUOUS:  # one thing of the article for the name two persons share, joined to no one
        target = next((t for t in things if t.ambiguous and t.full.key == m.name.key), None) or \
            _added(things, Local("PER", m.name, ambiguous=True))
    elif target is None:
        target = _added(things, Local("PER", m.name))
    target.add(m.name, m.display, [m.idx, m.start, m.end, m.text], m.role)


def _added(things: list[Local], thing: Local) -> Local:
    things.append(thing)
    return thing


def _other_type_target(name: Name, things: list[Local]) -> Local | None:
    """A person's one-word mention that is the name of a place or body the article names with its class word
    (بلاكبوش beside مطار بلاكبوش): that place or body."""
    hits = [t for t in things if t.type != "PER" and t.full.cls and len(t.full.words) == 1
            and t.full.words[0] == _bare(name.words[0])]
    return hits[0] if len(hits) == 1 else None


def _join_body(m: _Mention, things: list[Local]) -> None:
    name = m.name
    if len(name.words) == 1 and not name.cls and name.words[0] not in _places():
        persons = [t for t in things if t.type == "PER" and not t.ambiguous and t.full.family
                   and same_word(name.words[0], t.full.family, False)]
        if len(persons) == 1:  # كيري tagged as a body beside جون كيري
            pname = parse("PER", m.display)
            if pname is not None:
                persons[0].add(pname[0], m.display, [m.idx, m.start, m.end, m.text], None)
                return
    bodies = [t for t in things if t.type != "PER" and not t.ambiguous]
    same = [t for t in bodies if part_of_body(name, t.full) == "same"]
    parts = [t for t in bodies if t.type == m.type and part_of_body(name, t.full)]
    target = same[0] if len(same) == 1 else parts[0] if len(parts) == 1 and not same else None
    if target is None:
        target = Local(m.type, name, ambiguous=len(same) > 1 or len(parts) > 1)
        things.append(target)
    target.add(name, m.display, [m.idx, m.start, m.end, m.text], None)


# -- the reduce: entities across articles -------------------------------------------------------------------


@dataclass
class Entity:
    """An entity: its forms (key -> [mentions, mentions in which it was its thing's fullest form, as written]),
    how many of its mentions were tagged as each type (a place and a body of one name are one: لندن), and the
    story it is found from when it is known by a short name only (None: found from anywhere)."""

    id: str
    seq: int
    type: str
    forms: dict[str, list[Any]] = field(default_factory=dict)
    scope: str | None = None
    types: dict[str, int] = field(default_factory=dict)
    before: dict[str, dict[str, int]] = field(default_factory=dict)  # a person's form -> given names written
    # before it, which the tagger may have cut off (علي عبدالله صالح found as عبدالله صالح)

    def alternatives(self) -> list[Name]:
        """The names a person's forms would be with the given name written before them."""
        return [Name("PER", (_norm(w), *name_of("PER", form).words)) for form, words in self.before.items()
                if form in self.forms for w in words]

    def full(self) -> Name:
        """The fullest form among those that were the fullest of their article."""
        return name_of(self.type, self._full_key())

    def _full_key(self) -> str:
        primary = [(k, v) for k, v in self.forms.items() if v[1] > 0] or list(self.forms.items())
        names = [(name_of(self.type, k), k, v) for k, v in primary]
        arabic = [x for x in names if not x[0].latin] or names
        return max(arabic, key=lambda x: (len(x[0].core), len(x[0].words), bool(x[0].cls), x[2][1], x[2][0],
                                          x[1]))[1]

    def name(self) -> str:
        """The fullest common form as written: the fullest of the forms that were the fullest of their article
        at least twice and at least a fifth as often as the most frequent (of two words or more, for a person),
        else the fullest; with the given name written before it in most of its articles (which the tagger left
        out)."""
        key = self._full_key()
        top = max((v[1] for v in self.forms.values()), default=0)
        common = [(name_of(self.type, k), k, v) for k, v in self.forms.items()
                  if v[1] >= max(2, COMMON_SHARE * top) and not k.startswith("@")]
        common = [x for x in common if len(x[0].core) >= 2 or x[0].type != "PER"]
        if common:
            key = max(common, key=lambda x: (len(x[0].core), len(x[0].words), x[2][1], x[1]))[1]
        display = str(self.forms[key][2])
        before = self.before.get(key, {})
        word = max(sorted(before), key=lambda w: before[w], default=None)
        if word and before[word] >= max(2, self.forms[key][1] / 2):
            return f"{word} {display}"  # علي عبدالله صالح, written so though the tagger kept عبدالله صالح
        return display

    def add(self, form: str, display: str, primary: bool, type_: str, n: int = 1) -> None:
        f = self.forms.setdefault(form, [0, 0, display])
        f[0] += n
        f[1] += n if primary else 0
        self.count(type_, n)

    def count(self, type_: str, n: int) -> None:
        """``n`` more (or fewer) mentions tagged ``type_``; the entity's type is the most tagged."""
        self.types[type_] = self.types.get(type_, 0) + n
        if self.types[type_] <= 0:
            del self.types[type_]
        if self.types:
            self.type = max(sorted(self.types), key=lambda t: self.types[t])

    def record(self) -> dict[str, Any]:
        return {"forms": self.forms, "types": self.types, "before": self.before}

    @classmethod
    def of(cls, eid: str, seq: int, type_: str, scope: str | None, data: Mapping[str, Any]) -> Entity:
        return cls(eid, seq, type_, {k: list(v) for k, v in data["forms"].items()}, scope,
                   dict(data.get("types") or {type_: 1}), {k: dict(v) for k, v in (data.get("before") or {}).items()})


def _kinds_meet(a: str, b: str) -> bool:
    """A person is only ever a person; places and bodies may be one (their names decide)."""
    return a == b or "PER" not in (a, b)


def lookup_keys(n: Name) -> list[str]:
    """The index keys under which entities a name may join are found."""
    if n.latin:
        return [f"ph:{_phonetic(translit.arabic_guess(n.words[-1]))}", f"la:{n.words[-1]}"]
    if n.type == "PER":
        if n.title:
            return [f"t:{n.key}"]
        core = n.core
        keys = [f"fl:{_bare(core[0])}|{_bare(w)}" for w in core[1:]]
        keys += [f"sp:{_spelling(core[0])}|{_spelling(w)}" for w in core[1:]]
        return keys
    words = n.words
    keys = [f"c:{' '.join(words)}"]
    keys += [f"o:{n.type}:{words[0]}|{w}" for w in words[1:]]
    return keys


def index_keys(n: Name) -> list[str]:
    """The index keys of an entity's form (what :func:`lookup_keys` of a name that fits it asks for)."""
    if n.latin:
        return [f"la:{n.words[-1]}"]
    if n.type == "PER":
        if n.title:
            return [f"t:{n.key}"]
        core = n.core
        if len(core) < 2:
            return []
        keys = [f"fl:{_bare(core[0])}|{_bare(w)}" for w in core[1:]]
        keys += [f"sp:{_spelling(core[0])}|{_spelling(w)}" for w in core[1:]]
        keys.append(f"ph:{_phonetic(core[-1])}")
        return keys
    words = n.words
    keys = [f"c:{' '.join(words)}"]
    keys += [f"o:{n.type}:{words[0]}|{w}" for w in words[1:]]
    return keys


@dataclass
class State:
    entities: dict[str, Entity] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # merged entity -> the entity that took it in
    index: dict[str, set[str]] = field(default_factory=dict)  # key -> entities found from anywhere
    story_of: dict[str, str] = field(default_factory=dict)  # article -> its story
    neighbours: dict[str, set[str]] = field(default_factory=dict)  # story -> the entities its articles name
    # article -> (entity, form, primary, type) of each mention it had, when it was linked before
    previous: dict[str, list[tuple[str, str, bool, str]]] = field(default_factory=dict)
    seq: int = 0
    indexed: dict[str, list[str]] = field(default_factory=dict)  # entity -> the keys it is indexed under
    hoods: dict[str, set[str]] = field(default_factory=dict)  # entity -> the stories (neighbourhoods) naming it

    def near(self, hood: str, entity: str) -> None:
        """An entity named in a story's (or an article's) neighbourhood."""
        self.neighbours.setdefault(hood, set()).add(entity)
        self.hoods.setdefault(entity, set()).add(hood)

    def forget(self, entity: str, instead: str | None = None) -> None:
        """An entity out of every neighbourhood naming it (``instead``: the entity that took it in, there)."""
        for hood in self.hoods.pop(entity, set()):
            self.neighbours[hood].discard(entity)
            if instead is not None:
                self.near(hood, instead)


@dataclass
class Outcome:
    state: State
    touched: set[str]  # entities written again (or deleted, when no longer in the state)
    merged: dict[str, str]  # alias -> entity, new this time
    # article -> (mention, entity, primary, the name as written, the type of the thing)
    assigned: dict[str, list[tuple[list[Any], str, bool, str, str]]]
    roles: dict[str, list[tuple[str, str, str]]]  # article -> (entity, role key, role as written)


def reindex(state: State, e: Entity) -> None:
    """An entity's index keys, after its forms changed: of every form of a body, of a person's forms that were
    the fullest of their article and of the titled ones (الملك سلمان); none for an entity of one story."""
    for k in state.indexed.pop(e.id, []):
        state.index.get(k, set()).discard(e.id)
    if e.scope is not None:
        return
    keys = sorted({k for form, v in e.forms.items() if v[1] > 0 or e.type != "PER" or "~" in form
                   for k in index_keys(name_of(e.type, form))} | {k for n in e.alternatives() for k in index_keys(n)})
    for k in keys:
        state.index.setdefault(k, set()).add(e.id)
    state.indexed[e.id] = keys


def _alternatives(thing: Mapping[str, Any]) -> list[Name]:
    """A person's fullest form with each given name written before it (what the tagger may have cut off)."""
    if thing["type"] != "PER" or not thing.get("before"):
        return []
    full = name_of("PER", thing["full"])
    return [Name("PER", (_norm(w), *full.words)) for w in thing["before"]]


def _entity_id(type_: str, key: str, article: str) -> str:
    return type_[0] + hashlib.sha256(f"{type_}:{key}:{article}".encode()).hexdigest()[:11]


class Entities(CorpusStep):
    name = "entities"
    version = 5  # 3-5: run-ons before a place and between two names split; a body by any of its names; الإسلام joins
    requires = ("entities", "paragraphs", "published", "text")
    provides = ("linked_entities", "entity_mentions", "entity_aliases", "entity_roles", "entity_keys")
    exports = {"entities": ("id", "name", "type", "variants", "roles", "mentions", "aliases")}

    def __init__(self, stories: bool = True) -> None:
        """``stories``: a short name is looked up among the entities of its story (without: of its article
        only)."""
        self.with_stories = stories

    # map
    def signature(self, article: Article) -> dict[str, Any]:
        return {"date": article.published, "things": [t.record() for t in article_things(article)]}

    # reduce
    def load(self, store: Any, new: Sequence[tuple[str, dict[str, Any]]]) -> State:
        keys: set[str] = set()
        for _, sig in new:
            for thing in sig["things"]:
                for form in thing["forms"]:
                    keys.update(lookup_keys(name_of(thing["type"], form)))
                for name in _alternatives(thing):
                    keys.update(lookup_keys(name))
        return store.load_entity_state([a for a, _ in new], sorted(keys), self.with_stories)

    def reduce(self, new: Sequence[tuple[str, dict[str, Any]]], state: State) -> Outcome:
        out = Outcome(state, set(), {}, {}, {})
        for article, _ in new:
            self._unassign(state, article, out)
        for article, sig in sorted(new, key=lambda x: (x[1].get("date") or "9999", x[0])):
            story = state.story_of.get(article) if self.with_stories else None
            hood = f"A:{article}" if story is None else story
            assigned = out.assigned.setdefault(article, [])
            roles = out.roles.setdefault(article, [])
            things = [(name_of(t["type"], t["full"]), t) for t in sig["things"]]
            for full, thing in sorted(things, key=lambda x: (weak(x[0]), x[0].latin)):
                entity = self._resolve(state, full, thing, article, hood, out)
                for form, display in thing["forms"].items():
                    n = sum(1 for m in thing["mentions"] if m[4] == form)
                    entity.add(form, display, form == thing["full"], thing["type"], n)
                for w in thing.get("before", ()):
                    counts = entity.before.setdefault(thing["full"], {})
                    counts[w] = counts.get(w, 0) + 1
                for m in thing["mentions"]:
                    assigned.append((m, entity.id, m[4] == thing["full"], thing["forms"][m[4]], thing["type"]))
                roles += [(entity.id, k, r) for k, r in thing["roles"].items()]
                state.near(hood, entity.id)
                reindex(state, entity)
                out.touched.add(entity.id)
            self._absorb(state, hood, {self._resolved(state, e) for _, e, *_ in assigned}, out)
        # the mentions of merged entities point to the entity that took them in
        for article, rows in out.assigned.items():
            out.assigned[article] = [(m, self._resolved(state, e), p, d, t) for m, e, p, d, t in rows]
            out.roles[article] = [(self._resolved(state, e), k, r) for e, k, r in out.roles[article]]
        return out

    @staticmethod
    def _resolved(state: State, eid: str) -> str:
        while eid in state.aliases:
            eid = state.aliases[eid]
        return eid

    def _unassign(self, state: State, article: str, out: Outcome) -> None:
        """An article linked before and written again: its mentions out of their entities (an entity left with
        none is no more)."""
        for eid, form, primary, type_ in state.previous.pop(article, []):
            e = state.entities.get(self._resolved(state, eid))
            if e is None or form not in e.forms:
                continue
            f = e.forms[form]
            f[0] -= 1
            f[1] -= 1 if primary else 0
            if f[0] <= 0:
                del e.forms[form]
            e.count(type_, -1)
            out.touched.add(e.id)
            if not e.forms:
                self._drop(state, e)
            else:
                reindex(state, e)

    def _drop(self, state: State, e: Entity) -> None:
        del state.entities[e.id]
        for k in state.indexed.pop(e.id, []):
            state.index.get(k, set()).discard(e.id)
        state.forget(e.id)

    def _new(self, state: State, full: Name, article: str, scope: str | None, out: Outcome) -> Entity:
        state.seq += 1
        e = Entity(_entity_id(full.type, full.key, article), state.seq, full.type, scope=scope)
        state.entities[e.id] = e
        out.touched.add(e.id)
        return e

    def _resolve(self, state: State, full: Name, thing: Mapping[str, Any], article: str, hood: str,
                 out: Outcome) -> Entity:
        """The entity an article's thing names (found, or founded)."""
        if thing["ambiguous"]:
            return self._new(state, full, article, f"A:{article}", out)
        if full.latin:
            return self._resolve_latin(state, full, thing, article, hood, out)
        if weak(full):
            return self._resolve_short(state, full, article, hood, out)
        if full.title:  # a titled given name: the one person of the story it fits, else the same titled name
            near = self._near_fits(state, full, hood)
            if len(near) == 1:
                return near[0]
        fits = self._candidates(state, full, thing, hood)
        if not fits:
            return self._new(state, full, article, None, out)
        same = [e for e in fits if e.full().key == full.key or full.key in e.forms and e.forms[full.key][1] > 0]
        if len(fits) > 1 and not self._one(fits):
            near = [e for e in fits if e.id in state.neighbours.get(hood, ())]
            fits = same if len(same) == 1 else near if len(near) == 1 else []
            if not fits:  # abridges several: the article's story's own entity of this name
                return self._resolve_short(state, full, article, hood, out)
        return self._merge_all(state, fits, out)

    def _candidates(self, state: State, full: Name, thing: Mapping[str, Any], hood: str) -> list[Entity]:
        """The entities found from anywhere that this thing's fullest form fits (one is part of the other); a
        two-word beginning of a longer name (محمد علي of محمد علي العمري) fits only in the story. A person's
        name the tagger may have cut short (a given name written before it) fits an entity of the longer name
        when one is known, and the other way round."""
        ids: set[str] = set()
        alternatives = _alternatives(thing)
        for name in (full, *alternatives):
            for k in lookup_keys(name):
                ids |= state.index.get(k, set())
        out = []
        for eid in sorted(ids):
            e = state.entities.get(eid)
            if e is None or not _kinds_meet(e.type, full.type) or e.scope is not None:
                continue
            ef = e.full()
            how = part_of(full, ef) or part_of(ef, full)
            if how is None and full.type != "PER":  # another name the body was given as its article's fullest:
                # the same, or one of three words or more that is part of this one (حزب العمال الكردستاني of
                # حزب العمال الكردستاني المحظور)
                forms = [name_of(e.type, f) for f, (_, primary, _) in e.forms.items() if primary > 0]
                how = next((h for n in forms if (h := part_of(full, n) or part_of(n, full)) == "same"
                            or part_of(n, full) == "part" and len(n.words) >= BODY_PART_WORDS), None)
            if how is None and full.type == "PER":
                pairs = [(a, ef) for a in alternatives] + [(full, a) for a in e.alternatives()]
                how = next((h for a, b in pairs for h in (part_of(a, b), part_of(b, a)) if h in ("same", "inner")),
                           None)
            if how is None and full.type == "PER" and full.title:
                how = "same" if full.key in e.forms else None
            if how is None:
                continue
            if how == "prefix" and len(full.core) < 3 and not any(w in _patronymics() for w in full.words) \
                    and eid not in state.neighbours.get(hood, ()):
                continue
            out.append(e)
        return out

    @staticmethod
    def _one(entities: list[Entity]) -> bool:
        """Whether these entities can be one: each one's fullest form part of another's, in a chain."""
        names = sorted((e.full() for e in entities), key=lambda n: (len(n.core), len(n.words)))
        return all(part_of(a, b) or a.type != "PER" and b.type != "PER" and part_of_body(a, b)
                   for a, b in zip(names, names[1:], strict=False))

    def _merge_all(self, state: State, entities: list[Entity], out: Outcome) -> Entity:
        entities = sorted(entities, key=lambda e: e.seq)
        older = entities[0]
        for younger in entities[1:]:
            self._merge(state, older, younger, out)
        return older

    def _merge(self, state: State, older: Entity, younger: Entity, out: Outcome) -> None:
        for form, (n, primary, display) in younger.forms.items():
            f = older.forms.setdefault(form, [0, 0, display])
            f[0] += n
            f[1] += primary
        for type_, n in younger.types.items():
            older.count(type_, n)
        for form, words in younger.before.items():
            for w, n in words.items():
                older.before.setdefault(form, {})[w] = older.before.get(form, {}).get(w, 0) + n
        if younger.scope is None:
            older.scope = None
        state.forget(younger.id, instead=older.id)
        del state.entities[younger.id]
        for k in state.indexed.pop(younger.id, []):
            state.index.get(k, set()).discard(younger.id)
        state.aliases[younger.id] = older.id
        for alias, target in list(state.aliases.items()):
            if target == younger.id:
                state.aliases[alias] = older.id
        out.merged[younger.id] = older.id
        for alias, target in list(out.merged.items()):
            if target == younger.id:
                out.merged[alias] = older.id
        out.touched |= {older.id, younger.id}
        reindex(state, older)

    def _near_fits(self, state: State, full: Name, hood: str) -> list[Entity]:
        """The entities of the story (found from anywhere) a short name may stand for."""
        near = [state.entities[e] for e in sorted(state.neighbours.get(hood, ())) if e in state.entities]
        return [e for e in near if e.scope is None and e.type == full.type and self._abridges(full, e)]

    def _resolve_short(self, state: State, full: Name, article: str, hood: str, out: Outcome) -> Entity:
        """A short name (a family name alone, a body's head word): the one entity of the story it fits, else the
        story's own entity of that name."""
        near = [state.entities[e] for e in sorted(state.neighbours.get(hood, ())) if e in state.entities]
        fits = self._near_fits(state, full, hood)
        if len(fits) == 1:
            return fits[0]
        if len(fits) > 1:
            return self._new(state, full, article, f"A:{article}", out)
        own = [e for e in near if e.scope == hood and e.type == full.type and full.key in e.forms]
        if own:
            return own[0]
        return self._new(state, full, article, hood, out)

    @staticmethod
    def _abridges(short: Name, e: Entity) -> bool:
        """Whether a short name may stand for the entity: a person's family name (or given name, after a
        title), a body's words part of its name."""
        ef = e.full()
        if short.type != "PER":
            return part_of_body(short, ef) is not None
        word = short.core[0] if short.core else short.words[0]
        if ef.family and same_word(word, ef.family):
            return True
        return bool(short.title) and len(ef.core) >= 2 and same_word(word, ef.core[0], False)

    def _resolve_latin(self, state: State, full: Name, thing: Mapping[str, Any], article: str, hood: str,
                       out: Outcome) -> Entity:
        ids: set[str] = set()
        for k in lookup_keys(full):
            ids |= state.index.get(k, set())
        near = state.neighbours.get(hood, set())
        cands = [state.entities[e] for e in sorted(ids | near) if e in state.entities]
        fits = [e for e in cands if e.type == "PER" and e.scope is None and (
            any(k.startswith("@") and name_of("PER", k).words == full.words for k in e.forms)
            or (len(full.words) >= 2 or e.id in near) and _latin_matches(full, e.full()))]
        if len(fits) == 1:
            return fits[0]
        return self._new(state, full, article, None if len(full.words) >= 2 else hood, out)

    def _absorb(self, state: State, hood: str, named: set[str], out: Outcome) -> None:
        """The story's own entities of a short name taken in by the one entity of the story they fit, when an
        entity the article just ``named`` is one they fit."""
        named_here = [state.entities[e] for e in sorted(named) if e in state.entities and
                      state.entities[e].scope is None]
        if not named_here:
            return
        for sid in sorted(state.neighbours.get(hood, ())):
            short = state.entities.get(sid)
            if short is None or short.scope != hood:
                continue
            sname = short.full()
            if not any(e.type == short.type and self._abridges(sname, e) for e in named_here):
                continue
            fits = [e for e in (state.entities.get(x) for x in sorted(state.neighbours.get(hood, ())))
                    if e is not None and e.scope is None and e.type == short.type and self._abridges(sname, e)]
            if len(fits) == 1:
                older, younger = sorted((fits[0], short), key=lambda e: e.seq)
                older.scope = None
                self._merge(state, older, younger, out)

    # apply
    def apply(self, store: Any, outcome: Outcome) -> int:
        store.save_entity_state(outcome)
        return len(outcome.assigned)

