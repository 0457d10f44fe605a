"""The status of a sentence's claims, by the precedence of the defence README:
denied > alleged > speculated > confirmed > planned > attributed > asserted.

A sentence takes the top status among the cues it holds (the cue recorded as written):

- **denied**: a denial verb (deny, refute, rebut, ...); 'reject' / 'dismiss' / 'dispute' only with
  a report-like object ('rejected the claims', 'dismissed a newspaper report') or a that-clause;
  a report called baseless, groundless, unfounded, fabricated, false, untrue, inaccurate or
  misleading;
- **alleged**: allege, accuse, allegedly, alleged, an allegation or accusation;
- **speculated**: hedges ('reportedly', 'purportedly', 'possibly', 'probably', 'likely', 'possible'),
  speculative modals (may, might, could), 'is said to', 'is believed to', 'in talks to';
- **confirmed**: confirm, verify, acknowledge, admit (not negated).

``planned`` and ``attributed`` come from the event's own aspect and cue verbs (``event_modality``).
"""

from __future__ import annotations

from newsift.extract.claims.cues import load_claim_cues
from newsift.extract.parse import Parse
from newsift.model import ClaimStatus

__all__ = ["PRECEDENCE", "SentenceCues", "sentence_status", "top_status"]

PRECEDENCE = (
    ClaimStatus.DENIED,
    ClaimStatus.ALLEGED,
    ClaimStatus.SPECULATED,
    ClaimStatus.CONFIRMED,
    ClaimStatus.PLANNED,
    ClaimStatus.ATTRIBUTED,
    ClaimStatus.ASSERTED,
)
_RANK = {s: k for k, s in enumerate(PRECEDENCE)}
_DENY = frozenset({"deny", "refute", "rebut", "repudiate", "debunk", "disown", "denial", "rebuttal"})
_DENY_IF_REPORT = frozenset({"reject", "dismiss", "dispute", "contradict", "discount", "slam", "call"})
# What a report is called ('the claim', 'the story'), and the words a denial can reject besides.
_REPORT_NOUNS = load_claim_cues().report_nouns | {
    "idea", "notion", "assertion", "article", "account", "statement", "finding"
}  # fmt: skip
_FALSE = frozenset(
    {
        "baseless",
        "groundless",
        "unfounded",
        "fabricated",
        "false",
        "untrue",
        "inaccurate",
        "misleading",
        "incorrect",
        "fake",
        "bogus",
        "fictitious",
        "unsubstantiated",
        "speculative",
        "absurd",
    }
)
_ALLEGE = frozenset({"allege", "accuse", "allegedly", "alleged", "allegation", "accusation"})
_CLAIM_VERBS = frozenset({"claim", "purport"})  # 'the group claimed that ...': a contested report
_HEDGES = frozenset(
    {
        "reportedly",
        "purportedly",
        "possibly",
        "probably",
        "likely",
        "possible",
        "perhaps",
        "maybe",
        "supposedly",
        "rumoured",
        "rumored",
        "unconfirmed",
        "apparently",
        "presumably",
        "potential",
        "potentially",
    }
)
_SPEC_MODALS = frozenset({"may", "might", "could"})
_SAID_TO = frozenset({"say", "believe", "think", "rumour", "rumor", "understand", "suspect"})
_CONFIRM = frozenset({"confirm", "verify", "acknowledge", "admit"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})


def top_status(*statuses: ClaimStatus | None) -> ClaimStatus:
    """The first of ``statuses`` in the precedence order (asserted when none is given)."""
    present = [s for s in statuses if s is not None]
    return min(present, key=_RANK.__getitem__) if present else ClaimStatus.ASSERTED


def sentence_status(parse: Parse, tokens: list[int]) -> tuple[ClaimStatus | None, str | None, int | None]:
    """The top cue status of a sentence, the cue as written and its token (None when it has none)."""
    found: list[tuple[ClaimStatus, int]] = []
    anchors: dict[int, int] = {}  # a cue whose scope is another token's: a leaked memo's verb
    tree = parse.tree
    for i in tokens:
        lemma, word = parse.lemma(i), parse.text(i).lower()
        if (
            lemma in _DENY
            or (lemma in _DENY_IF_REPORT and _about_report(parse, i))
            or (word in _FALSE and _said_of_report(parse, i, tokens))
        ):
            found.append((ClaimStatus.DENIED, i))
        elif (
            lemma in _ALLEGE
            or word in _ALLEGE
            or (lemma in _CLAIM_VERBS and tree.tokens[i].pos == "VERB")
            or _imputed(parse, i, tokens, anchors)
        ):
            found.append((ClaimStatus.ALLEGED, i))
        elif (
            word in _HEDGES
            or (lemma in _SPEC_MODALS and tree.tokens[i].tag == "MD")
            or (lemma in _SAID_TO and tree.tokens[i].tag == "VBN" and _passive_to(parse, i))
            or (lemma == "talk" and any(parse.lemma(h) == "in" for h in [tree.tokens[i].head]))
        ):
            found.append((ClaimStatus.SPECULATED, i))
        elif lemma in _CONFIRM and not _negated(parse, i):
            found.append((ClaimStatus.CONFIRMED, i))
    if not found:
        return None, None, None
    status, token = min(found, key=lambda f: (_RANK[f[0]], f[1]))
    return status, parse.text(token), anchors.get(token, token)


