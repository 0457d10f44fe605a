"""HTML routes: server-rendered pages over the same data functions as /api, and the forms (CSRF-checked)."""

from __future__ import annotations

import calendar
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.templating import Jinja2Templates

from newsift.store.web_queries import SearchFilters
from newsift.web.api import article_filters
from newsift.web.auth import SESSION_DAYS, authenticate, create_session, delete_session
from newsift.web.charts import render_bar_chart, render_time_strip
from newsift.web.comments import create_comment, delete_comment
from newsift.web.data import (
    query_article_list,
    query_article_page,
    query_search,
    query_stories,
    require_article,
)
from newsift.web.db import WebDb
from newsift.web.facts import FactParams, RowLookups, query_facts, sentence_href
from newsift.web.graph import query_dyad, query_entity_list, query_entity_page
from newsift.web.guards import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    csrf_for,
    db_of,
    require_csrf,
    require_session_user,
    session_user,
)
from newsift.web.header import WatchCounts
from newsift.web.marks import LABEL_KINDS, Span, render_marked_paragraphs

__all__ = ["render_page", "router", "safe_next"]

router = APIRouter(include_in_schema=False)
Filters = Annotated[SearchFilters, Depends(article_filters)]
Page = Annotated[int, Query(ge=1, le=10_000)]
_PER_PAGE = 25
_DYAD_SHOWN = 25  # claims and quotes a dyad page lists (each list links to all of them)
_DYAD_EVENTS = 25  # events a page of the dyad page lists, by their own time (``page`` for the next)
_DYAD_MARKS = 500  # events its timeline draws, one mark each (the counts per year are of every event)


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render a template with the signed-in user and a CSRF token (setting its cookie when new)."""
    templates: Jinja2Templates = request.app.state.templates
    token, is_new = csrf_for(request)
    user = session_user(request)
    n_watches, watch_new = _watch_counts(request, user)
    context = {**context, "user": user, "csrf": token, "watch_new": watch_new, "n_watches": n_watches}
    response = templates.TemplateResponse(request, name, context, status_code=status)
    if is_new:
        _set_cookie(request, response, CSRF_COOKIE, token, samesite="strict", max_age=None)
    return response


render_page = _render  # the name other page modules import


def _watch_counts(request: Request, user: str | None) -> tuple[int, int | None]:
    """The header's counts: the user's watches, and the records new in them since each was last opened."""
    if user is None:
        return 0, None
    counts: WatchCounts = request.app.state.watch_counts
    found = counts.by_watch(db_of(request).store(), user)
    return len(found), sum(found.values())


def _set_cookie(
    request: Request, response: Response, key: str, value: str, *, samesite: str, max_age: int | None
) -> None:
    response.set_cookie(
        key, value, max_age=max_age, path="/", httponly=True, samesite=samesite,  # type: ignore[arg-type]
        secure=request.url.scheme == "https",
    )  # fmt: skip


PerPage = Annotated[int, Query(ge=1, le=100, description="Rows per page.")]
After = Annotated[str | None, Query(max_length=2000, description="The next cursor of the page before.")]


@router.get("/")
def home(
    request: Request, filters: Filters, page: Page = 1, after: After = None, limit: PerPage = _PER_PAGE
) -> Response:
    offset = 0 if after else (page - 1) * limit
    data = query_article_list(db_of(request), filters, limit=limit, offset=offset, after=after)
    context = {"data": data, "filters": filters, "page": _page_of(data), "base": _base(request, "/")}
    return _render(request, "articles.html", context)


def _page_of(data: dict[str, Any]) -> int:
    """The page number of a list page, from its offset (a cursor gives no page number of its own)."""
    return int(data["offset"]) // int(data["limit"]) + 1


def _base(request: Request, path: str) -> str:
    """The page's URL without its page number or cursor, ready for ``page=N`` or ``after=C``."""
    skip = {"page", "after"}
    kept = urlencode([(k, v) for k, v in request.query_params.multi_items() if k not in skip and v])
    return f"{path}?{kept}&" if kept else f"{path}?"


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    data = query_article_page(db_of(request), article_id)
    shown, folded = _key_facts(data)
    context = {
        "a": data,
        "paragraphs": render_marked_paragraphs(data["text"], _spans(data)),
        "speakers": _quotes_by_speaker(data["quotes"]),
        "facts": shown,
        "folded": folded,
        "names": {e["id"]: e["name"] for e in data["entities"]},  # claim holders by name, not by id
    }
    return _render(request, "article.html", context)


_STATUS_RANK = {
    "denied": 0,
    "alleged": 1,
    "speculated": 2,
    "planned": 3,
    "attributed": 4,
    "confirmed": 5,
    "asserted": 6,
}
_LOW_CONFIDENCE = 0.5


