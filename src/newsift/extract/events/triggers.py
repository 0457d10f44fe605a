"""Trigger finding: which tokens of a sentence name an event, of which PLOVER type and defence subtype.

Lemma lexicon plus dependency checks (items, military context); no attributes or status here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.extract.claims.cues import load_claim_cues
from newsift.extract.events.attributes import (
    COMMITTING,
    armed_item,
    item_heads,
    item_phrase,
    raised_subjects,
    tree_distance,
)
from newsift.extract.events.lexicon import (
    AIRFRAMES,
    BOUND_FOR,
    CONTAINERS,
    DefenceTriggers,
    EventLexicon,
    Operator,
    TypeTriggers,
    armed_words,
    load_lexicon,
)
from newsift.extract.events.nearby import holder_states, words_near
from newsift.extract.events.pacts import pact_ok
from newsift.extract.parse import Parse
from newsift.extract.syntax import singular
from newsift.model import EntityKind, EventMode, Mention, PloverType

__all__ = ["ARMING", "Trigger", "find_triggers", "mover", "product_tokens"]

_NAME_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "FAC", "EVENT", "PRODUCT"})
_SALE_WORDS = frozenset(
    {
        "export",
        "sale",
        "deal",
        "transfer",
        "shipment",
        "delivery",
        "supply",
        "import",
        "permit",
        "licence",
        "license",
    }
)
_TIME_LABELS = frozenset({"DATE", "TIME"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr"})
# 'what it called its involvement', 'calling it groundless': naming, not a phone call or a request.
_NAMING_DEPS = frozenset({"oprd", "xcomp", "ccomp"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token (``head``) and the tokens that name an event with it, typed and possibly subtyped."""

    head: int
    tokens: tuple[int, ...]
    type: PloverType
    mode: EventMode
    priority: int
    subtype: str | None = None
    defence: DefenceTriggers | None = None


def product_tokens(parse: Parse, tokens: Sequence[int]) -> set[int]:
    """Tokens inside mentions of weapon systems (resolved) or NER products."""
    found: set[int] = set()
    for i in tokens:
        mention = parse.mention_at(i)
        if mention is not None and (
            mention.label == "PRODUCT" or parse.kind_of(mention) == EntityKind.WEAPON_SYSTEM
        ):
            found.add(i)
    return found


def find_triggers(
    parse: Parse, tokens: Sequence[int], lexicon: EventLexicon, *, itemless: frozenset[str] = frozenset()
) -> list[Trigger]:
    """All triggers of one sentence: defence subtypes first, then general PLOVER types.

    ``itemless`` names subtypes whose item test is waived (an article already about arms: 'Serbia
    finalised that purchase in 2021' refers to its deal without naming the weapon again).
    """
    products = product_tokens(parse, tokens)
    in_items = _item_tokens(parse, tokens, lexicon, products) | _name_tokens(parse, tokens)
    not_events = _not_event_tokens(parse, tokens, lexicon)
    in_items |= not_events
    found = [
        _with_subtype(parse, t, lexicon, in_items, products)
        for t in _operator_triggers(parse, tokens, lexicon, not_events)
    ]
    used: set[int] = {i for t in found for i in t.tokens}
    reserved = _valid_defence_words(parse, tokens, lexicon, in_items, products)
    for phrases_only in (True, False):
        for spec in lexicon.defence:
            matches = _matches(parse, tokens, spec, in_items, phrases_only=phrases_only, adjectival=True)
            for match in matches:
                if not used.intersection(match) and _defence_ok(
                    parse, match[0], spec, lexicon, products, itemless=spec.subtype in itemless
                ):
                    found.append(_defence_trigger(match, spec))
                    used.update(match)
        for general in lexicon.types:
            for match in _matches(parse, tokens, general, in_items, phrases_only=phrases_only):
                if used.intersection(match) or (phrases_only and reserved.intersection(match)):
                    continue
                if _general_ok(parse, match[0], general):  # 'sent troops': MOBILIZE, and a deployment
                    trigger = _general_trigger(parse, match, general, lexicon)
                    found.append(_with_subtype(parse, trigger, lexicon, in_items, products))
                    used.update(match)
    used = {i for t in found for i in t.tokens}
    found += [t for t in _forces_abroad(parse, tokens, lexicon) if t.head not in used]
    fighting = {t.head: t for t in _fighting_for(parse, tokens, lexicon)}  # over the verb's general reading
    found = [t for t in found if t.subtype or t.head not in fighting]
    used = {i for t in found for i in t.tokens}
    found += [t for h, t in fighting.items() if h not in used]
    return sorted(found, key=lambda t: t.head)


def _forces_abroad(parse: Parse, tokens: Sequence[int], lexicon: EventLexicon) -> list[Trigger]:
    """'Chilean troops in Peru for joint drills': a headline with no verb that puts a country's forces
    in another country reports them deployed there (the forces' noun is the trigger)."""
    tree = parse.tree
    if any(tree.tokens[i].pos in ("VERB", "AUX") for i in tokens):
        return []
    spec = next((s for s in lexicon.defence if s.subtype == "deployment"), None)
    if spec is None:
        return []
    out = []
    for i in tokens:
        if singular(parse.lemma(i)) not in lexicon.force_units:
            continue
        owners = {m.entity_id for k in tree.kids(i, "amod", "compound") if (m := parse.mention_at(k))}
        places = {
            m.entity_id
            for p in tree.kids(i, "prep")
            if parse.lemma(p) == "in"
            for o in tree.kids(p, "pobj")
            if (m := parse.mention_at(o)) and m.label == "GPE"
        }
        if owners - {None} and places - {None} and not owners & places:
            out.append(_defence_trigger((i,), spec))
    return out


FIGHTING_FOR = frozenset({"fight", "serve"})
_NO_STATE = frozenset({None, "IGO", "NGO", "IMG"})  # codes of bodies with no home state


