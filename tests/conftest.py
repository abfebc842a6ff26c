"""Shared fixtures: real Arabic text from ../shared (never copied into the repo), offline."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from eval.common import SHARED

if TYPE_CHECKING:
    from tests.webserver import Served

SEEDS = SHARED / "seeds"


def pytest_configure(config: pytest.Config) -> None:
    """One clear line, not a traceback at collection, when the shared data is not where the tests look."""
    if not (SHARED / "data").is_dir():
        pytest.exit(f"the tests read real text from {SHARED}, which is missing: put the shared folder beside the "
                    "checkout (../shared) or set MARSAD_SHARED to its path", returncode=1)


@cache
def saudi_articles(day: str = "2015-07-21") -> list[dict]:
    """Real articles from one day of SaudiNewsNet."""
    with zipfile.ZipFile(SHARED / "data" / "saudinewsnet" / f"{day}.zip") as z:
        return json.loads(z.read(z.namelist()[0]))


def seed_text(n: int) -> str:
    return sorted(SEEDS.glob("*.txt"))[n].read_text("utf-8")


@pytest.fixture
def seeds() -> Path:
    assert SEEDS.is_dir(), f"the sample is missing: {SEEDS}"
    return SEEDS


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "marsad.db"


def table_state(path: Path) -> list:
    """Every row of every table: to check a database is unchanged."""
    import sqlite3

    con = sqlite3.connect(path)
    tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    state = [(t, sorted(map(repr, con.execute(f'SELECT * FROM "{t}"')))) for t in tables]
    con.close()
    return state


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The sample run into a new database and served on 127.0.0.1, once per test module."""
    from tests.webserver import build, serve  # it reads this module's paths
    db = tmp_path_factory.mktemp("site") / "marsad.db"
    build(db)
    with serve(db) as served:
        yield served
