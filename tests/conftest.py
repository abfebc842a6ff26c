"""Shared fixtures: real Arabic text from ../shared (never copied into the repo), offline."""

from __future__ import annotations

import json
import zipfile
from functools import cache
from pathlib import Path

import pytest

from eval.common import SHARED

SEEDS = SHARED / "seeds"


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
