"""The cross-region development set: articles from newspapers of 19 countries (anc19) and SaudiNewsNet,
with gold written by reading them (``eval/gold/regions/*.json``), scored per region and per type.

    python -m eval.regions                   the dev split: a table per region and type
    python -m eval.regions --split test      the test split (scored only at the end of a round)
    python -m eval.regions --errors PER       also list what was missed and what was wrong, of one type
    python -m eval.regions check [FILE...]   every gold snippet is in its article (for gold writers)

Each article goes through marsad as a user's file would: an anc19 file as it is (Windows-1256, its NUL), a
SaudiNewsNet record as page text (its title line, then its content) with its URL and outlet. Entities
are scored by span overlap with every occurrence of a gold name or alias (a proclitic before it allowed):
recall over gold occurrences, precision over marsad's mentions of that type (a mention of the right span
with another type counts against both). Quotes: a gold quotation counts as found with the right speaker
when a quote of marsad's overlaps it and names one of the gold speakers (or none, when the gold has none).
Times and figures: an overlapping item with the same value (and counted noun). What lies in gold junk
is left out of every type (cleaning is scored on its own: junk removed, body lines kept, titles).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from eval.analysis import same_name
from eval.common import GOLD, PRF, SHARED
from marsad.ingest import read_file
from marsad.ingest.jsonl import from_record
from marsad.model import Article, Figure, TimeExpression
from marsad.pipeline import Pipeline
from marsad.runner import default_steps
from marsad.settings import DEFAULT

REGION_GOLD = GOLD / "regions"

# country code (anc19 file names) -> region
REGIONS = {
    "MA": "maghreb", "DZ": "maghreb", "TM": "maghreb", "LY": "maghreb", "MR": "maghreb",
    "EG": "egypt_sudan", "SD": "egypt_sudan",
    "LB": "levant", "SY": "levant", "JO": "levant", "PS": "levant",
    "IQ": "iraq", "YE": "yemen",
    "AE": "gulf", "BH": "gulf", "KW": "gulf", "OM": "gulf", "QA": "gulf", "SA": "gulf",
}


@cache
def _saudi_day(name: str) -> dict[str, dict]:
    with zipfile.ZipFile(SHARED / "data" / name) as z:
        return {a["url"]: a for a in json.loads(z.read(z.namelist()[0]))}


def source_text(doc: dict) -> str:
    """The article as a gold writer reads it: an anc19 file decoded (Windows-1256, NULs and CRs dropped), or
    a SaudiNewsNet record's title and content."""
    if doc["file"].startswith("saudinewsnet/"):
        record = _saudi_day(doc["file"])[doc["url"]]
        return f"{record['title']}\n{record['content']}"
    data = (SHARED / "data" / doc["file"]).read_bytes().replace(b"\0", b"")
    return data.decode("cp1256").replace("\r\n", "\n").replace("\r", "\n")


def gold_files() -> list[Path]:
    return sorted(REGION_GOLD.glob("*.json"))


def snippets(doc: dict) -> list[tuple[str, str]]:
    """(what, text) of every string the gold says is in the article."""
    out = [("title", doc["title"])] if doc.get("title") else []
    out += [("junk", j) for j in doc.get("junk", [])]
    for kind in ("persons", "organisations", "places"):
        for e in doc.get(kind, []):
            out += [(kind, n) for n in [e["name"], *e.get("aliases", [])]]
    out += [("quote", q["snippet"]) for q in doc.get("quotes", [])]
    out += [("time", t["text"]) for t in doc.get("times", [])]
    out += [("figure", f["text"]) for f in doc.get("figures", [])]
    return out


def occurs(s: str, text: str) -> bool:
    """In the text as written, or (a name with the article) after the preposition ل, which writes ال as لل
    (الأمم المتحدة in للأمم المتحدة)."""
    return s in text or s.startswith("ال") and "لل" + s[2:] in text


