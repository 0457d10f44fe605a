"""Claims, events and quotes as tables: one data function per kind, shared by /api, the pages and CSV.

Parameters are checked here (unknown enum values and impossible dates are a 422 naming what is allowed);
the SQL is the store's (``store/facts.py``). Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from newsift import codec
from newsift.model import Claim, ClaimStatus, Entity, Event, PloverType, Quote
from newsift.store.facts import FACT_KINDS, SORTS, FactFilters, FactRow, sort_key_types
from newsift.views import render_claim_json, render_event_json, render_quote_json
from newsift.web.contract import DATE_PATTERN
from newsift.web.cursor import read_cursor, write_cursor
from newsift.web.db import WebDb
from newsift.web.errors import HttpError

__all__ = [
    "DOCUMENTED_SUBTYPES",
    "FactParams",
    "RowLookups",
    "event_time_json",
    "normalize_actor",
    "query_facts",
    "render_fact_rows",
    "sentence_href",
]

# The defence layer of DESIGN.md; subtypes found in the store are accepted too.
DOCUMENTED_SUBTYPES = (
    "arms_transfer", "co_development", "defence_pact", "deployment", "exercise", "export_ban",
    "movement", "strike", "upgrade",
)  # fmt: skip
_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ]\d{2}:.*)?$")  # the shape, to word a refusal
_DATE_PATTERN = re.compile(DATE_PATTERN)
_STATUSES = tuple(str(s) for s in ClaimStatus)
_TYPES = tuple(str(t) for t in PloverType)


@dataclass(frozen=True, slots=True, kw_only=True)
class FactParams:
    """The query string of a claims, events or quotes view, as given (checked by ``query_facts``)."""

    status: str | None = None
    type: str | None = None
    subtype: str | None = None
    actor: str | None = None
    dyad: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    article: str | None = None
    entity: str | None = None
    event_since: str | None = None
    event_until: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str | None = None
    limit: int = 50
    offset: int = 0
    after: str | None = None  # a keyset cursor: the ``next`` of the page before

    def applied(self) -> dict[str, str]:
        """The filters in use (for links that keep them), without paging."""
        skip = {"limit", "offset", "after"}
        return {k: str(v) for k in self.__slots__ if k not in skip and (v := getattr(self, k))}


def normalize_actor(value: str) -> str:
    """Country codes are upper case (``tur`` → ``TUR``); other entity ids are kept as given."""
    return value.upper() if len(value) == 3 and value.isalpha() else value


def _invalid(name: str, value: str, allowed: tuple[str, ...] | str) -> HttpError:
    listed = allowed if isinstance(allowed, str) else ", ".join(allowed)
    return HttpError(422, "invalid_request", f"{name}: {value!r} is not allowed; allowed values: {listed}")


def _check_choice(
    name: str, value: str | None, allowed: tuple[str, ...], *, fold: bool = False
) -> str | None:
    if not value:
        return None
    wanted = value.upper() if fold else value.lower()
    if wanted not in allowed:
        raise _invalid(name, value, allowed)
    return wanted


def _check_date(name: str, value: str | None) -> str | None:
    """An ISO date or prefix (2024, 2024-05, 2024-05-17, optional time) that exists on the calendar.

    ``DATE_PATTERN`` is what the OpenAPI document declares; the rest only words the refusal.
    """
    if not value:
        return None
    if _DATE_PATTERN.fullmatch(value):
        return value
    shape = _DATE.match(value)
    if not shape:
        raise _invalid(name, value, "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD, optional THH:MM[:SS][zone]")
    parts = [int(p) for p in shape.group(1).split("-")]
    try:
        dt.date(parts[0], *([*parts[1:], 1, 1])[:2])
    except ValueError as err:
        raise HttpError(422, "invalid_request", f"{name}: {value!r} is not a real date ({err})") from err
    raise HttpError(422, "invalid_request", f"{name}: {value!r} is not a real time (THH:MM[:SS][zone])")


def _check_dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = [normalize_actor(p.strip()) for p in re.split(r"[,/]", value) if p.strip()]
    if len(parts) != 2 or parts[0] == parts[1]:
        raise _invalid("dyad", value, "two different actor ids, e.g. TUR,PAK")
    return parts[0], parts[1]


def _filters(db: WebDb, kind: str, p: FactParams) -> FactFilters:
    status = _check_choice("status", p.status, _STATUSES)
    names: tuple[str, ...] = ()
    entity = normalize_actor(p.entity) if p.entity else None
    if entity:
        found = db.store().web.entity(entity)
        names = tuple({n.casefold() for n in (found.name, *found.aliases)}) if found else ()
    filters = FactFilters(
        status=status, type=_check_choice("type", p.type, _TYPES, fold=True), actor=_actor(p.actor),
        dyad=_check_dyad(p.dyad), speaker=p.speaker or None, outlet=p.outlet or None,
        article=p.article or None, entity=entity, entity_names=names,
        event_since=_check_date("event_since", p.event_since),
        event_until=_check_date("event_until", p.event_until),
        report_since=_check_date("since", p.since), report_until=_check_date("until", p.until),
    )  # fmt: skip
    return replace(filters, subtype=_check_subtype(db, p.subtype))


def _actor(value: str | None) -> str | None:
    return normalize_actor(value) if value else None


def _check_subtype(db: WebDb, value: str | None) -> str | None:
    if not value or value.lower() in DOCUMENTED_SUBTYPES:
        return value.lower() if value else None
    stored = db.store().query_fact_page("events", FactFilters(), limit=0).facets.get("subtype", [])
    allowed = tuple(sorted({*DOCUMENTED_SUBTYPES, *(v for v, _ in stored)}))
    return _check_choice("subtype", value, allowed)


def query_facts(
    db: WebDb, kind: str, params: FactParams, *, facets: bool = True, lookups: RowLookups | None = None
) -> dict[str, Any]:
    """One page of claims, events or quotes with ``total``, facet counts and the filters applied.

    ``lookups`` may be shared by the lists of one page (a dyad's events, then their claims), so that what
    one list read (an entity's name, a decoded event) the next does not read again.

    Raises:
        HttpError: 422 for an unknown kind, enum value or sort, or an impossible date.
    """
    if kind not in FACT_KINDS:
        raise _invalid("kind", kind, FACT_KINDS)
    sort = _check_choice("sort", params.sort, SORTS) or ("-report_time" if kind == "quotes" else "status")
    types = sort_key_types(kind, sort)
    keys, start = read_cursor(params.after, kind, sort, types) if params.after else (None, 0)
    filters = _filters(db, kind, params)
    try:
        page = db.store().query_fact_page(
            kind, filters, sort=sort, limit=params.limit, offset=params.offset, facets=facets, after=keys
        )
    except ValueError as err:
        raise _invalid("after", params.after or "", "the next cursor of a page of this list") from err
    offset = start + params.offset
    names = lookups or RowLookups(db)
    end = offset + len(page.rows)
    return {
        "kind": kind,
        "items": render_fact_rows(kind, page.rows, names),
        "total": page.total,
        "limit": params.limit,
        "offset": offset,
        "after": params.after,
        "next": write_cursor(kind, sort, page.last_keys, end) if page.last_keys is not None else None,
        "sort": sort,
        "filters": params.applied(),
        "facets": {k: _facet_values(k, rows, names) for k, rows in page.facets.items()},
    }


_NAMED_FACETS = ("actor", "speaker")  # their values are entity ids (else text): shown by the entity's name


def _facet_values(name: str, rows: list[tuple[str, int]], names: RowLookups) -> list[dict[str, Any]]:
    """A facet's values with their counts; an actor's or speaker's also with its entity's name, if any."""
    if name not in _NAMED_FACETS:
        return [{"value": v, "count": n} for v, n in rows]
    return [{"value": v, "count": n, **_entity_label(names, v)} for v, n in rows]


def _entity_label(names: RowLookups, entity_id: str) -> dict[str, str]:
    entity = names.entity(entity_id)
    return {"label": entity.name} if entity else {}


class RowLookups:
    """Entity names by id and decoded events by id, read once per request."""

    def __init__(self, db: WebDb) -> None:
        self._db = db
        self._found: dict[str, Entity | None] = {}
        self._events: dict[str, Event] = {}

    def entity(self, entity_id: str) -> Entity | None:
        if entity_id not in self._found:
            self._found[entity_id] = self._db.store().web.entity(entity_id)
        return self._found[entity_id]

    def party(self, holder: str) -> dict[str, Any]:
        """A claim holder: an entity (linked) when known, else the text as given."""
        entity = self.entity(holder)
        return {"id": entity.id if entity else None, "name": entity.name if entity else holder}

    def event(self, record: str) -> Event:
        """An event row's record, decoded (and kept for the claims of the same event)."""
        event = codec.decode(record, Event)
        self._events[event.id] = event
        return event

    def claim_event(self, claim: Claim, record: str | None) -> Event | None:
        """The event of a claim: the one an earlier list of this request decoded, else its record's."""
        if claim.event_id is not None and claim.event_id in self._events:
            return self._events[claim.event_id]
        return codec.decode(record, Event) if record else None


def sentence_href(article_id: str, sentence: int) -> str:
    """The article page, scrolled to the sentence."""
    return f"/articles/{article_id}#s-{sentence}"


def event_time_json(event: Event | None, report_date: str | None) -> dict[str, Any]:
    """The event's own time (its ``time``, else its year), else the report date marked ``source: report``."""
    time = event.time if event else None
    if time is not None and time.source != "report":
        return {"text": time.text, "value": time.value, "precision": time.precision, "source": time.source}
    if event is not None and event.year:
        return {"text": event.time_text, "value": str(event.year), "precision": "year", "source": "text"}
    return {"text": None, "value": (report_date or "")[:10] or None, "precision": "day", "source": "report"}


def _article_json(row: FactRow) -> dict[str, Any]:
    return {"id": row.article_id, "title": row.title, "outlet": row.outlet, "date": row.report_date}


def render_fact_rows(kind: str, rows: list[FactRow], names: RowLookups) -> list[dict[str, Any]]:
    """Rows of one kind as JSON: the record's contract keys plus article, anchor and event time."""
    render = {"claims": _claim_row, "events": _event_row, "quotes": _quote_row}[kind]
    return [render(row, names) for row in rows]


def _claim_row(row: FactRow, names: RowLookups) -> dict[str, Any]:
    claim = codec.decode(row.record, Claim)
    data = render_claim_json(claim)
    event = names.claim_event(claim, row.event_record)
    data.update(
        article=_article_json(row),
        href=sentence_href(row.article_id, claim.evidence.sentence),
        parties={
            role: [names.party(h) for h in getattr(claim, role)]
            for role in ("asserted_by", "denied_by", "alleged_by")
        },
        event=_event_brief(event) if event else None,
        time=event_time_json(event, row.report_date),
        n_outlets=row.n_outlets or 1,
    )
    return data


def _event_brief(event: Event) -> dict[str, Any]:
    full = render_event_json(event)
    return {k: full[k] for k in ("id", "type", "subtype", "source", "target", "participants", "item")}


def _event_row(row: FactRow, names: RowLookups) -> dict[str, Any]:
    event = names.event(row.record)
    data = render_event_json(event)
    data.update(
        article=_article_json(row),
        href=sentence_href(row.article_id, event.evidence.sentence),
        time=event_time_json(event, row.report_date),
        n_outlets=row.n_outlets or 1,
    )
    return data


def _quote_row(row: FactRow, names: RowLookups) -> dict[str, Any]:
    quote = codec.decode(row.record, Quote)
    speaker = names.entity(quote.speaker_id) if quote.speaker_id else None
    data = render_quote_json(quote, {speaker.id: speaker.name} if speaker else {})
    data.update(article=_article_json(row), href=sentence_href(row.article_id, quote.evidence.sentence))
    return data