def _key_facts(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The article's claims (with their events) and events without a claim, status first; facts with no
    actor or a low confidence go to the second list (folded on the page)."""
    events = {e["id"]: e for e in data["events"]}
    rows = []
    for claim in data["claims"]:
        event = events.pop(claim["event_id"], None) if claim["event_id"] else None
        rows.append(
            {"status": claim["status"], "claim": claim, "event": event, "evidence": claim["evidence"]}
        )
    rows += [
        {"status": e["status"], "claim": None, "event": e, "evidence": e["evidence"]} for e in events.values()
    ]
    rows.sort(key=lambda r: (_STATUS_RANK.get(r["status"], 9), r["evidence"]["sentence_index"]))
    shown = [r for r in rows if _is_key(r)]
    return shown, [r for r in rows if not _is_key(r)]


def _is_key(row: dict[str, Any]) -> bool:
    event, claim = row["event"], row["claim"]
    has_actor = bool(event and (event["source"] or event["target"] or event["participants"]))
    has_holder = bool(claim and (claim["denied_by"] or claim["alleged_by"] or claim["asserted_by"]))
    confidence = min(float(x.get("confidence", 1.0)) for x in (event or {}, claim or {}))
    return bool(has_actor or has_holder or row["status"] != "asserted") and confidence >= _LOW_CONFIDENCE


def _spans(data: dict[str, Any]) -> list[Span]:
    kinds = {e["id"]: e["kind"] for e in data["entities"]}
    spans = [
        Span(start=s["start"], end=s["end"], layer="sentence", kind=str(s["index"]))
        for s in data["sentences"]
    ]
    spans += [
        Span(
            start=c["span"]["start"],
            end=c["span"]["end"],
            layer="claim",
            kind=c["status"],
            title=f"claim: {c['status']}" + (f" ({c['cue']})" if c["cue"] else ""),
        )
        for c in data["claims"]
    ]
    spans += [
        Span(
            start=q["start"],
            end=q["end"],
            layer="quote",
            kind=q["kind"],
            title=f"quote: {q['speaker'] or q['speaker_text'] or 'unknown speaker'}",
        )
        for q in data["quotes"]
    ]
    for m in data["mentions"]:
        kind = kinds.get(m["entity_id"]) or LABEL_KINDS.get(m["label"])
        if kind:
            href = f"/entities/{m['entity_id']}" if m["entity_id"] in kinds else None
            spans.append(
                Span(start=m["start"], end=m["end"], layer="mention", kind=kind, title=kind, href=href)
            )
    return spans  # fmt: skip


def _quotes_by_speaker(quotes: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for quote in quotes:
        groups.setdefault(quote["speaker"] or quote["speaker_text"] or "unknown speaker", []).append(quote)
    return sorted(groups.items(), key=lambda item: -len(item[1]))


@router.get("/entities")
def entities_page(request: Request, kind: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    data = query_entity_list(db_of(request), kind=kind, limit=500, offset=0)
    return _render(request, "entities.html", {"data": data, "kind": kind})


@router.get("/entities/{entity_id}")
def entity_page(request: Request, entity_id: str) -> Response:
    data = query_entity_page(db_of(request), entity_id)
    points = [(p["period"], p["count"]) for p in data["mentions_over_time"]]
    chart = render_bar_chart(points, title=f"Mentions of {data['name']} per month")
    return _render(request, "entity.html", {"e": data, "chart": chart})


@router.get("/dyad/{first}/{second}")
def dyad_page(request: Request, first: str, second: str, page: Page = 1) -> Response:
    offset = (page - 1) * _DYAD_EVENTS
    data = query_dyad(db_of(request), first, second, shown=_DYAD_SHOWN, listed=_DYAD_EVENTS, offset=offset)
    names = " and ".join(a["name"] for a in data["actors"])
    a, b = (x["id"] for x in data["actors"])
    points = [
        {
            "when": m.when or "",
            "source": "report" if m.by_report else "text",
            "status": m.status,
            "text": m.sentence,
            "href": sentence_href(m.article_id, m.sentence_index),
        }
        for m in db_of(request).store().query_dyad_marks(a, b, limit=_DYAD_MARKS)
    ]
    chart = render_time_strip(points, title=f"Events between {names} on their own dates")
    listing = {
        "page": page, "first": offset + 1, "last": offset + len(data["events"]), "per_page": _DYAD_EVENTS,
        "shown": _DYAD_SHOWN,
    }  # fmt: skip
    context = {"d": data, "chart": chart, "names": names, "listing": listing, "n_marks": len(points)}
    return _render(request, "dyad.html", context)


@router.get("/search")
def search_page(
    request: Request, filters: Filters, page: Page = 1, after: After = None, limit: PerPage = _PER_PAGE,
    sort: Annotated[Literal["relevance", "date"], Query()] = "relevance",
) -> Response:  # fmt: skip
    offset = 0 if after else (page - 1) * limit
    db = db_of(request)
    data = query_search(
        db, filters, limit=limit, offset=offset, facets=True, after=after, by_date=sort == "date"
    )
    if filters.claim_status:
        _add_status_claims(db, data["items"], filters.claim_status)
    context = {
        "data": data, "filters": filters, "page": _page_of(data), "base": _base(request, "/search"),
        "sort": sort,
        "facet_links": _facet_links(request, data["facets"]),
    }  # fmt: skip
    return _render(request, "search.html", context)


_STATUS_CLAIMS = 3  # most claims of the asked status shown under one hit


def _add_status_claims(db: WebDb, items: list[dict[str, Any]], status: str) -> None:
    """Under each hit of a search narrowed to a claim status, the claims of that status in the article
    (the denial itself, with who denies), not only the words' snippet."""
    names = RowLookups(db)
    for item in items:
        params = FactParams(status=status, article=item["id"], limit=2 * _STATUS_CLAIMS)
        by_sentence: dict[str, dict[str, Any]] = {}  # one line per sentence (its first claim)
        for claim in query_facts(db, "claims", params, facets=False, lookups=names)["items"]:
            by_sentence.setdefault(claim["href"], claim)
        item["status_claims"] = list(by_sentence.values())[:_STATUS_CLAIMS]


def _facet_links(
    request: Request, facets: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """Each facet value with the search URL that narrows to it (a month: its first to its last day)."""
    kept = {k: v for k, v in request.query_params.items() if k != "page" and v}
    links: dict[str, list[dict[str, Any]]] = {}
    for name, values in facets.items():
        links[name] = []
        for value in values:
            narrowed = {**kept, **_narrow(name, value["value"])}
            links[name].append({**value, "href": "/search?" + urlencode(narrowed)})
    return links


def _narrow(facet: str, value: str) -> dict[str, str]:
    if facet != "month":
        return {facet: value}
    try:
        year, month = (int(p) for p in value.split("-")[:2])
        last = calendar.monthrange(year, month)[1]
    except ValueError:  # not a YYYY-MM month: keep what starts with it
        return {"since": value, "until": value}
    return {"since": f"{value}-01", "until": f"{value}-{last:02d}"}


@router.get("/stories")
def stories_page(request: Request, page: Page = 1) -> Response:
    data = query_stories(db_of(request), limit=_PER_PAGE, offset=(page - 1) * _PER_PAGE)
    return _render(request, "stories.html", {"data": data, "page": page})


@router.get("/login")
def login_form(request: Request, next: Annotated[str, Query(max_length=500)] = "/") -> Response:
    return _render(request, "login.html", {"next": safe_next(next), "failed": False})


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form(max_length=40)],
    password: Annotated[str, Form(max_length=1000)],
    csrf: Annotated[str | None, Form()] = None,
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    require_csrf(request, csrf)
    client = request.client.host if request.client else "?"
    request.app.state.throttle.check(client)
    store = db_of(request).store()
    if not authenticate(store, name, password):
        request.app.state.throttle.fail(client)
        return _render(request, "login.html", {"next": safe_next(next), "failed": True}, status=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    delete_session(store, request.cookies.get(SESSION_COOKIE))
    raw = create_session(store, name)
    _set_cookie(request, response, SESSION_COOKIE, raw, samesite="lax", max_age=SESSION_DAYS * 86400)
    return response


def safe_next(target: str) -> str:
    """Only same-site paths: never '//host' or a full URL (no open redirect)."""
    if target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str | None, Form()] = None) -> Response:
    require_csrf(request, csrf)
    delete_session(db_of(request).store(), request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


@router.post("/articles/{article_id}/comments")
def comment(
    request: Request,
    article_id: str,
    body: Annotated[str, Form(max_length=5000)],
    csrf: Annotated[str | None, Form()] = None,
    claim_id: Annotated[str | None, Form(max_length=64)] = None,
) -> Response:
    require_csrf(request, csrf)
    user = require_session_user(request)
    article = require_article(db_of(request), article_id)
    create_comment(db_of(request).store(), article.id, user, body, claim_id)
    return RedirectResponse(f"/articles/{article.id}#comments", status_code=303)


@router.post("/comments/{comment_id}/delete")
def uncomment(request: Request, comment_id: str, csrf: Annotated[str | None, Form()] = None) -> Response:
    require_csrf(request, csrf)
    user = require_session_user(request)
    article_id = delete_comment(db_of(request).store(), comment_id, user)
    return RedirectResponse(f"/articles/{article_id}#comments", status_code=303)


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered here from the OpenAPI schema (no CDN)."""
    schema = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "params": op.get("parameters", []),
        }
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    return _render(request, "docs.html", {"operations": operations, "info": schema["info"]})
