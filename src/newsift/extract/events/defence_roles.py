"""Roles of the defence frames: who supplies and who receives, who takes part.

The general role labeller (``event_actors``) reads subject/object positions; a defence frame needs
the frame's own reading on top of it:

- *supply* words (supply, sell, deliver, export, arm, 'the sale of X to Y') make their subject the
  supplier and their 'to' phrase, dative or 'supply X with' object the recipient;
- *acquire* words (buy, order, procure, receive, 'Y's purchase of X') make their subject the
  recipient and their 'from' phrase the supplier;
- a *deal* ('signed a contract with Y to buy X', 'negotiating with Y on the purchase of X') names the
  other party of the clause that governs the trigger;
- the *origin* of the item ('Chinese drones', 'German-built submarines', 'jets built by Dassault',
  'Dassault Rafale jets') is a supplier when no one else is named, and never a recipient;
- exercises, pacts and co-development take as participants every country named around the trigger:
  its modifiers ('joint Russian-Belarusian drills'), its 'with'/'between'/'involving' phrases and the
  subjects of the verbs above it ('X and Y announced the start of the exercise').

Codes come only from resolved mentions (a firm stands for its country through the gazetteer).
"""

from __future__ import annotations

from collections.abc import Iterable

from newsift.extract.events.actors import actors_at
from newsift.extract.events.lexicon import BOUND_FOR, TRADERS, EventLexicon, load_lexicon
from newsift.extract.parse import Parse, is_place, is_state
from newsift.extract.syntax import singular
from newsift.gazetteer import load_gazetteer
from newsift.model import Actor, EntityKind

__all__ = [
    "ACQUIRE",
    "SUPPLY",
    "fighters_roles",
    "frame_roles",
    "hired_roles",
    "item_origin",
    "mover_of",
    "participants",
]

SUPPLY = frozenset(
    {
        "supply",
        "sell",
        "deliver",
        "export",
        "provide",
        "send",
        "ship",
        "gift",
        "donate",
        "hand",
        "transfer",
        "arm",
        "equip",
        "sale",
        "delivery",
        "shipment",
        "lease",
        "give",
        "offer",
        "carry",  # a cargo bound for a party: "a ship carrying rifles to the rebels"
        "smuggle",
        "destine",
        "consignment",
        "cargo",
        "pledge",
        "promise",
        "lend",
        "loan",
        "supplier",
        "exporter",
        "seller",
    }
)
ACQUIRE = frozenset(
    {
        "buy",
        "source",
        "spend",
        "purchase",
        "acquire",
        "procure",
        "order",
        "import",
        "receive",
        "induct",
        "obtain",
        "get",
        "secure",
        "commission",
        "acquisition",
        "procurement",
        "induction",
        "buyer",
        "customer",
        "importer",
        "take",  # 'took delivery of'
    }
)
DEAL = frozenset({"contract", "deal", "agreement", "order", "negotiate", "negotiation", "talk", "pact"})
_MADE = frozenset({"make", "build", "manufacture", "produce", "design", "develop", "supply"})
_COUNTERPARTY_PREPS = frozenset({"with"})
_CLIMB = frozenset(
    {"xcomp", "advcl", "acl", "pobj", "prep", "dobj", "conj", "relcl", "ccomp", "attr", "oprd", "pcomp"}
)
_HOST_PREPS = frozenset({"in"})
_MOVE = frozenset(
    {"head", "go", "travel", "arrive", "fly", "sail", "deploy", "send", "dispatch", "land", "reach"}
)
_JOINT_PREPS = frozenset({"with", "between", "among", "alongside", "involving", "including"})
_TAKE_PART = frozenset(
    {
        "participate",
        "join",
        "take",
        "involve",
        "hold",
        "conduct",
        "stage",
        "begin",
        "launch",
        "start",
        "announce",
        "kick",
        "wrap",
        "end",
        "complete",
        "host",
        "carry",
        "organise",
        "organize",
        "sign",
        "ink",
        "conclude",
        "agree",
        "enter",
        "form",
        "establish",
    }
)


