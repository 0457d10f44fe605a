"""Is this defence event about defence? The civilian look-alike gate.

a carmaker that will supply a rival with 30,000 SUVs, a group that sold half its finance arm, 'a joint
venture factory', 'a ban on beef imports', 'scandal-hit', 'workers went on strike': the trigger words
of the defence frames are everyday business words. A defence event is kept only when its sentence
shows military matter:

- a weapon system named by the gazetteer, or a military unit, armed force or defence body as actor;
- a military word: a weapon or platform noun, arms/munitions words, armed forces words, 'military',
  'armed'; 'defence'/'defense' only as a modifier ('defence ministry', 'defence deal', 'Ministry of
  Defence'), never as a head noun (a football team's defence);
- for strikes, force used on a target (air strike, bombing, missiles, killed, wounded); a strike by
  workers or 'hit by' falls through.

Exercises, pacts and deployments keep their own context tests (``needs_context`` in the lexicon);
they pass this gate too, so 'exercise its option' or 'deploy capital' never become drills.
"""

from __future__ import annotations

import functools

from newsift.extract.events.attributes import armed_item, raised_subjects
from newsift.extract.events.lexicon import AIRFRAMES, CONTAINERS, load_lexicon
from newsift.extract.events.pacts import armed_unit, proven_pact
from newsift.extract.events.triggers import ARMING
from newsift.extract.parse import Parse, is_state
from newsift.model import EntityKind, Event

__all__ = ["military_matter"]

_WEAPONS = frozenset(
    {
        "warplane",
        "gunship",
        "fighter",
        "bomber",
        "helicopter",
        "drone",
        "uav",
        "ucav",
        "submarine",
        "corvette",
        "frigate",
        "destroyer",
        "warship",
        "howitzer",
        "artillery",
        "rifle",
        "missile",
        "rocket",
        "launcher",
        "munition",
        "munitions",
        "ammunition",
        "weapon",
        "weapons",
        "weaponry",
        "torpedo",
        "interceptor",
        "shells",
        "grenade",
        "grenades",
        "mortar",
        "bomb",
        "bombs",
        "warhead",
        "armament",
        "armaments",
        "arms",
        "radar",
        "sonar",
        "cannon",
        "firearm",
        "firearms",
        "explosive",
        "explosives",
        "gun",
        "guns",
        "airstrike",
        "airstrikes",
        "amphibious",
        "armoured",
        "armored",
        "stealth",
        "ballistic",
        "air-defence",
        "air-defense",
        "missiles",
        "rockets",
        "drones",
        "fighters",
        "bombers",
        "helicopters",
        "submarines",
        "frigates",
        "destroyers",
        "corvettes",
        "warships",
    }
)
# Words that mark a sentence as military: every force unit of the lexicon (singular and plural), and:
_FORCES = frozenset(
    {w + plural for w in load_lexicon().force_units for plural in ("", "s")}
    | {
        "military",
        "militaries",
        "army",
        "armies",
        "navy",
        "navies",
        "naval",
        "armed",
        "militia",
        "militias",
        "rebel",
        "rebels",
        "insurgent",
        "insurgents",
        "paramilitary",
        "pentagon",
        "nato",
        "warfare",
        "servicemen",
        "air force",
        "coast guard",
        "airmen",
        "garrison",
        "exercise",
        "exercises",
        "drill",
        "drills",
        "manoeuvres",
        "maneuvers",
        "war-game",
        "wargame",
        "wargames",
    }
)
_DEFENCE_MODIFIERS = frozenset({"defence", "defense", "military", "arms", "combat"})
_FORCE_USED = frozenset(
    {
        "kill",
        "killed",
        "wound",
        "wounded",
        "casualty",
        "casualties",
        "airstrike",
        "bombing",
        "shelling",
        "missile",
        "missiles",
        "drone",
        "drones",
        "rocket",
        "rockets",
        "artillery",
        "militant",
        "militants",
        "aircraft",
        "warplane",
        "warplanes",
        "troops",
        "army",
        "military",
        "bomb",
        "bombs",
        "raid",
        "raids",
    }
)
_GATED = frozenset(
    {
        "arms_transfer",
        "upgrade",
        "co_development",
        "export_ban",
        "deployment",
        "movement",
        "strike",
        "exercise",
        "defence_pact",
    }
)


