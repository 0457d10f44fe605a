"""Defence words that name no happening: abilities, generic parties, a country equipping its own forces.

A defence trigger can sit in a sentence that talks about something else than an event between
parties. Each test below is a class of such framings; an event they catch keeps its general PLOVER
type and loses its defence frame (the defence README: "background commentary, generic statements
and events whose actors can only be guessed are not annotated").

- an ability: 'capabilities to hit targets', 'will be able to land 1,000 personnel';
- a generic party: 'providing weapons to any party', 'the transfer of arms to third parties';
- a generic item: 'any weapon it receives';
- a country equipping its own forces with no second party named: 'equip our army';
- a transfer noun that only modifies another noun: 'the rocket export initiative';
- deals in general: a bare plural deal noun with no party or item ('handled military contracts'),
  or every deal of a kind ('a review of all arms makers' contracts with X');
- pacts in general: a bare plural pact noun with fewer than two states ('adheres to international
  arms control agreements');
- weapons fitted to the owner's own platforms: 'deploy the missiles on its destroyers';
- a 'pact' between firms: 'an alliance between a shipbuilder and a systems company';
- a demand: 'calls to end arms sales', 'urged the government to stop selling weapons', 'demanded a
  ban on exports' ask for the event, they do not report it ('the contract calls for delivery' is no
  demand: its subject is the deal);
- a standing rule with no one it is aimed at: 'national regulations prohibit transfers to third
  parties' (a rule noun as the subject of a present-tense verb, no party named as its target).

``refers_back`` is the README's convention that a sentence only referring back to an event ('the
exercise will include live fire', 'this system was never procured') is no new mention of it.
"""

from __future__ import annotations

from newsift.extract.events.lexicon import PLATFORMS, TRADERS
from newsift.extract.parse import Parse, is_state
from newsift.extract.syntax import singular
from newsift.model import Event

__all__ = ["no_happening", "refers_back"]

_ABILITY = frozenset({"able", "capable", "capability", "capacity", "ability", "potential"})
_ABILITY_SUBTYPES = frozenset({"strike", "movement", "deployment"})
_GENERIC_DETS = frozenset({"any", "no", "every", "all"})
_GENERIC_PARTIES = frozenset({"anyone", "anybody", "whoever"})
_BUYING = frozenset({"buy", "order", "acquire", "purchase", "procure", "import", "receive", "obtain"})
_KINDS_OF_BUYER = frozenset(
    {"country", "nation", "state", "buyer", "customer", "army", "military", "government"}
)
_VAGUE_COUNTS = frozenset(
    {"several", "many", "some", "other", "few", "various", "numerous", "most", "no", "any"}
)
_DET_DEPS = frozenset({"det", "predet"})
_ANY_DETS = frozenset({"any", "every", "whatever", "whichever"})
_DEAL_HEADS = frozenset({"deal", "contract", "agreement", "package", "order", "sale", "delivery", "shipment"})


def no_happening(parse: Parse, event: Event) -> str | None:
    """Why this defence event names no happening between parties, or None when it does."""
    head = parse.tree.token_at(event.evidence.start)
    if event.subtype in _ABILITY_SUBTYPES and _ability(parse, head):
        return "ability"
    if _demanded(parse, head):
        return "demand"
    if event.subtype == "arms_transfer":
        if _generic_recipient(parse, head):
            return "generic party"
        if _generic_item(parse, head):
            return "generic item"
        if parse.lemma(head) == "equip" and not any(is_state(a) for a in (*event.source, *event.target)):
            return "own forces"
        if _modifier_only(parse, head):
            return "modifier"
        if _all_deals(parse, head):
            return "every deal"
        if _bare_plural_deal(parse, head, event):
            return "deals in general"
    if event.subtype == "defence_pact" and _pacts_in_general(parse, head, event):
        return "pacts in general"
    if event.subtype == "deployment" and _onto_own_platforms(parse, head):
        return "own platforms"
    if _standing_rule(parse, head) and not any(is_state(a) for a in (*event.target, *event.participants)):
        return "standing rule"
    if (
        event.subtype == "defence_pact"
        and event.participants
        and all(a.sector == "COM" for a in event.participants)
    ):
        return "firms"
    if event.subtype == "co_development" and _one_maker(parse, head, event):
        return "one maker"
    return None


# verbs of making at home that are co-production only between two countries' parties
_LOCAL_MAKING = frozenset({"assemble", "manufacture", "produce", "build", "make", "team"})


