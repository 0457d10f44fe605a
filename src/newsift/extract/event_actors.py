"""Who did what to whom: source and target actors of a trigger, from the parse and resolved mentions.

Codes come only from mentions' entity ids and the article's entities (never from a list of names here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.extract.event_attributes import is_designation
from newsift.extract.event_lexicon import EventLexicon
from newsift.extract.event_parse import IGO, Parse
from newsift.model import Actor, EntityKind, Mention

__all__ = ["Roles", "actors_at", "extract_roles"]

_TARGET_PREPS = frozenset(
    {"to", "with", "against", "on", "for", "toward", "towards", "into", "upon", "between", "among"}
)
_SOURCE_PREPS = frozenset({"by", "from"})
_WITH_PREPS = frozenset({"alongside"})
_ASIDE_PREPS = frozenset({"despite", "amid", "unlike", "because", "notwithstanding"})
_SKIP_DEPS = frozenset({"conj", "cc", "prep", "relcl", "acl", "punct", "advcl", "ccomp"})
_CLIMB_DEPS = frozenset(
    {"xcomp", "acl", "dobj", "attr", "appos", "conj", "oprd", "nsubjpass", "compound", "amod", "acomp"}
)
_KIND_SECTORS = {EntityKind.COMPANY: "COM", EntityKind.MILITARY_UNIT: "MIL", EntityKind.OUTLET: "MED"}
_NOT_ACTORS = frozenset(
    {EntityKind.WEAPON_SYSTEM, EntityKind.PROGRAMME, EntityKind.OPERATION, EntityKind.EVENT, EntityKind.PLACE}
)
_COUNTRY_LABELS = frozenset({"GPE", "NORP"})
# inside a name ('Zia-Ul-Haq') or around an acronym ('the Asia-Pacific Economic Cooperation (APEC)
# forum'), not a phrase boundary
_WORD_PUNCT = frozenset({"-", "'", "’", ".", "(", ")"})
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
    for prep in _kids(parse, head, _GROUP_PREPS if subject else _GROUP_PREPS - {"in"}):
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


def _is_thing(parse: Parse, mention: Mention, lexicon: EventLexicon) -> bool:
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
        and not _is_thing(parse, m, lexicon)
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
    at_head = parse.mention_at(head)
    primary = at_head if at_head in mentions and at_head.label != "NORP" else _primary(parse, mentions)
    code = parse.code_of(primary) or next((c for m in mentions if (c := parse.code_of(m))), None)
    if primary.label == "NORP" and (primary.role == "people" or primary.entity_id is None):
        code = _residence(parse, head) or code
    if code is None and parse.kind_of(primary) == EntityKind.PERSON:
        code = _domestic_code(parse, primary, lexicon)
    text = _np_text(parse, first, last) if primary.label == "NORP" else _clean(primary.text)
    sector = _sector(parse, primary, first, last, lexicon)
    return [Actor(text=text, id=primary.entity_id, code=code, sector=sector)]


def _residence(parse: Parse, head: int) -> str | None:
    """'ethnic Albanians in south Serbia', 'the Kurds of Syria': a people named with where they live
    act as that country's (as CAMEO codes them); their troops or firms keep their own country."""
    for prep in _kids(parse, head, frozenset({"in", "of", "from"})):
        for obj in parse.tree.kids(prep, "pobj"):
            for mention in parse.mentions_in(*parse.tree.subtree(obj)):
                if parse.kind_of(mention) in _PLACE_KINDS and mention.label != "NORP":
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
        if mention.role in ("state", None) or _is_thing(parse, mention, lexicon):
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
    authority_acts: bool = False,
) -> Roles:
    """Source and target of a trigger (its tokens, head first).

    ``inverse`` when the subject receives ('Poland bought ...'); ``owner_acts`` when the owner of the
    moved thing acts ('landings of Turkish aircraft') rather than receives ('upgrade of Pakistan's
    jets'); ``supplier_from`` when 'from X' names the supplier of a deal; ``authority_acts`` when
    only a state can do it (arrest, deport), so that a passive without an agent ('was arrested in X')
    is done by the country where it happened; ``stops`` are lemmas (cue verbs such as 'deny') whose
    subject is never the event's actor.
    """
    demand = _demand_roles(parse, tokens[0], lexicon)
    if demand is not None:
        return demand
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    for token in tokens:
        s, t = _direct_roles(parse, token, lexicon)
        source, target = source or s, target or t
    head = tokens[0]
    if owner_acts and not source:
        source = _item_owner(parse, head, lexicon)
    if not source or not target:
        s, t = _climb(parse, head, lexicon, stops, own=frozenset(tokens))
        source, target = source or s, target or t
    if not target and not owner_acts:
        target = _item_owner(parse, head, lexicon)
    if not target:
        target = _deep_target(parse, head, lexicon, source)
    if authority_acts and not source and _agentless_passive(parse, head):
        source = tuple(a for a in _place_target(parse, head, lexicon) if a not in target)
    if not target:
        target = _place_target(parse, head, lexicon)
    if inverse:
        source, target = _invert(parse, head, source, target, lexicon)
    elif supplier_from:
        supplier = _from_actors(parse, head, lexicon)
        if supplier and not set(supplier) & set(source):
            source, target = supplier, target or source
    source += tuple(a for p in _kids(parse, head, _WITH_PREPS) for a in _pobj_actors(parse, p, lexicon))
    target = tuple(a for a in target if a not in source) or target
    return Roles(source=source, target=target)


