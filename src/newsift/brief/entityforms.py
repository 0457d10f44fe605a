"""The entities a question names: the gazetteer's and the stored names and aliases, demonyms, seats and
capitals, read longest first; and every surface form of one entity. Reads the gazetteer; no store access.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from newsift.brief.passages import normalize_designators
from newsift.gazetteer import load_gazetteer
from newsift.model import Entity, EntityKind, Resolution

__all__ = [
    "POSSESSIVE_END",
    "QUESTION_WORD",
    "demonyms_of",
    "entity_forms",
    "find_entities",
    "item_ids",
    "name_index",
    "named_non_persons",
    "place_ids",
    "seat_forms",
]

_MAX_WORDS = 5
# A possessive ending ('India's'), and a word of a question as the entity index reads it ('F-16', 'AT&T').
POSSESSIVE_END = re.compile(r"['’]s$")
QUESTION_WORD = re.compile(r"[\w&'’.-]+")
# Entity kinds that are what is supplied, never a party to a supply ('Who sold Rafale jets to India?').
_ITEM_KINDS = frozenset({EntityKind.WEAPON_SYSTEM, EntityKind.PROGRAMME})


def item_ids(stored: tuple[Entity, ...]) -> frozenset[str]:
    """The ids of weapon systems and programmes: the gazetteer's and the stored ones."""
    known = {e.id for e in _gazetteer_items()}
    return frozenset(known | {e.id for e in stored if e.kind in _ITEM_KINDS})


def place_ids(stored: tuple[Entity, ...]) -> frozenset[str]:
    """The ids of places and countries: the gazetteer's and the stored ones."""
    return _gazetteer_places() | {e.id for e in stored if e.kind in _PLACE_KINDS}


@functools.cache
def _gazetteer_places() -> frozenset[str]:
    return frozenset(e.id for e in load_gazetteer().entities.values() if e.kind in _PLACE_KINDS)


@functools.cache
def seat_forms() -> frozenset[str]:
    """The gazetteer's seats and capitals standing for an entity ('Brussels' for the EU, 'Seoul' for South
    Korea): places in their own right."""
    return frozenset(f for f, _, how in load_gazetteer().surface_forms() if how is Resolution.METONYM)


@functools.cache
def _gazetteer_items() -> tuple[Entity, ...]:
    return tuple(e for e in load_gazetteer().entities.values() if e.kind in _ITEM_KINDS)


# Demonyms of nations and regions that are no country of the gazetteer (general knowledge); a regular one is
# read by rule: 'Bavarian' names Bavaria, 'Kashmiri' Kashmir.
_DEMONYMS = {
    "Scottish": "Scotland", "Scots": "Scotland", "Welsh": "Wales", "English": "England",
    "Cornish": "Cornwall", "Texan": "Texas", "Flemish": "Flanders", "Catalan": "Catalonia",
    "Breton": "Brittany",
    "European": "Europe", "Caribbean": "Caribbean", "Balkan": "Balkans",
}  # fmt: skip


_PLACE_KINDS = frozenset({EntityKind.PLACE, EntityKind.COUNTRY})


def _places_named(demonym: str) -> list[str]:
    """The place names a capitalised word may be the demonym of ('Scottish' → Scotland, 'Bavarian' →
    Bavaria, 'Kashmiri' → Kashmir); empty for other words."""
    if not demonym[:1].isupper() or len(demonym) < 5:
        return []
    by_rule = [demonym[:-1]] if demonym.endswith(("an", "i")) else []
    return [*([_DEMONYMS[demonym]] if demonym in _DEMONYMS else []), *by_rule]


def demonyms_of(name: str) -> list[str]:
    """The demonyms of a place name by the same table, else the rules ('Scotland' → Scottish, Scots;
    'Bavaria' → Bavarian; 'Kashmir' → Kashmiri)."""
    listed = [d for d, place in _DEMONYMS.items() if place == name]
    if listed or " " in name or not name[:1].isupper():
        return listed
    return [*listed, name + "n" if name.endswith("a") else name + "i"]


_Index = tuple[dict[str, str], dict[str, str]]


def find_entities(text: str, index: _Index, places: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(position, entity id) for the longest known forms in the text, left to right; a demonym names one of
    the ``places``."""
    exact, folded = index
    words = list(QUESTION_WORD.finditer(text))
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            span = POSSESSIVE_END.sub("", text[words[i].start() : words[i + n - 1].end()]).rstrip(".?'’")
            # Case-blind only for a capitalised span: 'telecoms' in a question is not the NER's 'Telecoms'.
            entity_id = exact.get(span) or (folded.get(_fold(span)) if span[:1].isupper() else None)
            if not entity_id and n == 1:  # a demonym of a region or nation the index names ('Scottish')
                named = (exact.get(p) for p in _places_named(span))
                entity_id = next((e for e in named if e in places), None)
            if entity_id:
                found.append((words[i].start(), entity_id))
                i += n - 1
                break
        i += 1
    return found


def name_index(stored: tuple[Entity, ...]) -> _Index:
    """Exact forms, and case-folded forms of more than three letters (gazetteer first, then stored)."""
    exact, folded = (dict(d) for d in _gazetteer_index())
    for entity in stored:
        # A stored name without a capital ('budget', 'telecoms') is an NER slip, not a name to look for.
        for form in (f for f in (entity.name, *entity.aliases) if any(c.isupper() for c in f)):
            exact.setdefault(form, entity.id)
            if len(form) > 3:
                folded.setdefault(_fold(form), entity.id)
    return exact, folded


@functools.cache
def _gazetteer_index() -> _Index:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for form, entity_id, _ in load_gazetteer().surface_forms():
        exact.setdefault(form, entity_id)
        if len(form) > 3 and form[:1].isupper():
            folded.setdefault(_fold(form), entity_id)
    return exact, folded


def _fold(form: str) -> str:
    """A form compared case-blind with its designators closed up ('Bayraktar TB-2' meets 'Bayraktar TB2')."""
    return normalize_designators(form).casefold()


def entity_forms(entity_id: str, stored: Iterable[Entity] = ()) -> tuple[str, ...]:
    """Every surface form naming the entity (name, aliases, demonyms, capital and seats), longest first; a
    place without a demonym of the gazetteer gets its own by ``demonyms_of`` ('Scottish', 'Bavarian')."""
    forms: set[str] = set()
    has_demonym = False
    for form, found, how in load_gazetteer().surface_forms():
        if found == entity_id:
            forms.add(form)
            has_demonym = has_demonym or how is Resolution.DEMONYM
    gazetteer = load_gazetteer().entities.get(entity_id)
    kinds = {gazetteer.kind} if gazetteer else set()
    for entity in stored:
        if entity.id == entity_id:
            forms.update((entity.name, *entity.aliases))
            kinds.add(entity.kind)
    if kinds & _PLACE_KINDS and not has_demonym:
        forms.update(d for f in list(forms) for d in demonyms_of(f))
    return tuple(sorted(forms, key=len, reverse=True))


@functools.cache
def named_non_persons() -> frozenset[str]:
    """The gazetteer's names of countries, places, bodies, firms and outlets ('United Kingdom', 'Financial
    Times'): capitalised words in a row that name no person."""
    entities = load_gazetteer().entities
    return frozenset(
        form
        for form, entity_id, _ in load_gazetteer().surface_forms()
        if (entity := entities.get(entity_id)) is not None and entity.kind is not EntityKind.PERSON
    )
