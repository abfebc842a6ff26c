"""Incremental runs and a store that reads back: stored articles are found by id before any step runs, a
step whose version changed runs again on them in place, and what is stored reads back whole."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest

from marsad.analyse.figures import Figures
from marsad.clean import Clean, rules
from marsad.errors import MarsadError
from marsad.model import Article
from marsad.pipeline import Pipeline, Step
from marsad.runner import default_steps, process, reanalyse, run
from marsad.store import Store
from tests.conftest import saudi_articles


class Counted(Step):
    """A step as the pipeline runs it, counting the articles it sees."""

    def __init__(self, step: Step, seen: Counter[str]) -> None:
        self.step, self.seen = step, seen
        self.name, self.requires, self.provides = step.name, step.requires, step.provides

    @property
    def version(self) -> int:  # type: ignore[override]
        return self.step.version

    def prepare(self, store: object) -> None:
        self.step.prepare(store)

    def process(self, article: Article) -> Article:
        self.seen[self.name] += 1
        return self.step.process(article)


def counted(seen: Counter[str]) -> list[Step]:
    return [Counted(step, seen) for step in default_steps()]


@pytest.fixture
def pages(tmp_path):
    """Real articles without URLs (their id is their raw page's), as page text with furniture."""
    folder = tmp_path / "in"
    folder.mkdir()
    for k, art in enumerate(saudi_articles()[100:112]):
        (folder / f"{k:02d}.txt").write_text(f"{art['title']}\nاقرأ أيضا\n{art['content']}\nشارك هذا الخبر", "utf-8")
    return folder


def test_a_rerun_finds_stored_articles_before_any_step_runs(pages, db):
    seen: Counter[str] = Counter()
    with Store(db) as store:
        first = run([pages], store, steps=counted(seen))
        assert first.stored == 12 and seen["clean"] == seen["quotes"] == 12
        seen.clear()
        again = run([pages], store, steps=counted(seen))
    assert (again.read, again.stored, again.present, again.updated) == (12, 0, 12, 0)
    assert not seen  # no step ran at all


def test_a_step_with_a_new_version_runs_again_on_stored_articles_in_place(pages, db, monkeypatch):
    seen: Counter[str] = Counter()
    with Store(db) as store:
        run([pages], store)
        before = {a.id: a for a in store.articles()}
        monkeypatch.setattr(Figures, "version", Figures.version + 1)
        report = run([pages], store, steps=counted(seen))
        after = {a.id: a for a in store.articles()}
    assert report.updated == 12 and report.stored == 0
    assert seen == Counter({"figures": 12})  # only the step that changed: nothing requires what it gives
    assert set(after) == set(before)
    for i, a in after.items():
        assert a.steps["figures"] == Figures.version and a.figures == before[i].figures
        assert a.quotes == before[i].quotes and a.text == before[i].text


def test_reanalyse_brings_every_stored_article_up_to_date_without_input(pages, db, monkeypatch):
    with Store(db) as store:
        run([pages], store)
        seq = store.last_seq()
        monkeypatch.setattr(Figures, "version", Figures.version + 1)
        seen: Counter[str] = Counter()
        report = reanalyse(store, steps=counted(seen))
        assert report.updated == 12 and seen == Counter({"figures": 12})
        assert len(list(store.articles(since=seq))) == 12  # written again: counted as changed
        assert reanalyse(store).updated == 0


def test_a_new_cleaning_rule_takes_effect_and_never_stores_an_article_twice(pages, db, monkeypatch):
    """Upgrading marsad with a changed cleaner: the same articles (ids from the raw page, not the cleaned
    text), cleaned again by the new rule, every later step run again, nothing stored twice."""
    with Store(db) as store:
        run([pages], store)
        ids = {a.id for a in store.articles(annotations=False)}
        kept_before = sum("شارك هذا الخبر" in a.text for a in store.articles(annotations=False))
    assert kept_before == 12  # the old rules keep that line

    real = rules.boilerplate

    def with_new_rule(line: rules.Line) -> str | None:  # a new furniture phrase, added in Python
        return "share" if line.key == rules.key("شارك هذا الخبر") else real(line)

    monkeypatch.setattr(rules, "boilerplate", with_new_rule)
    monkeypatch.setattr("marsad.clean.page._CACHES", {})  # facts judged by the old rule are forgotten
    monkeypatch.setattr(Clean, "version", Clean.version + 1)
    seen: Counter[str] = Counter()
    with Store(db) as store:
        report = run([pages], store, steps=counted(seen))
        stored = list(store.articles())
    assert (report.stored, report.updated) == (0, 12) and len(stored) == 12 and {a.id for a in stored} == ids
    assert seen == Counter({step.name: 12 for step in default_steps()})
    assert all("شارك هذا الخبر" not in a.text and any(r.text == "شارك هذا الخبر" and r.reason == "share"
                                                      for r in a.removed) for a in stored)


def test_a_step_run_twice_gives_what_it_gave_once(seeds):
    """Each step first undoes what it set (the header's title and date, an inferred date): running an
    article through the steps again changes nothing."""
    for a in process([seeds]):
        assert isinstance(a, Article)
        again = Pipeline(default_steps()).apply(Article(**{f: getattr(a, f) for f in a.__dataclass_fields__}))
        assert again == a


def test_stored_articles_read_back_whole_and_equal(seeds, db, tmp_path):
    """Store.article gives back the very Article that was stored, every annotation included, on real pages
    of several sources and formats."""
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("".join(json.dumps({"text": a["content"], "title": a["title"], "url": a["url"],
                                         "outlet": a["source"], "published": a["date_extracted"][:10]},
                                        ensure_ascii=False) + "\n" for a in saudi_articles()[200:240]), "utf-8")
    made = [a for a in process([seeds, mixed]) if isinstance(a, Article)]
    assert len(made) == 45
    with Store(db) as store:
        store.add(made)
        for a in made:
            assert store.article(a.id) == a
        assert store.article("0" * 16) is None


def test_articles_added_since_a_point(pages, seeds, db):
    with Store(db) as store:
        run([pages], store)
        point = store.last_seq()
        run([seeds], store)
        later = list(store.articles(since=point))
        assert {a.source for a in later} == {p.name for p in seeds.glob("*.txt")}
        assert len(list(store.articles())) == 17 and all(a.entities for a in later)


def test_a_read_only_open_neither_migrates_nor_changes_pragmas(seeds, db):
    with Store(db) as store:
        run([seeds], store)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    before = db.read_bytes()
    with Store(db, readonly=True) as store:
        assert store.count() == 5 and len(list(store.articles())) == 5
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM articles")
    assert db.read_bytes() == before
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone() == ("delete",)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)")
    con.commit()
    con.close()
    old = db.read_bytes()
    with pytest.raises(MarsadError, match="E018"):
        Store(db, readonly=True)
    assert db.read_bytes() == old


