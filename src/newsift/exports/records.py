"""Record exports: JSONL of all records (comments included), PLOVER-style event lines, a SIPRI-style arms CSV.

Read-only over the store; each function writes to a text stream.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import TextIO

from newsift import codec
from newsift.exports.tables import comment_rows
from newsift.model import Article, Event
from newsift.store import Store, iter_articles
from newsift.views import render_claim_json, render_event_json

__all__ = ["SIPRI_COLUMNS", "export_jsonl", "export_plover", "export_sipri"]

SIPRI_COLUMNS = (
    "supplier",
    "recipient",
    "designation",
    "description",
    "number_ordered",
    "order_year",
    "number_delivered",
    "delivery_years",
    "status",
    "comments",
    "uncertain",
    "article_id",
    "outlet",
    "evidence",
)
_ARMS_SUBTYPES = {"arms_transfer", "upgrade"}


def export_jsonl(store: Store, out: TextIO) -> int:
    """Every stored record, one JSON object per line: {"type": ..., "record": ...}; comments last."""
    n = 0
    records: Sequence[object]
    for kind, records in (
        ("article", list(iter_articles(store))),
        ("entity", [e for e, _ in store.query_entities(limit=10**9)]),
        ("quote", store.query_quotes()),
        ("event", store.query_events()),
        ("claim", store.query_claims()),
        ("comment", comment_rows(store)),
    ):
        for record in records:
            out.write(json.dumps({"type": kind, "record": codec.to_builtins(record)}, ensure_ascii=False))
            out.write("\n")
            n += 1
    return n


def export_plover(store: Store, out: TextIO) -> int:
    """Events as PLOVER-style JSON lines (event, mode, actors with country code and sector, text)."""
    articles = {a.id: a for a in iter_articles(store)}
    n = 0
    for event in store.query_events():
        article = articles.get(event.evidence.article_id)
        line = {
            "id": event.id,
            "date": _date(event, article),
            "event": str(event.type),
            "mode": event.subtype or "",
            "context": str(event.mode),
            "source": [{"actorText": a.text, "code": a.code, "sector": a.sector} for a in event.source],
            "target": [{"actorText": a.text, "code": a.code, "sector": a.sector} for a in event.target],
            "eventText": event.trigger or "",
            "text": event.evidence.text,
            "status": str(event.status),
            "publication": article.outlet if article else None,
            "url": article.url if article else None,
            "newsift": render_event_json(event),
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_sipri(store: Store, out: TextIO) -> int:
    """Arms transfers and upgrades in the columns of the SIPRI trade register, one row per event."""
    articles = {a.id: a for a in iter_articles(store)}
    claims = {c.event_id: c for c in store.query_claims() if c.event_id}
    writer = csv.DictWriter(out, fieldnames=SIPRI_COLUMNS)
    writer.writeheader()
    n = 0
    for event in store.query_events():
        if event.subtype not in _ARMS_SUBTYPES:
            continue
        article = articles.get(event.evidence.article_id)
        claim = claims.get(event.id)
        writer.writerow(_sipri_row(event, article, render_claim_json(claim) if claim else None))
        n += 1
    return n


def _sipri_row(event: Event, article: Article | None, claim: dict[str, object] | None) -> dict[str, object]:
    done = event.aspect in (None, "done")
    uncertain = [
        name for name, value in (("supplier", event.source), ("recipient", event.target)) if not value
    ]
    if event.status not in ("asserted", "confirmed"):
        uncertain.append("status")
    comments = [event.subtype or ""]
    if event.value is not None:
        comments.append(f"value {event.value.text}")
    if claim is not None and claim.get("cue"):
        comments.append(f"claim {claim['status']} ({claim['cue']})")
    return {
        "supplier": "; ".join(a.code or a.text for a in event.source),
        "recipient": "; ".join(a.code or a.text for a in event.target),
        "designation": event.item or "",
        "description": event.subtype or "",
        "number_ordered": event.quantity if event.quantity is not None else "",
        "order_year": event.year or "",
        "number_delivered": event.quantity if (done and event.quantity is not None) else "",
        "delivery_years": event.year if done and event.year else "",
        "status": str(event.status),
        "comments": "; ".join(c for c in comments if c),
        "uncertain": ",".join(uncertain),
        "article_id": event.evidence.article_id,
        "outlet": article.outlet if article else "",
        "evidence": event.evidence.text,
    }


def _date(event: Event, article: Article | None) -> str | None:
    if article is not None and article.published_at is not None:
        return article.published_at.date().isoformat()
    return f"{event.year}" if event.year else None
