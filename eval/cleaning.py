"""Cleaner vs a keep-every-line baseline on the hand-written gold (trafilatura's with/without habit).

Run: python -m eval.cleaning
"""

from __future__ import annotations

from eval.common import PRF, SHARED, load_gold
from marsad.clean import clean_article
from marsad.ingest import read_file
from marsad.model import Article

BODY_KINDS = ("body", "embedded_post")


def body_view(article: Article) -> str:
    return "\n".join(article.text[p.start:p.end] for p in article.paragraphs if p.kind in BODY_KINDS)


def score_body(body: str, doc: dict) -> PRF:
    s = PRF()
    for snippet in doc["with"]:
        if snippet in body:
            s.tp += 1
        else:
            s.fn += 1
    for snippet in doc["without"]:
        s.fp += snippet in body
    for snippet in doc["once"]:
        n = body.count(snippet)
        s.tp += n >= 1
        s.fn += n == 0
        s.fp += max(0, n - 1)
    return s


def evaluate() -> dict[str, float]:
    gold = load_gold("cleaning")
    cleaner, baseline = PRF(), PRF()
    fields = {"title": 0, "published": 0, "embedded_posts": 0}
    for doc in gold["documents"]:
        [raw] = read_file(SHARED / "seeds" / doc["file"])
        assert isinstance(raw, Article), raw
        baseline.add(score_body(raw.raw, doc))
        article = clean_article(raw)
        cleaner.add(score_body(body_view(article), doc))
        fields["title"] += article.title == doc["title"]
        fields["published"] += article.published == doc["published"]
        posts = [{"platform": p.platform, "handle": p.handle, "date": p.date}
                 for p in article.paragraphs if p.kind == "embedded_post"]
        fields["embedded_posts"] += posts == doc["embedded_posts"]
    n = len(gold["documents"])
    print(f"body lines, cleaner:            {cleaner.row()}")
    print(f"body lines, baseline (keep all): {baseline.row()}")
    for name, hits in fields.items():
        print(f"{name:<15} {hits}/{n}")
    return {
        "cleaning.body_precision": cleaner.precision, "cleaning.body_recall": cleaner.recall,
        "cleaning.title_accuracy": fields["title"] / n, "cleaning.published_accuracy": fields["published"] / n,
        "cleaning.embedded_post_accuracy": fields["embedded_posts"] / n,
        "baseline.body_precision": baseline.precision, "baseline.body_recall": baseline.recall,
    }


if __name__ == "__main__":
    evaluate()
