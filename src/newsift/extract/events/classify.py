"""Sentence typing as PLOVER codes it: one main event per sentence or snippet, for benchmarks and views.

Builds on ``events.sentence_events``; promises become AGREE, threats THREATEN, "must" REQUEST; what the
rules find no type for goes to the small trained model of ``events.learned``. ``events.chooser`` (weighing
the rules' readings against that model for every sentence) is switched off: ``CHOOSER``.
"""

from __future__ import annotations

from dataclasses import replace

from newsift.extract.claims.cues import ClaimCues, load_claim_cues
from newsift.extract.claims.modality import detect_modality
from newsift.extract.events.chooser import Reading, choose, load_chooser
from newsift.extract.events.learned import load_plover_model, sentence_features
from newsift.extract.events.lexicon import EventLexicon, load_lexicon
from newsift.extract.events.rules import sentence_events
from newsift.extract.parse import Parse
from newsift.model import AnnotatedArticle, Event, PloverType

__all__ = [
    "CHOOSER",
    "classify_article",
    "classify_sentence",
    "readings",
    "rules_reading",
    "typed_with_model",
]

# The trained chooser ships off: on sentences of our own it types more right (held-out 0.950 -> 0.963,
# wire-style held-out 0.700 -> 0.800), on PLOVER dev it types fewer (tune 0.907 -> 0.767, check 0.849 ->
# 0.756): the sentence typer it trusts reads other writers' sentences far worse (docs/benchmarks.md).
CHOOSER = False


def classify_sentence(annotated: AnnotatedArticle, index: int, chooser: bool = CHOOSER) -> Event | None:
    """The main event of one sentence (the trigger nearest the root); a sentence the rules read as a
    mere remark (STATEMENT) is typed by the trained model (``learned``). With ``chooser`` the rules'
    readings and the model's probabilities are weighed by ``events.chooser`` for every sentence.
    None when the rules find no happening at all.

    Unlike ``extract_events`` this keeps negated and hypothetical events: it types the sentence.
    """
    parse = Parse.build(annotated)
    main, events = rules_reading(parse, index)
    if main is None:
        return None
    if chooser:
        probabilities = load_plover_model().probabilities(sentence_features(parse, index))
        return choose(main, readings(parse, events), probabilities, load_chooser())
    if main.type != PloverType.STATEMENT:
        return main
    return typed_with_model(main, sentence_features(parse, index))


def rules_reading(parse: Parse, index: int) -> tuple[Event | None, list[Event]]:
    """The rules' main event of a sentence and every event they found in it."""
    lexicon, cues = load_lexicon(), load_claim_cues()
    events = sentence_events(parse, index, lexicon, cues, statements=True, keep_irrealis=True)
    if not events:
        return None, events

    def rank(event: Event) -> tuple[int, int, int]:
        head = parse.tree.token_at(event.evidence.start)
        depth = len(parse.tree.ancestors(head))
        return depth, event.type == PloverType.STATEMENT, -_priority(lexicon, event.type)

    foreground = [e for e in events if not _in_background(parse, e)]
    if not foreground:
        return _remark(min(events, key=rank)), events
    return _as_main(parse, min(foreground, key=rank), events, lexicon, cues), events


def readings(parse: Parse, events: list[Event]) -> list[Reading]:
    """Every event the rules found in a sentence, typed as if it were the main one."""
    lexicon, cues, tree = load_lexicon(), load_claim_cues(), parse.tree
    return [
        Reading(
            event=_as_main(parse, event, events, lexicon, cues),
            trigger_type=event.type,
            background=_in_background(parse, event),
            at_root=tree.tokens[tree.token_at(event.evidence.start)].dep == "ROOT",
        )
        for event in events
    ]


def _as_main(
    parse: Parse, event: Event, events: list[Event], lexicon: EventLexicon, cues: ClaimCues
) -> Event:
    """An event typed as the sentence's main one: reactions, commitments, compound phrases, peacekeeping,
    concessions and modality."""
    main = _reaction(parse, _complement(parse, event, events), lexicon)
    main = _peacekeeping(parse, _compound_phrase(parse, main, lexicon))
    main = _yielding(parse, main, events)
    return _typed_by_modality(parse, main, cues)


# subordinators of a clause that sets the scene ('after the miners demanded ...', 'as the protesters had
# demanded', 'if the rebels free ...'); a purpose clause ('to help rebuild') is not among them
_SCENE_MARKS = frozenset(
    {
        "after",
        "as",
        "since",
        "because",
        "when",
        "while",
        "if",
        "unless",
        "before",
        "until",
        "though",
        "although",
    }
)