def military_matter(parse: Parse, event: Event, tokens: list[int]) -> bool:
    """Whether the sentence of a defence event shows military matter (see the module docstring)."""
    if event.subtype not in _GATED:
        return True
    head = parse.tree.token_at(event.evidence.start)
    if event.subtype in _JOINT_SUBTYPES and _joint(parse, event, head):
        return True
    if event.subtype == "defence_pact" and _pact_kind(parse, head):
        return True  # 'a security pact', 'a mutual defence treaty': the pact's own kind is the proof
    if event.subtype == "defence_pact" and proven_pact(parse, head, load_lexicon()):
        return True  # 'joined NATO', 'a coalition to fight terrorism', 'a brigade integrated into a division'
    if event.subtype in _THING_SUBTYPES and not _weak_item_in_military_sentence(parse, event, tokens):
        # the matter moved is military, not just the sentence's setting
        tokens = _frame_tokens(parse, head, tokens, event.item)
    sentence = tokens
    tokens = [i for i in tokens if i != head]  # the trigger itself ('drills', 'strike') proves nothing
    words = {parse.text(i).lower() for i in tokens}
    lemmas = {parse.lemma(i) for i in tokens}
    if event.subtype == "strike":
        aimed = bool((words | lemmas) & _FORCE_USED) or _state_hits_a_target(parse, event, head)
        stoppage = any(parse.lemma(k) in _STOPPAGE_KINDS for k in parse.tree.kids(head, "amod", "compound"))
        return aimed and not _labour(parse, tokens) and not stoppage
    if (words | lemmas) & (_WEAPONS | _FORCES) - {"arms"} or "arms" in words:
        return True
    if _battle_tank(parse, tokens) or _defence_modifier(parse, tokens):
        return True
    if any(armed_unit(parse, i, load_lexicon()) for i in tokens):
        return True  # 'American forces', 'an armoured division' (not 'market forces', 'the sales force')
    if event.subtype in _THING_SUBTYPES and _strong_item(parse, tokens):
        return True
    if event.subtype in _THING_SUBTYPES and any(armed_item(parse, i, load_lexicon()) for i in tokens):
        return True
    if parse.lemma(head) in ARMING and any(a.code or a.id for a in event.target):
        return True  # 'arming the rebels': to arm a named party is to supply it weapons
    return _military_mention(parse, sentence)  # a weapon system or unit named anywhere in the sentence


def _strong_item(parse: Parse, tokens: list[int]) -> bool:
    """A weapon noun of the trigger lexicon ('targeting pods'); 'arm' only as 'arms'."""
    strong = _strong_nouns()
    return any(parse.lemma(i) in strong for i in tokens)


@functools.cache
def _strong_nouns() -> frozenset[str]:
    """The lexicon's item nouns less the generic ones and those civil use shares ('finance arm',
    'passenger jets'), computed once."""
    lexicon = load_lexicon()
    return lexicon.items - lexicon.weak_items - AIRFRAMES - {"arm", "jet"}


_THING_SUBTYPES = frozenset({"arms_transfer", "upgrade"})
_JOINT_SUBTYPES = frozenset({"exercise", "defence_pact", "co_development"})
_FRAME_DEPS = frozenset({"compound", "amod", "dobj", "nsubjpass", "attr", "dative", "nmod", "appos"})


