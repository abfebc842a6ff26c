"""What a saved page's markup says about its article beyond the main text: the headline, the site's name, the
publication date and the standfirst, and which lines of the main text are page furniture by their place in the
markup. Read from the page alone (nothing is ever downloaded).

The page is read as a stream of lines in document order (a block element or a ``<br>`` ends a line), each with
the element it sits in and whether all of it is link text. Three places in that stream matter: the headline,
where the main text starts (the first paragraph of the text the extractor found), and the part between them,
where a page puts its date line, byline and standfirst: a date there is the article's own, unlike a
masthead's "today" above the headline or a copyright year in the footer.

``published_how`` (see ``docs/export.schema.json``) is ``metadata`` when the date comes from the article's
markup (``article:published_time`` and the other publication-date metas, JSON-LD ``datePublished``,
``itemprop=datePublished``/``dateCreated`` of the article's own item, a ``<time datetime>`` between the headline
and the text) and ``visible`` when it comes from the date line printed between the headline and the text. A date
stated without its day gives none. htmldate, as trafilatura runs it (``extensive_search=True``), searches the
page's text when the markup has no date: it takes the masthead's "today" or makes 1 January of a copyright year;
here it is asked only when neither the markup nor a date line gives a date, without that search
(``extensive_search=False, original_date=True``), and its answer is kept only if the page's metadata states that
day.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from htmldate import find_date
from lxml import etree  # type: ignore[import-untyped]  # lxml comes with trafilatura; it has no type stubs here
from lxml import html as lxml_html

from marsad.arabic import fold, fold_key
from marsad.arabic.calendar import iso_date, parse_absolute
from marsad.settings import Settings

# a stated publication year before this is no Gregorian one: a Hijri year (1439) read as if it were (the calendar
# module converts Hijri dates it recognises; a bare "07/07/1439" must not become a Gregorian date)
EARLIEST_YEAR = 1900

_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, collect_ids=False,
                               default_doctype=False)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
# elements whose text is never page text, and those that end a line
_SKIP = frozenset("script style noscript template svg iframe select option button textarea object embed canvas "
                  "title meta link head".split())
_BLOCK = frozenset("address article aside blockquote body center dd details dialog dir div dl dt fieldset "
                   "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre "
                   "section summary table tbody td tfoot th thead tr ul caption".split())
_HEADINGS = ("h1", "h2", "h3")
# what a page's class and id names call its parts (markup vocabulary, matched between non-letters: "b-article__lead",
# "field-op-subtitle", "subTitle"; "selectionShareable" is not "share")
_LEAD = re.compile(r"(?<![a-z])(?:lead|standfirst|sub-?title|summary|intro|excerpt|description|abstract|deck|dek"
                   r"|chapo|strapline)(?![a-z])")
_FURNITURE = re.compile(r"(?<![a-z])(?:author|authors|byline|writer|writeby|reporter|credits?|copyright|share|sharing"
                        r"|social|related|tags|keywords|shorturl|short-url|copylink|copy-link|comments?|breadcrumbs?)"
                        r"(?![a-z])")
# (a prefix: "imgcontainer", "article_image", "picture")
_CAPTION = re.compile(r"(?<![a-z])(?:img|image|photo|pic|fig(?:ure|caption)|caption|gallery|slide|thumbnail)")
_HEADLINE = re.compile(r"(?<![a-z])(?:headline|title)(?![a-z])")
_LOGO = re.compile(r"(?<![a-z])logo")
# a site's name is no address: "https://akhbarelyom.com/", "CNNArabic.com", "www.alyaum.com"
_ADDRESS = re.compile(r"://|^www\.|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/?$", re.I)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# what joins a headline to the site's name or section in a title: " - ", " | ", " – ", " :: ", " : ", " » "
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-|–—:»·~]{1,2})\s+")
# an ISO-like date and time as metadata writes it, with its zone: "2020-12-01 02:00:00", "2018-3-18T11:23:3Z+1",
# "20200924T10:04:34Z"
_ISO = re.compile(r"^\s*(\d{4})-?(\d{1,2})-?(\d{1,2})(?=$|[T\s])"
                  r"(?:[T\s]+\d{1,2}:\d{1,2}(?::\d{1,2})?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_UTC = frozenset({"Z", "+00:00", "+0000", "-00:00", "-0000"})
# numeric dates written with spaces around their separators ("24 - 08 - 2020", "١ / ١٢ / ٢٠٢٠") or year first
# ("2020/12/25"): the calendar module reads the others
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)")
# the metas and microdata that hold a publication date (never a modification date), by the name, property or
# itemprop they carry (lower-cased)
_PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "og:published_time", "datepublished",
                   "datecreated", "pubdate", "publishdate", "publish-date", "publish_date", "published_time",
                   "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created", "dc:date", "dc:created",
                   "dcterms:created", "sailthru.date", "parsely-pub-date", "article.published",
                   "originalpublicationdate", "date")
_MODIFIED = re.compile(r"modif|updat|revis|expir", re.I)


def flat(text: str | None) -> str:
    return " ".join((text or "").split())


def key(text: str | None) -> str:
    """Folded letters and digits, one space between words: how names and titles are compared."""
    return " ".join(fold_key(text or "").split())


@dataclass
class PageFacts:
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_how: str | None = None  # metadata | visible
    lead: list[str] = field(default_factory=list)  # the standfirst's lines, to go before the text
    lead_at: int = 0  # the line of the main text it goes before
    furniture: set[int] = field(default_factory=set)  # lines of the main text the markup shows are no text


@dataclass(slots=True)
class _Line:
    text: str
    element: etree._Element  # the innermost element its first words are in
    all_link: bool  # every word of it is link text


def parse(markup: str) -> etree._Element | None:
    try:
        return lxml_html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def read_page(markup: str, main: list[str], settings: Settings, url: str | None = None) -> PageFacts:
    """The facts of one page whose main text (one paragraph a line) the extractor found as ``main``."""
    facts = PageFacts()
    root = parse(markup)
    if root is None:
        return facts
    metas = _metas(root)
    objects = _json_ld(root)
    titles = _meta_titles(root, metas, objects)
    heading = _carried_heading(root, titles)
    names = _site_names(root, metas, titles, heading, url, settings)
    facts.outlet = _outlet(names)
    facts.title, heading = _headline(root, titles, heading, names, settings)
    lines, headline_end, time_elements = _stream(root, heading)
    if headline_end is None and facts.title:
        title_key = key(facts.title)
        headline_end = next((i + 1 for i, line in enumerate(lines)
                             if not line.all_link and key(line.text) == title_key), None)
    aligned = _align(main, lines, headline_end or 0)
    start = _body_start(main, aligned, -1 if headline_end is None else headline_end, settings)
    body_line = aligned[start] if start is not None else None
    container = _container(main, aligned, lines, settings)
    zone = _zone(lines, headline_end, body_line, container, settings)
    times = [value for value, at in time_elements if zone.start <= at <= zone.stop] if headline_end is not None else []
    facts.furniture = _furniture(main, aligned, lines, container, facts.title, settings)
    facts.lead, facts.lead_at = _lead(main, aligned, zone, lines, container, settings)
    date_line = _visible_date(zone, lines, settings)
    if date_line:  # the page's date line is no text of the article's (the cleaner would drop it as a stamp)
        facts.furniture |= {i for i, place in enumerate(aligned) if place == date_line[1]}
    anchors = [el for el in (heading, _deepest(container)) if el is not None]
    stamps = _markup_dates(root, metas, objects, times, anchors)
    facts.published, facts.published_how = _published(root, stamps, date_line[0] if date_line else None,
                                                      metas, objects, url)
    return facts


def _deepest(chain: set[etree._Element]) -> etree._Element | None:
    """The element of an ancestor chain that is below all the others."""
    return next((el for el in chain if not any(child in chain for child in el)), None)


# -- what the head says -------------------------------------------------------------------------------------------

def _metas(root: etree._Element) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of every meta in the page, head or body (a stray text in a head sends the rest
    of it to the body), by its property, name or itemprop (lower-cased), in document order."""
    out = []
    for m in root.iter("meta"):
        content = m.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            name = m.get(attr)
            if name:
                out.append((attr, name.strip().lower(), content.strip()))
    return out