def _fighting_for(parse: Parse, tokens: Sequence[int], lexicon: EventLexicon) -> list[Trigger]:
    """'Cuban soldiers were fighting for Russia', 'North Korean troops fight alongside Russian forces':
    one country's forces fighting for another are deployed to it (the verb is the trigger)."""
    tree = parse.tree
    spec = next((s for s in lexicon.defence if s.subtype == "deployment"), None)
    if spec is None:
        return []
    out = []
    for i in tokens:
        if parse.lemma(i) not in FIGHTING_FOR or tree.tokens[i].pos != "VERB":
            continue
        subjects = [k for k in tree.kids(i, "nsubj") if singular(parse.lemma(k)) in lexicon.force_units]
        owners = {
            m.entity_id
            for s in subjects
            for k in tree.kids(s, "amod", "compound")
            if (m := parse.mention_at(k))
        }
        helped = {
            parse.code_of(m)
            for p in tree.kids(i, "prep")
            if parse.lemma(p) in ("for", "alongside")
            for o in tree.kids(p, "pobj")
            for k in (o, *tree.kids(o, "amod", "compound"))
            if (m := parse.mention_at(k))
        }
        owners, helped = owners - _NO_STATE, helped - _NO_STATE
        if owners and helped and not owners & helped:
            out.append(_defence_trigger((i,), spec))
    return out


def _general_ok(parse: Parse, head: int, spec: TypeTriggers) -> bool:
    """Ambiguous general triggers ('march', 'rally') need a word of their type in their clause."""
    if parse.lemma(head) in spec.needs_context:
        return words_near(parse, head, spec.context, clause=True)
    return not _is_naming(parse, head)


def _is_naming(parse: Parse, head: int) -> bool:
    """'called him a traitor' names; 'called on both sides to stop' asks."""
    tree = parse.tree
    if parse.lemma(head) != "call" or any(parse.lemma(p) in ("on", "upon") for p in tree.kids(head, "prep")):
        return False
    return any(tree.tokens[k].dep in _NAMING_DEPS for k in tree.children[head])


def _not_event_tokens(parse: Parse, tokens: Sequence[int], lexicon: EventLexicon) -> set[int]:
    """Dates ('in March'), fixed expressions ('press release') and anniversaries name no event."""
    blocked = set()
    for i in tokens:
        mention = parse.mention_at(i)
        if mention is not None and mention.label in _TIME_LABELS:
            blocked.add(i)
    for phrase in lexicon.not_triggers:
        for match in _phrase_matches(parse, tokens, phrase):
            blocked.update(match)
    tree = parse.tree
    for i in tokens:  # 'a long-range strike capability' is an ability, not a strike
        token = tree.tokens[i]
        if token.dep in ("compound", "amod") and parse.lemma(token.head) in lexicon.capacity_heads:
            blocked.add(i)
        if _origin_participle(parse, i):
            blocked.add(i)
    return blocked | _anniversary_tokens(parse, tokens, lexicon) | _topic_tokens(parse, tokens)


def _origin_participle(parse: Parse, i: int) -> bool:
    """'Chinese-built', 'US-supplied', 'Israeli-made': a participle hyphenated to a name or a demonym
    tells where a thing comes from; it reports no building or supplying."""
    tokens = parse.tree.tokens
    return (
        tokens[i].pos == "VERB"
        and tokens[i].tag == "VBN"
        and i >= 2
        and parse.text(i - 1) == "-"
        and tokens[i - 1].end == tokens[i].start
        and tokens[i - 2].end == tokens[i - 1].start
        and (tokens[i - 2].pos == "PROPN" or parse.text(i - 2)[:1].isupper())
    )


# Not "about": 'talks about buying' often reports a plan (it cost a check-half mention).
_TOPIC_PREPS = frozenset({"regarding", "concerning"})
_REPORTS = load_claim_cues().report_nouns | {"evidence", "news", "word"}


def _topic_tokens(parse: Parse, tokens: Sequence[int]) -> set[int]:
    """A noun named as a topic ('documents regarding the acquisition', 'a letter about the embargo')
    is talked about, not reported: it and its modifiers trigger nothing."""
    tree, blocked = parse.tree, set[int]()
    for i in tokens:
        token = tree.tokens[i]
        topic = token.pos == "NOUN" and token.dep == "pobj" and parse.text(token.head).lower() in _TOPIC_PREPS
        if topic and parse.lemma(tree.tokens[token.head].head) not in _REPORTS:  # 'reports regarding' report
            blocked.update(range(tree.left[i], i + 1))
    return blocked


def _anniversary_tokens(parse: Parse, tokens: Sequence[int], lexicon: EventLexicon) -> set[int]:
    """'25 years of the partnership', 'the anniversary of the treaty' and the subject that marks them."""
    tree, blocked = parse.tree, set[int]()
    for i in tokens:
        if parse.lemma(i) not in lexicon.anniversary or tree.tokens[i].pos != "NOUN":
            continue
        numbered = parse.lemma(i) != "year" or any(
            tree.tokens[k].dep == "nummod" or tree.tokens[k].pos == "NUM" for k in tree.children[i]
        )
        if not numbered:
            continue
        for prep in tree.kids(i, "prep"):
            if parse.lemma(prep) == "of":
                blocked.update(range(tree.left[prep], tree.right[prep] + 1))
        verb = tree.tokens[i].head
        if tree.tokens[i].dep in _OBJECT_DEPS and parse.lemma(verb) in lexicon.anniversary_verbs:
            for subject in tree.kids(verb, "nsubj"):
                blocked.update(range(tree.left[subject], tree.right[subject] + 1))
    return blocked


def _operator_triggers(
    parse: Parse, tokens: Sequence[int], lexicon: EventLexicon, blocked: set[int]
) -> list[Trigger]:
    """'lifted the curfew' (RETREAT), 'cancelled the visit' (SANCTION): the operator and its object."""
    found, used = [], set(blocked)
    every = _operator_verbs(lexicon)
    for i in tokens:
        if i in used:
            continue
        keys = _operator_keys(parse, i)
        if not keys & every:
            continue  # most words operate on nothing: read the rules only for an operator verb
        for rule in lexicon.operators:
            obj = _operator_object(parse, i, rule, keys)
            if obj is not None and obj not in used:
                mode = _mode_of(lexicon, rule.type)
                found.append(Trigger(head=i, tokens=(i, obj), type=rule.type, mode=mode, priority=6))
                used.update((i, obj))
                break
    return found


def _with_subtype(
    parse: Parse, trigger: Trigger, lexicon: EventLexicon, in_items: set[int], products: set[int]
) -> Trigger:
    """'deployed troops' is MOBILIZE by its operator and a deployment by its verb: an operator trigger
    whose head is also a defence trigger of the same PLOVER type takes that subtype."""
    for spec in lexicon.defence:
        if spec.type != trigger.type:
            continue
        for match in _matches(parse, [trigger.head], spec, in_items, phrases_only=False, adjectival=True):
            if match[0] == trigger.head and _defence_ok(parse, trigger.head, spec, lexicon, products):
                return Trigger(
                    head=trigger.head,
                    tokens=trigger.tokens,
                    type=spec.type,
                    mode=spec.mode,
                    priority=10,
                    subtype=spec.subtype,
                    defence=spec,
                )
    return trigger


