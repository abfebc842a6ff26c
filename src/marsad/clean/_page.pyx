# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The cleaner's page engine, compiled: :mod:`marsad.clean.page` step for step, with the work every page
repeats done in C (splitting and stripping lines, keying a line not seen before and telling a plain one,
the header and related-block logic, looking for copies, building the article). What a line is stays with
the rules in Python (:class:`marsad.clean.rules.Facts`, :func:`marsad.clean.repeats.decide`), called for
the lines and pages that need them. Same output as the Python engine, which a test holds it to."""

cimport cython
from cpython.object cimport PyObject, PyTypeObject
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.unicode cimport PyUnicode_Contains
from libc.string cimport memset

from marsad.arabic import fold, fold_key
from marsad.arabic.calendar import month_names
from marsad.arabic.normalize import fold_chars, key_chars
from marsad.clean import repeats, rules
from marsad.clean.page import PARAGRAPH_SEP, SHAPE_MAX_CHARS, attach_posts
from marsad.errors import MarsadError
from marsad.model import Paragraph, Removed
from marsad.settings import DEFAULT, LINE_CACHE_SIZE

cdef extern from *:
    const char *MARSAD_SOURCE_DIGEST  # the sha256 of this file when it was compiled (setup.py)

SOURCE_DIGEST = MARSAD_SOURCE_DIGEST.decode("ascii")

ctypedef unsigned long long u64

cdef extern from "Python.h":
    Py_ssize_t PyUnicode_FindChar(object text, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end, int direction) except -2
    Py_ssize_t PyUnicode_Tailmatch(object text, object sub, Py_ssize_t start, Py_ssize_t end, int direction) except -1
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index)
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)
    int PyUnicode_4BYTE_KIND

DEF TABLE_SIZE = 0x10000
DEF UNKNOWN = -2  # a character the table does not cover: that text keys through rules.key / fold_key
DEF DROPPED = -1
DEF FILTER_BYTES = 512  # the bit table of probes' first words
DEF FILTER_BITS = 4096

cdef int KEY[TABLE_SIZE]  # what rules.key makes of a character (32: a space)
cdef int FOLD[TABLE_SIZE]  # what fold makes of it
for _i in range(TABLE_SIZE):
    KEY[_i] = FOLD[_i] = UNKNOWN
for _c, _k in key_chars().items():
    KEY[ord(_c)] = DROPPED if not _k else 32 if _k in " \n" else ord(_k)
for _c, _k in fold_chars().items():
    FOLD[ord(_c)] = DROPPED if not _k else ord(_k)

cdef int MAX_FURNITURE_CHARS = rules.MAX_FURNITURE_CHARS
cdef int LABEL_MAX_WORDS = rules.LABEL_MAX_WORDS
cdef int POST_MAX_WORDS = rules.POST_MAX_WORDS
cdef int CAPTION_MAX_WORDS = rules.CAPTION_MAX_WORDS
cdef int SHAPE_MAX = SHAPE_MAX_CHARS
cdef int START_WORDS = repeats.START_WORDS
cdef int START_CHARS = repeats.START_CHARS
cdef int PROBE_WORDS = repeats.PROBE_WORDS
cdef Py_ssize_t MAX_NEAR_COMPARE = repeats.MAX_NEAR_COMPARE
cdef Py_ssize_t CACHE_SIZE = LINE_CACHE_SIZE
DEF PLAIN_CACHED_WORDS = 20  # a plain line longer than this is body text, not site furniture or a title
cdef int STAMP_MAX_WORDS = rules.STAMP_MAX_WORDS
_SCREENS = rules.screens()
DEF HEAD = 3  # the furniture phrases and share words are looked up by their first HEAD characters
cdef dict starts_by_head = {}
for _phrase in _SCREENS.starts:
    if len(_phrase) < HEAD:
        raise ValueError(f"a phrase shorter than {HEAD} characters: {_phrase!r}")
    starts_by_head[_phrase[:HEAD]] = (*starts_by_head.get(_phrase[:HEAD], ()), _phrase)
cdef tuple contained = _SCREENS.contained
cdef tuple date_searches = tuple(p.search for p in _SCREENS.dates)
cdef object time_search = _SCREENS.time.search
cdef object counter_match = _SCREENS.counter.match
cdef frozenset categories = _SCREENS.categories
cdef tuple source_labels = _SCREENS.source_labels
cdef tuple post_matches = tuple(p.match for p in _SCREENS.posts)
cdef tuple caption_keys = _SCREENS.caption_keys
cdef frozenset month_words = frozenset(w for _name in month_names() for w in _name.split())
cdef tuple byline_phrases = _SCREENS.byline_phrases
cdef object dateline_match = _SCREENS.dateline.match


cdef inline int _keyed(Py_UCS4 c) noexcept:
    """What :func:`rules.key` makes of a character: a character, 32 (a space), DROPPED or UNKNOWN."""
    return KEY[c] if c < TABLE_SIZE else UNKNOWN


cdef inline int _folded(Py_UCS4 c) noexcept:
    """What :func:`fold` makes of a character: a character, DROPPED or UNKNOWN."""
    return FOLD[c] if c < TABLE_SIZE else UNKNOWN


cdef inline bint _space(Py_UCS4 c) noexcept:
    """``str.isspace`` of one character."""
    if c <= 0x20:
        return c == 0x20 or 0x9 <= c <= 0xd or 0x1c <= c <= 0x1f
    if c < 0x1680:
        return c == 0x85 or c == 0xa0
    return c == 0x1680 or 0x2000 <= c <= 0x200a or c == 0x2028 or c == 0x2029 or c == 0x202f or c == 0x205f \
        or c == 0x3000


cdef inline bint _decimal(Py_UCS4 c) noexcept:
    """``\\d``: a decimal digit of any script (ASCII and Arabic-Indic tested first)."""
    if c < 0x80:
        return 0x30 <= c <= 0x39
    if 0x600 <= c <= 0x6ff:
        return 0x660 <= c <= 0x669 or 0x6f0 <= c <= 0x6f9
    return Py_UNICODE_ISDECIMAL(c)


@cython.no_gc  # holds strings, tuples and rules' records, never itself: no cycle to collect, and the
# thousands in the cache are not walked at every collection
cdef class LineFacts:
    """A short line's facts as the engine reads them (from :class:`rules.Facts`, or made here for a plain
    line); the same text always has the same facts."""
    cdef str text, key
    cdef int n_words
    cdef object furniture, marks, date, date_at, post, source
    cdef bint related_heading, caption
    cdef object _period, _header

    cdef bint ends_with_period(self):
        if self._period is None:
            self._period = rules.ends_with_period(self.text)
        return self._period

    cdef tuple header(self):
        if self._header is None:
            self._header = _header_facts(self.text, self.key, self.n_words)
        return self._header


cdef tuple _header_facts(str text, str key, int n):
    """:func:`rules.header_facts`: a byline, ends a sentence, a dateline, a section name."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i = len(text) - 1
    cdef Py_UCS4 c
    cdef bint byline = False, sentence = False
    if n <= LABEL_MAX_WORDS:
        for phrase in byline_phrases:
            if PyUnicode_Contains(key, phrase):
                byline = True
                break
        else:  # a one-word marker before : or /
            byline = (u":" in text or u"/" in text) and rules.is_byline(rules.Line(text, key))
    while i >= 0 and _space(PyUnicode_READ(kind, data, i)):  # [.!؟?:…]['\"»”)]*\s*$
        i -= 1
    while i >= 0:
        c = PyUnicode_READ(kind, data, i)
        if not (c == 0x27 or c == 0x22 or c == 0xbb or c == 0x201d or c == 0x29):
            break
        i -= 1
    if i >= 0:
        c = PyUnicode_READ(kind, data, i)
        sentence = c == 0x2e or c == 0x21 or c == 0x61f or c == 0x3f or c == 0x3a or c == 0x2026
    return byline, sentence, n <= 4 and dateline_match(text) is not None, key in categories