_CONCEALED = frozenset({"secretly", "covertly", "clandestinely", "illicitly"})
_REPORTING = load_claim_cues().attribution | {"according", "suggest"}
_LEAKS = frozenset(
    {"report", "document", "documents", "memo", "cable", "intelligence", "assessment", "files", "email"}
)
_NAMING = frozenset({"name", "identify", "list", "single", "cite", "flag"})


def _imputed(parse: Parse, i: int, tokens: list[int], anchors: dict[int, int]) -> bool:
    """An act put on a party by others, not asserted by the reporter: a concealed act in reported speech
    ('the paper reported that X secretly shipped ...'), the content of a leak ('a leaked memo shows ...'),
    a party named as the doer ('X was named as having sent ...'). ``anchors`` gets the token whose
    clause a cue bears on when that is not the cue's own.
    """
    tree = parse.tree
    word = parse.text(i).lower()
    if word in _CONCEALED:
        return any(parse.lemma(j) in _REPORTING for j in tokens if j != i)
    if word == "leaked":
        source = tree.tokens[i].head
        if tree.tokens[i].dep not in ("amod", "compound") or parse.lemma(source) not in _LEAKS:
            return False
        if (
            tree.tokens[source].dep == "nsubj"
        ):  # 'a leaked memo shows that ...': the cue bears on what it shows
            anchors[i] = tree.tokens[source].head
        return True
    if parse.lemma(i) in _NAMING and tree.tokens[i].tag == "VBN" and tree.kids(i, "auxpass"):
        return any(
            parse.lemma(p) == "as"
            and any(
                parse.text(a).lower() == "having" for c in tree.kids(p, "pcomp") for a in tree.kids(c, "aux")
            )
            for p in tree.kids(i, "prep")
        )
    return False


def _about_report(parse: Parse, verb: int) -> bool:
    tree = parse.tree
    for child in tree.kids(verb, "dobj", "ccomp", "nsubjpass"):
        if tree.tokens[child].dep == "ccomp" or parse.lemma(child) in _REPORT_NOUNS:
            return True
        if any(parse.lemma(c) in _REPORT_NOUNS for c in tree.kids(child, "compound")):
            return True
    return False


def _said_of_report(parse: Parse, adjective: int, tokens: list[int]) -> bool:
    """'a report the ministry called baseless', 'these accusations are unfounded', 'calling it false'."""
    lemmas = {parse.lemma(i) for i in tokens}
    return bool(lemmas & (_REPORT_NOUNS | {"call", "describe", "term", "brand", "say"}))


def _passive_to(parse: Parse, verb: int) -> bool:
    """'is said to be', 'are believed to have sent'."""
    tree = parse.tree
    return bool(tree.kids(verb, "auxpass")) and any(
        parse.lemma(a) == "to" for x in tree.kids(verb, "xcomp") for a in tree.kids(x, "aux")
    )


_WITHHELD = frozenset({"refuse", "decline", "fail", "unable", "reluctant", "neither"})


def _negated(parse: Parse, verb: int) -> bool:
    """'did not confirm', 'refused to confirm', 'declined to confirm': a confirmation withheld."""
    tree = parse.tree
    if any(parse.lemma(c) in _NEGATORS for c in tree.kids(verb, "neg")):
        return True
    return any(parse.lemma(a) in _WITHHELD for a in tree.ancestors(verb)[:2])


Cue = tuple[ClaimStatus | None, str | None, int | None]


class SentenceCues:
    """The top cue of each sentence of one article, read once however many claims a sentence has."""

    def __init__(self, parse: Parse) -> None:
        self._parse = parse
        self._read: dict[int, Cue] = {}

    def __call__(self, sentence: int) -> Cue:
        if sentence not in self._read:
            self._read[sentence] = sentence_status(self._parse, self._parse.sentence_tokens(sentence))
        return self._read[sentence]
