"""Watches in the web UI: "watch this" forms save the page's filter as a watch of the signed-in user; the
watches page lists, renames, edits and deletes them; the header counts what is new since each was opened.

What a watch matches is ``brief/watch.py``'s; the tables are ``store/watches.py``'s. No SQL here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse

from newsift.brief.facts import Sources, summarize_claims, summarize_events
from newsift.brief.render import render_fact_json
from newsift.brief.watch import (
    Watch,
    WatchFilter,
    add_watch,
    count_new,
    delete_watch,
    get_watch,
    list_watches,
    match_articles,
    match_watch,
    open_watch,
    update_watch,
)
from newsift.model import ClaimStatus, PloverType
from newsift.store import Store
from newsift.web.db import WebDb
from newsift.web.errors import HttpError
from newsift.web.guards import db_of, require_csrf, require_session_user
from newsift.web.pages import render_page, safe_next

__all__ = [
    "parse_watch_filter",
    "query_user_watches",
    "query_watch_page",
    "render_watch_matches",
    "router",
]

router = APIRouter(include_in_schema=False)
_Field = Annotated[str, Form(max_length=200)]
_NAME_MOST = 80
_STATUSES = {str(s) for s in ClaimStatus}
_TYPES = {str(t) for t in PloverType}
_SUBTYPE = re.compile(r"^[a-z][a-z_]{0,59}$")


def _clean(value: str) -> str | None:
    return value.strip() or None


def parse_watch_filter(
    *, dyad: str = "", actor: str = "", type: str = "", subtype: str = "", status: str = "", q: str = "",
    outlet: str = "",
) -> WatchFilter:  # fmt: skip
    """A watch filter from form fields (empty means unset).

    Raises:
        HttpError: 422 naming the field when a value is not allowed or nothing is given.
    """
    status_ = (_clean(status) or "").lower() or None
    if status_ and status_ not in _STATUSES:
        allowed = ", ".join(sorted(_STATUSES))
        raise HttpError(
            422, "invalid_request", f"status: {status!r} is not allowed; allowed values: {allowed}"
        )
    type_ = (_clean(type) or "").upper() or None
    if type_ and type_ not in _TYPES:
        raise HttpError(422, "invalid_request", f"type: {type!r} is not a PLOVER type")
    subtype_ = (_clean(subtype) or "").lower() or None
    if subtype_ and not _SUBTYPE.match(subtype_):
        raise HttpError(422, "invalid_request", f"subtype: {subtype!r} is not a subtype name")
    f = WatchFilter(dyad=_dyad(dyad), actor=_clean(actor), type=type_, subtype=subtype_, status=status_,
                    q=_clean(q), outlet=_clean(outlet))  # fmt: skip
    if f == WatchFilter():
        raise HttpError(422, "invalid_request", "a watch needs at least one filter")
    return f


def _dyad(value: str) -> tuple[str, str] | None:
    parts = [p.strip() for p in re.split(r"[,/]", value) if p.strip()]
    if not parts:
        return None
    parts = [p.upper() if len(p) == 3 and p.isalpha() else p for p in parts]
    if len(parts) != 2 or parts[0] == parts[1]:
        raise HttpError(422, "invalid_request", f"dyad: {value!r} is not two different actors, e.g. TUR,PAK")
    return parts[0], parts[1]


def describe_filter(store: Store, f: WatchFilter) -> str:
    """The filter in words, entity ids shown by name: 'Turkey ↔ Pakistan · denied'."""
    parts = []
    if f.dyad:
        parts.append(" ↔ ".join(_name(store, x) for x in f.dyad))
    if f.actor:
        parts.append(_name(store, f.actor))
    parts += [x for x in (f.type, f.subtype and f.subtype.replace("_", " "), f.status) if x]
    if f.q:
        parts.append(f"“{f.q}”")
    if f.outlet:
        parts.append(f"in {f.outlet}")
    return " · ".join(parts)


def _name(store: Store, entity_id: str) -> str:
    entity = store.web.entity(entity_id)
    return entity.name if entity else entity_id


def render_watch_matches(store: Store, sources: Sources, watch: Watch) -> list[dict[str, Any]]:
    """The facts matching a watch now, rolled up as in briefs (JSON rows with their record ids)."""
    events, claims = match_watch(store, watch.filter)
    rows = summarize_events(events, [c for c in claims if c.event_id], sources)
    rows += summarize_claims([c for c in claims if not c.event_id], sources)
    return [render_fact_json(r) for r in rows]


def query_user_watches(db: WebDb, user: str, counts: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The user's watches (name, filter in words, new count) and the shared command-line ones.

    ``counts`` are the new counts by watch id when known (the header's); else they are counted here.
    """
    store = db.store()
    own = [
        {**_summary(store, w), "new": counts[w.id] if counts and w.id in counts else count_new(store, w),
         "created_at": w.created_at}
        for w in list_watches(store, owner=user)
    ]  # fmt: skip
    sources = Sources(store)
    shared: list[dict[str, Any]] = [
        {"id": w.id, "describe": describe_filter(store, w.filter), "created_at": w.created_at,
         "checked_at": w.checked_at, "matches": render_watch_matches(store, sources, w)}
        for w in list_watches(store) if w.owner is None
    ]  # fmt: skip
    ids = {c["article_id"] for w in shared for f in w["matches"] for c in f["citations"]}
    return {"items": own, "shared": shared, "titles": _titles(store, ids)}