cdef LineFacts _plain(str text, str key, int n_words):
    cdef LineFacts f = LineFacts.__new__(LineFacts)
    f.text, f.key, f.n_words = text, key, n_words
    return f


cdef LineFacts _from_rules(object facts):
    cdef LineFacts f = LineFacts.__new__(LineFacts)
    f.text, f.key, f.n_words = facts.text, facts.key, facts.n_words
    f.furniture, f.related_heading, f.marks, f.date = facts.furniture, facts.related_heading, facts.marks, facts.date
    f.date_at, f.post, f.caption, f.source = facts.date_at, facts.post, facts.caption, facts
    f._period = facts.ends_with_period
    return f


cdef LineFacts _dated(LineFacts t, str text, object date):
    """A date stamp's facts for a line of the same shape whose date is read at the same place."""
    cdef LineFacts f = LineFacts.__new__(LineFacts)
    f.text, f.key, f.n_words, f.furniture, f.marks, f.date, f.date_at = (
        text, t.key, t.n_words, t.furniture, t.marks, date, t.date_at)
    f.post, f.source, f.related_heading, f.caption, f._period, f._header = (
        t.post, t.source, t.related_heading, t.caption, t._period, t._header)
    return f


cdef object _key(str text, Py_ssize_t start, Py_ssize_t end):
    """The key of ``text[start:end]`` (:func:`rules.key`: folded letters and digits, one space between
    words, line breaks as spaces), or None if a character is not in the table."""
    cdef int kind = PyUnicode_KIND(text), k
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i, out = 0
    cdef Py_UCS4 c
    cdef bint gap = False
    cdef Py_UCS4 *buf = <Py_UCS4 *> PyMem_Malloc((end - start + 1) * sizeof(Py_UCS4))
    if buf == NULL:
        raise MemoryError()
    try:
        for i in range(start, end):
            c = PyUnicode_READ(kind, data, i)
            k = _keyed(c)
            if k == UNKNOWN:
                return None
            if k == DROPPED:
                continue
            if k == 32:
                gap = out > 0
                continue
            if gap:
                buf[out] = 32
                out += 1
                gap = False
            buf[out] = k
            out += 1
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, out)
    finally:
        PyMem_Free(buf)