def _meta(metas: list[tuple[str, str, str]], *names: str, itemprop: bool = True) -> list[str]:
    """The values of the metas of these names (those named by itemprop too, unless not ``itemprop``)."""
    return [v for attr, k, v in metas if k in names and v and (itemprop or attr != "itemprop")]


def _json_ld(root: etree._Element) -> list[dict]:
    """The JSON-LD objects of the page: each top-level one and each in an ``@graph``."""
    out: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict):
                continue
            out.append(item)
            graph = item.get("@graph")
            out += [g for g in graph if isinstance(g, dict)] if isinstance(graph, list) else []
    return out


def _meta_titles(root: etree._Element, metas: list[tuple[str, str, str]], objects: list[dict]) -> list[str]:
    """What the page's metadata gives as its title, og:title first, then the document's <title>."""
    found = _meta(metas, "og:title", "twitter:title", "headline")
    found += [t.text_content() for t in root.iter("title")]
    found += [o["headline"] for o in objects if isinstance(o.get("headline"), str)]
    out: list[str] = []
    for t in map(flat, found):
        if t and t not in out:
            out.append(t)
    return out


def _text(el: etree._Element) -> str:
    return flat(el.text_content())


def _carries(title: str, heading: str) -> bool:
    """Whether a title is the heading, or the heading with a site's or section's name before or after it."""
    t, h = key(title), key(heading)
    return bool(h) and f" {h} " in f" {t} "


