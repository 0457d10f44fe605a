"""States a sentence names that take no part in its joint event: the city a pact is signed in, the
country whose border or coast a drill is held near."""

from __future__ import annotations

from newsift.extract.events.actors import actors_at
from newsift.extract.events.lexicon import load_lexicon
from newsift.extract.parse import Parse

__all__ = ["named_for_a_place", "pact_venues"]

# place nouns a state's name can qualify without making it a party: 'near the Polish border'
_EDGES = frozenset({"border", "frontier", "boundary", "coast", "coastline", "waters", "airspace", "shore"})


def named_for_a_place(parse: Parse, sentence: int) -> set[str]:
    """Codes that the sentence names only as the qualifier of a border, coast or airspace."""
    tree = parse.tree
    tokens = parse.sentence_tokens(sentence)
    edge: set[str] = set()
    other: set[str] = set()
    for mention in parse.mentions_in(tokens[0], tokens[-1]):
        code = parse.code_of(mention)
        if not code:
            continue
        head = tree.token_at(mention.start)
        while tree.tokens[head].head != head and mention.start <= tree.tokens[head].head < mention.end:
            head = tree.tokens[head].head
        token = tree.tokens[head]
        on_edge = token.dep in ("amod", "compound", "poss", "nmod") and parse.lemma(token.head) in _EDGES
        (edge if on_edge else other).add(code)
    return edge - other


def pact_venues(parse: Parse, head: int) -> set[str | None]:
    """Where a pact is signed: the places after 'in' or 'at' on its noun and on the verb it is the
    object of ('renewed their framework in Kuala Lumpur')."""
    tree = parse.tree
    holders = [head]
    if tree.tokens[head].dep in ("dobj", "nsubjpass"):
        holders.append(tree.tokens[head].head)
    return {
        a.code
        for h in holders
        for p in tree.kids(h, "prep")
        if parse.lemma(p) in ("in", "at")
        for o in tree.kids(p, "pobj")
        for a in actors_at(parse, o, load_lexicon())
        if a.code
    }
