"""Coded errors and warnings: every message lives here, every code can be grepped (spaCy's habit)."""

from __future__ import annotations


class Errors:
    E001 = "file is empty"
    E002 = "file is {size:,} bytes, over the limit of {limit:,} (raise it with --max-bytes)"
    E003 = "binary content, not text (found {what})"
    E004 = "cannot decode as UTF-8, UTF-16 or Windows-1256"
    E005 = "unsupported file type {suffix!r} (expected {expected})"
    E006 = "line {line}: malformed JSON ({detail})"
    E007 = "line {line}: a record needs a non-empty 'text' or 'html' field"
    E008 = "malformed feed: {detail}"
    E009 = "malformed WARC: {detail}"
    E010 = "no article text left after cleaning"
    E011 = "{size:,} characters, over the limit of {limit:,} for one article"
    E012 = "no such file or directory"
    E013 = "JSON file must hold an article object or a list of them"
    E014 = "database {path} was written by a newer marsad (schema {found} > {known})"
    E015 = "cannot read: {detail}"
    E016 = "step {step!r} failed on this article ({detail}); the other articles go on: please report it"
    E017 = "no text in the page (only markup, scripts or styles)"
    E018 = ("database {path} is at schema {found}, older than this marsad's {known}: open it once for writing "
            "(marsad run or marsad reanalyse) to upgrade it")
    E019 = "{path} is not a marsad database ({detail})"
    E020 = "cannot write to database {path} ({detail})"
    E021 = "JSON nested deeper than {limit:,} levels"
    E022 = "WARC record {record} is cut short ({got:,} of {expected:,} bytes): refused, never stored in part"
    E023 = "no HTML page in this WARC file ({records:,} records read)"
    E024 = "dangling link (it points to {target})"
    E025 = "cannot read this directory: {detail}"

    # warnings: the article is kept, with the warning recorded on it
    W001 = "{n} invalid byte(s) replaced (decoded as {encoding})"
    W002 = "{n} NUL byte(s) dropped"
    W003 = "field {field!r} ignored: {detail}"
    W004 = "{n} unpaired surrogate(s) in field {field!r} replaced"
    W005 = ("a line of {n:,} characters: pages are cleaned line by line, so what a site put around the article "
            "on that line stays in its text")


def warning(code: str, **kwargs: object) -> str:
    """A warning as recorded on an article and printed: ``[W001] 1 invalid byte(s) replaced (...)``."""
    return f"[{code}] " + getattr(Errors, code).format(**kwargs)


class MarsadError(Exception):
    """An error with a code from :class:`Errors`."""

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        self.kwargs = kwargs
        self.message = getattr(Errors, code).format(**kwargs)
        super().__init__(f"[{code}] {self.message}")

    def __reduce__(self) -> tuple:  # picklable, so worker processes can hand refusals back
        return _rebuild, (type(self), (self.code,), self.kwargs)


class InputRefused(MarsadError):
    """Input we will not ingest; ``where`` names the file (and record)."""

    def __init__(self, where: str, code: str, **kwargs: object) -> None:
        self.where = where
        super().__init__(code, **kwargs)

    def __reduce__(self) -> tuple:
        return _rebuild, (type(self), (self.where, self.code), self.kwargs)

    @classmethod
    def at(cls, where: str, error: MarsadError) -> InputRefused:
        return cls(where, error.code, **error.kwargs)

    def __str__(self) -> str:
        return f"{self.where}: [{self.code}] {self.message}"


def _rebuild(cls: type[MarsadError], args: tuple, kwargs: dict[str, object]) -> MarsadError:
    return cls(*args, **kwargs)  # type: ignore[arg-type]
