"""Actors of a noun phrase: the country, body, firm or group a phrase names, with its code and sector.

Codes come only from mentions' entity ids and the article's entities (never from a list of names here).
"""

from __future__ import annotations

from newsift.extract.events.attributes import is_designation
from newsift.extract.events.lexicon import EventLexicon
from newsift.extract.parse import IGO, Parse
from newsift.model import Actor, EntityKind, Mention

__all__ = ["PLACE_KINDS", "actors_at", "clean_name", "is_thing", "prep_kids"]

PLACE_KINDS = frozenset({EntityKind.PLACE, EntityKind.COUNTRY})

_SKIP_DEPS = frozenset({"conj", "cc", "prep", "relcl", "acl", "punct", "advcl", "ccomp"})
_KIND_SECTORS = {EntityKind.COMPANY: "COM", EntityKind.MILITARY_UNIT: "MIL", EntityKind.OUTLET: "MED"}
_NOT_ACTORS = frozenset(
    {EntityKind.WEAPON_SYSTEM, EntityKind.PROGRAMME, EntityKind.OPERATION, EntityKind.EVENT, EntityKind.PLACE}
)
_COUNTRY_LABELS = frozenset({"GPE", "NORP"})
_WORD_PUNCT = frozenset({"-", "'", "’", ".", "(", ")"})
_GENERIC_HEADS = frozenset(
    {"government", "ministry", "army", "navy", "president", "leader", "people", "force"}
)