def _summary(store: Store, w: Watch) -> dict[str, Any]:
    words = describe_filter(store, w.filter)
    return {"id": w.id, "name": w.name or words, "describe": words, "filter": _form_values(w.filter)}


def _form_values(f: WatchFilter) -> dict[str, str]:
    values = {k: getattr(f, k) or "" for k in ("actor", "type", "subtype", "status", "q", "outlet")}
    return {**values, "dyad": ",".join(f.dyad) if f.dyad else ""}


def _titles(store: Store, ids: set[str]) -> dict[str, str]:
    found = {i: store.get_article(i) for i in sorted(ids)}
    return {i: a.title for i, a in found.items() if a is not None}


def _owned(db: WebDb, user: str, watch_id: str) -> Watch:
    watch = get_watch(db.store(), watch_id)
    if watch is None or watch.owner != user:
        raise HttpError(404, "not_found", f"no watch {watch_id} of yours")
    return watch


def query_watch_page(db: WebDb, user: str, watch_id: str) -> dict[str, Any]:
    """One of the user's watches opened: what it matches, the records new since the last visit marked
    (and from now on seen).

    Raises:
        HttpError: 404 when the user has no such watch.
    """
    store = db.store()
    watch = _owned(db, user, watch_id)
    new = open_watch(store, watch)
    facts = render_watch_matches(store, Sources(store), watch)
    for fact in facts:
        fact["is_new"] = bool(new.intersection(fact["record_ids"]))
    facts.sort(key=lambda f: not f["is_new"])
    articles = [a for i in match_articles(store, watch.filter) if (a := store.get_article(i)) is not None]
    ids = {c["article_id"] for f in facts for c in f["citations"]}
    listed = [{"id": a.id, "title": a.title, "outlet": a.outlet, "is_new": a.id in new} for a in articles]
    listed.sort(key=lambda a: not a["is_new"])
    return {
        **_summary(store, watch), "n_new": len(new), "facts": facts, "titles": _titles(store, ids),
        "articles": listed,
    }  # fmt: skip


@router.get("/watches")
def watches_page(request: Request) -> Response:
    user = require_session_user(request)
    db = db_of(request)
    counts = request.app.state.watch_counts.by_watch(db.store(), user)
    return render_page(request, "watches.html", {"data": query_user_watches(db, user, counts)})


def _posted_filter(
    dyad: _Field = "", actor: _Field = "", type: _Field = "", subtype: _Field = "", status: _Field = "",
    q: Annotated[str, Form(max_length=500)] = "", outlet: _Field = "",
) -> Callable[[], WatchFilter]:  # fmt: skip
    """The filter fields of a posted watch form, read by the route once the caller is known to be
    signed in (an anonymous or forged post gets its 401/403, not a 422 about its fields)."""
    return partial(parse_watch_filter, dyad=dyad, actor=actor, type=type, subtype=subtype, status=status,
                   q=q, outlet=outlet)  # fmt: skip


_Posted = Annotated[Callable[[], WatchFilter], Depends(_posted_filter)]
_Name = Annotated[str, Form(max_length=_NAME_MOST)]
_Csrf = Annotated[str | None, Form()]


@router.post("/watches")
def create_watch(
    request: Request, spec: _Posted, csrf: _Csrf = None, name: _Name = "",
    next: Annotated[str, Form(max_length=500)] = "/watches",
) -> Response:  # fmt: skip
    """Save the posted filter as a watch of the signed-in user; back to the page it was saved from."""
    require_csrf(request, csrf)
    user = require_session_user(request)
    store, posted = db_of(request).store(), spec()
    watch, _ = add_watch(store, posted, owner=user, name=name.strip() or describe_filter(store, posted))
    target = safe_next(next).split("#")[0]
    joiner = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{joiner}watched={quote(watch.id)}#watch-saved", status_code=303)


@router.get("/watches/{watch_id}")
def watch_page(request: Request, watch_id: str) -> Response:
    user = require_session_user(request)
    return render_page(request, "watch.html", {"w": query_watch_page(db_of(request), user, watch_id)})


@router.post("/watches/{watch_id}/edit")
def edit_watch(
    request: Request, watch_id: str, spec: _Posted, csrf: _Csrf = None, name: _Name = ""
) -> Response:
    """Rename the user's watch and replace its filter."""
    require_csrf(request, csrf)
    user = require_session_user(request)
    watch = _owned(db_of(request), user, watch_id)
    store, posted = db_of(request).store(), spec()
    update_watch(store, watch, name.strip() or describe_filter(store, posted), posted)
    return RedirectResponse(f"/watches#watch-{watch.id}", status_code=303)


@router.post("/watches/{watch_id}/delete")
def remove_watch(request: Request, watch_id: str, csrf: _Csrf = None) -> Response:
    require_csrf(request, csrf)
    user = require_session_user(request)
    delete_watch(db_of(request).store(), _owned(db_of(request), user, watch_id))
    return RedirectResponse("/watches", status_code=303)
