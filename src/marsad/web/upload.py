"""Uploads: article files posted from the application's own page run through the same pipeline as ``marsad run``
(the same formats, size checks and per-file messages), one upload at a time, in a thread of their own, with
their progress kept for the page to show."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.runner import RunReport, run
from marsad.settings import DEFAULT, Settings
from marsad.store import Store

UPLOAD_MAX_BYTES = 200_000_000  # one upload (all its files) is refused above this (marsad serve --max-upload-bytes)
UPLOAD_MAX_FILES = 1000  # files in one upload at most
JOBS_KEPT = 50  # finished uploads whose report stays to be read
NAME_MAX = 120  # characters of a file's name kept
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:]")


def safe_name(name: str | None, k: int) -> str:
    """A posted file's name as a plain file name: its last path part, no control characters or separators, no
    leading dots; ``file-K`` when nothing is left."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = _UNSAFE.sub("_", base).lstrip(".").strip()[-NAME_MAX:]
    return base or f"file-{k}"


@dataclass
class Job:
    """One upload: its files, where it has got to, and (once done) what ``marsad run`` would have printed."""

    id: str
    files: list[str]
    state: str = "queued"  # queued | running | linking | done | failed
    items: int = 0
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    report: dict[str, Any] | None = None
    error: str | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def record(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "files": self.files, "items": self.items,
                "refused": self.refused, "warnings": self.warnings, "report": self.report, "error": self.error,
                "seconds": round((self.finished or time.time()) - self.started, 1)}


class Uploads:
    """The uploads of one server: each job's files in a temporary directory of its own, run one at a time into
    the database (a writer of its own), then deleted."""

    def __init__(self, db: str, settings: Settings = DEFAULT) -> None:
        self.db = db
        self.settings = settings
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="marsad-upload")

    def start(self, files: list[tuple[str, Callable[[Path], None]]]) -> Job:
        """A new job over ``files`` (each a name and a function that writes its content to a path)."""
        folder = Path(tempfile.mkdtemp(prefix="marsad-upload-"))
        names = []
        try:
            for k, (name, write) in enumerate(files):
                safe = safe_name(name, k)
                path = folder / str(k) / safe
                path.parent.mkdir()
                write(path)
                names.append(f"{k}/{safe}")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        job = Job(secrets.token_hex(8), [n.split("/", 1)[1] for n in names])
        with self._lock:
            self.jobs[job.id] = job
            done = [j for j in self.jobs.values() if j.state in ("done", "failed")]
            for old in sorted(done, key=lambda j: j.started)[:max(0, len(done) - JOBS_KEPT)]:
                self.jobs.pop(old.id, None)
        self._pool.submit(self._run, job, folder, [folder / n for n in names])
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self.jobs.get(job_id)

    def _run(self, job: Job, folder: Path, paths: list[Path]) -> None:
        prefix = str(folder) + "/"

        def shown(message: str) -> str:  # the file as the user named it, not where it was kept
            return re.sub(re.escape(prefix) + r"\d+/", "", message)

        def on_item(refused: str | None) -> None:
            job.items += 1
            if refused:
                job.refused.append(shown(refused))

        job.state = "running"
        try:
            with Store(self.db) as store:
                result = run(paths, store, self.settings, on_item=on_item)
            job.refused = [shown(r) for r in result.refused]
            job.warnings = [shown(w) for w in result.warnings]
            job.report = _report(result)
            job.state = "done"
        except Exception as e:  # reported on the page; what was committed before stays
            job.error = f"{type(e).__name__}: {e}"
            job.state = "failed"
        finally:
            job.finished = time.time()
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _report(r: RunReport) -> dict[str, Any]:
    """The counts ``marsad run`` prints at the end."""
    return {"read": r.read, "stored": r.stored, "present": r.present, "updated": r.updated,
            "refused": len(r.refused), "removed": dict(r.removed.most_common()), "found": dict(r.found),
            "linked": dict(r.linked), "furniture_learned": r.furniture_learned}