_OPERATOR_VERBS: dict[int, tuple[tuple[Operator, ...], frozenset[str]]] = {}


def _operator_verbs(lexicon: EventLexicon) -> frozenset[str]:
    """Every verb an operator rule names, read once per lexicon."""
    rules = lexicon.operators
    memo = _OPERATOR_VERBS.get(id(rules))
    if memo is None or memo[0] is not rules:
        memo = _OPERATOR_VERBS[id(rules)] = (rules, frozenset(v for rule in rules for v in rule.verbs))
    return memo[1]


def _operator_keys(parse: Parse, i: int) -> frozenset[str]:
    """The lemma of a word and its phrasal forms ('call off'), as operator rules name verbs."""
    lemma, tree = parse.lemma(i), parse.tree
    particles = [parse.lemma(k) for k in tree.kids(i, "prt", "prep", "advmod")]
    preps = [parse.lemma(k) for k in tree.kids(i, "prep")]
    phrasal = {f"{lemma} {p} {q}" for p in (parse.lemma(k) for k in tree.kids(i, "prt")) for q in preps}
    return frozenset({lemma} | {f"{lemma} {p}" for p in particles} | phrasal)  # 'give in to'


def _operator_object(parse: Parse, i: int, rule: Operator, keys: frozenset[str]) -> int | None:
    tree = parse.tree
    if not keys & rule.verbs:
        return None
    if tree.tokens[i].pos == "VERB":
        objects = [k for k in tree.children[i] if tree.tokens[k].dep in _OBJECT_DEPS]
        objects = objects or tree.kids(i, "nsubj")  # intransitive: 'peacekeepers arrived', 'ties deepened'
        objects += _complement_objects(parse, i)
        objects += _prepositional_objects(parse, i, keys & rule.verbs)
    elif tree.tokens[i].pos == "NOUN":
        objects = [o for p in tree.kids(i, "prep") if parse.lemma(p) == "of" for o in tree.kids(p, "pobj")]
    else:
        return None
    for obj in objects:
        members = [o for p in tree.kids(obj, "prep") if parse.lemma(p) == "of" for o in tree.kids(p, "pobj")]
        words = [obj, *tree.kids(obj, "compound", "amod"), *members]  # 'a mission of observers'
        if any(parse.lemma(w) in rule.objects for w in words):
            return obj
    return None


def _prepositional_objects(parse: Parse, i: int, phrases: frozenset[str]) -> list[int]:
    """What a verb named with its preposition acts on: 'agreed to the demand', 'gave in to their demands'."""
    tree = parse.tree
    ends = {phrase.rsplit(" ", 1)[1] for phrase in phrases if " " in phrase}
    return [o for p in tree.kids(i, "prep") if parse.lemma(p) in ends for o in tree.kids(p, "pobj")]


def _complement_objects(parse: Parse, i: int) -> list[int]:
    """What else a verb acts on: the subject of its clause ('allowed inspectors to visit', 'let aid trucks
    cross'), its gerund ('stopped funding') and what it leaves ('walked out of the talks')."""
    tree, found = parse.tree, []
    for clause in tree.kids(i, "xcomp", "ccomp"):
        found += (
            [*tree.kids(clause, "nsubj"), clause]
            if tree.tokens[clause].tag == "VBG"
            else tree.kids(clause, "nsubj")
        )
    preps = tree.kids(i, "prep")
    preps += [q for p in preps if parse.lemma(p) in ("out", "away") for q in tree.kids(p, "prep")]
    found += [o for p in preps if parse.lemma(p) in ("of", "from") for o in tree.kids(p, "pobj")]
    return found


def _mode_of(lexicon: EventLexicon, type_: PloverType) -> EventMode:
    return next((t.mode for t in lexicon.types if t.type == type_), EventMode.OTHER)


def _valid_defence_words(
    parse: Parse, tokens: Sequence[int], lexicon: EventLexicon, blocked: set[int], products: set[int]
) -> set[int]:
    """Defence nouns that pass their checks: a general phrase ('sign ... agreement') never takes them
    ('signed a defence cooperation agreement' is a pact), while 'hunger strike' still can."""
    valid = set()
    for spec in lexicon.defence:
        for (i,) in _matches(parse, tokens, spec, blocked, phrases_only=False, adjectival=True):
            if parse.tree.tokens[i].pos != "VERB" and _defence_ok(parse, i, spec, lexicon, products):
                valid.add(i)
    return valid


def _defence_trigger(match: tuple[int, ...], spec: DefenceTriggers) -> Trigger:
    return Trigger(
        head=match[0],
        tokens=match,
        type=spec.type,
        mode=spec.mode,
        priority=10,
        subtype=spec.subtype,
        defence=spec,
    )


def _general_trigger(
    parse: Parse, match: tuple[int, ...], spec: TypeTriggers, lexicon: EventLexicon
) -> Trigger:
    type_ = spec.type
    speech = dict(lexicon.as_speech).get(type_)
    if (
        speech is not None
        and parse.tree.tokens[match[0]].pos == "VERB"
        and parse.tree.kids(match[0], "ccomp")
    ):
        type_ = speech  # 'a rights group protested that ...' is a complaint, not a demonstration
    return Trigger(head=match[0], tokens=match, type=type_, mode=spec.mode, priority=spec.priority)


def _name_tokens(parse: Parse, tokens: Sequence[int]) -> set[int]:
    """Tokens inside multi-word names ('Defence Acquisition Council'): a name is not an event."""
    inside = set()
    for i in tokens:
        mention = parse.mention_at(i)
        if mention is None or mention.label not in _NAME_LABELS or " " not in mention.text:
            continue
        if parse.lemma(i) in _DRILL_NOUNS and (
            parse.kind_of(mention) == EntityKind.EVENT or parse.tree.tokens[i].start == mention.start
        ):
            continue  # 'the Zapad exercise', 'Exercise Nomadic Elephant': a named exercise is still one
        inside.add(i)
    return inside


_DRILL_NOUNS = frozenset({"exercise", "drill", "wargame", "manoeuvre", "maneuver"})


