"""HTML pages for claims, events, quotes and relationships, with their .json and .csv twins.

The same data functions as /api (``facts.query_facts``, ``graph.query_relationships``); no SQL here.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse

from newsift.model import ClaimStatus, PloverType
from newsift.store.facts import FACT_KINDS, SORTS
from newsift.web.api_facts import Params, csv_response
from newsift.web.errors import HttpError
from newsift.web.facts import DOCUMENTED_SUBTYPES, normalize_actor, query_facts
from newsift.web.graph import query_relationships
from newsift.web.guards import db_of
from newsift.web.pages import render_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_TITLES = {"claims": "Claims", "events": "Events", "quotes": "Quotes"}
_Actor = Annotated[str | None, Query(max_length=200)]


def _query(params: dict[str, str], **change: Any) -> str:
    """A query string: the current filters with some changed (None removes one); paging starts over."""
    merged = {**params, **change}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _choices(kind: str) -> dict[str, list[str]]:
    if kind == "quotes":
        return {}
    return {
        "status": [str(s) for s in ClaimStatus],
        "type": [str(t) for t in PloverType],
        "subtype": list(DOCUMENTED_SUBTYPES),
        "sort": list(SORTS),
    }


_SORT_LABELS = {
    "-event_time": "event time, newest first",
    "event_time": "event time, oldest first",
    "-report_time": "report time, newest first",
    "report_time": "report time, oldest first",
    "status": "status, denials first",
    "-corroboration": "most outlets first",
}


def _add_kind(kind: str) -> None:
    def page(request: Request, params: Params) -> Response:
        data = query_facts(db_of(request), kind, params)
        context = {
            "data": data, "kind": kind, "title": _TITLES[kind], "choices": _choices(kind), "query": _query,
            "params": params, "sort_labels": _SORT_LABELS,
        }  # fmt: skip
        return render_page(request, "facts.html", context)

    def as_json(request: Request, params: Params) -> Response:
        return JSONResponse(query_facts(db_of(request), kind, params))

    def as_csv(request: Request, params: Params) -> Response:
        return csv_response(request, kind, params)

    router.add_api_route(f"/{kind}", page, methods=["GET"])
    router.add_api_route(f"/{kind}.json", as_json, methods=["GET"])
    router.add_api_route(f"/{kind}.csv", as_csv, methods=["GET"])


for _kind in FACT_KINDS:
    _add_kind(_kind)


@router.get("/relationships")
def relationships_page(request: Request) -> Response:
    data = query_relationships(db_of(request), limit=40)
    return render_page(request, "relationships.html", {"r": data})


@router.get("/relationships.json")
def relationships_json(request: Request) -> dict[str, Any]:
    return query_relationships(db_of(request), limit=40)


@router.get("/dyad")
def dyad_picker(request: Request, a: _Actor = None, b: _Actor = None) -> Response:
    """The dyad picker's target: ``/dyad?a=TUR&b=PAK`` goes to ``/dyad/TUR/PAK``."""
    if not a or not b:
        raise HttpError(422, "invalid_request", "pick two actors: a and b")
    first, second = normalize_actor(a.strip()), normalize_actor(b.strip())
    return RedirectResponse(f"/dyad/{_path(first)}/{_path(second)}", status_code=303)


def _path(part: str) -> str:
    return quote(part, safe="")


@router.get("/favicon.ico")
def favicon() -> Response:
    icon = Path(str(importlib.resources.files("newsift.web") / "static" / "favicon.svg"))
    return FileResponse(icon, media_type="image/svg+xml")
