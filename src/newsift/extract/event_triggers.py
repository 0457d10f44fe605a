"""Trigger finding: which tokens of a sentence name an event, of which PLOVER type and defence subtype.

Lemma lexicon plus dependency checks (items, military context); no attributes or status here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.extract.event_attributes import item_heads, item_phrase, tree_distance
from newsift.extract.event_lexicon import DefenceTriggers, EventLexicon, TypeTriggers
from newsift.extract.event_parse import Parse
from newsift.model import EntityKind, EventMode, PloverType

__all__ = ["Trigger", "find_triggers", "product_tokens"]

_NAME_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "FAC", "EVENT", "PRODUCT"})
_SALE_WORDS = frozenset({"export", "sale", "deal", "transfer", "shipment", "delivery", "supply", "import"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token (``head``) and the tokens that name an event with it, typed and possibly subtyped."""

    head: int
    tokens: tuple[int, ...]
    type: PloverType
    mode: EventMode
    priority: int
    subtype: str | None = None
    defence: DefenceTriggers | None = None


def product_tokens(parse: Parse, tokens: Sequence[int]) -> set[int]:
    """Tokens inside mentions of weapon systems (resolved) or NER products."""
    found: set[int] = set()
    for i in tokens:
        mention = parse.mention_at(i)
        if mention is not None and (
            mention.label == "PRODUCT" or parse.kind_of(mention) == EntityKind.WEAPON_SYSTEM
        ):
            found.add(i)
    return found


def find_triggers(parse: Parse, tokens: Sequence[int], lexicon: EventLexicon) -> list[Trigger]:
    """All triggers of one sentence: defence subtypes first, then general PLOVER types."""
    products = product_tokens(parse, tokens)
    in_items = _item_tokens(parse, tokens, lexicon, products) | _name_tokens(parse, tokens)
    found: list[Trigger] = []
    used: set[int] = set()
    reserved = _valid_defence_words(parse, tokens, lexicon, in_items, products)
    for phrases_only in (True, False):
        for spec in lexicon.defence:
            matches = _matches(parse, tokens, spec, in_items, phrases_only=phrases_only, adjectival=True)
            for match in matches:
                if not used.intersection(match) and _defence_ok(parse, match[0], spec, lexicon, products):
                    found.append(_defence_trigger(match, spec))
                    used.update(match)
        for general in lexicon.types:
            for match in _matches(parse, tokens, general, in_items, phrases_only=phrases_only):
                if not used.intersection(match) and not (phrases_only and reserved.intersection(match)):
                    found.append(_general_trigger(match, general))
                    used.update(match)
    return sorted(found, key=lambda t: t.head)


def _valid_defence_words(
    parse: Parse, tokens: Sequence[int], lexicon: EventLexicon, blocked: set[int], products: set[int]
) -> set[int]:
    """Defence nouns that pass their checks: a general phrase ('sign ... agreement') never takes them
    ('signed a defence cooperation agreement' is a pact), while 'hunger strike' still can."""
    valid = set()
    for spec in lexicon.defence:
        for (i,) in _matches(parse, tokens, spec, blocked, phrases_only=False, adjectival=True):
            if parse.tree.tokens[i].pos != "VERB" and _defence_ok(parse, i, spec, lexicon, products):
                valid.add(i)
    return valid


def _defence_trigger(match: tuple[int, ...], spec: DefenceTriggers) -> Trigger:
    return Trigger(
        head=match[0],
        tokens=match,
        type=spec.type,
        mode=spec.mode,
        priority=10,
        subtype=spec.subtype,
        defence=spec,
    )


def _general_trigger(match: tuple[int, ...], spec: TypeTriggers) -> Trigger:
    return Trigger(head=match[0], tokens=match, type=spec.type, mode=spec.mode, priority=spec.priority)


def _name_tokens(parse: Parse, tokens: Sequence[int]) -> set[int]:
    """Tokens inside multi-word names ('Defence Acquisition Council'): a name is not an event."""
    inside = set()
    for i in tokens:
        mention = parse.mention_at(i)
        if mention is not None and mention.label in _NAME_LABELS and " " in mention.text:
            inside.add(i)
    return inside


def _item_tokens(parse: Parse, tokens: Sequence[int], lexicon: EventLexicon, products: set[int]) -> set[int]:
    """Tokens inside item phrases ('targeting pods'): they never trigger an event themselves."""
    inside: set[int] = set()
    for head in item_heads(parse, tokens, lexicon, products):
        first, last = item_phrase(parse, head)
        inside.update(range(first, last))
    return inside


def _matches(
    parse: Parse,
    tokens: Sequence[int],
    spec: DefenceTriggers | TypeTriggers,
    blocked: set[int],
    *,
    phrases_only: bool,
    adjectival: bool = False,
) -> list[tuple[int, ...]]:
    """Phrase matches first (head token first), then single verbs and nouns.

    Participles used as adjectives ('well equipped') only count when ``adjectival`` (defence verbs:
    'banned arms exports' is often parsed that way).
    """
    out: list[tuple[int, ...]] = []
    taken: set[int] = set()
    if phrases_only:
        for phrase in spec.phrases:
            for match in _phrase_matches(parse, tokens, phrase):
                if not taken.intersection(match):
                    out.append(match)
                    taken.update(match)
        return out
    verbs, nouns = spec.verbs, spec.nouns
    for i in tokens:
        if i in taken or i in blocked:
            continue
        token, lemma = parse.tree.tokens[i], _lemma(parse, i)
        if (
            token.pos == "VERB" and (adjectival or token.dep not in ("amod", "acomp")) and lemma in verbs
        ) or (token.pos in ("NOUN", "PROPN") and lemma in nouns):
            out.append((i,))
    return out