def _in_background(parse: Parse, event: Event) -> bool:
    """A happening told as background to the main clause (in a clause that sets the scene, or in a
    relative clause) while the main clause has a content verb of its own ('stepped aside after relatives
    demanded his removal'). PLOVER codes the main clause's act; the rules may not know its verb, so the
    sentence is then a remark the model types."""
    tree = parse.tree
    node = tree.token_at(event.evidence.start)
    chain = [node, *tree.ancestors(node)]
    if parse.lemma(chain[-1]) in _LIGHT:  # 'X did Y, officials said': the reported clause is the main one
        clauses = [n for n in chain if tree.tokens[n].dep == "ccomp" and tree.tokens[n].head == chain[-1]]
        chain = chain[: chain.index(clauses[0]) + 1] if clauses else chain
    root = chain[-1]
    if tree.tokens[root].pos != "VERB" or parse.lemma(root) in _LIGHT or node == root:
        return False
    for below in chain[:-1]:
        dep = tree.tokens[below].dep
        marks = {parse.lemma(m) for m in tree.kids(below, "mark", "aux")}
        if dep == "relcl" and "to" not in marks:  # 'a rally to protest X' names the rally's purpose
            return True
        if dep == "advcl" and marks & _SCENE_MARKS:
            return True
    return False


_LIGHT = frozenset({"be", "have", "say", "tell", "report", "announce", "state", "add", "claim", "quote"})


def _remark(event: Event) -> Event:
    """The sentence read as a remark: typed by the model from its main clause."""
    return replace(event, type=PloverType.STATEMENT)


def _compound_phrase(parse: Parse, main: Event, lexicon: EventLexicon) -> Event:
    """'a hunger strike', 'a general strike': a noun whose modifier makes a phrase of another type in the
    lexicon is that phrase, not the bare noun (a strike read as a military one)."""
    tree = parse.tree
    head = tree.token_at(main.evidence.start)
    for kid in tree.kids(head, "compound", "amod"):
        phrase = (parse.lemma(kid), parse.lemma(head))
        kinds = [t.type for t in lexicon.types if phrase in t.phrases]
        if len(kinds) == 1 and kinds[0] != main.type:
            return replace(main, type=kinds[0])
    return main


def _peacekeeping(parse: Parse, main: Event) -> Event:
    """PLOVER codes sending peacekeepers as military aid (CAMEO's 'provide peacekeeping'): forces on the
    move that are peacekeepers (in the trigger's own phrase, or its subject or object) make AID."""
    if main.type != PloverType.MOBILIZE:
        return main
    tree = parse.tree
    head = tree.token_at(main.evidence.start)
    roots = [head] if tree.tokens[head].pos == "NOUN" else tree.kids(head, "nsubj", "nsubjpass", "dobj")
    for root in roots:
        first, last = tree.left[root], tree.right[root]
        if any(parse.lemma(i).startswith("peacekeep") for i in range(first, last + 1)):
            return replace(main, type=PloverType.AID)
    return main


def _yielding(parse: Parse, main: Event, events: list[Event]) -> Event:
    """'Bowing to the strikers, the company agreed to raise pay': what is promised or said while yielding
    (a CONCEDE verb heading a participle clause of the main verb) is a concession (PLOVER: a verbal
    concession, promised or not); so is any act the sentence calls one ('in a concession to the
    protesters, he dismissed the police chief'), unless it is a material one (RETREAT)."""
    if main.type == PloverType.RETREAT:
        return main
    tree = parse.tree
    head = tree.token_at(main.evidence.start)
    for event in (e for e in events if e.type == PloverType.CONCEDE):
        token = tree.tokens[tree.token_at(event.evidence.start)]
        participle = token.dep == "advcl" and token.tag == "VBG" and token.head == head
        if participle and main.type in (PloverType.AGREE, PloverType.STATEMENT):
            return replace(main, type=PloverType.CONCEDE)
        prep = token.head
        if token.dep == "pobj" and parse.lemma(prep) in ("in", "as") and tree.tokens[prep].head == head:
            return replace(main, type=PloverType.CONCEDE)
    return main


_VERBAL = frozenset(
    {PloverType.ACCUSE, PloverType.SUPPORT, PloverType.REJECT, PloverType.REQUEST, PloverType.THREATEN}
)


def _reaction(parse: Parse, main: Event, lexicon: EventLexicon) -> Event:
    """'condemned the bombing', 'welcomed the pact', 'threatened strikes': a happening named as the object
    of a verbal act (accuse, support, reject, request, threaten) is what the act is about; the sentence
    reports the act, so it takes the verb's type (the rules keep only the happening)."""
    tree = parse.tree
    head = tree.token_at(main.evidence.start)
    if tree.tokens[head].dep not in ("dobj", "nsubjpass") or tree.tokens[head].pos not in ("NOUN", "PROPN"):
        return main
    verb = tree.tokens[head].head
    if tree.tokens[verb].pos != "VERB":
        return main
    kinds = [t.type for t in lexicon.types if t.type in _VERBAL and parse.lemma(verb) in t.verbs]
    if len(kinds) != 1 or kinds[0] == main.type:
        return main
    return replace(main, type=kinds[0])