def check(paths: list[Path]) -> int:
    problems = 0
    for path in paths:
        gold = json.loads(path.read_text("utf-8"))
        for doc in gold["documents"]:
            text = source_text(doc)
            for what, s in snippets(doc):
                if not s or not occurs(s, text):
                    problems += 1
                    print(f"{path.name}: {doc['file']}: {what} not in the article: {s!r}")
                elif "\n" in s:
                    problems += 1
                    print(f"{path.name}: {doc['file']}: {what} spans a line break: {s!r}")
    print(f"{problems} problem(s) in {len(paths)} file(s)")
    return 1 if problems else 0


TYPES = {"persons": "PER", "organisations": "ORG", "places": "LOC"}
_CLITICS = "(?:و|ف|ب|ل|ك|وب|ول|فب|فل|وك|لل)?"


@dataclass
class _Span:
    start: int
    end: int
    item: dict
    kind: str = ""
    used: bool = False


def documents(split: str | None = None) -> list[dict]:
    docs = [doc for path in gold_files() for doc in json.loads(path.read_text("utf-8"))["documents"]]
    return [d for d in docs if split is None or d["split"] == split]


def region(doc: dict) -> str:
    return "saudinewsnet" if doc["file"].startswith("saudinewsnet/") else REGIONS[doc["country"]]


def analysed(doc: dict) -> Article | None:
    """The article through marsad, read as a user's file would be (None if marsad refused it)."""
    pipeline = Pipeline(default_steps())
    if doc["file"].startswith("saudinewsnet/"):
        record = _saudi_day(doc["file"])[doc["url"]]
        page = {"text": f"{record['title']}\n{record['content']}", "url": record["url"], "outlet": record["source"]}
        item = from_record(page, "saudinewsnet", DEFAULT, where=doc["url"], line=0)
    else:
        [item] = list(read_file(SHARED / "data" / doc["file"]))
    if not isinstance(item, Article):
        return None
    done = pipeline.apply(item)
    return done if isinstance(done, Article) else None


def _occurrences(text: str, forms: list[str], item: dict, kind: str = "") -> list[_Span]:
    out = []
    for form in {f for f in forms if f}:
        alt = re.escape(form) + (f"|{re.escape('لل' + form[2:])}" if form.startswith("ال") else "")
        for m in re.finditer(rf"(?<!\w){_CLITICS}(?:{alt})(?!\w)", text):
            out.append(_Span(m.start(), m.end(), item, kind))
    return out


def _outermost(spans: list[_Span]) -> list[_Span]:
    return [g for g in spans if not any(o is not g and o.start <= g.start and g.end <= o.end
                                        and o.end - o.start > g.end - g.start for o in spans)]


def _junk_spans(text: str, doc: dict) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for j in doc.get("junk", []) for m in re.finditer(re.escape(j), text)]


def _in(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@dataclass
class Scores:
    prf: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, other: Scores) -> None:
        for k, v in other.prf.items():
            self.prf[k].add(v)
        for k, n in other.counts.items():
            self.counts[k] += n
        for k, e in other.errors.items():
            self.errors[k] += e


