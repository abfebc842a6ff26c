"""MinHash libraries for near-duplicate articles, measured: python -m benchmarks.minhash_libs
[--sizes 1000 10000 30000] [--perms 64 128 256] [--perm-size 10000] [--shingles 3 5] [--libs datasketch rensa]
[--threads 1] [--repeat 3]

Compares the MinHash + LSH libraries installed here (``pip install datasketch rensa``; they are not
dependencies of marsad) on SaudiNewsNet ``content``: text folded with ``marsad.arabic.fold``, words split on
whitespace and punctuation, the set of shingles of k consecutive words. Every library gets the same shingle
strings, the same number of permutations, the same seed and the same banding (``num_perm // 4`` bands of 4
rows), and is used through its own batch calls.

Speed and memory, one process per run (``--threads``: the Rust library's thread pool, 1 by default, so both
run on one core): "sig s" builds the signatures from the shingle lists (datasketch's UTF-8 encoding counted),
"lsh s" builds the LSH index and queries every document; each call is timed ``--repeat`` times (3) and the
fastest kept (this machine is shared); shingling (the same for all) is outside both. The documents are the
first N non-empty articles, shingled in batches of 1,000. "peak MB" is the run's peak RSS once the documents
are loaded (the peak is reset there, Linux ``clear_refs``); "+MB" is that peak's rise over the loaded
documents less the rise in a run without a library (shingling only): what the signatures and the index cost.

Agreement (computed in this process, on the rows of ``--perm-size`` documents, where every num_perm runs):
- "MAE": mean absolute error of the estimated Jaccard against the exact one on up to 2,000 pairs: half drawn
  from the candidate pairs of that run (both libraries' union), half from the synthetic near-duplicates; "MAE
  .5": the same on the pairs whose exact Jaccard is at least 0.5.
- synthetic copies: 300 articles (3+ paragraphs, 80+ words, no two of them sharing 20% of their 3-shingles),
  each copied five ways: furniture (rendered as a scraped page: title, stamp, category, counter, read-also,
  comment form: ``benchmarks.corpus.page_text``), words (5% of the words replaced by words of another
  article), drop (one paragraph after the first removed), reorder (paragraphs shuffled), lead (the first
  paragraph replaced by another article's). The 1,800 texts are indexed and queried; a pair is flagged when
  it is an LSH candidate and its estimated Jaccard reaches t. "t" is the lowest t (steps of 0.05) at which
  under 1% of the flagged pairs join two distinct articles (pairs of copies of the same article are neither
  true nor false); "fu wd dr ro le" are the recall of each kind (original-copy pairs flagged) at that t.
  The "exact" rows do the same with the exact Jaccard of every pair (no sketch, no LSH): the ceiling.
- "overlap": |A & B| / |A | B| of the two libraries' candidate pair sets on the same documents; "found": the
  share of the pairs with an exact Jaccard of 0.5 or more among all candidates (both libraries) that this
  library has.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.metadata
import itertools
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpus import page_text, saudi_articles
from eval.copies import dropped, reordered, words_changed
from marsad.arabic import fold

LIBS = ("datasketch", "rensa")
ROWS = 4  # rows per LSH band: num_perm // ROWS bands
SEED = 1  # the hash seed, the same for every library
BATCH = 1000
SYNTHETIC = 300
KINDS = ("furniture", "words", "drop", "reorder", "lead")
LABELS = ("fu", "wd", "dr", "ro", "le")
FALSE_RATE = 0.01  # at most this share of the flagged pairs may join distinct articles
TRUE_J = 0.5  # a pair at this exact Jaccard or above counts as a near-duplicate ("found")
_WORD = re.compile(r"[^\W_]+")

Pair = tuple[int, int]


# -- documents ------------------------------------------------------------------------------------------


def corpus(n: int) -> list[str]:
    """The first ``n`` articles that have at least one word, as published."""
    texts = (a["content"] for a in saudi_articles() if _WORD.search(a.get("content") or ""))
    return list(itertools.islice(texts, n))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def shingles(text: str, k: int) -> list[str]:
    """The distinct runs of ``k`` consecutive folded words (a text shorter than that: its words, once)."""
    w = words(text)
    if len(w) <= k:
        return [" ".join(w)] if w else []
    return list({" ".join(w[i:i + k]) for i in range(len(w) - k + 1)})


class ShingleSets:
    """Exact Jaccard of texts' shingle sets, cached by text index."""

    def __init__(self, texts: Sequence[str], k: int) -> None:
        self.texts, self.k = texts, k
        self.sets: dict[int, frozenset[int]] = {}

    def get(self, i: int) -> frozenset[int]:
        s = self.sets.get(i)
        if s is None:
            s = self.sets[i] = frozenset(hash(x) for x in shingles(self.texts[i], self.k))
        return s

    def jaccard(self, i: int, j: int) -> float:
        a, b = self.get(i), self.get(j)
        shared = len(a & b)
        return shared / (len(a) + len(b) - shared) if a or b else 1.0


