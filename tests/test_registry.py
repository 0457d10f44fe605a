"""The registry: names, what each extractor requires and produces, the start-up check, the choices it
feeds to the settings and the CLI."""

from __future__ import annotations

import pytest

from newsift.cli.app import ExtractorChoice
from newsift.config import EXTRACTORS, LlmSettings, PipelineSettings, Settings
from newsift.errors import ConfigError
from newsift.registry import (
    EXTRACTORS as REGISTERED,
)
from newsift.registry import (
    Extractor,
    analysis_chain,
    check_chain,
    check_registry,
    check_settings,
)


def test_registry_names_snapshot() -> None:
    assert sorted(REGISTERED) == [
        "claims.rules.v4",
        "events.llm.v1",
        "events.rules.v5",
        "nlp.spacy.v4",
        "quotes.rules.v7",
    ]
    assert all(name == entry.name for name, entry in REGISTERED.items())


def test_registry_names_match_the_extractors_own() -> None:
    from newsift.extract import quotes
    from newsift.extract.claims import rules as claims
    from newsift.extract.events import llm, rules
    from newsift.nlp import pipeline

    own = {m.EXTRACTOR for m in (claims, rules, llm, quotes, pipeline)}
    assert own == set(REGISTERED)


def test_registry_feeds_the_settings_and_cli_choices() -> None:
    assert EXTRACTORS == ("rules", "llm")
    assert tuple(str(choice) for choice in ExtractorChoice) == EXTRACTORS


@pytest.mark.parametrize("choice", ["rules", "llm"])
def test_registry_chain_is_in_order(choice: str) -> None:
    check_registry(choice)
    names = [entry.name for entry in analysis_chain(choice)]
    assert names[0] == "nlp.spacy.v4" and names[-1] == "claims.rules.v4"
    assert ("events.llm.v1" in names) == (choice == "llm")


def test_registry_check_names_a_missing_requirement() -> None:
    early = Extractor(name="claims.early.v1", requires=("events",), produces=("claims",))
    with pytest.raises(ConfigError, match=r"claims\.early\.v1 requires events"):
        check_chain([early, REGISTERED["nlp.spacy.v4"]])


def test_registry_check_settings_needs_the_llm_endpoint() -> None:
    check_settings(Settings())
    with pytest.raises(ConfigError, match="NEWSIFT_LLM__BASE_URL"):
        check_settings(Settings(pipeline=PipelineSettings(extractor="llm")))
    check_settings(
        Settings(pipeline=PipelineSettings(extractor="llm"), llm=LlmSettings(base_url="http://x/v1"))
    )


def test_registry_unknown_choice_is_refused_by_the_settings() -> None:
    with pytest.raises(ValueError, match="'gpt'"):
        PipelineSettings(extractor="gpt")
