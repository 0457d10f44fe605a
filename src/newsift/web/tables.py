"""CSV of the claims, events and quotes views: flat columns over the same rows as their JSON and HTML."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

__all__ = ["CSV_COLUMNS", "render_fact_csv"]

Row = dict[str, Any]


def _actors(key: str) -> Callable[[Row], str]:
    return lambda r: "; ".join(a["code"] or a["id"] or a["text"] for a in (r.get(key) or []))


def _parties(role: str) -> Callable[[Row], str]:
    return lambda r: "; ".join(p["name"] for p in r["parties"][role])


def _event(key: str) -> Callable[[Row], str]:
    return lambda r: "; ".join(a["code"] or a["id"] or a["text"] for a in (r["event"] or {}).get(key, []))


_ARTICLE: dict[str, Callable[[Row], Any]] = {
    "article_id": lambda r: r["article"]["id"],
    "title": lambda r: r["article"]["title"],
    "outlet": lambda r: r["article"]["outlet"],
    "report_date": lambda r: r["article"]["date"],
    "href": lambda r: r["href"],
}
_TIME: dict[str, Callable[[Row], Any]] = {
    "event_time": lambda r: r["time"]["value"],
    "event_time_precision": lambda r: r["time"]["precision"],
    "event_time_source": lambda r: r["time"]["source"],
}
CSV_COLUMNS: dict[str, dict[str, Callable[[Row], Any]]] = {
    "claims": {
        "id": lambda r: r["id"],
        "status": lambda r: r["status"],
        "sentence": lambda r: r["evidence"]["sentence"],
        "asserted_by": _parties("asserted_by"),
        "denied_by": _parties("denied_by"),
        "alleged_by": _parties("alleged_by"),
        "cue": lambda r: r["cue"],
        "hedges": lambda r: "; ".join(r["hedges"]),
        "event_type": lambda r: (r["event"] or {}).get("type"),
        "event_subtype": lambda r: (r["event"] or {}).get("subtype"),
        "source": _event("source"),
        "target": _event("target"),
        "n_outlets": lambda r: r["n_outlets"],
        **_TIME,
        **_ARTICLE,
    },
    "events": {
        "id": lambda r: r["id"],
        "type": lambda r: r["type"],
        "subtype": lambda r: r["subtype"],
        "mode": lambda r: r["mode"],
        "status": lambda r: r["status"],
        "source": _actors("source"),
        "target": _actors("target"),
        "participants": _actors("participants"),
        "item": lambda r: r["item"],
        "quantity": lambda r: r["quantity"],
        "value": lambda r: (r["value"] or {}).get("text"),
        "sentence": lambda r: r["evidence"]["sentence"],
        "n_outlets": lambda r: r["n_outlets"],
        **_TIME,
        **_ARTICLE,
    },
    "quotes": {
        "id": lambda r: r["id"],
        "speaker": lambda r: r["speaker"] or r["speaker_text"],
        "speaker_id": lambda r: r["speaker_id"],
        "affiliation": lambda r: r["affiliation"],
        "cue": lambda r: r["cue"],
        "kind": lambda r: r["kind"],
        "text": lambda r: r["text"],
        **_ARTICLE,
    },
}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def render_fact_csv(kind: str, items: list[Row]) -> str:
    """The rows of a claims, events or quotes view as CSV with a header line."""
    columns = CSV_COLUMNS[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for item in items:
        writer.writerow([_cell(get(item)) for get in columns.values()])
    return out.getvalue()
