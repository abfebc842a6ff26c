"""The web reader and its JSON API over one database, library-first like datasette: every page is a view of the
store (:mod:`marsad.web.pages` builds its data once), and every HTML page has a JSON twin at the same path plus
``.json`` (``/.json`` for the brief) with the same data under the export's field names. ``/openapi.json``
documents the API.

Safety: the store is opened read-only for every request (uploads write through a store of their own, one at a
time); everything from an article is escaped, and direction-override characters are shown rather than obeyed
(:func:`marsad.web.render.neutral`, the templates' ``finalize``); links to originals only for http(s);
a content security policy allows no inline script; only requests naming this server's own host are answered
(a page of another site rebinding its name to 127.0.0.1 gets nothing); an upload needs the form token of this
server's own upload page and is bounded in size.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad import __version__, export
from marsad.brief import UNNAMED_OUTLET, counted
from marsad.model import EXPORTED_FIELDS, annotation_fields
from marsad.search import PAGE_MAX, Filters, Found, search
from marsad.settings import DEFAULT, Settings
from marsad.store import Store
from marsad.web import downloads, pages, render
from marsad.web.upload import UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES, Uploads

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
DATE = r"^\d{4}-\d{2}-\d{2}$"
_DATE = re.compile(DATE)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY"}
TOKEN_HEADER = "x-marsad-token"


class TooLarge(Exception):
    pass


def _finalize(value: Any) -> Any:
    """Every value a template prints: text has its direction controls made visible (then it is escaped)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return render.neutral(value)
    return value


@cache
def templates() -> Environment:
    env = Environment(loader=PackageLoader("marsad.web", "templates"), autoescape=select_autoescape(default=True),
                      finalize=_finalize, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(arabic_date=render.arabic_date, highlighted=render.highlighted, shown=render.shown,
                       safe_url=render.safe_url, marked=render.marked, snippet_html=render.snippet_html,
                       timeline=render.timeline, counted=counted, unnamed_outlet=UNNAMED_OUTLET,
                       article_spans=render.article_spans, paragraphs=render.paragraphs, quote=quote,
                       urlencode=urlencode)
    return env


# the API's documented shapes: the export's records (docs/export.schema.json) where the repository has it, else
# their field names read from the model


@cache
def export_defs() -> dict[str, Any]:
    path = Path(__file__).resolve().parents[3] / "docs" / "export.schema.json"
    try:
        schema = json.loads(path.read_text("utf-8"))
        text = json.dumps(schema["$defs"]).replace("#/$defs/", "#/components/schemas/")
        return dict(json.loads(text))
    except (OSError, ValueError, KeyError):
        names = {"article": EXPORTED_FIELDS, "mention": ("article", *annotation_fields("entities")),
                 "quote": ("article", *annotation_fields("quotes")), "time": ("article", *annotation_fields("times")),
                 "figure": ("article", *annotation_fields("figures")),
                 "story": ("id", "title", "aliases", "first", "last", "first_reported", "outlets", "articles",
                           "events")}
        return {k: {"type": "object", "properties": {f: {} for f in v}} for k, v in names.items()}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _many(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


ANNOTATION_DEFS = {"mentions": "mention", "quotes": "quote", "times": "time", "figures": "figure"}
SHAPES: dict[str, dict[str, Any]] = {
    "/articles/{article_id}.json": {"type": "object", "properties": {
        "article": _ref("article"), **{k: _many(v) for k, v in ANNOTATION_DEFS.items()},
        "mention_entities": {"type": "array", "items": {"type": ["string", "null"]},
                             "description": "the entity each mention names, in the order of mentions"},
        "story": {"type": ["object", "null"]}, "copy_of": {"type": ["string", "null"]},
        "copies": {"type": "array"}, "reuse": {"type": "array"}, "article_heads": {"type": "object"}}},
    "/stories/{story_id}.json": {"type": "object", "properties": {
        "story": _ref("story"), "summary": {"type": "array"}, "disagreements": {"type": "array"},
        "quotes": _many("quote"), "copies": {"type": "array"}, "entities": {"type": "array"},
        "article_heads": {"type": "object"}}},
    "/entities/{entity_id}.json": {"type": "object", "properties": {
        "entity": {"type": "object", "description": "id, name, type, variants, roles, mentions, aliases"},
        "quotes": _many("quote"), "stories": {"type": "array"}, "article_heads": {"type": "object"}}},
    "/search.json": {"type": "object", "properties": {
        "q": {"type": "string"}, "filters": {"type": "object"}, "total": {"type": "integer"},
        "page": {"type": "integer"}, "per_page": {"type": "integer"},
        "results": {"type": "array", "items": {"type": "object", "properties": {
            "article": {"type": "string"}, "score": {"type": "number"},
            "title": {"type": ["string", "null"], "description": "the article's title, or its text's first line"},
            "outlet": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]},
            "url": {"type": ["string", "null"]},
            "title_highlights": {"type": "array", "description": "offsets into the title"},
            "snippets": {"type": "array", "description": "start, end, text (as published) and highlights: "
                                                         "offsets into the article's text"},
            "quotes": {"type": "array", "items": _ref("quote"),
                       "description": "with in=quotes: the quotes that match, with highlights and speaker_entity"}}}},
        "outlets": {"type": "array"}}},
}


