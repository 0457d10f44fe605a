"""Records rendered as the JSON contract of DESIGN.md (``analyze --json``, ``--json`` read verbs, the API).

Adapters call these; the keys here are a public contract and are never renamed without a deprecation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from newsift import codec
from newsift.model import (
    Actor,
    Analysis,
    Article,
    Claim,
    DuplicateMatch,
    Entity,
    Event,
    Evidence,
    Quote,
    Related,
    Story,
    merge_entity,
)

if TYPE_CHECKING:
    from newsift.link.build import Links

__all__ = [
    "collect_entities",
    "render_analysis_json",
    "render_article_json",
    "render_claim_json",
    "render_entity_json",
    "render_event_json",
    "render_evidence_json",
    "render_quote_json",
    "render_related_json",
    "render_story_json",
]


def render_article_json(article: Article) -> dict[str, Any]:
    data: dict[str, Any] = codec.to_builtins(article)
    data["published"] = data.get("published_at")
    data["text"] = article.text
    return data


def render_entity_json(entity: Entity, mentions: int) -> dict[str, Any]:
    attributes: dict[str, list[str]] = {}
    for key, value in entity.attributes:
        attributes.setdefault(key, []).append(value)
    return {
        "id": entity.id,
        "kind": str(entity.kind),
        "name": entity.name,
        "country": entity.country,
        "aliases": list(entity.aliases),
        "mentions": mentions,
        "attributes": attributes,
    }


def render_evidence_json(evidence: Evidence) -> dict[str, Any]:
    return {
        "article_id": evidence.article_id,
        "sentence": evidence.text,
        "sentence_index": evidence.sentence,
        "start": evidence.start,
        "end": evidence.end,
    }


def render_quote_json(quote: Quote, names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "id": quote.id,
        "speaker": names.get(quote.speaker_id) if quote.speaker_id else None,
        "speaker_id": quote.speaker_id,
        "speaker_text": quote.speaker_text,
        "speaker_kind": str(quote.speaker_kind) if quote.speaker_kind else None,
        "speaks_for": quote.speaks_for,
        "affiliation": quote.affiliation,
        "cue": quote.cue,
        "addressee": quote.addressee,
        "text": quote.text,
        "kind": str(quote.kind),
        "article_id": quote.article_id,
        "start": quote.start,
        "end": quote.end,
        "evidence": render_evidence_json(quote.evidence),
        "extractor": quote.extractor,
    }


def _actors(actors: tuple[Actor, ...]) -> list[dict[str, Any]]:
    out = []
    for a in actors:
        row: dict[str, Any] = {"id": a.id, "code": a.code, "text": a.text, "sector": a.sector}
        if a.inferred:
            row.update(inferred=True, inferred_from=a.inferred_from)
        out.append(row)
    return out


def render_event_json(event: Event) -> dict[str, Any]:
    value = None
    if event.value is not None:
        value = {
            "amount": event.value.amount,
            "currency": event.value.currency,
            "text": event.value.text,
        }
    return {
        "id": event.id,
        "type": str(event.type),
        "mode": str(event.mode),
        "subtype": event.subtype,
        "trigger": event.trigger,
        "source": _actors(event.source),
        "target": _actors(event.target),
        "participants": _actors(event.participants),
        "item": event.item,
        "quantity": event.quantity,
        "value": value,
        "programme": event.programme,
        "place": event.place,
        "time_text": event.time_text,
        "year": event.year,
        "time": _time_json(event),
        "aspect": event.aspect,
        "status": str(event.status),
        "status_cue": event.status_cue,
        "status_by": list(event.status_by),
        "evidence": render_evidence_json(event.evidence),
        "extractor": event.extractor,
        "confidence": event.confidence,
    }


def _time_json(event: Event) -> dict[str, Any] | None:
    time = event.time
    if time is None:
        return None
    return {"text": time.text, "value": time.value, "precision": time.precision, "source": time.source}


def render_claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "status": str(claim.status),
        "cue": claim.cue,
        "asserted_by": list(claim.asserted_by),
        "denied_by": list(claim.denied_by),
        "alleged_by": list(claim.alleged_by),
        "hedges": list(claim.hedges),
        "event_id": claim.event_id,
        "evidence": render_evidence_json(claim.evidence),
        "extractor": claim.extractor,
    }


def render_analysis_json(analyses: list[Analysis], links: Links | None = None) -> dict[str, Any]:
    """The ``analyze --json`` contract: articles, entities, quotes, events, claims (each a list).

    With ``links`` each article also carries its story id, summary sentences,
    tags and related articles, and the result has ``stories`` and ``duplicates``.
    """
    entities, counts = collect_entities(analyses)
    names = {entity_id: entity.name for entity_id, entity in entities.items()}
    ordered = sorted(entities.values(), key=lambda e: (-counts.get(e.id, 0), e.name))
    articles = [render_article_json(a.article) for a in analyses]
    data: dict[str, Any] = {}
    if links is not None:
        data = _links_json(analyses, articles, links)
    return {
        "articles": articles,
        "entities": [render_entity_json(e, counts.get(e.id, 0)) for e in ordered],
        "quotes": [render_quote_json(q, names) for a in analyses for q in a.quotes],
        "events": [render_event_json(e) for a in analyses for e in a.events],
        "claims": [render_claim_json(c) for a in analyses for c in a.claims],
        **data,
    }


def _links_json(analyses: list[Analysis], articles: list[dict[str, Any]], links: Links) -> dict[str, Any]:
    from newsift.link.summary import summarize

    titles = {a.article.id: a.article.title for a in analyses}
    story_of = {article_id: s.id for s in links.stories for article_id in s.article_ids}
    for analysis, data in zip(analyses, articles, strict=True):
        article = analysis.article
        spans = [(s.start, s.end) for s in analysis.annotated.sentences] or None
        data["story_id"] = story_of.get(article.id)
        data["summary"] = [
            {"sentence_index": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in summarize(article, spans=spans)
        ]
        data["tags"] = [{"text": t.text, "kind": t.kind} for t in links.tags.get(article.id, ())]
        data["related"] = [
            render_related_json(r, titles.get(r.related_id)) for r in links.related.get(article.id, ())
        ]
    groups: dict[str, list[DuplicateMatch]] = {}
    for match in links.duplicates:
        groups.setdefault(match.group_id, []).append(match)
    return {
        "stories": [render_story_json(s, titles) for s in links.stories],
        "duplicates": [
            {"group": g, "origin": ms[0].origin, "articles": [m.article_id for m in ms]}
            for g, ms in groups.items()
            if len(ms) > 1
        ],
    }


def collect_entities(analyses: list[Analysis]) -> tuple[dict[str, Entity], dict[str, int]]:
    """Canonical entities referenced by the analyses (merged by ``model.merge_entity``) and their
    mention counts."""
    entities: dict[str, Entity] = {}
    counts: dict[str, int] = {}
    for analysis in analyses:
        for entity in analysis.annotated.entities:
            known = entities.get(entity.id)
            entities[entity.id] = entity if known is None else merge_entity(known, entity)
        for mention in analysis.annotated.mentions:
            if mention.entity_id:
                counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    return entities, counts


def render_story_json(story: Story, titles: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A story: id, label, size, time span and its articles (with titles when given)."""
    titles = titles or {}
    return {
        "id": story.id,
        "label": story.label,
        "n_articles": len(story.article_ids),
        "first_at": story.first_at.isoformat() if story.first_at else None,
        "last_at": story.last_at.isoformat() if story.last_at else None,
        "articles": [{"id": a, "title": titles.get(a)} for a in story.article_ids],
    }


def render_related_json(related: Related, title: str | None = None) -> dict[str, Any]:
    """A related article with its reasons."""
    return {
        "id": related.related_id,
        "title": title,
        "score": related.score,
        "reasons": [str(r) for r in related.reasons],
        "shared_entities": list(related.shared_entities),
        "text_similarity": related.text_similarity,
    }