def _one_maker(parse: Parse, head: int, event: Event) -> bool:
    """'India will build the jets locally', 'the plant assembles its own rifles': local making or a
    team-up is co-production only when parties of two countries take part ('Saab and Adani will
    make Gripen jets locally', 'Egypt will assemble South Korean howitzers')."""
    if parse.lemma(head) not in _LOCAL_MAKING:
        return False
    countries = {
        a.code for a in (*event.source, *event.target, *event.participants) if a.code and is_state(a)
    }
    return len(countries) < 2


_DEMANDS = frozenset({"urge", "demand", "call", "appeal", "petition", "lobby", "plead", "press", "exhort"})
_DEMAND_PATH = frozenset({"xcomp", "ccomp", "dobj", "prep", "pobj", "acl", "relcl", "advcl", "compound"})


def _demanded(parse: Parse, head: int) -> bool:
    """Whether the trigger is what a demand asks for (up to four steps up through its objects and
    complements), the demand not being a deal's terms ('the contract calls for')."""
    tree, node = parse.tree, head
    for _ in range(4):
        token = tree.tokens[node]
        if token.dep not in _DEMAND_PATH or token.head == node:
            return False
        child, node = node, token.head
        if parse.lemma(node) in _DEMANDS:
            if parse.lemma(node) == "call" and not _calls_for(parse, child):
                return False  # 'called the report fabricated' names, it does not demand
            subjects = tree.kids(node, "nsubj", "nsubjpass")
            return not any(parse.lemma(s) in _DEAL_HEADS | _RULES | {"plan", "treaty"} for s in subjects)
    return False


def _calls_for(parse: Parse, child: int) -> bool:
    """'call' demands through 'for' or 'on' ('called for an embargo', 'called on X to stop') or a
    'to' clause ('calls to end sales')."""
    token = parse.tree.tokens[child]
    clause = token.dep in ("xcomp", "acl", "advcl", "relcl") and bool(parse.tree.kids(child, "aux"))
    return clause or (token.dep == "prep" and parse.lemma(child) in ("for", "on"))


_RULES = frozenset(
    {"regulation", "rule", "law", "legislation", "constitution", "guideline", "code", "policy"}
)


_OWN = frozenset({"its", "their", "our"})


def _onto_own_platforms(parse: Parse, head: int) -> bool:
    """'deploy the missiles on its destroyers': weapons fitted to the owner's own ships or aircraft."""
    tree = parse.tree
    for prep in tree.kids(head, "prep"):
        if parse.lemma(prep) not in ("on", "aboard", "onto"):
            continue
        for obj in tree.kids(prep, "pobj"):
            owner = {parse.lemma(k) for k in tree.kids(obj, "poss")}
            owner |= {parse.lemma(g) for k in tree.kids(obj, "poss") for g in tree.kids(k, "poss")}
            if singular(parse.lemma(obj)) in PLATFORMS and owner & _OWN:
                return True
    return False


def _standing_rule(parse: Parse, head: int) -> bool:
    """'regulations prohibit the transfer of arms', 'the law forbids exports': the trigger or the verb
    above it is in the present simple with a rule noun as its subject."""
    tree = parse.tree
    for node in (head, *tree.ancestors(head)[:2]):
        if tree.tokens[node].tag not in ("VBZ", "VBP"):
            continue
        if any(parse.lemma(s) in _RULES for s in tree.kids(node, "nsubj")):
            return True
    return False


def _ability(parse: Parse, head: int) -> bool:
    """'capabilities to hit targets', 'able to land troops', 'capable of striking'."""
    return any(parse.lemma(node) in _ABILITY for node in parse.tree.ancestors(head)[:3])


def _generic_recipient(parse: Parse, head: int) -> bool:
    """'sold to any buyer', 'several countries have ordered the K9': a recipient named only by kind and
    by a vague count is no party (a transfer to a party the sentence cannot name)."""
    tree = parse.tree
    if parse.lemma(head) in _BUYING:
        for subject in tree.kids(head, "nsubj"):
            dets = {parse.lemma(k) for k in tree.kids(subject, "det", "amod")}
            if (
                parse.lemma(subject) in _KINDS_OF_BUYER
                and dets & _VAGUE_COUNTS
                and not parse.mention_at(subject)
            ):
                return True
    for prep in tree.kids(head, "prep", "dative"):
        if parse.lemma(prep) != "to":
            continue
        for obj in tree.kids(prep, "pobj"):
            dets = {parse.lemma(k) for k in tree.kids(obj, "det", "amod")}
            if dets & _GENERIC_DETS or parse.lemma(obj) in _GENERIC_PARTIES:
                return True
            if parse.lemma(obj) == "party" and "third" in dets:
                return True
    return False


