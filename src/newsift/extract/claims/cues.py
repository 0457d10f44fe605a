"""The claim-cue lexicon (denial, allegation, speculation, hedges, modals...), read once from
``data/claim_cues.json``; the meaning of each list is documented there and in docs/events.md."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

__all__ = ["ClaimCues", "load_claim_cues"]


@dataclass(frozen=True, slots=True)
class ClaimCues:
    denial: frozenset[str]
    denial_phrases: tuple[tuple[str, ...], ...]
    allegation: frozenset[str]
    speculation: frozenset[str]
    confirmation: frozenset[str]
    attribution: frozenset[str]
    hedges: frozenset[str]
    hedge_hints: tuple[tuple[str, str], ...]
    speculative_modals: frozenset[str]
    negators: frozenset[str]
    conditional_marks: frozenset[str]
    future_aux: frozenset[str]
    plan_verbs: frozenset[str]
    expect_verbs: frozenset[str]
    nonfactive: frozenset[str]
    counterfactual: frozenset[str]
    outlet_nouns: frozenset[str]
    report_nouns: frozenset[str] = frozenset()  # what a claim is called: 'the report', 'the allegation'
    implicative: frozenset[str] = frozenset()

    def hint(self, hedge: str) -> str | None:
        return dict(self.hedge_hints).get(hedge)


@functools.cache
def load_claim_cues() -> ClaimCues:
    """The packaged claim-cue lexicon (cached)."""
    raw = json.loads(resources.files("newsift.extract").joinpath("data/claim_cues.json").read_text("utf-8"))
    return ClaimCues(
        denial=frozenset(raw["denial_verbs"] + raw["denial_nouns"]),
        denial_phrases=tuple(tuple(p) for p in raw["denial_phrases"]),
        allegation=frozenset(raw["allegation_verbs"] + raw["allegation_nouns"]),
        speculation=frozenset(raw["speculation_verbs"] + raw["speculation_nouns"]),
        confirmation=frozenset(raw["confirmation_verbs"] + raw["confirmation_nouns"]),
        attribution=frozenset(raw["attribution_verbs"]),
        hedges=frozenset(raw["hedges"]),
        hedge_hints=tuple(sorted(raw["hedge_hints"].items())),
        speculative_modals=frozenset(raw["speculative_modals"]),
        negators=frozenset(raw["negators"]),
        conditional_marks=frozenset(raw["conditional_marks"]),
        future_aux=frozenset(raw["future_aux"]),
        plan_verbs=frozenset(raw["plan_verbs"]),
        expect_verbs=frozenset(raw["expect_verbs"]),
        nonfactive=frozenset(raw["nonfactive_verbs"]),
        counterfactual=frozenset(raw["counterfactual_verbs"]),
        outlet_nouns=frozenset(raw["outlet_nouns"]),
        report_nouns=frozenset(raw["report_nouns"]),
        implicative=frozenset(raw["implicative_verbs"]),
    )