def actors_at(parse: Parse, head: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """Actors of the noun phrase headed by ``head`` and its conjuncts ('Jordan and Britain')."""
    heads, seen = [head], {head}
    for node in heads:
        for child in parse.tree.kids(node, "conj"):
            if child not in seen:
                heads.append(child)
                seen.add(child)
    unique: dict[tuple[str | None, str], Actor] = {}
    for h in heads:
        for actor in _actors(parse, h, lexicon) or _group_actors(parse, h, lexicon):
            unique.setdefault((actor.code or actor.id, actor.text), actor)
    return tuple(unique.values())


_GROUP_PREPS = frozenset({"of", "from", "by", "in"})


def _group_actors(parse: Parse, head: int, lexicon: EventLexicon) -> list[Actor]:
    """'a group of Moroccan diplomats', 'rebels in the Ivory Coast', 'the return of UN inspectors':
    a common noun naming no one takes the actor of its 'of', 'from' or 'by' phrase (a subject: 'in')."""
    if parse.tree.tokens[head].pos != "NOUN":
        return []
    subject = parse.tree.tokens[head].dep in ("nsubj", "nsubjpass")
    for prep in prep_kids(parse, head, _GROUP_PREPS if subject else _GROUP_PREPS - {"in"}):
        found = [a for p in parse.tree.kids(prep, "pobj") for a in _actors(parse, p, lexicon) if a.code]
        if found:
            return found
    return []


def _phrase(parse: Parse, head: int, lexicon: EventLexicon) -> tuple[int, int]:
    skip = [
        c
        for c in parse.tree.children[head]
        if parse.tree.tokens[c].dep in _SKIP_DEPS and parse.text(c) not in _WORD_PUNCT
    ]
    first, last = parse.tree.subtree(head, without=skip)
    preps = [p for p in parse.tree.kids(head, "prep") if parse.lemma(p) in ("of", "by")]
    if preps and parse.lemma(head) in _GENERIC_HEADS | lexicon.programme_nouns | {"report", "study"}:
        last = max(last, parse.tree.right[preps[0]])
    named = parse.mention_at(head)
    if named is not None:  # a name with a preposition inside: 'Republic of Korea'
        first = min(first, parse.tree.token_at(named.start))
        last = max(last, parse.tree.token_at(named.end - 1))
    return first, last


def is_thing(parse: Parse, mention: Mention, lexicon: EventLexicon) -> bool:
    """Weapon systems, programmes and operations are attributes, not actors ('ATAK helicopter');
    a place is an actor only as the home of a group ('Darfur rebels')."""
    if parse.kind_of(mention) == EntityKind.PLACE and parse.code_of(mention):
        return not _is_home_of(parse, mention, lexicon)
    if parse.kind_of(mention) in _NOT_ACTORS or is_designation(mention.text):
        return True
    if mention.label in _COUNTRY_LABELS or parse.kind_of(mention) == EntityKind.COUNTRY:
        return False
    last = parse.tree.token_at(mention.end - 1)
    nouns = lexicon.items | lexicon.programme_nouns
    following = last + 1 < len(parse.texts) and parse.lemma(last + 1) in nouns
    if following and parse.code_of(mention) == IGO:  # 'UN weapons inspectors' are people
        following = parse.lemma(_np_head(parse, last + 1)) in nouns
    modifies = parse.lemma(_np_head(parse, last)) in nouns
    return following or modifies or parse.lemma(last) in lexicon.items or is_designation(parse.text(last))


def _is_home_of(parse: Parse, mention: Mention, lexicon: EventLexicon) -> bool:
    last = parse.tree.token_at(mention.end - 1)
    token = parse.tree.tokens[last]
    head = token.head
    return (
        token.dep == "compound"
        and parse.tree.tokens[head].pos == "NOUN"
        and parse.lemma(head) not in lexicon.items | lexicon.programme_nouns
    )


def _np_head(parse: Parse, i: int) -> int:
    """Up the modifier chain to the noun a name modifies ('MILGEM-class corvette project' → project)."""
    for _ in range(6):
        token = parse.tree.tokens[i]
        if token.dep not in ("compound", "amod", "nmod", "npadvmod") or token.head == i:
            break
        i = token.head
    return i


def _actors(parse: Parse, head: int, lexicon: EventLexicon) -> list[Actor]:
    first, last = _phrase(parse, head, lexicon)
    mentions = [
        m
        for m in parse.mentions_in(first, last)
        if (m.label in lexicon.actor_labels or m.entity_id)
        and _governed_by(parse, m, head)
        and not is_thing(parse, m, lexicon)
    ]
    if not mentions:
        return []
    sector = _sector(parse, mentions[-1], first, last, lexicon)
    countries = [m for m in mentions if m.label in _COUNTRY_LABELS]
    if len(countries) > 1 and len(countries) == len(mentions):
        return [
            Actor(text=clean_name(m.text), id=m.entity_id, code=parse.code_of(m), sector=sector)
            for m in countries
        ]
    at_head = parse.mention_at(head)
    primary = at_head if at_head in mentions and at_head.label != "NORP" else _primary(parse, mentions)
    code = parse.code_of(primary) or next((c for m in mentions if (c := parse.code_of(m))), None)
    if primary.label == "NORP" and (primary.role == "people" or primary.entity_id is None):
        code = _residence(parse, head) or code
    if code is None and parse.kind_of(primary) == EntityKind.PERSON:
        code = _domestic_code(parse, primary, lexicon)
    text = _np_text(parse, first, last) if primary.label == "NORP" else clean_name(primary.text)
    sector = _sector(parse, primary, first, last, lexicon)
    return [Actor(text=text, id=primary.entity_id, code=code, sector=sector)]


def _residence(parse: Parse, head: int) -> str | None:
    """'ethnic Albanians in south Serbia', 'the Kurds of Syria': a people named with where they live
    act as that country's (as CAMEO codes them); their troops or firms keep their own country."""
    for prep in prep_kids(parse, head, frozenset({"in", "of", "from"})):
        for obj in parse.tree.kids(prep, "pobj"):
            for mention in parse.mentions_in(*parse.tree.subtree(obj)):
                if parse.kind_of(mention) in PLACE_KINDS and mention.label != "NORP":
                    return parse.code_of(mention)
    return None


def _governed_by(parse: Parse, mention: Mention, head: int) -> bool:
    """The mention hangs from the phrase's head (a crossing parse can put another clause's name inside
    the head's token range)."""
    tokens = range(parse.tree.token_at(mention.start), parse.tree.token_at(mention.end - 1) + 1)
    return any(i == head or head in parse.tree.ancestors(i) for i in tokens)


def _domestic_code(parse: Parse, person: Mention, lexicon: EventLexicon) -> str | None:
    """'President X banned Ugandan opposition parties', 'Judge X ... Chilean officials': an official
    whose country is not stated acts at home when the sentence sets the scene in one country only
    (a place, its people or its government; never a bare state name, which may be a foreign party)."""
    entity = parse.entities.get(person.entity_id or "")
    if entity is None or not any(key == "title" for key, _ in entity.attributes):
        return None
    codes = set()
    for mention in parse.annotated.mentions:
        code = parse.code_of(mention) if mention.sentence == person.sentence else None
        if code is None or mention is person or parse.kind_of(mention) == EntityKind.PERSON:
            continue
        if _is_title_of_person(parse, mention):
            continue
        if mention.role in ("state", None) or is_thing(parse, mention, lexicon):
            return None
        codes.add(code)
    return codes.pop() if len(codes) == 1 else None


def _is_title_of_person(parse: Parse, mention: Mention) -> bool:
    """'Chilean leader Ana Rojas': the demonym belongs to another person's title."""
    node = parse.tree.token_at(mention.end - 1)
    for _ in range(4):
        token = parse.tree.tokens[node]
        if token.dep not in ("compound", "amod", "poss", "nmod") or token.head == node:
            return False
        node = token.head
        other = parse.mention_at(node)
        if other is not None and other.label == "PERSON":
            return True
    return False


def clean_name(text: str) -> str:
    if text.lower().startswith("the "):
        text = text[4:]
    for suffix in ("'s", "’s", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _primary(parse: Parse, mentions: list[Mention]) -> Mention:
    """The named thing the phrase is about: a firm or person over a demonym, the last over the first."""
    ranked = sorted(
        mentions, key=lambda m: (m.label != "NORP", parse.kind_of(m) != EntityKind.COUNTRY, m.start)
    )
    return ranked[-1]


def _np_text(parse: Parse, first: int, last: int) -> str:
    while first < last and parse.tree.tokens[first].dep in ("det", "predet"):
        first += 1
    return clean_name(parse.span_text(first, last))


def _sector(parse: Parse, primary: Mention, first: int, last: int, lexicon: EventLexicon) -> str | None:
    kind = parse.kind_of(primary)
    if kind in _KIND_SECTORS:
        return _KIND_SECTORS[kind]
    for i in range(last, first - 1, -1):
        sector = lexicon.sector_of(parse.text(i))
        if sector is not None:
            return sector
    return None


def prep_kids(parse: Parse, node: int, preps: frozenset[str]) -> list[int]:
    """Prepositions under ``node`` whose lemma is one of ``preps``."""
    return [c for c in parse.tree.kids(node, "prep") if parse.lemma(c) in preps]
