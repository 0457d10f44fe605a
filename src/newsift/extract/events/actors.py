"""Who did what to whom: source and target actors of a trigger, from the parse and resolved mentions.

The actors of each phrase come from ``phrases``; this module decides which phrase plays which role.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.extract.events.lexicon import EventLexicon
from newsift.extract.events.phrases import PLACE_KINDS, actors_at, clean_name, is_thing, prep_kids
from newsift.extract.parse import Parse
from newsift.model import Actor

__all__ = ["Roles", "actors_at", "extract_roles", "place_target"]

_TARGET_PREPS = frozenset(
    {"to", "with", "against", "on", "for", "toward", "towards", "into", "upon", "between", "among"}
)
_SOURCE_PREPS = frozenset({"by", "from"})
_WITH_PREPS = frozenset({"alongside"})
_ASIDE_PREPS = frozenset({"despite", "amid", "unlike", "because", "notwithstanding"})
_CLIMB_DEPS = frozenset(
    {"xcomp", "acl", "dobj", "attr", "appos", "conj", "oprd", "nsubjpass", "compound", "amod", "acomp"}
)
# inside a name ('Zia-Ul-Haq') or around an acronym ('the Asia-Pacific Economic Cooperation (APEC)
# forum'), not a phrase boundary


@dataclass(frozen=True, slots=True)
class Roles:
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()


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
    source += tuple(a for p in prep_kids(parse, head, _WITH_PREPS) for a in _pobj_actors(parse, p, lexicon))
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
    nodes += _sites(parse, nodes)
    for node in nodes:
        for prep in prep_kids(parse, node, _PLACE_PREPS):
            found = [
                Actor(text=clean_name(m.text), id=m.entity_id, code=code)
                for p in tree.kids(prep, "pobj")
                for m in parse.mentions_in(*tree.subtree(p))
                if (code := parse.code_of(m)) and parse.kind_of(m) in PLACE_KINDS
            ]
            if found:
                return tuple(found)
    return ()


# nouns of a military site: 'at its naval base in X', 'to an airfield near X'
_SITES = frozenset({"base", "airbase", "port", "airfield", "airport", "facility", "camp", "garrison",
                    "outpost", "station", "harbour", "harbor", "barracks", "installation"})  # fmt: skip


def _sites(parse: Parse, nodes: list[int]) -> list[int]:
    """Where a place phrase hangs below the verb's own phrases: a site ('stationed marines at its base
    in X', 'arrived at a base in X') or the members of a unit ('a brigade of 4,800 soldiers in X')."""
    tree = parse.tree
    found = []
    for node in nodes:
        for prep in tree.kids(node, "prep"):
            for obj in tree.kids(prep, "pobj"):
                site = parse.lemma(obj) in _SITES and parse.lemma(prep) in ("at", "to", "near", "into")
                if site or (parse.lemma(prep) == "of" and tree.tokens[node].dep == "dobj"):
                    found.append(obj)
    return found


def place_target(parse: Parse, trigger: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """The country where a trigger happens ('arrived in Poland'), as ``extract_roles`` reads it."""
    return _place_target(parse, trigger, lexicon)


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


def _direct_roles(
    parse: Parse, trigger: int, lexicon: EventLexicon
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    tree = parse.tree
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    is_noun = tree.tokens[trigger].pos in ("NOUN", "PROPN")
    if parse.lemma(trigger) in _ADDRESSED:  # 'complained to the UN over Israeli raids': Israel
        target = tuple(
            a for p in prep_kids(parse, trigger, _GRIEVANCE_PREPS) for a in _pobj_actors(parse, p, lexicon)
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
            elif dep == "nsubjpass" and (moved_to := _passive_destination(parse, trigger, lexicon)):
                target = moved_to  # 'troops were deployed to X': what is moved is no target, X is
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


def _passive_destination(parse: Parse, trigger: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """The party a passive verb of sending moves its subject to ('were sent to X', 'was shipped to X')."""
    if parse.lemma(trigger) not in _SENDING_VERBS:
        return ()
    # 'were stationed in X': verbs of keeping forces somewhere take the place they are kept in
    places = {"to", "into", "in"} if parse.lemma(trigger) in _KEEPING else {"to", "into"}
    preps = prep_kids(parse, trigger, frozenset(places))
    return tuple(a for p in preps for a in _pobj_actors(parse, p, lexicon))


_KEEPING = frozenset({"station", "base", "deploy", "position", "garrison", "keep"})
_SENDING_VERBS = frozenset(
    {"deploy", "send", "dispatch", "move", "ship", "deliver", "transfer", "export", "supply", "sell",
     "redeploy", "fly", "station", "rush", "airlift", "smuggle", "provide", "give", "base", "position",
     "garrison", "keep"}
)  # fmt: skip


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
    return tuple(a for p in prep_kids(parse, noun, frozenset(preps)) for a in _pobj_actors(parse, p, lexicon))


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
                a for p in prep_kids(parse, node, preps) for a in _pobj_actors(parse, p, lexicon)
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
        or (tree.tokens[c].dep in ("conj", "parataxis") and tree.kids(c, "nsubj", "nsubjpass"))
        or tree.tokens[c].dep == "advcl"  # 'to take part in drills involving Arab states': a purpose
    ]
    scope = [
        i
        for i in range(tree.left[trigger], tree.right[trigger] + 1)
        if not any(tree.left[s] <= i <= tree.right[s] for s in subjects + adjuncts) and i != trigger
    ]
    if tree.tokens[trigger].dep == "acl":  # 'Chilean units headed to X': the noun's own owner first
        owner = tree.tokens[trigger].head
        scope = [*range(tree.left[owner], owner), *scope]
    for node in scope:
        mention = parse.mention_at(node)
        if mention is None or is_thing(parse, mention, lexicon):
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
    supplier = tuple(
        a for c in prep_kids(parse, trigger, _SOURCE_PREPS) for a in _pobj_actors(parse, c, lexicon)
    )
    return supplier, source or target
