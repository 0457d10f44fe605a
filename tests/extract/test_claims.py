"""Claims on hand-built parses (no model): denial, allegation, hedges, holders, event links."""

from __future__ import annotations

from newsift.extract.claims.rules import EXTRACTOR, extract_claims
from newsift.extract.events.rules import extract_events
from newsift.model import (
    AnnotatedArticle,
    Article,
    Claim,
    ClaimStatus,
    Entity,
    EntityKind,
    Event,
    Mention,
    Position,
    Resolution,
    Sentence,
    Token,
)

Row = tuple[str, str, str, str, str, int]


def _annotated(rows: list[Row], names: list[tuple[str, str, str]]) -> AnnotatedArticle:
    text, tokens = "", []
    for word, lemma, pos, tag, dep, head in rows:
        if text and word != ".":
            text += " "
        span = {"start": len(text), "end": len(text) + len(word)}
        tokens.append(Token(**span, lemma=lemma, pos=pos, tag=tag, dep=dep, head=head, sentence=0))
        text += word
    article = Article(
        id="c", page_id="p", position=Position.MAIN, index=0, title=text, body="", outlet="Wire"
    )
    mentions = tuple(
        Mention(
            article_id="c",
            start=text.index(n),
            end=text.index(n) + len(n),
            text=n,
            entity_id=e,
            label=label,
            resolution=Resolution.EXACT,
        )
        for n, label, e in names
    )
    entities = tuple(Entity(id=e, kind=EntityKind.COUNTRY, name=n) for n, _, e in names)
    sentence = Sentence(article_id="c", index=0, start=0, end=len(text))
    return AnnotatedArticle(
        article=article, sentences=(sentence,), tokens=tuple(tokens), mentions=mentions, entities=entities
    )


def _delivery(cue: tuple[str, str], hedge: str | None = None) -> AnnotatedArticle:
    """'Egypt [reportedly] <cue> that France delivered missiles to Greece.'"""
    rows: list[Row] = [("Egypt", "Egypt", "PROPN", "NNP", "nsubj", 2)]
    rows.append(
        (hedge, hedge, "ADV", "RB", "advmod", 2) if hedge else ("today", "today", "NOUN", "NN", "npadvmod", 2)
    )
    rows += [
        (cue[0], cue[1], "VERB", "VBD", "ROOT", 2),
        ("that", "that", "SCONJ", "IN", "mark", 5),
        ("France", "France", "PROPN", "NNP", "nsubj", 5),
        ("delivered", "deliver", "VERB", "VBD", "ccomp", 2),
        ("missiles", "missile", "NOUN", "NNS", "dobj", 5),
        ("to", "to", "ADP", "IN", "prep", 5),
        ("Greece", "Greece", "PROPN", "NNP", "pobj", 7),
        (".", ".", "PUNCT", ".", "punct", 2),
    ]
    return _annotated(rows, [("Egypt", "GPE", "EGY"), ("France", "GPE", "FRA"), ("Greece", "GPE", "GRC")])


def _transfer_claim(annotated: AnnotatedArticle) -> tuple[Event, Claim]:
    events = extract_events(annotated)
    (event,) = [e for e in events if e.subtype == "arms_transfer"]
    (claim,) = [c for c in extract_claims(annotated, events) if c.event_id == event.id]
    return event, claim


def test_claims_denial_makes_event_and_claim_denied() -> None:
    event, claim = _transfer_claim(_delivery(("denied", "deny")))
    assert event.status == claim.status == ClaimStatus.DENIED
    assert claim.denied_by == ("EGY",) and claim.cue == "denied"


def test_claims_denier_is_not_the_events_actor() -> None:
    event, _ = _transfer_claim(_delivery(("denied", "deny")))
    assert [a.code for a in event.source] == ["FRA"]
    assert [a.code for a in event.target] == ["GRC"]


def test_claims_allegation_names_who_alleges() -> None:
    _, claim = _transfer_claim(_delivery(("alleged", "allege")))
    assert claim.status == ClaimStatus.ALLEGED and claim.alleged_by == ("EGY",)


def test_claims_confirmation() -> None:
    _, claim = _transfer_claim(_delivery(("confirmed", "confirm")))
    assert claim.status == ClaimStatus.CONFIRMED and claim.asserted_by == ("EGY",)


def test_claims_saying_is_attribution_and_hedges_are_kept() -> None:
    _, claim = _transfer_claim(_delivery(("said", "say")))
    assert claim.status == ClaimStatus.ATTRIBUTED
    assert claim.extractor == EXTRACTOR


def test_claims_a_hedge_outranks_attribution() -> None:
    """'reportedly' is hedged wording: speculated outranks attributed (defence README precedence)."""
    _, claim = _transfer_claim(_delivery(("said", "say"), hedge="reportedly"))
    assert claim.status == ClaimStatus.SPECULATED
    assert claim.hedges == ("reportedly",) and claim.cue == "reportedly"


def test_claims_plain_statement_is_asserted_by_the_outlet() -> None:
    rows: list[Row] = [
        ("France", "France", "PROPN", "NNP", "nsubj", 1),
        ("delivered", "deliver", "VERB", "VBD", "ROOT", 1),
        ("missiles", "missile", "NOUN", "NNS", "dobj", 1),
        (".", ".", "PUNCT", ".", "punct", 1),
    ]
    annotated = _annotated(rows, [("France", "GPE", "FRA")])
    events = extract_events(annotated)
    (claim,) = extract_claims(annotated, events)
    assert (claim.status, claim.asserted_by, claim.event_id) == (
        ClaimStatus.ASSERTED,
        ("Wire",),
        events[0].id,
    )


def test_claims_without_tokens_gives_nothing() -> None:
    article = Article(id="x", page_id="p", position=Position.MAIN, index=0, title="Empty", body="")
    assert extract_claims(AnnotatedArticle(article=article), ()) == ()
