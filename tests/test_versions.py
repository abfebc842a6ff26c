"""A URL fetched again with changed text is a new version of the same article, not a second article."""

from __future__ import annotations

import json
from pathlib import Path

from marsad.runner import run
from marsad.store import Store
from tests.conftest import saudi_articles


def _page(path: Path, url: str, article: dict) -> Path:
    path.write_text(json.dumps({"text": f"{article['title']}\n{article['content']}", "url": url,
                                "outlet": article["source"], "published": "2015-07-21"}, ensure_ascii=False) + "\n",
                    "utf-8")
    return path


def test_a_page_fetched_again_with_other_text_becomes_the_articles_new_version(tmp_path, db):
    first, second = [a for a in saudi_articles() if (a.get("content") or "").strip() and a.get("title")][:2]
    url = "https://example.com/news/1"
    with Store(db) as store:
        one = run([_page(tmp_path / "a.jsonl", url, first)], store)
        [article_id] = [i for (i,) in store.query("SELECT id FROM articles")]
        again = run([_page(tmp_path / "b.jsonl", url, second)], store)
        assert (one.stored, again.stored, again.revised) == (1, 0, 1)
        assert store.count() == 1
        article = store.article(article_id)
        assert article is not None and article.title == second["title"]
        [old] = store.article_versions(article_id)
        assert old["version"] == 1 and old["title"] == first["title"]
        assert first["content"].split()[0] in old["text"]
        [(story_article,)] = store.query("SELECT count(*) FROM story_articles WHERE article = ?", (article_id,))
        assert story_article == 1  # placed anew among the stories, once
        same = run([_page(tmp_path / "c.jsonl", url, second)], store)
        assert (same.present, same.revised) == (1, 0) and len(store.article_versions(article_id)) == 1


def test_the_same_page_again_is_no_new_version(tmp_path, db):
    first = next(a for a in saudi_articles() if (a.get("content") or "").strip() and a.get("title"))
    page = _page(tmp_path / "a.jsonl", "https://example.com/news/2", first)
    with Store(db) as store:
        run([page], store)
        again = run([page], store)
        [article_id] = [i for (i,) in store.query("SELECT id FROM articles")]
        assert (again.present, again.revised) == (1, 0) and store.article_versions(article_id) == []