def _lemma(parse: Parse, i: int) -> str:
    lemma = parse.lemma(i)
    text = parse.text(i).lower()
    return text if "-" in text and lemma.replace("-", "") != text.replace("-", "") else lemma


def _phrase_matches(parse: Parse, tokens: Sequence[int], phrase: tuple[str, ...]) -> list[tuple[int, ...]]:
    """Contiguous lemma sequences; two-word phrases may also be tree-linked ('express ... solidarity')."""
    found = []
    n = len(phrase)
    for k, i in enumerate(tokens):
        window = list(tokens[k : k + n])
        if len(window) == n and [parse.lemma(j) for j in window] == list(phrase):
            found.append(_head_first(parse, tuple(window)))
        elif n == 2 and parse.lemma(i) == phrase[0]:
            for j in tokens:
                if j != i and parse.lemma(j) == phrase[1] and _linked(parse, i, j):
                    found.append(_head_first(parse, (i, j)))
    return found


def _linked(parse: Parse, a: int, b: int) -> bool:
    return (
        parse.tree.tokens[b].head == a
        or parse.tree.tokens[a].head == b
        or (parse.tree.tokens[parse.tree.tokens[b].head].head == a and tree_distance(parse, a, b) == 2)
    )


def _head_first(parse: Parse, match: tuple[int, ...]) -> tuple[int, ...]:
    """Put the phrase's syntactic head (the token whose head lies outside the phrase) first."""
    heads = [i for i in match if parse.tree.tokens[i].head not in match or parse.tree.tokens[i].head == i]
    verbs = [i for i in heads if parse.tree.tokens[i].pos == "VERB"]
    head = (verbs or heads or [match[0]])[0]
    return (head, *(i for i in match if i != head))


def _defence_ok(
    parse: Parse, head: int, spec: DefenceTriggers, lexicon: EventLexicon, products: set[int]
) -> bool:
    lemma = _lemma(parse, head)
    if spec.needs_item and not _has_item(parse, head, lexicon, products):
        return False
    if lemma not in spec.needs_context:
        return True
    if spec.subtype == "defence_pact":
        return _words_near(parse, head, lexicon.pact, clause=False)
    if spec.subtype == "export_ban":
        return _words_near(parse, head, _SALE_WORDS | {"arm", "arms", "weapon"}, clause=False)
    return _words_near(parse, head, lexicon.military | _strong(lexicon), clause=True)


def _strong(lexicon: EventLexicon) -> frozenset[str]:
    return lexicon.items - lexicon.weak_items


def _has_item(parse: Parse, head: int, lexicon: EventLexicon, products: set[int]) -> bool:
    """An item or military word in the trigger's object side (never its subject)."""
    scope = _object_scope(parse, head)
    heads = set(item_heads(parse, scope, lexicon, products))
    strong = [h for h in heads if _lemma(parse, h) not in lexicon.weak_items or h in products]
    return (
        bool(strong)
        or any(_lemma(parse, i) in lexicon.military for i in scope)
        or bool(heads and _words_near(parse, head, lexicon.military | _strong(lexicon), clause=True))
    )


def _object_scope(parse: Parse, head: int) -> list[int]:
    tree = parse.tree
    subjects = tree.kids(head, "nsubj", "nsubjpass", "poss") if tree.tokens[head].pos == "VERB" else []
    scope = [i for i in range(tree.left[head], tree.right[head] + 1) if i != head]
    for subject in subjects:
        if tree.tokens[subject].dep == "nsubjpass":
            continue
        scope = [i for i in scope if not tree.left[subject] <= i <= tree.right[subject]]
    if tree.tokens[head].dep in ("acl", "amod", "compound", "relcl"):
        owner = tree.tokens[head].head
        scope += list(range(tree.left[owner], owner + 1))
    if tree.tokens[head].pos == "NOUN" and tree.tokens[head].dep in ("dobj", "attr"):
        for prep in tree.kids(tree.tokens[head].head, "prep"):
            scope += list(range(tree.left[prep], tree.right[prep] + 1))
    return scope


def _words_near(parse: Parse, head: int, words: frozenset[str], *, clause: bool) -> bool:
    """Context words in the trigger's phrase, or (``clause``) in the clause of its governing verb."""
    tree = parse.tree
    root = head
    if tree.tokens[head].dep in ("compound", "amod", "nmod"):
        root = tree.tokens[head].head
    if clause:
        for node in [root, *tree.ancestors(root)][:4]:
            root = node
            if tree.tokens[node].pos in ("VERB", "AUX") and tree.tokens[node].dep not in ("acl", "amod"):
                break
    span = [i for i in range(tree.left[root], tree.right[root] + 1) if i != head]  # never the trigger itself
    lemmas = {parse.lemma(i) for i in span} | {parse.text(i).lower() for i in span}
    return bool(lemmas & words)