# -- the libraries, each through its batch calls ------------------------------------------------------------


class Library:
    name = ""

    def __init__(self, num_perm: int) -> None:
        self.num_perm, self.bands = num_perm, num_perm // ROWS
        self.mod: Any = importlib.import_module(self.name)

    def sign(self, docs: list[list[str]]) -> list[Any]:
        raise NotImplementedError

    def candidates(self, sigs: list[Any]) -> list[list[int]]:
        """Build the LSH index over ``sigs`` (keys 0..n-1) and query every one: each one's candidate keys."""
        raise NotImplementedError

    def jaccard(self, a: Any, b: Any) -> float:
        return float(a.jaccard(b))


class Datasketch(Library):
    name = "datasketch"

    def sign(self, docs: list[list[str]]) -> list[Any]:
        return list(self.mod.MinHash.bulk([[s.encode("utf-8") for s in doc] for doc in docs],
                                          num_perm=self.num_perm, seed=SEED))

    def candidates(self, sigs: list[Any]) -> list[list[int]]:
        lsh = self.mod.MinHashLSH(num_perm=self.num_perm, params=(self.bands, ROWS))
        with lsh.insertion_session() as session:
            for key, sig in enumerate(sigs):
                session.insert(key, sig, check_duplication=False)
        return [lsh.query(sig) for sig in sigs]


class Rensa(Library):
    name = "rensa"

    def sign(self, docs: list[list[str]]) -> list[Any]:
        return list(self.mod.RMinHash.from_token_sets(docs, self.num_perm, SEED))

    def candidates(self, sigs: list[Any]) -> list[list[int]]:
        lsh = self.mod.RMinHashLSH(threshold=0.5, num_perm=self.num_perm, num_bands=self.bands)
        lsh.insert_many(sigs)
        return [list(c) for c in lsh.query_all(sigs)]


LIBRARY: dict[str, type[Library]] = {"datasketch": Datasketch, "rensa": Rensa}


def pairs_of(cands: list[list[int]]) -> set[Pair]:
    return {(i, j) for i, c in enumerate(cands) for j in c if i < j}


# -- one measured run, in its own process ----------------------------------------------------------------------


