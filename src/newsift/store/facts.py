"""Filtered, faceted, paged reads of claims, events and quotes, and the dyad counts, for both dialects.

One set of queries for SQLite and PostgreSQL: ``?`` placeholders (turned into ``%s`` for psycopg) and
the one dialect difference, reading a field of a record's JSON, behind ``Dialect`` (store/dialect.py).
Nothing here writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsift.model import Event
from newsift.store.corroboration import HAPPENING_INNER_JOINS, HAPPENING_JOINS
from newsift.store.dialect import Dialect
from newsift.store.dyads import ACTOR_EVENTS, dyad_clause

__all__ = [
    "FACET_COLUMNS",
    "FACT_KINDS",
    "SORTS",
    "ClaimRollup",
    "Dialect",
    "DyadCount",
    "FactFilters",
    "FactPage",
    "FactRow",
    "keyset_clause",
    "own_time",
    "query_claim_rollup",
    "query_counterparts",
    "query_fact_page",
    "query_top_dyads",
    "sort_key_types",
]

Fetch = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
_Keys = tuple[Any, ...]  # one row's sort keys, its id last
FACT_KINDS = ("claims", "events", "quotes")
SORTS = ("-event_time", "event_time", "-report_time", "report_time", "status", "-corroboration")
_REPORT = "COALESCE(a.published_at, a.fetched_at)"
_MENTIONS = "SELECT article_id FROM mentions WHERE entity_id = ?"  # covered by mentions_entity_article
# Denials first, then the statuses that rest on someone's word, then the outlet's own statements.
_STATUS_ORDER = (
    "CASE {col} WHEN 'denied' THEN 0 WHEN 'alleged' THEN 1 WHEN 'speculated' THEN 2 "
    "WHEN 'attributed' THEN 3 WHEN 'confirmed' THEN 4 ELSE 5 END"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FactFilters:
    """Filters over claims, events and quotes; None means no filter. Dates are ISO prefixes."""

    status: str | None = None
    type: str | None = None
    subtype: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    speaker: str | None = None
    outlet: str | None = None
    article: str | None = None
    entity: str | None = None
    entity_names: tuple[str, ...] = ()  # lower-cased names an event's item may carry for ``entity``
    event_since: str | None = None
    event_until: str | None = None
    report_since: str | None = None
    report_until: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FactRow:
    """One record (its JSON) with its article's title, outlet and date, and the event's own time."""

    record: str
    article_id: str
    title: str
    outlet: str | None
    report_date: str | None
    event_time: str | None = None
    event_precision: str | None = None
    event_time_source: str | None = None
    event_record: str | None = None
    n_outlets: int | None = None  # independent outlets reporting the happening (claims and events)


@dataclass(frozen=True, slots=True, kw_only=True)
class FactPage:
    """A page of rows; ``last_keys`` are the sort keys of its last row (the keyset cursor of the next page),
    None when no row follows."""

    rows: list[FactRow]
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    last_keys: list[Any] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DyadCount:
    first: str
    second: str
    n_events: int
    n_claims: int
    n_denied: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRollup:
    """Claims matching some filters, counted: per status (claims, independent outlets, first report date)
    and overall. An outlet is the article's outlet, else the article."""

    by_status: dict[str, tuple[int, int, str | None]]
    n_claims: int
    n_outlets: int


FACET_COLUMNS: dict[str, dict[str, str]] = {
    "claims": {"status": "c.status", "type": "e.type", "subtype": "e.subtype", "outlet": "a.outlet"},
    "events": {"type": "e.type", "subtype": "e.subtype", "status": "e.status", "outlet": "a.outlet"},
    "quotes": {"speaker": "COALESCE(q.speaker_id, {speaker_text})", "outlet": "a.outlet"},
}
_FROM = {"claims": "FROM claims c", "events": "FROM events e", "quotes": "FROM quotes q"}
# The joins a query may need, named by the alias a clause uses; a query joins only what it uses.
_JOINS = {
    "claims": {
        "a": "JOIN articles a ON a.id = c.article_id",
        "e": "LEFT JOIN events e ON e.id = c.event_id",
        "h": HAPPENING_JOINS["claims"],
    },
    "events": {"a": "JOIN articles a ON a.id = e.article_id", "h": HAPPENING_JOINS["events"]},
    "quotes": {"a": "JOIN articles a ON a.id = q.article_id"},
}
_USES = re.compile(r"\b([aeh])\.")
_ALIAS = {"claims": "c", "events": "e", "quotes": "q"}
_FACET_VALUES = 30  # most values listed per facet


