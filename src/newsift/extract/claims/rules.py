"""Claims: what an article says happened, with its status, the cue that decided it and who holds it.

One claim per event (same sentence, same status) plus claims for cue sentences without an event
('dismissed the idea'); ``claims.rules.v4``. Never calls spaCy and never changes events.
"""

from __future__ import annotations

from dataclasses import replace

from newsift.extract.claims.cues import ClaimCues, load_claim_cues
from newsift.extract.claims.holders import cue_holders, holder_names
from newsift.extract.claims.modality import Modality, detect_modality
from newsift.extract.claims.status import SentenceCues, top_status
from newsift.extract.parse import Parse
from newsift.model import AnnotatedArticle, Claim, ClaimStatus, Event, Evidence, Quote, SpeakerKind, make_id

__all__ = ["EXTRACTOR", "extract_claims"]

EXTRACTOR = "claims.rules.v4"
_HOLDER_ROLES = {
    ClaimStatus.DENIED: "denied_by",
    ClaimStatus.ALLEGED: "alleged_by",
    ClaimStatus.ATTRIBUTED: "asserted_by",
    ClaimStatus.CONFIRMED: "asserted_by",
    ClaimStatus.SPECULATED: "asserted_by",
    ClaimStatus.PLANNED: "asserted_by",
}
_STANDALONE = (ClaimStatus.DENIED, ClaimStatus.ALLEGED, ClaimStatus.CONFIRMED, ClaimStatus.SPECULATED)


def extract_claims(
    annotated: AnnotatedArticle, events: tuple[Event, ...], quotes: tuple[Quote, ...] = ()
) -> tuple[Claim, ...]:
    """Claims of one article.

    Args:
        annotated: the article the events came from (its parse and mentions are read).
        events: ``extract_events(annotated)``; each gets one claim with ``event_id`` set and the
            same status as the event.

    Returns:
        Claims in text order: event claims, then cue-only claims of sentences without events.
    """
    if not annotated.tokens:
        return ()
    parse, cues = Parse.build(annotated), load_claim_cues()
    top_cue = SentenceCues(parse)
    claims = _one_per_mention(parse, [_event_claim(parse, e, cues, top_cue) for e in events], events, cues)
    covered = {e.evidence.sentence for e in events}
    for sentence in annotated.sentences:
        if sentence.index not in covered:
            claims.extend(_cue_claims(parse, sentence.index, cues, top_cue))
    claims = [_voiced(c, quotes) for c in claims]
    return tuple(sorted(claims, key=lambda c: (c.evidence.start, c.id)))


def _one_per_mention(
    parse: Parse, claims: list[Claim], events: tuple[Event, ...], cues: ClaimCues
) -> list[Claim]:
    """'X denied supplying shells to Y' is one claim, about the arms transfer: the event the cue
    itself names ('denied', a REJECT; 'in talks', a CONSULT) adds no second claim when another
    claim of its sentence carries the same status."""
    words = cues.denial | cues.allegation | cues.speculation | cues.confirmation
    by_id = {e.id: e for e in events}
    cue_events = {c.id for c in claims if _names_cue(parse, by_id.get(c.event_id or ""), c, words)}
    said = {(c.evidence.sentence, c.status) for c in claims if c.id not in cue_events}
    return [c for c in claims if c.id not in cue_events or (c.evidence.sentence, c.status) not in said]


def _names_cue(parse: Parse, event: Event | None, claim: Claim, words: frozenset[str]) -> bool:
    """Whether a general event's trigger is its claim's cue word."""
    if event is None or event.subtype:
        return False
    lemma = parse.lemma(parse.tree.token_at(event.evidence.start))
    trigger = (event.trigger or "").lower()
    return lemma in words or bool(claim.cue and trigger and trigger in claim.cue.lower())


def _voiced(claim: Claim, quotes: tuple[Quote, ...]) -> Claim:
    """A claim made inside a named speaker's quote is the speaker's: ``asserted_by`` is the speaker
    (or whom a spokesperson speaks for; a body named without an entity, as written, when no holder was
    found), and an outlet's plain assertion becomes attributed. Quotes of anonymous sources, media and
    documents change nothing."""
    at = _anchor(claim)
    for quote in quotes:
        written = None if claim.asserted_by else _named_as_written(quote)
        speaker = quote.speaks_for or quote.speaker_id or written
        if not (quote.start <= at < quote.end) or speaker is None:
            continue
        status = ClaimStatus.ATTRIBUTED if claim.status == ClaimStatus.ASSERTED else claim.status
        if status in (ClaimStatus.DENIED, ClaimStatus.ALLEGED):
            return replace(claim, status=status)
        return replace(claim, status=status, asserted_by=(speaker,))
    return claim