def _batches(texts: list[str], k: int) -> Iterator[list[list[str]]]:
    for start in range(0, len(texts), BATCH):
        yield [shingles(t, k) for t in texts[start:start + BATCH]]


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> bool:
    """Reset the process's peak RSS (Linux: VmHWM) to its current RSS."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def worker(lib: str, n: int, num_perm: int, k: int, out: Path, repeat: int) -> dict:
    """One library on the first ``n`` documents: signatures batch by batch (each call timed ``repeat`` times,
    the fastest kept), then the index built and every document queried (the fastest of ``repeat``)."""
    texts = corpus(n)
    library = LIBRARY[lib](num_perm) if lib != "none" else None
    gc.collect()
    loaded_kb = _status_kb("VmRSS")
    peak_reset = _reset_peak()
    sig_s = 0.0
    sigs: list[Any] = []
    for batch in _batches(texts, k):
        if library is None:
            continue
        best, got = float("inf"), list[Any]()
        for _ in range(repeat):
            got = []  # the last round's signatures go before the next round makes its own
            start = time.perf_counter()
            got = library.sign(batch)
            best = min(best, time.perf_counter() - start)
        sig_s += best
        sigs.extend(got)
    lsh_s = float("inf") if library is not None else 0.0
    pairs: list[tuple[int, int, float]] = []
    if library is not None:
        cands: list[list[int]] = []
        for _ in range(repeat):
            cands = []
            start = time.perf_counter()
            cands = library.candidates(sigs)
            lsh_s = min(lsh_s, time.perf_counter() - start)
        peak_kb = _status_kb("VmHWM")
        pairs = [(i, j, library.jaccard(sigs[i], sigs[j])) for i, j in sorted(pairs_of(cands))]
    else:
        peak_kb = _status_kb("VmHWM")
    out.write_text(json.dumps(pairs))
    return {"lib": lib, "n": len(texts), "num_perm": num_perm, "k": k, "sig_s": sig_s, "lsh_s": lsh_s,
            "peak_mb": peak_kb / 1024, "over_loaded_mb": (peak_kb - loaded_kb) / 1024 if peak_reset else None,
            "pairs": len(pairs)}


def measure(lib: str, n: int, num_perm: int, k: int, tmp: Path, threads: int,
            repeat: int) -> tuple[dict, dict[Pair, float]]:
    out = tmp / f"{lib}-{n}-{num_perm}-{k}.json"
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    run = subprocess.run([sys.executable, "-m", "benchmarks.minhash_libs", "--worker", lib, str(n), str(num_perm),
                          str(k), str(out), str(repeat)], capture_output=True, text=True, env=env)
    if run.returncode:
        raise SystemExit(f"run {lib} n={n} num_perm={num_perm} k={k} failed:\n{run.stderr}")
    return json.loads(run.stdout), {(i, j): est for i, j, est in json.loads(out.read_text())}


# -- synthetic copies ---------------------------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def pick_distinct(articles: list[dict], rng: random.Random) -> list[int]:
    """``SYNTHETIC`` articles (3+ paragraphs, 80+ words) no two of which have a 3-shingle Jaccard of 0.2."""
    order = list(range(len(articles)))
    rng.shuffle(order)
    chosen: dict[int, frozenset[int]] = {}
    owners: dict[int, list[int]] = defaultdict(list)  # shingle hash -> chosen articles that have it
    for i in order:
        text = articles[i]["content"]
        if len(paragraphs(text)) < 3 or len(words(text)) < 80:
            continue
        sh = frozenset(hash(s) for s in shingles(text, 3))
        shared: dict[int, int] = defaultdict(int)
        for h in sh:
            for c in owners[h]:
                shared[c] += 1
        if any(v / (len(sh) + len(chosen[c]) - v) >= 0.2 for c, v in shared.items()):
            continue
        chosen[i] = sh
        for h in sh:
            owners[h].append(i)
        if len(chosen) == SYNTHETIC:
            break
    return list(chosen)


def synthetic(articles: list[dict], rng: random.Random) -> tuple[list[str], list[int], list[str]]:
    """The distinct articles and five edited copies of each: (texts, article of each text, kind of each text).
    Words, leads and titles put in come from other articles (never one of the chosen)."""
    chosen = pick_distinct(articles, rng)
    taken = set(chosen)
    donors = [a for i, a in enumerate(articles) if i not in taken and len(paragraphs(a["content"])) >= 2]
    texts: list[str] = []
    groups: list[int] = []
    kinds: list[str] = []
    for g, i in enumerate(chosen):
        art = articles[i]
        paras = paragraphs(art["content"])
        other_title = rng.choice(donors).get("title") or paragraphs(rng.choice(donors)["content"])[0]
        copies = {
            "original": art["content"],
            "furniture": page_text(art, other_title, rng),
            "words": words_changed(paras, rng.choice(donors)["content"].split(), rng),
            "drop": dropped(paras, rng),
            "reorder": reordered(paras, rng),
            "lead": "\n\n".join([paragraphs(rng.choice(donors)["content"])[0], *paras[1:]]),
        }
        for kind, text in copies.items():
            texts.append(text)
            groups.append(g)
            kinds.append(kind)
    return texts, groups, kinds


def exact_pairs(sets: list[frozenset[int]]) -> dict[Pair, float]:
    """The exact Jaccard of every pair of sets that share something (an inverted index, no sketch)."""
    owners: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            owners[h].append(i)
    shared: dict[Pair, int] = defaultdict(int)
    for docs in owners.values():
        for a, b in itertools.combinations(docs, 2):
            shared[a, b] += 1
    return {(a, b): v / (len(sets[a]) + len(sets[b]) - v) for (a, b), v in shared.items()}


def recall_at_threshold(flagged: dict[Pair, float], groups: list[int],
                        kinds: list[str]) -> tuple[float | None, dict[str, float]]:
    """The lowest t (steps of 0.05) at which under FALSE_RATE of the pairs flagged (estimate >= t) join two
    distinct articles, and each kind's recall there (its original-copy pairs flagged)."""
    # (estimate, kind of the copy or None for a false pair); pairs of two copies of one article left out
    scored: list[tuple[float, str | None]] = []
    for (a, b), est in flagged.items():
        if groups[a] != groups[b]:
            scored.append((est, None))
        elif "original" in (kinds[a], kinds[b]):
            scored.append((est, kinds[b] if kinds[a] == "original" else kinds[a]))
    for step in range(1, 20):
        t = step / 20
        kept = [kind for est, kind in scored if est >= t - 1e-9]
        if kept and sum(kind is None for kind in kept) < FALSE_RATE * len(kept):
            n = len(set(groups))  # one copy of each kind per article
            return t, {kind: sum(k == kind for k in kept) / n for kind in KINDS}
    return None, dict.fromkeys(KINDS, 0.0)


