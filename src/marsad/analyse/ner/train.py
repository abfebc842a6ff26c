"""Rebuild the shipped NER model from ../shared/data and report P/R/F1 on ANERcorp's held-out test split,
beside a gazetteer-lookup baseline scored in the same run.

    python -m marsad.analyse.ner.train [--shared ../shared] [--out PATH] [--articles N]
    python -m marsad.analyse.ner.train --evaluate-only [--out PATH]

The build (MODEL_CARD.md): (1) CRFs on the labelled sentences: ANERcorp's train and dev splits, and the
Wojood sample's outer PERS/ORG/GPE/LOC layer brought to ANERcorp's conventions (its tokens carry a feature
of their own, so its other conventions can be learnt apart; ANERcorp's test split is only scored). (2) They
tag unlabelled news (SaudiNewsNet and anc19, leaving out every document of eval/gold/regions), and each word
seen at least MIN_COUNT times gets the types it was tagged with and how often (``word_classes.txt``:
``PER3`` = tagged PER in 70% or more of its occurrences; ``O3`` = seen FREQUENT times, never a name).
(3) The final CRF is trained with those classes among its features, cross-fitted (see :func:`train`). The
model and its table are written side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pycrfsuite

from marsad.analyse.lexicon import in_lexicon
from marsad.analyse.names import held_out as sample_names
from marsad.analyse.ner import features
from marsad.analyse.ner.corpus import Sentence, read_conll, read_wojood, spans
from marsad.analyse.ner.features import (
    CLASSES_FILE,
    NOT_A_NAME,
    WordClasses,
    read_word_classes,
    sentence_features,
)
from marsad.arabic import fold, sentence_tokens

HERE = Path(__file__).resolve().parent
MODEL = HERE / "model.crfsuite"
REGION_GOLD = HERE.parents[3] / "eval" / "gold" / "regions"  # the repository's development and test gold
TYPES = ("PER", "LOC", "ORG", "MISC")
CLASS_TYPES = ("PER", "LOC", "ORG")  # the types a word's classes tell
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
FOLDS = 2  # cross-fitting of the word classes (see train)
MIN_COUNT = 3  # occurrences in unlabelled news before a word gets classes
STRENGTHS = ((0.7, "3"), (0.4, "2"), (0.15, "1"))  # share of a word's occurrences tagged with a type
FREQUENT = 20  # a word seen this often and never given a class is known as no name (أثنى، خلال)
WINDOW = 200  # tokens tagged at once, as marsad tags a long sentence
OTHER_CORPUS = "corpus=wojood"  # the feature every Wojood token carries


def labelled(shared: Path) -> list[tuple[Sentence, str]]:
    """Training sentences, each with the extra feature its corpus gives its tokens ('' for ANERcorp)."""
    data = shared / "data"
    anercorp = [s for name in ("train", "dev") for s in read_conll(data / f"anercorp/{name}.txt")]
    wojood = [s for name in ("train", "val", "test") for s in read_wojood(data / f"wojood_sample/{name}.txt")]
    return [(s, "") for s in anercorp] + [(s, OTHER_CORPUS) for s in as_anercorp_marks(wojood, anercorp)]


def as_anercorp_marks(sentences: list[Sentence], reference: list[Sentence]) -> list[Sentence]:
    """Wojood's sentences brought to ANERcorp's conventions where the two differ. Wojood puts the head noun
    inside a place (مدينة نابلس، مخيم جنين، محافظة الخليل), ANERcorp leaves it out: a place's first word is set
    out of the span when the reference corpus has it before a place at least MIN_COUNT times and never at
    the start of a name. Wojood marks an organisation's head noun alone (الهيئة، الشركة، الشرطة) as ORG,
    ANERcorp and marsad do not (a generic phrase is not a name): O."""
    before: Counter[str] = Counter()
    starts: set[str] = set()
    for words, tags in reference:
        for i, (word, tag) in enumerate(zip(words, tags, strict=True)):
            if tag.startswith("B-"):
                starts.add(fold(word))
            elif tag == "O" and i + 1 < len(tags) and tags[i + 1] == "B-LOC":
                before[fold(word)] += 1
    heads = {w for w, n in before.items() if n >= MIN_COUNT and w not in starts}
    out = []
    for words, tags in sentences:
        tags = list(tags)
        for start, end, typ in spans(tags):
            if typ == "LOC" and end - start > 1 and fold(words[start]) in heads:
                tags[start], tags[start + 1] = "O", "B-LOC"
            elif typ == "ORG" and end - start == 1 and in_lexicon(words[start], "titles", "organisation_heads"):
                tags[start] = "O"
        out.append((words, tags))
    return out


def held_out() -> tuple[set[str], set[str]]:
    """Files and URLs of the documents the cross-region gold covers (either split): never read for training."""
    files_, urls = set(), set()
    for path in sorted(REGION_GOLD.glob("*.json")):
        for doc in json.loads(path.read_text("utf-8"))["documents"]:
            files_.add(doc["file"])
            if doc.get("url"):
                urls.add(doc["url"])
    return files_, urls


def unlabelled(shared: Path, limit: int | None = None) -> Iterator[str]:
    """Article texts of SaudiNewsNet and anc19, less the gold's documents."""
    skip_files, skip_urls = held_out()
    n = 0
    data = shared / "data"
    for path in sorted((data / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            records = json.loads(z.read(z.namelist()[0]))
        for record in records:
            if record.get("url") not in skip_urls and record.get("content"):
                yield record["content"]
                n += 1
                if limit is not None and n >= limit:
                    return
    for path in sorted((data / "anc19").glob("*/*.txt")):
        if path.relative_to(data).as_posix() not in skip_files:
            yield path.read_bytes().replace(b"\0", b"").decode("cp1256", "replace")
            n += 1
            if limit is not None and n >= limit:
                return


Items = list[tuple[str, ...]]


def items_of(sentences: list[tuple[Sentence, str]]) -> list[tuple[Items, list[str]]]:
    """crfsuite items (with the word classes in use) and tags of each sentence, less every string that names a
    word holding one of the sample's people's family names (:func:`withheld`): the model never learns them."""
    out = []
    for (words, tags), extra in sentences:
        items = [tuple(x for x in item if not withheld(x.split("=", 1)[-1])) for item in sentence_features(words)]
        out.append(([(*x, extra) for x in items] if extra else items, tags))
    return out


def withheld(word: str) -> bool:
    """A folded word that holds a family name of the sample's people (:func:`marsad.analyse.names.held_out`):
    neither the model nor the word classes shipped may know it, as no name list does."""
    return any(w in word for w in _sample_names())


_sample_names = cache(sample_names)


def fit(data: list[tuple[Items, list[str]]], out: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for items, tags in data:
        trainer.append(items, tags)
    trainer.set_params(PARAMS)
    start = time.time()
    trainer.train(str(out))
    print(f"  trained {out.name} on {len(data)} sentences in {time.time() - start:.0f}s", flush=True)


def classes_from(models: list[Path], texts: Iterator[str]) -> list[WordClasses]:
    """Tag the texts with each model (one pass, the features shared); from each model's tags, every word seen
    MIN_COUNT times or more gets the types it was tagged with in at least 15% of its occurrences, with a
    strength (1-3) for how often; a word seen FREQUENT times or more with no type gets NOT_A_NAME."""
    taggers = []
    for model in models:
        taggers.append(pycrfsuite.Tagger())
        taggers[-1].open(str(model))
    seen: Counter[str] = Counter()
    tagged: list[dict[str, Counter[str]]] = [{} for _ in models]
    n = 0
    for text in texts:
        n += 1
        for _, _, toks in sentence_tokens(text):
            for w in range(0, len(toks), WINDOW):
                words = [t.text for t in toks[w:w + WINDOW]]
                folded = [fold(word) for word in words]
                seen.update(folded)
                items = sentence_features(words)
                for tagger, counts in zip(taggers, tagged, strict=True):
                    for f, tag in zip(folded, tagger.tag(items), strict=True):
                        if tag != "O":
                            counts.setdefault(f, Counter())[tag[2:]] += 1
    tables: list[WordClasses] = []
    for counts in tagged:
        table: WordClasses = {}
        for word, count in seen.items():
            if count < MIN_COUNT or withheld(word):
                continue
            types = counts.get(word, Counter())
            labels = []
            for typ in CLASS_TYPES:
                strength = next((s for cut, s in STRENGTHS if types[typ] >= cut * count), "")
                if strength:
                    labels.append(typ + strength)
            if labels:
                table[word] = tuple(labels)
            elif count >= FREQUENT:
                table[word] = (NOT_A_NAME,)
        tables.append(table)
    print(f"  tagged {n} unlabelled articles: {', '.join(str(len(t)) for t in tables)} words with classes", flush=True)
    return tables


def write_classes(table: WordClasses, path: Path) -> None:
    path.write_text("".join("\t".join((w, *labels)) + "\n" for w, labels in sorted(table.items())), "utf-8")


def train(shared: Path, out: Path, articles: int | None = None) -> None:
    """Cross-fitted, so that the final CRF learns how far to trust a word's classes on words it has not seen:
    the labelled sentences are cut in FOLDS parts; a CRF without classes is trained on all of them (its
    classes are the ones shipped) and one on all but each part (its classes are the features of that part's
    sentences when the final CRF is trained). One tagging pass over the unlabelled news serves them all."""
    start = time.time()
    sentences = labelled(shared)
    folds = [sentences[k::FOLDS] for k in range(FOLDS)]
    features.use_word_classes({})
    plain = items_of(sentences)
    models = [out.with_suffix(f".fold{k}.tmp") for k in range(FOLDS)] + [out.with_suffix(".all.tmp")]
    print("without word classes:", flush=True)
    for k in range(FOLDS):
        fit([x for n, x in enumerate(plain) if n % FOLDS != k], models[k])
    fit(plain, models[-1])
    print("word classes from unlabelled news:", flush=True)
    *fold_tables, shipped = classes_from(models, unlabelled(shared, articles))
    for model in models:
        model.unlink()
    data = []
    for fold_sentences, table in zip(folds, fold_tables, strict=True):
        features.use_word_classes(table)
        data += items_of(fold_sentences)
    print("with word classes:", flush=True)
    fit(data, out)
    write_classes(shipped, out.parent / CLASSES_FILE)
    features.use_word_classes(None)
    size = (out.stat().st_size + (out.parent / CLASSES_FILE).stat().st_size) / 1e6
    print(f"built in {time.time() - start:.0f}s -> {out} and {CLASSES_FILE} ({size:.1f} MB)")


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
    classes = model.parent / CLASSES_FILE
    features.use_word_classes(read_word_classes(classes.read_text("utf-8")) if classes.is_file() else {})
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    gaz = gazetteer(shared)
    longest = max(map(len, gaz))
    test = list(read_conll(shared / "data/anercorp/test.txt"))
    results = {
        "crf": score([(tags, tagger.tag(sentence_features(words))) for words, tags in test]),
        "gazetteer baseline": score([(tags, gazetteer_tags(words, gaz, longest)) for words, tags in test]),
    }
    features.use_word_classes(None)
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
    ap.add_argument("--articles", type=int, help="read at most this many unlabelled articles (quick builds)")
    args = ap.parse_args(argv)
    if not args.evaluate_only:
        train(args.shared, args.out, args.articles)
    evaluate(args.shared, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