def _coded(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    seen: dict[str, Actor] = {}
    for a in actors:
        key = a.code or a.id or a.text
        if key and key not in seen:
            seen[key] = a
    return tuple(seen.values())


def _mention_actor(parse: Parse, i: int) -> Actor | None:
    """The actor named by the mention at token ``i`` (countries, demonyms, firms, forces, bodies)."""
    mention = parse.mention_at(i)
    if mention is None:
        return None
    kind = parse.kind_of(mention)
    if kind in (EntityKind.WEAPON_SYSTEM, EntityKind.PROGRAMME, EntityKind.OPERATION, EntityKind.EVENT):
        return None
    code = parse.code_of(mention)
    if code is None and mention.label not in ("GPE", "NORP", "ORG"):
        return None
    text = mention.text[4:] if mention.text.lower().startswith("the ") else mention.text
    return Actor(text=text, id=mention.entity_id, code=code)


def _mention_actors(parse: Parse, i: int) -> list[Actor]:
    """The actor at token ``i``; a joined demonym ('Russian-Belarusian', 'US-Philippine') gives one
    actor per part, each resolved through the gazetteer's demonyms and names."""
    actor = _mention_actor(parse, i)
    if actor is not None and actor.code:
        return [actor]
    mention = parse.mention_at(i)
    text = mention.text if mention is not None else parse.text(i)
    if "-" not in text:
        return []
    gazetteer = load_gazetteer()
    out = []
    for part in text.split("-"):
        for entity_id, _how in gazetteer.lookup(part.strip()):
            code = gazetteer.country_of(entity_id)
            if code:
                out.append(Actor(text=part.strip(), id=entity_id, code=code))
                break
    return out


def item_origin(
    parse: Parse, item_head: int | None, lexicon: EventLexicon, item_first: int | None = None
) -> tuple[Actor, ...]:
    """Whose the item is: 'Chinese drones', 'German-built submarines', 'Norwegian-made missile',
    'Dassault Rafale jets', 'jets built by X', 'a system made in X', 'the weapon system's maker'."""
    if item_head is None:
        return ()
    tree = parse.tree
    found: list[Actor] = []
    first, last = min(tree.left[item_head], item_first if item_first is not None else item_head), item_head
    for i in range(first, last + 1):
        designation = any(c.isalpha() for c in parse.text(i)) and any(c.isdigit() for c in parse.text(i))
        if (tree.tokens[i].dep in ("det", "nummod", "quantmod") and not designation) or parse.text(i) == "-":
            continue
        actor = _mention_actor(parse, i)
        if actor is not None and actor.code:
            found.append(actor)
            continue
        mention = parse.mention_at(i)
        if mention is not None and parse.kind_of(mention) == EntityKind.WEAPON_SYSTEM:
            code = parse.code_of(mention)
            if code:
                found.append(Actor(text=mention.text, id=mention.entity_id, code=code))
    for clause in tree.kids(item_head, "acl", "relcl"):
        found += makers(parse, clause, lexicon)
    return _coded(found)


def makers(parse: Parse, clause: int, lexicon: EventLexicon) -> list[Actor]:
    """Who makes the item in a making clause: 'built by X', 'made in X', 'built in partnership with X'."""
    tree = parse.tree
    if parse.lemma(clause) not in _MADE:
        return []
    found = [
        a
        for agent in tree.kids(clause, "agent")
        for p in tree.kids(agent, "pobj")
        for a in actors_at(parse, p, lexicon)
        if a.code
    ]
    for prep in tree.kids(clause, "prep"):
        if parse.lemma(prep) in ("in", "by", "with"):
            for p in tree.kids(prep, "pobj"):
                found += [a for a in actors_at(parse, p, lexicon) if a.code]
                if parse.lemma(p) in _PARTNERSHIP:  # 'built in partnership with X'
                    found += _prep_actors(parse, p, _COUNTERPARTY_PREPS, lexicon)
    return found


_PARTNERSHIP = frozenset(
    {"partnership", "cooperation", "collaboration", "co-operation", "association", "tandem"}
)


# nouns of taking part whose 'in' gerund the denier or admitter controls: 'rejected any role in sending'
_INVOLVEMENT = frozenset({"role", "involvement", "part", "hand", "participation", "complicity"})


def _subjects(parse: Parse, node: int, lexicon: EventLexicon, stops: frozenset[str]) -> tuple[Actor, ...]:
    """The nearest subject above (or at) ``node``: 'Japan will pay ... to purchase', 'X is in talks to
    buy', 'Greece is expected to acquire' (a raised passive subject), 'countries such as X and Y were
    named as having sent' (the countries listed in the subject)."""
    tree = parse.tree
    for step in range(5):
        for child in tree.kids(node, *(("nsubj",) if step == 0 else ("nsubj", "nsubjpass"))):
            found = tuple(a for a in actors_at(parse, child, lexicon) if a.code or a.id)
            if found:
                return found
            if tree.tokens[child].pos == "PRON":
                return _pronoun_antecedent(parse, child, lexicon)
            return _coded(_troop_owners(parse, child))
        for child in tree.kids(node, "poss"):
            found = tuple(a for a in actors_at(parse, child, lexicon) if a.code)
            if found:
                return found
        head = tree.tokens[node].head
        if head == node or tree.tokens[node].dep not in _CLIMB:
            return ()
        if tree.tokens[node].dep == "pcomp" and parse.lemma(head) == "of":  # 'accused X of arming Y'
            objects = tree.kids(tree.tokens[head].head, "dobj")
            agents = [a for o in objects for a in actors_at(parse, o, lexicon) if a.code]
            if agents:
                return _coded(agents)
            pronouns = [o for o in objects if tree.tokens[o].pos == "PRON"]
            if pronouns:  # 'rejected claims accusing it of supplying': 'it' is the one who rejects
                return _accused_pronoun(parse, tree.tokens[head].head, pronouns[0], lexicon)
            # 'X has been accused of supplying': the passive subject is the accused
            passive = tree.kids(tree.tokens[head].head, "nsubjpass")
            accused = [a for o in passive for a in actors_at(parse, o, lexicon)]
            if any(a.code for a in accused):
                return _coded(accused)
        controlled = tree.tokens[node].dep == "xcomp" or parse.lemma(node) in _INVOLVEMENT
        if parse.lemma(head) in stops and not controlled:
            return ()  # 'denied providing arms': the denier controls the gerund; not 'denied that X ...'
        node = head
    return ()


# verbs by which a third party stops a cargo on its way: its subject neither sends nor gets it
_INTERDICTING = frozenset({"seize", "intercept", "capture", "confiscate", "impound", "interdict", "board"})


def _interdicted(parse: Parse, trigger: int) -> bool:
    """'seized a shipment of rifles', 'the cargo was intercepted': a supply noun a third party stops;
    'intercepted a vessel carrying Iranian weapons to X': the carrying of a craft a third party stops."""
    tree = parse.tree
    token = tree.tokens[trigger]
    if token.pos == "VERB" and token.dep == "acl":  # the craft the verb hangs on is what is stopped
        token = tree.tokens[token.head]
        return token.dep in ("dobj", "nsubjpass") and parse.lemma(token.head) in _INTERDICTING
    return (
        token.pos in ("NOUN", "PROPN")
        and token.dep in ("dobj", "nsubjpass")
        and parse.lemma(token.head) in _INTERDICTING
    )


# verbs by which one party has another do the work: 'paid Lockheed to upgrade its jets'
_HIRING = frozenset({"pay", "hire", "contract", "commission", "task", "engage"})


def hired_roles(
    parse: Parse, trigger: int, lexicon: EventLexicon
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]] | None:
    """'Egypt will pay Lockheed Martin to upgrade its F-16s', 'Brazil hired Naval Group to build
    submarines': the hired party supplies or upgrades, the one who pays receives; None when the trigger
    is not the purpose of such a verb."""
    tree = parse.tree
    token = tree.tokens[trigger]
    if token.dep not in ("xcomp", "advcl") or parse.lemma(token.head) not in _HIRING:
        return None
    verb = token.head
    hired = _coded(a for o in tree.kids(verb, "dobj") for a in actors_at(parse, o, lexicon) if a.code)
    payer = _coded(a for s in tree.kids(verb, "nsubj") for a in actors_at(parse, s, lexicon) if a.code)
    if not hired or not payer:
        return None
    return hired, tuple(a for a in payer if a.code not in _codes(hired))


