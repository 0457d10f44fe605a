"""JSON and CSV routes for claims, events, quotes and relationships under /api (reads only, open)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from newsift.store.facts import FACT_KINDS
from newsift.web.facts import FactParams, query_facts
from newsift.web.graph import query_relationships
from newsift.web.guards import db_of
from newsift.web.tables import render_fact_csv

__all__ = ["CSV_MOST", "csv_response", "fact_params", "router"]

router = APIRouter(prefix="/api", tags=["facts"])
CSV_MOST = 10_000  # rows in one CSV download
_Text = Annotated[str | None, Query(max_length=200)]
_Enum = Annotated[str | None, Query(max_length=60)]
_When = Annotated[
    str | None, Query(max_length=40, description="ISO date or prefix: YYYY, YYYY-MM, YYYY-MM-DD.")
]


def fact_params(
    status: Annotated[str | None, Query(max_length=60, description="Claim status, e.g. denied.")] = None,
    type: Annotated[str | None, Query(max_length=60, description="PLOVER event type, e.g. AID.")] = None,
    subtype: Annotated[str | None, Query(max_length=60, description="Defence subtype, e.g. upgrade.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id or country code.")] = None,
    dyad: Annotated[str | None, Query(max_length=200, description="Two actors: TUR,PAK.")] = None,
    speaker: Annotated[str | None, Query(max_length=200, description="Quote speaker id or words.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet id.")] = None,
    article: Annotated[str | None, Query(max_length=200, description="One article's id.")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="Entity as actor or item.")] = None,
    event_since: _When = None,
    event_until: _When = None,
    since: _When = None,
    until: _When = None,
    sort: Annotated[str | None, Query(max_length=40, description="event_time, report_time, status.")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Most items to return.")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")] = 0,
) -> FactParams:
    """The filters, sort and paging of a claims, events or quotes view."""
    return FactParams(
        status=status, type=type, subtype=subtype, actor=actor, dyad=dyad, speaker=speaker, outlet=outlet,
        article=article, entity=entity, event_since=event_since, event_until=event_until, since=since,
        until=until, sort=sort, limit=limit, offset=offset,
    )  # fmt: skip


Params = Annotated[FactParams, Depends(fact_params)]


def csv_response(request: Request, kind: str, params: FactParams) -> Response:
    """Every matching row (up to ``CSV_MOST``, from the offset) as a CSV download."""
    explicit = "limit" in request.query_params
    data = query_facts(db_of(request), kind, params if explicit else replace(params, limit=CSV_MOST))
    headers = {"content-disposition": f'attachment; filename="newsift-{kind}.csv"'}
    return Response(
        render_fact_csv(kind, data["items"]), media_type="text/csv; charset=utf-8", headers=headers
    )


def _add_kind(kind: str) -> None:
    def as_json(request: Request, params: Params) -> dict[str, Any]:
        return query_facts(db_of(request), kind, params)

    def as_csv(request: Request, params: Params) -> Response:
        return csv_response(request, kind, params)

    summary = f"{kind.capitalize()} with filters, facet counts, sort and paging"
    router.add_api_route(f"/{kind}", as_json, methods=["GET"], summary=summary)
    router.add_api_route(f"/{kind}.csv", as_csv, methods=["GET"], summary=f"{kind.capitalize()} as CSV")


for _kind in FACT_KINDS:
    _add_kind(_kind)


@router.get("/relationships", summary="Top dyads by events, with claims and denials, and a matrix")
def relationships(request: Request, limit: Annotated[int, Query(ge=1, le=200)] = 30) -> dict[str, Any]:
    return query_relationships(db_of(request), limit=limit)
