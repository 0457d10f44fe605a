"""Watches: saved filters over stored events and claims (dyad, actor, type, subtype, status); a check
lists the matching facts that were not there at the previous check. Tables: migration 006_watch.sql.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec

from newsift.brief.dyad import query_dyad_events
from newsift.brief.facts import Sources, involves, summarize_claims, summarize_events
from newsift.brief.records import FactRow
from newsift.model import Claim, Event, make_id
from newsift.store import Store

__all__ = ["Watch", "WatchFilter", "WatchReport", "add_watch", "check_watches", "list_watches", "match_watch"]


class WatchFilter(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """What a watch matches; every given field must hold. ``dyad`` is two codes or entity ids."""

    dyad: tuple[str, str] | None = None
    actor: str | None = None
    type: str | None = None
    subtype: str | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Watch:
    id: str
    filter: WatchFilter
    created_at: str
    checked_at: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchReport:
    watch: Watch
    new: tuple[FactRow, ...]


def _connection(store: Store) -> tuple[Any, str]:
    """The store's DB-API connection and its placeholder mark.

    The Store protocol has no generic statement; the watch tables belong to this module alone, so it
    reaches the connection here and nowhere else (as ``ingest.poll`` does for its tables). Both stores
    keep it as ``_conn``; PostgreSQL's runs in autocommit, so ``commit`` is harmless there.
    """
    conn = store._conn  # type: ignore[attr-defined]
    return conn, "%s" if type(store).__name__ == "PostgresStore" else "?"


def _run(store: Store, sql: str, params: Sequence[Any] = ()) -> Any:
    conn, mark = _connection(store)
    return conn.execute(sql.replace("?", mark), tuple(params))


def _commit(store: Store) -> None:
    _connection(store)[0].commit()


def _now() -> str:
    return datetime.now(UTC).isoformat()


def match_watch(store: Store, watch_filter: WatchFilter) -> tuple[list[Event], list[Claim]]:
    """Stored events matching the filter, and the claims about them (or, by status, standalone ones)."""
    f = watch_filter
    if f.dyad:
        events = query_dyad_events(store, *f.dyad)
    else:
        events = store.query_events(type_=f.type, subtype=f.subtype, actor=f.actor)
    events = [
        e for e in events
        if (f.type is None or str(e.type) == f.type) and (f.subtype is None or e.subtype == f.subtype)
        and (f.actor is None or involves(e, f.actor))
    ]  # fmt: skip
    ids = {e.id for e in events}
    articles = sorted({e.evidence.article_id for e in events})
    claims = [c for a in articles for c in store.query_claims(article_id=a) if c.event_id in ids]
    if f.status:
        claimed = {c.event_id for c in claims if str(c.status) == f.status}
        events = [e for e in events if str(e.status) == f.status or e.id in claimed]
        claims = [c for c in claims if str(c.status) == f.status]
        if not (f.dyad or f.actor or f.type or f.subtype):
            claims += [c for c in store.query_claims(status=f.status) if not c.event_id]
    return events, claims


def add_watch(store: Store, watch_filter: WatchFilter) -> tuple[Watch, int]:
    """Save a watch; what matches now is its baseline, so a check reports only what lands later.

    Returns:
        The watch and the number of records matching now.
    """
    encoded = msgspec.json.encode(watch_filter).decode()
    watch = Watch(id=make_id("watch", encoded, _now(), length=8), filter=watch_filter, created_at=_now(),
                  checked_at=None)  # fmt: skip
    _run(store, "INSERT INTO watches (id, filter, created_at, checked_at) VALUES (?, ?, ?, ?)",
         (watch.id, encoded, watch.created_at, None))  # fmt: skip
    n = _mark_seen(store, watch.id, _record_ids(*match_watch(store, watch_filter)))
    _commit(store)
    return watch, n


def list_watches(store: Store) -> list[Watch]:
    rows = _run(store, "SELECT id, filter, created_at, checked_at FROM watches ORDER BY created_at, id")
    return [
        Watch(id=r[0], filter=msgspec.json.decode(r[1], type=WatchFilter), created_at=r[2], checked_at=r[3])
        for r in rows.fetchall()
    ]


def check_watches(store: Store, watch_id: str | None = None) -> list[WatchReport]:
    """For each watch (or one), the facts matching now that it had not reported; marks them reported."""
    reports = []
    sources = Sources(store)
    for watch in list_watches(store):
        if watch_id is not None and not watch.id.startswith(watch_id):
            continue
        events, claims = match_watch(store, watch.filter)
        seen = {r[0] for r in _run(store, "SELECT record_id FROM watch_seen WHERE watch_id = ?", (watch.id,))}
        new_events = [e for e in events if e.id not in seen]
        new_claims = [c for c in claims if c.id not in seen]
        rows = summarize_events(new_events, [c for c in new_claims if c.event_id], sources)
        rows += summarize_claims([c for c in new_claims if not c.event_id], sources)
        _mark_seen(store, watch.id, _record_ids(new_events, new_claims))
        _run(store, "UPDATE watches SET checked_at = ? WHERE id = ?", (_now(), watch.id))
        reports.append(WatchReport(watch=watch, new=tuple(rows)))
    _commit(store)
    return reports


def _record_ids(events: Sequence[Event], claims: Sequence[Claim]) -> list[str]:
    return [e.id for e in events] + [c.id for c in claims]


def _mark_seen(store: Store, watch_id: str, record_ids: Sequence[str]) -> int:
    now = _now()
    for record_id in dict.fromkeys(record_ids):
        _run(store, "INSERT INTO watch_seen (watch_id, record_id, seen_at) VALUES (?, ?, ?) "
             "ON CONFLICT DO NOTHING", (watch_id, record_id, now))  # fmt: skip
    return len(set(record_ids))