def typed_with_model(main: Event, features: list[str]) -> Event:
    """The rules' type, unless they found only a remark (STATEMENT): then the model's type."""
    if main.type != PloverType.STATEMENT:
        return main
    probabilities = load_plover_model().probabilities(features)
    best = max(probabilities, key=probabilities.__getitem__)
    return replace(main, type=PloverType(best))


def _complement(parse: Parse, main: Event, events: list[Event]) -> Event:
    """'vowed to attack': a commissive verb is typed by what it commits to (THREATEN, not AGREE)."""
    tree, head = parse.tree, parse.tree.token_at(main.evidence.start)
    if main.type != PloverType.AGREE or parse.lemma(head) not in load_lexicon().commissive:
        return main  # 'threatened to deliver blows' stays a threat
    typed = [e for e in events if e.type != PloverType.STATEMENT]
    for event in typed:
        token = tree.tokens[tree.token_at(event.evidence.start)]
        if token.dep == "xcomp" and token.head == head:
            return event
    for event in (e for e in typed if e.type in _THREATENABLE):  # 'vowed to step up its attacks'
        node = tree.token_at(event.evidence.start)
        chain = [node, *tree.ancestors(node)]
        cut = next((k for k, n in enumerate(chain) if tree.tokens[n].head == head and n != head), None)
        if cut is not None and tree.tokens[chain[cut]].dep == "xcomp" and cut <= 2:
            return event
    return main


_PROMISABLE = frozenset(
    {PloverType.SUPPORT, PloverType.AID, PloverType.CONCEDE, PloverType.RETREAT, PloverType.COOPERATE}
)
_THREATENABLE = frozenset(
    {PloverType.SANCTION, PloverType.COERCE, PloverType.ASSAULT, PloverType.PROTEST, PloverType.REJECT}
)


def _typed_by_modality(parse: Parse, event: Event, cues: ClaimCues) -> Event:
    """PLOVER codes what an actor says it will do: a promised good is AGREE, a promised harm is THREATEN,
    and what someone says another must do is REQUEST."""
    head = parse.tree.token_at(event.evidence.start)
    modality = detect_modality(parse, head, cues)
    if modality.modal in ("must", "should") or "must" in _aux_lemmas(parse, head):
        return replace(event, type=PloverType.REQUEST)
    refusable = _PROMISABLE | {PloverType.AGREE, PloverType.CONSULT}
    refused = _refused(parse, head) or (modality.negated and _committed(parse, head, cues))
    if event.type in refusable and refused:  # 'refused to meet', 'will not negotiate'
        return replace(event, type=PloverType.REJECT)
    conditional = modality.hypothetical and modality.modal is not None  # 'may halt talks if ...'
    if event.aspect != "expected" and not conditional and not _committed(parse, head, cues):
        return event
    if event.type in _PROMISABLE:
        return replace(event, type=PloverType.AGREE)
    if event.type in _THREATENABLE:
        return replace(event, type=PloverType.THREATEN)
    return event


def _committed(parse: Parse, head: int, cues: ClaimCues) -> bool:
    """Said to be done later: 'will/would X', 'is going to X', or X under a commissive verb
    ('vowed to X', 'threatened to X'), following xcomp links only ('tried to X' is the act itself)."""
    tree, commissive = parse.tree, load_lexicon().commissive
    node = next((n for n in [head, *tree.ancestors(head)][:3] if tree.tokens[n].pos in ("VERB", "AUX")), None)
    for _ in range(3):
        if node is None:
            return False
        auxes = {parse.lemma(a) for a in tree.kids(node, "aux")}
        if auxes & (cues.future_aux | {"would"}):
            return True
        if not (tree.tokens[node].dep == "xcomp" or (tree.tokens[node].dep == "advcl" and "to" in auxes)):
            return False
        node = tree.tokens[node].head
        if parse.lemma(node) in commissive or (parse.lemma(node) == "go" and tree.tokens[node].tag == "VBG"):
            return True
    return False


def _refused(parse: Parse, head: int) -> bool:
    """'failed to reach agreement', 'refused to meet': the trigger completes a refusal verb."""
    token = parse.tree.tokens[head]
    return token.dep == "xcomp" and parse.lemma(token.head) in load_lexicon().refusal


def _aux_lemmas(parse: Parse, head: int) -> set[str]:
    nodes = [head, *parse.tree.ancestors(head)[:2]]
    return {parse.lemma(a) for n in nodes for a in parse.tree.kids(n, "aux")}


def classify_article(annotated: AnnotatedArticle, chooser: bool = CHOOSER) -> Event | None:
    """The main event of a short text (a snippet or one-sentence record): the first sentence with a
    non-STATEMENT main event, else the first STATEMENT."""
    found = [
        e for s in annotated.sentences if (e := classify_sentence(annotated, s.index, chooser)) is not None
    ]
    typed = [e for e in found if e.type != PloverType.STATEMENT]
    return (typed or found)[0] if found else None


def _priority(lexicon: EventLexicon, type_: PloverType) -> int:
    return next((t.priority for t in lexicon.types if t.type == type_), 0)
