"""Flat rows, one function per record: the tables of the CSV/Parquet exports and of ``Workspace`` frames.

Each table has fixed, typed columns (so an empty result still has them); nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsift.model import Actor, Article, Claim, Entity, Event, Quote, Story
from newsift.store import Store, iter_articles

__all__ = [
    "TABLES",
    "ArticleLookup",
    "Column",
    "Table",
    "article_row",
    "claim_row",
    "comment_rows",
    "entity_names",
    "entity_row",
    "event_row",
    "event_time",
    "parse_columns",
    "query_table",
    "quote_row",
    "story_row",
]

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    """A column name and its type: ``str``, ``int``, ``float`` or ``bool`` (every column may be null)."""

    name: str
    type: str = "str"


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def parse_columns(spec: str) -> tuple[Column, ...]:
    """'id title n_chars:int' → columns (``str`` unless ``:type`` is given)."""
    return tuple(Column(*part.split(":")) if ":" in part else Column(part) for part in spec.split())


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "articles",
            parse_columns(
                "id title outlet source url published_at fetched_at authors wire position page_id "
                "language n_chars:int text"
            ),
        ),
        Table("entities", parse_columns("id kind name country aliases mentions:int")),
        Table(
            "events",
            parse_columns(
                "id type mode subtype actors source target participants item quantity:int value:float "
                "currency value_text time time_text time_precision time_source year:int aspect status "
                "trigger programme place article_id outlet published_at sentence extractor confidence:float"
            ),
        ),
        Table(
            "claims",
            parse_columns(
                "id status cue asserted_by denied_by alleged_by hedges event_id article_id sentence "
                "extractor confidence:float"
            ),
        ),
        Table(
            "quotes",
            parse_columns(
                "id speaker speaker_id speaker_text affiliation cue addressee text kind article_id start:int "
                "end:int sentence extractor confidence:float"
            ),
        ),
        Table("stories", parse_columns("id label n_articles:int first_at last_at article_ids")),
        Table("comments", parse_columns("id article_id claim_id user body created_at")),
    )
}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _join(values: Iterable[str | None]) -> str:
    return "; ".join(v for v in values if v)


def _actor_keys(actors: tuple[Actor, ...]) -> str:
    return _join(dict.fromkeys(a.code or a.id or a.text for a in actors))


def article_row(article: Article) -> Row:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "source": article.source,
        "url": article.url,
        "published_at": _iso(article.published_at),
        "fetched_at": _iso(article.fetched_at),
        "authors": _join(article.authors),
        "wire": article.wire,
        "position": str(article.position),
        "page_id": article.page_id,
        "language": article.language,
        "n_chars": len(article.text),
        "text": article.text,
    }


def entity_row(entity: Entity, mentions: int | None = None) -> Row:
    return {
        "id": entity.id,
        "kind": str(entity.kind),
        "name": entity.name,
        "country": entity.country,
        "aliases": _join(entity.aliases),
        "mentions": mentions,
    }


def event_time(event: Event) -> dict[str, Any]:
    """The event's own time (``Event.time``: value, text, precision, source) and its year.

    Records stored before ``Event.time`` existed give the ``year`` field at year precision.
    """
    stated = event.time
    if stated is None:
        return {
            "time": str(event.year) if event.year else None,
            "time_text": event.time_text,
            "time_precision": "year" if event.year else None,
            "time_source": None,
            "year": event.year,
        }
    value = stated.value or None
    return {
        "time": value,
        "time_text": stated.text or event.time_text,
        "time_precision": stated.precision,
        "time_source": stated.source,
        "year": event.year or (int(value[:4]) if value and value[:4].isdigit() else None),
    }


def event_row(event: Event, article: Article | None = None) -> Row:
    if event.source or event.target:
        actors = f"{_actor_keys(event.source) or '?'} -> {_actor_keys(event.target) or '?'}"
    else:
        actors = _actor_keys(event.participants)
    value = event.value
    return {
        "id": event.id,
        "type": str(event.type),
        "mode": str(event.mode),
        "subtype": event.subtype,
        "actors": actors,
        "source": _actor_keys(event.source),
        "target": _actor_keys(event.target),
        "participants": _actor_keys(event.participants),
        "item": event.item,
        "quantity": event.quantity,
        "value": value.amount if value else None,
        "currency": value.currency if value else None,
        "value_text": value.text if value else None,
        **event_time(event),
        "aspect": event.aspect,
        "status": str(event.status),
        "trigger": event.trigger,
        "programme": event.programme,
        "place": event.place,
        "article_id": event.evidence.article_id,
        "outlet": (article.outlet or article.source) if article else None,
        "published_at": _iso(article.published_at) if article else None,
        "sentence": event.evidence.text,
        "extractor": event.extractor,
        "confidence": event.confidence,
    }


def claim_row(claim: Claim) -> Row:
    return {
        "id": claim.id,
        "status": str(claim.status),
        "cue": claim.cue,
        "asserted_by": _join(claim.asserted_by),
        "denied_by": _join(claim.denied_by),
        "alleged_by": _join(claim.alleged_by),
        "hedges": _join(claim.hedges),
        "event_id": claim.event_id,
        "article_id": claim.evidence.article_id,
        "sentence": claim.evidence.text,
        "extractor": claim.extractor,
        "confidence": claim.confidence,
    }


def quote_row(quote: Quote, names: Mapping[str, str] | None = None) -> Row:
    return {
        "id": quote.id,
        "speaker": (names or {}).get(quote.speaker_id) if quote.speaker_id else None,
        "speaker_id": quote.speaker_id,
        "speaker_text": quote.speaker_text,
        "affiliation": quote.affiliation,
        "cue": quote.cue,
        "addressee": quote.addressee,
        "text": quote.text,
        "kind": str(quote.kind),
        "article_id": quote.article_id,
        "start": quote.start,
        "end": quote.end,
        "sentence": quote.evidence.text,
        "extractor": quote.extractor,
        "confidence": quote.confidence,
    }


def story_row(story: Story) -> Row:
    return {
        "id": story.id,
        "label": story.label,
        "n_articles": len(story.article_ids),
        "first_at": _iso(story.first_at),
        "last_at": _iso(story.last_at),
        "article_ids": _join(story.article_ids),
    }


def comment_rows(store: Store) -> list[Row]:
    """Every comment (analyst note), oldest first."""
    keys = TABLES["comments"].names
    return [dict(zip(keys, row, strict=True)) for row in store.comments.every()]


class ArticleLookup:
    """Articles by id, read from the store once each (for the outlet and date columns of events)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._found: dict[str, Article | None] = {}

    def get(self, article_id: str) -> Article | None:
        if article_id not in self._found:
            self._found[article_id] = self._store.get_article(article_id)
        return self._found[article_id]


def entity_names(store: Store) -> dict[str, str]:
    return {e.id: e.name for e, _ in store.query_entities(limit=10**9)}


def _rows(store: Store, name: str) -> Iterator[Row]:
    if name == "articles":
        yield from (article_row(a) for a in iter_articles(store))
    elif name == "entities":
        yield from (entity_row(e, n) for e, n in store.query_entities(limit=10**9))
    elif name == "events":
        articles = ArticleLookup(store)
        yield from (event_row(e, articles.get(e.evidence.article_id)) for e in store.query_events())
    elif name == "claims":
        yield from (claim_row(c) for c in store.query_claims())
    elif name == "quotes":
        names = entity_names(store)
        yield from (quote_row(q, names) for q in store.query_quotes())
    elif name == "stories":
        from newsift.pipeline.relink import load_stories

        yield from (story_row(s) for s in load_stories(store))
    else:
        yield from comment_rows(store)


def query_table(store: Store, name: str) -> list[Row]:
    """The rows of one table of ``TABLES``.

    Raises:
        KeyError: no table of that name.
    """
    if name not in TABLES:
        raise KeyError(name)
    return list(_rows(store, name))
