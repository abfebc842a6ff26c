"""Command line: a thin layer over the library."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import sys
from pathlib import Path

import click
from rich.console import Console

from marsad import __version__, export
from marsad.errors import MarsadError
from marsad.runner import run as run_job
from marsad.settings import DEFAULT
from marsad.store import Store
from marsad.store.schema import ANNOTATIONS

err = Console(stderr=True, highlight=False)


@click.group()
@click.version_option(__version__, prog_name="marsad")
def main() -> None:
    """marsad: raw Arabic news in; clean, analysed articles out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="marsad.db", show_default=True, help="SQLite database file to write.")
@click.option("--max-bytes", type=int, default=DEFAULT.max_file_bytes, show_default=True,
              help="Refuse single-article files larger than this.")
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes that clean, analyse and store (0: one per CPU core).")
@click.option("--quiet", is_flag=True, help="Print only the summary.")
def run(paths: tuple[str, ...], db: str, max_bytes: int, workers: int, quiet: bool) -> None:
    """Read, clean, analyse (entities, quotes, times, figures) and store the articles in PATHS.

    Formats: .txt, .html, .jsonl, .json, RSS/Atom (.xml/.rss/.atom), .warc(.gz).
    Running again on the same input adds nothing twice.

    Example: marsad run ../shared/seeds --db marsad.db
    """
    settings = dataclasses.replace(DEFAULT, max_file_bytes=max_bytes)
    try:
        store = Store(db)
    except (MarsadError, sqlite3.DatabaseError) as e:  # a corrupt or foreign file is not a database we can use
        raise click.ClickException(f"{db}: {e}") from None
    with store:
        report = _run_with_progress(paths, store, settings, workers or os.cpu_count() or 1, quiet)
    _summary(report, db)
    if not report.ok:
        sys.exit(1)


def _run_with_progress(paths, store, settings, workers, quiet):
    if quiet or not err.is_terminal:
        return run_job(paths, store, settings, workers=workers)
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("articles", total=None)

        def on_item(refused):
            if refused:
                progress.console.print(f"[yellow]refused[/] {escape(refused)}", markup=True)
            progress.advance(task)
        return run_job(paths, store, settings, on_item=on_item, workers=workers)


def _summary(report, db: str) -> None:
    out = Console(highlight=False)
    out.print(f"read {report.read}, stored {report.stored} new, {report.present} already present, "
              f"refused {len(report.refused)} -> {db}")
    if report.removed:
        removed = ", ".join(f"{reason} {n}" for reason, n in report.removed.most_common())
        out.print(f"cleaning removed: {removed}")
    if report.stored:
        out.print("found: " + ", ".join(f"{report.found[key]} {key}" for key in ANNOTATIONS))
    for line in report.refused[:20]:
        out.print(f"  refused: {line}", markup=False)
    if len(report.refused) > 20:
        out.print(f"  ... and {len(report.refused) - 20} more refused")


@main.command("export")
@click.option("--db", default="marsad.db", show_default=True, help="SQLite database file to read.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "sql"]), default="json", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Output file (json, sql) or directory (csv). Default: standard output (json, sql), "
                   "./marsad-export (csv).")
def export_cmd(db: str, fmt: str, out: Path | None) -> None:
    """Export everything stored: JSON keyed by annotation type, CSV per key, or an SQL dump.

    Example: marsad export --format json --out marsad.json
    """
    if not Path(db).is_file():
        raise click.ClickException(f"{db}: no such database (run `marsad run PATH --db {db}` first)")
    with Store(db) as store:
        if fmt == "csv":
            for path in export.write_csv(store, out or Path("marsad-export")):
                err.print(f"wrote {path}")
            return
        writer = export.write_json if fmt == "json" else export.write_sql
        if out is None:
            writer(store, sys.stdout)
        else:
            with out.open("w", encoding="utf-8") as f:
                writer(store, f)
            err.print(f"wrote {out}")