# -- facts about the installed packages ------------------------------------------------------------------------


def _requires(dist: importlib.metadata.Distribution) -> list[str]:
    return [re.split(r"[ ;<>=!~\[(]", r, maxsplit=1)[0] for r in dist.requires or [] if "extra ==" not in r]


def _installed_bytes(dist: importlib.metadata.Distribution) -> int:
    return sum(f.size or 0 for f in dist.files or [])


def facts(name: str) -> str:
    dist = importlib.metadata.distribution(name)
    meta = dist.metadata
    wheel = (dist.read_text("WHEEL") or "").splitlines()
    tags = [line.split(": ", 1)[1] for line in wheel if line.startswith("Tag: ")]
    deps = _requires(dist)
    dep_bytes = sum(_installed_bytes(importlib.metadata.distribution(d)) for d in deps)
    status = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("Development Status")]
    pythons = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
               if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    built = ""
    for f in dist.files or []:
        if str(f).endswith(".cyclonedx.json"):
            built = json.loads(f.read_text()).get("metadata", {}).get("timestamp", "")[:10]
    urls = [u.split(", ", 1)[0] for u in meta.get_all("Project-URL") or []]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {name}"], check=True)
    import_s = time.perf_counter() - start
    return (f"{name} {dist.version}: license {meta['License'] or '?'}; wheel {', '.join(tags)} "
            f"({'pure Python' if 'none-any' in ' '.join(tags) else 'compiled, binary wheel'}); "
            f"requires {', '.join(deps) or 'nothing'} ({dep_bytes / 1e6:.0f} MB installed, the package "
            f"{_installed_bytes(dist) / 1e6:.1f} MB); Python {meta['Requires-Python']}"
            f"{' (classifiers up to ' + pythons[-1] + ')' if pythons else ''}; status {status[0] if status else '-'}; "
            f"links {', '.join(urls) or '-'}{'; wheel built ' + built if built else ''}; "
            f"new process importing it: {import_s:.2f} s")


# -- the whole measurement --------------------------------------------------------------------------------------------


