"""Claims inside a quote are the speaker's (issue 16): found by the claim's own word, not by where its
sentence starts, and held by the speaker's entity (or a body as written when nothing else holds it)."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.claims import extract_claims
from newsift.extract.events import extract_events
from newsift.extract.quotes import extract_quotes
from newsift.model import Article, Claim, ClaimStatus, Position
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _claims(nlp: Any, body: str) -> list[Claim]:
    article = Article(id="v", page_id="p", position=Position.MAIN, index=0, title="Ships", body=body)
    annotated = next(annotate_articles([article], nlp=nlp))
    return list(extract_claims(annotated, extract_events(annotated), extract_quotes(annotated)))


def test_hedged_claim_inside_a_documents_quote_is_held_by_its_issuer(nlp: Any) -> None:
    body = 'A study published by the Lowy Institute said Canberra "is likely to order more submarines".'
    hedged = [c for c in _claims(nlp, body) if c.status is ClaimStatus.SPECULATED]
    assert hedged and all(c.asserted_by and "lowy" in c.asserted_by[0] for c in hedged), hedged


def test_hedged_claim_inside_an_anonymous_quote_is_not_held_by_the_source(nlp: Any) -> None:
    body = 'An official said Canberra "is likely to order more submarines".'
    hedged = [c for c in _claims(nlp, body) if c.status is ClaimStatus.SPECULATED]
    assert hedged and all("official" not in " ".join(c.asserted_by).lower() for c in hedged), hedged


def test_claim_inside_the_quote_of_a_body_without_an_entity_is_held_as_written(nlp: Any) -> None:
    body = (
        "Seoul's defence ministry said in a statement that the launch was "
        '"a grave provocation that threatens the region".'
    )
    quoted = [c for c in _claims(nlp, body) if "threatens" in c.evidence.text and c.evidence.start > 60]
    assert quoted and all(c.status is ClaimStatus.ATTRIBUTED for c in quoted), quoted
    assert all("ministry" in " ".join(c.asserted_by).lower() for c in quoted), quoted


def test_a_holder_found_before_is_kept_for_a_body_without_an_entity(nlp: Any) -> None:
    body = 'The Kenyan defence ministry said in a statement that Italy had "sold six helicopters to Kenya".'
    quoted = [c for c in _claims(nlp, body) if c.event_id]
    assert quoted and all(c.asserted_by == ("KEN",) for c in quoted), quoted