def fighters_roles(
    parse: Parse, verb: int, lexicon: EventLexicon
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """'Cuban soldiers were fighting for Russia': the forces' country sends, the one fought for hosts."""
    tree = parse.tree
    senders = _coded(a for s in tree.kids(verb, "nsubj") for a in _troop_owners(parse, s))
    hosts = _coded(
        a
        for p in tree.kids(verb, "prep")
        if parse.lemma(p) in ("for", "alongside")
        for o in tree.kids(p, "pobj")
        for a in [*actors_at(parse, o, lexicon), *_troop_owners(parse, o)]
        if a.code
    )
    return senders, tuple(a for a in hosts if a.code not in _codes(senders))


def mover_of(parse: Parse, trigger: int, lexicon: EventLexicon, stops: frozenset[str]) -> tuple[Actor, ...]:
    """Who sends forces when the verb is the bare complement of another: 'Pyongyang denied sending
    soldiers', 'X agreed to deploy troops' (the subject of the verb just above)."""
    tree = parse.tree
    token = tree.tokens[trigger]
    if token.pos != "VERB" or token.dep not in ("xcomp", "pcomp", "ccomp") or tree.kids(trigger, "nsubj"):
        return ()
    if token.dep == "pcomp":  # 'accused Russia of sending advisers': the accused sends them
        return _subjects(parse, trigger, lexicon, stops)
    return tuple(a for s in tree.kids(token.head, "nsubj") for a in actors_at(parse, s, lexicon) if a.code)


def _accused_pronoun(parse: Parse, verb: int, pronoun: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'it' in 'accusing it of arming Y'. A pronoun object never stands for its own clause's subject:
    when the accuser is the subject ('X cut ties with Z, accusing it of ...': X accuses), 'it' is the
    nearest other party named before it (Z); when the accusation belongs to others ('rejected claims
    accusing it of ...'), 'it' is the subject above."""
    tree = parse.tree
    accuser = verb
    if tree.tokens[verb].dep in ("advcl", "conj", "xcomp") and not tree.kids(verb, "nsubj"):
        accuser = tree.tokens[verb].head
    subjects = tree.kids(accuser, "nsubj")
    if not subjects:
        return _pronoun_antecedent(parse, pronoun, lexicon)
    own = {a.code for s in subjects for a in actors_at(parse, s, lexicon) if a.code}
    sentence = tree.tokens[pronoun].sentence
    before = [
        m
        for m in parse.annotated.mentions
        if m.sentence == sentence and m.end <= tree.tokens[pronoun].start and parse.code_of(m)
    ]
    for mention in reversed(before):
        actor = _mention_actor(parse, tree.token_at(mention.start))
        if actor is not None and actor.code and actor.code not in own:
            return (actor,)
    return ()


def _pronoun_antecedent(parse: Parse, pronoun: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'it', 'they': the subject of the clause above ('X said it would buy'); else the nearest party
    named before the pronoun in its sentence, a person for 'he'/'she' ('As X explained, he is
    negotiating ...': the person's country)."""
    tree = parse.tree
    node = pronoun
    for _ in range(4):
        head = tree.tokens[node].head
        if head == node:
            break
        node = head
        for subject in tree.kids(node, "nsubj"):
            if subject != pronoun and tree.tokens[subject].pos != "PRON":
                found = tuple(a for a in actors_at(parse, subject, lexicon) if a.code)
                if found:
                    return found
    person = parse.lemma(pronoun) in ("he", "she")
    sentence, start = tree.tokens[pronoun].sentence, tree.tokens[pronoun].start
    before = [
        m
        for m in parse.annotated.mentions
        if m.sentence == sentence and m.end <= start and (m.label == "PERSON") == person and parse.code_of(m)
    ]
    if before:
        actor = _mention_actor(parse, tree.token_at(before[-1].start))
        if actor is not None and actor.code:
            return (actor,)
    return ()


def _prep_actors(parse: Parse, node: int, preps: frozenset[str], lexicon: EventLexicon) -> tuple[Actor, ...]:
    """Actors of the node's prepositional phrases; 'the NATO country France' is France (a state named
    inside a phrase headed by a bloc or a common noun wins over the bloc)."""
    tree = parse.tree
    out: list[Actor] = []
    for prep in tree.kids(node, "prep"):
        if parse.lemma(prep) not in preps:
            continue
        for p in tree.kids(prep, "pobj"):
            found = [a for a in actors_at(parse, p, lexicon) if a.code or a.id]
            if not any(is_state(a) for a in found):
                states = [a for a in _troop_owners(parse, p) if is_state(a)]
                found = states or found
            elif singular(parse.lemma(p)) in _FORCE_NOUNS:  # 'troops from India and Egypt': every owner
                found += [a for a in _troop_owners(parse, p) if is_state(a)]
            out += found
    return tuple(out)


def _counterparty(parse: Parse, trigger: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'signed a contract with Y to buy', 'negotiating with Y on the purchase', 'a deal with Y for':
    the 'with' party of the trigger or of a deal word or verb above it."""
    tree = parse.tree
    node = trigger
    for _ in range(5):
        found = _prep_actors(parse, node, _COUNTERPARTY_PREPS, lexicon)
        if found:
            return found
        for child in tree.children[node]:  # 'a contract with Y' as the object of the verb above
            if parse.lemma(child) in DEAL and child != trigger:
                found = _prep_actors(parse, child, _COUNTERPARTY_PREPS, lexicon)
                if found:
                    return found
        head = tree.tokens[node].head
        if head == node or tree.tokens[node].dep not in _CLIMB or _adjunct(parse, node):
            return ()
        node = head
    return ()


_ROLE_PREPS = frozenset({"on", "for", "over", "about", "of", "to"})


def _adjunct(parse: Parse, node: int) -> bool:
    """'following X's acquisition', 'after the purchase': a preposition that sets the scene, not one
    that says what a deal or talks are about ('negotiating with Y on the purchase')."""
    tree = parse.tree
    token = tree.tokens[node]
    if token.dep == "pobj":
        return parse.lemma(token.head) not in _ROLE_PREPS
    return token.dep == "prep" and parse.lemma(node) not in _ROLE_PREPS


def _recipients_of_supply(parse: Parse, trigger: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'sell X to Y', 'supply Y with X', 'Y will be supplied with X', 'gave Y X', 'the sale of X to Y'."""
    tree = parse.tree
    found = _prep_actors(parse, trigger, frozenset({"to", "for"}), lexicon)
    carried = (trigger, *_item_objects(parse, trigger), *tree.kids(trigger, "dobj"))  # 'carrying X bound for'
    for bound in [c for n in carried for c in tree.kids(n, "acl", "amod")]:
        if not found and parse.lemma(bound) in BOUND_FOR:  # 'a consignment of rifles bound for X'
            found = _prep_actors(parse, bound, frozenset({"for", "to"}), lexicon)
    if found:
        return found
    for child in tree.kids(trigger, "dative", "iobj"):
        if tree.tokens[child].pos == "ADP":
            found += tuple(
                a for p in tree.kids(child, "pobj") for a in actors_at(parse, p, lexicon) if a.code
            )
        else:
            found += tuple(a for a in actors_at(parse, child, lexicon) if a.code)
    if found:
        return found
    for child in tree.kids(trigger, "dobj", "nsubjpass"):  # 'supply Y with', 'Y was supplied with'
        if any(parse.lemma(p) == "with" for p in tree.kids(trigger, "prep")) or (
            tree.kids(trigger, "dobj") == [child]
            and _mention_actor(parse, child) is not None
            and not _item_like(parse, child, lexicon)
        ):
            found = tuple(a for a in actors_at(parse, child, lexicon) if a.code)
            if found:
                return found
    objects = [*tree.kids(trigger, "dobj"), *(o for p in tree.kids(trigger, "prep") if parse.lemma(p) == "of"
                                              for o in tree.kids(p, "pobj"))]  # fmt: skip
    for child in objects:  # 'delivered jets to Y', 'the sale of jets to Y': 'to' parsed under the item
        found = _prep_actors(parse, child, frozenset({"to"}), lexicon)
        if found:
            return found
    for child in tree.kids(trigger, "advcl", "xcomp"):  # 'deliver systems to Denmark' misparsed as 'to V'
        if tree.tokens[child].pos == "PROPN" and any(parse.lemma(a) == "to" for a in tree.kids(child, "aux")):
            found = tuple(a for a in actors_at(parse, child, lexicon) if a.code)
            if found:
                return found
    return ()


def _item_like(parse: Parse, i: int, lexicon: EventLexicon) -> bool:
    return parse.lemma(i) in lexicon.items


def frame_roles(
    parse: Parse,
    trigger: int,
    item_head: int | None,
    source: tuple[Actor, ...],
    target: tuple[Actor, ...],
    lexicon: EventLexicon,
    stops: frozenset[str],
    item_first: int | None = None,
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """Supplier and recipient of an arms transfer (also upgrade and export ban: upgrader/banning party
    and the one served/banned), repairing the general labeller's reading by the frame's direction."""
    tree = parse.tree
    if parse.lemma(trigger) not in ACQUIRE | SUPPLY | DEAL:  # 'signed a contract for 12 jets'
        trigger = next(
            (c for c in tree.kids(trigger, "dobj") if parse.lemma(c) in ACQUIRE | SUPPLY | DEAL), trigger
        )
    lemma = parse.lemma(trigger)
    origin = item_origin(parse, item_head, lexicon, item_first)
    if not origin:  # 'spend X on frigates to be built by Y': the making clause hangs from the trigger
        passive_makes = [c for c in tree.kids(trigger, "xcomp", "advcl") if tree.kids(c, "auxpass")]
        origin = _coded(a for c in passive_makes for a in makers(parse, c, lexicon))
    origin_codes = {a.code for a in origin}
    is_noun = tree.tokens[trigger].pos in ("NOUN", "PROPN")
    # 'drones supplied by Iran': a participle describing the item is a passive of its own
    reduced = tree.tokens[trigger].dep == "acl" and tree.tokens[trigger].tag == "VBN"
    passive = bool(tree.kids(trigger, "auxpass", "nsubjpass")) or reduced
    supplier: tuple[Actor, ...] = ()
    recipient: tuple[Actor, ...] = ()
    if lemma in TRADERS and is_noun:
        supplier, recipient = _trader_roles(parse, trigger, lexicon)
        if lemma in SUPPLY:
            recipient = recipient or _recipients_of_supply(parse, trigger, lexicon)
        elif recipient and not supplier:  # 'the first buyer of the Russian fighter': its maker sells
            supplier = tuple(a for a in origin if a.code not in _codes(recipient))
        if supplier or recipient:
            return _coded(supplier), _coded(tuple(a for a in recipient if a.code not in _codes(supplier)))
    meant_for = _meant_for(parse, item_head, origin_codes, lexicon)
    winner, deal = _firm_winning_a_deal(parse, trigger, lexicon, stops)
    if winner:  # 'Hanwha won an order from Poland', 'Lockheed received a contract from Taiwan'
        verb = tree.tokens[deal].head
        buyer = (
            _prep_actors(parse, deal, frozenset({"from"}), lexicon)
            or _prep_actors(parse, verb, frozenset({"from"}), lexicon)
            or meant_for
            or _coded(  # 'won a Romanian order': the buyer written on the deal noun
                a for k in tree.kids(deal, "amod", "compound", "poss") for a in actors_at(parse, k, lexicon)
            )
        )
        winner = tuple(a for a in winner if a.code not in _codes(buyer))
        return _coded(winner), _coded(buyer)
    if meant_for and (lemma in ACQUIRE | DEAL) and not passive:
        # 'signed a deal for 36 jets for India', 'bought tanks for Ukraine': the jets are India's; who
        # signs or buys for another supplies it (unless a 'from' phrase names the seller)
        supplier = _prep_actors(parse, trigger, frozenset({"from"}), lexicon) or _subjects(
            parse, trigger, lexicon, stops
        )
        supplier = supplier or tuple(a for a in origin if a.code not in _codes(meant_for))
        return _coded(a for a in supplier if a.code not in _codes(meant_for)), _coded(meant_for)
    acquiring = lemma in DEAL and _acquiring_clause(parse, trigger)
    if lemma in ACQUIRE or acquiring or _leased_from(parse, trigger, lexicon):
        supplier = _prep_actors(parse, trigger, frozenset({"from"}), lexicon)
        for held in () if supplier else (*tree.kids(trigger, "dobj"), item_head):
            # 'ordered six more jets from Brazil', 'a batch of missiles from X': the model hangs the
            # 'from' phrase on the object or on the item inside it
            if held is not None and (held == item_head or parse.lemma(held) not in lexicon.not_goods):
                supplier = supplier or _prep_actors(parse, held, frozenset({"from"}), lexicon)
        if is_noun:
            recipient = tuple(
                a
                for c in tree.kids(trigger, "poss", "compound", "amod")
                for a in actors_at(parse, c, lexicon)
                if a.code and a.code not in origin_codes
            ) or _prep_actors(parse, trigger, frozenset({"by"}), lexicon)
        if not recipient and not passive:
            recipient = _subjects(parse, trigger, lexicon, stops)
        if passive and not recipient:
            recipient = tuple(
                a
                for ag in tree.kids(trigger, "agent")
                for p in tree.kids(ag, "pobj")
                for a in actors_at(parse, p, lexicon)
                if a.code
            )
        supplier = supplier or tuple(
            a for a in _counterparty(parse, trigger, lexicon) if a.code not in _codes(recipient)
        )
    elif lemma in SUPPLY:
        recipient = _recipients_of_supply(parse, trigger, lexicon)
        if not recipient and reduced:  # 'Sudan's army is using drones supplied by Iran': who holds them
            recipient = _holder_of(parse, tree.tokens[trigger].head, lexicon, stops)
        if passive:
            supplier = tuple(
                a
                for ag in tree.kids(trigger, "agent")
                for p in tree.kids(ag, "pobj")
                for a in actors_at(parse, p, lexicon)
                if a.code
            )
        elif is_noun:
            supplier = tuple(
                a
                for c in tree.kids(trigger, "poss", "compound", "amod")
                for a in actors_at(parse, c, lexicon)
                if a.code
            ) or _prep_actors(parse, trigger, frozenset({"by", "from"}), lexicon)
        else:
            supplier = _subjects(parse, trigger, lexicon, stops)
    else:  # a deal whose clause says neither buys nor sells ('the deal covers six jets'): the maker sells
        target = meant_for or target
        supplier = tuple(a for a in origin if a.code not in _codes(target))
        return (source or supplier), target
    if _interdicted(parse, trigger):  # 'the navy seized a shipment of Iranian rifles': the seizer is no party
        source = tuple(a for a in source if a.code in origin_codes)
        target = tuple(a for a in target if a.code in _codes(recipient))
        supplier = tuple(a for a in supplier if a.code in origin_codes)  # nor the one whose forces stop it
    supplier = supplier or tuple(a for a in source if a.code not in _codes(recipient))
    recipient = recipient or tuple(a for a in target if a.code not in origin_codes | _codes(supplier))
    if not supplier:
        supplier = tuple(a for a in origin if a.code not in _codes(recipient))
    if not supplier:
        supplier = tuple(a for a in _maker_speaking(parse, trigger, stops) if a.code not in _codes(recipient))
    recipient = tuple(a for a in recipient if a.code not in _codes(supplier))
    return _coded(supplier), _coded(recipient)


# verbs that run either way: 'X leased jets to Y' supplies Y, 'Y leased jets from X' acquires them
_TWO_WAY = frozenset({"lease", "rent", "charter"})


def _leased_from(parse: Parse, trigger: int, lexicon: EventLexicon) -> bool:
    """A two-way verb with a 'from' party, on the verb or its object: its subject acquires."""
    if parse.lemma(trigger) not in _TWO_WAY:
        return False
    holders = [trigger, *parse.tree.kids(trigger, "dobj")]
    return any(_prep_actors(parse, h, frozenset({"from"}), lexicon) for h in holders)


def _meant_for(
    parse: Parse, item_head: int | None, origin: set[str | None], lexicon: EventLexicon
) -> tuple[Actor, ...]:
    """The state an item is for ('36 jets for India'), not its maker's country."""
    if item_head is None:
        return ()
    found = _prep_actors(parse, item_head, frozenset({"for"}), lexicon)
    return tuple(a for a in found if is_state(a) and a.code not in origin)


def _item_objects(parse: Parse, trigger: int) -> list[int]:
    """The 'of' objects of a transfer noun ('a consignment of rifles')."""
    tree = parse.tree
    return [o for p in tree.kids(trigger, "prep") if parse.lemma(p) == "of" for o in tree.kids(p, "pobj")]


_HOLDING = frozenset({"use", "operate", "field", "fly", "deploy", "receive", "get", "have", "employ"})


def _holder_of(parse: Parse, item: int, lexicon: EventLexicon, stops: frozenset[str]) -> tuple[Actor, ...]:
    """The subject of the verb that holds an item as its object ('X is using drones ...')."""
    tree = parse.tree
    verb = tree.tokens[item].head
    if tree.tokens[item].dep != "dobj" or parse.lemma(verb) not in _HOLDING:
        return ()
    return _subjects(parse, verb, lexicon, stops)


def _trader_roles(
    parse: Parse, trigger: int, lexicon: EventLexicon
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """'India is Russia's largest arms customer', 'Russia, India's top supplier', 'the main Chinese
    supplier': a trader noun's owner is the other side of its trade, its own nationality (an
    adjective or compound) and the subject it describes ('X is ...', 'X, ...') are the trader."""
    tree = parse.tree
    token = tree.tokens[trigger]
    other = tuple(a for c in tree.kids(trigger, "poss") for a in actors_at(parse, c, lexicon) if a.code)
    own = tuple(
        a for c in tree.kids(trigger, "amod", "compound") for a in actors_at(parse, c, lexicon) if a.code
    )
    if not own and token.dep in ("attr", "appos"):
        described = tree.kids(token.head, "nsubj") if token.dep == "attr" else [token.head]
        own = tuple(a for d in described for a in actors_at(parse, d, lexicon) if a.code)
    if parse.lemma(trigger) in ("customer", "buyer", "importer"):
        return other, own
    return own, other


_MAKERS = frozenset(
    {"manufacturer", "maker", "builder", "producer", "supplier", "seller", "vendor", "exporter",
     "shipbuilder", "shipyard", "contractor"}
)  # fmt: skip


def _maker_speaking(parse: Parse, trigger: int, stops: frozenset[str]) -> list[Actor]:
    """'X ordered 12 jets, its South Korean manufacturer said': the maker that reports a sale (the
    subject of a reporting verb of the sentence, a maker noun) is its supplier, by its country. The
    whole sentence is read: the parser often hangs a closing 'X said' on the object."""
    tree = parse.tree
    out: list[Actor] = []
    for node in parse.sentence_tokens(tree.tokens[trigger].sentence):
        if parse.lemma(node) not in stops:
            continue
        for subject in tree.kids(node, "nsubj"):
            if parse.lemma(subject) in _MAKERS:
                out += _owners_before(parse, subject)
    return out


def arrival_roles(
    parse: Parse, head: int, item_head: int, lexicon: EventLexicon, item_first: int | None = None
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """'Russian S-400 systems arrived in Turkey', 'the first jets for X arrived from Y': the item's
    origin or the 'from' phrase supplies; the place it arrives in, or the 'for' phrase, receives."""
    supplier = (
        item_origin(parse, item_head, lexicon, item_first)
        or _prep_actors(parse, head, frozenset({"from"}), lexicon)
        or _prep_actors(parse, item_head, frozenset({"from"}), lexicon)  # 'tanks from X arrived in Y'
    )
    recipient = (
        _prep_actors(parse, item_head, frozenset({"for"}), lexicon)
        or _prep_actors(parse, head, frozenset({"in", "at", "to"}), lexicon)
        or tuple(a for o in parse.tree.kids(head, "dobj") for a in actors_at(parse, o, lexicon) if a.code)
    )  # 'arrived in X', 'reached X'
    supplier = tuple(a for a in supplier if a.code not in _codes(recipient))
    return _coded(supplier), _coded(recipient)


def _codes(actors: Iterable[Actor]) -> set[str | None]:
    return {a.code for a in actors if a.code}


_WINNING = frozenset({"win", "bag", "secure", "receive", "get", "land", "clinch", "obtain", "book", "grab"})


def _firm_winning_a_deal(
    parse: Parse, trigger: int, lexicon: EventLexicon, stops: frozenset[str]
) -> tuple[tuple[Actor, ...], int]:
    """A firm that wins, bags or receives an order or contract sells: the firm (subject of the
    winning verb, a company) and the deal noun, or no firm when the frame is not of that shape."""
    tree = parse.tree
    deals = [k for k in tree.kids(trigger, "dobj") if parse.lemma(k) in DEAL]
    if parse.lemma(trigger) in DEAL and tree.tokens[trigger].dep == "dobj":
        verb, deal = tree.tokens[trigger].head, trigger
    elif deals:
        verb, deal = trigger, deals[0]
    else:
        return (), trigger
    if parse.lemma(verb) not in _WINNING:
        return (), trigger
    subjects = tree.kids(verb, "nsubj")
    mentions = [parse.mention_at(subject) for subject in subjects]
    if not subjects or any(m is None or parse.kind_of(m) != EntityKind.COMPANY for m in mentions):
        return (), trigger
    return _subjects(parse, verb, lexicon, stops), deal


def _acquiring_clause(parse: Parse, trigger: int) -> bool:
    """A deal word whose clause buys ('a contract to buy', 'a deal for 12 jets', 'signed an order')."""
    tree = parse.tree
    verb = tree.tokens[trigger].head if tree.tokens[trigger].dep in ("dobj", "attr") else trigger
    children = [*tree.children[trigger], *(c for c in tree.children[verb] if tree.tokens[c].dep == "prep")]
    if any(parse.lemma(c) in SUPPLY for c in tree.children[trigger]):  # 'a deal to supply ...'
        return False
    if any(parse.lemma(c) in ACQUIRE or parse.lemma(c) == "for" for c in children):
        return True
    # 'X signed a deal with Y': a firm signing sells, a state or force signing buys
    for subject in tree.kids(verb, "nsubj"):
        mention = parse.mention_at(subject)
        if mention is not None and parse.kind_of(mention) == EntityKind.COMPANY:
            return False
    return bool(tree.kids(verb, "nsubj"))


def participants(
    parse: Parse, trigger: int, current: tuple[Actor, ...], lexicon: EventLexicon, stops: frozenset[str]
) -> tuple[Actor, ...]:
    """Every country taking part in an exercise, pact or joint programme named around its trigger."""
    tree = parse.tree
    found: list[Actor] = list(current)
    # 'Exercise Desert Falcon between X and Y': the name's head holds the phrases
    trigger = parse.name_opened_by(trigger) or trigger
    first = tree.left[trigger]
    for i in range(first, trigger):  # 'joint Russian-Belarusian drills', 'US-Philippine exercises'
        found += _mention_actors(parse, i)
    found += _prep_actors(parse, trigger, _JOINT_PREPS | _merging(parse, trigger), lexicon)
    found += _hosts(_prep_actors(parse, trigger, _HOST_PREPS, lexicon))
    found += _involved(parse, trigger)
    found += _licensors(parse, trigger, lexicon)
    node = trigger
    for _ in range(6):
        if parse.lemma(node) in _MOVE:  # 'units headed to X to take part in the exercise': X hosts
            found += _hosts(_prep_actors(parse, node, frozenset({"to"}) | _HOST_PREPS, lexicon))
        for child in tree.kids(node, "nsubj", "nsubjpass", "poss"):
            found += [a for a in actors_at(parse, child, lexicon) if a.code]
            if tree.tokens[child].pos != "PRON":
                found += _troop_owners(parse, child)
        if parse.lemma(node) in ("join", "accompany", "host") and tree.tokens[node].pos == "VERB":
            for joined in tree.kids(node, "dobj"):  # 'the frigate joined Greek vessels for drills'
                found += [a for a in actors_at(parse, joined, lexicon) if a.code] + _owners_before(
                    parse, joined
                )
        found += _prep_actors(parse, node, _JOINT_PREPS, lexicon)
        head = tree.tokens[node].head
        if (
            tree.tokens[node].dep in ("nsubj", "nsubjpass")
            and head != node
            and tree.tokens[head].pos == "VERB"
        ):
            # 'the (10th edition of the) drills began with troops from X and Y': its verb's partners
            found += _prep_actors(parse, head, _JOINT_PREPS, lexicon)
        # also through a name ("Star," an exercise) and a predicate ("close to a pact")
        if head == node or tree.tokens[node].dep not in _CLIMB | {"appos", "acomp"}:
            break
        if parse.lemma(head) in stops and parse.lemma(head) not in _TAKE_PART:
            break
        # the noun a phrase or clause hangs on takes part: 'Chilean troops in Peru for joint drills',
        # 'Chilean units headed to Peru to take part in ...'
        forces = singular(parse.lemma(head)) in load_lexicon().force_units
        clause = tree.tokens[node].dep == "acl" and tree.tokens[node].pos == "VERB"
        if head < node and (forces or clause):
            found += _owners_before(parse, head)
        node = head
    return _coded(a for a in found if is_state(a))


def _merging(parse: Parse, trigger: int) -> frozenset[str]:
    """'a Dutch brigade integrated into a German division': the force merged into is a party; 'a joint
    venture of X and Y': its owners are."""
    if parse.lemma(trigger) in ("venture", "consortium"):
        return frozenset({"of"})  # 'a joint venture of X and Y': its owners are the partners
    return (
        frozenset({"into"}) if parse.lemma(trigger) in ("integrate", "integration", "merge") else frozenset()
    )


_INVOLVE = frozenset({"involve", "include", "bring", "gather", "feature", "draw"})
_LICENCE = frozenset({"licence", "license"})


def _licensors(parse: Parse, trigger: int, lexicon: EventLexicon) -> list[Actor]:
    """'X will build K2 tanks under licence from South Korea', 'X will make South Korean howitzers
    under a licence deal': licensed production joins the licensor, named after 'from' or as the
    origin of what is made."""
    tree = parse.tree
    verb = trigger
    while tree.tokens[verb].pos != "VERB" and tree.tokens[verb].head != verb:
        verb = tree.tokens[verb].head
    first, last = tree.left[verb], tree.right[verb]
    licences = [i for i in range(first, last + 1) if parse.lemma(i) in _LICENCE]
    if not licences:
        return []
    out: list[Actor] = []
    for licence in licences:
        out += _prep_actors(parse, licence, frozenset({"from"}), lexicon)
        if tree.tokens[licence].dep == "compound":
            out += _prep_actors(parse, tree.tokens[licence].head, frozenset({"from"}), lexicon)
    for obj in tree.kids(verb, "dobj"):
        out += _owners_before(parse, obj)
    return out


def _involved(parse: Parse, trigger: int) -> list[Actor]:
    """'an exercise involving troops from X and Y', 'the drills involve warships from X and Y': the
    forces the exercise (or pact) is said to involve, by their countries."""
    tree = parse.tree
    token = tree.tokens[trigger]
    clauses = [*tree.kids(trigger, "relcl", "acl")]
    if token.dep in ("nsubj", "nsubjpass") and token.head != trigger:  # 'X ran ..., involving troops'
        clauses += [token.head, *tree.kids(token.head, "advcl", "xcomp", "conj")]
    if token.dep == "dobj":  # 'formed an alliance ..., made up of 12 states': the parser hangs it on the verb
        clauses += [
            c
            for c in tree.kids(token.head, "advcl", "conj")
            if parse.lemma(c) in _COMPOSED and not tree.kids(c, "nsubj", "nsubjpass")
        ]
    out: list[Actor] = []
    for clause in clauses:
        for forces in _companions(parse, clause):  # '..., along with Japanese and Korean personnel'
            out += _troop_owners(parse, forces)
        if parse.lemma(clause) in _INVOLVE:
            for obj in tree.kids(clause, "dobj"):
                out += _troop_owners(parse, obj)
                if singular(parse.lemma(obj)) in _FORCE_NOUNS:  # 'brings together navies from X and Y'
                    origins = [
                        o
                        for p in tree.kids(clause, "prep")
                        if parse.lemma(p) == "from"
                        for o in tree.kids(p, "pobj")
                    ]
                    out += [a for o in origins for a in _troop_owners(parse, o)]
        if parse.lemma(clause) in _COMPOSED:  # 'an alliance made up of 34 states including X': its members
            members = [
                o for p in tree.kids(clause, "prep") if parse.lemma(p) == "of" for o in tree.kids(p, "pobj")
            ]
            for obj in [*tree.kids(clause, "dobj"), *members]:
                out += [
                    a for i in range(tree.left[obj], tree.right[obj] + 1) for a in _mention_actors(parse, i)
                ]
    return out


_COMPOSED = frozenset({"make", "comprise", "consist", "compose"})
# forces an exercise brings together, by kind ('navies', 'air forces', 'troops')
_FORCE_NOUNS = frozenset(
    {"navy", "army", "force", "troop", "soldier", "military", "unit", "warship", "ship", "personnel"}
)


def _companions(parse: Parse, clause: int) -> list[int]:
    """Forces a clause adds 'along with' or 'together with' ('involving US troops, along with several
    hundred Japanese personnel'): only force nouns, never 'along with its budget'."""
    tree = parse.tree
    units = load_lexicon().force_units | load_lexicon().force_generic
    found = []
    for prep in tree.kids(clause, "prep"):
        if parse.lemma(prep) not in ("along", "together"):
            continue
        for inner in tree.kids(prep, "prep"):
            if parse.lemma(inner) == "with":
                found += [o for o in tree.kids(inner, "pobj") if singular(parse.lemma(o)) in units]
    return found


def _hosts(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """A host is a country, not a sea or region named after one ('in the Sea of Japan')."""
    return tuple(a for a in actors if not is_place(a))


def _owners_before(parse: Parse, noun: int) -> list[Actor]:
    """The actors written before a noun inside its phrase: 'its South Korean manufacturer',
    'several Chilean army units' (not what follows it: 'units headed to Peru')."""
    return [a for i in range(parse.tree.left[noun], noun + 1) for a in _mention_actors(parse, i)]


def _troop_owners(parse: Parse, subject: int) -> list[Actor]:
    """'7,200 Belarusian and 5,500 Russian troops', 'Egyptian military units': the forces' countries."""
    tree = parse.tree
    out = []
    for i in range(tree.left[subject], tree.right[subject] + 1):
        out += _mention_actors(parse, i)
    return out


_SALE_NOUNS = frozenset(
    {"sale", "sales", "export", "exports", "shipment", "shipments", "transfer", "transfers", "delivery",
     "deliveries", "arms", "weapon", "weapons", "supply", "supplies", "permit", "licence", "license"}
)  # fmt: skip


# what names a banned cargo's destination with 'for': 'ships carrying weapons for X', 'arms bound for X'
_CARGO_BOUND = frozenset(
    {"carry", "bind", "bound", "destine", "destined", "weapon", "arms", "munition", "ammunition"}
)


def banned_party(
    parse: Parse, trigger: int, target: tuple[Actor, ...], lexicon: EventLexicon
) -> tuple[Actor, ...]:
    """Whom an export ban hits: the 'to'/'on'/'against' country of the sales it stops ('suspended
    permits for arms shipments to X, including a move against a firm'), before any other phrase."""
    tree = parse.tree
    first, last = tree.left[trigger], tree.right[trigger]
    for i in range(first, last + 1):
        destined = parse.lemma(i) == "for" and parse.lemma(tree.tokens[i].head) in _CARGO_BOUND
        if tree.tokens[i].dep not in ("prep", "dative") or not (
            parse.lemma(i) in ("to", "on", "against") or destined
        ):
            continue
        owner = tree.tokens[i].head
        if destined or parse.text(owner).lower() in _SALE_NOUNS or parse.lemma(owner) in _SALE_NOUNS:
            found = tuple(a for p in tree.kids(i, "pobj") for a in actors_at(parse, p, lexicon) if a.code)
            if found:
                return found
    return target