cdef str _key_of(str text):
    k = _key(text, 0, len(text))
    return rules.key(text) if k is None else k


def paragraph_key(str text):
    """:func:`rules.key`, in C where the table covers the text."""
    return _key_of(text)


cdef bint _is_plain(str text, str key, int n):
    """No rule could take the line (:class:`rules.Screens`): no phrase sign in its key, nor what any mark
    rule or the caption rule needs; tested in C or through the rules' compiled patterns, in the order
    :class:`rules.Facts` applies them. A line that meets one goes to :class:`rules.Facts`."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i, length = len(text)
    cdef Py_UCS4 c
    cdef bint mark = False, at = False, digit = False, crumb = False, colon = False, paren = False
    if not key or PyUnicode_READ(kind, data, 0) == 0xa9:  # ©
        return False
    phrases = starts_by_head.get(key[:HEAD])
    if phrases is not None and key.startswith(phrases):
        return False
    for phrase in contained:
        if PyUnicode_Contains(key, phrase):
            return False
    for i in range(length):
        c = PyUnicode_READ(kind, data, i)
        if _decimal(c):
            digit = mark = True
        elif c == 0x40:  # @
            at = mark = True
        elif c == 0x29:  # )
            if i >= length - 8:
                paren = True
        elif c == 0x3a:  # :
            colon = mark = True
        elif c == 0x2f or c == 0xbb or c == 0x3e or c == 0x203a or c == 0x7c:  # / » > › |
            crumb = mark = True
    if n <= POST_MAX_WORDS and (n <= LABEL_MAX_WORDS and mark or at or digit):
        if digit and n <= STAMP_MAX_WORDS and _may_be_stamp(text, key):  # a stamp has a date or a time
            folded = fold(text)
            if time_search(folded) is not None:
                return False
            for search in date_searches:
                if search(folded) is not None:
                    return False
        if digit and n <= 4 and counter_match(key) is not None:
            return False
        if n <= LABEL_MAX_WORDS and (crumb and _starts_with_category(text) or colon and _starts_with_label(key)):
            return False
        if at or digit:
            for match in post_matches:
                if match(text) is not None:
                    return False
    if n <= CAPTION_MAX_WORDS and (paren and _ends_with_bracket(text) or key.startswith(caption_keys)):
        return False
    return True


cdef bint _may_be_stamp(str text, str key):
    """What a stamp's date or time needs in the folded line (:data:`rules.Screens.dates`, ``time``): digits
    joined by -, / or . twice, a digit before a colon, or a month's name among the words."""
    cdef int kind = PyUnicode_KIND(text), f
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    cdef int joins = 0  # separators in the current run of digit groups
    cdef bint after_digit = False, after_join = False
    for i in range(len(text)):
        c = PyUnicode_READ(kind, data, i)
        f = _folded(c)
        if f == UNKNOWN:
            return True
        if f == DROPPED:
            continue
        if 0x30 <= f <= 0x39:
            if after_join:
                joins += 1
                if joins >= 2:
                    return True
            after_digit, after_join = True, False
        elif f == 0x3a:  # :
            if after_digit:
                return True
            after_digit = after_join = False
            joins = 0
        elif (f == 0x2d or f == 0x2f or f == 0x2e) and after_digit:  # - / .
            after_digit, after_join = False, True
        else:
            after_digit = after_join = False
            joins = 0
    for word in key.split():
        if word in month_words:
            return True
    return False