def _event_time(dialect: Dialect) -> str:
    """The event's own time as text (``own_time``, kept in ``events.event_time``, migration 064); NULL
    when it has neither a stated time nor a year."""
    return "e.event_time"


def own_time(event: Event) -> str | None:
    """The event's own time: its ``time.value`` (unless only the report's date), else its year."""
    time = event.time
    if time is not None and time.source != "report" and time.value is not None:
        return str(time.value)
    return str(event.year) if event.year is not None else None


def _where(kind: str, f: FactFilters, dialect: Dialect) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        clauses.append(clause)
        params.extend(values)

    own = _ALIAS[kind]
    if f.status and kind != "quotes":
        add(f"{own}.status = ?", f.status)
    if f.type and kind != "quotes":
        add("e.type = ?", f.type)
    if f.subtype and kind != "quotes":
        add("e.subtype = ?", f.subtype)
    if f.outlet:
        add("a.outlet = ?", f.outlet)
    if f.article:
        add("a.id = ?", f.article)
    for since, until, expr in (
        (f.report_since, f.report_until, _REPORT),
        (f.event_since, f.event_until, _event_time(dialect) if kind != "quotes" else None),
    ):
        if expr and since:
            add(f"substr({expr}, 1, length(?)) >= ?", since, since)
        if expr and until:  # a prefix: '2025-04' keeps all of April
            add(f"substr({expr}, 1, length(?)) <= ?", until, until)
    _add_actor_clauses(kind, f, add, dialect)
    if f.speaker and kind == "quotes":
        text = dialect.json_text("q.record", "speaker_text")
        add(f"(q.speaker_id = ? OR lower({text}) LIKE ?)", f.speaker, f"%{f.speaker.casefold()}%")
    return clauses, params


def _add_actor_clauses(kind: str, f: FactFilters, add: Callable[..., None], dialect: Dialect) -> None:
    """The actor, dyad and entity filters. A claim or event belongs to a dyad by the rule of
    ``store/dyads.py``; a quote by its speaker or the articles that name both."""
    event_id = "c.event_id" if kind == "claims" else "e.id"
    if f.actor and kind != "quotes":
        add(f"{event_id} IN ({ACTOR_EVENTS})", f.actor, f.actor)
    if f.dyad and kind != "quotes":
        clause, values = dyad_clause(event_id, *f.dyad)
        add(clause, *values)
    if kind == "quotes":
        for actor in [x for x in (f.actor, *(f.dyad or ())) if x]:
            add(f"(q.speaker_id = ? OR q.article_id IN ({_MENTIONS}))", actor, actor)
    if f.entity:
        if kind == "quotes":
            add(f"(q.speaker_id = ? OR q.article_id IN ({_MENTIONS}))", f.entity, f.entity)
            return
        names = tuple(f.entity_names) or (f.entity.casefold(),)
        marks = ", ".join("?" for _ in names)
        add(f"(e.id IN ({ACTOR_EVENTS}) OR {dialect.item()} IN ({marks}))", f.entity, f.entity, *names)


def _order_keys(kind: str, sort: str, dialect: Dialect) -> list[tuple[str, bool]]:
    """The sort's keys as (expression, descending), the record's id last; none of them is NULL."""
    own, newest = _ALIAS[kind], sort.startswith("-")
    report = f"COALESCE({_REPORT}, '')"
    if sort.endswith("event_time") and kind != "quotes":
        keys = [(f"COALESCE({_event_time(dialect)}, substr({_REPORT}, 1, 10), '')", newest)]
    elif sort == "status" and kind != "quotes":
        keys = [(_STATUS_ORDER.format(col=f"{own}.status"), False), (report, True)]
    elif sort == "-corroboration" and kind != "quotes":  # most outlets first, then as by status
        keys = [
            ("COALESCE(h.n, 1)", True),
            (_STATUS_ORDER.format(col=f"{own}.status"), False),
            (report, True),
        ]
    else:
        keys = [(report, newest)]
    return [*keys, (f"{own}.id", False)]


