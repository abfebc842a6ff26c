"""Command line: a thin layer over the library."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

from marsad import __version__, export
from marsad import brief as briefing
from marsad.errors import MarsadError
from marsad.runner import RunReport
from marsad.runner import reanalyse as reanalyse_job
from marsad.runner import run as run_job
from marsad.settings import DEFAULT
from marsad.store import Store

err = Console(stderr=True, highlight=False)
SHOWN_ON_A_TERMINAL = 20  # refusals and warnings listed on a terminal; all of them elsewhere or in --report


@click.group()
@click.version_option(__version__, prog_name="marsad")
def main() -> None:
    """marsad: raw Arabic news in; clean, analysed articles out."""


@contextmanager
def opened(db: str, *, readonly: bool = False) -> Iterator[Store]:
    """The store, or one clear line (never a traceback) when the file cannot serve: not a database, written
    by a newer marsad, read-only, on a full disk."""
    try:
        with Store(db, readonly=readonly) as store:
            yield store
    except MarsadError as e:
        raise click.ClickException(f"{db}: {e}") from None
    except sqlite3.DatabaseError as e:
        message = str(e)
        if "not a database" in message or "malformed" in message:
            e2 = MarsadError("E019", path=db, detail=message)
        else:
            e2 = MarsadError("E020", path=db, detail=message)
        raise click.ClickException(str(e2)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="marsad.db", show_default=True, help="SQLite database file to write.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT.max_file_bytes, show_default=True,
              help="Refuse single-article files larger than this. An article's text is also refused over "
                   f"{DEFAULT.max_article_chars:,} characters.")
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes that clean, analyse and store (0: one per CPU core).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write every refusal and warning to this file, one per line.")
@click.option("--quiet", is_flag=True, help="Print only the summary.")
def run(paths: tuple[str, ...], db: str, max_bytes: int, workers: int, report: Path | None, quiet: bool) -> None:
    """Read, clean, analyse (entities, quotes, times, figures) and store the articles in PATHS.

    Formats: .txt, .html, .jsonl, .json, RSS/Atom (.xml/.rss/.atom), .warc(.gz).
    Running again on the same input adds nothing twice; articles stored by an older version of a step are
    brought up to date in place.

    Example: marsad run ../shared/seeds --db marsad.db
    """
    settings = dataclasses.replace(DEFAULT, max_file_bytes=max_bytes)
    fresh = not Path(db).exists()
    with opened(db) as store:
        result = _with_progress(lambda on_item: run_job(paths, store, settings, on_item=on_item,
                                                        workers=workers or os.cpu_count() or 1), quiet)
        morning = briefing.brief(store) if result.ok and not quiet else None
    if fresh and not result.read:  # nothing was stored: no empty database is left behind
        for leftover in (db, f"{db}-wal", f"{db}-shm"):
            Path(leftover).unlink(missing_ok=True)
    if not result.read and not result.refused:  # one line says it all: no summary of zeros before it
        click.echo(f"nothing to read: no article files in {', '.join(paths)} (formats: marsad run --help)", err=True)
        sys.exit(1)
    _summary(result, db, report)
    if morning is not None:
        click.echo("\n" + briefing.render(morning), nl=False)
    if not result.ok:
        sys.exit(1)


@main.command()
@click.option("--db", default="marsad.db", show_default=True, help="SQLite database file to bring up to date.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write every refusal to this file, one per line.")
@click.option("--quiet", is_flag=True, help="Print only the summary.")
def reanalyse(db: str, report: Path | None, quiet: bool) -> None:
    """Run again every stored article made by an older version of a step (after an upgrade of marsad),
    through that step and the steps that use what it gives; annotations are replaced in place. `marsad run`
    does the same for the articles it reads.

    Example: marsad reanalyse --db marsad.db
    """
    _exists(db)
    with opened(db) as store:
        result = _with_progress(lambda on_item: reanalyse_job(store, on_item=on_item), quiet)
    click.echo(f"brought up to date {result.updated}, already current {result.present}, "
               f"failed {len(result.refused)} -> {db}")
    if report is not None:
        _write(report, [f"refused: {r}" for r in result.refused])
    _listing(result.refused, "refused", report)


def _with_progress(job, quiet: bool) -> RunReport:
    if quiet or not err.is_terminal:
        return job(None)
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("articles", total=None)

        def on_item(refused: str | None) -> None:
            if refused:
                progress.console.print(f"[yellow]refused[/] {escape(refused)}", markup=True)
            progress.advance(task)
        return job(on_item)


def _summary(report: RunReport, db: str, listing: Path | None) -> None:
    """The counts; every refusal (on a terminal the first few); warnings counted by code, each one in
    ``listing`` when given."""
    updated = f", {report.updated} brought up to date" if report.updated else ""
    updated += f", {report.revised} fetched again with changed text (new versions)" if report.revised else ""
    click.echo(f"read {report.read}, stored {report.stored} new, {report.present} already present{updated}, "
               f"refused {len(report.refused)} -> {db}")
    if report.removed:
        click.echo("cleaning removed: " + ", ".join(f"{reason} {n}" for reason, n in report.removed.most_common()))
    if report.stored or report.updated:
        click.echo("found: " + ", ".join(f"{report.found[field]} {key}"
                                         for key, field in export.ANNOTATION_KEYS.items()))
    if report.linked:
        click.echo("linked across articles: " + ", ".join(f"{name} {n}" for name, n in report.linked.items()))
    if report.furniture_learned:
        click.echo(f"site furniture learned: {report.furniture_learned} line(s) (`marsad furniture --db {db}`)")
    if report.warnings:
        codes = Counter(w.partition("[")[2][:4] for w in report.warnings)
        where = f"each in {listing}" if listing else "each one: --report FILE"
        click.echo(f"warnings (articles kept): {', '.join(f'{c} {n}' for c, n in codes.most_common())} ({where}; "
                   "codes in marsad/errors.py)")
    if listing is not None:
        _write(listing, [f"refused: {r}" for r in report.refused] + [f"warning: {w}" for w in report.warnings])
    _listing([f"refused: {r}" for r in report.refused], "", listing)


def _listing(lines: list[str], label: str, path: Path | None) -> None:
    """Every line on standard error, as errors go, when it is not a terminal (nothing wrapped, nothing cut); on
    a terminal the first few and where the rest are (``path``: the file all of them were written to)."""
    prefix = f"{label}: " if label else ""
    shown = lines if not sys.stderr.isatty() else lines[:SHOWN_ON_A_TERMINAL]
    for line in shown:
        click.echo(f"  {prefix}{line}", err=True)
    if len(shown) < len(lines):
        where = f"all of them in {path}" if path else "all of them: --report FILE, or redirect standard error"
        click.echo(f"  ... and {len(lines) - len(shown)} more ({where})", err=True)


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("".join(f"{line}\n" for line in lines), "utf-8", errors="backslashreplace")


def _exists(db: str) -> None:
    if not Path(db).is_file():
        raise click.ClickException(f"{db}: no such database (run `marsad run PATH --db {db}` first)")


@main.command()
@click.option("--db", default="marsad.db", show_default=True, help="SQLite database file to read.")
@click.option("--outlet", default=None, help="Only this outlet's.")
def furniture(db: str, outlet: str | None) -> None:
    """List the lines learned as an outlet's site furniture (removed from its pages as site_furniture), with
    on how many of its pages each was seen.

    Example: marsad furniture --db marsad.db --outlet sabq
    """
    _exists(db)
    with opened(db, readonly=True) as store:
        lines = store.furniture_lines(outlet)
        outlets = [] if lines or outlet is None else [name for name, _ in store.outlets()]  # only to say why none
    for name, line, n in lines:
        click.echo(f"{name}\t{n}\t{line}")
    if lines:
        return
    if outlet is not None and outlet not in outlets:
        named = f"its outlets: {', '.join(outlets[:10])}{' ...' if len(outlets) > 10 else ''}" if outlets else \
            "no article in it names its outlet"
        click.echo(f"No articles from an outlet {outlet!r} in {db}; {named}.", err=True)
    else:
        click.echo(f"No furniture lines learned{f' for {outlet!r}' if outlet else ''}: a line is learned once it "
                   "is seen on enough of one outlet's pages.", err=True)


@main.command()
@click.option("--db", default="marsad.db", show_default=True, help="SQLite database file to read.")
@click.option("--since", default=None, metavar="DATE",
              help="The stories with articles published on or after DATE (YYYY-MM-DD); default: the last run's.")
@click.option("--limit", type=click.IntRange(min=1), default=briefing.STORIES, show_default=True,
              help="Stories shown, most important first.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def brief(db: str, since: str | None, limit: int, fmt: str) -> None:
    """Print the morning brief again: the stories of the last run (or since DATE), most important first (distinct
    outlets, then new articles, then recency), each with its summary, who said what, what is disputed, what is
    new, and the command that opens it.

    Example: marsad brief --since 2021-12-01 --format json
    """
    if since is not None:
        try:
            dt.date.fromisoformat(since)
        except ValueError:
            raise click.BadParameter(f"{since!r} is not a date like 2021-12-31", param_hint="--since") from None
    _exists(db)
    with opened(db, readonly=True) as store:
        data = briefing.brief(store, since, limit)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(briefing.render(data), nl=False)


@main.command()
@click.argument("story")
@click.option("--db", default="marsad.db", show_default=True, help="SQLite database file to read.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def timeline(story: str, db: str, fmt: str) -> None:
    """Print a story's timeline: its events in date order, each with its date as precise as the articles give
    it (a month stays a month), its title, its articles and outlets, and the sentence each rests on. STORY
    is a story's id (an id merged into another story leads to that story).

    Example: marsad timeline S925a0d1752 --db marsad.db
    """
    _exists(db)
    with opened(db, readonly=True) as store:
        record = store.story_record(story)
    if record is None:
        raise click.ClickException(f"{story}: no such story in {db} (`marsad brief --since DATE` lists stories "
                                   "with their ids)")
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    outlets = {a["article"]: a["outlet"] or "?" for a in record["articles"]}
    merged = f" (وكانت: {'، '.join(record['aliases'])})" if record["aliases"] else ""
    click.echo(f"{record['id']}{merged}: {record['title'] or '(بلا عنوان)'}")
    first = record["first_reported"]
    if first:
        named = f"، {briefing.counted(record['outlets'], 'outlet')}" if record["outlets"] else ""
        click.echo(f"أول من نشر: {first['outlet'] or briefing.UNNAMED_OUTLET} {first['published'] or ''}".rstrip()
                   + f"؛ {briefing.counted(len(record['articles']), 'article')}{named}")
    for event in record["events"]:
        click.echo(f"\n{event['date'] or 'بلا تاريخ':<10}  {event['title'] or ''}")
        for sentence in event["sentences"]:
            click.echo(f"    [{outlets.get(sentence['article'], '?')} {sentence['article']} "
                       f"{sentence['start']}-{sentence['end']}] {sentence['text']}")


@main.command("export")
@click.option("--db", default="marsad.db", show_default=True, help="SQLite database file to read.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "sql"]), default="json", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Output file (json, sql) or directory (csv). Default: standard output (json, sql), "
                   "./marsad-export (csv).")
def export_cmd(db: str, fmt: str, out: Path | None) -> None:
    """Export everything stored, as one consistent snapshot: JSON keyed by annotation type, CSV per key
    (cells a spreadsheet would run as formulas are neutralised), or an SQL dump.

    Example: marsad export --format json --out marsad.json
    """
    _exists(db)
    with opened(db, readonly=True) as store:
        try:
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
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # export | head: the reader had enough
        except OSError as e:
            raise click.ClickException(f"{out or 'standard output'}: cannot write ({e.strerror or e})") from None


@main.command()
@click.option("--db", default="marsad.db", show_default=True,
              help="SQLite database file to serve (a new, empty one is made when it is missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on: this machine only, unless told otherwise.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT.max_file_bytes, show_default=True,
              help="Uploads: refuse single-article files larger than this (as marsad run).")
@click.option("--max-upload-bytes", type=click.IntRange(min=1), default=None,
              help="Uploads: refuse an upload (all its files) larger than this. [default: 200,000,000]")
def serve(db: str, host: str, port: int, max_bytes: int, max_upload_bytes: int | None) -> None:
    """Serve the database in a browser and as a JSON API: the morning brief, each story with its timeline,
    each article with its entities, quotes, dates and figures highlighted, each entity, and search (Arabic
    normalised: عساف finds العساف). Every page has a JSON twin at its path plus .json, documented at
    /openapi.json; stories, searches or everything download as JSON or CSV; uploaded files run the same
    pipeline as marsad run.

    Example: marsad serve --db marsad.db --port 8000
    """
    import uvicorn

    from marsad.web import create_app
    from marsad.web.upload import UPLOAD_MAX_BYTES

    if not Path(db).exists():
        with opened(db):
            pass
    with opened(db, readonly=True):
        pass
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]serving on {host}: other machines can read this database and upload to it[/]")
    settings = dataclasses.replace(DEFAULT, max_file_bytes=max_bytes)
    limit = UPLOAD_MAX_BYTES if max_upload_bytes is None else max_upload_bytes
    app = create_app(db, host=host, settings=settings, max_upload_bytes=limit)
    click.echo(f"marsad serving {db} on http://{host if ':' not in host else f'[{host}]'}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