def _f(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    ap.add_argument("--perms", type=int, nargs="+", default=[64, 128, 256])
    ap.add_argument("--perm-size", type=int, default=10000, help="the size at which every num_perm runs")
    ap.add_argument("--shingles", type=int, nargs="+", default=[3, 5])
    ap.add_argument("--libs", nargs="+", default=list(LIBS), choices=LIBS)
    ap.add_argument("--threads", type=int, default=1, help="the Rust library's threads (RAYON_NUM_THREADS)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="time each call this many times, keep the fastest")
    ap.add_argument("--worker", nargs=6, metavar=("LIB", "N", "NUM_PERM", "K", "OUT", "REPEAT"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        lib, n, num_perm, k, out, repeat = args.worker
        print(json.dumps(worker(lib, int(n), int(num_perm), int(k), Path(out), int(repeat))))
        return 0
    for name in args.libs:
        try:
            importlib.import_module(name)
        except ImportError:
            raise SystemExit(f"{name} is not installed: pip install {' '.join(args.libs)}") from None

    print("libraries:")
    for name in args.libs:
        print("  " + facts(name))
    rng = random.Random(args.seed)
    configs = [(n, 128) for n in args.sizes] + [(args.perm_size, p) for p in args.perms]
    configs = sorted(set(configs))
    articles = [a for a in saudi_articles() if _WORD.search(a.get("content") or "")]
    texts = [a["content"] for a in articles[:max(n for n, _ in configs)]]
    syn_texts, groups, kinds = synthetic(articles, rng)
    base = len(texts)
    everything = texts + syn_texts
    originals = {g: base + i for i, (g, kind) in enumerate(zip(groups, kinds, strict=True)) if kind == "original"}
    syn_pairs = [(originals[g], base + i) for i, (g, kind) in enumerate(zip(groups, kinds, strict=True))
                 if kind != "original"]

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.shingles:
            sets = ShingleSets(everything, k)
            baseline: dict[int, float] = {}
            runs: dict[tuple[int, int, str], tuple[dict, dict[Pair, float]]] = {}
            for n, num_perm in configs:
                if n not in baseline:
                    none = measure("none", n, num_perm, k, Path(tmp), args.threads, 1)[0]
                    baseline[n] = none["over_loaded_mb"] or none["peak_mb"]
                for lib in args.libs:
                    runs[n, num_perm, lib] = measure(lib, n, num_perm, k, Path(tmp), args.threads, args.repeat)
                    print(f"  measured {lib} n={n} num_perm={num_perm} k={k}", file=sys.stderr)
            # the MAE sample: candidate pairs of the perm-size run at 128, and synthetic near-duplicates
            union = sorted(set().union(*(runs[args.perm_size, 128, lib][1] for lib in args.libs)))
            real = rng.sample(union, min(1000, len(union)))
            sample = real + rng.sample(syn_pairs, min(len(syn_pairs), 2000 - len(real)))
            exact = {p: sets.jaccard(*p) for p in sample}
            syn_sets = [sets.get(base + i) for i in range(len(syn_texts))]
            syn_exact = exact_pairs(syn_sets)
            for n, num_perm in configs:
                both = [runs[n, num_perm, lib][1] for lib in args.libs]
                all_pairs = set().union(*both)
                true = {p for p in all_pairs if sets.jaccard(*p) >= TRUE_J}
                common = set.intersection(*(set(b) for b in both))
                for lib in args.libs:
                    stats, found = runs[n, num_perm, lib]
                    row = {"lib": lib, "n": stats["n"], "perm": num_perm, "k": k, "sig_s": stats["sig_s"],
                           "lsh_s": stats["lsh_s"], "peak": stats["peak_mb"],
                           "plus": (stats["over_loaded_mb"] or stats["peak_mb"]) - baseline[n],
                           "pairs": stats["pairs"],
                           "overlap": len(common) / len(all_pairs) if all_pairs else None,
                           "found": len(true & set(found)) / len(true) if true else None}
                    if n == args.perm_size:
                        library = LIBRARY[lib](num_perm)
                        docs = sorted({d for p in sample for d in p})
                        sig = dict(zip(docs, library.sign([shingles(everything[d], k) for d in docs]), strict=True))
                        err = {p: abs(library.jaccard(sig[p[0]], sig[p[1]]) - exact[p]) for p in sample}
                        row["mae"] = statistics.fmean(err.values())
                        high = [e for p, e in err.items() if exact[p] >= TRUE_J]
                        row["mae5"] = statistics.fmean(high) if high else None
                        syn_sigs = library.sign([shingles(t, k) for t in syn_texts])
                        flagged = {p: library.jaccard(syn_sigs[p[0]], syn_sigs[p[1]])
                                   for p in pairs_of(library.candidates(syn_sigs))}
                        row["t"], row["recall"] = recall_at_threshold(flagged, groups, kinds)
                    rows.append(row)
            t, recall = recall_at_threshold(syn_exact, groups, kinds)
            rows.append({"lib": "exact", "k": k, "t": t, "recall": recall})

    head = (f"{'lib':<10} | {'docs':>6} | {'perm':>4} | k | {'sig s':>6} | {'us/doc':>6} | {'lsh s':>6} | "
            f"{'peak MB':>7} | {'+MB':>5} | {'pairs':>6} | overlap | found | {'MAE':>5} | MAE .5 | {'t':>4} | "
            + " | ".join(f"{label:>4}" for label in LABELS))
    print(head)
    for r in rows:
        got = r.get("recall")
        tail = " | ".join(_f(got[kind] if got else None, ".2f").rjust(4) for kind in KINDS)
        if r["lib"] == "exact":
            print(f"{'exact':<10} | {'-':>6} | {'-':>4} | {r['k']} | {'-':>6} | {'-':>6} | {'-':>6} | {'-':>7} | "
                  f"{'-':>5} | {'-':>6} | {'-':>7} | {'-':>5} | {'-':>5} | {'-':>6} | {_f(r['t'], '.2f'):>4} | {tail}")
            continue
        print(f"{r['lib']:<10} | {r['n']:>6} | {r['perm']:>4} | {r['k']} | {r['sig_s']:>6.2f} | "
              f"{1e6 * r['sig_s'] / r['n']:>6.0f} | {r['lsh_s']:>6.2f} | {r['peak']:>7.0f} | {r['plus']:>5.0f} | "
              f"{r['pairs']:>6} | {_f(r['overlap'], '.3f'):>7} | {_f(r['found'], '.3f'):>5} | "
              f"{_f(r.get('mae'), '.3f'):>5} | {_f(r.get('mae5'), '.3f'):>6} | {_f(r.get('t'), '.2f'):>4} | {tail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