def _frame_tokens(parse: Parse, head: int, tokens: list[int], item: str | None) -> list[int]:
    """The words that say what is moved: the item phrase, the trigger's modifiers and objects (with
    their own modifiers), and the noun a trigger modifies ('arms deal', 'military contracts')."""
    tree = parse.tree
    keep = {head, tree.tokens[head].head}
    frontier = [c for c in tree.children[head] if tree.tokens[c].dep in _FRAME_DEPS]
    for prep in tree.kids(head, "prep"):
        if parse.lemma(prep) in ("of", "for", "with"):
            frontier += tree.kids(prep, "pobj")
    frontier += [c for node in frontier for c in tree.conjuncts(node)]  # 'batteries and launchers'
    for node in frontier:
        keep.add(node)
        keep.update(c for c in tree.children[node] if tree.tokens[c].dep in ("compound", "amod", "nmod"))
    keep.update(
        c for c in tree.children[tree.tokens[head].head] if tree.tokens[c].dep in ("compound", "amod")
    )
    if item:  # the item's words where they hang from the trigger (not an item of another clause)
        words = set(item.lower().split())
        raised = {k for s in raised_subjects(parse, head) for k in range(tree.left[s], tree.right[s] + 1)}
        keep.update(
            i
            for i in tokens
            if parse.text(i).lower() in words
            and (
                _below(parse, i, head) or tree.tokens[head].head in (i, *tree.ancestors(i)[:2]) or i in raised
            )
        )
    return [i for i in tokens if i in keep]


_WEAK_ITEMS = frozenset(
    {"ship", "ships", "vessel", "vessels", "system", "systems", "vehicle", "vehicles", "boat", "boats"}
    | {"unit", "units", "equipment", "hardware", "platform", "platforms"}
)


def _weak_item_in_military_sentence(parse: Parse, event: Event, tokens: list[int]) -> bool:
    """'the corvette project saw two ships built': a generic item ('ships', 'systems', 'equipment')
    counts as military when the sentence names military matter anywhere."""
    if not event.item or event.item.lower().split()[-1] not in _WEAK_ITEMS:
        return False
    words = {parse.text(i).lower() for i in tokens} | {parse.lemma(i) for i in tokens}
    return bool(words & (_WEAPONS | _FORCES)) or _defence_modifier(parse, tokens)


def _below(parse: Parse, i: int, head: int) -> bool:
    """``i`` hangs from ``head`` within four steps (five through a container: 'took delivery of the
    first batch of howitzers') and inside its clause (not a conjoined one)."""
    path = [i, *parse.tree.ancestors(i)[:5]]
    if head not in path or (path.index(head) == 5 and not {parse.lemma(n) for n in path} & CONTAINERS):
        return False
    steps = path[: path.index(head)]
    return not any(
        parse.tree.tokens[n].dep in ("conj", "advcl", "relcl", "ccomp", "parataxis") for n in steps
    )


def _joint(parse: Parse, event: Event, head: int) -> bool:
    """'joint air drills' between two named countries: states drill together, firms do not."""
    countries = {a.code for a in event.participants if is_state(a)}
    joint = any(
        parse.lemma(c) in ("joint", "bilateral", "trilateral", "multinational")
        for c in parse.tree.children[head]
    )
    return len(countries) >= 2 and (joint or event.subtype == "exercise")


def _pact_kind(parse: Parse, head: int) -> bool:
    """'a security pact', or a pact on or of a kind: 'a treaty on security guarantees', 'an agreement
    on defence cooperation'."""
    pact = load_lexicon().pact - {"mutual"}  # 'by mutual agreement' is an idiom ('mutual defence' names it)
    tree = parse.tree
    if any(parse.lemma(k) in pact for k in tree.kids(head, "compound", "amod")):
        return True
    topics = [
        o
        for p in tree.kids(head, "prep")
        if parse.lemma(p) in ("on", "of", "for")
        for o in tree.kids(p, "pobj")
    ]
    return any(parse.lemma(k) in pact for o in topics for k in (o, *tree.kids(o, "compound", "amod")))


_CIVIL_TANKS = frozenset({"think", "fuel", "water", "oil", "gas", "storage", "septic", "fish", "petrol"})


_CIVIL_JETS = frozenset(
    {"private", "jumbo", "business", "passenger", "corporate", "executive", "ski", "water", "regional"}
)
_JET_COMPOUNDS = frozenset({"fuel", "lag", "stream", "set", "airways", "airline", "engine"})


