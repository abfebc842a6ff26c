"""The web tests' server: the sample (../shared/seeds) and a few hostile articles run into a temporary
database, served by uvicorn on 127.0.0.1 in a thread, on a port the system gives."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from marsad.runner import run
from marsad.store import Store
from marsad.web import create_app
from tests.conftest import SEEDS, saudi_articles

# what a hostile page brings: markup in the title and body, attribute breakers, direction overrides
SCRIPT = "<script>alert('title')</script>"
IMG = '<img src=x onerror="alert(1)">'
ONLOAD = '"onload=alert(2) x="'
RLO, LRO, PDF = "\u202e", "\u202d", "\u202c"


def hostile_records() -> list[dict[str, Any]]:
    """Two real SaudiNewsNet articles carrying hostile strings in their title, body and URL."""
    a, b = saudi_articles()[3], saudi_articles()[8]
    return [
        {"title": f"{SCRIPT} {a['title']}", "url": "javascript:alert(3)", "outlet": f"{IMG}sabq",
         "published": "2015-07-21",
         "text": f"{a['content']}\n{IMG} {ONLOAD} {RLO}txt.exe{PDF} {LRO}مرحبا{PDF}"},
        {"title": f"{b['title']} {RLO}", "url": "https://example.org/news/1", "outlet": "=HYPERLINK(\"x\")",
         "published": "2015-07-22", "text": f"{b['content']}\n{SCRIPT}"},
    ]


@dataclass
class Served:
    url: str
    db: Path

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        return fetch(self.url + path, headers=headers)

    def json(self, path: str) -> Any:
        status, _, body = self.get(path)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)

    def text(self, path: str) -> str:
        status, _, body = self.get(path)
        assert status == 200, (path, status, body[:300])
        return body.decode("utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed: status, headers (lower-cased names), body."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with _OPENER.open(request, timeout=60) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def multipart(fields: dict[str, str], files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body (the files under ``files``) and its content type."""
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    for name, content in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def build(db: Path) -> None:
    hostile = db.parent / "hostile.json"
    hostile.write_text(json.dumps(hostile_records(), ensure_ascii=False), "utf-8")
    with Store(db) as store:
        report = run([SEEDS, hostile], store)
    assert report.stored == 7, report


@contextmanager
def serve(db: Path, **options: Any) -> Iterator[Served]:
    """The application over ``db`` on 127.0.0.1, on a port the system picks, until the block ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, **options), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield Served(f"http://127.0.0.1:{port}", db)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