def _carried_heading(root: etree._Element, titles: list[str]) -> etree._Element | None:
    """The headline element: the longest of the page's headings (h1 to h3, ``itemprop=headline``) that a
    metadata title carries. A site's logo or a section label in a heading may be carried too ("headline -
    Section - Site"), but it is shorter than the headline; a one-word heading is none."""
    if not titles:
        return None
    headings = [h for h in root.iter(*_HEADINGS)] + root.xpath("//*[@itemprop='headline']")
    carried = [h for h in headings if len(key(_text(h)).split()) >= 2 and any(_carries(t, _text(h)) for t in titles)]
    return max(carried, key=lambda h: len(key(_text(h)))) if carried else None


def _affixes(title: str, headline: str) -> tuple[str, str]:
    """What a title has before and after the headline (folded keys of both sides)."""
    t, h = f" {key(title)} ", f" {key(headline)} "
    at = t.find(h)
    return (t[:at].strip(), t[at + len(h):].strip()) if at >= 0 else ("", "")


def _segments(text: str) -> list[str]:
    return [s for s in (flat(p) for p in _TITLE_SEPARATOR.split(f" {text} ")) if s]


def _site_names(root: etree._Element, metas: list[tuple[str, str, str]], titles: list[str],
                heading: etree._Element | None, url: str | None, settings: Settings) -> list[tuple[str, str]]:
    """Names the page gives the site, best first, each with where it is from: og:site_name, the brand a title
    puts before or after the headline (the outermost part: "headline - section - section - Site"), a title too
    short for a headline, the application's name, the logo's text, the host."""
    names: list[tuple[str, str]] = []
    sections: set[str] = set()
    headline = _text(heading) if heading is not None else None
    for title in titles:
        if headline and _carries(title, headline) and key(title) != key(headline):
            before, after = _affixes(title, headline)
            parts = _segments(title)  # a brand is a part of its own: "Coronavírus: headline" has none
            if after and len(parts) > 1 and f" {after}".endswith(f" {key(parts[-1])}"):
                names.append((parts[-1], "title"))
                sections |= {key(p) for p in parts[1:-1]}
            if before and len(parts) > 1 and f"{before} ".startswith(f"{key(parts[0])} "):
                names.append((parts[0], "title"))
                sections |= {key(p) for p in parts[1:-1]}
        elif len(key(title).split()) < settings.title_min_words:
            names.append((title, "title"))  # a title that is only the site's name ("الخبر")
    # og:site_name first, unless it is a section's name in the title ("headline - Economia - iG")
    names[:0] = [(n, "og") for n in _meta(metas, "og:site_name") if key(n) not in sections]
    names += [(n, "application") for n in _meta(metas, "application-name")]
    host = _host(root, metas, url)
    logo = _logo(root, host, settings)
    if logo:
        names.append((logo, "logo"))
    if host:
        names.append((host, "host"))
    return [(flat(n), how) for n, how in names if how == "host" or _is_name(n, settings)]


def _is_name(name: str, settings: Settings) -> bool:
    """Whether a string can be a site's name: no address, copyright line or date, and a label's length."""
    n = flat(name)
    return (bool(key(n)) and not _ADDRESS.search(n) and "©" not in n
            and len(key(n).split()) <= settings.label_max_words and date_in_line(n) is None)


