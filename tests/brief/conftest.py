"""A small store of hand-built records (our own sentences stating public facts) for brief and ask tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsift.model import (
    Actor,
    Analysis,
    AnnotatedArticle,
    Article,
    Claim,
    ClaimStatus,
    ContentType,
    Entity,
    EntityKind,
    Event,
    EventMode,
    Evidence,
    Mention,
    PloverType,
    Position,
    Quote,
    QuoteKind,
    RawDocument,
    Resolution,
    Value,
)
from newsift.store import SqliteStore

UPGRADE = "Turkish Aerospace upgraded 41 of Pakistan's F-16 fighters in a $75 million deal signed in 2019."
DRONES = "Pakistan bought Bayraktar TB2 drones from Turkey's Baykar in 2022."
DENIAL = (
    "The Turkish Defence Ministry denied reports that C-130 aircraft landing in Karachi carried weapons "
    "for Pakistan."
)
TRUST = "'Our partnership rests on decades of trust,' a Pakistani official told reporters."
DRONES_2 = "Officials said Pakistan received Bayraktar TB2 drones made by Baykar of Turkey in 2022."
RAFALE = "France completed delivery of 36 Rafale jets to India in 2022."
PARTS = "'Ankara has never refused us spare parts for the drones,' said Rehan Qadir, an analyst in Lahore."
EXERCISE = "Pilots from both air forces flew together in a joint exercise hosted by Turkey in 2023."

TUR = Actor(text="Turkey", id="TUR", code="TUR", sector="GOV")
PAK = Actor(text="Pakistan", id="PAK", code="PAK", sector="MIL")


def _article(article_id: str, outlet: str, day: int, title: str, sentences: list[str]) -> Article:
    return Article(
        id=article_id,
        page_id=f"page-{article_id}",
        position=Position.MAIN,
        index=0,
        title=title,
        body=" ".join(sentences),
        outlet=outlet,
        published_at=datetime(2025, 7, day, 9, tzinfo=UTC),
    )


def _evidence(article: Article, sentence: str) -> Evidence:
    start = article.text.index(sentence)
    return Evidence(
        article_id=article.id,
        sentence=article.text[:start].count(". ") + 1,
        start=start,
        end=start + len(sentence),
        text=sentence,
    )


def _event(article: Article, sentence: str, suffix: str, **fields: object) -> Event:
    evidence = _evidence(article, sentence)
    return Event(id=f"{article.id}-{suffix}", evidence=evidence, **fields)  # type: ignore[arg-type]


def _first(article: Article) -> Analysis:
    events = (
        _event(
            article,
            UPGRADE,
            "upgrade",
            type=PloverType.AID,
            mode=EventMode.MILITARY,
            subtype="upgrade",
            source=(Actor(text="Turkish Aerospace", id="turkish-aerospace", code="TUR"),),
            target=(PAK,),
            item="F-16",
            quantity=41,
            value=Value(amount=75e6, currency="USD", text="$75 million"),
            year=2019,
        ),
        _event(
            article,
            DRONES,
            "tb2",
            type=PloverType.AID,
            mode=EventMode.MILITARY,
            subtype="arms_transfer",
            source=(Actor(text="Baykar", id="baykar", code="TUR"),),
            target=(PAK,),
            item="Bayraktar TB2",
            year=2022,
        ),
        _event(
            article,
            DENIAL,
            "c130",
            type=PloverType.AID,
            mode=EventMode.MILITARY,
            subtype="arms_transfer",
            source=(TUR,),
            target=(PAK,),
            item="weapons",
            status=ClaimStatus.DENIED,
        ),
        _event(
            article,
            EXERCISE,
            "drill",
            type=PloverType.COOPERATE,
            mode=EventMode.MILITARY,
            subtype="exercise",
            participants=(TUR, PAK),
            year=2023,
        ),
    )
    claims = (
        Claim(
            id="a1-cl-c130",
            status=ClaimStatus.DENIED,
            evidence=events[2].evidence,
            cue="denied",
            denied_by=("Turkish Defence Ministry",),
            event_id=events[2].id,
        ),
        Claim(
            id="a1-cl-tb2", status=ClaimStatus.ASSERTED, evidence=events[1].evidence, event_id=events[1].id
        ),
    )
    quote = Quote(
        id="a1-q1",
        article_id=article.id,
        speaker_id=None,
        speaker_text="a Pakistani official",
        text="Our partnership rests on decades of trust,",
        start=article.text.index("Our"),
        end=article.text.index("Our") + 42,
        kind=QuoteKind.DIRECT,
        evidence=_evidence(article, TRUST),
        cue="told",
    )
    start = article.text.index("Ankara has never")
    parts = Quote(
        id="a1-q2",
        article_id=article.id,
        speaker_id="rehan-qadir",
        speaker_text="Rehan Qadir",
        text=PARTS[1 : PARTS.index(",'")],
        start=start,
        end=start + PARTS.index(",'") - 1,
        kind=QuoteKind.DIRECT,
        evidence=_evidence(article, PARTS),
        cue="said",
    )
    name_at = article.text.index("Rehan Qadir")
    analyst = Mention(
        article_id=article.id,
        start=name_at,
        end=name_at + len("Rehan Qadir"),
        text="Rehan Qadir",
        entity_id="rehan-qadir",
        label="PERSON",
        resolution=Resolution.EXACT,
    )
    person = Entity(id="rehan-qadir", kind=EntityKind.PERSON, name="Rehan Qadir")
    return _analysis(article, events, claims, (quote, parts), extra=((analyst, person),))


def _second(article: Article) -> Analysis:
    event = _event(
        article,
        DRONES_2,
        "tb2",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        subtype="arms_transfer",
        source=(Actor(text="Baykar", id="baykar", code="TUR"),),
        target=(PAK,),
        item="Bayraktar TB2",
        year=2022,
    )
    claim = Claim(
        id="a2-cl",
        status=ClaimStatus.ATTRIBUTED,
        evidence=event.evidence,
        event_id=event.id,
        asserted_by=("officials",),
    )
    return _analysis(article, (event,), (claim,), ())


def _third(article: Article) -> Analysis:
    event = _event(
        article,
        RAFALE,
        "rafale",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        subtype="arms_transfer",
        source=(Actor(text="France", id="FRA", code="FRA"),),
        target=(Actor(text="India", id="IND", code="IND"),),
        item="Rafale",
        quantity=36,
        year=2022,
    )
    return _analysis(article, (event,), (), ())


def _analysis(
    article: Article,
    events: tuple[Event, ...],
    claims: tuple[Claim, ...],
    quotes: tuple[Quote, ...],
    extra: tuple[tuple[Mention, Entity], ...] = (),
) -> Analysis:
    mentions = tuple(
        Mention(
            article_id=article.id,
            start=i,
            end=i + 6,
            text="Baykar",
            entity_id="baykar",
            label="ORG",
            resolution=Resolution.EXACT,
        )
        for i in [article.text.find("Baykar")]
        if i >= 0
    )
    entities = (
        (Entity(id="baykar", kind=EntityKind.COMPANY, name="Baykar", country="TUR"),) if mentions else ()
    )
    mentions += tuple(m for m, _ in extra)
    entities += tuple(e for _, e in extra)
    annotated = AnnotatedArticle(article=article, mentions=mentions, entities=entities)
    return Analysis(annotated=annotated, events=events, claims=claims, quotes=quotes)


def build_store(path: Path) -> str:
    """Three articles: two outlets on Turkey–Pakistan ties (one happening told twice), one on France–India."""
    first = _article(
        "a1",
        "theprint",
        20,
        "Turkey and Pakistan deepen defence ties",
        [UPGRADE, DRONES, DENIAL, TRUST, PARTS, EXERCISE],
    )
    second = _article("a2", "dawn", 22, "Pakistan's drone fleet grows", [DRONES_2])
    third = _article("a3", "reuters", 10, "Rafale deliveries to India complete", [RAFALE])
    store = SqliteStore(path)
    for article, analysis in ((first, _first(first)), (second, _second(second)), (third, _third(third))):
        raw = RawDocument(
            uri=f"{article.id}.txt",
            content=article.id.encode(),
            content_type=ContentType.TEXT,
            fetched_at=datetime(2025, 7, 25, tzinfo=UTC),
        )
        article = replace(article, page_id=raw.id)
        analysis = replace(analysis, annotated=replace(analysis.annotated, article=article))
        store.store_batch([(raw, [article])], {article.id: analysis})
    store.close()
    return str(path)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return build_store(tmp_path / "brief.db")
