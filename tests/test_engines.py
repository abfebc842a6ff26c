"""The two page engines: the compiled one (marsad.clean._page, where the install built it) and the Python
one (marsad.clean.page) give the same cleaned article on real pages, to the character."""

from __future__ import annotations

import random
import shutil
import warnings

import pytest

import marsad.clean as clean
from benchmarks.corpus import page_text
from marsad.clean import page
from marsad.errors import MarsadError
from marsad.model import Article
from tests.conftest import SEEDS, saudi_articles

try:
    from marsad.clean import _page as compiled
except ImportError:  # not built here
    compiled = None
needs_compiled = pytest.mark.skipif(compiled is None, reason="the compiled engine is not built here")

HEADERS = ["آخر تحديث: 12/3/2015 - 14:05 (مكة المكرمة)", "عدد القراءات: 1234", "الرياض/ واس", "حجم الخط",
           "الرئيسية / أخبار / سياسة", "بقلم: محمد علي", "الخميس 19 مارس 2020", "القاهرة - أ ف ب", "٣٥٤"]
FOOTERS = ["المصدر : الجزيرة + وكالات", "شارك على فيسبوك تويتر واتساب", "جميع الحقوق محفوظة لموقع الخبر 2021",
           "ذات صلة", "اقرأ أيضاً", "تابعونا على تويتر", "© 2021 الموقع"]
INSIDE = ["— Mustafa Al-Kadhimi (@MAKadhimi) December 29, 2021", "جانب من الاجتماع في بغداد (أ ف ب)",
          "صورة: وزير الخارجية خلال المؤتمر"]


def _pages() -> list[tuple[str, str | None]]:
    """Real articles in several layouts: the benchmark's, other sites' furniture with a pasted post or a
    caption, a paragraph pasted twice with a teaser above it, the title given; and the sample."""
    rng = random.Random(5)
    arts = [a for a in saudi_articles() if (a.get("content") or "").strip()]
    pages: list[tuple[str, str | None]] = []
    for n, art in enumerate(arts[:900]):
        paras = [p.strip() for p in art["content"].splitlines() if p.strip()]
        title = art.get("title") or ""
        if n % 3 == 0:
            pages.append((page_text(art, arts[n - 1].get("title") or "عنوان", rng), None))
        elif n % 3 == 1 and len(paras) > 2:
            paras.insert(rng.randrange(1, len(paras)), rng.choice(INSIDE))
            raw = "\n".join([title, *rng.sample(HEADERS, 3), *paras, *rng.sample(FOOTERS, 3)])
            pages.append((raw, title if n % 2 else None))
        elif paras:
            k = rng.randrange(len(paras))
            teaser = " ".join(paras[0].split()[:12])
            pages.append(("\n".join([title, teaser, *paras[:k + 1], paras[k], *paras[k + 1:]]), None))
    pages += [(p.read_text("utf-8"), None) for p in sorted(SEEDS.glob("*.txt"))]
    return pages


def _result(engine, raw: str, title: str | None):
    a = Article(id="", source="t", text="", raw=raw, title=title)
    try:
        engine.clean_article(a)
    except MarsadError as e:
        return e.code
    return a.text, a.paragraphs, a.removed, a.title, a.published, a.published_how


@needs_compiled
def test_both_engines_give_the_same_article_on_real_pages():
    pages = _pages()
    assert len(pages) >= 800
    differ = [raw[:60] for raw, title in pages if _result(page, raw, title) != _result(compiled, raw, title)]
    assert differ == []


@needs_compiled
def test_a_compiled_engine_older_than_its_source_is_not_used(monkeypatch):
    monkeypatch.setattr(compiled, "SOURCE_DIGEST", "0" * 64)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert clean._engine() is page
    assert "older than its source" in str(caught[0].message)


@pytest.mark.skipif(not shutil.which("cc"), reason="no C compiler here: the install runs the Python engine")
def test_where_a_compiler_is_at_hand_the_compiled_engine_is_the_one_in_use():
    """The install builds it wherever it can (an older build than its source would have been refused)."""
    assert compiled is not None and clean.engine is compiled