def _logo(root: etree._Element, host: str | None, settings: Settings) -> str | None:
    """The name the site's logo shows: the first element named for a logo (class or id) that links to the
    site's home page (it is, is in or holds a link to "/" or to the page's own host), by its text or its image's
    alt; none if that shows no name (digits, the word "logo", a slogan's words)."""
    for el in root.iter():
        if not isinstance(el.tag, str) or not _LOGO.search(f"{el.get('class') or ''} {el.get('id') or ''}".lower()):
            continue
        link = el if el.tag == "a" else next(el.iterancestors("a"), None)
        link = link if link is not None else next(el.iter("a"), None)
        if link is None or not _home(link.get("href") or "", host):
            continue
        text = _visible_text(el) or next((flat(img.get("alt")) for img in el.iter("img") if flat(img.get("alt"))), "")
        if text and _is_name(text, settings) and "logo" not in key(text).split() and not re.search(r"\d", text):
            return text
        return None
    return None


def _home(href: str, host: str | None) -> bool:
    """Whether a link leads to the home page of the site (of ``host`` when it is known)."""
    parts = urlsplit(href.strip())
    if parts.path not in ("", "/") or parts.query:
        return False
    if parts.hostname:
        return host is None or parts.hostname.removeprefix("www.") == host
    return bool(href.strip())


def _visible_text(el: etree._Element) -> str:
    """An element's text as shown (no script, style or svg)."""
    out: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        if event == "start":
            if isinstance(node.tag, str) and node.tag in _SKIP:
                walker.skip_subtree()
            elif node.text:
                out.append(node.text)
        elif node is not el and node.tail:
            out.append(node.tail)
    return flat(" ".join(out))


