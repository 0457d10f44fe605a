"""Negation, modality and source cues above a predicate: the status an event or claim gets, and why.

Reads the stored parse only. The nearest cue above the predicate decides (see docs/events.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsift.extract.claims.cues import ClaimCues, load_claim_cues
from newsift.extract.parse import Parse
from newsift.model import ClaimStatus

__all__ = ["Modality", "detect_modality"]

_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "acl", "relcl", "csubj", "pcomp", "conj", "parataxis"})
_ADJUNCT_DEPS = frozenset({"advcl", "relcl", "parataxis", "appos", "npadvmod"})
_VERB_CUES = (
    ("denial", ClaimStatus.DENIED),
    ("confirmation", ClaimStatus.CONFIRMED),
    ("allegation", ClaimStatus.ALLEGED),
    ("speculation", ClaimStatus.SPECULATED),
    ("nonfactive", ClaimStatus.SPECULATED),
    ("attribution", ClaimStatus.ATTRIBUTED),
)


@dataclass(frozen=True, slots=True)
class Modality:
    """What the words around a predicate say about it happening."""

    status: ClaimStatus = ClaimStatus.ASSERTED
    cue: str | None = None
    cue_token: int | None = None
    holders: tuple[int, ...] = ()
    hedges: tuple[str, ...] = ()
    negated: bool = False
    hypothetical: bool = False
    modal: str | None = None
    future: bool = False

    @property
    def is_realis(self) -> bool:
        """Did it happen, as far as the text's own voice goes (ignores who said so)."""
        return not (self.negated or self.hypothetical or self.modal or self.future) and self.status not in (
            ClaimStatus.DENIED,
            ClaimStatus.SPECULATED,
        )


@dataclass(slots=True)
class _Scan:
    negated: bool = False
    hypothetical: bool = False
    modal: str | None = None
    future: bool = False
    hedges: list[str] | None = None
    cue: tuple[int, ClaimStatus] | None = None
    cue_negated: bool = False


def detect_modality(parse: Parse, predicate: int, cues: ClaimCues | None = None) -> Modality:
    """Status cues governing the token ``predicate``: negation, modals, 'if', deny/allege/say above it."""
    cues = cues or load_claim_cues()
    scan = _Scan(hedges=[])
    chain = [predicate, *parse.tree.ancestors(predicate)]
    local = True
    governed = True
    for position, node in enumerate(chain):
        if position > 0 and scan.cue is None and governed:
            found = _cue_of(parse, node, cues)
            if found is not None:
                scan.cue = (node, found)
                _collect_hedges(parse, node, cues, scan)
                if _is_noun_cue(parse, node):
                    _upgrade(parse, chain[position + 1 :][:2], cues, scan)
                scan.cue_negated = _is_negated_cue(parse, scan.cue[0], cues)
                break
        if local:
            _scan_local(parse, node, cues, scan, predicate)
            _collect_hedges(parse, node, cues, scan)  # a hedge scopes over its own clause only
        dep = parse.tree.tokens[node].dep
        if dep in ("ccomp", "advcl", "relcl", "csubj", "parataxis") or _own_clause(parse, node):
            local = False
        if dep in _ADJUNCT_DEPS:
            governed = False
    if scan.cue is None:
        scan.cue = _according_to(parse, predicate) or _as_said(parse, chain, cues)
    return _decide(parse, predicate, scan, cues)


def _own_clause(parse: Parse, node: int) -> bool:
    """A conjoined clause with its own subject ('I don't call, and then you write') keeps its own polarity."""
    tree = parse.tree
    return tree.tokens[node].dep == "conj" and bool(tree.kids(node, "nsubj", "nsubjpass", "expl"))


def _upgrade(parse: Parse, above: list[int], cues: ClaimCues, scan: _Scan) -> None:
    """'denied claims that X': a denial or confirmation verb over a claim noun decides instead."""
    for node in above:
        found = _cue_of(parse, node, cues)
        if found in (ClaimStatus.DENIED, ClaimStatus.CONFIRMED):
            scan.cue = (node, found)
            _collect_hedges(parse, node, cues, scan)
            return


