"""Watches: saved filters over stored events and claims (dyad, actor, type, subtype, status) and, for a
saved search, articles (words, outlet); a check lists the matching facts that were not there at the
previous check, and POSTs them to the watch's webhook when it has one. A watch saved in the web UI has
an owner and a name, and counts what is new since its owner last opened it. Tables: migrations 006 and
009, read and written by ``store.watches`` (the webhook is kept in the filter's JSON).
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
from newsift.brief.render import render_fact_json
from newsift.brief.webhook import Delivery, check_webhook_url, post_webhook
from newsift.config import IngestSettings
from newsift.model import Claim, Event, make_id
from newsift.store import Store
from newsift.store.watches import WatchRow
from newsift.store.web_queries import SearchFilters

__all__ = [
    "Watch",
    "WatchFilter",
    "WatchReport",
    "add_watch",
    "check_watches",
    "count_new",
    "count_new_of",
    "delete_watch",
    "get_watch",
    "list_watches",
    "match_watch",
    "match_watch_ids",
    "open_watch",
    "render_watch_json",
    "update_watch",
]

SEARCH_MOST = 5_000  # most articles a saved search follows


class WatchFilter(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """What a watch matches; every given field must hold. ``dyad`` is two codes or entity ids, both actors
    of the event in any role (the one dyad rule, store/dyads.py); ``q`` (search words) and ``outlet`` keep
    the facts of the articles such a search finds, and those articles."""

    dyad: tuple[str, str] | None = None
    actor: str | None = None
    type: str | None = None
    subtype: str | None = None
    status: str | None = None
    q: str | None = None
    outlet: str | None = None

    def is_search(self) -> bool:
        return bool(self.q or self.outlet)


class _StoredFilter(WatchFilter, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """The ``filter`` column: the filter plus the webhook URL (absent in rows saved before webhooks)."""

    webhook: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Watch:
    id: str
    filter: WatchFilter
    created_at: str
    checked_at: str | None
    webhook: str | None = None
    owner: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchReport:
    """New facts of one watch; ``delivery`` is set when they were POSTed to its webhook."""

    watch: Watch
    new: tuple[FactRow, ...]
    delivery: Delivery | None = None


def render_watch_json(watch: Watch) -> dict[str, Any]:
    data: dict[str, Any] = msgspec.to_builtins(watch.filter)
    owned = {"owner": watch.owner, "name": watch.name} if watch.owner else {}
    return {"id": watch.id, "filter": data, "webhook": watch.webhook, "created_at": watch.created_at,
            "checked_at": watch.checked_at, **owned}  # fmt: skip


def _encode(watch_filter: WatchFilter, webhook: str | None) -> str:
    fields = msgspec.structs.asdict(watch_filter)
    return msgspec.json.encode(_StoredFilter(**fields, webhook=webhook)).decode()


def _decode(raw: str) -> tuple[WatchFilter, str | None]:
    stored = msgspec.json.decode(raw, type=_StoredFilter)
    fields = {k: v for k, v in msgspec.structs.asdict(stored).items() if k != "webhook"}
    return WatchFilter(**fields), stored.webhook


def _now() -> str:
    return datetime.now(UTC).isoformat()


def match_watch(store: Store, watch_filter: WatchFilter) -> tuple[list[Event], list[Claim]]:
    """Stored events matching the filter, and the claims about them (or, by status, standalone ones)."""
    f = watch_filter
    if f.dyad:
        events = query_dyad_events(store, *f.dyad)
    else:  # the status in SQL too: most events of a large store are dropped before they are decoded
        events = store.query_events(type_=f.type, subtype=f.subtype, actor=f.actor, status=f.status)
    events = [
        e for e in events
        if (f.type is None or str(e.type) == f.type) and (f.subtype is None or e.subtype == f.subtype)
        and (f.actor is None or involves(e, f.actor))
    ]  # fmt: skip
    found = set(match_articles(store, f)) if f.is_search() else None
    if found is not None:
        events = [e for e in events if e.evidence.article_id in found]
    articles = {e.evidence.article_id for e in events}
    claims = [
        c for c in store.query_claims_of_events(e.id for e in events) if c.evidence.article_id in articles
    ]
    if f.status:
        claimed = {c.event_id for c in claims if str(c.status) == f.status}
        events = [e for e in events if str(e.status) == f.status or e.id in claimed]
        claims = [c for c in claims if str(c.status) == f.status]
        if not (f.dyad or f.actor or f.type or f.subtype):
            alone = [c for c in store.query_claims(status=f.status) if not c.event_id]
            claims += [c for c in alone if found is None or c.evidence.article_id in found]
    return events, claims


def match_articles(store: Store, watch_filter: WatchFilter) -> list[str]:
    """The ids of the articles a saved search finds (none when the watch is not a search)."""
    f = watch_filter
    if not f.is_search():
        return []
    search = SearchFilters(q=f.q, outlet=f.outlet, claim_status=f.status, event_type=f.subtype or f.type,
                           entity=f.actor)  # fmt: skip
    hits, _ = store.web.filtered_articles(search, limit=SEARCH_MOST, offset=0)
    return [a.id for a, _ in hits]


def match_watch_ids(store: Store, watch_filter: WatchFilter) -> list[str]:
    """The ids of everything the watch matches now: events, claims and (for a search) articles."""
    events, claims = match_watch(store, watch_filter)
    return [*_record_ids(events, claims), *match_articles(store, watch_filter)]


def add_watch(
    store: Store,
    watch_filter: WatchFilter,
    *,
    webhook: str | None = None,
    settings: IngestSettings | None = None,
    owner: str | None = None,
    name: str | None = None,
) -> tuple[Watch, int]:
    """Save a watch; what matches now is its baseline, so a check reports only what lands later.

    Args:
        store: the store holding the watch tables.
        watch_filter: what the watch matches.
        webhook: an http(s) URL to POST new matches to, checked like a URL to ingest.
        settings: ``allow_private`` and ``allow_hosts`` for the webhook check (default: neither).
        owner: the user the watch belongs to (None: saved from the command line, seen by every user).
        name: what people call it.

    Returns:
        The watch and the number of records matching now.

    Raises:
        InputError: the webhook URL is refused.
    """
    if webhook is not None:
        rules = settings or IngestSettings()
        check_webhook_url(webhook, allow_private=rules.allow_private, allow_hosts=rules.allow_hosts)
    encoded = _encode(watch_filter, webhook)
    watch = Watch(id=make_id("watch", encoded, owner or "", _now(), length=8), filter=watch_filter,
                  created_at=_now(), checked_at=None, webhook=webhook, owner=owner, name=name)  # fmt: skip
    seen = match_watch_ids(store, watch_filter)
    store.watches.add(watch.id, encoded, watch.created_at, seen, owner=owner, name=name)
    return watch, len(set(seen))


def _watch(row: WatchRow) -> Watch:
    watch_filter, webhook = _decode(row.filter)
    return Watch(id=row.id, filter=watch_filter, created_at=row.created_at, checked_at=row.checked_at,
                 webhook=webhook, owner=row.owner, name=row.name)  # fmt: skip


def list_watches(store: Store, owner: str | None = None) -> list[Watch]:
    """Every watch, or only those of ``owner``, oldest first."""
    return [_watch(row) for row in store.watches.rows(owner)]


def get_watch(store: Store, watch_id: str) -> Watch | None:
    row = store.watches.get(watch_id)
    return _watch(row) if row else None


def update_watch(store: Store, watch: Watch, name: str, watch_filter: WatchFilter) -> bool:
    """Rename an owned watch and replace its filter (its webhook is kept); False when it is gone."""
    if watch.owner is None:
        return False
    return store.watches.update(watch.id, watch.owner, name, _encode(watch_filter, watch.webhook))


def delete_watch(store: Store, watch: Watch) -> bool:
    """Delete an owned watch; False when it is gone (a command-line watch is never deleted here)."""
    return watch.owner is not None and store.watches.delete(watch.id, watch.owner)


def count_new(store: Store, watch: Watch) -> int:
    """How many records the watch matches that were not there when its owner last opened it."""
    visited = store.watches.visited(watch.id)
    return len(set(match_watch_ids(store, watch.filter)) - visited)


def count_new_of(store: Store, owner: str) -> int:
    """New records over all the owner's watches since each was last opened."""
    return sum(count_new(store, w) for w in list_watches(store, owner=owner))