def _host(root: etree._Element, metas: list[tuple[str, str, str]], url: str | None) -> str | None:
    links = [link.get("href") for link in root.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    for candidate in [url, *_meta(metas, "og:url"), *links]:
        if candidate:
            host = urlsplit(candidate.strip()).hostname
            if host:
                return host.removeprefix("www.")
    return None


def _outlet(names: list[tuple[str, str]]) -> str | None:
    """The site's name: the best the page gives; of a name in two scripts, the Arabic part; and in Arabic letters
    when the page also names the site in both scripts at once (a logo's "الصباح | Assabah" beside the
    og:site_name "Assabah News")."""
    if not names:
        return None
    best = names[0][0]
    if _ARABIC.search(best):
        return next(p for p in _segments(best) + [best] if _ARABIC.search(p))
    for name, how in names[1:]:
        parts = _segments(name)
        arabic = [p for p in parts if _ARABIC.search(p)]
        if how != "host" and arabic and len(arabic) < len(parts):
            return arabic[0]
    return best


def _headline(root: etree._Element, titles: list[str], heading: etree._Element | None,
              names: list[tuple[str, str]], settings: Settings) -> tuple[str | None, etree._Element | None]:
    """The headline as displayed, and its element when it is known: the heading a title carries; else a
    metadata title that another carries with the site's name; else a title without the site's name before or
    after it; else the heading the page names as its title; else a title that is not the site's name."""
    if heading is not None:
        return _text(heading), heading
    site = {key(n) for n, _ in names}
    for title in titles:
        shorter = [t for t in titles if t != title and _carries(title, t) and key(t) not in site]
        if shorter:
            return min(shorter, key=len), None
    for title in titles:
        stripped = _without_site(title, site)
        if stripped != title and key(stripped) not in site:
            return stripped, None
    for el in root.iter(*_HEADINGS):
        n = len(key(_text(el)).split())
        if (_HEADLINE.search(f"{el.get('class') or ''} {el.get('id') or ''}".lower())
                and settings.title_min_words <= n and not _in(el, ("header", "nav", "footer", "aside"))):
            return _text(el), el
    for title in titles:
        if key(title) not in site and len(key(title).split()) >= settings.title_min_words:
            return title, None
    return None, None


def _without_site(title: str, site: set[str]) -> str:
    """A title with the parts before or after it that are the site's name taken off ("مصرس : headline")."""
    pieces = re.split(f"({_TITLE_SEPARATOR.pattern})", title)  # segment, separator, segment, ...
    while len(pieces) > 2 and key(pieces[-1]) in site:
        pieces = pieces[:-2]
    while len(pieces) > 2 and key(pieces[0]) in site:
        pieces = pieces[2:]
    return flat("".join(pieces))


def _in(el: etree._Element, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


# -- the page as lines --------------------------------------------------------------------------------------------

def _stream(root: etree._Element, headline: etree._Element | None
            ) -> tuple[list[_Line], int | None, list[tuple[str, int]]]:
    """The page's visible text as lines in document order; the line after the headline's; and each
    ``<time datetime>`` with the line it comes before (an empty one, filled by a script on the live page, too)."""
    lines: list[_Line] = []
    words: list[str] = []
    linked: list[bool] = []
    first: list[etree._Element] = []
    times: list[tuple[str, int]] = []
    headline_end: int | None = None
    links = 0

    def flush() -> None:
        text = flat(" ".join(words))
        if text:
            lines.append(_Line(text, first[0], all(linked)))
        words.clear()
        linked.clear()
        first.clear()

    def add(text: str | None, owner: etree._Element) -> None:
        if text and text.strip():
            if not first:
                first.append(owner)
            words.append(text)
            linked.append(links > 0)

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP:
                walker.skip_subtree()
                continue
            if tag in _BLOCK or tag == "br":
                flush()
            if tag == "a":
                links += 1
            elif tag == "time" and el.get("datetime"):
                times.append((el.get("datetime") or "", len(lines)))
            add(el.text, el)
            continue
        if tag == "a":
            links -= 1
        if tag in _BLOCK:
            flush()
        if el is headline:
            flush()
            headline_end = len(lines)
        parent = el.getparent()
        if parent is not None:
            add(el.tail, parent)
    flush()
    return lines, headline_end, times


def _align(main: list[str], lines: list[_Line], start: int) -> list[int | None]:
    """For each line of the main text, the page line it is (in order; searched from the headline on first, so a
    ticker's copy of the headline above it is not taken), or None."""
    out: list[int | None] = []
    index: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        index.setdefault(line.text, []).append(i)
    at = start
    for text in main:
        places = index.get(flat(text), [])
        after = next((i for i in places if i >= at), None)
        if after is not None:
            at = after + 1
        out.append(after if after is not None else (places[0] if places else None))
    return out


def _body_start(main: list[str], aligned: list[int | None], after: int, settings: Settings) -> int | None:
    """The main text's first paragraph after the headline (a date line or a byline is no paragraph)."""
    for i, text in enumerate(main):
        place = aligned[i]
        if place is not None and place >= after and _paragraph(text, settings):
            return i
    return None


def _paragraph(text: str, settings: Settings) -> bool:
    """A line that is text: enough words (an address is one, however many its key has), and not a date line
    ("نشر في اليوم السابع يوم 24 - 08 - 2020" has eight)."""
    n = min(len(text.split()), len(key(text).split()))
    return n >= settings.body_min_words and (n > settings.stamp_max_words or date_in_line(text) is None)


def _container(main: list[str], aligned: list[int | None], lines: list[_Line], settings: Settings
               ) -> set[etree._Element]:
    """The element holding the main text's paragraphs, and its ancestors."""
    common: list[etree._Element] | None = None
    for i, text in enumerate(main):
        place = aligned[i]
        if place is None or not _paragraph(text, settings):
            continue
        chain = [lines[place].element, *lines[place].element.iterancestors()][::-1]
        if common is None:
            common = chain
        else:
            n = 0
            while n < min(len(common), len(chain)) and common[n] is chain[n]:
                n += 1
            common = common[:n]
    return set(common or [])


def _zone(lines: list[_Line], headline_end: int | None, body_line: int | None, container: set[etree._Element],
          settings: Settings) -> range:
    """The lines between the headline and the text: up to the main text's first paragraph, or the page's second
    paragraph after the headline if that comes sooner (a standfirst may come first, named for one or not; the
    extractor may have taken the wrong block for the text, or written its lines otherwise)."""
    if headline_end is None:
        return range(0)
    end = body_line if body_line is not None and body_line >= headline_end else len(lines)
    seen = 0
    for i in range(headline_end, end):
        line = lines[i]
        if not line.all_link and _paragraph(line.text, settings) and not _standfirst(line, container):
            seen += 1
            if seen == 2:
                return range(headline_end, i)
    return range(headline_end, end)


def _own_names(el: etree._Element, container: set[etree._Element]) -> Iterator[str]:
    """The tag, class, id, itemprop and rel of an element and of its ancestors below the main text's container:
    the names of the part of the page it is in (the container's own names are the article's, not this part's)."""
    for node in [el, *el.iterancestors()]:
        if node in container:
            return
        yield " ".join(str(node.get(a) or "") for a in ("class", "id", "itemprop", "rel")).lower() + f" {node.tag}"


def _furniture(main: list[str], aligned: list[int | None], lines: list[_Line], container: set[etree._Element],
               title: str | None, settings: Settings) -> set[int]:
    """Lines of the main text that are no article text by their place: a short line that is all one link (a
    related item, "read it at its source") or in a part of the page named for a byline, a credit, a share or
    copy-link box, tags or related items; and a photo's caption (in a figure, or a part named for an image)."""
    out = set()
    title_key = key(title)
    for i, text in enumerate(main):
        place = aligned[i]
        if place is None or key(text) == title_key:
            continue
        n = len(key(text).split())
        if n > settings.caption_max_words:
            continue
        line = lines[place]
        names = list(_own_names(line.element, container))
        if any(part.endswith(" blockquote") for part in names):
            continue  # a quotation or an embedded post (its closing line names an author and a date) is text
        if n <= settings.related_max_words and not _ends_with_period(text) and (
                line.all_link or any(_FURNITURE.search(part) for part in names)):
            out.add(i)
        elif any(_CAPTION.search(part) for part in names):
            out.add(i)
    return out


def _ends_with_period(text: str) -> bool:
    stripped = text.rstrip().rstrip("'\"»”)")
    return stripped.endswith(".") and not stripped.endswith("..")


def _lead(main: list[str], aligned: list[int | None], zone: range, lines: list[_Line],
          container: set[etree._Element], settings: Settings) -> tuple[list[str], int]:
    """The standfirst: the lines between the headline and the main text in a part of the page named for one
    (lead, subtitle, summary, description...) and not in the main text already, if they make a sentence's
    worth of words; and the line of the main text it goes before (the first that comes after it on the page)."""
    have = {flat(t) for t in main}
    found = [i for i in zone
             if lines[i].text not in have and not lines[i].all_link and _standfirst(lines[i], container)]
    if not found or len(key(" ".join(lines[i].text for i in found)).split()) < settings.body_min_words:
        return [], 0
    at = next((k for k, place in enumerate(aligned) if place is not None and place > found[-1]), len(main))
    return [lines[i].text for i in found], at


def _standfirst(line: _Line, container: set[etree._Element]) -> bool:
    """A line in a part of the page named for a standfirst, and in none named for a caption, a byline or a
    share box (a "lead-story" block holds those too)."""
    names = list(_own_names(line.element, container))
    return any(_LEAD.search(part) for part in names) and not any(
        _CAPTION.search(part) or _FURNITURE.search(part) for part in names)


# -- the date -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Stamp:
    date: str
    utc: bool  # written in UTC, so its day may not be the outlet's


def _value_date(value: str) -> _Stamp | None:
    """The day a metadata value states: ISO-like (``2020-12-01 02:00:00``, ``2018-3-18T11:23:3Z+1``: the day as
    written, in the zone written, never moved to another), or a date in words (``الأربعاء، 07 أكتوبر 2020``)."""
    m = _ISO.match(value)
    if m:
        date = iso_date(int(m[1]), int(m[2]), int(m[3]))
        if date and int(m[1]) >= EARLIEST_YEAR:
            return _Stamp(date, (m[4] or "") in _UTC)
        return None
    date = date_in_line(value)
    return _Stamp(date, False) if date else None


def date_in_line(text: str) -> str | None:
    """The first full date a line states (day, month and year: a month and year alone give none), in Arabic or
    Western digits, with month names of every region, numbers day first as Arab sites write them unless the
    first cannot be a month's day that way (``04/16/2020``), spaced (``24 - 08 - 2020``) or year first."""
    folded = fold(text)
    found: list[tuple[int, str]] = []
    named = parse_absolute(folded, folded=True)
    if named and int(named[0][:4]) >= EARLIEST_YEAR:
        found.append((named[1], named[0]))
    for m in _DAY_FIRST.finditer(folded):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
        if month > 12 >= day:
            day, month = month, day
        date = iso_date(year, month, day) if year >= EARLIEST_YEAR else None
        if date:
            found.append((m.start(), date))
            break
    for m in _YEAR_FIRST.finditer(folded):
        date = iso_date(int(m[1]), int(m[3]), int(m[4])) if int(m[1]) >= EARLIEST_YEAR else None
        if date:
            found.append((m.start(), date))
            break
    return min(found)[1] if found else None


def _markup_dates(root: etree._Element, metas: list[tuple[str, str, str]], objects: list[dict], times: list[str],
                  anchors: list[etree._Element]) -> list[_Stamp]:
    """The publication dates the article's markup states, best first: JSON-LD, the head's metas, microdata and
    RDFa of the article's own item (not a related story's: the item must hold the headline or the text), then
    the ``<time datetime>`` elements between the headline and the text."""
    values = [o["datePublished"] for o in objects if isinstance(o.get("datePublished"), str)]
    values += [v for k in _PUBLISHED_KEYS for v in _meta(metas, k, itemprop=False)]
    for el in root.xpath("//*[@itemprop or @property]"):
        name = (el.get("itemprop") or el.get("property") or "").strip().lower()
        if name in _PUBLISHED_KEYS and (el.tag != "meta" or el.get("itemprop")) and _own_item(el, anchors):
            values.append(el.get("content") or el.get("datetime") or ("" if el.tag == "meta" else _text(el)))
    values += [el.get("datetime") or "" for el in root.iter("time") if el.get("pubdate") is not None]
    values += times
    out: list[_Stamp] = []
    for value in values:
        stamp = _value_date(value) if value else None
        if stamp and stamp not in out:
            out.append(stamp)
    return out


def _own_item(el: etree._Element, anchors: list[etree._Element]) -> bool:
    """Whether a microdata or RDFa property belongs to the article: the item it is in (the nearest element with
    itemscope, typeof or about) holds the headline or the text, or it is in no item."""
    scope = next((a for a in el.iterancestors() if a.get("itemscope") is not None or a.get("typeof")
                  or a.get("about")), None)
    return scope is None or not anchors or any(a is scope or scope in a.iterancestors() for a in anchors)


def _visible_date(zone: range, lines: list[_Line], settings: Settings) -> tuple[str, int] | None:
    """The date of the first date line between the headline and the text (a short line stating a full date),
    and that line."""
    for i in zone:
        text = lines[i].text
        quoted = lines[i].element.tag == "blockquote" or _in(lines[i].element, ("blockquote",))  # an embedded post's
        if len(key(text).split()) <= settings.stamp_max_words and not quoted:
            date = date_in_line(text)
            if date:
                return date, i
    return None


def _published(root: etree._Element, stamps: list[_Stamp], visible: str | None, metas: list[tuple[str, str, str]],
               objects: list[dict], url: str | None) -> tuple[str | None, str | None]:
    """The article's own date and how it is known. Markup dates that disagree are settled by the date line, else
    by the one written in the outlet's own zone (a UTC stamp of 23:59 is the next day in Cairo); a UTC stamp a
    day off the date line gives way to it. With no markup date and no date line, htmldate's reading of the
    markup (no text search: that one takes a masthead's day or makes a 1 January of a copyright year) is kept
    only if the page's metadata states that day."""
    if stamps:
        if visible in [s.date for s in stamps]:
            return visible, "metadata"
        local = [s for s in stamps if not s.utc]
        best = (local or stamps)[0]
        if visible and best.utc and abs(_day(visible) - _day(best.date)) == dt.timedelta(days=1):
            return visible, "visible"
        return best.date, "metadata"
    if visible:
        return visible, "visible"
    try:
        guess = find_date(root, extensive_search=False, original_date=True, url=url)
    except Exception:  # htmldate on a broken tree: no date rather than no article
        guess = None
    if guess and guess in _stated_anywhere(root, metas, objects):
        return guess, "metadata"
    return None, None


def _day(date: str) -> dt.date:
    return dt.date.fromisoformat(date)


def _stated_anywhere(root: etree._Element, metas: list[tuple[str, str, str]], objects: list[dict]) -> set[str]:
    """Every day the page's metadata states as a date (metas, JSON-LD, microdata and RDFa attributes; a
    modification date aside): what a date read elsewhere must be to be the page's."""
    values = [v for _, k, v in metas if not _MODIFIED.search(k)]
    values += [v for o in objects for k, v in o.items() if isinstance(v, str) and "date" in k.lower()
               and not _MODIFIED.search(k)]
    values += [el.get("content") or el.get("datetime") or "" for el in root.xpath("//*[@itemprop or @property]")
               if not _MODIFIED.search(el.get("itemprop") or el.get("property") or "")]
    return {stamp.date for stamp in (_value_date(v) for v in values if _ISO.match(v)) if stamp}