def _item_tokens(parse: Parse, tokens: Sequence[int], lexicon: EventLexicon, products: set[int]) -> set[int]:
    """Tokens inside item phrases ('targeting pods'): they never trigger an event themselves."""
    inside: set[int] = set()
    for head in item_heads(parse, tokens, lexicon, products):
        first, last = item_phrase(parse, head)
        inside.update(range(first, last))
    return inside


def _matches(
    parse: Parse,
    tokens: Sequence[int],
    spec: DefenceTriggers | TypeTriggers,
    blocked: set[int],
    *,
    phrases_only: bool,
    adjectival: bool = False,
) -> list[tuple[int, ...]]:
    """Phrase matches first (head token first), then single verbs and nouns.

    Participles used as adjectives ('well equipped') only count when ``adjectival`` (defence verbs:
    'banned arms exports' is often parsed that way).
    """
    out: list[tuple[int, ...]] = []
    taken: set[int] = set()
    if phrases_only:
        for phrase in spec.phrases:
            for match in _phrase_matches(parse, tokens, phrase):
                if not taken.intersection(match):
                    out.append(match)
                    taken.update(match)
        return out
    verbs, nouns = spec.verbs, spec.nouns
    for i in tokens:
        if i in taken or i in blocked:
            continue
        token, lemma = parse.tree.tokens[i], _lemma(parse, i)
        if (
            token.pos == "VERB" and (adjectival or token.dep not in ("amod", "acomp")) and lemma in verbs
        ) or ((token.pos in ("NOUN", "PROPN") or _noun_read_as_verb(parse, i)) and lemma in nouns):
            out.append((i,))
    return out


_NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos"})


def _noun_read_as_verb(parse: Parse, i: int) -> bool:
    """A noun the tagger read as a verb: in a noun's place with a determiner or modifier of its own
    ('kicked off the naval exercise'), or a plural right after a name that opens with 'the' ('took
    part in the Cobra Gold drills': a verb does not follow 'the' and a name)."""
    tokens = parse.tree.tokens
    if tokens[i].pos != "VERB":
        return False
    if tokens[i].dep in _NOMINAL_DEPS and parse.tree.kids(i, "det", "amod", "nmod", "compound", "poss"):
        return True
    return _after_a_name(parse, i)


def _after_a_name(parse: Parse, i: int) -> bool:
    """'the Cobra Gold drills' read with 'drills' as a verb: a plural right after a name that follows
    'the' (and perhaps adjectives or a year)."""
    tokens = parse.tree.tokens
    if tokens[i].pos != "VERB" or tokens[i].tag != "VBZ" or not parse.text(i).endswith("s"):
        return False
    k = i - 1
    while k >= 0 and tokens[k].pos == "PROPN" and tokens[k].sentence == tokens[i].sentence:
        k -= 1
    named = k < i - 1
    while k >= 0 and tokens[k].pos in ("ADJ", "NUM") and tokens[k].sentence == tokens[i].sentence:
        k -= 1  # 'the annual Name drills', 'the 2024 Name drills'
    return named and k >= 0 and parse.lemma(k) == "the"


def _lemma(parse: Parse, i: int) -> str:
    lemma = parse.lemma(i)
    text = parse.text(i).lower()
    return text if "-" in text and lemma.replace("-", "") != text.replace("-", "") else lemma


def _phrase_matches(parse: Parse, tokens: Sequence[int], phrase: tuple[str, ...]) -> list[tuple[int, ...]]:
    """Contiguous lemma sequences; two-word phrases may also be tree-linked ('express ... solidarity')."""
    found: list[tuple[int, ...]] = []
    lemmas = parse.lemmas
    if not any(lemmas[i] == phrase[0] for i in tokens):  # both ways of matching start at phrase[0]
        return found
    n = len(phrase)
    for k, i in enumerate(tokens):
        window = list(tokens[k : k + n])
        if len(window) == n and [parse.lemma(j) for j in window] == list(phrase):
            found.append(_head_first(parse, tuple(window)))
        elif n == 2 and parse.lemma(i) == phrase[0]:
            for j in tokens:
                if j != i and parse.lemma(j) == phrase[1] and _linked(parse, i, j):
                    found.append(_head_first(parse, (i, j)))
    return found


def _linked(parse: Parse, a: int, b: int) -> bool:
    tokens = parse.tree.tokens
    return (
        tokens[b].head == a
        or tokens[a].head == b
        or (tokens[tokens[b].head].head == a and tree_distance(parse, a, b) == 2)
        # a modifier shared by coordinated verbs: 'jointly fund and develop'
        or (tokens[a].dep == "advmod" and tokens[b].dep == "conj" and tokens[b].head == tokens[a].head)
    )


def _head_first(parse: Parse, match: tuple[int, ...]) -> tuple[int, ...]:
    """Put the phrase's syntactic head (the token whose head lies outside the phrase) first."""
    heads = [i for i in match if parse.tree.tokens[i].head not in match or parse.tree.tokens[i].head == i]
    verbs = [i for i in heads if parse.tree.tokens[i].pos == "VERB"]
    head = (verbs or heads or [match[0]])[0]
    return (head, *(i for i in match if i != head))


_FORCE_GROUPS = frozenset({"strike", "battle", "task", "carrier"})
# words that make a generic 'forces' or 'units' military: 'army units', 'combat forces'
_FORCE_MARKS = frozenset({"army", "military", "naval", "navy", "special", "armed", "air", "combat"})
_SUPPLYING = frozenset({"send"})  # 'sent missiles to X' supplies them; 'moved missiles to X' deploys them
_COMMITTING = frozenset(
    {"pledge", "promise", "select", "choose", "opt"}
)  # transfer verbs of a choice or promise
# item nouns civilians own too: moving them deploys nothing
_DUAL_USE = frozenset(
    {"jet", "plane", "aircraft", "airplane", "helicopter", "drone", "satellite", "truck", "vehicle"}
)  # 'a carrier strike group', 'a task force'


