"""The registry: every analysis extractor by its versioned name, with what it requires and produces.

One plain dict, written out here (no import-time registration). It feeds the ``pipeline.extractor``
choices of the settings and the CLI, and ``check_registry`` checks the analysis order at start-up. It
imports nothing above the ground floor and no extractor code, so reading it stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsift.errors import ConfigError

if TYPE_CHECKING:
    from newsift.config import Settings

__all__ = [
    "ANALYSIS",
    "EVENT_CHOICES",
    "EXTRACTORS",
    "Extractor",
    "analysis_chain",
    "check_chain",
    "check_registry",
    "check_settings",
    "event_extractor",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Extractor:
    """One registered extractor: ``name`` is ``"<stage>.<impl>.v<N>"`` and is stored with its output."""

    name: str
    requires: tuple[str, ...]  # Analysis fields read, which an earlier extractor must produce
    produces: tuple[str, ...]  # Analysis fields written
    choice: str = ""  # the ``pipeline.extractor`` value that selects it ("" when it always runs)
    settings: tuple[str, ...] = ()  # settings that must be non-empty for it to run
    advised: tuple[str, ...] = ()  # settings named with them when they are missing
    summary: str = ""


_ARTICLE = "article"  # what every analysis starts from

EXTRACTORS: dict[str, Extractor] = {
    "nlp.spacy.v4": Extractor(
        name="nlp.spacy.v4",
        requires=(_ARTICLE,),
        produces=("sentences", "tokens", "mentions", "entities"),
        summary="spaCy sentences and tokens, gazetteer and model entities, resolved to canonical ids",
    ),
    "quotes.rules.v7": Extractor(
        name="quotes.rules.v7",
        requires=("sentences", "tokens", "mentions"),
        produces=("quotes",),
        summary="direct and reported speech with their speakers",
    ),
    "events.rules.v5": Extractor(
        name="events.rules.v5",
        requires=("sentences", "tokens", "mentions", "entities"),
        produces=("events",),
        choice="rules",
        summary="PLOVER events from trigger words and parses (offline, the default)",
    ),
    "events.llm.v1": Extractor(
        name="events.llm.v1",
        requires=("sentences", "mentions", "entities", "events"),
        produces=("events",),
        choice="llm",
        settings=("llm.base_url",),
        advised=("llm.model",),
        summary="events read by an OpenAI-compatible endpoint; the rules' events where it fails",
    ),
    "claims.rules.v4": Extractor(
        name="claims.rules.v4",
        requires=("sentences", "events", "quotes"),
        produces=("claims",),
        summary="claims with their status, from the events and the quotes",
    ),
}

# The analysis chain, in run order; an event slot takes the extractor the settings choose.
ANALYSIS: tuple[str, ...] = ("nlp.spacy.v4", "quotes.rules.v7", "events.rules.v5", "claims.rules.v4")
EVENT_CHOICES: tuple[str, ...] = tuple(e.choice for e in EXTRACTORS.values() if e.name.startswith("events."))


def event_extractor(choice: str) -> Extractor:
    """The event extractor a ``pipeline.extractor`` value selects.

    Raises:
        ConfigError: no event extractor has that choice.
    """
    for entry in EXTRACTORS.values():
        if entry.name.startswith("events.") and entry.choice == choice:
            return entry
    raise ConfigError(f"unknown event extractor {choice!r} (pipeline.extractor: {', '.join(EVENT_CHOICES)})")


def analysis_chain(choice: str) -> tuple[Extractor, ...]:
    """The extractors one analysis runs, in order, with ``choice`` for the events. The llm one runs
    after the rules (it keeps their events where a request fails)."""
    chain = [EXTRACTORS[name] for name in ANALYSIS]
    chosen = event_extractor(choice)
    if chosen.name not in ANALYSIS:
        at = ANALYSIS.index("events.rules.v5") + 1
        chain.insert(at, chosen)
    return tuple(chain)


def check_registry(choice: str = "rules") -> None:
    """Check at start-up that each extractor of the chain finds what it requires produced before it.

    Raises:
        ConfigError: an extractor requires a field no earlier one produces (the message names both).
    """
    check_chain(analysis_chain(choice))


def check_chain(chain: Sequence[Extractor]) -> None:
    """Check that each extractor of ``chain`` finds what it requires produced before it.

    Raises:
        ConfigError: an extractor requires a field no earlier one produces (the message names both).
    """
    available = {_ARTICLE}
    for entry in chain:
        missing = [field for field in entry.requires if field not in available]
        if missing:
            needs = ", ".join(missing)
            raise ConfigError(f"extractor {entry.name} requires {needs}, produced by none before it")
        available.update(entry.produces)


def check_settings(settings: Settings) -> None:
    """Fail before any work when the chosen event extractor cannot run with these settings.

    Raises:
        ConfigError: a setting the chosen extractor needs is empty (the message names it).
    """
    entry = event_extractor(settings.pipeline.extractor)
    check_registry(entry.choice)
    if all(_setting(settings, key) for key in entry.settings):
        return
    keys = (*entry.settings, *entry.advised)
    raise ConfigError(
        f"the {entry.choice} event extractor needs an endpoint: set "
        + " and ".join(f"{key} (NEWSIFT_{key.upper().replace('.', '__')})" for key in keys)
    )


def _setting(settings: Settings, key: str) -> object:
    value: object = settings
    for part in key.split("."):
        value = getattr(value, part)
    return value
