"""The word lists of entity resolution, read once from ``nlp/data/lexicon.json``; no logic here."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

__all__ = ["ResolveLexicon", "load_resolve_lexicon"]


@dataclass(frozen=True, slots=True)
class ResolveLexicon:
    title_words: frozenset[str]
    honorifics: frozenset[str]
    government_nouns: frozenset[str]
    military_nouns: frozenset[str]
    people_nouns: frozenset[str]
    locative_preps: frozenset[str]
    date_words: frozenset[str]
    generic_names: frozenset[str]
    connectors: frozenset[str]
    speech_verbs: frozenset[str]
    office_words: frozenset[str]
    organisation_heads: frozenset[str]
    name_particles: frozenset[str]


@functools.cache
def load_resolve_lexicon() -> ResolveLexicon:
    raw = json.loads((resources.files("newsift.nlp") / "data" / "lexicon.json").read_text("utf-8"))
    fields = ResolveLexicon.__dataclass_fields__
    return ResolveLexicon(**{name: frozenset(w.lower() for w in raw[name]) for name in fields})
