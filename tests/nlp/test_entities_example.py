"""Golden must-contain / must-not-contain entity expectations for whole example pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsift.config import load_settings
from newsift.model import AnnotatedArticle, Entity, EntityKind
from newsift.nlp import annotate_articles
from newsift.pipeline.steps import split_input

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Page = list[AnnotatedArticle]


def _annotate_page(path: Path, nlp: Any) -> Page:
    return list(annotate_articles(split_input(str(path), load_settings()), nlp=nlp))


def _entities(page: Page) -> dict[str, Entity]:
    return {e.id: e for annotated in page for e in annotated.entities}


@pytest.fixture(scope="module")
def own_page(nlp: Any) -> Page:
    return _annotate_page(EXAMPLES / "defence-ties-page.txt", nlp)


@pytest.fixture(scope="module")
def shared_page(shared_example: Path, nlp: Any) -> Page:
    return _annotate_page(shared_example, nlp)


# (entity id, kind, country) that must be among the page's canonical entities.
OWN_MUST = [
    ("FRA", EntityKind.COUNTRY, None), ("IND", EntityKind.COUNTRY, None), ("CHN", EntityKind.COUNTRY, None),
    ("dassault-aviation", EntityKind.COMPANY, "FRA"), ("safran", EntityKind.COMPANY, "FRA"),
    ("naval-group", EntityKind.COMPANY, "FRA"), ("mazagon-dock", EntityKind.COMPANY, "IND"),
    ("rafale-m", EntityKind.WEAPON_SYSTEM, "FRA"), ("ins-vikrant", EntityKind.WEAPON_SYSTEM, "IND"),
    ("project-75", EntityKind.PROGRAMME, "IND"), ("indian-navy", EntityKind.MILITARY_UNIT, "IND"),
    ("person:claire-moreau", EntityKind.PERSON, None), ("person:arvind-kulkarni", EntityKind.PERSON, "IND"),
    ("eric-trappier", EntityKind.PERSON, "FRA"), ("narendra-modi", EntityKind.PERSON, "IND"),
    ("emmanuel-macron", EntityKind.PERSON, "FRA"), ("shakti", EntityKind.EVENT, None),
    ("meghalaya", EntityKind.PLACE, "IND"),
]  # fmt: skip
OWN_MUST_NOT = ["person:shakti", "person:kulkarni", "person:moreau", "organisation:meghalaya"]


@pytest.mark.model
@pytest.mark.parametrize(("entity_id", "kind", "country"), OWN_MUST, ids=[r[0] for r in OWN_MUST])
def test_entities_example_own_page_contains(
    own_page: Page, entity_id: str, kind: EntityKind, country: str | None
) -> None:
    entity = _entities(own_page).get(entity_id)
    assert entity is not None, sorted(_entities(own_page))
    assert entity.kind is kind and entity.country == country


@pytest.mark.model
@pytest.mark.parametrize("entity_id", OWN_MUST_NOT)
def test_entities_example_own_page_lacks(own_page: Page, entity_id: str) -> None:
    assert entity_id not in _entities(own_page)


@pytest.mark.model
def test_entities_example_own_page_titles(own_page: Page) -> None:
    entities = _entities(own_page)
    kulkarni = dict(entities["person:arvind-kulkarni"].attributes)
    assert kulkarni["title"] == "Retired Indian Navy commodore" and kulkarni["affiliations"] == "indian-navy"
    assert ("affiliations", "dassault-aviation") in entities["eric-trappier"].attributes


SHARED_MUST = [
    ("havelsan", EntityKind.COMPANY, "TUR"), ("baykar", EntityKind.COMPANY, "TUR"),
    ("aselsan", EntityKind.COMPANY, "TUR"), ("stm", EntityKind.COMPANY, "TUR"),
    ("turkish-aerospace", EntityKind.COMPANY, "TUR"), ("bayraktar-tb2", EntityKind.WEAPON_SYSTEM, "TUR"),
    ("kaan", EntityKind.PROGRAMME, "TUR"), ("jf-17", EntityKind.WEAPON_SYSTEM, "PAK"),
    ("TUR", EntityKind.COUNTRY, None), ("PAK", EntityKind.COUNTRY, None), ("AZE", EntityKind.COUNTRY, None),
    ("ayesha-siddiqa", EntityKind.PERSON, "PAK"), ("kabir-taneja", EntityKind.PERSON, "IND"),
    ("michael-kugelman", EntityKind.PERSON, "USA"), ("recep-tayyip-erdogan", EntityKind.PERSON, "TUR"),
    ("upendra-dwivedi", EntityKind.PERSON, "IND"), ("orf", EntityKind.ORGANISATION, "IND"),
    ("mp-idsa", EntityKind.ORGANISATION, "IND"), ("theprint", EntityKind.OUTLET, "IND"),
    ("nordic-monitor", EntityKind.OUTLET, "SWE"),
]  # fmt: skip


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize(("entity_id", "kind", "country"), SHARED_MUST, ids=[r[0] for r in SHARED_MUST])
def test_entities_example_shared_page_contains(
    shared_page: Page, entity_id: str, kind: EntityKind, country: str | None
) -> None:
    entity = _entities(shared_page).get(entity_id)
    assert entity is not None, sorted(_entities(shared_page))
    assert entity.kind is kind and entity.country == country


@pytest.mark.shared
@pytest.mark.model
def test_entities_example_shared_page_no_confusions(shared_page: Page) -> None:
    mentions = [m for a in shared_page for m in a.mentions]
    assert not [m for m in mentions if m.text in ("HAVELSAN", "Baykar") and m.label == "PERSON"]
    assert not [m for m in mentions if m.text in ("KAAN", "Bayraktar TB-2") and m.label == "ORG"]
    dates = [m.text for m in mentions if m.label == "DATE"]
    assert "Ranikhet" in " ".join(m.text for m in mentions) and "Ranikhet" not in dates
    for annotated in shared_page:
        people = {e.name.split()[-1] for e in annotated.entities if e.kind is EntityKind.PERSON}
        confused = [m.text for m in annotated.mentions if m.text in people and m.label != "PERSON"]
        assert not confused, confused


@pytest.mark.shared
@pytest.mark.model
def test_entities_example_shared_page_titles_and_coreference(shared_page: Page) -> None:
    entities = _entities(shared_page)
    taneja = dict(entities["kabir-taneja"].attributes)
    assert taneja["title"].startswith("Deputy Director") and "Observer Research Foundation" in taneja["title"]
    assert ("title", "Washington-based South Asia analyst") in entities["michael-kugelman"].attributes
    dwivedi = [e for a in shared_page for e in a.entities if e.id == "upendra-dwivedi"]
    assert any(v.startswith("Army chief") for e in dwivedi for k, v in e.attributes if k == "title")
    main = shared_page[0]
    assert {m.entity_id for m in main.mentions if m.text == "Siddiqa"} == {"ayesha-siddiqa"}
    assert {m.entity_id for m in main.mentions if m.text in ("ORF", "Observer Research Foundation")} == {
        "orf"
    }
    outlets = {m.entity_id for a in shared_page for m in a.mentions if m.text in ("ThePrint", "The Print")}
    assert outlets == {"theprint"}
    ankara = [m.role for m in main.mentions if m.text == "Ankara"]
    assert "government" in ankara