def _anchor(claim: Claim) -> int:
    """Where a claim sits: its event's trigger, or for a cue claim over a whole sentence its cue word
    ('A report said the North "is likely to test again"': the hedge is inside the quote)."""
    evidence = claim.evidence
    if claim.cue and evidence.end - evidence.start == len(evidence.text):
        k = evidence.text.lower().find(claim.cue.lower())
        if k >= 0:
            return evidence.start + k
    return evidence.start


def _named_as_written(quote: Quote) -> str | None:
    """'the Kenyan defence ministry said' with no entity: the body or person as written speaks."""
    if quote.speaker_kind in (SpeakerKind.PERSON, SpeakerKind.ORGANISATION):
        return quote.speaker_text
    return None


def _event_claim(parse: Parse, event: Event, cues: ClaimCues, top_cue: SentenceCues) -> Claim:
    modality = detect_modality(parse, parse.tree.token_at(event.evidence.start), cues)
    claim = _claim(parse, modality, event.evidence, event_id=event.id, status=event.status)
    if event.status_cue and event.status != modality.status:
        holders = event.status_by or cue_holders(parse, top_cue(event.evidence.sentence)[2])
        claim = _with_holders(replace(claim, cue=event.status_cue), holders)
    # A claim's status is its sentence's top status (README precedence), even when the cue bears on
    # another clause than the event's trigger ('the claim that X supplied Y is inaccurate').
    status, cue, token = top_cue(event.evidence.sentence)
    if status in _STANDALONE and top_status(claim.status, status) == status != claim.status:
        claim = _with_holders(replace(claim, status=status, cue=cue), cue_holders(parse, token))
    return claim


def _with_holders(claim: Claim, holders: tuple[str, ...]) -> Claim:
    if not holders:
        return claim
    role = _HOLDER_ROLES.get(claim.status, "asserted_by")
    if role == "denied_by":
        return replace(claim, denied_by=holders)
    if role == "alleged_by":
        return replace(claim, alleged_by=holders)
    return replace(claim, asserted_by=holders)


def _claim(
    parse: Parse, modality: Modality, evidence: Evidence, *, event_id: str | None, status: ClaimStatus
) -> Claim:
    holders = holder_names(parse, modality)
    roles: dict[str, tuple[str, ...]] = {"asserted_by": (), "denied_by": (), "alleged_by": ()}
    if status == ClaimStatus.ASSERTED or not holders:
        roles["asserted_by"] = _outlet(parse)
    if holders:
        roles[_HOLDER_ROLES.get(status, "asserted_by")] = holders
    return Claim(
        id=make_id(evidence.article_id, "claim", event_id or f"{evidence.start}:{evidence.end}"),
        status=status,
        evidence=evidence,
        cue=modality.cue,
        event_id=event_id,
        hedges=modality.hedges,
        extractor=EXTRACTOR,
        confidence=0.7 if modality.cue else 0.6,
        **roles,
    )


def _outlet(parse: Parse) -> tuple[str, ...]:
    article = parse.annotated.article
    outlet = article.outlet or article.source
    return (outlet,) if outlet else ()


def _cue_claims(parse: Parse, sentence: int, cues: ClaimCues, top_cue: SentenceCues) -> list[Claim]:
    """A denial, allegation, confirmation or speculation with no event under it is still a claim."""
    tree, out = parse.tree, []
    for i in parse.sentence_tokens(sentence):
        complements = [c for c in tree.children[i] if tree.tokens[c].dep in ("ccomp", "dobj")]
        if not complements or tree.tokens[i].pos != "VERB":
            continue
        modality = detect_modality(parse, complements[0], cues)
        if modality.cue_token != i or modality.status not in _STANDALONE:
            continue
        first, last = tree.subtree(complements[0])
        start, end = tree.span(first, last)
        evidence = Evidence(
            article_id=parse.annotated.article.id,
            sentence=sentence,
            start=start,
            end=end,
            text=parse.annotated.sentence_text(sentence),
        )
        out.append(_claim(parse, modality, evidence, event_id=None, status=modality.status))
    status, cue, token = top_cue(sentence)
    if status in _STANDALONE:
        if out:  # the sentence's top cue decides its claims' status (README precedence)
            return [replace(c, status=top_status(c.status, status)) for c in out]
        evidence = Evidence(
            article_id=parse.annotated.article.id,
            sentence=sentence,
            start=parse.annotated.sentences[sentence].start,
            end=parse.annotated.sentences[sentence].end,
            text=parse.annotated.sentence_text(sentence),
        )
        claim = Claim(
            id=make_id(evidence.article_id, "claim", f"{evidence.start}:{evidence.end}"),
            status=status,
            evidence=evidence,
            cue=cue,
            extractor=EXTRACTOR,
            confidence=0.6,
        )
        out.append(_with_holders(claim, cue_holders(parse, token)))
    return out