def _is_negated_cue(parse: Parse, node: int, cues: ClaimCues) -> bool:
    """'has not confirmed', 'never denied', 'declined to confirm': the cue itself is withheld."""
    tree = parse.tree
    for child in tree.children[node]:
        if tree.tokens[child].dep == "neg" or (
            parse.lemma(child) in cues.negators and tree.tokens[child].dep in ("advmod", "preconj")
        ):
            return True
    token = tree.tokens[node]
    return token.dep == "xcomp" and parse.lemma(token.head) in cues.counterfactual


def _is_noun_cue(parse: Parse, node: int) -> bool:
    return parse.tree.tokens[node].pos in ("NOUN", "PROPN")


def _cue_of(parse: Parse, node: int, cues: ClaimCues) -> ClaimStatus | None:
    lemma = parse.lemma(node)
    if parse.tree.tokens[node].pos not in ("VERB", "NOUN", "AUX", "ADJ"):
        return None
    if _phrase_at(parse, node, cues.denial_phrases):
        return ClaimStatus.DENIED
    for name, status in _VERB_CUES:
        if lemma in getattr(cues, name):
            if name == "attribution" and parse.tree.tokens[node].pos == "NOUN":
                continue
            return status
    return None


def _phrase_at(parse: Parse, node: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    lemmas = [parse.lemma(node), *(parse.lemma(k) for k in parse.tree.kids(node, "prt", "advmod"))]
    return any(p[0] == lemmas[0] and p[1] in lemmas[1:] for p in phrases)


def _scan_local(parse: Parse, node: int, cues: ClaimCues, scan: _Scan, predicate: int) -> None:
    """Negation, modals, conditionals and future marks on the predicate's own clause."""
    tree = parse.tree
    for child in tree.children[node]:
        token, lemma = tree.tokens[child], parse.lemma(child)
        if token.dep == "neg" or (lemma in cues.negators and token.dep in ("advmod", "det", "preconj")):
            scan.negated = True
        elif (token.dep == "mark" and lemma in cues.conditional_marks) or (
            token.dep == "advcl"
            and any(parse.lemma(m) in cues.conditional_marks for m in tree.kids(child, "mark"))
        ):
            scan.hypothetical = True
        elif token.dep in ("aux", "auxpass") and lemma in cues.speculative_modals:
            scan.modal = lemma
        elif token.dep == "aux" and lemma in cues.future_aux:
            scan.future = True
        elif token.dep in ("nsubj", "nsubjpass", "dobj") and _has_no_determiner(parse, child, cues):
            scan.negated = True
    if parse.lemma(node) in cues.counterfactual and node != tree.tokens[node].head:
        # 'failed to prevent X from selling': a counterfactual under another one cancels it out
        head = tree.tokens[node].head
        under = tree.tokens[node].dep == "xcomp" and parse.lemma(head) in cues.counterfactual
        over = any(parse.lemma(k) in cues.counterfactual for k in tree.kids(node, "xcomp"))
        if node == predicate:  # 'decided to stop sales' stops them; 'failed to stop sales' did not
            scan.negated = scan.negated or under
        elif not (under or over):  # 'failed to prevent X from selling': X sold
            scan.negated = True
    token = tree.tokens[node]
    if _past_necessity(parse, node):
        pass  # 'was able to land', 'had to pay': it happened
    elif token.dep == "xcomp" and parse.lemma(token.head) in cues.plan_verbs | cues.nonfactive:
        scan.future = True  # 'wants to buy', 'plans to sign': not (yet) happened
    elif _bare_infinitive(parse, node, cues):
        scan.future = True  # 'what to do', 'a plan to buy': only implicatives ('managed to') entail it
    if _under_imperative(parse, node):
        scan.hypothetical = True  # an imperative: 'Call them today', 'write and let me know'


_IMPERATIVE_LINKS = frozenset({"conj", "xcomp"})
_CAUSATIVES = frozenset({"let", "make", "help", "have"})


def _is_imperative(parse: Parse, node: int) -> bool:
    tree = parse.tree
    token = tree.tokens[node]
    return token.tag == "VB" and not tree.kids(node, "nsubj", "nsubjpass", "aux", "auxpass", "expl", "mark")


def _under_imperative(parse: Parse, node: int) -> bool:
    """The predicate is an imperative, or hangs from one through a conjunct, a complement or a
    causative ('please write and let me know'): what is asked for has not happened."""
    tree = parse.tree
    for _ in range(4):
        token = tree.tokens[node]
        if token.dep == "ROOT":
            return _is_imperative(parse, node)
        own_subject = bool(tree.kids(node, "nsubj", "nsubjpass"))
        head = token.head
        linked = (token.dep in _IMPERATIVE_LINKS and not own_subject) or (
            token.dep == "ccomp" and parse.lemma(head) in _CAUSATIVES
        )
        if not linked:
            return False
        node = head
    return False


def _past_necessity(parse: Parse, node: int) -> bool:
    """'was able to X', 'had to X', 'managed to X' in the past: the complement happened."""
    tree = parse.tree
    token = tree.tokens[node]
    if token.dep != "xcomp" or parse.lemma(token.head) not in ("able", "have"):
        return False
    head = token.head
    verbs = [head, *tree.kids(head, "cop", "aux")]
    if tree.tokens[head].dep == "acomp":
        verbs.append(tree.tokens[head].head)
    past = any(tree.tokens[v].tag in ("VBD", "VBN") for v in verbs)
    return past and not any(parse.lemma(a) in _NOT_PAST for v in verbs for a in tree.kids(v, "aux"))


_NOT_PAST = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall"})


def _bare_infinitive(parse: Parse, node: int, cues: ClaimCues) -> bool:
    tree = parse.tree
    if not any(parse.lemma(a) == "to" for a in tree.kids(node, "aux")):
        return False
    head = tree.tokens[node].head
    return head == node or parse.lemma(head) not in cues.implicative


def _has_no_determiner(parse: Parse, noun: int, cues: ClaimCues) -> bool:
    """'no arms were delivered': a negative determiner on a core argument negates the clause."""
    return any(parse.lemma(d) in ("no", "neither") for d in parse.tree.kids(noun, "det")) or (
        parse.lemma(noun) in ("nothing", "nobody", "none") and parse.tree.tokens[noun].dep != "dobj"
    )


def _collect_hedges(parse: Parse, node: int, cues: ClaimCues, scan: _Scan) -> None:
    assert scan.hedges is not None
    for child in parse.tree.kids(node, "advmod", "amod"):
        lemma = parse.lemma(child)
        if (lemma in cues.hedges or parse.text(child).lower() in cues.hedges) and lemma not in scan.hedges:
            scan.hedges.append(parse.text(child).lower())


def _rumour_says(parse: Parse, verb: int, cues: ClaimCues) -> bool:
    """The source of an attribution is a rumour or speculation, not a party ('Rumours say ...')."""
    return any(parse.lemma(s) in cues.speculation for s in parse.tree.kids(verb, "nsubj"))


def _according_to(parse: Parse, predicate: int) -> tuple[int, ClaimStatus] | None:
    sentence = parse.tree.tokens[predicate].sentence
    for i in parse.sentence_tokens(sentence):
        if parse.lemma(i) == "accord" and i + 1 < len(parse.texts) and parse.lemma(i + 1) == "to":
            return i, ClaimStatus.ATTRIBUTED
    return None


def _as_said(parse: Parse, chain: list[int], cues: ClaimCues) -> tuple[int, ClaimStatus] | None:
    """'As the minister explained, the jets will come from X': a speech clause opened by 'as' that
    hangs on the predicate's clause attributes it, like 'according to'."""
    tree = parse.tree
    for node in chain:
        for clause in tree.kids(node, "advcl"):
            marked = any(parse.lemma(m) == "as" for m in tree.kids(clause, "mark"))
            if marked and parse.lemma(clause) in cues.attribution and tree.kids(clause, "nsubj"):
                return clause, ClaimStatus.ATTRIBUTED
    return None


def _decide(parse: Parse, predicate: int, scan: _Scan, cues: ClaimCues) -> Modality:
    hedges = tuple(scan.hedges or ())
    status, cue, cue_token = ClaimStatus.ASSERTED, None, None
    holders: tuple[int, ...] = ()
    if scan.cue is not None:
        cue_token, status = scan.cue
        cue = _cue_text(parse, cue_token, hedges)
        holders = _holders(parse, cue_token)
        if scan.cue_negated:  # a withheld confirmation or denial leaves the claim unconfirmed
            status, cue = ClaimStatus.SPECULATED, f"not {cue}"
        elif status == ClaimStatus.ATTRIBUTED and _rumour_says(parse, cue_token, cues):
            status = ClaimStatus.SPECULATED  # 'rumours say', 'speculation suggests': no one vouches
    hinted = [cues.hint(h) for h in hedges]
    if status in (ClaimStatus.ASSERTED, ClaimStatus.ATTRIBUTED):
        for hint in ("alleged", "speculated", "attributed"):
            if hint in hinted and not (hint == "attributed" and status == ClaimStatus.ATTRIBUTED):
                status, cue = ClaimStatus(hint), cue or hedges[hinted.index(hint)]
                break
    if status == ClaimStatus.ASSERTED and (scan.modal or _is_question(parse, predicate)):
        status, cue = ClaimStatus.SPECULATED, scan.modal or "?"
    return Modality(
        status=status,
        cue=cue,
        cue_token=cue_token,
        holders=holders,
        hedges=hedges,
        negated=scan.negated,
        hypothetical=scan.hypothetical,
        modal=scan.modal,
        future=scan.future,
    )


def _cue_text(parse: Parse, cue_token: int, hedges: tuple[str, ...]) -> str:
    words = [
        parse.text(k).lower() for k in parse.tree.kids(cue_token, "advmod") if parse.text(k).lower() in hedges
    ]
    if parse.lemma(cue_token) == "accord":
        return "according to"
    return " ".join([*words, parse.text(cue_token)])


def _holders(parse: Parse, cue_token: int) -> tuple[int, ...]:
    """Who holds the cue: the subject of a cue verb, the 'by' agent, or the object of 'according to'."""
    tree = parse.tree
    if parse.lemma(cue_token) == "accord":
        to = cue_token + 1
        return tuple(tree.kids(to, "pobj"))
    subjects = tree.kids(cue_token, "nsubj")  # a passive subject is the accused, never the accuser
    agents = [p for a in tree.kids(cue_token, "agent") for p in tree.kids(a, "pobj")]
    if tree.tokens[cue_token].pos == "NOUN":
        agents += [
            p for a in tree.kids(cue_token, "prep") if parse.lemma(a) == "by" for p in tree.kids(a, "pobj")
        ]
    if not subjects and tree.tokens[cue_token].dep in _CLAUSE_DEPS:
        subjects = tree.kids(tree.tokens[cue_token].head, "nsubj")
    return tuple(agents or subjects)


def _is_question(parse: Parse, predicate: int) -> bool:
    """A yes/no question about the predicate itself ('Did Turkey deliver the drones?'): its verb is the
    root and an auxiliary opens the sentence. Wh-questions ('How did they pay?') presuppose the event."""
    tree = parse.tree
    tokens = parse.sentence_tokens(tree.tokens[predicate].sentence)
    if not tokens or parse.text(tokens[-1]) != "?" or tree.tokens[predicate].dep != "ROOT":
        return False
    first = tokens[0]
    if tree.tokens[first].pos == "AUX" and tree.tokens[first].head == predicate:
        return True
    # 'Where do we vote?', 'Who will pay?': a question about what is not past asks, it does not tell
    return any(
        tree.tokens[a].tag in ("VBP", "VBZ", "MD") and parse.lemma(a) != "be"
        for a in tree.kids(predicate, "aux")
    )
