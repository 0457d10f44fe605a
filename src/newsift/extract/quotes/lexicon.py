"""The cue lexicon of the quote extractor, read once from ``quotes/data/cues.json``."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

__all__ = ["Lexicon", "SourceWords", "load_lexicon"]


@dataclass(frozen=True, slots=True)
class SourceWords:
    """Words that tell what a source span names (``source_kinds`` in the data file)."""

    person_nouns: frozenset[str]
    anonymous_modifiers: frozenset[str]
    indefinite_determiners: frozenset[str]
    outlet_nouns: frozenset[str]
    news_words: frozenset[str]
    organisation_nouns: frozenset[str]
    country_nouns: frozenset[str]
    spokes_words: frozenset[str]
    document_nouns: frozenset[str]
    generic_heads: frozenset[str]
    pronouns_things: frozenset[str]
    pronouns_relative: frozenset[str]
    pronouns_other: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech: frozenset[str]
    cognition: frozenset[str]
    stance: frozenset[str]
    agreement: frozenset[str]
    addressee_verbs: frozenset[str]
    verdict_verbs: frozenset[str]
    addressee_nouns: frozenset[str]
    media: frozenset[str]
    source_nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    male: frozenset[str]
    female: frozenset[str]
    title_words: frozenset[str]
    abbreviations: tuple[tuple[str, str], ...]
    kinds: SourceWords
    given_male: frozenset[str] = frozenset()
    given_female: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()  # 'Mr', 'Ms': always before a surname

    def expand(self, word: str) -> str:
        """'Gen.' → 'general': the full form of a title abbreviation, lower-cased."""
        key = word.lower().rstrip(".")
        return dict(self.abbreviations).get(key, key)

    @property
    def cues(self) -> frozenset[str]:
        return self.speech | self.cognition | self.stance | self.agreement


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon (cached: it never changes while a process runs)."""
    raw = json.loads(resources.files("newsift.extract.quotes").joinpath("data/cues.json").read_text("utf-8"))
    pronouns = raw["pronouns"]
    names = json.loads(
        resources.files("newsift.extract.quotes").joinpath("data/given_names.json").read_text("utf-8")
    )
    return Lexicon(
        speech=frozenset(raw["speech_verbs"]),
        cognition=frozenset(raw["cognition_verbs"]),
        stance=frozenset(raw["stance_verbs"]),
        agreement=frozenset(raw["agreement_verbs"]),
        addressee_verbs=frozenset(raw["addressee_verbs"]),
        verdict_verbs=frozenset(raw["verdict_verbs"]),
        addressee_nouns=frozenset(raw["addressee_nouns"]),
        media=frozenset(raw["medium_nouns"]),
        source_nouns=frozenset(raw["source_nouns"]),
        phrases=tuple(tuple(p) for p in raw["phrasal_cues"]),
        male=frozenset(pronouns["male"] + pronouns["honorific_male"]),
        female=frozenset(pronouns["female"] + pronouns["honorific_female"]),
        title_words=frozenset(raw["title_words"]),
        abbreviations=tuple(sorted(raw["title_abbreviations"].items())),
        kinds=SourceWords(**{k: frozenset(v) for k, v in raw["source_kinds"].items()}),
        given_male=frozenset(names["male"]),
        given_female=frozenset(names["female"]),
        honorifics=frozenset(("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss")),
    )