def _agentless_passive(parse: Parse, verb: int) -> bool:
    tree = parse.tree
    return bool(tree.kids(verb, "auxpass", "nsubjpass")) and not tree.kids(verb, "agent")


_DEONTIC = frozenset({"must", "should"})


def _demand_roles(parse: Parse, trigger: int, lexicon: EventLexicon) -> Roles | None:
    """'X said (that) Y must do Z', 'X reminded Y that it must do Z': X demands, Y is asked.

    The event is the demand, so its source is whoever says what must be done and its target the one
    who must do it; None when the trigger is not under such a clause.
    """
    tree = parse.tree
    verb = next(
        (
            n
            for n in [trigger, *tree.ancestors(trigger)][:3]
            if {parse.lemma(a) for a in tree.kids(n, "aux")} & _DEONTIC
        ),
        None,
    )
    if verb is None or tree.tokens[verb].dep not in ("ccomp", "acl", "advcl", "parataxis"):
        return None
    speech = tree.tokens[verb].head
    if tree.tokens[speech].pos in ("NOUN", "PROPN") and tree.tokens[speech].dep in ("dobj", "attr"):
        speech = tree.tokens[speech].head  # 'issued a reminder that ...'
    speakers = [c for c in tree.kids(speech, "nsubj", "poss") if tree.tokens[c].pos != "PRON"]
    obliged = tree.kids(verb, "nsubj", "nsubjpass")
    if not speakers or not obliged:
        return None
    source = tuple(a for s in speakers for a in actors_at(parse, s, lexicon))
    target = tuple(a for o in obliged for a in actors_at(parse, o, lexicon))
    if not target and tree.tokens[obliged[0]].pos == "PRON":  # 'reminded Iraq that it must ...'
        target = _addressees(parse, speech, lexicon)
    return Roles(source=source, target=tuple(a for a in target if a not in source))


def _deep_target(
    parse: Parse, trigger: int, lexicon: EventLexicon, source: tuple[Actor, ...]
) -> tuple[Actor, ...]:
    """'threatened to cut the power supply to X': a target named inside the trigger's complement clause."""
    tree = parse.tree
    frontier = [
        c
        for c in tree.children[trigger]
        if tree.tokens[c].dep in ("xcomp", "ccomp", "dobj") or _purpose(parse, c)
    ]
    named = {a.id or a.text for a in source}
    for _ in range(3):
        found: list[Actor] = []
        for node in frontier:
            found += [
                a for a in _direct_roles(parse, node, lexicon)[1] if a.code and (a.id or a.text) not in named
            ]
        if found:
            return tuple(found)
        frontier = [
            c
            for n in frontier
            for c in tree.children[n]
            if tree.tokens[c].dep in _DEEP_DEPS and not tree.kids(c, "nsubj", "nsubjpass")
        ]  # a clause with its own subject ('as police cracked down on X') is another event
    return ()


def _purpose(parse: Parse, node: int) -> bool:
    """'send material to help defend X': an infinitive clause of purpose without its own subject."""
    tree = parse.tree
    return (
        tree.tokens[node].dep == "advcl"
        and "to" in {parse.lemma(a) for a in tree.kids(node, "aux")}
        and not tree.kids(node, "nsubj", "nsubjpass")
    )