def _documented(app: FastAPI) -> Callable[[], dict[str, Any]]:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schema.setdefault("components", {}).setdefault("schemas", {}).update(export_defs())
        for path, shape in SHAPES.items():
            op = schema["paths"].get(path, {}).get("get")
            if op:
                op["responses"]["200"]["content"] = {"application/json": {"schema": shape}}
        app.openapi_schema = schema
        return schema
    return openapi


# the API's query parameters
Q = Annotated[str, Query(description="words (all must be there), \"a phrase\", word* (any word it begins), "
                                     "-word (must not be there); Arabic letters are normalised and proclitics "
                                     "set aside: عساف finds العساف and للعساف")]
Since = Annotated[str | None, Query(alias="from", pattern=DATE, description="published on or after (YYYY-MM-DD)")]
Until = Annotated[str | None, Query(alias="to", pattern=DATE, description="published on or before (YYYY-MM-DD)")]
Outlet = Annotated[str | None, Query(description="only this outlet's articles")]
Entity = Annotated[str | None, Query(description="only articles naming this entity (with in=quotes: its quotes)")]
Story = Annotated[str | None, Query(description="only this story's articles")]
Within = Annotated[str, Query(alias="in", pattern="^(articles|quotes)$", description="search the articles, or "
                                                                                    "only the quotes in them")]
PageNumber = Annotated[int, Query(alias="page", ge=1)]
PerPage = Annotated[int, Query(ge=1, le=PAGE_MAX)]


# the application


