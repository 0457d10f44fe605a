"""One story as an analyst reads it: its members by outlet with their headlines, first and last seen, and
each happening its members report with the outlets behind every status ("2 outlets assert, 1 denies").

One data function (``query_story``) feeds the page and its ``.json`` twin. Reads only; no SQL here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from newsift import codec
from newsift.brief.facts import render_event_text
from newsift.link.happenings import link_events
from newsift.model import Article, Claim, Event, Story
from newsift.web.db import WebDb
from newsift.web.errors import HttpError
from newsift.web.facts import sentence_href
from newsift.web.guards import db_of
from newsift.web.pages import render_page

__all__ = ["query_story", "router", "summarize_statuses"]

router = APIRouter(include_in_schema=False)

# What an outlet does when its report carries the status: (one outlet, several outlets).
_VERBS = {
    "denied": ("denies", "deny"),
    "alleged": ("alleges", "allege"),
    "speculated": ("speculates", "speculate"),
    "planned": ("reports it as planned", "report it as planned"),
    "attributed": ("attributes it", "attribute it"),
    "confirmed": ("confirms", "confirm"),
    "asserted": ("asserts", "assert"),
}
_ORDER = tuple(_VERBS)  # denials first, plain assertions last


def _rank(status: str) -> int:
    return _ORDER.index(status) if status in _ORDER else len(_ORDER)


def _outlet(article: Article) -> str:
    """Who reports: the outlet, else the source, else the article itself (as the store counts them)."""
    return _outlet_name(article) or article.id


def _outlet_name(article: Article) -> str | None:
    """The outlet as a reader knows it; None when the page names none (the article then counts alone)."""
    return article.outlet or article.source


def _seen(article: Article) -> str | None:
    when = article.published_at or article.fetched_at
    return when.isoformat() if when else None


def summarize_statuses(by_status: dict[str, list[str]]) -> str:
    """'2 outlets assert, 1 denies': how many outlets report each status, most outlets first; one outlet
    with several statuses: '1 outlet denies and asserts' (not two outlets)."""
    ranked = sorted(by_status.items(), key=lambda kv: (-len(kv[1]), _rank(kv[0])))
    if len({o for outlets in by_status.values() for o in outlets}) == 1:
        return "1 outlet " + " and ".join(_VERBS.get(status, (status,))[0] for status, _ in ranked)
    parts = []
    for i, (status, outlets) in enumerate(ranked):
        n = len(outlets)
        noun = ("outlet" if n == 1 else "outlets") if i == 0 else ""
        verb = _VERBS.get(status, (status, status))[0 if n == 1 else 1]
        parts.append(" ".join(p for p in (str(n), noun, verb) if p))
    return ", ".join(parts)


def _members(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The members grouped by outlet, the earliest outlet first; each with its headlines by date."""
    groups: dict[str, list[Article]] = {}
    for article in sorted(articles, key=lambda a: (_seen(a) or "", a.id)):
        groups.setdefault(_outlet(article), []).append(article)
    return [
        {
            "outlet": outlet,
            "outlet_name": _outlet_name(members[0]),
            "first_seen": _seen(members[0]),
            "articles": [{"id": a.id, "title": a.title, "date": _seen(a)} for a in members],
        }
        for outlet, members in groups.items()
    ]


def _report(event: Event, claims: Sequence[Claim], article: Article) -> dict[str, Any]:
    statuses = [str(c.status) for c in claims] or [str(event.status)]
    status = min(statuses, key=_rank)
    return {
        "outlet": _outlet(article),
        "outlet_name": _outlet_name(article),
        "status": status,
        "sentence": event.evidence.text,
        "href": sentence_href(article.id, event.evidence.sentence),
        "article": {"id": article.id, "title": article.title, "date": _seen(article)},
        "denied_by": sorted({x for c in claims for x in c.denied_by}),
    }


def _happenings(
    articles: dict[str, Article], events: Sequence[Event], claims: Sequence[Claim]
) -> list[dict[str, Any]]:
    """Each happening the members report, with every outlet's status; where statuses differ first."""
    of_event: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.event_id:
            of_event.setdefault(claim.event_id, []).append(claim)
    found = []
    for cluster in link_events(events):
        reports = sorted(
            (_report(e, of_event.get(e.id, ()), articles[e.evidence.article_id]) for e in cluster.events),
            key=lambda r: (_rank(r["status"]), r["article"]["date"] or "", r["article"]["id"]),
        )
        by_status: dict[str, list[str]] = {}
        for report in reports:
            outlets = by_status.setdefault(report["status"], [])
            if report["outlet"] not in outlets:
                outlets.append(report["outlet"])
        n_outlets = len({r["outlet"] for r in reports})
        found.append(
            {
                "text": render_event_text(cluster.events[0]),
                "n_outlets": n_outlets,
                "by_status": by_status,
                "summary": summarize_statuses(by_status),
                "differs": len(by_status) > 1 and n_outlets > 1,  # one outlet cannot differ from others
                "reports": reports,
            }
        )
    return sorted(found, key=lambda h: (not h["differs"], -h["n_outlets"]))


def query_story(db: WebDb, story_id: str) -> dict[str, Any]:
    """One story: label, first and last seen, members by outlet and the happenings they report.

    Raises:
        HttpError: 404 when no story has this id.
    """
    store = db.store()
    rows = store.query_links("story", key=story_id)
    if not rows:
        raise HttpError(404, "not_found", f"no story with id {story_id!r}")
    story = codec.decode(rows[0].record, Story, source="links")
    articles = {a.id: a for a in (store.get_article(i) for i in story.article_ids) if a is not None}
    events = [e for a in articles for e in store.query_events(article_id=a)]
    claims = [c for a in articles for c in store.query_claims(article_id=a)]
    seen = sorted(s for s in (_seen(a) for a in articles.values()) if s)
    members = _members(list(articles.values()))
    return {
        "id": story.id,
        "label": story.label,
        "n_articles": len(articles),
        "n_outlets": len(members),
        "first_seen": seen[0] if seen else None,
        "last_seen": seen[-1] if seen else None,
        "outlets": members,
        "happenings": _happenings(articles, events, claims),
    }


@router.get("/stories/{story_id}.json")
def story_json(request: Request, story_id: str) -> Response:
    return JSONResponse(query_story(db_of(request), story_id))


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    return render_page(request, "story.html", {"s": query_story(db_of(request), story_id)})
