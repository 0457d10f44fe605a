"""The API contract: the OpenAPI document as the server behaves, enum checks and the date pattern.

The document is FastAPI's, corrected once: the response schema of every route (``api_models.py``), the
real error schema on every error status a route can answer, the bearer scheme on writes, enums on
filters. No data logic here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from newsift.model import ClaimStatus, EntityKind, PloverType
from newsift.web import api_models as out
from newsift.web.errors import HttpError

__all__ = [
    "CLAIM_STATUSES",
    "DATE_PATTERN",
    "DAY_PATTERN",
    "DYAD_PATTERN",
    "ENTITY_KINDS",
    "FIELDS_PATTERN",
    "LIST_OMITS",
    "RESPONSES",
    "allowed_methods",
    "check_choice",
    "event_types",
    "install_openapi",
    "pick_fields",
]

CLAIM_STATUSES = tuple(str(s) for s in ClaimStatus)
ENTITY_KINDS = tuple(str(k) for k in EntityKind)
_ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string", "description": "Stable machine code, e.g. not_found."},
                "message": {"type": "string"},
                "details": {"description": "Per-parameter problems (422) or the ingest report."},
            },
        }
    },
}
_REASONS = {
    400: "Bad request (unknown Host, invalid Content-Length)",
    401: "Missing or unknown API token",
    403: "Not allowed (someone else's comment)",
    404: "No such resource",
    409: "Stale cursor: the list's order moved since the after= cursor was made; start again",
    413: "Request body too large",
    422: "Invalid parameters (the message names them and the allowed values)",
    429: "Too many uploads; retry after the Retry-After seconds",
}
_CLOCK = r"(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?"
_YEAR = r"(?:000[1-9]|00[1-9]\d|0[1-9]\d\d|[1-9]\d{3})"


def _month_day(day: str) -> str:
    """Months with their own day ranges; ``day`` is "?" for an optional day (a date prefix) or ""."""
    return (
        rf"(?:(?:0[13578]|1[02])(?:-(?:0[1-9]|[12]\d|3[01]){_CLOCK}){day}"
        rf"|(?:0[469]|11)(?:-(?:0[1-9]|[12]\d|30){_CLOCK}){day}"
        rf"|02(?:-(?:0[1-9]|1\d|2[0-8]){_CLOCK}){day})"
    )


_LEAP_DAY = rf"(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29{_CLOCK}"
_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+"
DATE_PATTERN = rf"^(?:{_YEAR}(?:-{_month_day('?')})?|{_LEAP_DAY})?$"
"""A date or date prefix that exists (2025, 2025-04, 2025-04-30, optional THH:MM[:SS][zone]); empty: no
filter. Month lengths and leap years are checked by the pattern itself, so the document says it all."""
DAY_PATTERN = rf"^(?:{_YEAR}-{_month_day('')}|{_LEAP_DAY})?$"
"""A full date that exists (2025-04-30, optional THH:MM[:SS][zone]); empty: none given."""


_PART = r"[^,/]*[^,/\s][^,/]*"
DYAD_PATTERN = (
    r"^$|^(?!(?:\s*[,/])*\s*([^,/\s](?:[^,/]*[^,/\s])?)\s*[,/](?:\s*[,/])*\s*\1\s*(?:[,/]\s*)*$)"
    rf"(?:\s*[,/])*{_PART}[,/](?:\s*[,/])*{_PART}(?:[,/]\s*)*$"
)
"""Two different actors split by , or / (``TUR,PAK``; blank parts are skipped); empty: no filter. Only a
country code repeated in another case (``tur,TUR``) is beyond a pattern: the server still refuses it."""


@functools.cache
def event_types() -> tuple[str, ...]:
    """PLOVER types (any case) and the defence subtypes of the event lexicon."""
    from newsift.extract.events.lexicon import load_lexicon

    return tuple(str(t) for t in PloverType) + tuple(sorted(d.subtype for d in load_lexicon().defence))


FIELDS_PATTERN = r"^[a-z_]{1,40}(,[a-z_]{1,40}){0,30}$"
LIST_OMITS = ("text",)
"""Keys an article list leaves out unless ``fields=`` names them: ``text`` repeats title and body."""


def pick_fields(page: dict[str, Any], fields: str | None) -> dict[str, Any]:
    """A page of ``items`` with only the named keys in each item (``fields=id,title,outlet``); without
    ``fields``, every key but ``LIST_OMITS``."""
    items = page["items"]
    if fields:
        keep = fields.split(",")
        items = [{k: item[k] for k in keep if k in item} for item in items]
    else:
        items = [{k: v for k, v in item.items() if k not in LIST_OMITS} for item in items]
    return {**page, "items": items}


def check_choice(name: str, value: str | None, allowed: Collection[str]) -> str | None:
    """``value`` as given when it is one of ``allowed`` (case-insensitively), else a 422 naming them.

    Raises:
        HttpError: 422 ``invalid_parameter``.
    """
    if value is None or value == "":
        return None
    folded = {a.casefold(): a for a in allowed}
    if value.casefold() not in folded:
        raise HttpError(422, "invalid_parameter", f"{name}: {value!r} is not one of {', '.join(allowed)}")
    return folded[value.casefold()]


RESPONSES: dict[str, type[BaseModel]] = {
    "GET /healthz": out.Health,
    "GET /api/articles": out.ArticleList,
    "GET /api/articles/{article_id}": out.ArticleDetail,
    "GET /api/articles/{article_id}/comments": out.CommentList,
    "POST /api/articles/{article_id}/comments": out.CommentOut,
    "DELETE /api/comments/{comment_id}": out.Deleted,
    "POST /api/ingest": out.IngestResult,
    "GET /api/search": out.SearchPage,
    "GET /api/entities": out.EntityList,
    "GET /api/entities/{entity_id}": out.EntityPage,
    "GET /api/dyads/{first}/{second}": out.DyadPage,
    "GET /api/stories": out.StoryList,
    "GET /api/claims": out.ClaimPage,
    "GET /api/events": out.EventPage,
    "GET /api/quotes": out.QuotePage,
    "GET /api/relationships": out.Relationships,
    "GET /api/briefs/articles/{article_id}": out.Brief,
    "GET /api/briefs/dyad/{first}/{second}": out.Brief,
    "GET /api/briefs/entities/{entity_id}": out.Brief,
    "GET /api/ask": out.Answer,
    "GET /api/watches": out.WatchList,
}
"""The JSON answer of each route ("METHOD /path"), on its success statuses in the document."""
_TOKEN_READS = ("/api/watches",)  # reads that need a token (a missing one is a 401)


def _statuses(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    statuses = [400]
    if "{" in path:
        statuses.append(404)
    if operation.get("parameters") or "requestBody" in operation:
        statuses.append(422)
    if any(p.get("name") == "after" for p in operation.get("parameters", ())):
        statuses.append(409)
    if method in ("post", "put", "patch", "delete") or path in _TOKEN_READS:
        statuses.append(401)
    if method in ("post", "put", "patch", "delete"):
        statuses.append(413)
    if method == "delete":
        statuses.append(403)
    if path == "/api/ingest":
        statuses.append(429)
    return sorted(set(statuses))


def _fix_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    for status in _statuses(path, method, operation):
        responses[str(status)] = {
            "description": _REASONS[status],
            "content": {"application/json": {"schema": _ERROR_REF}},
        }
    if method in ("post", "put", "patch", "delete") or path in _TOKEN_READS:
        operation["security"] = [{"bearer": []}]
    if path == "/api/ingest" and "200" in responses:
        responses["200"]["description"] = "Every page was stored before"
        responses["201"] = {**responses["200"], "description": "Stored"}
    for parameter in operation.get("parameters", ()):
        choices = _ENUMS.get(parameter.get("name", ""))
        if choices is not None:
            parameter.setdefault("schema", {})["enum"] = list(choices())


_ENUMS: dict[str, Callable[[], tuple[str, ...]]] = {
    "claim_status": lambda: CLAIM_STATUSES,
    "event_type": event_types,
    "kind": lambda: ENTITY_KINDS,
}


_ETAG = {
    "description": "A digest of the body; send it as If-None-Match to get 304.",
    "schema": {"type": "string"},
}


def _document_answer(path: str, method: str, operation: dict[str, Any]) -> None:
    """The response model of the route on each of its JSON success statuses; on reads, the ETag and
    the 304 that answers a matching If-None-Match (``http.ApiETag``)."""
    model = RESPONSES.get(f"{method.upper()} {path}")
    responses = operation.get("responses", {})
    for status, response in responses.items():
        content = response.get("content", {}).get("application/json")
        if model is not None and status.startswith("2") and content is not None:
            content["schema"] = {"$ref": f"#/components/schemas/{model.__name__}"}
    if method == "get" and "200" in responses:
        responses["200"]["headers"] = {"ETag": _ETAG}
        responses["304"] = {
            "description": "Not modified: If-None-Match holds the current ETag",
            "headers": {"ETag": _ETAG},
        }


def _fix_ingest_body(schemas: dict[str, Any]) -> None:
    """``POST /api/ingest`` takes exactly one of a file and an http(s) URL: say so (``oneOf``)."""
    name = next((n for n in schemas if n.startswith("Body_ingest")), None)
    if name is None:
        return
    properties = schemas[name].get("properties", {})
    file = {**properties.get("file", {}), "anyOf": [{"type": "string", "format": "binary"}]}
    url = {**properties.get("url", {}), "anyOf": [{"type": "string", "maxLength": 2000, "pattern": _URL}]}
    schemas[name] = {
        "title": name,
        "oneOf": [
            {
                "type": "object",
                "required": ["file"],
                "properties": {"file": file},
                "additionalProperties": False,
            },
            {
                "type": "object",
                "required": ["url"],
                "properties": {"url": url},
                "additionalProperties": False,
            },
        ],
    }


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if path.startswith("/api"):
                _fix_operation(path, method, operation)
            elif "422" in operation.get("responses", {}):
                operation["responses"]["422"]["content"] = {"application/json": {"schema": _ERROR_REF}}
            _document_answer(path, method, operation)
    schemas.update(_response_schemas())
    _fix_ingest_body(schemas)
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Error"] = ERROR_SCHEMA
    components["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "A token from `newsift token create`."}
    }
    app.openapi_schema = schema
    return schema


def _response_schemas() -> dict[str, Any]:
    """The components of every response model (and of the objects inside them), by name."""
    models = sorted(set(RESPONSES.values()), key=lambda m: m.__name__)
    _, top = models_json_schema(
        [(m, "validation") for m in models], ref_template="#/components/schemas/{model}"
    )
    defs: dict[str, Any] = top.get("$defs", {})
    return defs


def install_openapi(app: FastAPI) -> None:
    """Serve the corrected document at /openapi.json (built once, on first request)."""
    app.openapi = functools.partial(_openapi, app)  # type: ignore[method-assign]


_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: FastAPI, path: str) -> str | None:
    """The ``Allow`` value of a documented path (every method on it, HEAD wherever GET is), else None."""
    for template, operations in app.openapi().get("paths", {}).items():
        if re.fullmatch(re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)), path):
            methods = {m.upper() for m in operations} | ({"HEAD"} if "get" in operations else set())
            return ", ".join(sorted(methods, key=lambda m: (_ORDER.index(m) if m in _ORDER else 9, m)))
    return None