def open_watch(store: Store, watch: Watch) -> set[str]:
    """The owner opens the watch: returns the ids new since the last visit, and marks all seen."""
    matching = match_watch_ids(store, watch.filter)
    new = set(matching) - store.watches.visited(watch.id)
    store.watches.record_visit(watch.id, matching, _now())
    return new


def check_watches(
    store: Store,
    watch_id: str | None = None,
    *,
    settings: IngestSettings | None = None,
    deliver: bool = True,
) -> list[WatchReport]:
    """For each watch (or one), the facts matching now that it had not reported; marks them reported.

    A watch with a webhook POSTs its new facts there (when ``deliver``); if that fails, they stay
    unreported, so the next check lists and sends them again.

    Args:
        store: the store to read.
        watch_id: only the watch with this id (or id prefix).
        settings: ``allow_private``, ``allow_hosts`` and the timeout for webhooks (default: public only).
        deliver: POST to webhooks (False: list only).
    """
    reports = []
    sources = Sources(store)
    for watch in list_watches(store):
        if watch_id is not None and not watch.id.startswith(watch_id):
            continue
        events, claims = match_watch(store, watch.filter)
        seen = store.watches.seen(watch.id)
        new_events = [e for e in events if e.id not in seen]
        new_claims = [c for c in claims if c.id not in seen]
        rows = summarize_events(new_events, [c for c in new_claims if c.event_id], sources)
        rows += summarize_claims([c for c in new_claims if not c.event_id], sources)
        delivery = _deliver(watch, rows, settings or IngestSettings()) if deliver and rows else None
        reported = _record_ids(new_events, new_claims) if delivery is None or delivery.is_ok else []
        store.watches.record_check(watch.id, reported, _now())
        reports.append(WatchReport(watch=watch, new=tuple(rows), delivery=delivery))
    return reports


def _deliver(watch: Watch, rows: Sequence[FactRow], settings: IngestSettings) -> Delivery | None:
    if watch.webhook is None:
        return None
    payload = {
        "watch": render_watch_json(watch),
        "sent_at": _now(),
        "new": [render_fact_json(f) for f in rows],
    }
    return post_webhook(
        watch.webhook, payload, allow_private=settings.allow_private, allow_hosts=settings.allow_hosts,
        timeout_s=settings.fetch_timeout_s,
    )  # fmt: skip


def _record_ids(events: Sequence[Event], claims: Sequence[Claim]) -> list[str]:
    return [e.id for e in events] + [c.id for c in claims]