def test_an_export_is_one_snapshot_while_a_run_writes(seeds, db, tmp_path):
    """A reader's snapshot holds the articles and the quotes of one moment: a batch committed meanwhile is
    in neither."""
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps({"text": a["content"], "url": a["url"]}, ensure_ascii=False) + "\n"
                            for a in saudi_articles()[300:330]), "utf-8")
    with Store(db) as writer:
        run([seeds], writer)
        with Store(db, readonly=True) as reader, reader.snapshot():
            ids = {a.id for a in reader.articles(annotations=False)}
            run([more], writer)  # commits while the snapshot is open
            quoted = {q["article"] for q in reader.annotations("quotes")}
            assert len(ids) == 5 and quoted <= ids
        assert writer.count() == 35
        assert {q["article"] for q in writer.annotations("quotes")} - ids


def _probe(db, during):
    """The stories step, with ``during(first)`` run while it maps the first article (outside the write lock: a
    writer may take the database then)."""
    from marsad.link.stories import Stories

    class Probe(Stories):
        calls = 0

        def signature(self, article: Article) -> dict:
            Probe.calls += 1
            if Probe.calls == 1:
                other = sqlite3.connect(db, timeout=0.2)
                other.execute("BEGIN IMMEDIATE")  # refused while a linker holds the database
                other.execute("ROLLBACK")
                other.close()
                during()
            return super().signature(article)
    return Probe()


def _store_one(db) -> None:
    extra = next(a for a in saudi_articles() if (a.get("content") or "").strip())
    with Store(db) as second:
        page = f"{extra['title']}\n{extra['content']}"
        second.add(Pipeline(default_steps()).run([Article(id="x" * 16, source="t", text="", raw=page)]))


def test_linking_holds_no_write_lock_while_it_maps_and_links_what_was_stored_when_it_began(seeds, db):
    """A run storing an article while another links is not kept waiting for the whole map phase; the linker
    links the articles stored when it began, the one stored meanwhile next time, each once."""
    from marsad.link import link
    from marsad.link.stories import Stories

    with Store(db) as store:
        run([seeds], store, across=())
        first = store.count()
        assert link(store, [_probe(db, lambda: _store_one(db))]).linked == {"stories": first}
        [(n,)] = store.query("SELECT n FROM link_counts WHERE step = 'stories' AND key = ''")
        assert n == first and store.count() == first + 1
        assert link(store, [Stories()]).linked == {"stories": 1}
        [(n,)] = store.query("SELECT n FROM link_counts WHERE step = 'stories' AND key = ''")
        assert n == first + 1


def test_a_linker_whose_step_another_moved_on_while_it_mapped_maps_again_from_there(seeds, db):
    from marsad.link import link
    from marsad.link.stories import Stories

    def another_links() -> None:
        with Store(db) as second:
            link(second, [Stories()])

    with Store(db) as store:
        run([seeds], store, across=())
        assert link(store, [_probe(db, another_links)]).linked == {}  # the other had linked them all
        [(n,)] = store.query("SELECT n FROM link_counts WHERE step = 'stories' AND key = ''")
        assert n == store.count()