cdef bint _starts_with_category(str text):
    """A breadcrumb's first part (the text up to a / » > › | with letters in it) is a section name."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t start = 0, i, n = len(text)
    cdef Py_UCS4 c
    for i in range(n + 1):
        c = PyUnicode_READ(kind, data, i) if i < n else 0x7c
        if c == 0x2f or c == 0xbb or c == 0x3e or c == 0x203a or c == 0x7c:
            part = _key(text, start, i)
            if part is None:
                part = rules.key(text[start:i])
            if part:
                return part in categories
            start = i + 1
    return False


cdef bint _starts_with_label(str key):
    """A source line's key is a source label, or starts with one and a space."""
    for label in source_labels:
        if key == label or key.startswith(label + u" "):
            return True
    return False


cdef bint _ends_with_bracket(str text):
    """The line's last character that folding keeps and is not a space is ")" (or folding is not known
    for it here: asked of the rules)."""
    cdef int kind = PyUnicode_KIND(text), k
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i = len(text) - 1
    cdef Py_UCS4 c
    while i >= 0:
        c = PyUnicode_READ(kind, data, i)
        k = _keyed(c)
        if k == UNKNOWN:
            return True
        if k != DROPPED and not _space(c):
            return c == 0x29
        i -= 1
    return False


cdef str _shape(str text):
    """The line with each digit made 0 (:func:`marsad.clean.page._shape`)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i, n = len(text)
    cdef Py_UCS4 c
    cdef Py_UCS4 *buf = <Py_UCS4 *> PyMem_Malloc((n + 1) * sizeof(Py_UCS4))
    if buf == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            buf[i] = 0x30 if _decimal(c) else c
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, n)
    finally:
        PyMem_Free(buf)


cdef bint _has_digit(str text):
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i
    for i in range(len(text)):
        if _decimal(PyUnicode_READ(kind, data, i)):
            return True
    return False


cdef dict _FACTS = {}
cdef dict _SHAPES = {}


cdef LineFacts _judge(str text):
    """The facts of a short line not seen before (:func:`marsad.clean.page.line_facts`)."""
    cdef LineFacts f, template
    cdef int n
    if len(_FACTS) >= CACHE_SIZE:
        _FACTS.clear()
        _SHAPES.clear()
    cdef bint digits = len(text) <= SHAPE_MAX and _has_digit(text)
    if digits:
        found = _SHAPES.get(_shape(text))
        if found is not None:
            template = <LineFacts> found
            if template.date_at is None:
                _FACTS[text] = template
                return template
            date = template.source.date_for(text)  # as rules.Facts.dated
            if date is not None:
                f = _dated(template, text, date)
                _FACTS[text] = f
                return f
    key = _key_of(text)
    n = key.count(u" ") + 1 if key else 0
    if _is_plain(text, key, n):
        f = _plain(text, key, n)
        if n > PLAIN_CACHED_WORDS:  # body text: not met again, not kept
            return f
    else:
        facts = rules.Facts(text, key)
        f = _from_rules(facts)
        if digits and (facts.date_at is not None or facts.digit_free()):
            _SHAPES[_shape(text)] = f
    _FACTS[text] = f
    return f


def clean_article(article, settings=DEFAULT):
    """:func:`marsad.clean.page.clean_article`."""
    cdef str raw = article.raw
    cdef int kind = PyUnicode_KIND(raw)
    cdef void *data = PyUnicode_DATA(raw)
    cdef Py_ssize_t n = len(raw), start = 0, end, a, b, i, m, pos = 0, stop, sep = len(PARAGRAPH_SEP)
    cdef list texts = [], facts = []
    while start <= n:
        end = PyUnicode_FindChar(raw, 0xa, start, n, 1)
        if end < 0:
            end = n
        a, b = start, end
        while a < b and _space(PyUnicode_READ(kind, data, a)):
            a += 1
        while b > a and _space(PyUnicode_READ(kind, data, b - 1)):
            b -= 1
        if b > a:
            text = raw[a:b]
            texts.append(text)
            if b - a > MAX_FURNITURE_CHARS:
                facts.append(None)
            else:
                f = _FACTS.get(text)
                facts.append(_judge(text) if f is None else f)
        start = end + 1
    kinds, dropped, posts = _classify(article, texts, facts, settings)
    if posts:
        texts, kinds, dropped, posts = attach_posts(texts, kinds, dropped, posts)
    m = len(texts)
    content = [i for i in range(m) if dropped[i] is None and (kinds[i] == u"body" or kinds[i] == u"embedded_post")]
    if len(content) > 1:
        paragraphs = [texts[i] for i in content]
        partners = _candidates(paragraphs)
        if partners:
            for i, reason in repeats.decide(paragraphs, partners, settings.repeat_containment, paragraph_key).items():
                dropped[content[i]] = reason
    kept = [i for i in range(m) if dropped[i] is None]
    for i in kept:
        if kinds[i] != u"title":
            break
    else:
        raise MarsadError("E010")
    article.text = PARAGRAPH_SEP.join([texts[i] for i in kept])
    paragraphs_out = article.paragraphs
    for i in kept:
        stop = pos + len(<str> texts[i])
        post = posts.get(i) if posts else None
        paragraphs_out.append(_paragraph(pos, stop, kinds[i]) if post is None else
                              Paragraph(pos, stop, kinds[i], post.platform, post.author, post.handle, post.date))
        pos = stop + sep
    if not article.title:
        article.title = None
        for i in kept:
            if kinds[i] == u"title":
                article.title = texts[i]
                break
    article.removed = [_removed(texts[i], dropped[i]) for i in range(m) if dropped[i] is not None]
    article.raw = u""
    return article


cdef tuple NO_ARGS = ()


cdef object _paragraph(Py_ssize_t start, Py_ssize_t end, str kind):
    """``Paragraph(start, end, kind)``, made by its type and its fields set directly (its __init__ is
    Python)."""
    p = (<PyTypeObject *> Paragraph).tp_new(Paragraph, <PyObject *> NO_ARGS, NULL)
    p.start, p.end, p.kind = start, end, kind
    p.platform = p.author = p.handle = p.date = None
    return p


cdef object _removed(str text, str reason):
    r = (<PyTypeObject *> Removed).tp_new(Removed, <PyObject *> NO_ARGS, NULL)
    r.text, r.reason = text, reason
    return r


cdef tuple _classify(article, list texts, list facts, settings):
    """:func:`marsad.clean.page._classify`."""
    cdef Py_ssize_t i, count = len(texts)
    cdef LineFacts f
    cdef bint in_header = True, in_related = False, have_title = False
    cdef int related_max = settings.related_max_words, title_min = settings.title_min_words
    cdef int title_max = settings.title_max_words, body_min = settings.body_min_words, n_words
    cdef list kinds = [u"body"] * count
    cdef list dropped = [None] * count
    cdef dict posts = {}
    title_key = _key_of(article.title) if article.title else None
    for i in range(count):
        if facts[i] is None:  # a line too long for furniture: body text, or a copyright line
            if (<str> texts[i])[0] == u"©":
                dropped[i] = u"footer"
            else:
                in_related = in_header = False
            continue
        f = <LineFacts> facts[i]
        reason = f.furniture
        if in_related:
            if reason is not None or (f.n_words <= related_max and not f.ends_with_period()):
                dropped[i] = reason or u"related"
                continue
            in_related = False
        if reason is not None:
            dropped[i] = reason
            in_related = f.related_heading
            continue
        if f.marks is not None:
            dropped[i] = f.marks
            if f.date and not article.published:
                article.published, article.published_how = f.date, u"header"
            continue
        if f.post is not None:
            posts[i] = f.post  # joined to its post afterwards
            continue
        if f.caption:
            kinds[i] = u"caption"
            continue
        if title_key is not None and not have_title and f.key == title_key:
            kinds[i] = u"title"
            have_title, in_header = True, False
            continue
        if not in_header:
            continue
        byline, sentence, dateline, category = f.header()
        n_words = f.n_words
        if byline:
            dropped[i] = u"byline"
        elif (title_key is None and not have_title and title_min <= n_words <= title_max
              and not sentence and not dateline):
            kinds[i] = u"title"
            have_title = True
        elif n_words <= 3:
            dropped[i] = u"category" if category else u"dateline" if dateline else u"header_label"
        elif n_words >= body_min or sentence:
            in_header = False
    return kinds, dropped, posts


cdef u64 FNV_OFFSET = 0xcbf29ce484222325  # 64-bit FNV-1a
cdef u64 FNV_PRIME = 0x100000001b3
cdef u64 WORD_MARK = 0x110000  # mixed in between words: not a character


cdef u64 _start(str paragraph):
    """:func:`marsad.clean.repeats._starts` for one paragraph, as a 64-bit hash of its first START_WORDS
    folded words (paragraphs that begin alike hash alike; an accidental equal hash only adds a candidate,
    which :func:`repeats.decide` then compares)."""
    cdef int kind = PyUnicode_KIND(paragraph), k, words = 0
    cdef void *data = PyUnicode_DATA(paragraph)
    cdef Py_ssize_t i, n = len(paragraph)
    cdef Py_UCS4 c
    cdef u64 h = FNV_OFFSET
    cdef bint inside = False
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        k = _keyed(c)
        if k == UNKNOWN:
            return _words_hash(fold_key(paragraph).split(None, START_WORDS)[:START_WORDS])
        if k == DROPPED:
            continue
        if k == 32:
            inside = False
            continue
        if not inside:
            if words == START_WORDS:
                break
            if words:
                h = (h ^ WORD_MARK) * FNV_PRIME
            words += 1
            inside = True
        h = (h ^ <u64> k) * FNV_PRIME
    return h


cdef u64 _words_hash(list words):
    """:func:`_start`'s hash of words already split."""
    cdef u64 h = FNV_OFFSET
    cdef Py_UCS4 c
    for w, word in enumerate(words):
        if w:
            h = (h ^ WORD_MARK) * FNV_PRIME
        for c in <str> word:
            h = (h ^ <u64> c) * FNV_PRIME
    return h


