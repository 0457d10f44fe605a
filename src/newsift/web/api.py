"""JSON routes under /api: the same data functions as the pages. Reads are open; writes need a token.

What each route answers is documented in ``api_models.py`` (put on the routes by ``contract.py``).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from newsift import codec
from newsift.clean.outlets import normalize_outlet
from newsift.store.web_queries import SearchFilters
from newsift.web.comments import create_comment, delete_comment, query_comments
from newsift.web.contract import (
    CLAIM_STATUSES,
    DATE_PATTERN,
    ENTITY_KINDS,
    FIELDS_PATTERN,
    check_choice,
    event_types,
    pick_fields,
)
from newsift.web.cursor import AFTER_HELP, CURSOR_MAX, CURSOR_PATTERN
from newsift.web.data import (
    query_article_list,
    query_article_page,
    query_search,
    query_stories,
    require_article,
)
from newsift.web.errors import HttpError
from newsift.web.facts import normalize_actor
from newsift.web.graph import query_dyad, query_entity_list, query_entity_page
from newsift.web.guards import db_of, require_token_user

__all__ = ["article_filters", "router"]

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=500, description="Most items to return.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")]
ARTICLE_SORTS = ("relevance", "date")
After = Annotated[str | None, Query(max_length=CURSOR_MAX, pattern=CURSOR_PATTERN, description=AFTER_HELP)]
Sort = Annotated[
    str | None,
    Query(
        description="relevance (the default with words) or date (newest first: a walk with after= that "
        "stays stable as articles are added).",
        json_schema_extra={"enum": list(ARTICLE_SORTS)},
    ),
]
_UPLOAD_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_CHUNK = 1 << 16


def article_filters(
    q: Annotated[str | None, Query(max_length=500, description="Words to find (never FTS syntax).")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet id, e.g. theprint.")] = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="Earliest date (ISO 8601).")] = None,
    until: Annotated[
        str | None, Query(pattern=DATE_PATTERN, description="Latest date or date prefix.")
    ] = None,
    entity: Annotated[str | None, Query(max_length=200, description="Entity id mentioned.")] = None,
    event_type: Annotated[str | None, Query(max_length=60, description="PLOVER type or subtype.")] = None,
    claim_status: Annotated[str | None, Query(max_length=20, description="A claim status present.")] = None,
) -> SearchFilters:
    """Search words and filters shared by article lists and search (422 for unknown values, bad dates)."""
    return SearchFilters(
        q=q, outlet=(normalize_outlet(outlet) or outlet) if outlet else None,
        since=since, until=until,
        entity=normalize_actor(entity) if entity else None,
        event_type=check_choice("event_type", event_type, event_types()),
        claim_status=check_choice("claim_status", claim_status, CLAIM_STATUSES),
    )  # fmt: skip


Filters = Annotated[SearchFilters, Depends(article_filters)]
Fields = Annotated[
    str | None,
    Query(
        pattern=FIELDS_PATTERN,
        description="Keep only these item keys: id,title,... (default: every key but text, which "
        "repeats title, standfirst and body; name text to get it).",
    ),
]
TokenUser = Annotated[str, Depends(require_token_user)]  # a dependency: checked before the body is read


@router.get("/articles", summary="List articles (newest first) with paging and filters")
def list_articles(
    request: Request,
    filters: Filters,
    limit: Limit = 50,
    offset: Offset = 0,
    after: After = None,
    fields: Fields = None,
) -> dict[str, Any]:
    page = query_article_list(db_of(request), filters, limit=limit, offset=offset, after=after)
    return pick_fields(page, fields)


@router.get("/articles/{article_id}", summary="One article with entities, quotes, events, claims")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    return query_article_page(db_of(request), article_id)


@router.get("/search", summary="Full-text search with filters")
def search(
    request: Request,
    filters: Filters,
    limit: Limit = 20,
    offset: Offset = 0,
    after: After = None,
    sort: Sort = None,
) -> dict[str, Any]:
    by_date = check_choice("sort", sort, ARTICLE_SORTS) == "date"
    return query_search(db_of(request), filters, limit=limit, offset=offset, after=after, by_date=by_date)


@router.get("/entities", summary="Entities by mention count")
def list_entities(
    request: Request,
    kind: Annotated[str | None, Query(max_length=40)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
    after: After = None,
) -> dict[str, Any]:
    kind = check_choice("kind", kind, ENTITY_KINDS)
    return query_entity_list(db_of(request), kind=kind, limit=limit, offset=offset, after=after)


@router.get("/entities/{entity_id}", summary="One entity: mentions over time, events, quotes")
def get_entity(request: Request, entity_id: str) -> dict[str, Any]:
    return query_entity_page(db_of(request), entity_id)


@router.get("/dyads/{first}/{second}", summary="Two actors: events over time, claims roll-up, quotes")
def get_dyad(request: Request, first: str, second: str) -> dict[str, Any]:
    return query_dyad(db_of(request), first, second)


@router.get("/stories", summary="Stories (clusters of articles), largest first")
def list_stories(
    request: Request, limit: Limit = 50, offset: Offset = 0, after: After = None
) -> dict[str, Any]:
    return query_stories(db_of(request), limit=limit, offset=offset, after=after)


@router.get("/articles/{article_id}/comments", summary="An article's comments, oldest first")
def list_comments(request: Request, article_id: str) -> dict[str, Any]:
    article = require_article(db_of(request), article_id)
    return {"items": query_comments(db_of(request).store(), article.id)}


@router.post("/articles/{article_id}/comments", status_code=201, summary="Comment on an article (token)")
def post_comment(
    request: Request,
    article_id: str,
    user: TokenUser,
    body: Annotated[str, Form(min_length=1, max_length=5000, pattern=r"\S")],  # not only blanks
    claim_id: Annotated[
        str | None, Form(max_length=64, description="One of this article's claim ids (else 422).")
    ] = None,
) -> dict[str, Any]:
    article = require_article(db_of(request), article_id)
    return create_comment(db_of(request).store(), article.id, user, body, claim_id)


@router.delete("/comments/{comment_id}", summary="Delete one of your comments (token)")
def remove_comment(request: Request, comment_id: str, user: TokenUser) -> dict[str, Any]:
    return {"deleted": comment_id, "article_id": delete_comment(db_of(request).store(), comment_id, user)}


@router.post("/ingest", summary="Ingest an uploaded file or a public http(s) URL (token)")
async def ingest(
    request: Request,
    file: Annotated[UploadFile | None, File(description="A page: text, HTML, feed, JSONL or WARC.")] = None,
    url: Annotated[str | None, Form(max_length=2000, description="An http(s) URL to fetch.")] = None,
) -> JSONResponse:
    user = await run_in_threadpool(require_token_user, request)
    if (file is None) == (not url):
        raise HttpError(422, "invalid_request", "send exactly one of: file, url")
    if url and not url.lower().startswith(("http://", "https://")):
        raise HttpError(422, "invalid_url", "only http and https URLs can be ingested")
    if url:  # a scheme is case-insensitive (RFC 3986): HTTP://host is fetched as http://host
        scheme, _, rest = url.partition("://")
        url = f"{scheme.lower()}://{rest}"
    with tempfile.TemporaryDirectory(prefix="newsift-upload-") as folder:
        saved = None if url else await _save_upload(request, file, Path(folder))  # type: ignore[arg-type]
        if saved is not None and saved.stat().st_size == 0:  # refused here, before the upload worker
            raise HttpError(422, "empty_input", f"upload:{saved.name}: empty file, nothing to analyse")
        item = url or str(saved)
        names = {item: f"upload:{saved.name}"} if saved is not None else None
        report = await request.app.state.uploads.ingest(item, names)  # the worker process's run
    data = {"user": user, "report": codec.to_builtins(report)}
    if report.failures and not report.n_articles and not report.n_unchanged:
        message = "; ".join(f.message for f in report.failures)
        error = {"status": 422, "code": "ingest_failed", "message": message, "details": data["report"]}
        return JSONResponse({"error": error}, status_code=422)
    return JSONResponse(data, status_code=201 if report.n_stored else 200)


async def _save_upload(request: Request, upload: UploadFile, folder: Path) -> Path:
    """Write the upload under ``folder`` with a sanitised name, refusing more than the size limit."""
    limit = request.app.state.settings.ingest.max_input_bytes
    name = _UPLOAD_NAME.sub("_", Path(upload.filename or "upload").name).strip("._")[:80] or "upload"
    path = folder / name
    size = 0
    with path.open("wb") as out:
        while chunk := await upload.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise HttpError(413, "too_large", f"upload larger than {limit} bytes")
            out.write(chunk)
    return path
