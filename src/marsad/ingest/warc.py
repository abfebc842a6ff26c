"""WARC files (web archives): every HTML response or resource record is a page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.errors import InputRefused, MarsadError
from marsad.ingest.decode import decode, sniff_declared
from marsad.ingest.html import from_html
from marsad.ingest.shard import Shard
from marsad.model import Article
from marsad.settings import Settings


def read(path: Path, settings: Settings, shard: Shard) -> Iterator[Article | InputRefused]:
    limit = settings.max_article_chars * 4
    n = 0
    with path.open("rb") as f:
        try:
            for n, record in enumerate(ArchiveIterator(f), 1):
                if record.format != "warc":  # warcio reads anything as a legacy ARC; we take WARC only
                    raise MarsadError("E009", detail=f"record {n} is not a WARC record")
                if record.rec_type not in ("response", "resource"):
                    continue
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
                         else record.rec_headers.get_header("Content-Type")) or ""
                if "html" not in ctype.lower() or not shard.mine():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}[{n}]"
                body = record.content_stream().read(limit + 1)
                if len(body) > limit:
                    yield InputRefused(where, "E011", size=len(body), limit=limit)
                    continue
                declared = ctype.split("charset=")[-1].strip() if "charset=" in ctype else sniff_declared(body)
                try:
                    markup, encoding = decode(body, declared=declared)
                except MarsadError as e:
                    yield InputRefused.at(where, e)
                    continue
                yield from_html(markup, url or path.name, settings, where=where, url=url, encoding=encoding)
        except ArchiveLoadFailed as e:
            raise MarsadError("E009", detail=str(e)[:200]) from None
    if n == 0:
        raise MarsadError("E009", detail="no WARC records found")