def _battle_tank(parse: Parse, tokens: list[int]) -> bool:
    """'Abrams tanks', 'K2 tanks', 'the jets were delivered' (not 'think tanks', 'fuel tanks',
    'private jets', 'jet fuel')."""
    last = len(parse.texts) - 1
    for i in tokens:
        before = parse.lemma(i - 1) if i > 0 else ""
        after = parse.lemma(i + 1) if i < last else ""
        if parse.lemma(i) == "tank" and before not in _CIVIL_TANKS:
            return True
        if parse.lemma(i) == "jet" and before not in _CIVIL_JETS and after not in _JET_COMPOUNDS:
            return True
    return False


_STRUCK = frozenset(
    {"target", "site", "base", "position", "facility", "depot", "camp", "compound", "convoy", "hideout",
     "stronghold", "infrastructure", "airfield", "airbase", "outpost", "launcher", "bunker", "militant",
     "fighter", "rebel", "insurgent", "headquarters"}
)  # fmt: skip


def _state_hits_a_target(parse: Parse, event: Event, head: int) -> bool:
    """'Israel struck targets in Syria', 'Pakistan carried out strikes inside Iran': a state that
    strikes a military object, or strikes inside another state, uses force."""
    if not any(is_state(a) for a in event.source):
        return False
    sources = {a.code for a in event.source}
    if any(is_state(a) and a.code not in sources for a in event.target):
        return True
    tree = parse.tree
    objects = [*tree.kids(head, "dobj"), *(o for p in tree.kids(head, "prep") for o in tree.kids(p, "pobj"))]
    return any(parse.lemma(o) in _STRUCK for o in objects)


def _labour(parse: Parse, tokens: list[int]) -> bool:
    """'workers went on strike', 'a strike by pilots': a stoppage of work, not an attack."""
    lemmas = {parse.lemma(i) for i in tokens}
    return bool(lemmas & (_STOPPAGE | _STANDS))


# 'a hunger strike', 'a general strike': the strike's own kind says it is no attack
_STOPPAGE_KINDS = frozenset({"hunger", "general", "rail", "transport", "nationwide", "teacher", "doctor"})
_STOPPAGE = frozenset({"worker", "union", "walkout", "stoppage", "picket", "pay", "wage"})
# an object thrown at a match ('a bottle from the stands hit the referee')
_STANDS = frozenset({"crowd", "fan", "spectator", "supporter", "goalkeeper", "referee", "match", "stadium",
                     "pitch", "coin", "bottle"})  # fmt: skip


def _defence_modifier(parse: Parse, tokens: list[int]) -> bool:
    tree = parse.tree
    for i in tokens:
        if parse.lemma(i) not in _DEFENCE_MODIFIERS:
            continue
        token = tree.tokens[i]
        if token.dep in ("compound", "amod", "nmod") and tree.tokens[token.head].pos in ("NOUN", "PROPN"):
            return True
        if token.dep == "pobj" and parse.lemma(token.head) == "of":  # 'Ministry of Defence'
            return True
    return False


def _military_mention(parse: Parse, tokens: list[int]) -> bool:
    if not tokens:
        return False
    start = parse.tree.tokens[tokens[0]].start
    end = parse.tree.tokens[tokens[-1]].end
    for mention in parse.annotated.mentions:
        if not (start <= mention.start and mention.end <= end):
            continue
        kind = parse.kind_of(mention)
        if kind in (EntityKind.WEAPON_SYSTEM, EntityKind.MILITARY_UNIT):
            return True
        entity = parse.entities.get(mention.entity_id or "")
        made = entity is not None and any(k == "maker" for k, _ in entity.attributes)
        if kind == EntityKind.PROGRAMME and made:
            return True  # a weapons programme has a maker ('the F-35 programme'); 'Make in India' has none
        if entity is not None and any(k == "sector" and v in ("mil", "MIL") for k, v in entity.attributes):
            return True
    return False
