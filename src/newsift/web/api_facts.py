"""JSON and CSV routes for claims, events, quotes and relationships under /api (reads only, open)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from newsift.model import PloverType
from newsift.store.facts import FACT_KINDS, SORTS
from newsift.web.contract import CLAIM_STATUSES, DATE_PATTERN, DYAD_PATTERN
from newsift.web.cursor import AFTER_HELP, CURSOR_MAX, CURSOR_PATTERN
from newsift.web.facts import DOCUMENTED_SUBTYPES, FactParams, query_facts
from newsift.web.graph import query_relationships
from newsift.web.guards import db_of
from newsift.web.tables import render_fact_csv

__all__ = ["CSV_MOST", "CsvResponse", "csv_response", "fact_params", "router"]

router = APIRouter(prefix="/api", tags=["facts"])
CSV_MOST = 10_000  # rows in one CSV download


def _choice(description: str, allowed: Iterable[str]) -> Any:
    """A query parameter the server checks against ``allowed`` (``facts.query_facts``): an enum here."""
    return Query(max_length=60, description=description, json_schema_extra={"enum": list(allowed)})


_When = Annotated[
    str | None,
    Query(
        max_length=40,
        description="ISO date or prefix: YYYY, YYYY-MM, YYYY-MM-DD, optional THH:MM[:SS][zone].",
        json_schema_extra={"pattern": DATE_PATTERN},
    ),
]
_SUBTYPE = "Defence subtype, e.g. upgrade (a subtype found in the store is accepted too)."


class CsvResponse(Response):
    """A CSV download (so the document says ``text/csv``)."""

    media_type = "text/csv"


def fact_params(
    status: Annotated[str | None, _choice("Claim status, e.g. denied.", CLAIM_STATUSES)] = None,
    type: Annotated[str | None, _choice("PLOVER event type, e.g. AID.", (str(t) for t in PloverType))] = None,
    subtype: Annotated[str | None, _choice(_SUBTYPE, DOCUMENTED_SUBTYPES)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id or country code.")] = None,
    dyad: Annotated[
        str | None,
        Query(
            max_length=200, description="Two actors: TUR,PAK.", json_schema_extra={"pattern": DYAD_PATTERN}
        ),
    ] = None,
    speaker: Annotated[str | None, Query(max_length=200, description="Quote speaker id or words.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet id.")] = None,
    article: Annotated[str | None, Query(max_length=200, description="One article's id.")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="Entity as actor or item.")] = None,
    event_since: _When = None,
    event_until: _When = None,
    since: _When = None,
    until: _When = None,
    sort: Annotated[str | None, _choice("Order; a leading - is newest first.", SORTS)] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Most items to return.")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")] = 0,
    after: Annotated[
        str | None, Query(max_length=CURSOR_MAX, pattern=CURSOR_PATTERN, description=AFTER_HELP)
    ] = None,
) -> FactParams:
    """The filters, sort and paging of a claims, events or quotes view."""
    return FactParams(
        status=status, type=type, subtype=subtype, actor=actor, dyad=dyad, speaker=speaker, outlet=outlet,
        article=article, entity=entity, event_since=event_since, event_until=event_until, since=since,
        until=until, sort=sort, limit=limit, offset=offset, after=after or None,
    )  # fmt: skip


Params = Annotated[FactParams, Depends(fact_params)]


def csv_response(request: Request, kind: str, params: FactParams) -> Response:
    """Every matching row (up to ``CSV_MOST``, from the offset) as a CSV download."""
    explicit = "limit" in request.query_params
    data = query_facts(db_of(request), kind, params if explicit else replace(params, limit=CSV_MOST))
    headers = {"content-disposition": f'attachment; filename="newsift-{kind}.csv"'}
    return CsvResponse(
        render_fact_csv(kind, data["items"]), media_type="text/csv; charset=utf-8", headers=headers
    )


def _add_kind(kind: str) -> None:
    def as_json(request: Request, params: Params) -> dict[str, Any]:
        return query_facts(db_of(request), kind, params)

    def as_csv(request: Request, params: Params) -> Response:
        return csv_response(request, kind, params)

    summary = f"{kind.capitalize()} with filters, facet counts, sort and paging"
    router.add_api_route(f"/{kind}", as_json, methods=["GET"], summary=summary)
    router.add_api_route(
        f"/{kind}.csv",
        as_csv,
        methods=["GET"],
        summary=f"{kind.capitalize()} as CSV",
        response_class=CsvResponse,
    )


for _kind in FACT_KINDS:
    _add_kind(_kind)


@router.get("/relationships", summary="Top dyads by events, with claims and denials, and a matrix")
def relationships(request: Request, limit: Annotated[int, Query(ge=1, le=200)] = 30) -> dict[str, Any]:
    return query_relationships(db_of(request), limit=limit)
