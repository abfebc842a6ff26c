"""WARC files (web archives): every HTML response or resource record is a page.

Each record is judged on its own: a response whose payload is not HTTP, or a record cut short, is refused
with its number, and the records after it are still read (a cut-short record is never stored in part).
Records are parsed here rather than by warcio, so one bad HTTP header does not end the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

from marsad.errors import InputRefused, MarsadError
from marsad.ingest.decode import decode, sniff_declared
from marsad.ingest.html import from_html
from marsad.ingest.shard import Shard
from marsad.model import Article
from marsad.settings import Settings

_HTTP = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0"], verify=True)


def read(path: Path, settings: Settings, shard: Shard, where: str, source: str) -> Iterator[Article | InputRefused]:
    limit = settings.max_article_chars * 4
    n = pages = broken = 0
    with path.open("rb") as f:
        try:
            for n, record in enumerate(ArchiveIterator(f, no_record_parse=True), 1):
                if record.format != "warc":  # warcio reads anything as a legacy ARC; we take WARC only
                    raise MarsadError("E009", detail=f"record {n} is not a WARC record")
                if record.rec_type not in ("response", "resource"):
                    continue
                at = f"{where}[{n}]"
                try:
                    ctype = _content_type(record)
                except (StatusAndHeadersParserException, EOFError, ValueError) as e:
                    broken += 1
                    if shard.mine():
                        yield InputRefused(at, "E009", detail=f"record {n}: a response whose payload is not HTTP "
                                                              f"({type(e).__name__})")
                    continue
                if "html" not in ctype.lower():
                    continue
                pages += 1
                if not shard.mine():
                    continue
                yield _page(record, n, at, ctype, source, settings, limit)
        except ArchiveLoadFailed as e:
            raise MarsadError("E009", detail=str(e)[:200]) from None
        except (EOFError, OSError) as e:  # a compressed member cut short, or damaged
            raise MarsadError("E009", detail=f"after record {n}: cut short or damaged ({type(e).__name__})") from None
    if n == 0:
        raise MarsadError("E009", detail="no WARC records found")
    if pages == broken == 0:
        raise MarsadError("E023", records=n)


def _content_type(record: ArcWarcRecord) -> str:
    """The page's content type: from its HTTP headers (parsed here, and kept on the record so its content
    stream undoes chunking and compression) or, for a resource, from the WARC headers."""
    if record.rec_type == "response" and "application/http" in (record.content_type or ""):
        record.http_headers = _HTTP.parse(record.raw_stream)
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _page(record: ArcWarcRecord, n: int, at: str, ctype: str, source: str, settings: Settings,
          limit: int) -> Article | InputRefused:
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    try:
        body = record.content_stream().read(limit + 1)
    except Exception as e:  # a broken chunked or compressed payload
        return InputRefused(at, "E009", detail=f"record {n}: unreadable payload ({type(e).__name__})")
    if len(body) > limit:
        return InputRefused(at, "E011", size=len(body), limit=limit)
    missing = getattr(record.raw_stream, "limit", 0)  # what the record's Content-Length promised and is not there
    if missing:
        expected = int(record.rec_headers.get_header("Content-Length") or 0)
        return InputRefused(at, "E022", record=n, got=expected - missing, expected=expected)
    declared = ctype.split("charset=")[-1].strip(" ;\"'") if "charset=" in ctype else sniff_declared(body)
    try:
        decoded = decode(body, declared=declared)
    except MarsadError as e:
        return InputRefused.at(at, e)
    return from_html(decoded.text, f"{source}[{n}]", settings, where=at, url=url, encoding=decoded.encoding,
                     warnings=decoded.warnings)
