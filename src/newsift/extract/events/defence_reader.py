"""A second reader of the defence subtypes: a linear model over the stored parse, beside the rules.

Trained by ``bench/train_defence.py`` on sentences written for newsift (``bench/data/defence_train.tsv``)
and shipped as ``extract/data/defence_model.json``; the model class and base features are the PLOVER
typer's (``learned``). The rules stay first and find every trigger and role; this reader only names a
subtype where the civilian gate left a sentence's events without one, and doubts a rule arms transfer
in a sentence it reads as no defence happening. It must not find triggers or actors itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources

from newsift.extract.events.framing import no_happening
from newsift.extract.events.learned import LinearModel, read_model, sentence_features
from newsift.extract.events.lexicon import AIRFRAMES, load_lexicon
from newsift.extract.events.triggers import Trigger
from newsift.extract.parse import Parse
from newsift.extract.syntax import singular
from newsift.model import Event

__all__ = [
    "READER",
    "Candidate",
    "defence_features",
    "gated_subtypes",
    "load_defence_model",
    "second_reading",
    "vetoed",
]

MODEL_FILE = "data/defence_model.json"
NONE = "none"
# The module flag: False leaves the rules alone (as ``passagesearch.MEANING_FALLBACK`` does for answers).
READER = False
# Thresholds picked on our own sentences (out-of-fold, ``bench/train_defence.py --folds 5``) and the
# tune half of the defence dev set only (docs/benchmarks.md).
LIFT_AT = 0.9  # the model's top subtype needs this probability to give a gated sentence a subtype
VETO_AT = 0.95  # 'none' needs this probability to drop a rule arms transfer
_THING_SUBTYPES = frozenset({"arms_transfer", "upgrade"})  # a denial or a review names no thing moved
_FORCES = frozenset({"army", "navy", "naval", "military", "militia", "armed", "airforce"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule trigger of a sentence whose event the gate left without a defence subtype, and how to build
    its event again under another subtype (the rules' own roles, status and attributes)."""

    trigger: Trigger
    framed: bool  # a framing ('deals in general', 'an ability') refused it: no happening to lift
    build: Callable[[str], Event]


@functools.cache
def load_defence_model() -> LinearModel:
    """The shipped model (read once)."""
    return read_model(resources.files("newsift.extract").joinpath(MODEL_FILE))


def defence_features(parse: Parse, index: int) -> list[str]:
    """The PLOVER typer's features plus word classes the defence frames care about: a weapon noun of the
    lexicon, a generic item noun, a military modifier, a force word; and the kinds of the names."""
    lexicon = load_lexicon()
    strong = lexicon.items - lexicon.weak_items - AIRFRAMES - {"arm", "jet"}
    features = sentence_features(parse, index)
    for i in parse.sentence_tokens(index):
        lemma = parse.lemma(i)
        if lemma in strong:
            features.append("d:item")
        elif lemma in lexicon.weak_items or lemma in AIRFRAMES:
            features.append("d:weak")
        if lemma in lexicon.military_modifiers:
            features.append("d:modifier")
        if lemma in lexicon.force_units or lemma in _FORCES:
            features.append("d:force")
    mentions = [m for m in parse.annotated.mentions if m.sentence == index]
    features += [f"m:{kind}" for m in mentions if (kind := parse.kind_of(m)) is not None]
    codes = {c for m in mentions if (c := parse.code_of(m))}
    if len(codes) >= 2:
        features.append("m:two-codes")
    return features


def _reading(parse: Parse, index: int) -> tuple[str, float, float]:
    """The model's top label, its probability, and the probability of no defence happening."""
    probabilities = load_defence_model().probabilities(defence_features(parse, index))
    best = max(probabilities, key=probabilities.__getitem__)
    return best, probabilities[best], probabilities.get(NONE, 0.0)


def second_reading(
    parse: Parse, index: int, events: list[Event], candidates: Sequence[Candidate]
) -> list[Event]:
    """A sentence whose rule events all lack a defence subtype, one of them with actors: when the model
    is confident of one subtype and a trigger of the rules read it so before the civilian gate refused
    it (not a framing), that trigger's event is built again under it, kept if it still holds (see
    ``_holds``). ``events`` and ``candidates`` are parallel (one event per trigger, in order)."""
    if not READER or not gated_subtypes(events, candidates):
        return events
    label, p, _ = _reading(parse, index)
    if label == NONE or p < LIFT_AT:
        return events
    for k in (k for k, c in enumerate(candidates) if c.trigger.subtype == label and not c.framed):
        lifted = candidates[k].build(label)
        if _holds(parse, lifted, label):
            return [*events[:k], lifted, *events[k + 1 :]]
    return events


def gated_subtypes(events: Sequence[Event], candidates: Sequence[Candidate]) -> frozenset[str]:
    """The subtypes the second reader may give a sentence: those of its triggers the civilian gate
    refused (not a framing), when no event kept a subtype and one has actors."""
    if any(e.subtype for e in events) or not any(_has_actors(e) for e in events):
        return frozenset()
    return frozenset(c.trigger.subtype for c in candidates if c.trigger.subtype and not c.framed)


def _holds(parse: Parse, lifted: Event, label: str) -> bool:
    """The rebuilt event is a happening of that subtype: it kept the subtype, a country itself (not only
    a firm of one) is a party (a carmaker supplying a rival is the gate's, not the reader's), it names a thing
    (a weapon or platform noun, or a name) where the frame moves one, and no framing refuses it."""
    if lifted.subtype != label or not _state_party(lifted):
        return False
    if label in _THING_SUBTYPES and not _thing(lifted.item):
        return False
    return no_happening(parse, lifted) is None


def _thing(item: str | None) -> bool:
    """'36 Rafales', 'two more units of the Type 209', 'the vessels': a named system or an item noun
    (weak ones included: the model stands in for the military context), not 'an increase' or 'goods'."""
    if not item:
        return False
    lexicon = load_lexicon()
    head = item.split()[-1]
    nouns = lexicon.items | lexicon.weak_items | AIRFRAMES
    return (
        head.lower() in nouns or singular(head.lower()) in nouns or head[:1].isupper() or head[:1].isdigit()
    )


def vetoed(parse: Parse, index: int) -> bool:
    """Whether the model is very confident the sentence holds no defence happening."""
    return READER and _reading(parse, index)[2] >= VETO_AT


def _state_party(event: Event) -> bool:
    return any(a.id and a.id == a.code for a in (*event.source, *event.target, *event.participants))


def _has_actors(event: Event) -> bool:
    return bool(event.source or event.target or event.participants)