_PLACE_PREPS = frozenset({"in", "into", "inside"})


def _place_target(parse: Parse, trigger: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'imposed a curfew in X', 'troops arrived in X': with no one acted on, the country where it
    happens is the target (as PLOVER codes it)."""
    tree = parse.tree
    nodes = [trigger, *tree.kids(trigger, "dobj")]
    for clause in tree.kids(trigger, "xcomp"):  # 'agreed to set up a centre in X'
        nodes += [clause, *tree.kids(clause, "dobj")]
    if tree.tokens[trigger].dep in ("dobj", "xcomp", "nsubj", "attr", "prep"):
        nodes.append(tree.tokens[trigger].head)
    elif tree.tokens[trigger].dep == "pobj":  # 'remained on alert in X'
        nodes.append(tree.tokens[tree.tokens[trigger].head].head)
    for node in nodes:
        for prep in _kids(parse, node, _PLACE_PREPS):
            found = [
                Actor(text=_clean(m.text), id=m.entity_id, code=code)
                for p in tree.kids(prep, "pobj")
                for m in parse.mentions_in(*tree.subtree(p))
                if (code := parse.code_of(m)) and parse.kind_of(m) in _PLACE_KINDS
            ]
            if found:
                return tuple(found)
    return ()


_PLACE_KINDS = frozenset({EntityKind.PLACE, EntityKind.COUNTRY})


def _addressees(parse: Parse, verb: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """Whom a verb of saying addresses: 'told Iraq', 'sent a warning to Iraq'."""
    tree = parse.tree
    found: list[Actor] = []
    for child in tree.children[verb]:
        token = tree.tokens[child]
        if token.pos == "ADP" and (token.dep == "dative" or parse.lemma(child) == "to"):
            found += _pobj_actors(parse, child, lexicon)
        elif token.dep in ("dative", "iobj") or (token.dep == "dobj" and not tree.kids(child, "acl")):
            found += actors_at(parse, child, lexicon)
    return tuple(found)


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
    if parse.lemma(trigger) in _ADDRESSED:  # 'complained to the UN over Israeli raids': Israel
        target = tuple(
            a for p in _kids(parse, trigger, _GRIEVANCE_PREPS) for a in _pobj_actors(parse, p, lexicon)
        )
    for child in tree.children[trigger]:
        dep, lemma = tree.tokens[child].dep, parse.lemma(child)
        if dep in ("nsubj", "poss") and not source:
            source = actors_at(parse, child, lexicon) or _antecedent_actors(parse, child, lexicon)
        elif dep == "agent" or (dep == "prep" and lemma == "by"):
            source = _pobj_actors(parse, child, lexicon) or source
        elif dep in ("dobj", "dative", "iobj", "nsubjpass") and not target:
            if tree.tokens[child].pos == "ADP":  # 'providing intelligence to X which ...'
                target = _pobj_actors(parse, child, lexicon)
            else:
                target = actors_at(parse, child, lexicon) or _aimed_at(parse, child, lexicon)
        elif dep == "prep" and lemma in _TARGET_PREPS and not target:
            target = _pobj_actors(parse, child, lexicon) or tuple(
                a for p in parse.tree.kids(child, "pobj") for a in _aimed_at(parse, p, lexicon)
            )
        elif dep in ("ccomp", "xcomp") and not target:
            target = tuple(a for s in tree.kids(child, "nsubj") for a in actors_at(parse, s, lexicon))
        elif dep in ("compound", "amod", "nmod") and is_noun and not source:
            source = tuple(a for a in actors_at(parse, child, lexicon) if a.code or _is_demonym(parse, child))
    return source, target


# Verbs whose 'to' names whom a grievance is addressed, and the prepositions naming what it is about.
_ADDRESSED = frozenset({"complain", "complaint", "protest", "petition", "appeal"})
_GRIEVANCE_PREPS = frozenset({"over", "about", "against", "at"})
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


_AIM_PREPS = frozenset({"to", "against", "on", "toward", "towards"})


def _aimed_at(parse: Parse, noun: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'banned arms exports to India', 'called for sanctions against Nigeria': a thing naming no one
    is aimed at the actors of its 'to', 'against' or 'on' phrase."""
    if parse.tree.tokens[noun].pos != "NOUN":
        return ()
    return _pobj_actors_of(parse, noun, lexicon, set(_AIM_PREPS))


def _climb(
    parse: Parse,
    trigger: int,
    lexicon: EventLexicon,
    stops: frozenset[str],
    own: frozenset[int] = frozenset(),
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """A trigger without its own subject takes the subject of the clause that governs it (``own``: the
    trigger's tokens, whose preposition is part of it: 'remained on alert')."""
    node = trigger
    target: tuple[Actor, ...] = ()
    tree = parse.tree
    for _ in range(4):
        token = tree.tokens[node]
        owned = token.head in own or (node in own and token.pos == "ADP")
        if token.head == node or not (_may_climb(parse, node) or owned):
            return (), target
        node = token.head
        if parse.lemma(node) in stops:
            return (), target
        if not target:  # 'a mediation effort between X and Y': the head noun is the trigger's own
            preps = _TARGET_PREPS if token.dep == "compound" else frozenset({"with", "to"})
            target = tuple(
                a for p in _kids(parse, node, preps) for a in _pobj_actors(parse, p, lexicon)
            ) or _datives(parse, node, lexicon)
        subjects = (
            ("nsubj", "poss", "agent", "nsubjpass")
            if parse.lemma(node) in _PARTAKE
            else ("nsubj", "poss", "agent")
        )
        for child in tree.kids(node, *subjects):  # 'forces were engaged in X' acted
            found = (
                _pobj_actors(parse, child, lexicon)
                if tree.tokens[child].dep == "agent"
                else actors_at(parse, child, lexicon) or _antecedent_actors(parse, child, lexicon)
            )
            if found:
                return found, target
    return (), target


def _datives(parse: Parse, verb: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'gave Tanzania a grant': the indirect object of the verb a trigger climbs to."""
    found: list[Actor] = []
    for child in parse.tree.kids(verb, "dative", "iobj"):
        if parse.tree.tokens[child].pos == "ADP":
            found += _pobj_actors(parse, child, lexicon)
        else:
            found += actors_at(parse, child, lexicon)
    return tuple(found)


def _may_climb(parse: Parse, node: int) -> bool:
    """Climb through complements and noun modifiers, never out of an adjunct ('in the wake of ...')."""
    tree = parse.tree
    token = tree.tokens[node]
    if token.dep in _CLIMB_DEPS:
        return True
    if token.dep == "advcl":  # 'forces shelled the camps, killing 50': a participle shares the subject
        return token.tag in ("VBG", "VBN") and not tree.kids(node, "nsubj", "nsubjpass", "mark")
    if token.dep == "pobj":
        prep = tree.tokens[token.head]
        return (
            tree.tokens[prep.head].pos in ("NOUN", "PROPN")
            or parse.lemma(token.head) == "to"
            or _role_prep(parse, token.head)
        )
    return token.dep == "prep" and (
        tree.tokens[token.head].pos in ("NOUN", "PROPN") or _role_prep(parse, node)
    )


_PARTAKE = frozenset({"engage", "participate", "involve", "join", "part"})


def _role_prep(parse: Parse, prep: int) -> bool:
    """'held refugees as human shields', 'were engaged in ethnic cleansing', 'took part in the raid':
    the noun after the preposition is what the verb's subject does, not a setting."""
    tree = parse.tree
    lemma, head = parse.lemma(prep), tree.tokens[prep].head
    if lemma == "as":  # not 'as a result of X', where X happened to the subject
        return not any(parse.lemma(o) in ("result", "consequence") for o in tree.kids(prep, "pobj"))
    return lemma == "in" and parse.lemma(head) in _PARTAKE


def _item_owner(parse: Parse, trigger: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'upgraded 41 of Pakistan's F-16s', 'landings of Turkish aircraft': whose the object is."""
    tree = parse.tree
    subjects = [s for s in tree.kids(trigger, "nsubj") if tree.tokens[trigger].pos == "VERB"]
    adjuncts = [  # 'despite Israel's wish', 'as police cracked down on X': not the object's owner
        c
        for c in tree.children[trigger]
        if (tree.tokens[c].dep == "prep" and parse.lemma(c) in _ASIDE_PREPS)
        or (tree.tokens[c].dep in ("advcl", "conj", "parataxis") and tree.kids(c, "nsubj", "nsubjpass"))
    ]
    scope = [
        i
        for i in range(tree.left[trigger], tree.right[trigger] + 1)
        if not any(tree.left[s] <= i <= tree.right[s] for s in subjects + adjuncts) and i != trigger
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