def _moves_forces(parse: Parse, head: int) -> bool:
    """What is sent ('sent troops'), or who goes ('army units headed to X'), is a military force."""
    tree = parse.tree
    moved = [*tree.kids(head, "dobj"), *mover(parse, head)]
    if tree.tokens[head].dep == "acl":  # 'army units headed to X', parsed as a participle on its noun
        moved.append(tree.tokens[head].head)
    lexicon = load_lexicon()
    platforms = parse.lemma(head) not in _SUPPLYING and bool(tree.kids(head, "dobj"))
    for m in moved:
        lemma = singular(parse.lemma(m))  # some plurals ('paratroopers') come unlemmatised
        if lemma in lexicon.force_units:
            return True
        if platforms and m in tree.kids(head, "dobj") and _armed_platform(parse, m, lemma, lexicon):
            return True  # 'moved two warships to the port': weapons and warships moved by their owner
        units_of = [o for p in tree.kids(m, "prep") if parse.lemma(p) == "of" for o in tree.kids(p, "pobj")]
        if any(singular(parse.lemma(o)) in lexicon.force_units for o in units_of):
            return True  # 'a company of French soldiers landed', 'a battalion of marines'
        if lemma in lexicon.force_generic - {"personnel"} and any(
            parse.lemma(c) in _FORCE_GROUPS | _FORCE_MARKS
            or (tree.tokens[c].dep == "amod" and parse.lemma(c) in ("military", "naval", "armed", "special"))
            for c in tree.kids(m, "compound", "amod")
        ):
            return True
    return False


def _armed_platform(parse: Parse, noun: int, lemma: str, lexicon: EventLexicon) -> bool:
    """A weapon or warship ('warships', 'tanks'), or a craft of both uses made military by its modifier
    ('fighter jets', 'attack helicopters'; not 'cargo planes')."""
    if lemma in lexicon.items - _DUAL_USE:
        return True
    military = lexicon.military_modifiers | (lexicon.items - _DUAL_USE)
    return lemma in _DUAL_USE and any(
        parse.lemma(k) in military for k in parse.tree.kids(noun, "compound", "amod")
    )


def _reaches_a_place(parse: Parse, head: int) -> bool:
    """What 'reach' takes is a named place ('reached Greece'), not a level ('reached a record')."""
    mentions = [parse.mention_at(o) for o in parse.tree.kids(head, "dobj")]
    return any(m is not None and m.label in ("GPE", "LOC", "FAC") for m in mentions)


_STAYING = frozenset({"operate", "remain", "stay"})
_ARRIVING = frozenset(
    {"arrive", "land", "reach", "dock"}
)  # what arrives, lands or reaches a place is the item


def _stays_somewhere(parse: Parse, head: int) -> bool:
    """A verb of staying with no object and a named place after 'in', 'at', 'near' or 'along'."""
    if parse.tree.kids(head, "dobj", "acomp", "attr", "oprd"):
        return False
    return _place_after(parse, head, ("in", "at", "inside", "near", "along", "across"))


_HOLDING = frozenset({"have"})  # having forces somewhere is keeping them there


def _held_somewhere(parse: Parse, head: int) -> bool:
    """'has troops in Syria', 'denies having soldiers in X': a named place after 'in' or 'at', on the verb
    or on what it has."""
    tree = parse.tree
    if tree.tokens[head].pos != "VERB":
        return False
    holders = [head, *tree.kids(head, "dobj")]
    return any(_place_after(parse, h, ("in", "at", "inside"), _PLACES) for h in holders)


_PLACES = ("GPE", "LOC", "FAC")


def _place_after(
    parse: Parse, node: int, preps: tuple[str, ...], labels: tuple[str, ...] | None = None
) -> bool:
    """A name (of one of ``labels``, when given) in an object of ``node``'s ``preps`` phrases."""
    tree = parse.tree
    return any(
        parse.lemma(p) in preps
        and any(
            labels is None or m.label in labels
            for o in tree.kids(p, "pobj")
            for m in parse.mentions_in(*tree.subtree(o))
        )
        for p in tree.kids(node, "prep")
    )


ARMING = frozenset({"arm", "rearm"})  # verbs whose meaning holds the item: to arm is to supply weapons
# verbs of routing that supply only with a party to reach ('ferrying rifles to the rebels',
# 'diverted to Russia', 'funnelling ammunition to Russian troops')
_ROUTING = frozenset({"funnel", "divert", "channel", "ferry", "truck"})
_BOUND = frozenset({"carry", "destine"}) | _ROUTING


def _destination(parse: Parse, head: int) -> bool:
    """A 'to' or 'for' phrase naming a party: 'carrying weapons to the rebels', 'destined for X' (on the
    verb or, as the parser often attaches it, on its object)."""
    tree = parse.tree
    objects = tree.kids(head, "dobj")
    preps = tree.kids(head, "prep", "dative") + [p for o in objects for p in tree.kids(o, "prep")]
    # 'carrying rockets bound for X': the 'for' of a participle of going on the object
    going = [v for o in objects for v in tree.kids(o, "acl", "amod") if parse.lemma(v) in BOUND_FOR]
    preps += [p for v in going for p in tree.kids(v, "prep")]
    for prep in preps:
        if parse.lemma(prep) in ("to", "for") and any(
            parse.mentions_in(*tree.subtree(obj)) or parse.lemma(obj) in ("rebel", "militia", "group")
            for obj in tree.kids(prep, "pobj")
        ):
            return True
    return False