def _bare_plural_deal(parse: Parse, head: int, event: Event) -> bool:
    """'while she handled military contracts': a deal noun in the bare plural (no determiner, owner
    or count), naming no party and no item, speaks of deals in general."""
    tree = parse.tree
    token = tree.tokens[head]
    if token.pos != "NOUN" or token.tag != "NNS" or parse.lemma(head) not in _DEAL_HEADS:
        return False
    if tree.kids(head, "det", "poss", "nummod") or event.item or event.quantity or event.value:
        return False
    return not any(a.code for a in (*event.source, *event.target, *event.participants))


def _generic_item(parse: Parse, head: int) -> bool:
    """'any weapon it receives', 'sell every rifle it makes': no one item, so no one trade."""
    tree = parse.tree
    token = tree.tokens[head]
    if tree.kids(head, "neg") or any(parse.lemma(k) == "never" for k in tree.kids(head, "advmod")):
        return False  # 'has not sent any drones' denies a trade with no item named, it is no generality
    if token.dep in ("relcl", "acl") and any(
        parse.lemma(d) in _ANY_DETS for d in tree.kids(token.head, "det")
    ):
        return True  # the item the clause describes: 'any weapon it receives'
    # 'any' on the object itself is mostly a denial's or a question's ('denied that any drones were sent')
    held = tree.kids(head, "dobj", "nsubjpass")
    return any(parse.lemma(d) in _ANY_DETS - {"any"} for n in held for d in tree.kids(n, "det"))


def _all_deals(parse: Parse, head: int) -> bool:
    """'a review of all arms makers' contracts with X', 'all weapons suppliers': every deal or trader
    of a kind, no one deal."""
    tree = parse.tree
    if tree.tokens[head].tag != "NNS" or parse.lemma(head) not in _DEAL_HEADS | TRADERS:
        return False
    first = tree.left[head]
    return any(parse.lemma(k) in _GENERIC_DETS for k in range(first, head) if tree.tokens[k].dep in _DET_DEPS)


def _pacts_in_general(parse: Parse, head: int, event: Event) -> bool:
    """'adhering to international arms control agreements': pact nouns in the bare plural with fewer
    than two states as parties speak of pacts in general, not of one pact between parties."""
    tree = parse.tree
    if tree.tokens[head].tag != "NNS" or tree.kids(head, "det", "poss", "nummod"):
        return False
    return sum(map(is_state, event.participants)) < 2


def _modifier_only(parse: Parse, head: int) -> bool:
    token = parse.tree.tokens[head]
    if token.pos != "NOUN" or token.dep != "compound":
        return False
    return parse.lemma(token.head) not in _DEAL_HEADS


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
_BACK_PRONOUNS = frozenset({"it", "them", "this", "that", "these", "those"})


def refers_back(parse: Parse, event: Event) -> bool:
    """A mention that only points back at an event: a definite trigger noun ('the drills', 'this
    deal') or a verb whose thing is a pronoun or a demonstrative phrase ('procured this system'),
    with no party named in its sentence and nothing new about it (no item, count, value, year,
    name or programme). Denials and allegations add a status of their own and stay."""
    if event.item or event.quantity or event.value or event.year or event.programme:
        return False
    if any(a.code and not a.inferred for a in (*event.source, *event.target, *event.participants)):
        return False
    tree = parse.tree
    head = tree.token_at(event.evidence.start)
    token = tree.tokens[head]
    if _party_pronoun(parse, head):
        return False  # 'it decided to start the purchase': the pronoun stands for a party
    if token.pos in ("NOUN", "PROPN"):
        return any(parse.lemma(d) in _DEFINITE for d in tree.kids(head, "det", "poss"))
    things = tree.kids(head, "dobj", "nsubjpass")
    return bool(things) and all(
        parse.lemma(t) in _BACK_PRONOUNS
        or any(parse.lemma(d) in _DEFINITE - {"the"} for d in tree.kids(t, "det"))
        for t in things
    )


_PARTY_PRONOUNS = frozenset({"it", "they", "we", "i"})


def _party_pronoun(parse: Parse, head: int) -> bool:
    """A pronoun subject of the trigger or of the verbs above it ('it decided to start the purchase')."""
    tree = parse.tree
    for node in (head, *tree.ancestors(head)[:3]):
        if any(parse.lemma(k) in _PARTY_PRONOUNS for k in tree.kids(node, "nsubj", "agent")):
            return True
    return False
