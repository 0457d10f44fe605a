"""When a pact noun or verb is a defence pact: the shapes in which states bind their forces.

A pact trigger ('agreement', 'alliance', 'partnership', 'cooperation', 'join', 'integrate') is a
defence pact only in one of these shapes:

- a pact whose own phrase names its kind ('a security pact', 'a mutual defence treaty') or whose
  signers are armed forces ('the army chiefs signed a cooperation agreement');
- a partnership or coalition that is entered ('formed a security partnership'), not a standing tie;
- defence cooperation that states enter, deepen or expand ('stepped up military cooperation',
  'entered a new level of military cooperation'), not cooperation merely mentioned;
- joining, or accession to, a military alliance: an organisation the gazetteer files as one
  (category ``alliance``: NATO) or an alliance or coalition that is itself military;
- an alliance or coalition formed to fight an armed enemy ('a coalition to fight terrorism'), not
  one formed to fight poverty;
- one state's force unit integrated into another's ('a Dutch brigade integrated into a German
  division').
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsift.extract.events.lexicon import EventLexicon
from newsift.extract.events.nearby import words_near
from newsift.extract.parse import Parse
from newsift.extract.syntax import singular
from newsift.model import EntityKind

if TYPE_CHECKING:
    from newsift.extract.events.triggers import Trigger

__all__ = ["armed_unit", "mutual_promise", "pact_ok", "proven_pact"]

# the kinds of pact a pact noun's own modifier can name (not 'access' or 'mutual' alone)
_KINDS = frozenset({"defence", "defense", "military", "security"})
# verbs of stepping into or up a cooperation ('deepen defence cooperation')
_STEPS = frozenset(
    {"enter", "deepen", "expand", "step", "boost", "strengthen", "broaden", "intensify", "upgrade", "launch",
     "begin", "start", "establish", "increase", "enhance", "bolster", "forge", "seal", "sign", "agree",
     "extend", "elevate", "formalise", "formalize", "resume", "reach", "ink", "conclude", "renew",
     "ratify", "adopt", "approve"}
)  # fmt: skip
# nouns of degree between the verb and the cooperation ('a new level of military cooperation')
_DEGREES = frozenset({"level", "phase", "era", "stage", "chapter", "form", "kind", "area", "field", "round"})
# documents that set out a cooperation without being pact nouns themselves
_DOCUMENTS = frozenset({"framework", "roadmap", "plan", "programme", "program", "declaration", "charter"})
# documents that are a pact when they name a military kind and are signed or renewed
_CHARTERS = frozenset({"framework", "charter"})
_ALLIANCES = frozenset({"alliance", "coalition", "pact", "treaty", "bloc"})
_GROUPINGS = frozenset({"alliance", "coalition"})
# purposes that make a grouping military: to fight, counter or deter an armed enemy
_FIGHTING = frozenset(
    {"fight", "combat", "counter", "defeat", "confront", "battle", "deter", "repel", "crush"}
)
_ENEMIES = frozenset(
    {"terrorism", "terrorist", "terror", "militant", "militancy", "insurgent", "insurgency", "jihadist",
     "extremist", "extremism", "rebel", "militia", "aggression", "invasion", "army", "force", "piracy",
     "pirate", "attack", "group"}
)  # fmt: skip
_FORMING = frozenset(
    {
        "form",
        "join",
        "launch",
        "establish",
        "create",
        "build",
        "forge",
        "found",
        "set",
        "announce",
        "unveil",
        "renew",
        "extend",
        "elevate",
        "upgrade",
    }
)
_UNITS_EXTRA = frozenset({"force", "army", "navy", "corps", "division"})
_ARMED = frozenset(
    {"armed", "armoured", "armored", "military", "naval", "air", "airborne", "mechanised", "mechanized"}
)


def pact_ok(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """Whether a pact trigger at ``head`` (noun or verb) is a defence pact in one of the module's shapes."""
    lemma = parse.lemma(head)
    if lemma == "join":
        return _alliance_joined(parse, head, lexicon)
    if lemma == "accession":
        return any(_alliance_named(parse, o) for o in _objects(parse, head, ("to", "into")))
    if lemma in ("member", "membership"):
        return _became_member(parse, head)
    if lemma in _MUTUAL:
        return _mutual(parse, head, lexicon)
    if lemma in ("cooperation", *_CHARTERS):  # 'renewed their defence framework'
        return _kind_named(parse, head) and _stepped(parse, head)
    if lemma in ("integrate", "integration"):
        return _units_integrated(parse, head, lexicon)
    if lemma in ("partnership", "coalition") and not _entered(parse, head, lexicon):
        return False  # 'its defence partnership with France' is a standing tie, not a pact signed
    if lemma in _GROUPINGS and _fights(parse, head):
        return True  # 'a coalition formed to fight terrorism'
    if lemma == "coalition":
        return _kind_named(parse, head)  # 'a military coalition'; never a coalition government
    return (
        words_near(parse, head, lexicon.pact, clause=False)
        or _signed_by_forces(parse, head, lexicon)
        or _forces_in_terms(parse, head, lexicon)
    )


