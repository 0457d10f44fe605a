"""Exercise names a report writes without the word 'exercise', and where such a name acts.

Drills carry names the gazetteer cannot all know; reports style them as a proper name with an edition
mark: a year ('Northern Shield 2025'), a hyphen and a year or numeral ('Harbour Guard-24',
'Steel Wall-III'), or a trailing number ('Desert Falcon 4'). Such a name counts as an exercise's name
only in a sentence that shows military matter (forces, weapons, military words), so a festival or a
trade fair of the same shape stays out. The name acts as an exercise when it runs ('began', 'was
held'), through an edition of it ('the 20th edition of X began'), or as what forces leave for.
"""

from __future__ import annotations

import re

from newsift.extract.events.lexicon import EventLexicon, armed_words
from newsift.extract.parse import Parse
from newsift.extract.syntax import singular
from newsift.model import EntityKind

__all__ = ["EDITIONS", "edition_verb", "styled_names"]

# an edition mark: a year, a two-digit year, a roman numeral or a small number, after a hyphen or alone
_MARK = re.compile(r"(?:19|20)\d\d|\d{1,2}|[IVX]{1,5}")
_JOINED = re.compile(r"(?P<name>[A-Z][A-Za-z]+)-(?P<mark>(?:19|20)\d\d|\d{2}|[IVX]{1,5})")
# nouns of one running of a named drill: 'the 20th edition of X', 'the second phase of X'
EDITIONS = frozenset({"edition", "round", "phase", "iteration", "leg", "stage", "version", "instalment"})
_NOT_DRILLS = frozenset({EntityKind.WEAPON_SYSTEM, EntityKind.COMPANY, EntityKind.COUNTRY, EntityKind.PERSON})


def styled_names(parse: Parse, lexicon: EventLexicon) -> set[str]:
    """Names with an edition mark written in sentences that show military matter."""
    found: set[str] = set()
    for sentence in parse.annotated.sentences:
        tokens = parse.sentence_tokens(sentence.index)
        names = _marked_names(parse, tokens) | _edition_names(parse, tokens)
        if names and _military(parse, tokens, lexicon) and not _gathering(parse, tokens):
            found |= names  # the sentence's words are read only where a name is
    return found


def _marked_names(parse: Parse, tokens: list[int]) -> set[str]:
    """Proper names ending in an edition mark: 'Harbour Guard-24', 'Steel Wall-III', 'Desert Falcon 4'."""
    found: set[str] = set()
    for k, i in enumerate(tokens):
        text = parse.text(i)
        if _JOINED.fullmatch(text) and not _known_other(parse, i):
            found.add(text)  # 'Harbour-24' as one token
            continue
        if not _MARK.fullmatch(text) or k < 1:
            continue
        before = tokens[:k]
        if before and parse.text(before[-1]) == "-":  # 'Steel Wall-III' split at its hyphen
            before = before[:-1]
        words: list[int] = []
        for j in reversed(before):
            if parse.tree.tokens[j].pos != "PROPN" or not parse.text(j)[:1].isupper():
                break
            words.insert(0, j)
        if words and not any(_known_other(parse, j) for j in words):
            found.add(parse.span_text(words[0], i))
    return found


def _edition_names(parse: Parse, tokens: list[int]) -> set[str]:
    """'the 12th edition of Northern Shield': the proper name an edition noun is of."""
    tree, found = parse.tree, set[str]()
    for i in tokens:
        if parse.lemma(i) not in EDITIONS:
            continue
        for prep in tree.kids(i, "prep"):
            for name in tree.kids(prep, "pobj"):
                first, last = tree.left[name], name
                while first < last and tree.tokens[first].pos != "PROPN":
                    first += 1  # 'of the X': the name starts at its first proper noun
                span = range(first, last + 1)
                if parse.lemma(prep) != "of" or any(tree.tokens[k].pos != "PROPN" for k in span):
                    continue
                if not any(_known_other(parse, k) for k in span):
                    found.add(parse.span_text(first, last))
    return found


def edition_verb(parse: Parse, head: int) -> int | None:
    """The verb an edition of the name is the subject of: 'the 20th edition of X began' gives 'began'."""
    tree = parse.tree
    prep = tree.tokens[head].head
    if tree.tokens[head].dep != "pobj" or parse.lemma(prep) != "of":
        return None
    noun = tree.tokens[prep].head
    if parse.lemma(noun) not in EDITIONS or tree.tokens[noun].dep not in ("nsubj", "nsubjpass"):
        return None
    return tree.tokens[noun].head


def _known_other(parse: Parse, i: int) -> bool:
    """Part of a name the gazetteer knows as something else than a drill (a weapon, a firm, a state);
    what only the tagger labelled (a drill's name read as a person's) does not count."""
    mention = parse.mention_at(i)
    if mention is None or ":" in (mention.entity_id or ":"):  # no gazetteer id, only a derived one
        return False
    return parse.kind_of(mention) in _NOT_DRILLS


# what a defence fair, summit or conference of the same name shape gathers ('IDEX 2025 opened with
# 1,200 exhibitors'): a sentence with one of these is no drill's
_GATHERINGS = frozenset(
    {"fair", "show", "expo", "exhibition", "exhibitor", "exhibit", "display", "summit", "conference", "forum",
     "dialogue", "symposium", "congress", "firm", "company", "visitor", "delegate", "delegation", "stand",
     "festival", "games", "tournament", "championship", "race", "marathon", "cup", "award", "concert"}
)  # fmt: skip


def _gathering(parse: Parse, tokens: list[int]) -> bool:
    return any(parse.lemma(i) in _GATHERINGS or singular(parse.lemma(i)) in _GATHERINGS for i in tokens)


def _military(parse: Parse, tokens: list[int], lexicon: EventLexicon) -> bool:
    """Forces or weapons named: 'attack' or 'defence' alone is a sports report's word too."""
    words = armed_words(lexicon)
    return any(parse.lemma(i) in words or singular(parse.lemma(i)) in words for i in tokens)