def sort_key_types(kind: str, sort: str) -> tuple[type, ...]:
    """The Python type of each value in ``FactPage.last_keys`` for this kind and sort (``_order_keys``)."""
    if kind != "quotes" and sort == "status":
        return (int, str, str)
    if kind != "quotes" and sort == "-corroboration":
        return (int, int, str, str)
    return (str, str)


def _order(keys: list[tuple[str, bool]]) -> str:
    return "ORDER BY " + ", ".join(f"{expr} {'DESC' if desc else 'ASC'}" for expr, desc in keys)


def keyset_clause(keys: Sequence[tuple[str, bool]], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """The rows after the one whose sort keys are ``values``: (k1 beyond v1) OR (k1 = v1 AND (...))."""
    (expr, desc), rest = keys[0], keys[1:]
    beyond = f"{expr} {'<' if desc else '>'} ?"
    if not rest:
        return beyond, [values[0]]
    inner, params = keyset_clause(rest, values[1:])
    return f"({beyond} OR ({expr} = ? AND ({inner})))", [values[0], values[0], *params]


def _select(kind: str, dialect: Dialect) -> str:
    own = _ALIAS[kind]
    event_cols = "NULL, NULL, NULL, NULL, NULL"
    if kind != "quotes":
        precision = dialect.json_text("e.record", "time", "precision")
        source = dialect.json_text("e.record", "time", "source")
        event_cols = f"{_event_time(dialect)}, {precision}, {source}, e.record, COALESCE(h.n, 1)"
    return f"SELECT {own}.id, {own}.record, a.id, a.title, a.outlet, {_REPORT}, {event_cols}"


def query_fact_page(
    fetch: Fetch,
    dialect: Dialect,
    kind: str,
    filters: FactFilters,
    *,
    sort: str = "-event_time",
    limit: int = 50,
    offset: int = 0,
    facets: bool = True,
    after: Sequence[Any] | None = None,
    count: Fetch | None = None,
) -> FactPage:
    """A page of claims, events or quotes matching ``filters``, their total and (optionally) facet counts.

    Args:
        fetch: runs one query with its parameters and returns all rows.
        dialect: the store's dialect.
        kind: ``claims``, ``events`` or ``quotes``.
        filters: what to keep.
        sort: one of ``SORTS`` (event time falls back to the report date; quotes sort by report date).
        limit: most rows to return.
        offset: rows to skip.
        facets: also count the matches by each column of ``FACET_COLUMNS[kind]``.
        after: the sort keys of the row before the page (``FactPage.last_keys`` of the page before): the
            page starts after it (keyset paging; ``offset`` is then counted from there).
        count: runs the counting queries (facets, total); ``fetch`` when not given.

    Raises:
        ValueError: ``after`` does not have one value per sort key.
    """
    clauses, params = _where(kind, filters, dialect)
    where = f"WHERE {' AND '.join(clauses) or '1 = 1'}"
    own = _ALIAS[kind]
    # The keys of the page first, then their records: sorting whole records of every match is slow.
    sort_keys = _order_keys(kind, sort, dialect)
    page_where, page_params = where, list(params)
    if after is not None:
        if len(after) != len(sort_keys):
            raise ValueError(f"after: {len(sort_keys)} sort keys expected, got {len(after)}")
        clause, values = keyset_clause(sort_keys, after)
        page_where, page_params = f"{where} AND {clause}", [*params, *values]
    by_outlets = sort == "-corroboration" and kind != "quotes"
    found_keys = _PageKeys(fetch, dialect, kind, sort_keys, page_where, page_params).read(
        limit + 1, offset, by_outlets=by_outlets, after_n=int(after[0]) if by_outlets and after else None
    )
    more = len(found_keys) > limit
    found_keys = found_keys[:limit]
    count = count or fetch
    counts, counted = _facets(count, dialect, kind, where, params) if facets else ({}, None)
    if counted is not None:
        total = counted
    elif more or offset or after is not None:
        total = int(count(dialect.sql(f"SELECT COUNT(*) {_from(kind, where)} {where}"), params)[0][0])
    else:  # every match is on this first page: no need to count them again
        total = len(found_keys)
    keys = [r[-1] for r in found_keys]
    rows = []
    if keys:
        marks = ", ".join("?" for _ in keys)
        select = _select(kind, dialect)
        sql = f"{select} {_from(kind, select)} WHERE {own}.id IN ({marks})"
        found = {r[0]: _fact_row(r[1:]) for r in fetch(dialect.sql(sql), keys)}
        rows = [found[k] for k in keys if k in found]
    last = list(found_keys[-1]) if more and found_keys else None
    return FactPage(rows=rows, total=total, facets=counts, last_keys=last)


@dataclass(frozen=True, slots=True)
class _PageKeys:
    """The sort keys of a page's rows: the query of the matches (``where`` and ``params``) in sort order."""

    fetch: Fetch
    dialect: Dialect
    kind: str
    keys: list[tuple[str, bool]]
    where: str
    params: list[Any]

    def read(self, count: int, offset: int, *, by_outlets: bool, after_n: int | None) -> list[_Keys]:
        """``count`` rows after ``offset``. Sorted by outlets (most first; ``after_n``: the count of the row
        before the page), the rows are read one count of outlets at a time, each through the index of the
        counts, until the page is full: only a page that reaches the rows of one outlet sorts them all."""
        if not by_outlets:
            return self._rows("", [], count, offset)
        found: list[_Keys] = []
        need, below = count + offset, None if after_n is None else after_n + 1
        while len(found) < need:
            top = self._most_outlets(below)
            if top is None or top <= 1:  # the rest: one outlet, or no event
                clause, values = ("COALESCE(h.n, 1) < ?", [below]) if below is not None else ("", [])
                found += self._rows(clause, values, need - len(found), 0)
                break
            found += self._rows("h.n = ?", [top], need - len(found), 0, inner=True)
            below = top
        return found[offset:]

    def _most_outlets(self, below: int | None) -> int | None:
        """The largest count of outlets of any happening (below ``below``), None when there is none."""
        sql = "SELECT MAX(n) FROM happening_outlets" + (" WHERE n < ?" if below is not None else "")
        found = self.fetch(self.dialect.sql(sql), [below] if below is not None else [])[0][0]
        return int(found) if found is not None else None

    def _rows(
        self, clause: str, values: list[Any], count: int, offset: int, *, inner: bool = False
    ) -> list[_Keys]:
        scope = f"{self.where} AND {clause}" if clause else self.where
        order = _order(self.keys)
        exprs = ", ".join(expr for expr, _ in self.keys)
        tables = _from(self.kind, f"{scope} {order}", inner=inner)
        sql = f"SELECT {exprs} {tables} {scope} {order} LIMIT ? OFFSET ?"
        return self.fetch(self.dialect.sql(sql), [*self.params, *values, count, offset])


def _from(kind: str, uses: str, *, inner: bool = False) -> str:
    """FROM the kind's table with only the joins that ``uses`` (SQL text) refers to; ``inner``: the outlet
    counts joined as inner joins (only rows with an event)."""
    needed = set(_USES.findall(uses))
    joins = [
        HAPPENING_INNER_JOINS[kind] if inner and alias == "h" else sql
        for alias, sql in _JOINS[kind].items()
        if alias in needed
    ]
    return " ".join([_FROM[kind], *joins])


def _fact_row(r: tuple[Any, ...]) -> FactRow:
    return FactRow(
        record=r[0], article_id=r[1], title=r[2], outlet=r[3], report_date=r[4], event_time=r[5],
        event_precision=r[6], event_time_source=r[7], event_record=r[8],
        n_outlets=int(r[9]) if r[9] is not None else None,
    )  # fmt: skip


def _facets(
    fetch: Fetch, dialect: Dialect, kind: str, where: str, params: list[Any]
) -> tuple[dict[str, list[tuple[str, int]]], int | None]:
    """Counts of the matches by each facet column (its 30 most frequent values), one grouped query each,
    and the number of matches when the counts give it (else None): every claim and event has one of the
    few statuses, so their status counts sum to the total and the page needs no counting query of its own.
    """
    speaker_text = dialect.json_text("q.record", "speaker_text")
    found: dict[str, list[tuple[str, int]]] = {}
    for name, column in FACET_COLUMNS[kind].items():
        expr = column.format(speaker_text=speaker_text)
        sql = (
            f"SELECT {expr}, COUNT(*) {_from(kind, f'{where} {expr}')} {where} AND {expr} IS NOT NULL "
            f"GROUP BY {expr} ORDER BY 2 DESC, 1 LIMIT {_FACET_VALUES}"
        )
        found[name] = [(str(r[0]), int(r[1])) for r in fetch(dialect.sql(sql), params)]
    if kind != "quotes":
        found["actor"] = _actor_facet(fetch, dialect, kind, where, params)
    statuses = found.get("status")
    whole = statuses is not None and len(statuses) < _FACET_VALUES  # every status listed
    return found, sum(n for _, n in statuses or ()) if whole else None


def _actor_facet(
    fetch: Fetch, dialect: Dialect, kind: str, where: str, params: list[Any]
) -> list[tuple[str, int]]:
    """The matches counted by each actor in any role, named as the ``actor`` filter takes it (country code,
    else entity id); a record with several actors counts once for each."""
    own, event_id = _ALIAS[kind], ("c.event_id" if kind == "claims" else "e.id")
    key = _KEY.format(t="x")
    sql = (
        f"SELECT {key}, COUNT(DISTINCT {own}.id) {_from(kind, where)} "
        f"JOIN event_actors x ON x.event_id = {event_id} {where} AND {key} IS NOT NULL "
        f"GROUP BY {key} ORDER BY 2 DESC, 1 LIMIT {_FACET_VALUES}"
    )
    return [(str(r[0]), int(r[1])) for r in fetch(dialect.sql(sql), params)]


def query_claim_rollup(fetch: Fetch, dialect: Dialect, filters: FactFilters) -> ClaimRollup:
    """The claims matching ``filters`` counted per status and overall, in SQL (no record is read)."""
    clauses, params = _where("claims", filters, dialect)
    where = f"WHERE {' AND '.join(clauses) or '1 = 1'}"
    outlet = "COALESCE(a.outlet, a.id)"
    tables = _from("claims", f"{where} {outlet}")
    rows = fetch(
        dialect.sql(
            f"SELECT c.status, COUNT(*), COUNT(DISTINCT {outlet}), MIN({_REPORT}) {tables} {where} "
            "GROUP BY c.status ORDER BY c.status"
        ),
        params,
    )
    n_outlets = fetch(dialect.sql(f"SELECT COUNT(DISTINCT {outlet}) {tables} {where}"), params)[0][0]
    by_status = {str(r[0]): (int(r[1]), int(r[2]), r[3]) for r in rows}
    return ClaimRollup(
        by_status=by_status, n_claims=sum(n for n, _, _ in by_status.values()), n_outlets=int(n_outlets)
    )


_KEY = "COALESCE({t}.code, {t}.entity_id)"
# Two actors of one event in any role: the dyad rule of store/dyads.py.
_PAIRS = (
    f"SELECT {_KEY.format(t='s')}, {_KEY.format(t='t')}, COUNT(DISTINCT s.event_id), COUNT(DISTINCT c.id), "
    "COUNT(DISTINCT CASE WHEN c.status = 'denied' THEN c.id END) "
    "FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id "
    "LEFT JOIN claims c ON c.event_id = s.event_id "
    f"WHERE {_KEY.format(t='s')} <> {_KEY.format(t='t')} AND {{cond}} "
    f"GROUP BY {_KEY.format(t='s')}, {_KEY.format(t='t')} ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT ?"
)


def query_top_dyads(fetch: Fetch, dialect: Dialect, *, limit: int = 30) -> list[DyadCount]:
    """The pairs of actors (country code, else entity id) with the most events between them."""
    rows = fetch(dialect.sql(_PAIRS.format(cond=f"{_KEY.format(t='s')} < {_KEY.format(t='t')}")), [limit])
    return [DyadCount(first=r[0], second=r[1], n_events=r[2], n_claims=r[3], n_denied=r[4]) for r in rows]


def query_counterparts(fetch: Fetch, dialect: Dialect, actor: str, *, limit: int = 30) -> list[DyadCount]:
    """The actors sharing the most events with ``actor`` (as ``second``), with their claim counts."""
    rows = fetch(dialect.sql(_PAIRS.format(cond=f"{_KEY.format(t='s')} = ?")), [actor, limit])
    return [DyadCount(first=r[0], second=r[1], n_events=r[2], n_claims=r[3], n_denied=r[4]) for r in rows]