def _defence_ok(
    parse: Parse,
    head: int,
    spec: DefenceTriggers,
    lexicon: EventLexicon,
    products: set[int],
    *,
    itemless: bool = False,
) -> bool:
    lemma = _lemma(parse, head)
    armed = lemma in ARMING and parse.tree.tokens[head].pos == "VERB"  # 'arming the rebels' names its item
    if lemma in _ROUTING and not parse.tree.kids(head, "dobj", "nsubjpass"):
        return False  # 'two jets flew to Poland' fly themselves; 'flew weapons to X' carries them
    if lemma in _BOUND and not _destination(parse, head):
        return False  # 'a plane carrying missiles' moves them; 'carrying missiles to X' supplies X
    if lemma == "sign" and parse.tree.kids(head, "dobj"):
        return False  # 'Warsaw signed for 96 jets' orders them; 'signed a contract for' is the contract's
    if lemma == "reach" and not _reaches_a_place(parse, head):
        return False  # 'the jets reached Greece' (not 'sales of jets reached a record')
    if lemma in _HOLDING and not _held_somewhere(parse, head):
        return False  # 'has troops in Syria' keeps them there; 'has 50,000 troops' only counts an army
    if lemma in _STAYING and not _stays_somewhere(parse, head):
        return False  # 'troops remain in Syria', 'soldiers operating in Congo' (not 'operate drones')
    if lemma in spec.needs_forces and not _moves_forces(parse, head):
        return False  # 'sent 500 troops to X' deploys them; 'sent a letter' or 'the minister flew' does not
    if spec.needs_item and not itemless and not armed and not _has_item(parse, head, lexicon, products):
        return False
    if lemma == "order" and parse.tree.kids(head, "xcomp") and not _ordered_item(parse, head, lexicon):
        return False  # 'was ordered by a court to stop delivering': a command, not a purchase
    if lemma in COMMITTING and parse.tree.kids(head, "xcomp"):
        return False  # 'chose to bring the purchase forward', 'pledged to buy': the act below is the event
    if any(_plain_goods(parse, o, lexicon) for o in parse.tree.kids(head, "dobj")):
        return False  # 'ordered a review of arms contracts', 'sent a letter about the missiles'
    if lemma in _GETTING and not _got_goods(parse, head, lexicon, products):
        return False  # 'secured a loan to buy tanks', 'gives X a base of': what is got must be the weapon
    civil = spec.subtype == "arms_transfer" and _airline_buys(parse, head)
    if civil or (spec.subtype == "arms_transfer" and _airliner_trade(parse, head, lexicon)):
        return False  # 'the airline received its first A350 jets', 'Airbus won an order for 100 jets')

    if spec.subtype == "co_development" and _takes_part_in_drills(parse, head, lexicon):
        return False  # 'participated in the exercise': the exercise noun is the event
    if lemma == "base" and parse.tree.kids(head, "auxpass", "nsubjpass"):
        return False  # 'where the brigade is based': a unit's home station, not a move
    if spec.subtype == "arms_transfer" and _barred_from(parse, head):
        return False  # 'barred Turkey from buying jets': the bar is the event, the purchase does not happen
    if spec.subtype == "arms_transfer" and _sent_to_take_part(parse, head):
        return False  # 'sent a frigate to take part in the drills': the ship goes to act, no one buys it
    if spec.subtype == "exercise" and lemma == "training":
        military = lexicon.military | _strong(lexicon)
        return _trained_together(parse, head) and (
            _proper_named(parse, head) or words_near(parse, head, military, clause=True)
        )
    if spec.subtype == "co_development" and lemma == "partner" and (joined := _partner_in(parse, head)):
        return _weapons_programme(parse, joined, lexicon)
    if lemma not in spec.needs_context:
        return True
    if spec.subtype == "defence_pact":
        return pact_ok(parse, head, lexicon)  # the shapes of a defence pact (extract/events/pacts.py)
    if spec.subtype == "export_ban" and lemma in _EXPELLING:
        return _out_of_programme(parse, head)
    if spec.subtype == "export_ban" and _military_aid(parse, head):
        return True  # 'halted military aid to X', 'a freeze on security assistance'
    if spec.subtype == "export_ban":
        return words_near(parse, head, _SALE_WORDS | _ARMS_WORDS, clause=False) or (
            words_near(parse, head, _TRADING, clause=False)
            and (words_near(parse, head, _strong(lexicon), clause=False) or _system_below(parse, head))
        )  # 'barred Turkey from buying F-35 jets', 'stopped delivering F-35 parts': a trade of weapons barred
    if spec.subtype == "exercise" and _named(parse, head):
        return True
    verb_drill = lemma != "drill" or parse.tree.tokens[head].pos == "VERB"  # the noun 'drill' was always one
    if spec.subtype == "exercise" and lemma in _PRACTICE_WORDS and verb_drill:  # forces practise, squads too
        return words_near(parse, head, armed_words(lexicon), clause=True)
    if spec.subtype == "exercise" and len(holder_states(parse, head)) >= 2 and not _civil_drill(parse, head):
        return True  # 'Moscow and Minsk will stage manoeuvres': two states hold drills together
    return words_near(parse, head, lexicon.military | _strong(lexicon), clause=True)


# drill words that sport and business use too ('the squad practised', 'drilled a shot', 'a mock
# attack'): a drill only beside forces or weapons, not beside 'attack' or 'defence'
_PRACTICE_WORDS = frozenset(
    {"practise", "practice", "rehearse", "flight", "simulate", "simulated", "mock", "strike", "attack",
     "battle", "landing", "drill"}
)  # fmt: skip
# words that make a ban one on arms by themselves: 'barred trucks carrying munitions for X'
_ARMS_WORDS = frozenset({"arm", "arms", "weapon", "munition", "ammunition"})
_DRILL_KINDS = frozenset(
    {"air", "naval", "maritime", "amphibious", "live", "tactical", "field", "war", "missile",
     "anti-submarine", "military", "combat", "counter-terrorism"}
)  # fmt: skip


# drills that states hold for civilians, not for their forces ('a joint earthquake drill')
_CIVIL_DRILLS = frozenset(
    {"fire", "earthquake", "evacuation", "tsunami", "flood", "disaster", "emergency", "political",
     "diplomatic", "legal", "accounting", "budget", "vaccination", "pandemic", "census"}
)  # fmt: skip


def _civil_drill(parse: Parse, head: int) -> bool:
    return any(parse.lemma(k) in _CIVIL_DRILLS for k in parse.tree.kids(head, "compound", "amod"))


# verbs of giving or getting anything: only weapons given or got make them a transfer ('gives India a
# steady base of submarines' gives no submarine)
_GETTING = frozenset({"get", "secure", "give"})


def _got_goods(parse: Parse, head: int, lexicon: EventLexicon, products: set[int]) -> bool:
    """What 'get', 'secure' or 'give' takes is itself an item (the item test of every trigger) or a
    batch of them ('secured 30 jets', 'given 50 vehicles')."""
    objects = parse.tree.kids(head, "dobj", "nsubjpass")
    return bool(item_heads(parse, objects, lexicon, products)) or any(
        parse.lemma(k) in CONTAINERS for k in objects
    )


_AIRLINES = frozenset({"airline", "airlines", "airways"})


def _airline_buys(parse: Parse, head: int) -> bool:
    """An airline as the one who buys, orders or receives ('the airline got its first jets', 'the
    airline's order for 20 jets'): civil aircraft, not arms."""
    tree = parse.tree
    holders = [*tree.kids(head, "nsubj", "poss", "compound")]
    for holder in holders:
        words = {parse.lemma(i) for i in range(tree.left[holder], tree.right[holder] + 1)}
        if words & _AIRLINES:
            return True
    return False


_AIRFRAMES = AIRFRAMES | {"jet", "airliner", "jetliner"}  # what an airliner maker sells


