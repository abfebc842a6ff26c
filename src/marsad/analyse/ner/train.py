"""Rebuild the shipped NER model from ../shared/data and report P/R/F1 on the held-out test split,
beside a gazetteer-lookup baseline scored in the same run.

    python -m marsad.analyse.ner.train [--shared ../shared] [--out PATH] [--evaluate-only]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

from marsad.analyse.ner.corpus import read_conll, spans
from marsad.analyse.ner.features import sentence_features
from marsad.arabic import fold

HERE = Path(__file__).resolve().parent
MODEL = HERE / "model.crfsuite"
TYPES = ("PER", "LOC", "ORG", "MISC")


def train(shared: Path, out: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for path in (shared / "data/anercorp/train.txt", shared / "data/anercorp/dev.txt"):
        for words, tags in read_conll(path):
            trainer.append(sentence_features(words), tags)
            n += 1
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    start = time.time()
    trainer.train(str(out))
    print(f"trained on {n} sentences in {time.time() - start:.0f}s -> {out} ({out.stat().st_size / 1e6:.1f} MB)")


def gazetteer(shared: Path) -> dict[tuple[str, ...], str]:
    gaz: dict[tuple[str, ...], str] = {}
    for name, typ in (("loc", "LOC"), ("org", "ORG"), ("pers", "PER")):
        for line in (shared / f"data/anergazet/{name}.txt").read_text("utf-8").splitlines():
            key = tuple(fold(line).split())
            if key:
                gaz.setdefault(key, typ)
    return gaz


def gazetteer_tags(words: list[str], gaz: dict[tuple[str, ...], str], longest: int) -> list[str]:
    folded = [fold(w) for w in words]
    tags = ["O"] * len(words)
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            typ = gaz.get(tuple(folded[i:i + n]))
            if typ:
                tags[i:i + n] = [f"B-{typ}"] + [f"I-{typ}"] * (n - 1)
                i += n
                break
        else:
            i += 1
    return tags


def pipeline_tags(words: list[str]) -> list[str]:
    """BIO tags from :func:`find_entities` on the sentence written out, each mention on the tokens it touches."""
    from marsad.analyse.entities import find_entities

    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    tags = ["O"] * len(words)
    for m in find_entities(" ".join(words)):
        touched = [i for i, s in enumerate(starts) if s < m.end and m.start < s + len(words[i])]
        for n, i in enumerate(touched):
            tags[i] = f"{'B' if n == 0 else 'I'}-{m.type}"
    return tags


def score(pairs: list[tuple[list[str], list[str]]]) -> dict[str, tuple[float, float, float]]:
    counts: dict[str, Counter[str]] = {t: Counter() for t in (*TYPES, "PER+LOC", "ALL")}
    for gold, pred in pairs:
        g, p = spans(gold), spans(pred)
        for typ in TYPES:
            gt = {s for s in g if s[2] == typ}
            pt = {s for s in p if s[2] == typ}
            for c in (counts[typ], counts["ALL"], *([counts["PER+LOC"]] if typ in ("PER", "LOC") else [])):
                c["tp"] += len(gt & pt)
                c["fp"] += len(pt - gt)
                c["fn"] += len(gt - pt)
    out: dict[str, tuple[float, float, float]] = {}
    for typ, c in counts.items():
        prec = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        rec = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        out[typ] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out


def evaluate(shared: Path, model: Path) -> dict[str, dict[str, tuple[float, float, float]]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    gaz = gazetteer(shared)
    longest = max(map(len, gaz))
    test = list(read_conll(shared / "data/anercorp/test.txt"))
    results = {
        "crf": score([(tags, tagger.tag(sentence_features(words))) for words, tags in test]),
        "gazetteer baseline": score([(tags, gazetteer_tags(words, gaz, longest)) for words, tags in test]),
    }
    if model == MODEL:  # the shipped tagger with marsad's rules (titles, organisation heads, clitics)
        results["crf + rules"] = score([(tags, pipeline_tags(words)) for words, tags in test])
    print(f"ANERcorp test split: {len(test)} sentences, {sum(len(w) for w, _ in test)} tokens; exact-span match")
    print(f"{'system':<20} {'type':<7} {'P':>6} {'R':>6} {'F1':>6}")
    for system, rows in results.items():
        for typ, (p, r, f) in rows.items():
            print(f"{system:<20} {typ:<7} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MARSAD_SHARED", "../shared")))
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--evaluate-only", action="store_true")
    args = ap.parse_args(argv)
    if not args.evaluate_only:
        train(args.shared, args.out)
    evaluate(args.shared, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
