"""Briefs, answers and watches on the web: one data function each, rendered as JSON under /api and as
HTML pages. The briefs and answers come from ``newsift.brief``; nothing is built here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request, Response

from newsift.brief.article import build_article_brief
from newsift.brief.ask import answer_question
from newsift.brief.dyad import build_dyad_brief
from newsift.brief.entity import build_entity_brief
from newsift.brief.facts import Sources
from newsift.brief.records import Brief
from newsift.brief.render import render_answer_json, render_brief_json
from newsift.brief.watch import list_watches, render_watch_json
from newsift.errors import InputError
from newsift.web.contract import DAY_PATTERN
from newsift.web.db import WebDb
from newsift.web.errors import HttpError
from newsift.web.guards import db_of, require_token_user
from newsift.web.pages import _render  # one renderer for every page: user, CSRF token and cookie
from newsift.web.watches import render_watch_matches

__all__ = [
    "api_router",
    "pages_router",
    "query_answer",
    "query_article_brief",
    "query_dyad_brief",
    "query_entity_brief",
    "query_watches",
]

api_router = APIRouter(prefix="/api", tags=["briefs"])
pages_router = APIRouter(include_in_schema=False)
AsOf = Annotated[
    str | None, Query(pattern=DAY_PATTERN, description="ISO date (YYYY-MM-DD, optional THH:MM).")
]
Question = Annotated[str, Query(max_length=500, description="A question in plain words.")]


def _with_titles(db: WebDb, brief: Brief) -> dict[str, Any]:
    """The brief's JSON plus ``titles``: article id → title for every cited article (for links)."""
    data = render_brief_json(brief)
    data["titles"] = _titles(db, _cited_ids(data))
    return data


def _cited_ids(data: dict[str, Any]) -> set[str]:
    rows = [*data.get("facts", ()), *data.get("claims", ())]
    ids = {c["article_id"] for r in rows for c in r["citations"]}
    ids |= {q["citation"]["article_id"] for q in data.get("quotes", ())}
    ids |= {s["citation"]["article_id"] for s in (*data.get("summary", ()), *data.get("passages", ()))}
    return ids | {c["article_id"] for c in data.get("citations", ())}


def _titles(db: WebDb, article_ids: set[str]) -> dict[str, str]:
    store = db.store()
    found = {i: store.get_article(i) for i in sorted(article_ids)}
    return {i: a.title for i, a in found.items() if a is not None}


def query_article_brief(db: WebDb, article_id: str) -> dict[str, Any]:
    """The article's brief. Raises: HttpError 404 when there is no such article."""
    try:
        return _with_titles(db, build_article_brief(db.store(), article_id))
    except InputError as err:
        raise HttpError(404, "not_found", f"no article with id {article_id}") from err


def query_dyad_brief(db: WebDb, first: str, second: str, as_of: str | None = None) -> dict[str, Any]:
    """The relationship brief of two actors, as known on ``as_of`` (a date) when given."""
    when = _parse_date(as_of)
    return _with_titles(db, build_dyad_brief(db.store(), first, second, as_of=when))


def query_entity_brief(db: WebDb, entity_id: str) -> dict[str, Any]:
    """The entity's brief. Raises: HttpError 404 when no entity has that id or name."""
    try:
        return _with_titles(db, build_entity_brief(db.store(), entity_id))
    except InputError as err:
        raise HttpError(404, "not_found", f"no entity {entity_id}") from err


def query_answer(db: WebDb, question: str) -> dict[str, Any]:
    """The ``ask --json`` contract for one question, plus the question and cited titles."""
    data = render_answer_json(answer_question(db.store(), question))
    return {"question": question, **data, "titles": _titles(db, _cited_ids(data))}


def query_watches(db: WebDb, user: str) -> dict[str, Any]:
    """The user's own watches and the shared (command-line) ones, oldest first, with the facts matching
    each now (reading only: no check is run, nothing is marked). Another user's watches are private."""
    store = db.store()
    sources = Sources(store)
    items = []
    for watch in (w for w in list_watches(store) if w.owner in (None, user)):
        item = render_watch_json(watch)
        item["webhook"] = _webhook_host(watch.webhook)
        items.append({**item, "matches": render_watch_matches(store, sources, watch)})
    ids = {c["article_id"] for w in items for f in w["matches"] for c in f["citations"]}
    return {"items": items, "titles": _titles(db, ids)}


def _webhook_host(url: str | None) -> str | None:
    """Only the host of a webhook: its path or query may hold a secret token."""
    return urlsplit(url).netloc if url else None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T"))
    except ValueError as err:
        raise HttpError(422, "invalid_request", f"not an ISO 8601 date: {value}") from err
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@api_router.get("/briefs/articles/{article_id}", summary="An article's brief: facts, claims, quotes, summary")
def get_article_brief(request: Request, article_id: str) -> dict[str, Any]:
    return query_article_brief(db_of(request), article_id)


@api_router.get("/briefs/dyad/{first}/{second}", summary="A relationship brief of two actors")
def get_dyad_brief(request: Request, first: str, second: str, as_of: AsOf = None) -> dict[str, Any]:
    return query_dyad_brief(db_of(request), first, second, as_of)


@api_router.get("/briefs/entities/{entity_id}", summary="An entity's brief")
def get_entity_brief(request: Request, entity_id: str) -> dict[str, Any]:
    return query_entity_brief(db_of(request), entity_id)


@api_router.get("/ask", summary="Answer a question from the stored sources, with citations")
def get_answer(request: Request, q: Question) -> dict[str, Any]:
    return query_answer(db_of(request), q)


@api_router.get("/watches", summary="Your own and the shared watches and what matches them now (token)")
def get_watches(request: Request) -> dict[str, Any]:
    return query_watches(db_of(request), require_token_user(request))


@pages_router.get("/briefs/articles/{article_id}")
def article_brief_page(request: Request, article_id: str) -> Response:
    data = query_article_brief(db_of(request), article_id)
    return _render(request, "brief.html", {"b": data, "back": f"/articles/{data['subject_ids'][0]}"})


@pages_router.get("/briefs/dyad/{first}/{second}")
def dyad_brief_page(request: Request, first: str, second: str, as_of: AsOf = None) -> Response:
    data = query_dyad_brief(db_of(request), first, second, as_of)
    return _render(request, "brief.html", {"b": data, "back": f"/dyad/{first}/{second}", "as_of": as_of})


@pages_router.get("/briefs/entities/{entity_id}")
def entity_brief_page(request: Request, entity_id: str) -> Response:
    data = query_entity_brief(db_of(request), entity_id)
    return _render(request, "brief.html", {"b": data, "back": f"/entities/{data['subject_ids'][0]}"})


@pages_router.get("/ask")
def ask_page(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> Response:
    data = query_answer(db_of(request), q) if q.strip() else None
    return _render(request, "ask.html", {"q": q, "data": data})