def _airliner_trade(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """'Airbus won an order for 100 jets', 'the carrier ordered 30 planes from Boeing': a maker of
    airliners (the gazetteer's ``airliner_maker`` category) trading jets or planes that no military
    word or known weapon system marks as military."""
    tree = parse.tree
    verb = head
    for _ in range(3):  # 'won an order for 100 jets': the clause of the verb the trigger hangs on
        if tree.tokens[verb].pos == "VERB" or tree.tokens[verb].head == verb:
            break
        verb = tree.tokens[verb].head
    first, last = tree.left[verb], tree.right[verb]
    mentions = parse.mentions_in(first, last)
    makers = [m for m in mentions if ("category", "airliner_maker") in _attributes(parse, m)]
    if not makers or any(parse.kind_of(m) == EntityKind.WEAPON_SYSTEM for m in mentions):
        return False
    airframes = [i for i in range(first, last + 1) if singular(parse.lemma(i)) in _AIRFRAMES]
    military = lexicon.military_modifiers | lexicon.military | {"fighter", "military", "combat"}
    return bool(airframes) and not any(
        parse.lemma(k) in military for a in airframes for k in tree.kids(a, "amod", "compound")
    )


def _attributes(parse: Parse, mention: Mention) -> tuple[tuple[str, str], ...]:
    entity = parse.entities.get(mention.entity_id or "")
    return entity.attributes if entity is not None else ()


_TRADING = frozenset(
    {"buy", "purchase", "acquire", "sell", "import", "export", "supply", "deliver", "ship", "transfer"}
)


_AID = frozenset({"aid", "assistance", "support", "funding", "financing"})
_AID_KINDS = frozenset({"military", "lethal", "security", "defence", "defense"})


def _military_aid(parse: Parse, head: int) -> bool:
    """What a ban stops is military aid: 'halted military aid', 'a pause in lethal assistance'."""
    tree = parse.tree
    held = [*tree.kids(head, "dobj", "nsubjpass")]
    held += [
        o
        for p in tree.kids(head, "prep")
        if parse.lemma(p) in ("of", "on", "in")
        for o in tree.kids(p, "pobj")
    ]
    return any(
        parse.lemma(o) in _AID and any(parse.lemma(k) in _AID_KINDS for k in tree.kids(o, "amod", "compound"))
        for o in held
    )


_EXPELLING = frozenset({"expel", "exclude", "eject"})


def _out_of_programme(parse: Parse, head: int) -> bool:
    """'expelled Turkey from the F-35 programme': a party put out of a weapons programme is barred
    from its weapons (not 'expelled the diplomats from the country')."""
    tree = parse.tree
    for prep in tree.kids(head, "prep"):
        if parse.lemma(prep) != "from":
            continue
        for obj in tree.kids(prep, "pobj"):
            first, last = tree.subtree(obj)
            kinds = {parse.kind_of(m) for m in parse.mentions_in(first, last)}
            if kinds & {EntityKind.WEAPON_SYSTEM, EntityKind.PROGRAMME}:
                return True
    return False


def _system_below(parse: Parse, head: int) -> bool:
    """A weapon system the gazetteer knows, named in the trigger's own phrase ('F-35 parts')."""
    first, last = parse.tree.subtree(head)
    return any(parse.kind_of(m) == EntityKind.WEAPON_SYSTEM for m in parse.mentions_in(first, last))


_BARRING = frozenset({"bar", "ban", "block", "prohibit", "restrict", "veto"})


def _barred_from(parse: Parse, head: int) -> bool:
    """A trade verb after 'from' on a verb of barring ('barred X from buying', 'blocked Y from selling'),
    unless the barring failed ('failed to block buyers from ...': then the trade happened)."""
    tree = parse.tree
    token = tree.tokens[head]
    if token.dep != "pcomp" or parse.lemma(token.head) != "from":
        return False
    verb = tree.tokens[token.head].head
    if parse.lemma(verb) not in _BARRING:
        return False
    return not (tree.tokens[verb].dep == "xcomp" and parse.lemma(tree.tokens[verb].head) == "fail")


_PARTAKING = frozenset({"participate", "join", "attend"})


def _sent_to_take_part(parse: Parse, head: int) -> bool:
    """'sent two warships to join the drills', 'dispatched a submarine to take part in ...': a purpose
    of taking part, on the sending verb or on what is sent."""
    tree = parse.tree
    if parse.lemma(head) not in ("send", "dispatch"):
        return False
    holders = [head, *tree.kids(head, "dobj")]
    for k in (c for h in holders for c in tree.kids(h, "xcomp", "advcl", "acl")):
        lemma = parse.lemma(k)
        if lemma in _PARTAKING or (lemma == "take" and any(parse.lemma(o) == "part" for o in tree.kids(k))):
            return True
    return False


_JOINT = frozenset(
    {"joint", "combined", "bilateral", "trilateral", "multilateral", "multinational", "allied", "mutual"}
)
_BESIDE = frozenset({"with", "alongside"})


def _trained_together(parse: Parse, head: int) -> bool:
    """A training of more than one side: joint by a modifier ('joint coast guard training'), held by
    coordinated holders ('X and Y concluded a training'), with another side ('training with X'), or
    named ('the Steppe Shield training')."""
    tree = parse.tree
    noun = tree.tokens[head].head if tree.tokens[head].dep == "compound" else head  # 'a training camp'
    if {parse.lemma(i) for i in range(tree.left[noun], noun)} & _JOINT or _proper_named(parse, head):
        return True
    if any(parse.lemma(p) in _BESIDE for p in tree.kids(noun, "prep")):
        return True
    verb, dep = tree.tokens[noun].head, tree.tokens[noun].dep
    if dep == "pobj":  # 'flew alongside X during the training', 'for a training camp'
        verb, dep = tree.tokens[verb].head, "dobj"
    if dep not in ("dobj", "nsubjpass") or tree.tokens[verb].pos not in ("VERB", "AUX"):
        return False
    if any(parse.lemma(p) in _BESIDE for p in tree.kids(verb, "prep")):
        return True
    for subject in tree.kids(verb, "nsubj", "dobj"):
        span = range(tree.left[subject], tree.right[subject] + 1)
        if any(tree.tokens[i].dep in ("cc", "conj") for i in span):
            return True
    return False


def _proper_named(parse: Parse, head: int) -> bool:
    """A proper name on the noun ('the Steppe Shield training'), not merely a military kind."""
    return any(parse.tree.tokens[k].pos == "PROPN" for k in parse.tree.kids(head, "compound")) or (
        parse.name_opened_by(head) is not None
    )


def _takes_part_in_drills(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    drills = next((spec.nouns for spec in lexicon.defence if spec.subtype == "exercise"), frozenset())
    objects = [
        o for p in parse.tree.kids(head, "prep") if parse.lemma(p) == "in" for o in parse.tree.kids(p, "pobj")
    ]
    return any(parse.lemma(o) in drills for o in objects)


def _ordered_item(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """Whether what is ordered is an item ('ordered 12 jets to replace ...'), not a party told to act."""
    return any(parse.lemma(k) in lexicon.items for k in parse.tree.kids(head, "dobj", "nsubjpass"))


def _named(parse: Parse, head: int) -> bool:
    """'the Cobra Gold exercise', 'Zapad drills', 'air drills', 'naval exercises': a drill with a
    proper name or of a military kind is a military exercise."""
    tree = parse.tree
    if _after_a_name(parse, head):  # the name before it ('the Cobra Gold drills')
        return True
    if parse.name_opened_by(head) is not None:
        return True  # 'Exercise Nomadic Elephant': the noun opens the name
    for k in tree.kids(head, "compound", "amod"):
        if tree.tokens[k].pos == "PROPN" or parse.lemma(k) in _DRILL_KINDS:
            return True
    # 'the exercise Southern Star', 'Southern Star, a joint exercise': the name stands beside it
    token = tree.tokens[head]
    beside = [*tree.kids(head, "appos"), *([token.head] if token.dep == "appos" else [])]
    return any(tree.tokens[k].pos == "PROPN" for k in beside)


def _partner_in(parse: Parse, head: int) -> int | None:
    """What 'partner(s) in' governs: 'are partners in the fighter programme'."""
    for prep in parse.tree.kids(head, "prep"):
        if parse.lemma(prep) == "in":
            return next(iter(parse.tree.kids(prep, "pobj")), None)
    return None


def _weapons_programme(parse: Parse, noun: int | None, lexicon: EventLexicon) -> bool:
    """A programme that makes a weapon: 'the KF-21 fighter programme' (not 'the fight against X' or
    'a research project')."""
    if noun is None or parse.lemma(noun) not in lexicon.programme_nouns:
        return False
    tree = parse.tree
    return any(parse.lemma(i) in _strong(lexicon) for i in range(tree.left[noun], tree.right[noun] + 1))


def _plain_goods(parse: Parse, noun: int, lexicon: EventLexicon) -> bool:
    """Goods or acts that are no weapon ('sent a letter', 'sold fuel'), unless a weapon names what they
    are for ('missile fuel', 'tank engines' are not plain goods)."""
    if parse.lemma(noun) not in lexicon.not_goods:
        return False
    return not any(parse.lemma(k) in _strong(lexicon) for k in parse.tree.kids(noun, "compound"))


def _strong(lexicon: EventLexicon) -> frozenset[str]:
    return lexicon.items - lexicon.weak_items


def _has_item(parse: Parse, head: int, lexicon: EventLexicon, products: set[int]) -> bool:
    """An item or military word in the trigger's object side (never its subject, nor a topic phrase:
    'handed over papers about the frigates' hands over no frigate)."""
    scope = _object_scope(parse, head)
    tree = parse.tree
    topics = {
        k
        for i in scope
        if tree.tokens[i].dep == "prep" and parse.text(i).lower() in _TOPIC_PREPS
        for k in range(tree.left[i], tree.right[i] + 1)
    }
    scope = [i for i in scope if i not in topics]
    heads = set(item_heads(parse, scope, lexicon, products))
    strong = [
        h
        for h in heads
        if _lemma(parse, h) not in lexicon.weak_items
        or h in products
        or armed_item(parse, h, lexicon)
        or _named_system(parse, h)
    ]
    return (
        bool(strong)
        or any(_lemma(parse, i) in lexicon.military for i in scope)
        or bool(heads and words_near(parse, head, lexicon.military | _strong(lexicon), clause=True))
    )


def _named_system(parse: Parse, head: int) -> bool:
    """'NASAMS batteries', 'Patriot systems': a generic noun led by a weapon system the gazetteer
    knows."""
    return any(
        (m := parse.mention_at(k)) is not None and parse.kind_of(m) == EntityKind.WEAPON_SYSTEM
        for k in parse.tree.kids(head, "compound", "nmod")
    )


def _object_scope(parse: Parse, head: int) -> list[int]:
    tree = parse.tree
    subjects = tree.kids(head, "nsubj", "nsubjpass", "poss") if tree.tokens[head].pos == "VERB" else []
    if parse.lemma(head) in _ARRIVING:  # what arrives is the item: 'the S-400 systems (are due to) arrive'
        subjects = []
        movers = mover(parse, head)
        return [i for i in range(tree.left[head], tree.right[head] + 1) if i != head] + [
            i for m in movers for i in range(tree.left[m], tree.right[m] + 1)
        ]
    scope = [i for i in range(tree.left[head], tree.right[head] + 1) if i != head]
    for subject in subjects:
        if tree.tokens[subject].dep == "nsubjpass":
            continue
        scope = [i for i in scope if not tree.left[subject] <= i <= tree.right[subject]]
    if tree.tokens[head].dep in ("acl", "amod", "compound", "relcl"):
        owner = tree.tokens[head].head
        scope += list(range(tree.left[owner], owner + 1))
    if tree.tokens[head].pos == "NOUN" and tree.tokens[head].dep in ("dobj", "attr"):
        for prep in tree.kids(tree.tokens[head].head, "prep"):
            scope += list(range(tree.left[prep], tree.right[prep] + 1))
    governor = tree.tokens[head].head
    if (
        tree.tokens[head].pos == "NOUN" and tree.tokens[head].dep == "nsubj"
    ):  # 'the deal involves 3 destroyers'
        for obj in tree.kids(governor, "dobj", "attr"):
            scope += list(range(tree.left[obj], tree.right[obj] + 1))
    for subject in raised_subjects(parse, head):  # 'the arms were due to be (unloaded and) transferred'
        scope += list(range(tree.left[subject], tree.right[subject] + 1))
    return scope


def mover(parse: Parse, head: int) -> list[int]:
    """The subject of a motion verb, through raising ('the jets are due to arrive')."""
    tree = parse.tree
    node = head
    for _ in range(3):
        subjects = tree.kids(node, "nsubj", "nsubjpass")
        if subjects:
            return subjects
        if tree.tokens[node].dep not in ("xcomp", "acomp") or tree.tokens[node].head == node:
            return []
        node = tree.tokens[node].head
    return []
