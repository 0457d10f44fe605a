"""Stored events and claims turned into brief rows: one row per happening, rolled up over its reports.

Reads the store only through its protocol; renders fact lines from record fields, never from free text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TypedDict

from newsift.brief.records import Citation, FactRow, QuoteRow, SourceRow
from newsift.gazetteer import load_gazetteer
from newsift.link.happenings import link_events
from newsift.model import Actor, Article, Claim, Event, Evidence, Quote
from newsift.pipeline.relink import load_duplicates
from newsift.store import Store

__all__ = [
    "Sources",
    "cite",
    "count_types",
    "involves",
    "render_event_text",
    "select_quotes",
    "summarize_claims",
    "summarize_events",
]

# A denial outranks everything an analyst may otherwise read as settled; then confirmation, then the rest.
_STATUS_ORDER = ("denied", "confirmed", "alleged", "speculated", "planned", "attributed", "asserted")


class Sources:
    """The store plus caches of articles, entity names and copy groups, for one brief or answer."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._articles: dict[str, Article | None] = {}
        self._names: dict[str, str] | None = None
        self._copies: dict[str, str] | None = None

    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            self._articles[article_id] = self.store.get_article(article_id)
        return self._articles[article_id]

    def names(self) -> dict[str, str]:
        if self._names is None:
            names = {e.id: e.name for e in load_gazetteer().entities.values()}
            names.update({e.id: e.name for e, _ in self.store.query_entities(limit=10**6)})
            self._names = names
        return self._names

    def outlet_key(self, article_id: str) -> str:
        """Who independently reports: a wire copy counts as its copy group, else the outlet."""
        if self._copies is None:
            self._copies = {m.article_id: g for g, ms in load_duplicates(self.store) for m in ms}
        if article_id in self._copies:
            return "copies:" + self._copies[article_id]
        article = self.article(article_id)
        return (article.outlet or article.source or article.page_id) if article else article_id

    def outlet(self, article_id: str) -> str:
        article = self.article(article_id)
        return (article.outlet or article.source or "?") if article else "?"

    def published(self, article_id: str) -> datetime | None:
        article = self.article(article_id)
        return (article.published_at or article.fetched_at) if article else None

    def source_row(self, article_id: str) -> SourceRow | None:
        article = self.article(article_id)
        if article is None:
            return None
        return SourceRow(
            article_id=article.id,
            title=article.title,
            outlet=article.outlet or article.source,
            published_at=article.published_at,
        )


def cite(evidence: Evidence) -> Citation:
    return Citation(article_id=evidence.article_id, sentence=evidence.text, sentence_index=evidence.sentence)


def involves(event: Event, actor: str) -> bool:
    """True when ``actor`` (a country code or an entity id) is on any side of the event."""
    return any(a.code == actor or a.id == actor for a in (*event.source, *event.target, *event.participants))


def _side(actors: Sequence[Actor], names: dict[str, str]) -> str:
    labels = [a.code or (names.get(a.id) if a.id else None) or a.text for a in actors]
    return ", ".join(dict.fromkeys(labels))


def render_event_text(event: Event, names: dict[str, str] | None = None) -> str:
    """One line from the event's fields: 'TUR → PAK · AID/upgrade · F-16 · 41 · $75 million · 2019'."""
    names = names or {}
    if event.source or event.target:
        actors = f"{_side(event.source, names) or '?'} → {_side(event.target, names) or '?'}"
    else:
        actors = _side(event.participants, names) or "?"
    kind = str(event.type) + (f"/{event.subtype}" if event.subtype else "")
    parts = [actors, kind, event.item, str(event.quantity) if event.quantity else None]
    parts += [event.value.text if event.value else None, event.programme, event.place]
    parts.append(str(event.year) if event.year else event.time_text)
    return " · ".join(p for p in parts if p)


def count_types(facts: Iterable[FactRow]) -> tuple[tuple[str, int], ...]:
    """Happenings (not reports) per event type, most frequent first."""
    counts = Counter(f.type for f in facts if f.type)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _rank(statuses: Iterable[str]) -> str:
    found = set(statuses)
    return next((s for s in _STATUS_ORDER if s in found), "asserted")


def summarize_events(events: Sequence[Event], claims: Sequence[Claim], sources: Sources) -> list[FactRow]:
    """One row per happening: events linked across articles, with their claims' statuses and parties."""
    by_event: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.event_id:
            by_event.setdefault(claim.event_id, []).append(claim)
    rows = []
    for cluster in link_events(events):
        linked = [c for e in cluster.events for c in by_event.get(e.id, ())]
        rows.append(_event_row(cluster.events, linked, sources))
    return sorted(rows, key=_chronology)


