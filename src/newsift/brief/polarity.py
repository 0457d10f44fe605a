"""Opposite changes: a question asking when rates were raised is not answered by a sentence telling of a
cut. Pairs of general verbs of change, each side as its inflected forms."""

from __future__ import annotations

import re

__all__ = ["opposes"]

# Each pair: (one direction, the other). Forms are whole words, lower case.
_PAIRS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(up.split()), frozenset(down.split()))
    for up, down in (
        (
            "raise raises raised raising increase increases increased increasing hike hikes hiked "
            "lift lifts lifted rise rises rose risen rising",
            "cut cuts cutting lower lowers lowered lowering reduce reduces reduced reducing decrease "
            "decreases decreased decreasing slash slashes slashed fall falls fell fallen falling",
        ),
        ("open opens opened opening", "close closes closed closing shut shuts shutting"),
        ("win wins won winning", "lose loses lost losing"),
        ("approve approves approved approving", "reject rejects rejected rejecting"),
        ("hire hires hired hiring", "fire fires fired firing sack sacks sacked"),
    )
)
_WORD = re.compile(r"[a-z]+")


def opposes(question: str, sentence: str) -> bool:
    """True when the question asks for one side of a change and the sentence tells only of the other
    ('When will the bank raise rates?' against 'The bank cut its rate to 4.5%')."""
    asked = set(_WORD.findall(question.casefold()))
    held = set(_WORD.findall(sentence.casefold()))
    for one, other in _PAIRS:
        for wanted, opposite in ((one, other), (other, one)):
            if asked & wanted and not asked & opposite and held & opposite and not held & wanted:
                return True
    return False
