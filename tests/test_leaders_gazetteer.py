"""The world-leaders gazetteer (leaders.jsonl): every person is well formed and its aliases are safe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.gazetteer import Gazetteer, load_gazetteer
from newsift.model import EntityKind

DATA = Path(__file__).resolve().parents[1] / "src" / "newsift" / "data" / "gazetteer"
# Surnames of leaders that are also ordinary English words or common given names: never an alias alone.
COMMON_WORDS = {
    "May",
    "Major",
    "Brown",
    "Bush",
    "Rice",
    "Gates",
    "Baker",
    "Ford",
    "Carter",
    "Powell",
    "King",
    "Howard",
    "Martin",
    "Clark",
    "Turner",
    "Hunt",
    "Fox",
    "Wallace",
    "Cook",
    "Straw",
    "Begin",
    "Sharon",
    "Moon",
    "Park",
    "Kim",
    "Lee",
    "Lai",
    "Wang",
    "Abbas",
    "Hussein",
    "Khan",
    "Singh",
    "Sharif",
    "Kabila",
}


@pytest.fixture(scope="module")
def leaders() -> list[dict]:
    path = DATA / "leaders.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_size(leaders: list[dict]) -> None:
    assert len(leaders) >= 400


def test_every_leader_is_a_person_with_country_and_title(leaders: list[dict], gaz: Gazetteer) -> None:
    countries = {e.id for e in gaz.by_kind(EntityKind.COUNTRY)}
    for entry in leaders:
        assert entry["kind"] == "person", entry["id"]
        assert entry["country"] in countries, entry["id"]
        assert entry["titles"] and all(t.strip() for t in entry["titles"]), entry["id"]
        assert all(a in gaz.entities for a in entry["affiliations"]), entry["id"]


def test_no_lone_surname_or_common_word_alias(leaders: list[dict]) -> None:
    for entry in leaders:
        last = entry["name"].split()[-1]
        for alias in entry["aliases"]:
            assert alias not in COMMON_WORDS, (entry["id"], alias)
            assert not alias.islower(), (entry["id"], alias)
            if " " not in alias and "-" not in alias and len(entry["name"].split()) > 1:
                assert alias != last, (entry["id"], alias)


def test_aliases_name_no_other_kind_and_no_other_country(leaders: list[dict], gaz: Gazetteer) -> None:
    for entry in leaders:
        for text in [entry["name"], *entry["aliases"]]:
            for other, _ in gaz.lookup(text):
                if other == entry["id"]:
                    continue
                found = gaz.entities[other]
                assert found.kind is EntityKind.PERSON, (entry["id"], text, other)
                assert found.country == entry["country"], (entry["id"], text, other)


@pytest.mark.parametrize(
    ("text", "entity_id", "country"),
    [
        pytest.param("President Bush", "george-w-bush", "USA", id="bush"),
        pytest.param("Prime Minister Iyad Allawi", "iyad-allawi", "IRQ", id="allawi"),
        pytest.param("Yasser Arafat", "yasser-arafat", "PSE", id="arafat"),
        pytest.param("Chancellor Kohl", "helmut-kohl", "DEU", id="kohl"),
        pytest.param("Muammar Qaddafi", "muammar-gaddafi", "LBY", id="qaddafi"),
        pytest.param("Zia ul-Haq", "muhammad-zia-ul-haq", "PAK", id="zia"),
        pytest.param("Juvenal Habyarimana", "juvenal-habyarimana", "RWA", id="habyarimana"),
    ],
)
def test_lookups(gaz: Gazetteer, text: str, entity_id: str, country: str) -> None:
    assert entity_id in {i for i, _ in gaz.lookup(text)}
    assert gaz.country_of(entity_id) == country
