"""Site furniture learned from an outlet's own pages (SaudiNewsNet articles as pages of their outlets)."""

from __future__ import annotations

import json

from marsad.clean.furniture import learned, page_prints
from marsad.runner import run
from marsad.settings import DEFAULT
from marsad.store import Store
from tests.conftest import saudi_articles

FOOTER = "تصميم وتطوير شركة الحلول الرقمية المتقدمة"


def pages(tmp_path, footer_every: int = 1, n: int = 24):
    """An outlet's real articles, its footer on its pages; and another outlet's."""
    arts = [a for a in saudi_articles() if a["source"] == "sabq"][:n]
    other = [a for a in saudi_articles() if a["source"] == "okaz"][:n]
    path = tmp_path / "pages.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for k, a in enumerate(arts):
            text = f"{a['title']}\n{a['content']}" + (f"\n{FOOTER}" if k % footer_every == 0 else "")
            f.write(json.dumps({"text": text, "url": a["url"], "outlet": "sabq"}, ensure_ascii=False) + "\n")
        for a in other:
            f.write(json.dumps({"text": f"{a['title']}\n{a['content']}", "url": a["url"], "outlet": "okaz"},
                               ensure_ascii=False) + "\n")
    return path


def test_a_line_on_many_pages_of_one_outlet_is_learned_and_taken_from_every_page(tmp_path, db):
    with Store(db) as store:
        report = run([pages(tmp_path)], store, batch=5)
        assert report.furniture_learned >= 1
        assert [(o, line) for o, line, _ in store.furniture_lines()] == [("sabq", FOOTER)]
        sabq = [a for a in store.articles() if a.outlet == "sabq"]
        # the pages stored before the line was learned were cleaned again
        assert len(sabq) >= 20 and all(FOOTER in a.raw and FOOTER not in a.text for a in sabq)
        assert all(("site_furniture", FOOTER) in [(r.reason, r.text) for r in a.removed] for a in sabq)
        assert all(a.entities is not None and a.steps["quotes"] for a in sabq)


def test_wire_text_shared_by_outlets_is_not_furniture():
    """A line on the pages of two outlets is copied text, however often it recurs."""
    line = "وقال المتحدث باسم الوزارة إن الوضع تحت السيطرة"
    pages_ = [(o, f"عنوان الخبر رقم {k}\nنص الخبر الأول هنا بما يكفي من الكلمات.\n{line}")
              for k in range(20) for o in ("sabq", "okaz")]
    counts: dict[tuple[str, str], int] = {}
    for outlet, raw in pages_:
        for p in page_prints(raw):
            counts[outlet, p] = counts.get((outlet, p), 0) + 1
    outlets: dict[str, int] = {}
    for _, p in counts:
        outlets[p] = outlets.get(p, 0) + 1
    rows = [(o, p, n, 20, outlets[p] - 1) for (o, p), n in counts.items()]
    found = {p for _, p in learned(rows, DEFAULT)}
    assert not {p for p, text in page_prints(pages_[0][1]).items() if text == line} & found


def test_a_sentence_is_never_a_candidate():
    art = saudi_articles()[0]
    sentence = next(s.strip() for s in art["content"].split("\n") if s.strip().endswith(".") and len(s.split()) > 10)
    assert sentence not in page_prints(sentence + "\nسطر قصير").values()


def test_a_line_on_few_pages_of_the_outlet_stays(tmp_path, db):
    with Store(db) as store:
        run([pages(tmp_path, footer_every=6)], store, batch=50)  # 4 pages of 24: under the bar
        assert not store.furniture_lines()
        stored = list(store.articles(annotations=False))
        assert sum(FOOTER in a.text for a in stored) == sum(FOOTER in a.raw for a in stored) >= 3