class LimitUploads:
    """ASGI middleware: the body of a POST to /upload is counted as it arrives and cut off above ``limit``
    bytes (whatever its Content-Length says)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != "/upload":
            await self.app(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge()
            return message

        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except* TooLarge:
            if not started:
                await PlainTextResponse(f"upload over the limit of {self.limit:,} bytes", 413)(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware: every response carries the content security policy and its companions (``HEADERS``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()
                         if k.lower().encode() not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(db: str | Path, *, host: str = "127.0.0.1", settings: Settings = DEFAULT,
               max_upload_bytes: int = UPLOAD_MAX_BYTES) -> FastAPI:
    """The application over the database ``db`` (which must exist, at this marsad's schema). ``host``: the
    address it is served on; requests must name it (or a loopback name) as their Host."""
    db = str(db)
    with Store(db, readonly=True):  # fails here, with its code, on a missing, foreign or older database
        pass
    uploads = Uploads(db, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        uploads.close()

    app = FastAPI(title="marsad", version=__version__, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  lifespan=lifespan,
                  description="The JSON twins of marsad's pages (field names as in docs/export.schema.json), "
                              "search with Arabic normalisation, downloads and uploads.")
    app.openapi = _documented(app)  # type: ignore[method-assign]
    token = secrets.token_urlsafe(32)
    app.state.uploads = uploads
    env = templates()

    @contextmanager
    def reader() -> Iterator[Store]:
        with Store(db, readonly=True) as store:
            yield store

    def page(name: str, code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=code)

    def wanted(found: Any, what: str) -> Any:
        if found is None:
            raise HTTPException(404, f"no such {what}")
        return found

    # a request must name this server (a page of another site pointing its own name here gets nothing); served
    # on every address, any name of this machine may be used
    allowed = ["*"] if host in ("0.0.0.0", "::") else [*LOOPBACK, host]
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed)
    app.add_middleware(LimitUploads, limit=max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(packages=[("marsad.web", "static")]), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page("error.html", exc.status_code, status=exc.status_code, detail=exc.detail)

    # the brief
    @app.get("/.json", tags=["pages"], summary="The morning brief: the stories of the latest run, most important "
                                               "first, with what is new")
    def brief_json(since: Annotated[str | None, Query(pattern=DATE)] = None) -> dict[str, Any]:
        with reader() as store:
            return pages.brief_page(store, since)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def brief_html(since: str = "") -> HTMLResponse:
        since = since if _DATE.match(since) else ""
        with reader() as store:
            data = pages.brief_page(store, since or None)
        return page("brief.html", data=data, twin="/.json" + (f"?since={since}" if since else ""))

    def merged_or(read: Callable[[Store], dict[str, Any] | None], kind: str, at: str) -> Any:
        """A story's or an entity's page data, or a permanent redirect to the page (``at``, the id in its
        braces) of the one it was merged into."""
        try:
            with reader() as store:
                return wanted(read(store), kind)
        except pages.Moved as moved:
            return RedirectResponse(at.format(quote(moved.target, safe="")), status_code=301)

    # stories
    @app.get("/stories/{story_id}.json", tags=["pages"], summary="A story: its timeline, summary, who said what, "
                                                                 "disagreements, articles and copies")
    def story_json(story_id: str) -> Any:
        return merged_or(lambda store: pages.story_page(store, story_id), "story", "/stories/{}.json")

    @app.get("/stories/{story_id}.csv", tags=["downloads"], summary="A story's articles and events as one CSV table",
             response_class=Response)
    def story_csv(story_id: str) -> Response:
        with reader() as store:
            resolved = wanted(store.resolve_story(story_id), "story")
            record = wanted(store.story_record(resolved), "story")
            text = downloads.story_table(store, record)
        return _attachment(text.encode("utf-8"), "text/csv; charset=utf-8", f"story-{resolved}.csv")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_html(story_id: str) -> Response:
        data = merged_or(lambda store: pages.story_page(store, story_id), "story", "/stories/{}")
        if isinstance(data, RedirectResponse):
            return data
        sid = data["story"]["id"]
        return page("story.html", data=data, twin=f"/stories/{quote(sid, safe='')}.json")

    # articles
    @app.get("/articles/{article_id}.json", tags=["pages"], summary="An article as published, with its entities, "
                                                                    "quotes, times and figures")
    def article_json(article_id: str) -> Any:
        with reader() as store:
            return wanted(pages.article_page(store, article_id), "article")

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_html(article_id: str, mark: str = "") -> HTMLResponse:
        with reader() as store:
            data = wanted(pages.article_page(store, article_id), "article")
        return page("article.html", data=data, target=_span(mark, len(data["article"]["text"])),
                    twin=f"/articles/{quote(article_id, safe='')}.json")

    # entities
    @app.get("/entities/{entity_id}.json", tags=["pages"], summary="An entity: name, variants, roles, every quote "
                                                                   "by them, the stories they appear in")
    def entity_json(entity_id: str) -> Any:
        return merged_or(lambda store: pages.entity_page(store, entity_id), "entity", "/entities/{}.json")

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_html(entity_id: str) -> Response:
        data = merged_or(lambda store: pages.entity_page(store, entity_id), "entity", "/entities/{}")
        if isinstance(data, RedirectResponse):
            return data
        eid = data["entity"]["id"]
        return page("entity.html", data=data, twin=f"/entities/{quote(eid, safe='')}.json")

    # search
    def filters(since: str | None, until: str | None, outlet: str | None, entity: str | None, story: str | None,
                scope: str, store: Store) -> Filters:
        if entity:
            entity = store.resolve_entity(entity) or entity
        if story:
            story = store.resolve_story(story) or story
        return Filters(since or None, until or None, outlet or None, entity or None, story or None,
                       quotes=scope == "quotes")

    @app.get("/search.json", tags=["pages"], summary="Search articles and quotes, ranked, with snippets whose "
                                                     "highlights are offsets into the article's text")
    def search_json(q: Q = "", since: Since = None, until: Until = None, outlet: Outlet = None, entity: Entity = None,
                    story: Story = None, scope: Within = "articles", page_: PageNumber = 1,
                    per_page: PerPage = 20) -> dict[str, Any]:
        with reader() as store:
            return pages.search_page(store, q, filters(since, until, outlet, entity, story, scope, store), page_,
                                     per_page)

    @app.get("/search.csv", tags=["downloads"], summary="A search's results as one CSV table (up to "
                                                        f"{downloads.SEARCH_EXPORT_MAX})", response_class=Response)
    def search_csv(q: Q = "", since: Since = None, until: Until = None, outlet: Outlet = None, entity: Entity = None,
                   story: Story = None, scope: Within = "articles") -> Response:
        with reader() as store:
            found = _all_results(store, q, filters(since, until, outlet, entity, story, scope, store))
        return _attachment(downloads.search_table(found).encode("utf-8"), "text/csv; charset=utf-8", "search.csv")

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_html(request: Request, q: str = "", page_: Annotated[int, Query(alias="page")] = 1) -> HTMLResponse:
        p = request.query_params
        errors = [f"{k}: {p[k]}" for k in ("from", "to") if p.get(k) and not _DATE.match(p[k])]
        since = p.get("from") if p.get("from") and _DATE.match(p["from"]) else None
        until = p.get("to") if p.get("to") and _DATE.match(p["to"]) else None
        with reader() as store:
            data = pages.search_page(store, q, filters(since, until, p.get("outlet"), p.get("entity"), p.get("story"),
                                                       p.get("in", "articles"), store), max(1, page_))
        args = {k: v for k, v in p.items() if v and k != "page"}
        return page("search.html", data=data, errors=errors, args=args, twin=f"/search.json?{urlencode(args)}")

    # downloads: the export, whole or of a story's or a search's articles
    def chosen(store: Store, story: str | None, q: str, f: Filters) -> list[str] | None:
        if story:
            resolved = wanted(store.resolve_story(story), "story")
            record = wanted(store.story_record(resolved), "story")
            return [a["article"] for a in record["articles"]]
        if q.strip():
            return [r.article for r in _all_results(store, q, f, snippets=False).results]
        return None

    @app.get("/export.json", tags=["downloads"], summary="Everything (or one story's, or one search's articles) as "
                                                         "the export's JSON: one key per annotation type")
    def export_json(story: Annotated[str | None, Query(description="only this story's articles")] = None,
                    q: Annotated[str, Query(description="only the articles this search finds")] = "",
                    since: Since = None, until: Until = None, outlet: Outlet = None,
                    entity: Entity = None) -> StreamingResponse:
        store = Store(db, readonly=True)
        try:
            ids = chosen(store, story, q, filters(since, until, outlet, entity, None, "articles", store))
        except BaseException:
            store.close()
            raise

        def chunks() -> Iterator[bytes]:
            try:
                for text in export.json_chunks(store, ids):
                    yield text.encode("utf-8")
            finally:
                store.close()

        name = f"story-{story}.json" if story else "search.json" if q.strip() else "marsad.json"
        return StreamingResponse(chunks(), media_type="application/json",
                                 headers={"Content-Disposition": _disposition(name)})

    @app.get("/export.zip", tags=["downloads"], summary="The same as CSV: one file per key, zipped",
             response_class=Response)
    def export_zip(story: Annotated[str | None, Query(description="only this story's articles")] = None,
                   q: Annotated[str, Query(description="only the articles this search finds")] = "",
                   since: Since = None, until: Until = None, outlet: Outlet = None, entity: Entity = None) -> Response:
        with reader() as store:
            ids = chosen(store, story, q, filters(since, until, outlet, entity, None, "articles", store))
            data = downloads.csv_zip(store, ids)
        name = f"story-{story}-csv.zip" if story else "search-csv.zip" if q.strip() else "marsad-csv.zip"
        return _attachment(data, "application/zip", name)

    # uploads
    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page() -> HTMLResponse:
        return page("upload.html", token=token, limit=max_upload_bytes, file_limit=settings.max_file_bytes,
                    max_files=UPLOAD_MAX_FILES)

    @app.post("/upload", tags=["uploads"], summary="Upload article files (the formats of marsad run); only from "
                                                   "this application's upload page (its form token)")
    async def upload(request: Request) -> Response:
        _same_site(request)
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > max_upload_bytes:
            raise HTTPException(413, f"upload over the limit of {max_upload_bytes:,} bytes")
        header_token = request.headers.get(TOKEN_HEADER)
        if header_token is not None and not hmac.compare_digest(header_token, token):
            raise HTTPException(403, "this upload does not come from this application's upload page")
        try:
            form = await request.form(max_files=UPLOAD_MAX_FILES, max_fields=20)
        except TooLarge:
            raise HTTPException(413, f"upload over the limit of {max_upload_bytes:,} bytes") from None
        try:
            sent = form.get("token")
            if not isinstance(sent, str) or not hmac.compare_digest(sent, token):
                raise HTTPException(403, "this upload does not come from this application's upload page")
            files = [f for f in form.getlist("files") if hasattr(f, "filename") and hasattr(f, "file")]
            if not files:
                raise HTTPException(400, "no file in the upload")

            def writer(upload_file: Any) -> Callable[[Path], None]:
                def write(path: Path) -> None:
                    upload_file.file.seek(0)
                    with path.open("wb") as out:
                        shutil.copyfileobj(upload_file.file, out)
                return write

            job = await run_in_threadpool(uploads.start, [(f.filename or "", writer(f)) for f in files])
        finally:
            await form.close()
        if "application/json" in request.headers.get("accept", ""):
            return JSONResponse(job.record(), status_code=202, headers={"Location": f"/upload/{job.id}"})
        return RedirectResponse(f"/upload/{job.id}", status_code=303)

    @app.get("/upload/{job_id}.json", tags=["uploads"], summary="An upload's progress and, once done, the same "
                                                                "report and per-file messages as marsad run")
    def upload_json(job_id: str) -> dict[str, Any]:
        return wanted(uploads.get(job_id), "upload").record()

    @app.get("/upload/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def upload_status(job_id: str) -> HTMLResponse:
        job = wanted(uploads.get(job_id), "upload")
        return page("job.html", job=job.record(), twin=f"/upload/{job.id}.json")

    return app


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith(".json") or path == "/upload" and "application/json" in request.headers.get("accept", "")


def _same_site(request: Request) -> None:
    """A post from another site's page is refused before its body is read: browsers say where a request comes
    from (Sec-Fetch-Site, Origin); the form token (checked after) stops what they do not say."""
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        raise HTTPException(403, "uploads are accepted only from this application's own pages")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin.rstrip("/") != own:
            raise HTTPException(403, "uploads are accepted only from this application's own pages")
    elif origin == "null":
        raise HTTPException(403, "uploads are accepted only from this application's own pages")


def _span(mark: str, length: int) -> tuple[int, int] | None:
    """``START-END`` (offsets into an article's text) as a span inside it, or None."""
    m = re.fullmatch(r"(\d{1,9})-(\d{1,9})", mark)
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if 0 <= start < end <= length else None


def _all_results(store: Store, q: str, f: Filters, snippets: bool = True) -> Found:
    """A search's best ``SEARCH_EXPORT_MAX`` results, for a download."""
    return search(store, q, f, limit=downloads.SEARCH_EXPORT_MAX, with_snippets=snippets)


def _disposition(name: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _attachment(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": _disposition(name)})

