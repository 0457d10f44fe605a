"""The event lexicon, read once from ``data/event_*.json``.

Only loading and shaping here: the meaning of each list is documented in the JSON files and docs/events.md.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsift.model import EventMode, PloverType

__all__ = [
    "DefenceTriggers",
    "EventLexicon",
    "Operator",
    "TypeTriggers",
    "load_lexicon",
]


@dataclass(frozen=True, slots=True)
class TypeTriggers:
    """Triggers of one PLOVER type, with its default mode and tie-break priority."""

    type: PloverType
    mode: EventMode
    priority: int
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    needs_context: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Operator:
    """A verb (or its noun) that retypes its object: 'lift' + 'curfew' is RETREAT."""

    type: PloverType
    verbs: frozenset[str]
    objects: frozenset[str]


@dataclass(frozen=True, slots=True)
class DefenceTriggers:
    """Triggers of one defence subtype and the PLOVER type/mode it maps to (the one mapping)."""

    subtype: str
    type: PloverType
    mode: EventMode
    promised_type: PloverType | None
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    needs_item: bool
    needs_context: frozenset[str]
    recipient_subject: frozenset[str]
    needs_forces: frozenset[str] = frozenset()  # words that count only when what moves is a military force


@dataclass(frozen=True, slots=True)
class EventLexicon:
    types: tuple[TypeTriggers, ...]
    defence: tuple[DefenceTriggers, ...]
    statement_verbs: frozenset[str]
    military: frozenset[str]
    pact: frozenset[str]
    promise: frozenset[str]
    sign: frozenset[str]
    items: frozenset[str]
    weak_items: frozenset[str]
    military_modifiers: frozenset[str]
    sectors: tuple[tuple[str, str], ...]
    actor_labels: frozenset[str]
    programme_nouns: frozenset[str]
    operators: tuple[Operator, ...] = ()
    not_triggers: tuple[tuple[str, ...], ...] = ()
    capacity_heads: frozenset[str] = frozenset()
    commissive: frozenset[str] = frozenset()
    anniversary: frozenset[str] = frozenset()
    anniversary_verbs: frozenset[str] = frozenset()
    as_speech: tuple[tuple[PloverType, PloverType], ...] = ()
    refusal: frozenset[str] = frozenset()
    force_units: frozenset[str] = frozenset()  # 'troop', 'brigade': a military force on its own
    force_generic: frozenset[str] = frozenset()  # 'unit', 'force': one only with a military modifier
    not_goods: frozenset[str] = frozenset()  # 'ordered a review', 'sent a letter': no goods move
    armed: frozenset[str] = frozenset()  # forces, services, units, weapons: see armed_words

    def sector_of(self, word: str) -> str | None:
        word = word.lower()
        return next((sector for key, sector in self.sectors if key == word), None)


# Military words that sport and business share ('a swift attack', 'their defence', 'a strike',
# 'drilled a shot', 'a battle for the title'): no proof of armed forces by themselves.
SHARED_MILITARY = frozenset(
    {"attack", "defence", "defense", "strike", "target", "fighter", "security", "special", "drill",
     "exercise", "combat", "war", "battle", "terror", "terrorist"}
)  # fmt: skip


def armed_words(lexicon: EventLexicon) -> frozenset[str]:
    """Words that show armed forces or weapons alone: forces, services, units, weapons (built once, with
    the lexicon: drill names ask it of every sentence)."""
    return lexicon.armed


# Nouns of a trader in arms: a deal's side, read by the roles and the generic-deal framing
TRADERS = frozenset({"supplier", "buyer", "customer", "exporter", "importer", "seller"})
# Aircraft nouns civil aviation shares: military only with a military word ('attack aircraft')
AIRFRAMES = frozenset({"aircraft", "plane", "airplane"})
# What a lot of weapons travels in: 'a batch of drones arrived', 'the first batch of howitzers'.
CONTAINERS = frozenset({"batch", "shipment", "consignment", "lot", "tranche"})
# participles of a cargo's way: 'rifles bound for X', 'a shipment destined for X', 'headed to X'
BOUND_FOR = frozenset({"bind", "bound", "destine", "destined", "head", "headed"})

# Ships and aircraft: items that move under their own power ('frigates arrived'), fitted with weapons
PLATFORMS = frozenset(
    {"ship", "warship", "frigate", "destroyer", "corvette", "carrier", "submarine", "vessel", "boat", "jet",
     "aircraft", "fighter", "bomber", "helicopter", "plane", "warplane", "airplane"}
)  # fmt: skip


def _read(name: str) -> Any:
    return json.loads(resources.files("newsift.extract").joinpath(f"data/{name}").read_text("utf-8"))


def _phrases(raw: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p) for p in raw.get("phrases", ()))


def _type_triggers(name: str, raw: dict[str, Any], context: dict[str, Any]) -> TypeTriggers:
    return TypeTriggers(
        type=PloverType(name),
        mode=EventMode(raw["mode"]),
        priority=int(raw["priority"]),
        verbs=frozenset(raw["verbs"]),
        nouns=frozenset(raw["nouns"]),
        phrases=_phrases(raw),
        needs_context=frozenset(raw.get("needs_context", ())),
        context=frozenset(context.get(name, ())),
    )


def _operator(raw: dict[str, Any]) -> Operator:
    return Operator(
        type=PloverType(raw["type"]), verbs=frozenset(raw["verbs"]), objects=frozenset(raw["objects"])
    )


def _defence_triggers(name: str, raw: dict[str, Any], mapping: dict[str, Any]) -> DefenceTriggers:
    spec = mapping[name]
    promised = spec.get("promised_type")
    return DefenceTriggers(
        subtype=name,
        type=PloverType(spec["type"]),
        mode=EventMode(spec["mode"]),
        promised_type=PloverType(promised) if promised else None,
        verbs=frozenset(raw["verbs"]),
        nouns=frozenset(raw["nouns"]),
        phrases=_phrases(raw),
        needs_item=bool(raw.get("needs_item")),
        needs_context=frozenset(raw.get("needs_context", ())),
        recipient_subject=frozenset(raw.get("recipient_subject", ())),
        needs_forces=frozenset(raw.get("needs_forces", ())),
    )


@functools.cache
def load_lexicon() -> EventLexicon:
    """The packaged event lexicon (cached: it never changes while a process runs)."""
    main, general = _read("event_lexicon.json"), _read("event_types.json")
    context, items = main["context"], main["items"]
    sectors = tuple((w, s) for s, words in main["sectors"].items() if s != "_doc" for w in words)
    return EventLexicon(
        types=tuple(_type_triggers(k, v, general["context"]) for k, v in general["types"].items()),
        defence=tuple(_defence_triggers(k, v, main["subtypes"]) for k, v in main["defence"].items()),
        statement_verbs=frozenset(general["statement"]["verbs"]),
        military=frozenset(context["military"]),
        pact=frozenset(context["pact"]),
        promise=frozenset(context["promise"]),
        sign=frozenset(context["sign"]),
        items=frozenset(items["nouns"]),
        weak_items=frozenset(items["weak"]),
        military_modifiers=frozenset(items["military_modifiers"]),
        sectors=sectors,
        actor_labels=frozenset(main["actor_labels"]),
        programme_nouns=frozenset(main["programme_nouns"]),
        operators=tuple(_operator(r) for r in general["operators"]["rules"]),
        not_triggers=_phrases(general["not_triggers"]),
        capacity_heads=frozenset(general["capacity_heads"]["nouns"]),
        commissive=frozenset(general["commissive"]["verbs"]),
        anniversary=frozenset(main["anniversary"]["nouns"]),
        anniversary_verbs=frozenset(main["anniversary"]["verbs"]),
        as_speech=tuple(
            (PloverType(k), PloverType(v)) for k, v in general["as_speech"].items() if k != "_doc"
        ),
        refusal=frozenset(general["refusal"]["verbs"]),
        force_units=frozenset(main["force_units"]["specific"]),
        force_generic=frozenset(main["force_units"]["generic"]),
        not_goods=frozenset(items["not_goods"]),
        armed=(frozenset(context["military"]) - SHARED_MILITARY)
        | frozenset(main["force_units"]["specific"])
        | (frozenset(items["nouns"]) - frozenset(items["weak"])),
    )