def _event_row(events: Sequence[Event], claims: Sequence[Claim], sources: Sources) -> FactRow:
    lead = max(events, key=lambda e: (_detail(e), -len(e.evidence.text)))
    statuses = tuple(dict.fromkeys([str(e.status) for e in events] + [str(c.status) for c in claims]))
    article_ids = list(dict.fromkeys(e.evidence.article_id for e in events))
    return FactRow(
        kind="event",
        text=render_event_text(lead, sources.names()),
        status=_rank(statuses),
        statuses=statuses,
        citations=tuple(dict.fromkeys(cite(e.evidence) for e in events)),
        type=str(lead.type),
        subtype=lead.subtype,
        year=lead.year or next((e.year for e in events if e.year), None),
        **_rollup(article_ids, claims, sources),
        record_ids=tuple(e.id for e in events) + tuple(c.id for c in claims),
    )


def _detail(event: Event) -> int:
    fields = (event.item, event.quantity, event.value, event.year, event.source, event.target)
    return sum(1 for f in fields if f)


class _Rollup(TypedDict):
    n_reports: int
    n_outlets: int
    outlets: tuple[str, ...]
    has_denial: bool
    denied_by: tuple[str, ...]
    asserted_by: tuple[str, ...]
    alleged_by: tuple[str, ...]
    first_seen_at: datetime | None
    last_seen_at: datetime | None


def _rollup(article_ids: Sequence[str], claims: Sequence[Claim], sources: Sources) -> _Rollup:
    seen = sorted(t for t in (sources.published(a) for a in article_ids) if t is not None)
    return {
        "n_reports": len(article_ids),
        "n_outlets": len({sources.outlet_key(a) for a in article_ids}),
        "outlets": tuple(dict.fromkeys(sources.outlet(a) for a in article_ids)),
        "has_denial": any(str(c.status) == "denied" or c.denied_by for c in claims),
        "denied_by": tuple(dict.fromkeys(x for c in claims for x in c.denied_by)),
        "asserted_by": tuple(dict.fromkeys(x for c in claims for x in c.asserted_by)),
        "alleged_by": tuple(dict.fromkeys(x for c in claims for x in c.alleged_by)),
        "first_seen_at": seen[0] if seen else None,
        "last_seen_at": seen[-1] if seen else None,
    }


def summarize_claims(claims: Sequence[Claim], sources: Sources) -> list[FactRow]:
    """Claims not tied to an event: one row per sentence, the same sentence in copies folded together."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        if not claim.event_id:
            groups.setdefault(" ".join(claim.evidence.text.split()).casefold(), []).append(claim)
    rows = []
    for group in groups.values():
        statuses = tuple(dict.fromkeys(str(c.status) for c in group))
        article_ids = list(dict.fromkeys(c.evidence.article_id for c in group))
        rows.append(
            FactRow(
                kind="claim",
                text=f"[{_rank(statuses)}] " + (group[0].cue or "claim"),
                status=_rank(statuses),
                statuses=statuses,
                citations=tuple(dict.fromkeys(cite(c.evidence) for c in group)),
                **_rollup(article_ids, group, sources),
                record_ids=tuple(c.id for c in group),
            )
        )
    return sorted(rows, key=_chronology)


def _chronology(row: FactRow) -> tuple[int, str, str]:
    when = row.first_seen_at.isoformat() if row.first_seen_at else "~"
    return (row.year or 9999, when, row.text)


def select_quotes(quotes: Sequence[Quote], sources: Sources, *, limit: int = 6) -> list[QuoteRow]:
    """The quotes that matter: named speakers first, direct quotes over indirect, longer over shorter."""
    names = sources.names()
    ranked = sorted(
        quotes,
        key=lambda q: (q.speaker_id is None, q.kind != "direct", -min(len(q.text), 300), q.article_id),
    )
    seen: Counter[str] = Counter()
    rows: list[QuoteRow] = []
    for quote in ranked:
        speaker = names.get(quote.speaker_id or "") or quote.speaker_text
        if seen[speaker or "?"] >= 2 or len(rows) >= limit:
            continue
        seen[speaker or "?"] += 1
        rows.append(
            QuoteRow(
                speaker=speaker,
                text=quote.text,
                kind=str(quote.kind),
                citation=cite(quote.evidence),
                cue=quote.cue,
                affiliation=quote.affiliation,
            )
        )
    return rows
