"""The gazetteer ruler: a spaCy component after ``ner`` that labels every sure gazetteer name.

Owns matching surface forms and merging them with the model's entities; resolution is nlp/resolve.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsift.gazetteer import Gazetteer, load_gazetteer
from newsift.model import EntityKind, Resolution

__all__ = ["COMPONENT", "LABELS", "label_for", "merge_entities", "surface_patterns"]

COMPONENT = "newsift_gazetteer"
# The spaCy label a gazetteer kind gets (a demonym of a country is NORP).
LABELS: dict[EntityKind, str] = {
    EntityKind.COUNTRY: "GPE",
    EntityKind.ORGANISATION: "ORG",
    EntityKind.COMPANY: "ORG",
    EntityKind.OUTLET: "ORG",
    EntityKind.MILITARY_UNIT: "ORG",
    EntityKind.PERSON: "PERSON",
    EntityKind.WEAPON_SYSTEM: "PRODUCT",
    EntityKind.PROGRAMME: "PRODUCT",
    EntityKind.OPERATION: "EVENT",
    EntityKind.EVENT: "EVENT",
    EntityKind.PLACE: "GPE",
}
# Things that are named in the plural ("F-16s", "Rafales"): their patterns get an "s" form too.
_PLURAL_KINDS = frozenset({EntityKind.WEAPON_SYSTEM, EntityKind.PROGRAMME})
# Model labels whose span may hold a gazetteer name as part of a longer proper name.
_NAME_LABELS = frozenset({"ORG", "FAC", "EVENT", "LOC", "GPE", "WORK_OF_ART", "LAW", "PERSON", "NORP"})


def label_for(kind: EntityKind, how: Resolution) -> str:
    return "NORP" if how is Resolution.DEMONYM else LABELS[kind]


def surface_patterns(gazetteer: Gazetteer) -> Iterator[tuple[str, str, str]]:
    """(surface text, label, entity id) for every sure form: entities flagged ambiguous are left out."""
    for text, entity_id, how in gazetteer.surface_forms():
        entity = gazetteer.entities[entity_id]
        if ("ambiguous", "true") in entity.attributes and not _disambiguated(text, how):
            continue
        label = label_for(entity.kind, how)
        yield text, label, entity_id
        if entity.kind in _PLURAL_KINDS and text[-1:].isalnum() and not text.endswith("s"):
            yield f"{text}s", label, entity_id


def _disambiguated(text: str, how: Resolution) -> bool:
    """An ambiguous entity's longer alias is still sure ("Exercise Shakti", "Dawn newspaper")."""
    words = text.split()
    return how is Resolution.ALIAS and len(words) >= 2 and words[0].lower() != "the"


class GazetteerRuler:
    """Finds gazetteer names with a PhraseMatcher and merges them into ``doc.ents``."""

    def __init__(self, nlp: Any, gazetteer: Gazetteer | None = None) -> None:
        from spacy.matcher import PhraseMatcher

        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        grouped: dict[str, list[str]] = {}
        for text, label, entity_id in surface_patterns(gazetteer or load_gazetteer()):
            grouped.setdefault(f"{label}|{entity_id}", []).append(text)
        for key, texts in grouped.items():
            self._matcher.add(key, list(nlp.tokenizer.pipe(dict.fromkeys(texts))))
        self._designators = designators(gazetteer or load_gazetteer())

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        matches = []
        for match_id, start, end in self._matcher(doc):
            label, entity_id = doc.vocab.strings[match_id].split("|", 1)
            matches.append(Span(doc, start, end, label=label, kb_id=entity_id))
        covered = {i for m in matches for i in range(m.start, m.end)}
        for token in doc:
            found = None if token.i in covered else variant_of(token.text, self._designators)
            if found is not None:
                matches.append(Span(doc, token.i, token.i + 1, label=found[0], kb_id=found[1]))
        doc.ents = merge_entities(doc.ents, matches)
        return doc


# A system's designator ('FA-50', 'K9', 'Su-35'): letters, an optional hyphen, digits.
_DESIGNATOR = re.compile(r"[A-Za-z]{1,5}-?\d{1,4}")
# A variant written onto it ('FA-50PH', 'K9A1', 'F-16V', 'Su-35S'): capitals, perhaps a digit.
_VARIANT = re.compile(r"(?P<base>[A-Za-z]{1,5}-?\d{1,4})(?P<mark>[A-Z]{1,3}\d?)")


def designators(gazetteer: Gazetteer) -> dict[str, tuple[str, str]]:
    """Designators of weapon systems, from their sure forms and from names that open with one
    ('K9 Thunder' gives 'K9'), mapped to (label, entity id); a designator two systems share is left out."""
    found: dict[str, set[tuple[str, str]]] = {}
    for text, label, entity_id in surface_patterns(gazetteer):
        if gazetteer.entities[entity_id].kind is not EntityKind.WEAPON_SYSTEM:
            continue
        first = text.split()[0]
        if _DESIGNATOR.fullmatch(first):
            found.setdefault(first, set()).add((label, entity_id))
    return {d: next(iter(ids)) for d, ids in found.items() if len(ids) == 1}


def variant_of(text: str, known: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The (label, id) of the system a variant designator belongs to ('FA-50PH' is the FA-50)."""
    match = _VARIANT.fullmatch(text)
    if match is None or text in known:
        return None
    return known.get(match.group("base"))


def merge_entities(model: Iterable[Any], found: Iterable[Any]) -> list[Any]:
    """The gazetteer's spans win over the model's, except where the model saw a longer proper name.

    A model span that strictly contains a gazetteer name and extends it with capitalised words
    ("Turkish Aerospace Industries" around "Turkish") is kept; otherwise the model's label and
    extent yield to the gazetteer ("HAVELSAN" PERSON → ORG, "Pakistan Navy's" → "Pakistan Navy").
    """
    chosen = _longest_first(found)
    kept = [n for n in model if not any(_overlaps(n, m) for m in chosen)]
    for span in sorted(model, key=lambda s: s.start):
        inner = [m for m in chosen if _overlaps(span, m)]
        if inner and all(_extends_name(span, m) for m in inner):
            chosen = [m for m in chosen if m not in inner]
            kept.append(span)
    return sorted([*kept, *chosen], key=lambda s: s.start)


def _longest_first(spans: Iterable[Any]) -> list[Any]:
    taken: set[int] = set()
    result = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not taken.intersection(range(span.start, span.end)):
            result.append(span)
            taken.update(range(span.start, span.end))
    return result


def _overlaps(a: Any, b: Any) -> bool:
    return bool(a.start < b.end and b.start < a.end)


def _extends_name(span: Any, inner: Any) -> bool:
    if span.label_ not in _NAME_LABELS or not (span.start <= inner.start and inner.end <= span.end):
        return False
    if (span.start, span.end) == (inner.start, inner.end):
        return False
    extra = [t for t in span if not inner.start <= t.i < inner.end]
    return any(t.is_alpha and t.text[0].isupper() and t.lower_ != "the" for t in extra)


def register_ruler() -> None:
    """Register the component factory with spaCy (idempotent)."""
    from spacy.language import Language

    if not Language.has_factory(COMPONENT):
        Language.factory(COMPONENT, func=_make_ruler)


def _make_ruler(nlp: Any, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp)