def score(doc: dict, a: Article | None) -> Scores:
    out = Scores()
    name = doc["file"].rsplit("/", 1)[-1] if "url" not in doc else doc["url"][-40:]
    if a is None:
        out.counts["refused"] += 1
        return out
    text = a.text
    junk = _junk_spans(text, doc)
    # cleaning
    out.counts["junk"] += len(doc.get("junk", []))
    left = [j for j in doc.get("junk", []) if j in text]
    out.counts["junk_left"] += len(left)
    out.errors["junk"] += [f"{name}: junk kept {j!r}" for j in left]
    body = [line.strip() for line in source_text(doc).split("\n") if line.strip()]
    for j in doc.get("junk", []):
        body = [line.replace(j.strip(), "").strip() for line in body]
    body = [line for line in body if len(line.split()) >= 4 and line != (doc.get("title") or "").strip()]
    out.counts["body_lines"] += len(body)
    out.counts["body_kept"] += sum(line in text for line in body)
    out.errors["junk"] += [f"{name}: body line lost {line[:80]!r}" for line in body if line not in text]
    out.counts["titles"] += 1
    right = (a.title or "").strip() == (doc.get("title") or "").strip()
    out.counts["titles_right"] += right
    if not right:
        out.errors["title"].append(f"{name}: {a.title!r} for {doc.get('title')!r}")
    # entities
    gold: list[_Span] = []
    for kind, typ in TYPES.items():
        for e in doc.get(kind, []):
            gold += _occurrences(text, [e["name"], *e.get("aliases", [])], e, typ)
    gold = [g for g in _outermost(gold) if not _in(junk, g.start, g.end)]
    for m in a.entities:
        if m.type not in TYPES.values() or _in(junk, m.start, m.end):
            continue
        over = [g for g in gold if g.start < m.end and m.start < g.end]
        same = [g for g in over if g.kind == m.type]
        for g in same:
            g.used = True
        out.prf[m.type].tp += bool(same)
        out.prf[m.type].fp += not same
        if not same:
            out.errors[m.type].append(f"{name}: wrong {m.type} {m.text!r} [{m.source}]"
                                      + (f" (gold {over[0].kind})" if over else ""))
    for g in gold:
        out.prf[g.kind].fn += not g.used
        if not g.used:
            out.errors[g.kind].append(f"{name}: missed {text[g.start:g.end]!r}")
    # quotes
    quotes = _outermost([s for q in doc.get("quotes", []) for s in _occurrences(text, [q["snippet"]], q)])
    quotes = [q for q in quotes if not _in(junk, q.start, q.end)]
    for q in a.quotes:
        over = [g for g in quotes if g.start < q.end and q.start < g.end]
        out.prf["quotes_found"].fp += not over
        if not over:
            out.errors["quotes"].append(f"{name}: not a quote {q.text[:60]!r} ({q.speaker})")
    for g in quotes:
        if g.item.get("optional"):
            continue
        mine = [q for q in a.quotes if q.start < g.end and g.start < q.end]
        speakers = g.item["speakers"]
        ok = [q for q in mine if (q.speaker is None and not speakers)
              or any(same_name(q.speaker, s) for s in speakers)]
        out.prf["quotes_found"].tp += bool(mine)
        out.prf["quotes_found"].fn += not mine
        out.counts["quotes"] += 1
        out.counts["quotes_right"] += bool(ok)
        out.counts["quotes_null"] += bool(mine) and not ok and all(q.speaker is None for q in mine)
        if not ok:
            said = ", ".join(repr(q.speaker) for q in mine) if mine else "not found"
            out.errors["quotes"].append(f"{name}: {g.item['snippet'][:40]!r} by {speakers[:2]}: {said}")
    # times and figures
    _values(out, "times", name, text, junk, a.times, doc.get("times", []), _time_agrees)
    _values(out, "figures", name, text, junk, a.figures, _figure_gold(doc.get("figures", [])), _figure_agrees)
    # the dateline's date as the publication date
    if doc.get("dateline") and doc["dateline"].get("date"):
        out.counts["dated"] += 1
        out.counts["dated_right"] += a.published == doc["dateline"]["date"]
    return out


def _figure_gold(items: list[dict]) -> list[dict]:
    """A dual noun (هدفين: two goals) is counted by some gold writers and not others: optional."""
    return [{**f, "optional": True} if f.get("value") == 2 and not re.search(r"\d|اثن|ثنت", f["text"]) else f
            for f in items]


def _time_agrees(t: TimeExpression, g: dict) -> bool:
    return t.value == g["value"]


def _figure_agrees(f: Figure, g: dict) -> bool:
    def close(x: float | None, y: float | None) -> bool:
        return x == y or x is not None and y is not None and abs(x - y) <= 1e-3 * max(abs(y), 1)
    return close(f.value, g["value"]) and close(f.value_max, g.get("value_max"))


