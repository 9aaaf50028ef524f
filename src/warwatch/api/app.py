"""The REST API and the dashboard's files, over the library's query functions (``warwatch.query``).

Routes (``/openapi.json`` and ``/docs`` describe them; ``/docs`` is served from the installed Swagger UI
package, so it works offline):

- ``GET /events``: filtered, sorted, cursor-paginated events.
- ``GET /events/{event_id}``: one event with every source, its evidence and its own figures.
- ``GET /events/{event_id}/articles``: the articles behind an event, with their text.
- ``GET /stats/daily``: events, dead and injured per day (and per category and/or country).
- ``GET /meta``: counts, the span of dates and coordinates, the values each filter can take.
- ``POST /articles``: code new articles into the store (needs ``Authorization: Bearer <token>``).
- ``GET /``: the dashboard (``web/static/index.html``); ``GET /static/...``: its files.

Errors are JSON (``ErrorBody``): 422 names each bad field, unknown ids and paths are 404, a write without
the token is 401, and anything unexpected is a 500 whose body says only that (the traceback goes to the
server's log). Writes are refused by a middleware before routing, so no write route can forget the check.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import StoreError
from ..query import (
    DEFAULT_GROUPS,
    DEFAULT_SORT,
    GROUP_KEYS,
    SORT_KEYS,
    BBox,
    EventFilter,
    QueryError,
    daily_stats_json,
    event_articles,
    find_events,
    get_event,
    meta,
    source_count,
)
from ..settings import Settings
from .database import Database
from .schemas import (
    MAX_ARTICLES,
    ArticleIn,
    ArticleOut,
    CodeResult,
    DailyStats,
    ErrorBody,
    EventDetail,
    EventPage,
    Meta,
)

__all__ = ["STATIC_DIR", "create_app"]

log = logging.getLogger("warwatch.api")

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_BODY_BYTES = 16 * 1024 * 1024
MAX_LIMIT = 1000
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 411: "length_required", 413: "payload_too_large", 422: "invalid_request",
                 503: "store_unavailable"}
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such event"},
    422: {"model": ErrorBody, "description": "a parameter is invalid; `errors` names it"},
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def error_response(status: int, message: str, errors: list[dict[str, str]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The one error shape: ``{"error": {"status", "code", "message", "field", "errors"}}``; ``field`` names the
    (first) bad parameter of a 422, ``errors`` lists them all."""
    body = {"status": status, "code": _STATUS_CODES.get(status, "internal_error" if status >= 500 else "error"),
            "message": message, "field": errors[0]["field"] if errors else None, "errors": errors or []}
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def token_matches(header: str | None, token: str) -> bool:
    """``Authorization: Bearer <token>``, compared in constant time (over digests, so the length of the
    token leaks neither). No token configured: nothing matches."""
    if not token or not header:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return False
    expected = hashlib.sha256(token.encode()).digest()
    return hmac.compare_digest(hashlib.sha256(given.strip().encode()).digest(), expected)


