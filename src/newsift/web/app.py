"""The FastAPI application: wiring, security headers and the one error shape. No data logic here."""

from __future__ import annotations

import importlib.resources
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
import msgspec
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsift.config import Settings
from newsift.web.auth import query_token_user
from newsift.web.contract import allowed_methods
from newsift.web.db import WebDb
from newsift.web.errors import HttpError
from newsift.web.gate import Gate
from newsift.web.guards import LoginThrottle, RateLimit, db_of
from newsift.web.header import WatchCounts
from newsift.web.http import ApiETag, ApiGzip, HeadAsGet
from newsift.web.uploads import UploadWorker

__all__ = ["create_app", "render_error"]

logger = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}
_JSON_PREFIXES = ("/api", "/healthz", "/openapi.json")
_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_request",
    429: "too_many_requests",
}


def create_app(
    target: str | Path | Settings,
    *,
    secret: bytes | None = None,
    allowed_hosts: Iterable[str] = (),
    uploads_per_minute: int = 30,
) -> FastAPI:
    """The newsift web app over one store (a SQLite file or a PostgreSQL database).

    Args:
        target: a store path (or ``sqlite:///`` or ``postgresql://`` URL), or Settings whose ``db`` names it.
        secret: key signing CSRF tokens; random per process when not given.
        allowed_hosts: Host header names served besides 127.0.0.1, localhost, ::1 and testserver
            (the name behind a proxy; ``*.example.org`` matches subdomains, ``*`` anything).
            A Host that is the literal address the connection arrived on is always served.
        uploads_per_minute: most ``POST /api/ingest`` requests per API token in any 60 seconds.

    Raises:
        ConfigError: the store is ``:memory:`` (each thread would see its own empty database).
        StoreError: the store cannot be opened.
    """
    settings = target if isinstance(target, Settings) else msgspec.structs.replace(Settings(), db=str(target))
    db = WebDb(settings.db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.uploads.close()
        db.close()

    app = FastAPI(
        title="newsift",
        version="0.1.0",
        description="Clean articles and source-linked knowledge: entities, quotes, events and claims.",
        docs_url=None,  # FastAPI's Swagger page loads from a CDN; /api/docs is ours, served locally
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db, app.state.settings = db, settings
    app.state.uploads = UploadWorker(db.path, settings)
    app.state.secret = secret or secrets.token_bytes(32)
    app.state.throttle = LoginThrottle()
    app.state.watch_counts = WatchCounts()
    env = jinja2.Environment(loader=jinja2.PackageLoader("newsift.web", "templates"), autoescape=True)
    app.state.templates = Jinja2Templates(env=env)
    _install(app)
    app.add_middleware(
        Gate,
        hosts=tuple(allowed_hosts),
        find_token_user=lambda token: query_token_user(db.store(), token),
        upload_limit=settings.ingest.max_input_bytes,
        uploads=RateLimit(uploads_per_minute, 60.0),
    )
    for manners in (ApiETag, HeadAsGet, ApiGzip):  # inside out: gzip sees the tagged body, HEAD runs GET
        app.add_middleware(manners)
    app.middleware("http")(_one_value_each)
    app.middleware("http")(_security_headers)  # outermost, so the gate's refusals carry the headers too
    return app


def _package_dir(name: str) -> Path:
    return Path(str(importlib.resources.files("newsift.web") / name))


def _install(app: FastAPI) -> None:
    from newsift.web.api import router as api_router
    from newsift.web.api_facts import router as facts_api_router
    from newsift.web.briefs import api_router as briefs_api_router
    from newsift.web.briefs import pages_router as briefs_pages_router
    from newsift.web.contract import install_openapi
    from newsift.web.pages import router as pages_router
    from newsift.web.story import router as story_router
    from newsift.web.views_facts import router as facts_pages_router
    from newsift.web.watches import router as watches_router

    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")
    app.include_router(api_router)
    app.include_router(facts_api_router)
    app.include_router(briefs_api_router)
    app.include_router(pages_router)
    app.include_router(facts_pages_router)
    app.include_router(story_router)
    app.include_router(briefs_pages_router)
    app.include_router(watches_router)
    app.add_api_route("/healthz", _healthz, methods=["GET"], tags=["meta"], summary="Health check")
    install_openapi(app)
    app.add_exception_handler(HttpError, _on_http_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_starlette_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_unexpected)


def _healthz(request: Request) -> dict[str, Any]:
    return {"status": "ok", "articles": db_of(request).store().count_articles()}


async def _one_value_each(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Every API query parameter takes one value: '?claim_status=x&claim_status=denied' is refused
    (a 422 naming the parameter) rather than read by its last value."""
    if request.url.path.startswith("/api/"):
        keys = [key for key, _ in request.query_params.multi_items()]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            message = f"query parameter given more than once: {', '.join(repeated)}"
            return render_error(request, HttpError(422, "invalid_request", message))
    return await call_next(request)


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for key, value in _SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    return response


def render_error(
    request: Request, error: HttpError, details: Any = None, headers: Mapping[str, str] | None = None
) -> Response:
    """The one error shape: ``{"error": {status, code, message}}`` for JSON routes, a page for HTML ones.

    ``headers`` go with it (``Allow`` on a 405); a 401 also says ``WWW-Authenticate: Bearer``.
    """
    headers = {**(headers or {}), **({"www-authenticate": "Bearer"} if error.status == 401 else {})}
    if request.url.path.startswith(_JSON_PREFIXES) or "text/html" not in request.headers.get("accept", ""):
        body: dict[str, Any] = {"status": error.status, "code": error.code, "message": error.message}
        if details is not None:
            body["details"] = details
        return JSONResponse({"error": body}, status_code=error.status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"error": error, "user": None}, status_code=error.status, headers=headers
    )


async def _on_http_error(request: Request, exc: HttpError) -> Response:
    return render_error(request, exc)


async def _on_starlette_error(request: Request, exc: StarletteHTTPException) -> Response:
    code = _CODES.get(exc.status_code, "error")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # every method of the path, not only those of the first route matched
        headers["Allow"] = allowed_methods(request.app, request.url.path) or headers.get("Allow", "")
    return render_error(request, HttpError(exc.status_code, code, str(exc.detail)), headers=headers)


async def _on_validation_error(request: Request, exc: RequestValidationError) -> Response:
    details = [{"loc": list(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in exc.errors()]
    error = HttpError(422, "invalid_request", "the request has invalid parameters")
    return render_error(request, error, details)


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    logger.error("%s %s: unexpected %s", request.method, request.url.path, type(exc).__name__, exc_info=exc)
    return render_error(request, HttpError(500, "internal_error", "internal error"))
