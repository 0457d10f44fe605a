"""The API contract: the OpenAPI document as the server behaves, and the checks of enum and date parameters.

The document is FastAPI's, corrected once: the real error schema on every error status a route can
answer, the bearer scheme on writes, enums on filters. No data logic here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from newsift.model import ClaimStatus, EntityKind, PloverType
from newsift.web.errors import HttpError

__all__ = [
    "CLAIM_STATUSES",
    "ENTITY_KINDS",
    "check_choice",
    "check_date",
    "event_types",
    "install_openapi",
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
    413: "Request body too large",
    422: "Invalid parameters (the message names them and the allowed values)",
    429: "Too many uploads; retry after the Retry-After seconds",
}
_DATE_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ](.*))?$")


@functools.cache
def event_types() -> tuple[str, ...]:
    """PLOVER types (any case) and the defence subtypes of the event lexicon."""
    from newsift.extract.event_lexicon import load_lexicon

    return tuple(str(t) for t in PloverType) + tuple(sorted(d.subtype for d in load_lexicon().defence))


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


def check_date(name: str, value: str | None) -> str | None:
    """A date or date prefix (``2025``, ``2025-04``, ``2025-04-03``, with an optional time) that exists.

    Raises:
        HttpError: 422 ``invalid_parameter`` for ``2022-13-45`` or ``9999-99-99T99:99``.
    """
    if not value:
        return None
    found = _DATE_PREFIX.match(value)
    try:
        if found is None:
            raise ValueError(value)
        year, month, day, clock = found.groups()
        date(int(year), int(month or 1), int(day or 1))
        if clock is not None:
            datetime.fromisoformat(f"{year}-{month or '01'}-{day or '01'}T{clock.replace('Z', '+00:00')}")
    except ValueError as err:
        message = f"{name}: {value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD, optional THH:MM)"
        raise HttpError(422, "invalid_parameter", message) from err
    return value


def _statuses(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    statuses = [400]
    if "{" in path:
        statuses.append(404)
    if operation.get("parameters") or "requestBody" in operation:
        statuses.append(422)
    if method in ("post", "put", "patch", "delete"):
        statuses += [401, 413]
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
    if method in ("post", "put", "patch", "delete"):
        operation["security"] = [{"bearer": []}]
    if path == "/api/ingest" and "200" in responses:
        responses["201"] = {**responses["200"], "description": "Stored (200: every page already stored)"}
    for parameter in operation.get("parameters", ()):
        choices = _ENUMS.get(parameter.get("name", ""))
        if choices is not None:
            parameter.setdefault("schema", {})["enum"] = list(choices())


_ENUMS: dict[str, Callable[[], tuple[str, ...]]] = {
    "claim_status": lambda: CLAIM_STATUSES,
    "event_type": event_types,
    "kind": lambda: ENTITY_KINDS,
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
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Error"] = ERROR_SCHEMA
    components["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "A token from `newsift token create`."}
    }
    app.openapi_schema = schema
    return schema


def install_openapi(app: FastAPI) -> None:
    """Serve the corrected document at /openapi.json (built once, on first request)."""
    app.openapi = functools.partial(_openapi, app)  # type: ignore[method-assign]