cdef object _probe(str paragraph):
    """:func:`marsad.clean.repeats._probe`: the PROBE_WORDS words from the middle, as published."""
    cdef int kind = PyUnicode_KIND(paragraph)
    cdef void *data = PyUnicode_DATA(paragraph)
    cdef Py_ssize_t length = len(paragraph), i, begin
    cdef int words = 0
    begin = paragraph.rfind(u" ", 0, length // 2) + 1
    i = begin
    while True:
        if i >= length or _space(PyUnicode_READ(kind, data, i)):
            return None
        while i < length and not _space(PyUnicode_READ(kind, data, i)):
            i += 1
        words += 1
        if i >= length:
            return None
        if words == PROBE_WORDS:
            return paragraph[begin:i]
        while i < length and _space(PyUnicode_READ(kind, data, i)):
            i += 1


cdef inline unsigned int _sign(Py_UCS4 first, Py_UCS4 last, Py_ssize_t length) noexcept:
    """A word's first and last characters and its length, folded into FILTER_BITS bits."""
    return (<unsigned int> first * 31 + <unsigned int> last * 7 + <unsigned int> length) & (FILTER_BITS - 1)


ctypedef unsigned char ucs1
ctypedef unsigned short ucs2

ctypedef fused uchar:  # the three widths a str keeps its characters in
    ucs1
    ucs2
    Py_UCS4


cdef Py_ssize_t _hits(uchar *chars, Py_ssize_t n, unsigned char *seen, Py_ssize_t *hits) noexcept:
    """The starts of the words whose sign is in ``seen``, into ``hits``; how many."""
    cdef Py_ssize_t a = 0, e, count = 0
    cdef unsigned int h
    while a < n:
        if _space(chars[a]):
            a += 1
            continue
        e = a + 1
        while e < n and not _space(chars[e]):
            e += 1
        h = _sign(chars[a], chars[e - 1], e - a)
        if seen[h >> 3] & (1 << (h & 7)):
            hits[count] = a
            hits[count + 1] = e
            count += 2
        a = e
    return count


cdef set _probed(list paragraphs):
    """:func:`marsad.clean.repeats._probed`, in one pass over the page: only at a word that could be the
    first word of some probe (its first and last characters and length, looked up in a bit table) are
    those probes tested in place; so the time grows with the page, not with the page times its
    paragraphs."""
    cdef set pairs = set()
    cdef str text = u"\n".join(paragraphs)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = len(text), count = len(paragraphs), i, j = 0, a, e, h, found_count, length, next_start, q
    cdef unsigned int sign
    cdef unsigned char seen[FILTER_BYTES]
    cdef dict by_word = {}
    cdef Py_ssize_t *hits
    memset(seen, 0, FILTER_BYTES)
    for i in range(count):
        probe = _probe(paragraphs[i])
        if probe is not None:
            first = (<str> probe).split(None, 1)[0]
            sign = _sign(first[0], first[len(first) - 1], len(first))
            seen[sign >> 3] |= 1 << (sign & 7)
            by_word.setdefault(first, []).append((i, probe))
    if not by_word:
        return pairs
    hits = <Py_ssize_t *> PyMem_Malloc((n + 2) * sizeof(Py_ssize_t))
    if hits == NULL:
        raise MemoryError()
    try:
        if kind == 1:
            found_count = _hits(<ucs1 *> data, n, seen, hits)
        elif kind == 2:
            found_count = _hits(<ucs2 *> data, n, seen, hits)
        else:
            found_count = _hits(<Py_UCS4 *> data, n, seen, hits)
        next_start = len(<str> paragraphs[0]) + 1
        for h in range(0, found_count, 2):
            a, e = hits[h], hits[h + 1]
            found = by_word.get(text[a:e])
            if found is None:
                continue
            while next_start <= a:  # words come in order: so does the paragraph they are in
                j += 1
                next_start += len(<str> paragraphs[j]) + 1 if j + 1 < count else n + 1
            for i, probe in found:
                length = len(<str> probe)
                q = a + length
                if i != j and q <= n and (q == n or _space(PyUnicode_READ(kind, data, q))) and \
                        PyUnicode_Tailmatch(text, probe, a, q, -1):
                    pairs.add((i, j) if i < j else (j, i))
    finally:
        PyMem_Free(hits)
    return pairs


cdef dict _candidates(list paragraphs):
    """:func:`marsad.clean.repeats._candidates`."""
    cdef Py_ssize_t count = len(paragraphs), i, j
    cdef set pairs = set()
    cdef dict by_start = {}
    for i in range(count):
        by_start.setdefault(_start(paragraphs[i]), []).append(i)  # a hash of the first words
    for same in by_start.values():
        if len(same) > 1:
            for i in range(len(same)):
                for j in range(i + 1, len(same)):
                    pairs.add((same[i], same[j]))
    if count <= MAX_NEAR_COMPARE:
        pairs.update(_probed(paragraphs))
    cdef dict partners = {}
    for i, j in sorted(pairs):
        partners.setdefault(i, []).append(j)
        partners.setdefault(j, []).append(i)
    return partners
