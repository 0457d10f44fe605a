"""Actor codes of events on short sentences of our own, parsed and resolved by the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from newsift.extract.events import extract_events
from newsift.model import Article, Position
from newsift.nlp import annotate_articles

pytestmark = pytest.mark.model


def _roles(nlp: Any, text: str) -> set[tuple[frozenset[str | None], frozenset[str | None]]]:
    article = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="", body=text)
    annotated = next(annotate_articles([article], nlp=nlp))
    return {
        (frozenset(a.code for a in e.source), frozenset(a.code for a in e.target))
        for e in extract_events(annotated)
    }


def test_events_actors_intergovernmental_body_is_igo(nlp: Any) -> None:
    roles = _roles(nlp, "The United Nations agreed to send food aid to Liberia.")
    assert (frozenset({"IGO"}), frozenset({"LBR"})) in roles


def test_events_actors_state_pronoun_takes_the_clause_subject(nlp: Any) -> None:
    roles = _roles(nlp, "Hungary said on Monday that it will support new sanctions against Serbia.")
    assert any("HUN" in source for source, _ in roles)


def test_events_actors_target_inside_the_complement_clause(nlp: Any) -> None:
    roles = _roles(nlp, "Iran threatened to cut off electricity to Azerbaijan over unpaid bills.")
    assert (frozenset({"IRN"}), frozenset({"AZE"})) in roles
