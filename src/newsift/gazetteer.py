"""The gazetteers: countries, organisations, firms, systems, programmes, people, places.

Reference data of the ground floor, read by the nlp stage (annotation, resolution), the extractors
(a firm's country) and the briefs alike. Data lives in ``data/gazetteer/*.jsonl``, one entity per line
(schema in docs/gazetteers.md). This module only reads, validates and indexes it; matching text against
the surface forms is the annotator's job.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import NoReturn

import msgspec

from newsift import codec
from newsift.errors import ConfigError, InputError
from newsift.model import Entity, EntityKind, Resolution

__all__ = ["CATEGORIES", "SECTORS", "Gazetteer", "load_gazetteer"]

# Categories of weapon systems, events and organisations (the ``category`` field); extend here and in
# docs/gazetteers.md together.
CATEGORIES = frozenset(
    {
        "fighter", "bomber", "attack_aircraft", "trainer", "transport", "tanker", "aew", "maritime_patrol",
        "drone", "loitering_munition", "helicopter", "submarine", "aircraft_carrier", "amphibious_ship",
        "destroyer", "frigate", "corvette", "support_ship", "air_defence", "missile", "rocket_artillery",
        "artillery", "tank", "armoured_vehicle", "small_arms", "targeting_pod", "radar", "engine",
        "exercise",  # an event that is a military exercise (not an attack or a war)
        "alliance",  # an organisation that is a military alliance (to join it is a defence pact)
        "airliner_maker",  # a company whose jets and planes are airliners unless a military word says not
    }
)  # fmt: skip
# Organisations without a home country: intergovernmental, non-governmental, and international
# militarised groups (CAMEO's IGO, NGO and IMG actor codes).
SECTORS = frozenset({"igo", "ngo", "img"})

_COUNTRY_ID = re.compile(r"[A-Z]{3}")
_ALPHA2 = re.compile(r"[A-Z]{2}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_COMMON = frozenset({"ambiguous", "note"})
_ORG = frozenset({"seats"})
# The optional fields each kind may carry, besides id, kind, name, aliases and country.
_FIELDS: dict[EntityKind, frozenset[str]] = {
    EntityKind.COUNTRY: frozenset({"alpha2", "demonyms", "capital", "seats"}),
    EntityKind.ORGANISATION: frozenset({"seats", "sector", "category"}),
    EntityKind.MILITARY_UNIT: _ORG,
    EntityKind.OUTLET: _ORG,
    EntityKind.PLACE: _ORG,
    EntityKind.COMPANY: frozenset({"parent", "category"}),
    EntityKind.WEAPON_SYSTEM: frozenset({"maker", "category", "partners"}),
    EntityKind.PROGRAMME: frozenset({"maker", "category", "partners"}),
    EntityKind.OPERATION: frozenset({"participants", "year"}),
    EntityKind.EVENT: frozenset({"participants", "year", "category"}),
    EntityKind.PERSON: frozenset({"titles", "affiliations"}),
}
# Attribute order in Entity.attributes; list fields become repeated keys.
_ATTRIBUTES = (
    "alpha2", "demonyms", "capital", "seats", "maker", "category", "partners", "participants", "year",
    "parent", "titles", "affiliations", "sector", "ambiguous", "note",
)  # fmt: skip


class _Row(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One line of a gazetteer file, as written."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    alpha2: str | None = None
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    seats: tuple[str, ...] = ()
    maker: str | tuple[str, ...] | None = None
    category: str | None = None
    partners: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    year: int | None = None
    parent: str | None = None
    titles: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    sector: str | None = None  # organisations: one of SECTORS
    ambiguous: bool = False
    note: str | None = None

    @property
    def makers(self) -> tuple[str, ...]:
        if self.maker is None:
            return ()
        return (self.maker,) if isinstance(self.maker, str) else self.maker


@dataclass(frozen=True, slots=True)
class _Located:
    row: _Row
    where: str  # "countries.jsonl:12"


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Canonical entities by id, and the surface forms (names, aliases, demonyms, metonyms) that name them."""

    entities: dict[str, Entity]
    forms: tuple[tuple[str, str, Resolution], ...] = ()
    _index: dict[str, tuple[tuple[str, Resolution], ...]] = field(default_factory=dict, repr=False)

    def surface_forms(self) -> Iterator[tuple[str, str, Resolution]]:
        """(surface text, entity id, how) for every form; a text may name several entities."""
        return iter(self.forms)

    def lookup(self, text: str) -> tuple[tuple[str, Resolution], ...]:
        """The (entity id, how) pairs an exact surface text names, best first within each entity."""
        return self._index.get(text, ())

    def country_of(self, entity_id: str) -> str | None:
        """A country's own code, or the alpha-3 code an entity belongs to (None: unknown or international)."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return None
        return entity.id if entity.kind is EntityKind.COUNTRY else entity.country

    def by_kind(self, kind: EntityKind | str) -> tuple[Entity, ...]:
        wanted = EntityKind(kind)
        return tuple(e for e in self.entities.values() if e.kind is wanted)

    def attribute(self, entity_id: str, key: str) -> tuple[str, ...]:
        """All values of one attribute (e.g. "demonyms", "maker", "titles") of an entity."""
        entity = self.entities.get(entity_id)
        return tuple(v for k, v in entity.attributes if k == key) if entity else ()


def load_gazetteer(directory: Path | str | None = None) -> Gazetteer:
    """Read and validate every ``*.jsonl`` file of the packaged data (or of ``directory``).

    Cached per directory: the packaged gazetteer is read once per process.

    Raises:
        ConfigError: a line is malformed or refers to an unknown id; the message names file and line.
    """
    return _load(None if directory is None else str(directory))


@functools.cache
def _load(directory: str | None) -> Gazetteer:
    packaged = resources.files("newsift") / "data" / "gazetteer"
    root: Traversable = packaged if directory is None else Path(directory)
    files = sorted((f for f in root.iterdir() if f.name.endswith(".jsonl")), key=lambda f: f.name)
    if not files:
        raise ConfigError(f"{root}: no gazetteer files (*.jsonl)")
    rows = [located for f in files for located in _read(f)]
    _check_references(rows)
    entities = {r.row.id: _entity(r.row) for r in rows}
    forms = tuple(_forms(rows))
    return Gazetteer(entities=entities, forms=forms, _index=_build_index(forms))


def _read(file: Traversable) -> Iterator[_Located]:
    for number, line in enumerate(file.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{file.name}:{number}"
        try:
            row = codec.decode(line, _Row, source=where)
        except InputError as err:
            raise ConfigError(f"gazetteer {where}: {err.reason}") from err
        _check_row(row, where)
        yield _Located(row, where)


def _check_row(row: _Row, where: str) -> None:
    try:
        kind = EntityKind(row.kind)
    except ValueError:
        _fail(where, f"unknown kind {row.kind!r} (one of {', '.join(EntityKind)})")
    pattern = _COUNTRY_ID if kind is EntityKind.COUNTRY else _SLUG
    if not pattern.fullmatch(row.id):
        expected = "ISO alpha-3" if kind is EntityKind.COUNTRY else "a lower-case slug"
        _fail(where, f"bad id {row.id!r} (expected {expected})")
    for text in (row.name, *row.aliases, *row.demonyms, *([row.capital] if row.capital else []), *row.seats):
        if not text.strip() or text != text.strip():
            _fail(where, f"{row.id}: empty or padded name/alias {text!r}")
    allowed = _FIELDS.get(kind, frozenset()) | _COMMON
    extra = {f for f in _ATTRIBUTES if getattr(row, f) not in (None, (), False)} - allowed
    if extra:
        _fail(where, f"{row.id}: field(s) {', '.join(sorted(extra))} not allowed for kind {kind}")
    if kind is EntityKind.COUNTRY and not (row.alpha2 and _ALPHA2.fullmatch(row.alpha2)):
        _fail(where, f"{row.id}: a country needs an ISO alpha-2 code in 'alpha2'")
    if kind is EntityKind.WEAPON_SYSTEM and row.category is None:
        _fail(where, f"{row.id}: a weapon system needs a 'category'")
    if row.category is not None and row.category not in CATEGORIES:
        _fail(where, f"{row.id}: category {row.category!r} is not one of the documented categories")
    if row.sector is not None and row.sector not in SECTORS:
        _fail(where, f"{row.id}: sector {row.sector!r} is not one of {', '.join(sorted(SECTORS))}")


def _check_references(rows: list[_Located]) -> None:
    seen: dict[str, str] = {}
    for r in rows:
        if r.row.id in seen:
            _fail(r.where, f"duplicate id {r.row.id!r} (first at {seen[r.row.id]})")
        seen[r.row.id] = r.where
    countries = {r.row.id for r in rows if r.row.kind == EntityKind.COUNTRY}
    companies = {r.row.id for r in rows if r.row.kind == EntityKind.COMPANY}
    for r in rows:
        row = r.row
        codes = (*([row.country] if row.country else []), *row.partners, *row.participants)
        _expect(r.where, row.id, "country code", codes, countries)
        _expect(r.where, row.id, "maker", (*row.makers, *([row.parent] if row.parent else [])), companies)
        _expect(r.where, row.id, "affiliation", row.affiliations, seen.keys() - countries)


def _expect(where: str, entity_id: str, what: str, values: Iterable[str], known: Iterable[str]) -> None:
    missing = sorted(set(values) - set(known))
    if missing:
        _fail(where, f"{entity_id}: unknown {what} {', '.join(missing)}")


def _fail(where: str, reason: str) -> NoReturn:
    raise ConfigError(f"gazetteer {where}: {reason}")


def _entity(row: _Row) -> Entity:
    return Entity(
        id=row.id,
        kind=EntityKind(row.kind),
        name=row.name,
        aliases=row.aliases,
        country=row.country,
        attributes=tuple(_attributes(row)),
    )


def _attributes(row: _Row) -> Iterator[tuple[str, str]]:
    for key in _ATTRIBUTES:
        value = row.makers if key == "maker" else getattr(row, key)
        if value is None or value is False:
            continue
        if isinstance(value, tuple):
            yield from ((key, item) for item in value)
        elif isinstance(value, bool):
            yield key, "true"
        else:
            yield key, str(value)


def _forms(rows: list[_Located]) -> Iterator[tuple[str, str, Resolution]]:
    for r in rows:
        row, done = r.row, set[str]()
        metonyms = (*([row.capital] if row.capital else []), *row.seats)
        for texts, how in (
            ((row.name,), Resolution.EXACT),
            (row.aliases, Resolution.ALIAS),
            (row.demonyms, Resolution.DEMONYM),
            (metonyms, Resolution.METONYM),
        ):
            for text in texts:
                if text not in done:
                    done.add(text)
                    yield text, row.id, how


_Index = dict[str, tuple[tuple[str, Resolution], ...]]


def _build_index(forms: Iterable[tuple[str, str, Resolution]]) -> _Index:
    index: dict[str, list[tuple[str, Resolution]]] = {}
    for text, entity_id, how in forms:
        index.setdefault(text, []).append((entity_id, how))
    return {text: tuple(pairs) for text, pairs in index.items()}
