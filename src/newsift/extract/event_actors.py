"""Who did what to whom: source and target actors of a trigger, from the parse and resolved mentions.

Codes come only from mentions' entity ids and the article's entities (never from a list of names here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.extract.event_attributes import is_designation
from newsift.extract.event_lexicon import EventLexicon
from newsift.extract.event_parse import Parse
from newsift.model import Actor, EntityKind, Mention

__all__ = ["Roles", "actors_at", "extract_roles"]

_TARGET_PREPS = frozenset({"to", "with", "against", "on", "for", "toward", "towards", "into", "upon"})
_SOURCE_PREPS = frozenset({"by", "from"})
_WITH_PREPS = frozenset({"alongside"})
_SKIP_DEPS = frozenset({"conj", "cc", "prep", "relcl", "acl", "punct", "advcl", "ccomp"})
_CLIMB_DEPS = frozenset(
    {"xcomp", "acl", "dobj", "attr", "appos", "conj", "oprd", "nsubjpass", "compound", "amod", "acomp"}
)
_KIND_SECTORS = {EntityKind.COMPANY: "COM", EntityKind.MILITARY_UNIT: "MIL", EntityKind.OUTLET: "MED"}
_NOT_ACTORS = frozenset(
    {EntityKind.WEAPON_SYSTEM, EntityKind.PROGRAMME, EntityKind.OPERATION, EntityKind.EVENT, EntityKind.PLACE}
)
_COUNTRY_LABELS = frozenset({"GPE", "NORP"})
_GENERIC_HEADS = frozenset(
    {"government", "ministry", "army", "navy", "president", "leader", "people", "force"}
)


@dataclass(frozen=True, slots=True)
class Roles:
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()


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
        for actor in _actors(parse, h, lexicon):
            unique.setdefault((actor.code or actor.id, actor.text), actor)
    return tuple(unique.values())


def _phrase(parse: Parse, head: int, lexicon: EventLexicon) -> tuple[int, int]:
    skip = [c for c in parse.tree.children[head] if parse.tree.tokens[c].dep in _SKIP_DEPS]
    first, last = parse.tree.subtree(head, without=skip)
    preps = [p for p in parse.tree.kids(head, "prep") if parse.lemma(p) in ("of", "by")]
    if preps and parse.lemma(head) in _GENERIC_HEADS | lexicon.programme_nouns | {"report", "study"}:
        last = max(last, parse.tree.right[preps[0]])
    return first, last


def _is_thing(parse: Parse, mention: Mention, lexicon: EventLexicon) -> bool:
    """Weapon systems, programmes and operations are attributes, not actors ('ATAK helicopter')."""
    if parse.kind_of(mention) in _NOT_ACTORS or is_designation(mention.text):
        return True
    if mention.label in _COUNTRY_LABELS or parse.kind_of(mention) == EntityKind.COUNTRY:
        return False
    last = parse.tree.token_at(mention.end - 1)
    nouns = lexicon.items | lexicon.programme_nouns
    following = last + 1 < len(parse.texts) and parse.lemma(last + 1) in nouns
    modifies = parse.lemma(_np_head(parse, last)) in nouns
    return following or modifies or parse.lemma(last) in lexicon.items or is_designation(parse.text(last))


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
        if (m.label in lexicon.actor_labels or m.entity_id) and not _is_thing(parse, m, lexicon)
    ]
    if not mentions:
        return []
    sector = _sector(parse, mentions[-1], first, last, lexicon)
    countries = [m for m in mentions if m.label in _COUNTRY_LABELS]
    if len(countries) > 1 and len(countries) == len(mentions):
        return [
            Actor(text=_clean(m.text), id=m.entity_id, code=parse.code_of(m), sector=sector)
            for m in countries
        ]
    primary = _primary(parse, mentions)
    code = parse.code_of(primary) or next((c for m in mentions if (c := parse.code_of(m))), None)
    text = _np_text(parse, first, last) if primary.label == "NORP" else _clean(primary.text)
    sector = _sector(parse, primary, first, last, lexicon)
    return [Actor(text=text, id=primary.entity_id, code=code, sector=sector)]


def _clean(text: str) -> str:
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
    return _clean(parse.span_text(first, last))


def _sector(parse: Parse, primary: Mention, first: int, last: int, lexicon: EventLexicon) -> str | None:
    kind = parse.kind_of(primary)
    if kind in _KIND_SECTORS:
        return _KIND_SECTORS[kind]
    for i in range(last, first - 1, -1):
        sector = lexicon.sector_of(parse.text(i))
        if sector is not None:
            return sector
    return None


def extract_roles(
    parse: Parse,
    tokens: Sequence[int],
    lexicon: EventLexicon,
    *,
    inverse: bool = False,
    owner_acts: bool = False,
    stops: frozenset[str] = frozenset(),
    supplier_from: bool = False,
) -> Roles:
    """Source and target of a trigger (its tokens, head first).

    ``inverse`` when the subject receives ('Poland bought ...'); ``owner_acts`` when the owner of the
    moved thing acts ('landings of Turkish aircraft') rather than receives ('upgrade of Pakistan's
    jets'); ``supplier_from`` when 'from X' names the supplier of a deal; ``stops`` are lemmas
    (cue verbs such as 'deny') whose subject is never the event's actor.
    """
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    for token in tokens:
        s, t = _direct_roles(parse, token, lexicon)
        source, target = source or s, target or t
    head = tokens[0]
    if owner_acts and not source:
        source = _item_owner(parse, head, lexicon)
    if not source or not target:
        s, t = _climb(parse, head, lexicon, stops)
        source, target = source or s, target or t
    if not target and not owner_acts:
        target = _item_owner(parse, head, lexicon)
    if not target:
        target = _deep_target(parse, head, lexicon, source)
    if inverse:
        source, target = _invert(parse, head, source, target, lexicon)
    elif supplier_from:
        supplier = _from_actors(parse, head, lexicon)
        if supplier and not set(supplier) & set(source):
            source, target = supplier, target or source
    source += tuple(a for p in _kids(parse, head, _WITH_PREPS) for a in _pobj_actors(parse, p, lexicon))
    target = tuple(a for a in target if a not in source) or target
    return Roles(source=source, target=target)


def _deep_target(
    parse: Parse, trigger: int, lexicon: EventLexicon, source: tuple[Actor, ...]
) -> tuple[Actor, ...]:
    """'threatened to cut off electricity to X': a target named inside the trigger's complement clause."""
    tree = parse.tree
    frontier = [c for c in tree.children[trigger] if tree.tokens[c].dep in ("xcomp", "ccomp", "dobj")]
    codes = {a.code for a in source}
    for _ in range(3):
        found: list[Actor] = []
        for node in frontier:
            found += [a for a in _direct_roles(parse, node, lexicon)[1] if a.code and a.code not in codes]
        if found:
            return tuple(found)
        frontier = [c for n in frontier for c in tree.children[n] if tree.tokens[c].dep in _DEEP_DEPS]
    return ()


_DEEP_DEPS = frozenset({"xcomp", "ccomp", "dobj", "prep", "pobj", "conj", "advcl"})


def _kids(parse: Parse, node: int, preps: frozenset[str]) -> list[int]:
    return [c for c in parse.tree.kids(node, "prep") if parse.lemma(c) in preps]


def _direct_roles(
    parse: Parse, trigger: int, lexicon: EventLexicon
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    tree = parse.tree
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    is_noun = tree.tokens[trigger].pos in ("NOUN", "PROPN")
    for child in tree.children[trigger]:
        dep, lemma = tree.tokens[child].dep, parse.lemma(child)
        if dep in ("nsubj", "poss") and not source:
            source = actors_at(parse, child, lexicon) or _antecedent_actors(parse, child, lexicon)
        elif dep == "agent" or (dep == "prep" and lemma == "by"):
            source = _pobj_actors(parse, child, lexicon) or source
        elif dep in ("dobj", "dative", "iobj", "nsubjpass") and not target:
            target = actors_at(parse, child, lexicon) or _pobj_actors_of(parse, child, lexicon, {"to"})
        elif dep == "prep" and lemma in _TARGET_PREPS and not target:
            target = _pobj_actors(parse, child, lexicon)
        elif dep in ("ccomp", "xcomp") and not target:
            target = tuple(a for s in tree.kids(child, "nsubj") for a in actors_at(parse, s, lexicon))
        elif dep in ("compound", "amod", "nmod") and is_noun and not source:
            source = tuple(a for a in actors_at(parse, child, lexicon) if a.code or _is_demonym(parse, child))
    return source, target


_PRONOUNS = frozenset({"it", "they", "its", "their"})


def _antecedent_actors(parse: Parse, pronoun: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'Hungary said it will support ...': a state pronoun takes the subject of the clause above it."""
    tree = parse.tree
    if tree.tokens[pronoun].pos != "PRON" or parse.lemma(pronoun) not in _PRONOUNS:
        return ()
    node = tree.tokens[pronoun].head
    for _ in range(3):
        head = tree.tokens[node].head
        if head == node:
            return ()
        node = head
        for subject in tree.kids(node, "nsubj", "nsubjpass"):
            found = tuple(a for a in actors_at(parse, subject, lexicon) if a.code)
            if found:
                return found
    return ()


def _is_demonym(parse: Parse, i: int) -> bool:
    mention = parse.mention_at(i)
    return mention is not None and mention.label == "NORP"


def _pobj_actors(parse: Parse, prep: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    return tuple(a for p in parse.tree.kids(prep, "pobj") for a in actors_at(parse, p, lexicon))


def _pobj_actors_of(parse: Parse, noun: int, lexicon: EventLexicon, preps: set[str]) -> tuple[Actor, ...]:
    """'banned arms exports to India': the 'to' of the object names the target."""
    return tuple(a for p in _kids(parse, noun, frozenset(preps)) for a in _pobj_actors(parse, p, lexicon))


def _climb(
    parse: Parse, trigger: int, lexicon: EventLexicon, stops: frozenset[str]
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """A trigger without its own subject takes the subject of the clause that governs it."""
    node = trigger
    target: tuple[Actor, ...] = ()
    tree = parse.tree
    for _ in range(4):
        token = tree.tokens[node]
        if token.head == node or not _may_climb(parse, node):
            return (), target
        node = token.head
        if parse.lemma(node) in stops:
            return (), target
        if not target:
            target = tuple(
                a
                for p in _kids(parse, node, frozenset({"with", "to"}))
                for a in _pobj_actors(parse, p, lexicon)
            )
        for child in tree.kids(node, "nsubj", "poss", "agent"):
            found = (
                _pobj_actors(parse, child, lexicon)
                if tree.tokens[child].dep == "agent"
                else actors_at(parse, child, lexicon)
            )
            if found:
                return found, target
    return (), target


def _may_climb(parse: Parse, node: int) -> bool:
    """Climb through complements and noun modifiers, never out of an adjunct ('in the wake of ...')."""
    token = parse.tree.tokens[node]
    if token.dep in _CLIMB_DEPS:
        return True
    if token.dep == "pobj":
        prep = parse.tree.tokens[token.head]
        return parse.tree.tokens[prep.head].pos in ("NOUN", "PROPN") or parse.lemma(token.head) == "to"
    return token.dep == "prep" and parse.tree.tokens[token.head].pos in ("NOUN", "PROPN")


def _item_owner(parse: Parse, trigger: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'upgraded 41 of Pakistan's F-16s', 'landings of Turkish aircraft': whose the object is."""
    tree = parse.tree
    subjects = [s for s in tree.kids(trigger, "nsubj") if tree.tokens[trigger].pos == "VERB"]
    scope = [
        i
        for i in range(tree.left[trigger], tree.right[trigger] + 1)
        if not any(tree.left[s] <= i <= tree.right[s] for s in subjects) and i != trigger
    ]
    if tree.tokens[trigger].dep == "acl":
        owner = tree.tokens[trigger].head
        scope += list(range(tree.left[owner], owner))
    for node in scope:
        mention = parse.mention_at(node)
        if mention is None or _is_thing(parse, mention, lexicon):
            continue
        if tree.tokens[node].dep in ("poss", "amod") or (
            tree.tokens[node].dep == "compound" and tree.tokens[tree.tokens[node].head].dep == "poss"
        ):
            found = actors_at(parse, node, lexicon)
            if found:
                return found
    return ()


def _from_actors(parse: Parse, trigger: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'a deal for 26 jets from France': a 'from' phrase inside the trigger's phrase or its verb's."""
    tree = parse.tree
    nodes = list(range(tree.left[trigger], tree.right[trigger] + 1))
    if tree.tokens[trigger].dep in ("dobj", "attr"):
        for prep in tree.kids(tree.tokens[trigger].head, "prep"):
            nodes += list(range(tree.left[prep], tree.right[prep] + 1))
    froms = [n for n in nodes if parse.lemma(n) == "from" and tree.tokens[n].dep == "prep"]
    return tuple(a for f in froms for a in _pobj_actors(parse, f, lexicon))


def _invert(
    parse: Parse, trigger: int, source: tuple[Actor, ...], target: tuple[Actor, ...], lexicon: EventLexicon
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """For buy/acquire the subject (or possessor) receives; 'from X' supplies."""
    supplier = tuple(a for c in _kids(parse, trigger, _SOURCE_PREPS) for a in _pobj_actors(parse, c, lexicon))
    return supplier, source or target
