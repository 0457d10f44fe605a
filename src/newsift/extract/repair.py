"""Repairs of parses the small English model gets wrong in a way the extractors cannot read round.

Verb-gerund-object misparses: in 'Chile denied selling rifles to Peru'
the model often reads 'selling' as a modifier of 'rifles' (an ``amod`` or ``compound``, as in 'selling
points'), so the sale disappears inside a noun phrase and its 'to' phrase hangs on 'denied'. When a
verb's direct object is led by an '-ing' word right after the verb (only adverbs between), the
'-ing' word is the verb's complement (``xcomp``) and the noun its object; 'to', 'from', 'with' and
'for' phrases of the verb after the noun move to the gerund.

Inverted attributions read as a second clause: in 'Chile has signed a deal for six jets, its maker
said on Monday, a week after ...' the model often makes 'said' a conjunct of 'signed' (no 'and'
between them) or its complement, so nothing reports the deal. A reporting verb that is such a conjunct of its
sentence's root, with its own subject right after a comma and no complement of its own, becomes the
root, and the clause before it its complement (``ccomp``).

Shifted recipients read as a modifier: in 'Britain sent Ukraine Storm Shadow missiles' the model
often makes 'Ukraine' a compound of 'missiles', so the recipient becomes part of the weapon's name. A
country's name (a place mention, not an abbreviation such as 'US', which writers use as a modifier)
that opens the object of a giving verb right after the verb, before more words of the object, is
the verb's indirect object (``dative``) when the verb has no recipient of its own.

Plural common nouns read as names: a paragraph often opens with a plural noun the model tags as a
plural proper noun ('Howitzers from X arrived', 'Soldiers took part'), which leaves it unlemmatised
and out of every noun test. Such a word, lower-case after its capital and covered by no mention, is a
plural common noun (``NOUN``, ``NNS``, its lemma without the '-s').

Pure: returns new records, never mutates its input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsift.extract.syntax import singular
from newsift.model import Token

__all__ = [
    "repair_gerunds",
    "repair_inverted_attributions",
    "repair_plural_openers",
    "repair_shifted_recipients",
]

_MOVING_PREPS = frozenset({"to", "from", "with", "for", "into"})
_KEEP_DOUBLE = frozenset("lsz")  # 'selling' -> 'sell', 'passing' -> 'pass'; 'shipping' -> 'ship'
_SILENT_E = frozenset("cdgkstvz")  # 'providing' -> 'provide', 'making' -> 'make', 'donating' -> 'donate'
_VOWELS = frozenset("aeiou")


def ing_lemma(word: str) -> str:
    """The verb an '-ing' form most likely comes from, by English spelling rules ('shipping' ->
    'ship', 'providing' -> 'provide', 'sending' -> 'send', 'supplying' -> 'supply')."""
    base = word.lower()[:-3]
    if len(base) < 2:
        return word.lower()
    if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in _VOWELS | _KEEP_DOUBLE:
        return base[:-1]
    if len(base) >= 3 and base[-1] in _SILENT_E and base[-2] in _VOWELS and base[-3] not in _VOWELS:
        return base + "e"
    if base.endswith(("ir", "ur", "eas", "ais", "aus", "ois")):  # 'acquire', 'procure', 'lease', 'raise'
        return base + "e"
    return base


def repair_gerunds(tokens: Sequence[Token], texts: Sequence[str]) -> tuple[Token, ...]:
    """The tokens with verb-gerund-object misparses rewired (see the module docstring)."""
    out = list(tokens)
    for g, token in enumerate(tokens):
        if token.dep not in ("amod", "compound") or not texts[g].lower().endswith("ing") or len(texts[g]) < 6:
            continue
        noun = token.head
        if not g < noun < len(tokens) or tokens[noun].dep != "dobj":
            continue
        verb = tokens[noun].head
        if not 0 <= verb < g or tokens[verb].pos not in ("VERB", "AUX"):
            continue
        if any(tokens[k].pos not in ("ADV", "PART") for k in range(verb + 1, g)):
            continue  # 'denied selling rifles', 'denied ever selling rifles' only
        lemma = token.lemma if token.lemma.lower() != texts[g].lower() else ing_lemma(texts[g])
        out[g] = replace(token, head=verb, dep="xcomp", pos="VERB", tag="VBG", lemma=lemma)
        out[noun] = replace(tokens[noun], head=g)
        for k in range(noun + 1, len(tokens)):
            if tokens[k].sentence != token.sentence:
                break
            moves = tokens[k].dep == "prep" and texts[k].lower() in _MOVING_PREPS
            if moves and tokens[k].head in (verb, noun):
                out[k] = replace(tokens[k], head=g)
    return tuple(out)


_COMPLEMENTS = frozenset({"ccomp", "dobj", "xcomp", "csubj"})
# a clause led by one of these is an adverbial the model hung on the verb as its complement
_ADVERBIAL_MARKS = frozenset({"after", "before", "when", "while", "as", "since", "because", "until"})


def repair_inverted_attributions(
    tokens: Sequence[Token], texts: Sequence[str], reporting: frozenset[str]
) -> tuple[Token, ...]:
    """The tokens with inverted attributions read as conjuncts rewired (see the module docstring);
    ``reporting`` holds the lemmas of reporting verbs."""
    out = list(tokens)
    children: dict[int, list[int]] = {}
    for k, token in enumerate(tokens):
        if token.head != k:
            children.setdefault(token.head, []).append(k)
    for s, token in enumerate(tokens):
        root = token.head
        if token.dep not in ("conj", "ccomp") or token.lemma.lower() not in reporting or not 0 <= root < s:
            continue
        if tokens[root].dep != "ROOT" or tokens[root].sentence != token.sentence:
            continue
        own = children.get(s, [])
        subjects = [k for k in own if tokens[k].dep == "nsubj" and k < s]
        if not subjects or any(_complement(tokens, children, texts, k) for k in own):
            continue
        first = min(k for k in [*own, s] if k <= s)
        first = min([first, *_subtree(children, subjects[0])])
        if first == 0 or texts[first - 1] != ",":
            continue
        if any(tokens[k].dep == "cc" and tokens[k].head in (root, s) for k in range(root + 1, s)):
            continue  # 'signed the deal and said ...': two acts
        out[s] = replace(token, head=s, dep="ROOT")
        out[root] = replace(tokens[root], head=s, dep="ccomp")
    return tuple(out)


_GIVING = frozenset(
    {"send", "give", "sell", "provide", "offer", "promise", "pledge", "hand", "lend", "loan", "ship", "grant"}
)


def repair_shifted_recipients(
    tokens: Sequence[Token], texts: Sequence[str], places: Sequence[tuple[int, int]]
) -> tuple[Token, ...]:
    """The tokens with shifted recipients read as compounds rewired (see the module docstring);
    ``places`` holds the inclusive token ranges of country and place mentions."""
    out = list(tokens)
    for first, last in places:
        verb = first - 1
        if verb < 0 or tokens[verb].pos != "VERB" or tokens[verb].lemma.lower() not in _GIVING:
            continue
        if texts[last].isupper() and len(texts[last]) <= 3:
            continue  # 'sent US jets': the abbreviation is an origin
        if tokens[last].dep != "compound":
            continue
        noun = tokens[last].head
        while tokens[noun].dep == "compound" and noun < tokens[noun].head:
            noun = tokens[noun].head  # 'Ukraine Patriot batteries': up the compounds to the object
        if not last < noun or tokens[noun].head != verb or tokens[noun].dep != "dobj":
            continue
        if any(t.head == verb and (t.dep in ("dative", "iobj") or t.lemma.lower() == "to") for t in tokens):
            continue
        if any(tokens[k].head != last for k in range(first, last)):
            continue  # the mention is not one phrase
        out[last] = replace(tokens[last], head=verb, dep="dative")
    return tuple(out)


def _complement(
    tokens: Sequence[Token], children: dict[int, list[int]], texts: Sequence[str], k: int
) -> bool:
    """Whether token k is what a verb reports ('said it would'), not a time clause read as one."""
    if tokens[k].dep not in _COMPLEMENTS:
        return False
    marks = [m for m in children.get(k, []) if tokens[m].dep == "mark"]
    return not any(texts[m].lower() in _ADVERBIAL_MARKS for m in marks)


def _subtree(children: dict[int, list[int]], node: int) -> list[int]:
    """Every token under a node (the node included)."""
    seen, stack = [node], [node]
    while stack:
        for k in children.get(stack.pop(), []):
            seen.append(k)
            stack.append(k)
    return seen


def repair_plural_openers(
    tokens: Sequence[Token], texts: Sequence[str], names: Sequence[tuple[int, int]]
) -> tuple[Token, ...]:
    """Sentence-opening plural 'proper nouns' that are no name (no mention covers them) become plural
    common nouns; ``names`` are the character spans of the article's mentions."""
    out = list(tokens)
    for i, token in enumerate(tokens):
        opening = i == 0 or tokens[i - 1].sentence != token.sentence or tokens[i - 1].pos == "SPACE"
        if (
            opening
            and token.tag == "NNPS"
            and texts[i][1:].islower()
            and not any(start <= token.start < end for start, end in names)
        ):
            out[i] = replace(token, pos="NOUN", tag="NNS", lemma=singular(texts[i].lower()))
    return tuple(out)
