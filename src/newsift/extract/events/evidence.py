"""Weapons of one country's make found with another party: evidence that they were supplied.

'UN experts found Iranian-made drones in the hands of the rebels', 'Chinese-built armoured vehicles
were seen with RSF fighters', 'the Turkish-made mortars were used by the militia': a weapon whose
origin is written on it ('X-made', 'X-built', 'X-supplied') and that a sentence places with a party
(in its hands, with it, used by it) went from the origin to that party. Only that shape: a weapon with
no origin written, a party of the origin's own country, or a weapon merely found somewhere names no
transfer.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsift.extract.events.actors import actors_at
from newsift.extract.events.attributes import item_heads
from newsift.extract.events.lexicon import EventLexicon
from newsift.extract.parse import Parse
from newsift.model import Actor

__all__ = ["Found", "found_with"]

_MADE = frozenset({"make", "build", "manufacture", "produce", "supply", "design"})
_SHOWING = frozenset(
    {"find", "see", "spot", "photograph", "film", "identify", "discover", "show", "seize", "capture",
     "recover", "document", "observe", "end", "turn"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Found:
    """One weapon found with a party: the origin participle, the item's head, the verb placing it,
    the origin's actors and the party's."""

    participle: int
    item: int
    verb: int
    origin: tuple[Actor, ...]
    party: tuple[Actor, ...]


def found_with(parse: Parse, tokens: list[int], lexicon: EventLexicon, products: set[int]) -> list[Found]:
    """Every weapon of a written origin that the sentence places with another party."""
    tree = parse.tree
    out = []
    for i in tokens:
        item = _made_item(parse, i, lexicon, products)
        if item is None:
            continue
        origin = tuple(a for a in actors_at(parse, i - 2, lexicon) if a.code)
        placed = _placed_with(parse, item, lexicon)
        if not origin or placed is None:
            continue
        verb, party = placed
        codes = {a.code for a in origin}
        party = tuple(a for a in party if a.code not in codes)
        if party and tree.tokens[verb].pos in ("VERB", "AUX"):
            out.append(Found(i, item, verb, origin, party))
    return out


def _made_item(parse: Parse, i: int, lexicon: EventLexicon, products: set[int]) -> int | None:
    """The weapon an origin participle ('Iranian-made') describes, or None."""
    tokens = parse.tree.tokens
    if parse.lemma(i) not in _MADE or tokens[i].tag != "VBN" or i < 2 or parse.text(i - 1) != "-":
        return None
    if not (tokens[i - 1].end == tokens[i].start and tokens[i - 2].end == tokens[i - 1].start):
        return None
    head = tokens[i].head
    if tokens[i].dep not in ("amod", "compound") or not item_heads(parse, [head], lexicon, products):
        return None
    return head


def _placed_with(parse: Parse, item: int, lexicon: EventLexicon) -> tuple[int, tuple[Actor, ...]] | None:
    """The verb that places the weapon with a party, and the party: 'found X in the hands of Y',
    'X were seen with Y', 'X were used by Y', 'X ended up with Y'."""
    tree = parse.tree
    token = tree.tokens[item]
    if token.dep not in ("dobj", "nsubjpass", "nsubj"):
        return None
    verb = token.head
    lemma = parse.lemma(verb)
    if lemma == "use" and token.dep == "nsubjpass":
        agents = [o for a in tree.kids(verb, "agent") for o in tree.kids(a, "pobj")]
        party = tuple(a for o in agents for a in actors_at(parse, o, lexicon) if a.code or a.id)
        return (verb, party) if party else None
    if lemma not in _SHOWING:
        return None
    for holder in (item, verb):
        for prep in tree.kids(holder, "prep"):
            for obj in tree.kids(prep, "pobj"):
                party = _holder(parse, prep, obj, lexicon)
                if party:
                    return verb, party
    return None


def _holder(parse: Parse, prep: int, obj: int, lexicon: EventLexicon) -> tuple[Actor, ...]:
    """'with Y' or 'in the hands of Y' (never 'in Y', a place)."""
    tree = parse.tree
    if parse.lemma(prep) == "with":  # 'with Hezbollah', 'with RSF fighters'
        heads = [obj, *tree.kids(obj, "compound", "amod", "poss")]
        return tuple(a for h in heads for a in actors_at(parse, h, lexicon) if a.code or a.id)
    if parse.lemma(prep) == "in" and parse.lemma(obj) in ("hand", "arsenal", "possession", "stock"):
        owners = [o for p in tree.kids(obj, "prep") if parse.lemma(p) == "of" for o in tree.kids(p, "pobj")]
        owners += tree.kids(obj, "poss")
        return tuple(a for o in owners for a in actors_at(parse, o, lexicon) if a.code or a.id)
    return ()
