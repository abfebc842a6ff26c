"""The pages in a real browser: headless Chromium from Debian's packages (/usr/bin/chromium), driven by
Playwright pointed at that browser (nothing downloaded). It loads the brief, a story, an article and a search at
a laptop's and a phone's width, clicks a highlighted name through to its entity page, and uploads a file;
each page's screenshot goes to the system's temporary folder, or to MARSAD_SCREENSHOTS
(`MARSAD_SCREENSHOTS=docs/screenshots pytest tests/test_browser.py` refreshes the README's pictures; a plain
test run changes no tracked file). The pages must be right to left, fit the phone's width, and raise no script
error or content-security-policy violation."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.store import Store
from tests.conftest import saudi_articles
from tests.webserver import serve

CHROMIUM = Path(os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(os.environ.get("MARSAD_SCREENSHOTS", Path(tempfile.gettempdir()) / "marsad-screenshots"))
SIZES = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SHOT_HEIGHT = 1800  # a screenshot shows a page's top this tall at most

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (.ci/run installs "
                                                             "Debian's chromium package)")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


class Watched:
    """A page whose script errors and console errors (a CSP violation is one) are kept."""

    def __init__(self, browser: object, size: str) -> None:
        self.page = browser.new_page(viewport=SIZES[size], device_scale_factor=1)  # type: ignore[attr-defined]
        self.size = size
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))

    def check(self, name: str) -> None:
        """Right to left, no wider than the window, no error so far; then its screenshot (the page's top)."""
        page = self.page
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, self.size)
        assert not self.errors, self.errors
        SHOTS.mkdir(parents=True, exist_ok=True)
        height = min(SHOT_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
        page.screenshot(path=str(SHOTS / f"{name}-{self.size}.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": SIZES[self.size]["width"], "height": height})


@pytest.mark.parametrize("size", list(SIZES))
def test_brief_story_article_search_and_a_name_through_to_its_entity(site, browser, size):
    w = Watched(browser, size)
    page = w.page
    page.goto(site.url + "/")
    stories = page.locator("ol.stories h2 a")
    assert stories.count() >= 1
    w.check("brief")

    with Store(site.db, readonly=True) as store:
        story = max(store.stories_records(), key=lambda s: len(s["articles"]))
    page.goto(f"{site.url}/stories/{story['id']}")
    assert page.locator("svg.timeline").count() == 1
    dated = [e for e in story["events"] if e["date"]]
    assert page.locator("svg.timeline .ev-day, svg.timeline .ev-month").count() == len(dated)
    assert page.locator("ol.events > li").count() == len(story["events"])
    # the whole chart in view, at a phone's width too: no scrolling sideways to see the latest events
    assert page.evaluate("(w => w.scrollWidth <= w.clientWidth + 1)(document.querySelector('.chart-wrap'))")
    w.check("story")

    # from the story to one of its articles, by its link in the list of articles
    page.locator("table.list a").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{16}$"))
    assert page.locator(".text a.hl.ent").count() >= 5
    toggles = page.locator("fieldset.toggles")
    assert toggles.is_visible()  # the script ran (it shows the toggles)
    page.locator("fieldset.toggles input[data-layer=ent]").uncheck()
    assert "hide-ent" in page.evaluate("document.body.className")
    page.locator("fieldset.toggles input[data-layer=ent]").check()
    w.check("article")

    # a highlighted name, clicked through to its entity's page
    name = page.locator(".text a.hl.ent-PER").first
    said = name.inner_text()
    name.click()
    page.wait_for_url(re.compile(r"/entities/"))
    heading = page.locator("h1.entity-name").inner_text()
    variants = page.locator("section .chips .chip").all_inner_texts()
    assert said in heading or said in variants, (said, heading, variants)
    w.check("entity")

    # a search typed into the header's box
    box = page.locator("header .quick input[name=q]")
    box.fill("خفاجي")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator("ol.results > li").count() >= 3
    hits = page.locator(".snippet .hit").all_inner_texts()
    assert hits and all("خفاجي" in h for h in hits)
    w.check("search")
    page.close()


def test_an_upload_shows_its_progress_and_marsad_runs_report(tmp_path, browser):
    db = tmp_path / "marsad.db"
    with Store(db):
        pass
    good = tmp_path / "news.txt"
    art = saudi_articles()[21]
    good.write_text(f"{art['title']}\n\n{art['content']}", "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with serve(db) as site:
        w = Watched(browser, "laptop")
        page = w.page
        page.goto(site.url + "/upload")
        page.locator("input[type=file]").set_input_files([str(good), str(empty)])
        page.locator("form#upload button").click()
        page.wait_for_selector("#result .summary", timeout=120_000)
        summary = page.locator("#result .summary").inner_text()
        assert "خُزّن 1 جديد" in summary and "رُفض 1" in summary
        refused = page.locator("#result .refused li").all_inner_texts()
        assert len(refused) == 1 and "empty.txt: [E001]" in refused[0]
        assert re.search(r"/upload/[0-9a-f]{16}$", page.url)  # the address of the job's own page
        w.check("upload")
        page.close()