def _forces_in_terms(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """'a pact allowing their troops to visit each other's territory': the terms of the pact, in the
    clause on its noun, move or host armed forces."""
    tree = parse.tree
    clauses = tree.kids(head, "acl", "relcl")
    return any(
        singular(parse.lemma(i)) in lexicon.force_units
        for c in clauses
        for i in range(tree.left[c], tree.right[c] + 1)
    )


def proven_pact(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """The shapes that prove a pact military by themselves, whatever else the sentence says."""
    lemma = parse.lemma(head)
    if lemma in ("join", "accession", "integrate", "integration", "member", "membership", *_MUTUAL):
        return pact_ok(parse, head, lexicon)
    if lemma in _GROUPINGS and _fights(parse, head):
        return True
    return lemma in ("partnership", "agreement", "accord", "treaty", "pact") and _holds_mutual(parse, head)


def _holds_mutual(parse: Parse, head: int) -> bool:
    """'a partnership that includes a mutual assistance clause': a promise of mutual defence inside."""
    first, last = parse.tree.subtree(head)
    for i in range(first, last + 1):
        if parse.lemma(i) not in _MUTUAL or i == head:
            continue
        kids = parse.tree.kids(i, "amod", "compound", "poss")
        if any(parse.lemma(k) in _CIVIL_HELP for k in kids):
            continue
        if any(parse.lemma(k) in ("mutual", "other") for k in kids) or parse.lemma(i) == "defend":
            return True
    return False


def _entered(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """Whether a pact noun is what a verb of signing or forming acts on ('signed a partnership')."""
    token = parse.tree.tokens[head]
    verb = token.head
    verbs = lexicon.sign | _FORMING
    if token.dep in ("dobj", "nsubjpass") and parse.lemma(verb) in verbs:
        return True
    # 'a coalition formed to fight X', 'a Saudi-led coalition': the participle on the noun forms it
    return any(parse.lemma(k) in verbs for k in parse.tree.kids(head, "acl", "amod"))


def _signed_by_forces(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """'the army chief and the navy commander signed a cooperation agreement': an accord whose
    signers are armed forces (or their commanders) is a defence pact."""
    tree = parse.tree
    verb = tree.tokens[head].head
    if tree.tokens[head].dep not in ("dobj", "nsubjpass") or parse.lemma(verb) not in lexicon.sign:
        return False
    forces = {"army", "navy", "force", "military", "armed", "brigade", "division", "corps", "marine"}
    for subject in tree.kids(verb, "nsubj", "agent"):
        first, last = tree.subtree(subject)
        if {parse.lemma(i) for i in range(first, last + 1)} & forces:
            return True
    return False


def _alliance_joined(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """'Finland joined NATO', 'joined a coalition formed to fight terrorism': what is joined is a
    military alliance (never 'joined the talks' or 'joined the coalition government')."""
    tree = parse.tree
    objects = [*tree.kids(head, "dobj"), *_objects(parse, head, ("in",))]
    for obj in objects:
        if _alliance_named(parse, obj):
            return True
        if parse.lemma(obj) in _ALLIANCES and (
            _kind_named(parse, obj)
            or _fights(parse, obj)
            or words_near(parse, obj, lexicon.pact, clause=False)
        ):
            return True
    return False


# heads of the phrases of a mutual defence promise ('come to each other's aid', 'defend each other',
# 'a mutual assistance clause')
_MUTUAL = frozenset({"aid", "defend", "defence", "defense", "assistance"})
# kinds of mutual help that are no defence ('mutual legal assistance', 'mutual financial aid')
_CIVIL_HELP = frozenset({"legal", "judicial", "customs", "financial", "economic", "administrative", "tax",
                         "technical", "humanitarian", "medical", "police"})  # fmt: skip


def _mutual(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """'Russia and North Korea agreed to come to each other's aid', 'a mutual assistance clause': states
    promising to defend one another. Not a civil kind of help, and not the modifier of a pact noun that
    is its own trigger ('a mutual defence treaty')."""
    tree = parse.tree
    token = tree.tokens[head]
    if any(parse.lemma(k) in _CIVIL_HELP for k in tree.kids(head, "amod", "compound")):
        return False
    pacts = next((spec.nouns for spec in lexicon.defence if spec.subtype == "defence_pact"), frozenset())
    if token.dep in ("compound", "amod") and parse.lemma(token.head) in pacts:
        return False
    tokens = parse.sentence_tokens(token.sentence)
    mentions = parse.mentions_in(tokens[0], tokens[-1])
    states = {parse.code_of(m) for m in mentions if parse.kind_of(m) == EntityKind.COUNTRY}
    return len(states - {None}) >= 2


def mutual_promise(parse: Parse, trigger: Trigger) -> bool:
    """Whether a trigger is a pact's promise of mutual defence, whose condition ('if either is
    attacked') is the pact's content, not a doubt on the pact."""
    return trigger.subtype == "defence_pact" and parse.lemma(trigger.head) in _MUTUAL


def _became_member(parse: Parse, head: int) -> bool:
    """'Finland became a member of NATO', 'Sweden completed its NATO membership': membership of a
    military alliance taken up, not held ('NATO member Poland', 'its membership of the alliance')."""
    tree = parse.tree
    token = tree.tokens[head]
    allied = any(_alliance_named(parse, k) for k in tree.kids(head, "compound", "nmod")) or any(
        _alliance_named(parse, o) for o in _objects(parse, head, ("of", "in"))
    )
    if not allied:
        return False
    verb = parse.lemma(token.head)
    if parse.lemma(head) == "member":
        return token.dep in ("attr", "oprd") and verb == "become"
    return token.dep in ("dobj", "nsubjpass") and verb in _TAKEN_UP


# verbs by which a state takes up a membership ('gained NATO membership'; not 'applied for' or 'seeks')
_TAKEN_UP = frozenset({"gain", "win", "secure", "complete", "finalise", "finalize", "formalise", "formalize",
                       "obtain", "achieve", "take", "receive"})  # fmt: skip


def _objects(parse: Parse, head: int, preps: tuple[str, ...]) -> list[int]:
    tree = parse.tree
    return [o for p in tree.kids(head, "prep") if parse.lemma(p) in preps for o in tree.kids(p, "pobj")]


def _alliance_named(parse: Parse, token: int) -> bool:
    """A mention at the token of an organisation the gazetteer files as a military alliance."""
    mention = parse.mention_at(token)
    if mention is None:
        return False
    entity = parse.entities.get(mention.entity_id or "")
    return entity is not None and ("category", "alliance") in entity.attributes


def _kind_named(parse: Parse, head: int) -> bool:
    """'defence cooperation', 'a military coalition': the noun's own modifier names a military kind."""
    return any(parse.lemma(k) in _KINDS for k in parse.tree.kids(head, "compound", "amod", "nmod"))


def _stepped(parse: Parse, head: int) -> bool:
    """Whether a verb of entering or deepening governs the cooperation, directly or through a noun of
    degree ('entered a new level of military cooperation', 'agreed to deepen defence cooperation')."""
    tree = parse.tree
    node = head
    for _ in range(4):
        token = tree.tokens[node]
        if token.head == node:
            return False
        parent = token.head
        if token.dep in ("dobj", "nsubjpass") and parse.lemma(parent) in _STEPS:
            return True
        if token.dep == "compound" and parse.lemma(parent) in _DOCUMENTS:
            node = parent  # 'signed a defence cooperation framework'
            continue
        if token.dep == "pobj" and parse.lemma(parent) in ("of", "on", "in", "for"):
            node = tree.tokens[parent].head  # 'a level of', 'an agreement on', 'a framework for'
            if parse.lemma(node) in _STEPS:
                return True
            if parse.lemma(node) not in _DEGREES | _DOCUMENTS:
                return False
            continue
        return False
    return False


def _fights(parse: Parse, head: int) -> bool:
    """'an alliance to fight terrorism', 'a coalition formed to counter the militants': the grouping's
    purpose is to fight an armed enemy (not poverty)."""
    tree = parse.tree
    first, last = tree.subtree(head)
    candidates = list(range(first, last + 1))
    token = tree.tokens[head]
    if token.dep in ("dobj", "nsubjpass"):  # 'formed an alliance to fight X': the purpose of forming it
        for clause in tree.kids(token.head, "advcl", "xcomp"):
            candidates += range(tree.left[clause], tree.right[clause] + 1)
    for i in candidates:
        if parse.lemma(i) not in _FIGHTING or tree.tokens[i].pos != "VERB":
            continue
        targets = tree.kids(i, "dobj")
        words = {singular(parse.lemma(k)) for t in targets for k in range(tree.left[t], tree.right[t] + 1)}
        if words & _ENEMIES:
            return True
    return False


def _units_integrated(parse: Parse, head: int, lexicon: EventLexicon) -> bool:
    """'a Dutch brigade was integrated into a German division', 'the brigade integrates with German
    forces': a force unit joined to another's force."""
    tree = parse.tree
    if tree.tokens[head].pos == "VERB":
        movers = tree.kids(head, "nsubj", "nsubjpass")
    else:
        movers = _objects(parse, head, ("of",))
    into = _objects(parse, head, ("into", "with"))
    return any(armed_unit(parse, m, lexicon) for m in movers) and any(
        armed_unit(parse, o, lexicon) for o in into
    )


def armed_unit(parse: Parse, token: int, lexicon: EventLexicon) -> bool:
    """'a brigade', 'German forces', 'an armoured division' (not 'the sales force', 'a consumer division')."""
    lemma = singular(parse.lemma(token))
    if lemma in lexicon.force_units:
        return True
    if lemma not in _UNITS_EXTRA:
        return False
    modifiers = parse.tree.kids(token, "amod", "compound")
    return any(parse.lemma(k) in _ARMED or parse.mention_at(k) is not None for k in modifiers)