def _values(out: Scores, key: str, name: str, text: str, junk: list[tuple[int, int]], items: list, golds: list[dict],
            agree) -> None:
    spans = [g for g in _outermost([s for item in golds for s in _occurrences(text, [item["text"]], item)])
             if not _in(junk, g.start, g.end)]
    s = out.prf[key]
    for x in items:
        over = sorted((g for g in spans if g.start < x.end and x.start < g.end and not g.used),
                      key=lambda g: -(min(x.end, g.end) - max(x.start, g.start)))
        if over and over[0].item.get("optional"):
            over[0].used = True
            continue
        if over and agree(x, over[0].item):
            over[0].used = True
            s.tp += 1
        else:
            s.fp += 1
            out.errors[key].append(f"{name}: {x.text!r} = {x.value}" + (f" (gold {over[0].item.get('value')})"
                                                                        if over else " (not in gold)"))
    for g in spans:
        if not g.used and not g.item.get("optional"):
            s.fn += 1
            out.errors[key].append(f"{name}: missed {g.item['text']!r} = {g.item.get('value')}")


def evaluate(split: str = "dev", errors: str | None = None, quiet: bool = False) -> dict[str, float]:
    by_region: dict[str, Scores] = defaultdict(Scores)
    total = Scores()
    for doc in documents(split):
        s = score(doc, analysed(doc))
        by_region[region(doc)].add(s)
        total.add(s)
    rows = [*sorted(by_region.items()), ("all", total)]
    if not quiet:
        print(f"split {split}: {sum(1 for _ in documents(split))} articles")
        print(f"{'region':<13} | {'persons P/R':>11} | {'orgs P/R':>11} | {'places P/R':>11} | {'quotes right':>12} | "
              f"{'null spk':>8} | {'times P/R':>11} | {'figures P/R':>11} | {'titles':>6} | {'junk out':>8} | "
              f"{'body kept':>9} | dateline date")
        for name, s in rows:
            def pr(k: str, s: Scores = s) -> str:
                return f"{s.prf[k].precision:.2f}/{s.prf[k].recall:.2f}"
            c = s.counts
            print(f"{name:<13} | {pr('PER'):>11} | {pr('ORG'):>11} | {pr('LOC'):>11} | "
                  f"{c['quotes_right']:>4}/{c['quotes']:<3} {c['quotes_right'] / max(c['quotes'], 1):.2f} | "
                  f"{c['quotes_null']:>8} | {pr('times'):>11} | {pr('figures'):>11} | "
                  f"{c['titles_right']:>2}/{c['titles']:<3} | {c['junk'] - c['junk_left']:>3}/{c['junk']:<4} | "
                  f"{c['body_kept']:>4}/{c['body_lines']:<4} | {c['dated_right']}/{c['dated']}")
        if errors:
            for line in total.errors.get(errors, []):
                print("  " + line)
    c = total.counts
    out = {f"{split}.{k}_{m}": getattr(total.prf[t], m) for k, t in (("persons", "PER"), ("organisations", "ORG"),
                                                                      ("places", "LOC"), ("times", "times"),
                                                                      ("figures", "figures"))
           for m in ("precision", "recall")}
    out[f"{split}.quotes_right_speaker"] = c["quotes_right"] / max(c["quotes"], 1)
    out[f"{split}.titles"] = c["titles_right"] / max(c["titles"], 1)
    out[f"{split}.junk_removed"] = 1 - c["junk_left"] / max(c["junk"], 1)
    out[f"{split}.body_kept"] = c["body_kept"] / max(c["body_lines"], 1)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["check"]:
        return check([Path(p) for p in argv[1:]] or gold_files())
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--errors", choices=["PER", "ORG", "LOC", "quotes", "times", "figures", "title", "junk"])
    args = ap.parse_args(argv)
    evaluate(args.split, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
