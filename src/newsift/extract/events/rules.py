"""Events from annotated articles: PLOVER type and mode, defence subtype, actors, attributes, status.

Sentence-level rules over the stored parse and mentions (``events.rules.v5``); never calls spaCy.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import partial

from newsift.extract.claims.cues import ClaimCues, load_claim_cues
from newsift.extract.claims.holders import cue_holders, holder_names
from newsift.extract.claims.modality import Modality, detect_modality
from newsift.extract.claims.status import Cue, SentenceCues, top_status
from newsift.extract.events.actors import actors_at, extract_roles, place_target
from newsift.extract.events.attributes import (
    extract_aspect,
    extract_item,
    extract_quantity,
    extract_time,
    extract_values,
    item_phrase,
    people_count,
    tree_distance,
)
from newsift.extract.events.context import complete_actors, implied_partners
from newsift.extract.events.defence_gate import military_matter
from newsift.extract.events.defence_reader import Candidate, second_reading, vetoed
from newsift.extract.events.defence_roles import (
    SUPPLY,
    arrival_roles,
    banned_party,
    fighters_roles,
    frame_roles,
    hired_roles,
    mover_of,
)
from newsift.extract.events.defence_roles import participants as joint_participants
from newsift.extract.events.drill_names import edition_verb, styled_names
from newsift.extract.events.evidence import found_with
from newsift.extract.events.framing import no_happening, refers_back
from newsift.extract.events.lexicon import BOUND_FOR, CONTAINERS, PLATFORMS, EventLexicon, load_lexicon
from newsift.extract.events.nonparties import named_for_a_place, pact_venues
from newsift.extract.events.pacts import mutual_promise
from newsift.extract.events.phrases import prep_kids
from newsift.extract.events.triggers import (
    ARMING,
    FIGHTING_FOR,
    Trigger,
    find_triggers,
    mover,
    product_tokens,
)
from newsift.extract.events.when import event_time
from newsift.extract.parse import Parse, is_place, is_state
from newsift.extract.syntax import Tree, singular
from newsift.model import (
    Actor,
    AnnotatedArticle,
    ClaimStatus,
    EntityKind,
    Event,
    EventMode,
    Evidence,
    PloverType,
    make_id,
)

__all__ = [
    "EXTRACTOR",
    "extract_events",
    "sentence_events",
]

EXTRACTOR = "events.rules.v5"
_PLACE_PREPS = frozenset({"in", "at", "near", "off", "over", "across", "into", "inside"})
_OWNER_ACTS = frozenset({"movement", "deployment", "strike"})
# A ban or block of a transfer is one event, the ban: it absorbs the trigger it governs or modifies.
_OPERATORS = frozenset({"export_ban"})
_DIRECTED = frozenset({"arms_transfer"})
_JOINT = frozenset({"exercise", "co_development", "defence_pact"})
_ITEM_SUBTYPES = frozenset(
    {"arms_transfer", "upgrade", "co_development", "export_ban", "deployment", "movement", "strike"}
)


def _stops() -> frozenset[str]:
    """Cue lemmas ('deny', 'allege', 'say'): their subject holds the claim, it does not act in the event."""
    cues = load_claim_cues()
    return cues.denial | cues.allegation | cues.speculation | cues.confirmation | cues.attribution


def extract_events(annotated: AnnotatedArticle, *, statements: bool = False) -> tuple[Event, ...]:
    """Events of every sentence of an article, in text order.

    Negated and hypothetical ('if') events are dropped; modal ones ('could', 'may') are kept as
    ``speculated``; denied, alleged and attributed ones carry that status.

    Args:
        annotated: the article with sentences, tokens (with a parse) and mentions.
        statements: also emit STATEMENT events for sentences whose only trigger is a speech verb.

    Returns:
        The events, each with evidence pointing at its trigger and sentence.
    """
    if not annotated.tokens:
        return ()
    parse, lexicon, cues = Parse.build(annotated), load_lexicon(), load_claim_cues()
    top = SentenceCues(parse)  # each sentence's top cue, read once for all the passes below
    events: list[Event] = []
    for sentence in annotated.sentences:
        events.extend(sentence_events(parse, sentence.index, lexicon, cues, statements=statements, top=top))
    events = _anaphoric_deals(parse, events, lexicon, cues, top)
    events = _named_exercises(parse, events, lexicon, cues)
    events = _denied_reports(parse, events, top)
    events = [
        _civilian(e, lexicon) if e.subtype and e.status not in _CONTESTED and refers_back(parse, e) else e
        for e in events
    ]
    return tuple(_contested(implied_partners(parse, complete_actors(events))))


# What a denial can point back at: 'denied the report', 'rejected the claims', 'dismissed it'.
_REPORTS = load_claim_cues().report_nouns | {"it", "this", "that", "reports", "claims"}
_BACK = 3  # sentences a denial may reach back


def _denied_reports(parse: Parse, events: list[Event], top: SentenceCues) -> list[Event]:
    """'Iran shipped drones to Russia, Kyiv said. Tehran denied the report.': a sentence whose
    denial's object is a report noun and that names no event of its own denies the defence event
    reported just before it; the denial is a mention of that event, status denied, its actors
    marked inferred from the reporting sentence."""
    defence = [e for e in events if e.subtype and e.subtype != "other"]
    covered = {e.evidence.sentence for e in defence}
    tree, found = parse.tree, []
    for sentence in parse.annotated.sentences:
        if sentence.index in covered:
            continue
        status, cue, token = top(sentence.index)
        if status != ClaimStatus.DENIED or token is None:
            continue
        objects = [*tree.kids(token, "dobj"), *tree.kids(token, "nsubjpass")]
        if not any(parse.lemma(o) in _REPORTS for o in objects):
            continue
        earlier = [e for e in defence if sentence.index - _BACK <= e.evidence.sentence < sentence.index]
        if not earlier:
            continue
        reported = earlier[-1]
        start, end = parse.tree.span(token, token)
        article = parse.annotated.article.id
        found.append(
            replace(
                reported,
                id=make_id(article, str(sentence.index), str(start), reported.subtype or ""),
                evidence=Evidence(
                    article_id=reported.evidence.article_id,
                    sentence=sentence.index,
                    start=start,
                    end=end,
                    text=parse.annotated.sentence_text(sentence.index),
                ),
                source=_inferred(reported.source, reported.evidence.sentence),
                target=_inferred(reported.target, reported.evidence.sentence),
                participants=_inferred(reported.participants, reported.evidence.sentence),
                status=ClaimStatus.DENIED,
                status_cue=cue,
                status_by=cue_holders(parse, token),
                quantity=None,
                value=None,
                year=None,  # the same happening and its time, but no year is written here
                time_text=None,
                confidence=round(reported.confidence - 0.2, 2),
            )
        )
    if not found:
        return events
    return sorted([*events, *found], key=lambda e: (e.evidence.start, e.id))


def _inferred(actors: tuple[Actor, ...], sentence: int) -> tuple[Actor, ...]:
    return tuple(a if a.inferred else replace(a, inferred=True, inferred_from=sentence) for a in actors)


_REPORTED = frozenset({ClaimStatus.ATTRIBUTED, ClaimStatus.PLANNED})
_CONTESTED = frozenset({ClaimStatus.DENIED, ClaimStatus.ALLEGED})


def _contested(events: list[Event]) -> list[Event]:
    """A contested transfer: where an article reports a denial of a transfer, its other reports of a
    transfer that rest on someone's word (attributed, or plans a document reveals) are allegations, not
    plain attributions (the defence README's 'a report of a contested transfer'), unless they name
    another trade: both sides named and not the denied trade's parties. The outlet's own statements
    stay asserted."""
    denied = [_parties(e) for e in events if e.subtype == "arms_transfer" and e.status == ClaimStatus.DENIED]
    denied = [codes for codes in denied if codes]
    if not denied:
        return events
    out = []
    for e in events:
        if e.subtype == "arms_transfer" and e.status in _REPORTED and _same_trade(e, denied):
            e = replace(e, status=ClaimStatus.ALLEGED, status_cue=e.status_cue or "contested")
        out.append(e)
    return out


def _parties(event: Event) -> frozenset[str]:
    return frozenset(a.code for a in (*event.source, *event.target) if a.code)


def _same_trade(event: Event, denied: list[frozenset[str]]) -> bool:
    """Whether a reported transfer may be the denied one: it names its parties, or leaves a side
    unnamed."""
    both = any(a.code for a in event.source) and any(a.code for a in event.target)
    return not both or any(_parties(event) == codes for codes in denied)


def _civilian(event: Event, lexicon: EventLexicon) -> Event:
    mode = next((t.mode for t in lexicon.types if t.type == event.type), EventMode.OTHER)
    return replace(event, subtype=None, mode=mode, participants=(), item=None, quantity=None)


def _between_states(event: Event) -> bool:
    source = {a.code for a in event.source if is_state(a)}
    target = {a.code for a in event.target if is_state(a)}
    return bool(source and target and source != target)


# Words that refer back to an arms deal already named: 'finalised that purchase', 'bought them'.
_ANAPHORIC = frozenset(
    {"deal", "contract", "purchase", "order", "procurement", "acquisition", "delivery", "handover",
     "acquire", "buy", "procure", "deliver", "receive", "hand", "induct"}
)  # fmt: skip


def _named_exercises(
    parse: Parse, events: list[Event], lexicon: EventLexicon, cues: ClaimCues
) -> list[Event]:
    """An exercise the article has named, written again by its name as what someone takes part in
    ('Uruguayan marines are also taking part in Pacific Star') or as the subject of its own running
    ('Last year, Pacific Star ran from May 2 to May 20, involving ...'), is a mention of that exercise
    with its own participants; the participation is no co-development."""
    names = {e.programme for e in events if e.subtype == "exercise" and e.programme}
    names |= {  # exercises the gazetteer knows, named in the article ('troops gathered for Cobra Gold')
        m.text
        for m in parse.annotated.mentions
        if ("category", "exercise") in getattr(parse.entities.get(m.entity_id or ""), "attributes", ())
    }
    names |= styled_names(parse, lexicon)  # 'Harbour Guard-24', 'Northern Shield 2025' among forces
    names |= {n.rsplit(" ", 1)[0] for n in names if n.rsplit(" ", 1)[-1].isdigit()}  # 'Balikatan 2025'
    if not names:
        return events
    covered = {e.evidence.sentence for e in events if e.subtype == "exercise"}
    out, found = list(events), []
    for sentence in parse.annotated.sentences:
        if sentence.index in covered:
            continue
        tokens = parse.sentence_tokens(sentence.index)
        for head in dict.fromkeys(_name_heads(parse, tokens, names)):  # 'X 2024' and 'X': one name
            prep = parse.tree.tokens[head].head
            verb = parse.tree.tokens[prep].head  # name <- 'in' <- verb
            runs = prep  # 'Balikatan ran from May 2 to May 20, involving ...', 'X will be held in Y'
            edition = edition_verb(parse, head)  # 'the 20th edition of X began'
            if parse.tree.tokens[head].dep in ("nsubj", "nsubjpass") and parse.lemma(runs) in _RUNS:
                verb = runs
            elif edition is not None and parse.lemma(edition) in _RUNS:
                verb = edition
            elif parse.lemma(prep) == "for" and parse.lemma(verb) in _LEAVES_FOR:
                pass  # 'the contingent departed for X'
            elif parse.lemma(verb) not in _PARTAKE:
                continue
            trigger = _as_subtype(
                Trigger(
                    head=head, tokens=(head,), type=PloverType.COOPERATE, mode=EventMode.OTHER, priority=0
                ),
                lexicon,
                "exercise",
            )
            modality = detect_modality(parse, verb, cues)
            if modality.negated or modality.hypothetical:
                continue
            event = _event(parse, trigger, tokens, modality, lexicon)
            text = parse.annotated.sentence_text(sentence.index)
            name = max(sorted(n for n in names if n in text), key=len)  # the fullest, in any set order
            found.append(replace(event, programme=name, confidence=round(event.confidence - 0.2, 2)))
            out = [
                e
                for e in out
                if not (e.subtype == "co_development" and parse.tree.token_at(e.evidence.start) == verb)
            ]
    if not found:
        return events
    return sorted([*out, *found], key=lambda e: (e.evidence.start, e.id))


def _name_heads(parse: Parse, tokens: list[int], names: set[str]) -> list[int]:
    """The last token of each run of tokens that spells one of ``names``."""
    heads = []
    for i in tokens:
        for name in names:
            for first in range(max(tokens[0], i - 8), i + 1):  # the tokens that spell it, hyphens and all
                if parse.span_text(first, i) == name:
                    span = range(first, i + 1)  # the name's root: the token whose head lies outside it
                    heads.append(next((k for k in span if parse.tree.tokens[k].head not in span), i))
    return heads


def _anaphoric_deals(
    parse: Parse, events: list[Event], lexicon: EventLexicon, cues: ClaimCues, top: SentenceCues
) -> list[Event]:
    """In an article that reports an arms transfer of a named weapon, a sentence that buys, orders or
    delivers without naming the weapon again refers to that trade: it is an arms transfer too (its
    actors come from the sentence or, marked inferred, from the article)."""
    if not any(
        e.subtype == "arms_transfer" and e.item and _between_states(e) for e in complete_actors(events)
    ):
        return events  # no trade between two named states to refer back to
    covered = {e.evidence.sentence for e in events if e.subtype}  # a sentence with a defence event already
    found = []
    for sentence in parse.annotated.sentences:
        if sentence.index in covered:
            continue
        extra = sentence_events(
            parse,
            sentence.index,
            lexicon,
            cues,
            statements=False,
            itemless=frozenset({"arms_transfer"}),
            top=top,
        )
        found += [
            replace(e, confidence=round(e.confidence - 0.2, 2))
            for e in extra
            if e.subtype == "arms_transfer"
            and parse.lemma(parse.tree.token_at(e.evidence.start)) in _ANAPHORIC
        ]
    if not found:
        return events
    return sorted([*events, *found], key=lambda e: (e.evidence.start, e.id))


def sentence_events(
    parse: Parse,
    index: int,
    lexicon: EventLexicon,
    cues: ClaimCues,
    *,
    statements: bool,
    keep_irrealis: bool = False,
    itemless: frozenset[str] = frozenset(),
    top: SentenceCues | None = None,
) -> list[Event]:
    """Events of one sentence (``keep_irrealis`` keeps negated and hypothetical ones, for typing;
    ``itemless`` waives the item test and the civilian gate for those subtypes, not the framings of
    ``framing.no_happening``; ``top`` the article's
    memo of sentence cues, when the caller reads several passes)."""
    tokens = parse.sentence_tokens(index)
    triggers = _prune(parse, find_triggers(parse, tokens, lexicon, itemless=itemless))
    events, candidates = [], []
    cue_status = (top or SentenceCues(parse))(index)
    for trigger in triggers:
        modality = _spoken_denial(parse, trigger.head, detect_modality(parse, trigger.head, cues))
        if modality.hypothetical and mutual_promise(parse, trigger):
            modality = replace(modality, hypothetical=False)  # 'to defend each other if attacked' is the pact
        if not keep_irrealis and (
            modality.hypothetical or (modality.negated and modality.status != ClaimStatus.DENIED)
        ):
            continue
        event = _built(parse, trigger, tokens, modality, cue_status, lexicon)
        if _describes_item(parse, trigger.head, event):
            continue
        framing = no_happening(parse, event)
        if event.subtype in itemless and framing == "deals in general":
            framing = None  # 'Deliveries are expected to start in 2028': the article's trade, by its noun
        if (event.subtype in itemless or military_matter(parse, event, tokens)) and not framing:
            events.append(event)
        elif not itemless:  # a civilian look-alike keeps its general PLOVER type, not the defence frame
            events.append(_civilian(event, lexicon))
        else:
            continue
        rebuild = partial(_built_as, parse, trigger, tokens, modality, cue_status, lexicon)
        candidates.append(Candidate(trigger=trigger, framed=bool(framing), build=rebuild))
    if not keep_irrealis and not itemless:  # the second reader (``defence_reader``); the rules come first
        events = second_reading(parse, index, events, candidates)
        events = [
            _civilian(e, lexicon) if e.subtype == "arms_transfer" and vetoed(parse, index) else e
            for e in events
        ]
    if not keep_irrealis and not any(e.subtype == "arms_transfer" for e in events):
        events += _found_arms(parse, tokens, lexicon, cues, cue_status)
    if not events and statements:
        events = _statement(parse, tokens, lexicon, cues)
    events = _attach_values(parse, tokens, events)
    return _one_per_mention(parse, _inherit_actors(_merge_duplicates(parse, events)))


def _found_arms(
    parse: Parse, tokens: list[int], lexicon: EventLexicon, cues: ClaimCues, cue_status: Cue
) -> list[Event]:
    """Weapons of a written origin found with another party ('Iranian-made drones in the hands of the
    rebels'): a transfer from the origin to that party (``evidence``), its status read at the verb
    that places them."""
    spec = next(d for d in lexicon.defence if d.subtype == "arms_transfer")
    out = []
    for found in found_with(parse, tokens, lexicon, product_tokens(parse, tokens)):
        trigger = Trigger(head=found.participle, tokens=(found.participle,), type=spec.type, mode=spec.mode,
                          priority=0, subtype=spec.subtype, defence=spec)  # fmt: skip
        modality = detect_modality(parse, found.verb, cues)
        if modality.negated or modality.hypothetical:
            continue
        event = _built(parse, trigger, tokens, modality, cue_status, lexicon)
        item = parse.span_text(*item_phrase(parse, found.item))
        out.append(replace(event, source=found.origin, target=found.party, item=item))
    return out


def _built(
    parse: Parse,
    trigger: Trigger,
    tokens: list[int],
    modality: Modality,
    cue_status: Cue,
    lexicon: EventLexicon,
) -> Event:
    """The event of one trigger, with its claim status and who holds it."""
    event = _with_status(parse, _event(parse, trigger, tokens, modality, lexicon), cue_status, lexicon)
    return _held_by(parse, event, modality, cue_status[2])


def _built_as(
    parse: Parse,
    trigger: Trigger,
    tokens: list[int],
    modality: Modality,
    cue_status: Cue,
    lexicon: EventLexicon,
    subtype: str,
) -> Event:
    """The event of a trigger read under another defence subtype (for the second reader)."""
    return _built(parse, _as_subtype(trigger, lexicon, subtype), tokens, modality, cue_status, lexicon)


_PENDING = frozenset({"yet", "still"})


def _spoken_denial(parse: Parse, head: int, modality: Modality) -> Modality:
    """'Bolivia insisted it had never received weapons', 'X said it has not sent drones': a party's
    own word that an event did not happen is a denial of it (the README: a party rejects the event),
    held by the speaker. The outlet's own negation ('X has not sent') and a delay ('has not yet
    received') stay plain negations."""
    if not modality.negated or modality.status != ClaimStatus.ATTRIBUTED or modality.cue_token is None:
        return modality
    tree = parse.tree
    if any(parse.lemma(k) in _PENDING for k in tree.kids(head, "advmod")):
        return modality
    cue = f"{parse.text(modality.cue_token)} ... not"
    return replace(modality, status=ClaimStatus.DENIED, cue=cue, negated=False)


def _describes_item(parse: Parse, head: int, event: Event) -> bool:
    """A participle after a noun with no party of its own ('four old vessels delivered in 1985', 'the
    jets bought last year') describes the thing; it does not report a transfer."""
    tree = parse.tree
    token = tree.tokens[head]
    if token.dep != "acl" or token.tag != "VBN" or tree.kids(head, "aux", "auxpass", "nsubj", "nsubjpass"):
        return False  # a clause of its own ('claims that arms were delivered') reports one
    if parse.lemma(head) in BOUND_FOR and prep_kids(parse, head, frozenset({"for", "to"})):
        return False  # 'a weapons cache destined for X' is on its way: a transfer, not a description
    parties = (*event.source, *event.target, *event.participants)
    return not any(a.code and not a.inferred for a in parties)


_CONCLUDED = frozenset({"sign", "conclude", "ink", "award", "finalise", "finalize", "seal", "win", "place"})


def _with_status(
    parse: Parse,
    event: Event,
    cue_status: tuple[ClaimStatus | None, str | None, int | None],
    lexicon: EventLexicon,
) -> Event:
    """The event's status by the README precedence: its sentence's top cue (denied, alleged,
    speculated, confirmed), then planned for a future or intended event (not for a concluded
    order or contract: 'signed a contract to buy' is the deal itself), then its own modality."""
    status, cue, token = cue_status
    if token is not None and not _scoped(parse, token, parse.tree.token_at(event.evidence.start)):
        status = cue = None  # the cue is about another clause of the sentence
    planned = None
    if event.aspect in ("planned", "expected") and not _concluded(parse, event):
        # 'will supply' is planned; 'is expected to buy' a forecast: speculated (the hedges)
        planned = ClaimStatus.SPECULATED if event.aspect == "expected" else ClaimStatus.PLANNED
    said = ClaimStatus.ATTRIBUTED if _said(parse, parse.tree.token_at(event.evidence.start)) else None
    top = top_status(event.status, status, planned, said)
    if top == event.status:
        return event
    return replace(event, status=top, status_cue=cue if top == status else event.aspect)


_HELD = frozenset({ClaimStatus.DENIED, ClaimStatus.ALLEGED})


def _held_by(parse: Parse, event: Event, modality: Modality, cue_token: int | None) -> Event:
    """Who denies or alleges the event: the holders of its own modality cue when that cue set the
    status ('X denied supplying'), else the voice of the sentence's cue ('X rejected reports that')."""
    if event.status not in _HELD or event.status_by:
        return event
    by = holder_names(parse, modality) if modality.status == event.status else ()
    return replace(event, status_by=by or cue_holders(parse, cue_token))


def _scoped(parse: Parse, cue: int, trigger: int) -> bool:
    """Whether a cue bears on a trigger: it governs it ('denied that X supplied'), modifies its verb
    ('reportedly sent', 'may supply') or sits inside its phrase ('the alleged shipment')."""
    tree = parse.tree
    above = tree.ancestors(trigger)
    if cue in above:  # through its complement, not an adjunct ('denied X, terming Y as ...')
        path = [trigger, *above]
        below = path[path.index(cue) - 1]
        return tree.tokens[below].dep not in ("advcl", "conj", "parataxis", "npadvmod")
    head = tree.tokens[cue].head
    if head == trigger or head in above[:2]:
        return True
    if head not in above or tree.tokens[cue].dep != "advmod":
        return False
    # 'are reportedly close to a defence pact': the predicate's own complements carry its hedge
    path = [trigger, *above[: above.index(head)]]
    return all(tree.tokens[node].dep in _PREDICATE_PARTS for node in path)


_PREDICATE_PARTS = frozenset({"pobj", "prep", "acomp", "attr", "dobj", "compound"})


_COMPLEMENT = frozenset({"ccomp", "xcomp", "dobj", "acl", "pobj", "prep", "advcl", "conj", "relcl", "nsubj"})


def _said(parse: Parse, trigger: int) -> bool:
    """A speech verb above the trigger through complements ('the ministry said it signed a contract to
    buy', 'X, the ministry said'): the event is reported through a named source."""
    tree = parse.tree
    speech = load_claim_cues().attribution
    node = trigger
    for _ in range(5):
        head = tree.tokens[node].head
        if head == node or tree.tokens[node].dep not in _COMPLEMENT | {"parataxis"}:
            return False
        if parse.lemma(head) in speech and tree.kids(head, "nsubj"):
            return True
        node = head
    return False


def _concluded(parse: Parse, event: Event) -> bool:
    tree = parse.tree
    head = tree.token_at(event.evidence.start)
    for node in [head, *tree.ancestors(head)][:4]:
        if parse.lemma(node) in _CONCLUDED and tree.tokens[node].tag in ("VBD", "VBN"):
            return True
    return False


def _prune(parse: Parse, triggers: list[Trigger]) -> list[Trigger]:
    """Drop what a defence trigger already says.

    General triggers inside a defence trigger's phrase ('upgraded ... in a deal') or governing a
    defence noun ('signed a pact', 'hold drills') add nothing; a defence noun that is the object of
    another defence trigger ('banned arms exports') is part of it.
    """
    tree = parse.tree
    defence = [t for t in triggers if t.subtype]
    spans = [(tree.left[t.head], tree.right[t.head]) for t in defence]
    objects = {t.head: t for t in defence if tree.tokens[t.head].dep in ("dobj", "attr", "nsubjpass")}
    governors = {tree.tokens[h].head for h in objects}
    heads = {t.head for t in defence}
    bans = {t.head for t in defence if t.subtype in _OPERATORS}
    # 'flew a joint patrol', 'sailed a joint drill': the drill a move makes is the event, not the move
    moves = {t.head for t in defence if t.subtype in _MOVES}
    drilled = {tree.tokens[h].head for h, t in objects.items() if t.subtype == "exercise"} & moves
    drills = [t.head for t in defence if t.subtype == "exercise"]
    drilled |= {  # 'flew simulated strike missions': the drill lies inside what the move does
        m
        for m in moves
        for o in tree.kids(m, "dobj")
        if any(tree.left[o] <= d <= tree.right[o] for d in drills)
    }
    kept = []
    for t in triggers:
        if t.subtype in _MOVES and t.head in drilled:
            continue
        if t.subtype == "exercise" and t.head in objects and tree.tokens[t.head].head in drilled:
            kept.append(t)
            continue
        if t.subtype is None and (any(a <= t.head <= b for a, b in spans) or t.head in governors):
            continue
        if t.subtype and t.head in objects and tree.tokens[t.head].head in heads:
            continue
        if t.subtype and t.subtype not in _OPERATORS and _linked_to(tree, t.head, bans):
            continue
        if t.subtype == "arms_transfer" and _prevented(parse, t.head):
            continue
        if t.subtype == "co_development" and _joins_other(parse, t, heads):
            continue
        kept.append(t)
    return kept


_MOVES = frozenset({"deployment", "movement"})


# Verbs and nouns that stop, forbid or withhold what they govern: a transfer under one ('suspended
# permits for weapons shipments', 'rules forbid the transfer of arms', 'a ban on sales of rifles') is
# not a transfer that happened; where a party is named the ban is its own event (export_ban).
_PREVENT = frozenset(
    {"ban", "embargo", "block", "prohibit", "prohibition", "bar", "halt", "suspend", "suspension", "freeze",
     "forbid", "prevent", "outlaw", "stop", "cease", "moratorium", "restrict", "restriction", "veto"}
)  # fmt: skip
_PREVENT_PATH = frozenset({"dobj", "pobj", "prep", "compound", "nsubjpass", "xcomp", "acl", "amod"})


def _prevented(parse: Parse, head: int) -> bool:
    """Whether a transfer trigger lies in the object of a preventing word, a few steps up."""
    tree = parse.tree
    node = head
    for above in tree.ancestors(head)[:5]:
        if tree.tokens[node].dep not in _PREVENT_PATH:
            return False
        if parse.lemma(above) in _PREVENT:
            return True
        node = above
    return False


_PARTAKE = frozenset({"participate", "partake", "join", "take", "gather", "assemble", "arrive"})
# what a named exercise does as the subject of its own sentence: it is held
_RUNS = frozenset({"run", "begin", "start", "end", "conclude", "kick", "open", "close", "continue", "involve",
                   "include", "feature", "last", "hold", "stage", "conduct", "bring"})  # fmt: skip
# verbs of forces setting out for a named drill: 'the contingent departed for X'
_LEAVES_FOR = frozenset({"depart", "leave", "head", "sail", "fly"})


def _joins_other(parse: Parse, trigger: Trigger, heads: set[int]) -> bool:
    """'participating in the exercise' is a part in that exercise, not a co-development: a
    participation trigger whose object is another defence trigger belongs to that event."""
    tree = parse.tree
    if parse.lemma(trigger.head) not in _PARTAKE:
        return False
    for prep in tree.kids(trigger.head, "prep"):
        if any(obj in heads and obj != trigger.head for obj in tree.kids(prep, "pobj")):
            return True
    return False


def _linked_to(tree: Tree, head: int, others: set[int]) -> bool:
    return tree.tokens[head].head in others or any(tree.tokens[o].head == head for o in others)


# verbs that move people as readily as goods: what they send is a force when it is people under arms
_SENDING = frozenset({"send", "dispatch", "fly"})
# nouns of a number that lead what is counted: 'thousands of soldiers', 'dozens of tanks'
_COUNTS = frozenset({"thousand", "hundred", "dozen", "score", "million", "number", "contingent", "group"})


def _personnel(parse: Parse, item: int) -> bool:
    """Whether the item is people under arms ('300 troops', 'thousands of soldiers')."""
    if singular(parse.lemma(item)) in _PERSONNEL:
        return True
    if parse.lemma(item) not in _COUNTS:
        return False
    tree = parse.tree
    counted = [o for p in tree.kids(item, "prep") if parse.lemma(p) == "of" for o in tree.kids(p, "pobj")]
    return any(singular(parse.lemma(o)) in _PERSONNEL for o in counted)


_PERSONNEL = frozenset(
    {"troop", "soldier", "marine", "sailor", "airman", "personnel", "force", "unit", "battalion", "brigade",
     "regiment", "contingent", "peacekeeper", "paratrooper", "commando", "servicemember", "serviceman",
     "instructor", "adviser", "advisor", "division", "squadron", "company", "platoon"}
)  # fmt: skip


_SEND = frozenset({"send", "dispatch", "move", "station"})
_WATERS = frozenset({"sea", "ocean", "gulf", "strait", "region", "border", "frontier", "coast", "waters"})


def _sent_to_a_place(parse: Parse, head: int) -> bool:
    """A send whose destination is a sea, region or border, not a state."""
    if parse.lemma(head) not in _SEND:
        return False
    tree = parse.tree
    for prep in tree.kids(head, "prep", "dative"):
        if parse.lemma(prep) not in ("to", "into"):
            continue
        for obj in tree.kids(prep, "pobj"):
            mention = parse.mention_at(obj)
            if parse.lemma(obj) in _WATERS or (mention is not None and mention.label == "LOC"):
                return True
    return False


_COOPERATION = frozenset({"cooperation", "co-operation", "partnership", "alliance", "security"})


def _cooperation_deal(parse: Parse, head: int) -> bool:
    """A deal or agreement of cooperation, partnership or security names a pact, not a sale."""
    if parse.lemma(head) not in ("deal", "agreement", "accord"):
        return False
    return any(parse.lemma(k) in _COOPERATION for k in parse.tree.kids(head, "compound", "amod"))


def _no_places(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    return tuple(a for a in actors if not is_place(a))


def _as_subtype(trigger: Trigger, lexicon: EventLexicon, subtype: str) -> Trigger:
    spec = next((d for d in lexicon.defence if d.subtype == subtype), None)
    if spec is None:
        return trigger
    return replace(trigger, type=spec.type, mode=spec.mode, subtype=spec.subtype, defence=spec)


_ARRIVALS = frozenset(
    {"arrive", "land", "reach", "dock"}
)  # 'the first jets for X landed at an air base near Y'
_CONTAINERS = CONTAINERS | {"delivery"}  # a delivery arriving is one too


_PERMITTING = frozenset({"allow", "permit", "approve", "authorise", "authorize", "license", "licence"})


def _no_longer(parse: Parse, head: int) -> bool:
    """'X would no longer sell weapons to Y', 'will no longer allow weapons sales to Y': a supplier
    ending its sales, or its permission of them, bans them."""
    tree = parse.tree
    token = tree.tokens[head]
    if parse.lemma(head) in SUPPLY and token.pos == "VERB":
        verb = head
    elif token.pos == "NOUN" and token.dep == "dobj" and parse.lemma(token.head) in _PERMITTING:
        verb = token.head
    else:
        return False
    return any(
        parse.text(k).lower() == "longer" and any(parse.lemma(n) in ("no", "not") for n in tree.children[k])
        for k in tree.kids(verb, "advmod")
    )


def _system_unit(parse: Parse, head: int, item_head: int) -> bool:
    """A unit named for a weapon system that arrives from somewhere ('the first S-400 squadron arrived
    from Russia', 'a Patriot battery arrives from Germany'): the system delivered, not troops moving."""
    tree = parse.tree
    if parse.lemma(head) not in _ARRIVALS or not prep_kids(parse, head, frozenset({"from"})):
        return False
    mention = parse.mention_at(item_head)
    if mention is None or parse.kind_of(mention) is not EntityKind.WEAPON_SYSTEM:
        return False
    units = load_lexicon().force_units | {"battery", "system"}
    return any(
        singular(parse.lemma(m)) in units and tree.left[m] <= item_head < m for m in mover(parse, head)
    )


def _delivered(parse: Parse, head: int, item_head: int) -> bool:
    """An arrival of the weapon itself that is a delivery: cargo arriving ('S-400 systems arrived in
    X'), or a platform arriving for its new owner ('the first jets for X arrived'); warships or jets
    arriving on their own are a visit, not a sale."""
    tree = parse.tree
    lemma = singular(parse.lemma(item_head))  # 'Howitzers' opening a sentence keeps its plural
    movers = mover(parse, head)
    held = [  # 'a batch of drones arrived': the item inside the container that moves
        o
        for m in movers
        if parse.lemma(m) in _CONTAINERS
        for p in tree.kids(m, "prep")
        for o in tree.kids(p, "pobj")
    ]
    if parse.lemma(head) not in _ARRIVALS or item_head not in [*movers, *held] or lemma in _PERSONNEL:
        return False
    if lemma not in load_lexicon().items:
        return False
    if lemma not in PLATFORMS:
        return True
    owned = any(parse.lemma(p) == "for" for p in tree.kids(item_head, "prep"))
    return owned or any(parse.lemma(k) in ("first", "new") for k in tree.kids(item_head, "amod"))


def _event(
    parse: Parse, trigger: Trigger, tokens: list[int], modality: Modality, lexicon: EventLexicon
) -> Event:
    annotated = parse.annotated
    item = None
    if trigger.subtype in _ITEM_SUBTYPES:
        item = extract_item(parse, trigger.head, tokens, lexicon, product_tokens(parse, tokens))
    if item and parse.lemma(trigger.head) in ARMING and parse.tree.tokens[item[1]].dep == "dobj":
        item = None  # 'arming the rebels (with drones)': the object is armed, the item follows 'with'
    if trigger.subtype == "arms_transfer" and (
        (item and _personnel(parse, item[1]))
        or (
            parse.lemma(trigger.head) in _SENDING
            and any(_personnel(parse, o) for o in parse.tree.kids(trigger.head, "dobj", "nsubjpass"))
        )
        or _sent_to_a_place(parse, trigger.head)
    ):  # 'sent 300 soldiers to X', 'sent two frigates to the Baltic': forces are deployed, not sold
        trigger = _as_subtype(trigger, lexicon, "deployment")
    if trigger.subtype == "arms_transfer" and _no_longer(parse, trigger.head):
        trigger = _as_subtype(trigger, lexicon, "export_ban")  # 'would no longer sell weapons to X'
    if trigger.subtype == "arms_transfer" and not item and _cooperation_deal(parse, trigger.head):
        trigger = _as_subtype(trigger, lexicon, "defence_pact")  # 'a military cooperation deal'
    arrival = trigger.subtype == "movement" and item is not None and _delivered(parse, trigger.head, item[1])
    unit = trigger.subtype == "deployment" and item is not None and _system_unit(parse, trigger.head, item[1])
    arrival = arrival or unit  # 'India's first S-400 squadron arrives from Russia': the system delivered
    if arrival:  # 'S-400 systems arrived in Turkey': weapons arriving in a state are a delivery
        trigger = _as_subtype(trigger, lexicon, "arms_transfer")
    inverse = trigger.defence is not None and parse.lemma(trigger.head) in trigger.defence.recipient_subject
    roles = extract_roles(
        parse,
        trigger.tokens,
        lexicon,
        inverse=inverse,
        owner_acts=trigger.subtype in _OWNER_ACTS,
        stops=_stops(),
        supplier_from=trigger.subtype == "arms_transfer",
        authority_acts=trigger.type == PloverType.COERCE,
    )
    source, target = roles.source, roles.target
    participants: tuple[Actor, ...] = ()
    if arrival and item:
        source, target = arrival_roles(parse, trigger.head, item[1], lexicon, item_first=item[0])
        if unit and not target:  # the unit's owner receives it
            owners = [o for m in mover(parse, trigger.head) for o in parse.tree.kids(m, "poss")]
            target = tuple(a for o in owners for a in actors_at(parse, o, lexicon) if a.code)
    elif trigger.subtype in _DIRECTED:
        source, target = frame_roles(
            parse,
            trigger.head,
            item[1] if item else None,
            source,
            target,
            lexicon,
            _stops(),
            item_first=item[0] if item else None,
        )
    if trigger.subtype in ("arms_transfer", "upgrade") and (
        hired := hired_roles(parse, trigger.head, lexicon)
    ):
        source, target = hired  # 'Egypt will pay Lockheed Martin to upgrade its F-16s': the firm does it
    if trigger.subtype == "export_ban":
        target = banned_party(parse, trigger.head, target, lexicon)
    if trigger.subtype == "deployment" and not source:
        source = mover_of(parse, trigger.head, lexicon, _stops())
    if trigger.subtype in _MOVES and not any(map(is_state, target)):
        # 'arrived in Poland for NATO's exercise': the state they are in hosts, not the exercise's owner
        target = tuple(a for a in place_target(parse, trigger.head, lexicon) if is_state(a)) or target
    if trigger.subtype == "deployment" and parse.lemma(trigger.head) in FIGHTING_FOR:
        source, target = fighters_roles(parse, trigger.head, lexicon)
    if trigger.subtype in _DIRECTED | {"upgrade", "export_ban", "deployment"}:  # nor deploys into itself
        supplied_by = {a.code for a in source if a.code}
        target = tuple(a for a in target if not a.code or a.code not in supplied_by)
    subtype = trigger.subtype
    if subtype == "arms_transfer" and _permission_or_cancellation(parse, trigger.head, source, target):
        subtype = "other"
    if trigger.subtype in _JOINT:  # where they drill is no party: 'in the Sea of Japan'
        source, target = _no_places(source), _no_places(target)
    if trigger.type == PloverType.COOPERATE or trigger.subtype in _JOINT:
        participants = joint_participants(parse, trigger.head, source + target, lexicon, _stops())
    if trigger.subtype in _JOINT:  # 'drills near the Polish border': a state named only for a place
        edges = named_for_a_place(parse, parse.tree.tokens[trigger.head].sentence)
        target = tuple(a for a in target if a.code not in edges)
        participants = tuple(a for a in participants if a.code not in edges)
    if trigger.subtype == "defence_pact":  # 'signed the pact in Kuala Lumpur': the venue signs nothing
        venues = pact_venues(parse, trigger.head)
        target = tuple(a for a in target if a.code not in venues)
        venues -= {a.code for a in source}  # 'X and Y signed it in X's capital': X stays a party
        participants = tuple(a for a in participants if a.code not in venues)
    dates = [
        m
        for m in annotated.mentions
        if m.label == "DATE" and m.sentence == parse.tree.tokens[trigger.head].sentence
    ]
    time_text, year = extract_time(parse, trigger.head, tokens, dates)
    aspect = extract_aspect(parse, trigger.head, load_claim_cues().future_aux, load_claim_cues().plan_verbs)
    first, last = min(trigger.tokens), max(trigger.tokens)
    start, end = parse.tree.span(trigger.head, trigger.head)  # the head: claims re-read modality there
    sentence = parse.tree.tokens[trigger.head].sentence
    return Event(
        id=make_id(annotated.article.id, str(sentence), str(start), trigger.subtype or str(trigger.type)),
        type=_type_of(parse, trigger, aspect, lexicon),
        mode=trigger.mode,
        evidence=Evidence(
            article_id=annotated.article.id,
            sentence=sentence,
            start=start,
            end=end,
            text=annotated.sentence_text(sentence),
        ),
        subtype=subtype,
        trigger=parse.span_text(first, last),
        source=source,
        target=target,
        participants=participants,
        item=parse.span_text(*item) if item else None,
        quantity=(
            extract_quantity(parse, item[1])
            if item
            else people_count(parse, tokens)
            if trigger.subtype in ("exercise", "deployment")
            else None
        ),
        programme=_programme(parse, trigger, lexicon),
        place=_place(parse, trigger.head),
        time_text=time_text,
        year=year,
        time=event_time(time_text, year, _reported(annotated)),
        aspect=aspect,
        status=modality.status,
        extractor=EXTRACTOR,
        confidence=_confidence(trigger, modality),
    )


_PERMIT = frozenset({"approve", "allow", "authorise", "authorize", "permit", "clear", "license", "licence",
                     "approval", "permission", "authorisation", "authorization", "greenlight"})  # fmt: skip
_CANCEL = frozenset(
    {"cancel", "scrap", "abandon", "shelve", "cancellation", "rejection", "refuse", "decline", "refusal"}
)  # 'refused to sell F-35 jets to X': a rejected arms project


def _permission_or_cancellation(
    parse: Parse, trigger: int, source: tuple[Actor, ...], target: tuple[Actor, ...]
) -> bool:
    """An export permission ('the government allowed the firm to deliver a submarine to X', 'approved
    the sale of two frigates to X': the approver is not the buyer, or is unnamed and approves the
    supplier's side: an export, a sale) or a cancelled arms project is
    not a transfer: the defence README codes both as ``other``. A buyer's own approval of a purchase
    stays a (planned) transfer."""
    tree = parse.tree
    for node in tree.ancestors(trigger)[:3]:
        lemma = parse.lemma(node)
        if lemma in _CANCEL:
            return True
        if lemma not in _PERMIT:
            continue
        approvers = [a for s in tree.kids(node, "nsubj", "poss") for a in actors_at(parse, s, load_lexicon())]
        codes = {a.code for a in approvers if a.code}
        buyers = {a.code for a in target if a.code}
        suppliers = {a.code for a in source if a.code}
        if not codes:  # an uncoded approver ('a security panel approved the export of ...'): the
            return parse.lemma(trigger) in _SUPPLY_NOUNS  # supplier's side is a permission, a buyer's not
        return not (codes & buyers) and bool(codes & suppliers or buyers)
    return False


_SUPPLY_NOUNS = frozenset({"export", "sale", "transfer", "shipment", "delivery", "supply", "resale"})


def _reported(annotated: AnnotatedArticle) -> datetime | None:
    article = annotated.article
    return article.published_at or article.published_earliest_at or article.fetched_at


def _type_of(parse: Parse, trigger: Trigger, aspect: str | None, lexicon: EventLexicon) -> PloverType:
    """A defence pact is SUPPORT once signed and AGREE while only promised."""
    spec = trigger.defence
    if spec is None or spec.promised_type is None:
        return trigger.type
    governing = [parse.lemma(a) for a in parse.tree.ancestors(trigger.head)[:3]]
    if any(g in lexicon.sign for g in governing[:1]) and aspect == "done":
        return trigger.type
    if aspect in ("planned", "expected") or any(g in lexicon.promise for g in governing):
        return spec.promised_type
    return trigger.type


def _confidence(trigger: Trigger, modality: Modality) -> float:
    base = 0.8 if trigger.subtype else 0.6
    if modality.status == ClaimStatus.SPECULATED or modality.negated or modality.hypothetical:
        base -= 0.3
    return round(base, 2)


def _clause(parse: Parse, trigger: int) -> tuple[int, int]:
    """Token range of the trigger's clause: its governing verb's subtree without conjoined clauses."""
    tree = parse.tree
    chain = [trigger, *tree.ancestors(trigger)]
    verbs = [
        n
        for n in chain
        if tree.tokens[n].pos in ("VERB", "AUX") and tree.tokens[n].dep not in ("acl", "amod")
    ]
    verb = verbs[0] if verbs else trigger
    return tree.subtree(verb, without=tree.kids(verb, "conj", "cc", "advcl", "parataxis"))


def _programme(parse: Parse, trigger: Trigger, lexicon: EventLexicon) -> str | None:
    """'KAAN fighter jet programme', 'MILGEM-class corvette project', or a named exercise."""
    if trigger.subtype == "exercise":
        return _name_before(parse, trigger.head) or _appositive_name(parse, trigger.head)
    first, last = _clause(parse, trigger.head)
    heads = [i for i in range(first, last + 1) if parse.lemma(i) in lexicon.programme_nouns]
    for head in sorted(heads, key=lambda h: tree_distance(parse, trigger.head, h)):
        start, end = item_phrase(parse, head)
        if start < end and tree_distance(parse, trigger.head, head) <= 4:
            return parse.span_text(start, end)
    return None


def _name_before(parse: Parse, head: int) -> str | None:
    """The proper-noun run inside a noun's phrase: 'the elite Ataturk-Jinnah special forces exercises'."""
    tree = parse.tree
    names = [i for i in range(tree.left[head], head) if tree.tokens[i].pos == "PROPN"]
    if not names:
        return None
    first = last = names[0]
    while last + 1 < head and (tree.tokens[last + 1].pos == "PROPN" or parse.text(last + 1) == "-"):
        last += 1
    return parse.span_text(first, last)


def _appositive_name(parse: Parse, head: int) -> str | None:
    """'Pacific Star, a joint naval exercise', 'the exercise Pacific Star 2025': the name the exercise
    noun stands in apposition to, or that stands in apposition to it."""
    tree = parse.tree
    token = tree.tokens[head]
    end = token.head
    for name in tree.kids(head, "appos"):  # 'the joint exercise Balikatan 2025'
        if tree.tokens[name].pos == "PROPN":
            first, last = tree.subtree(name)
            return parse.span_text(first, last)
    if token.dep != "appos":
        return None
    mention = parse.mention_at(end)  # 'Thunder of the North', a name the model spans
    if mention is not None and mention.label in ("WORK_OF_ART", "EVENT", "PRODUCT", "ORG"):
        return mention.text
    if tree.tokens[end].pos != "PROPN":
        return None
    start = end
    while (
        start > 0
        and tree.tokens[start - 1].pos == "PROPN"
        and tree.tokens[start - 1].sentence == token.sentence
    ):
        start -= 1
    return parse.span_text(start, end)


def _place(parse: Parse, trigger: int) -> str | None:
    """A place named in a locative phrase of the trigger's own phrase ('built in Karachi')."""
    tree = parse.tree
    first, last = tree.subtree(trigger, without=tree.kids(trigger, "advcl", "ccomp", "conj", "parataxis"))
    if tree.tokens[trigger].dep == "acl":
        first = min(first, tree.left[tree.tokens[trigger].head])
    if tree.tokens[trigger].dep in ("dobj", "attr"):
        for prep in tree.kids(tree.tokens[trigger].head, "prep"):
            first, last = min(first, tree.left[prep]), max(last, tree.right[prep])
    for mention in parse.annotated.mentions:
        if mention.label not in ("GPE", "LOC", "FAC"):
            continue
        i = parse.tree.token_at(mention.start)
        if first <= i <= last and parse.lemma(tree.tokens[i].head) in _PLACE_PREPS:
            return mention.text
    return None


def _statement(parse: Parse, tokens: list[int], lexicon: EventLexicon, cues: ClaimCues) -> list[Event]:
    verbs = [
        i for i in tokens if parse.tree.tokens[i].pos == "VERB" and parse.lemma(i) in lexicon.statement_verbs
    ]
    roots = [i for i in tokens if parse.tree.tokens[i].head == i]
    head = (verbs or roots or tokens[:1])[0] if tokens else None
    if head is None:
        return []
    trigger = Trigger(head=head, tokens=(head,), type=PloverType.STATEMENT, mode=EventMode.VERBAL, priority=0)
    return [_event(parse, trigger, tokens, detect_modality(parse, head, cues), lexicon)]


def _attach_values(parse: Parse, tokens: list[int], events: list[Event]) -> list[Event]:
    """Each money value goes to the nearest event (in the tree) that can carry one."""
    carriers = [k for k, e in enumerate(events) if e.subtype] or [
        k for k, e in enumerate(events) if e.type in (PloverType.AGREE, PloverType.AID)
    ]  # a defence frame takes the sentence's money before a general event does
    if not tokens or not carriers:
        return events
    first = parse.tree.tokens[tokens[0]]
    text = parse.annotated.article.text[first.start : parse.tree.tokens[tokens[-1]].end]
    out = list(events)
    for start, _end, value in extract_values(text, first.start):
        i = parse.tree.token_at(start + 1)
        free = [k for k in carriers if out[k].value is None]
        if not free:
            break
        best = min(free, key=lambda k: tree_distance(parse, parse.tree.token_at(events[k].evidence.start), i))
        out[best] = replace(out[best], value=value)
    return out


def _merge_duplicates(parse: Parse, events: list[Event]) -> list[Event]:
    """Two triggers of one type linked in the tree ('fight a war', 'banned ... exports') are one event."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k, e in enumerate(kept) if _twins(parse, e, event)), None)
        if twin is None:
            kept.append(event)
        elif _is_verb(parse, event) and not _is_verb(parse, kept[twin]):
            kept[twin] = _fill(event, kept[twin])
        else:
            kept[twin] = _fill(kept[twin], event)
    return kept


def _one_per_mention(parse: Parse, events: list[Event]) -> list[Event]:
    """One happening, one event: two events of one defence subtype in a sentence with the same item
    (or one without an item) and actors that do not contradict are one mention ('signed a contract
    to buy 12 jets' reads as 'contract' and 'buy')."""
    kept: list[Event] = []
    for event in events:
        k = next((k for k, e in enumerate(kept) if event.subtype and _same_mention(parse, e, event)), None)
        if k is None:
            kept.append(event)
        else:
            richer, other = sorted((kept[k], event), key=_richness, reverse=True)
            kept[k] = _fill(richer, other)
    return kept


_OTHER_CLAUSE = frozenset({"conj", "advcl", "parataxis", "relcl", "ccomp"})


def _one_clause(parse: Parse, a: int, b: int, other: frozenset[str] = _OTHER_CLAUSE) -> bool:
    """Two triggers of one clause: one governs the other ('signed a contract to buy') without
    crossing into a conjoined or adverbial clause ('A supplied pods, while B delivered a range')."""
    tree = parse.tree
    for low, high in ((a, b), (b, a)):
        path = [low, *tree.ancestors(low)]
        if high in path:
            steps = path[: path.index(high)]
            return not any(tree.tokens[n].dep in other for n in steps)
    return False


def _richness(event: Event) -> tuple[int, int]:
    known = sum(bool(x) for x in (event.source, event.target, event.item, event.quantity, event.value))
    return known, -event.evidence.start


def _same_mention(parse: Parse, a: Event, b: Event) -> bool:
    if a.subtype != b.subtype or a.type != b.type:
        return False
    if a.item and b.item and a.item.lower() != b.item.lower():
        return False
    if a.programme and b.programme and a.programme != b.programme:
        return False
    # a relative clause on the traded item is the same trade ('handed over the jets that X ordered')
    other = _OTHER_CLAUSE - {"relcl"} if a.subtype == "arms_transfer" else _OTHER_CLAUSE
    if not _one_clause(
        parse, parse.tree.token_at(a.evidence.start), parse.tree.token_at(b.evidence.start), other
    ):
        return False
    for role in ("source", "target", "participants"):
        ca = {x.code for x in getattr(a, role) if x.code}
        cb = {x.code for x in getattr(b, role) if x.code}
        if ca and cb and not ca & cb:
            return False
    return True


def _is_verb(parse: Parse, event: Event) -> bool:
    return parse.tree.tokens[parse.tree.token_at(event.evidence.start)].pos == "VERB"


def _twins(parse: Parse, a: Event, b: Event) -> bool:
    if a.subtype != b.subtype or a.type != b.type:
        return False
    if a.programme and b.programme and a.programme != b.programme:
        return False
    head_a, head_b = parse.tree.token_at(a.evidence.start), parse.tree.token_at(b.evidence.start)
    nouns = [h for h in (head_a, head_b) if parse.tree.tokens[h].pos in ("NOUN", "PROPN")]
    return bool(nouns) and tree_distance(parse, head_a, head_b) <= (2 if a.subtype else 1)


def _fill(a: Event, b: Event) -> Event:
    """``a`` with the attributes it lacks taken from ``b``."""
    fields = ("item", "quantity", "value", "programme", "place", "time_text", "year", "aspect")
    updates = {f: getattr(b, f) for f in fields if getattr(a, f) is None and getattr(b, f) is not None}
    if b.time is not None and b.time.source == "text" and (a.time is None or a.time.source == "report"):
        updates["time"] = b.time
    if not a.source and b.source:
        updates["source"] = b.source
    if not a.target and b.target:
        updates["target"] = b.target
    return replace(a, **updates) if updates else a


def _inherit_actors(events: list[Event]) -> list[Event]:
    """'STM completed an upgrade ..., and the project saw ships built': the second clause shares actors."""
    out: list[Event] = []
    for event in events:
        previous = next((e for e in reversed(out) if e.type == event.type and e.subtype), None)
        if previous is not None and event.subtype and not (event.source and event.target):
            event = replace(
                event, source=event.source or previous.source, target=event.target or previous.target
            )
        out.append(event)
    return out
