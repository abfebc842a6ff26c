"""The cross-region development set: articles from newspapers of 19 countries (anc19) and SaudiNewsNet,
with gold written by reading them (``eval/gold/regions/*.json``).

    python -m eval.regions check [FILE...]   every gold snippet is in its article (for gold writers)
"""

from __future__ import annotations

import json
import sys
import zipfile
from functools import cache
from pathlib import Path

from eval.common import GOLD, SHARED

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


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] != "check":
        raise SystemExit(__doc__)
    sys.exit(check([Path(p) for p in sys.argv[2:]] or gold_files()))
