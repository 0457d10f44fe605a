"""The packaged gazetteers load, validate and answer the lookups the annotator relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.errors import ConfigError
from newsift.gazetteer import CATEGORIES, Gazetteer, load_gazetteer
from newsift.model import EntityKind, Resolution


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _ids(gaz: Gazetteer, text: str) -> set[str]:
    return {entity_id for entity_id, _ in gaz.lookup(text)}


def test_loads_every_kind(gaz: Gazetteer) -> None:
    kinds = {entity.kind for entity in gaz.entities.values()}
    assert kinds >= {
        EntityKind.COUNTRY, EntityKind.ORGANISATION, EntityKind.MILITARY_UNIT, EntityKind.OUTLET,
        EntityKind.COMPANY, EntityKind.WEAPON_SYSTEM, EntityKind.PROGRAMME, EntityKind.OPERATION,
        EntityKind.EVENT, EntityKind.PERSON,
    }  # fmt: skip


def test_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


@pytest.mark.parametrize(
    ("kind", "minimum"),
    [
        pytest.param(EntityKind.COUNTRY, 240, id="countries"),
        pytest.param(EntityKind.COMPANY, 120, id="companies"),
        pytest.param(EntityKind.WEAPON_SYSTEM, 200, id="systems"),
        pytest.param(EntityKind.PERSON, 100, id="people"),
        pytest.param(EntityKind.OUTLET, 40, id="outlets"),
    ],
)
def test_minimum_sizes(gaz: Gazetteer, kind: EntityKind, minimum: int) -> None:
    assert len(gaz.by_kind(kind)) >= minimum


def test_ids_are_unique_across_files() -> None:
    data = Path(__file__).resolve().parents[2] / "src" / "newsift" / "data" / "gazetteer"
    ids = [
        json.loads(line)["id"]
        for f in sorted(data.glob("*.jsonl"))
        for line in f.read_text("utf-8").splitlines()
    ]
    assert len(ids) == len(set(ids))


def test_country_fields_are_known_alpha3(gaz: Gazetteer) -> None:
    countries = {entity.id for entity in gaz.by_kind(EntityKind.COUNTRY)}
    for entity in gaz.entities.values():
        codes = [entity.country] if entity.country else []
        codes += [v for k, v in entity.attributes if k in ("partners", "participants")]
        assert set(codes) <= countries, entity.id


def test_countries_have_alpha2_and_unique_codes(gaz: Gazetteer) -> None:
    alpha2 = [gaz.attribute(c.id, "alpha2") for c in gaz.by_kind(EntityKind.COUNTRY)]
    assert all(len(codes) == 1 for codes in alpha2)
    assert len({codes[0] for codes in alpha2}) == len(alpha2)


def test_makers_are_companies(gaz: Gazetteer) -> None:
    for entity in gaz.by_kind(EntityKind.WEAPON_SYSTEM):
        for maker in gaz.attribute(entity.id, "maker"):
            assert gaz.entities[maker].kind is EntityKind.COMPANY, entity.id
        assert gaz.attribute(entity.id, "category")[0] in CATEGORIES


def test_surface_forms_are_clean(gaz: Gazetteer) -> None:
    forms = list(gaz.surface_forms())
    assert forms
    for text, entity_id, how in forms:
        assert text and text == text.strip(), (text, entity_id)
        assert entity_id in gaz.entities
        assert how in {Resolution.EXACT, Resolution.ALIAS, Resolution.DEMONYM, Resolution.METONYM}


def test_turkey(gaz: Gazetteer) -> None:
    assert "Turkish" in gaz.attribute("TUR", "demonyms")
    assert gaz.attribute("TUR", "capital") == ("Ankara",)
    assert ("TUR", Resolution.ALIAS) in gaz.lookup("Türkiye")
    assert ("TUR", Resolution.METONYM) in gaz.lookup("Ankara")
    assert ("TUR", Resolution.DEMONYM) in gaz.lookup("Turkish")


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        pytest.param("TB-2", "bayraktar-tb2", id="tb-2"),
        pytest.param("TB2", "bayraktar-tb2", id="tb2"),
        pytest.param("Bayraktar TB-2", "bayraktar-tb2", id="bayraktar-tb-2"),
        pytest.param("ThePrint", "theprint", id="theprint"),
        pytest.param("The Print", "theprint", id="the-print"),
        pytest.param("First Post", "firstpost", id="first-post"),
        pytest.param("MP-IDSA", "mp-idsa", id="mp-idsa"),
        pytest.param("Turkish Defense Ministry", "turkish-defence-ministry", id="defense-ministry"),
        pytest.param("Kremlin", "RUS", id="kremlin"),
        pytest.param("Rawalpindi", "PAK", id="rawalpindi"),
        pytest.param("Islamabad", "PAK", id="islamabad"),
        pytest.param("New Delhi", "IND", id="new-delhi"),
        pytest.param("Erdoğan", "recep-tayyip-erdogan", id="erdogan"),
        pytest.param("Ivory Coast", "CIV", id="ivory-coast"),
        pytest.param("Burma", "MMR", id="burma"),
        pytest.param("DPRK", "PRK", id="dprk"),
        pytest.param("U.S.", "USA", id="us"),
        pytest.param("Britain", "GBR", id="britain"),
        pytest.param("Emirati", "ARE", id="emirati"),
        pytest.param("Pakistanis", "PAK", id="pakistanis"),
        pytest.param("Agosta 90B", "agosta-90b", id="agosta"),
        pytest.param("Operation Sindoor", "operation-sindoor", id="sindoor"),
        pytest.param("Anatolian Eagle", "anatolian-eagle", id="anatolian-eagle"),
    ],
)
def test_surface_lookup(gaz: Gazetteer, text: str, entity_id: str) -> None:
    assert entity_id in _ids(gaz, text)


def test_spot_checks(gaz: Gazetteer) -> None:
    assert gaz.entities["havelsan"].kind is EntityKind.COMPANY
    assert gaz.country_of("havelsan") == "TUR"
    assert set(gaz.attribute("jf-17", "maker")) & {"pac-kamra", "chengdu-aircraft"}
    assert gaz.entities["kaan"].kind is EntityKind.PROGRAMME
    assert gaz.country_of("kaan") == "TUR"
    assert gaz.country_of("TUR") == "TUR"
    assert gaz.country_of("nato") is None
    assert gaz.country_of("no-such-id") is None
    assert gaz.entities["XKX"].name == "Kosovo"
    assert gaz.attribute("GEO", "ambiguous") == ("true",)
    assert "orf" in gaz.attribute("kabir-taneja", "affiliations")


def _write(folder: Path, name: str, rows: list[str]) -> None:
    (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")


_TUR = '{"id": "TUR", "kind": "country", "name": "Turkey", "alpha2": "TR"}'


def test_custom_directory_loads(tmp_path: Path) -> None:
    _write(tmp_path, "countries.jsonl", [_TUR])
    _write(
        tmp_path,
        "companies.jsonl",
        ['{"id": "aselsan", "kind": "company", "name": "ASELSAN", "country": "TUR"}'],
    )
    gaz = load_gazetteer(tmp_path)
    assert gaz.country_of("aselsan") == "TUR"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param("{not json", "companies.jsonl:2", id="malformed"),
        pytest.param(
            '{"id": "x", "kind": "company", "name": "X", "colour": "red"}', "colour", id="unknown-field"
        ),
        pytest.param('{"id": "x", "kind": "firm", "name": "X"}', "unknown kind", id="bad-kind"),
        pytest.param('{"id": "X Y", "kind": "company", "name": "X"}', "bad id", id="bad-id"),
        pytest.param(
            '{"id": "x", "kind": "company", "name": "X", "country": "ZZZ"}', "ZZZ", id="bad-country"
        ),
        pytest.param(
            '{"id": "x", "kind": "company", "name": "X", "aliases": [""]}', "empty", id="empty-alias"
        ),
        pytest.param('{"id": "ok", "kind": "company", "name": "X"}', "duplicate", id="duplicate"),
        pytest.param(
            '{"id": "x", "kind": "weapon_system", "name": "X", "category": "tank", "maker": "nobody"}',
            "nobody",
            id="bad-maker",
        ),
        pytest.param(
            '{"id": "x", "kind": "company", "name": "X", "titles": ["CEO"]}', "not allowed", id="wrong-field"
        ),
    ],
)
def test_bad_line_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    _write(tmp_path, "countries.jsonl", [_TUR])
    _write(tmp_path, "companies.jsonl", ['{"id": "ok", "kind": "company", "name": "OK"}', line])
    with pytest.raises(ConfigError, match=r"companies\.jsonl:2") as info:
        load_gazetteer(tmp_path)
    assert message in str(info.value)


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no gazetteer files"):
        load_gazetteer(tmp_path)