class GuardMiddleware:
    """Before any routing: a write (any method but GET, HEAD, OPTIONS) to a server started without a token
    gets 403, one without the right bearer token 401, one without a Content-Length 411, one with a body over
    ``MAX_BODY_BYTES`` 413. Every response gets ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``
    and ``Referrer-Policy: no-referrer``."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                         (b"referrer-policy", b"no-referrer")]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        if scope["method"] not in READ_METHODS:
            if not self.token:  # writes disabled: no token can be right
                response = error_response(403, "this server accepts no writes: start it with WARWATCH_API_TOKEN set")
                await response(scope, receive, send_with_headers)
                return
            if not token_matches(headers.get("authorization"), self.token):
                response = error_response(401, "writes need the header 'Authorization: Bearer <token>' with the "
                                               "token the server was started with",
                                          headers={"WWW-Authenticate": "Bearer"})
                await response(scope, receive, send_with_headers)
                return
            length = headers.get("content-length")
            if length is None or not length.isdigit() or int(length) > MAX_BODY_BYTES:  # no unbounded bodies
                status = 411 if length is None else 413
                response = error_response(status, f"a write needs a Content-Length of at most {MAX_BODY_BYTES}")
                await response(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)


_LINE_FIELDS = {"no_id": ".id", "no_text": ".text", "bad_published": ".published"}
ARTICLES_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "array", "maxItems": MAX_ARTICLES, "items": ArticleIn.model_json_schema()}},
    "application/x-ndjson": {"schema": {"type": "string", "description": "one article (JSON object) per line"}},
}}}


def _read_articles(body: bytes) -> list[Any]:
    """The articles of a POST body (a JSON list, one JSON object, ``{"articles": [...]}`` or JSONL), read
    line by line by the batch reader of ``warwatch code``; a bad one is a QueryError naming it."""
    from ..ingest import Skipped, read_jsonl

    if not body.strip():
        raise QueryError("body", "empty: send a JSON list of articles, or JSONL")
    try:
        data = json.loads(body)
    except ValueError:  # not one JSON document: JSONL
        lines = [line for line in body.splitlines() if line.strip()]
    else:
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        lines = [json.dumps(item, ensure_ascii=False).encode() for item in items]
    if not lines:
        raise QueryError("body", "no article: send a JSON list of articles, or JSONL")
    if len(lines) > MAX_ARTICLES:
        raise QueryError("body", f"{len(lines)} articles; at most {MAX_ARTICLES} per request")
    articles = []
    for item in read_jsonl("request", stream=io.BytesIO(b"\n".join(lines))):
        if isinstance(item, Skipped):
            index = (item.line or 1) - 1
            message = item.message.split(": ", 1)[-1] if item.message.startswith("request") else item.message
            raise QueryError(f"articles[{index}]{_LINE_FIELDS.get(item.reason, '')}", message)
        articles.append(item)
    return articles


def _field(loc: tuple[Any, ...]) -> tuple[str, str]:
    """(field, location) of a pydantic error location such as ('body', 'articles', 0, 'text')."""
    where = str(loc[0]) if loc else "request"
    name = ""
    for part in loc[1:]:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or where, where


def _split(values: list[str] | None) -> tuple[str, ...]:
    """Repeated parameters, each also split on commas: ``country=UKR,RUS&country=BLR``."""
    out: list[str] = []
    for value in values or []:
        pieces = [p for p in (v.strip() for v in value.split(",")) if p]
        out.extend(pieces or [""])  # an empty value is kept, for EventFilter to refuse with the field's name
    return tuple(out)


_CODES_HELP = "; repeat the parameter or separate values by commas for any of several"


def event_filter(
    since: Annotated[date | None, Query(description="events on or after this day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="events on or before this day (YYYY-MM-DD)")] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="west,south,east,north in degrees "
                                      "(west > east crosses the antimeridian)", examples=["22,44,41,53"])] = None,
    category: Annotated[list[str] | None, Query(description="PLOVER category (the `event` field), e.g. ASSAULT"
                                                + _CODES_HELP)] = None,
    country: Annotated[list[str] | None, Query(description="ISO-3 code of the place's country, e.g. UKR"
                                               + _CODES_HELP)] = None,
    admin1: Annotated[list[str] | None, Query(description="first-level region of the place, e.g. Kharkiv Oblast "
                                              "(repeat for several)")] = None,
    actor: Annotated[list[str] | None, Query(description="an actor's code (ISO-3, IGO or group code, else its "
                                             "name), e.g. RUS" + _CODES_HELP)] = None,
    recipient: Annotated[list[str] | None, Query(description="a recipient's code, as for actor"
                                                 + _CODES_HELP)] = None,
    mode: Annotated[list[str] | None, Query(description="PLOVER mode, e.g. aerial, drone" + _CODES_HELP)] = None,
    weapon: Annotated[list[str] | None, Query(description="weapon, e.g. missile" + _CODES_HELP)] = None,
    min_dead: Annotated[int | None, Query(ge=0, le=10_000_000, description="at least this many dead")] = None,
    min_injured: Annotated[int | None, Query(ge=0, le=10_000_000, description="at least this many injured")] = None,
    background: Annotated[Literal["false", "true", "any"] | None, Query(
        description="false: news events only; true: background mentions only; absent (or any): both")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200,
                                   description="text that must appear in the evidence (case-insensitive)")] = None,
) -> EventFilter:
    return EventFilter(
        since=since, until=until, bbox=BBox.parse(bbox) if bbox is not None else None,
        category=_split(category), country=_split(country), admin1=tuple(admin1 or ()), actor=_split(actor),
        recipient=_split(recipient), mode=_split(mode), weapon=_split(weapon), min_dead=min_dead,
        min_injured=min_injured, background={"false": False, "true": True}.get(background or "any"), q=q,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
bearer = HTTPBearer(auto_error=False, description="the token the server was started with (WARWATCH_API_TOKEN)")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
EventId = Annotated[str, PathParam(min_length=1, max_length=200, description="the event's id")]
SORTS = [s for k in SORT_KEYS for s in (k, f"-{k}")]


def create_app(store: Path | str, *, token: str = "", settings: Settings | None = None,
               static_dir: Path | None = None) -> FastAPI:
    """The application over the store at ``store``. With a ``token`` the store is opened read-write and
    ``POST /articles`` accepts requests carrying it; without one the store is opened read-only."""
    settings = settings or Settings.load(environ={})
    static = static_dir or STATIC_DIR
    database = Database(store, writable=bool(token))
    coding_lock = threading.Lock()
    resources: list[Any] = []  # the spaCy pipeline and the coder, loaded by the first write

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            database.close()

    app = FastAPI(
        title="warwatch",
        version=__version__,
        summary="PLOVER events coded from war reporting, each with its evidence and per-source figures.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.database = database

    # -- errors: JSON, field named, never a traceback ---------------------------------------------

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = []
        for error in exc.errors():
            name, where = _field(tuple(error.get("loc", ())))
            errors.append({"field": name, "location": where, "message": str(error.get("msg", "invalid"))})
        message = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
        return error_response(422, message, errors)

    @app.exception_handler(QueryError)
    async def bad_query(_: Request, exc: QueryError) -> JSONResponse:
        where = "body" if exc.field.startswith(("articles", "body")) else "query"
        return error_response(422, str(exc), [{"field": exc.field, "location": where, "message": exc.message}])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = "no such resource"
        return error_response(exc.status_code, message, headers=dict(exc.headers or {}))

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return error_response(503, "the store could not be read; see the server's log")

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        log.error("internal error: %r", exc, exc_info=exc)
        return error_response(500, "internal error; see the server's log")

    # -- reads ----------------------------------------------------------------------------------------

    @app.get("/events", response_model=EventPage, responses=ERRORS, tags=["events"])
    def list_events(
        where: Filter,
        sort: Annotated[str, Query(description="a leading - sorts descending; ties by event_id",
                                   json_schema_extra={"enum": SORTS})] = DEFAULT_SORT,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="events per page")] = 100,
        cursor: Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page")] = None,
        total: Annotated[bool, Query(description="also count every event the filter matches")] = False,
    ) -> Response:
        """`{"events": [...], "next_cursor": ...}`: the events matching every filter given, each with `sources`
        (its number of articles), a page at a time (keyset pagination: follow `next_cursor`)."""
        with database.reading() as store:
            page = find_events(store, where, sort=sort, limit=limit, cursor=cursor, with_total=total,
                               with_sources=True)
        return Response(page.to_json_bytes(), media_type="application/json")

    @app.get("/events/{event_id}", response_model=EventDetail, responses=ERRORS, tags=["events"])
    def one_event(event_id: EventId) -> JSONResponse:
        """One event: its record (reconciled figures, all evidence), `sources`, `figures_by_source` (what each
        source reported) and `articles` (each with its text, its evidence spans and its own figures)."""
        with database.reading() as store:
            detail = get_event(store, event_id)
        if detail is None:
            return error_response(404, "no such event")
        return JSONResponse(detail)

    @app.get("/events/{event_id}/articles", response_model=list[ArticleOut], responses=ERRORS,
             tags=["events"])
    def articles_of_event(event_id: EventId) -> JSONResponse:
        """The articles behind an event, with their text; each evidence span is `text[start:end]`."""
        with database.reading() as store:
            articles = event_articles(store, event_id)
        if articles is None:
            return error_response(404, "no such event")
        return JSONResponse(articles)

    @app.get("/stats/daily", response_model=DailyStats, responses=ERRORS, tags=["stats"])
    def daily(
        where: Filter,
        group_by: Annotated[list[str] | None, Query(
            description=f"any of {', '.join(GROUP_KEYS)} (repeat or separate by commas), or none for "
                        "daily totals; default category and country")] = None,
    ) -> Response:
        """`{"days": [{"date", "category", "country", "events", "dead", "injured"}]}`: per day (and group), the
        number of events matching the filter and the sums of their reconciled dead and injured."""
        groups = [g for g in _split(group_by) if g != "none"] if group_by else list(DEFAULT_GROUPS)
        with database.reading() as store:
            days = daily_stats_json(store, where, groups)
        return Response(f'{{"days": {days}, "group_by": {json.dumps(groups)}}}'.encode(),
                        media_type="application/json")

    @app.get("/meta", response_model=Meta, tags=["stats"])
    def store_meta() -> JSONResponse:
        """What the store holds, and the values each filter can take (most frequent first)."""
        info = database.cached("meta", meta)
        return JSONResponse({**info, "writable": database.writable})

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    # -- writes ---------------------------------------------------------------------------------------

    @app.post("/articles", response_model=CodeResult, tags=["write"], openapi_extra=ARTICLES_BODY,
              responses={401: {"model": ErrorBody, "description": "no token, or the wrong one"},
                         403: {"model": ErrorBody, "description": "the server was started without a token"},
                         422: ERRORS[422]})
    async def post_articles(request: Request, credentials: Credentials) -> JSONResponse:
        """Code articles into the store, as `warwatch code --store` does (screened, coded, merged with the
        stored events): a JSON list of articles in the batch contract (`{"id", "text", "published", "title",
        "url"}`), one such object, or JSONL. Needs `Authorization: Bearer <token>`. Answers with the events
        written; any bad article makes it a 422 naming it (`articles[2].text`), and nothing is written."""
        header = f"{credentials.scheme} {credentials.credentials}" if credentials else None
        if not token_matches(header, token):  # the middleware checked already; a second lock on the door
            return error_response(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
        articles = _read_articles(await request.body())
        return JSONResponse(await run_in_threadpool(_code, articles))

    def _code(articles: list[Any]) -> dict[str, Any]:
        from ..dedup import DedupRules
        from ..ingest import Skipped
        from ..pipeline import RunStats, code_articles, load_resources, save_results

        run = replace(settings, use_store=True)
        rules = DedupRules(reconcile=run.reconcile)
        with coding_lock:
            if not resources:
                log.info("loading the coding pipeline for the first write")
                resources.append(load_resources(run))
        skipped: list[dict[str, Any]] = []

        def on_skip(item: Skipped) -> None:
            skipped.append({"location": item.location, "reason": item.reason, "message": item.message})

        stats = RunStats()
        with database.writing() as store:
            results = code_articles(articles, resources[0], run, stats=stats, on_skip=on_skip)
            written: list[Any] = []
            save_results(results, store, run, rules, stats, on_events=written.extend)
        events = list({e.event_id: e for e in written}.values())  # an event a later batch updated: its last record
        return {
            "events": [{**record, "sources": source_count(record)} for record in (e.to_json() for e in events)],
            "received": len(articles), "coded": stats.coded, "stored": stats.stored, "unchanged": stats.unchanged,
            "skipped": skipped,
        }

    # -- documentation and the dashboard ----------------------------------------------------------

    from swagger_ui_bundle import swagger_ui_path  # Swagger UI's files, shipped by a PyPI package

    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="warwatch API",
                                   swagger_js_url="/docs/assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs/assets/swagger-ui.css",
                                   swagger_favicon_url="/docs/assets/favicon-32x32.png")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        page = static / "index.html"
        if not page.is_file():
            return error_response(404, "the dashboard is not installed (web/static/index.html is missing)")
        return FileResponse(page, media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(static), check_dir=False), name="static")
    app.add_middleware(GuardMiddleware, token=token)
    return app

