"""Who holds a claim: the subject that voices a cue ('X denied'), or the holder phrases modality found
('according to X', 'a report by Y'), as entity ids or, failing those, as written."""

from __future__ import annotations

from newsift.extract.claims.modality import Modality
from newsift.extract.parse import Parse
from newsift.model import Mention

__all__ = ["cue_holders", "holder_names", "np_text"]

NOT_HOLDERS = frozenset({"DATE", "CARDINAL", "ORDINAL", "TIME", "MONEY", "QUANTITY", "PERCENT"})


def cue_holders(parse: Parse, token: int | None) -> tuple[str, ...]:
    """Who voices a sentence's top cue (at ``token``): the subject of the nearest verb above it."""
    if token is None:
        return ()
    tree = parse.tree
    for node in [token, *tree.ancestors(token)][:4]:
        for subject in tree.kids(node, "nsubj"):
            first, last = tree.subtree(subject)
            mentions = [m for m in parse.mentions_in(first, last) if m.label not in NOT_HOLDERS]
            if not mentions and tree.tokens[subject].pos == "PRON":
                mentions = _antecedent(parse, subject)
            names = [m.entity_id or m.text for m in mentions] or [np_text(parse, subject)]
            return tuple(dict.fromkeys(n for n in names if n))
    return ()


def holder_names(parse: Parse, modality: Modality) -> tuple[str, ...]:
    """Entity ids (or names) in the holder phrases: 'the Defence Ministry', 'a report by Nordic Monitor'."""
    names: list[str] = []
    tree = parse.tree
    for holder in modality.holders:
        first, last = tree.subtree(holder)
        mentions = [m for m in parse.mentions_in(first, last) if m.label not in NOT_HOLDERS]
        named = [m for m in mentions if m.label in ("PERSON", "ORG")] or mentions
        if not named and tree.tokens[holder].pos == "PRON":
            named = _antecedent(parse, holder)
        names.extend([m.entity_id or m.text for m in named] or [np_text(parse, holder)])
    return tuple(dict.fromkeys(n for n in names if n))


def _antecedent(parse: Parse, pronoun: int) -> list[Mention]:
    """'she dismissed ...': the last person named before the pronoun (a salience guess)."""
    if parse.lemma(pronoun) not in ("he", "she"):
        return []
    start = parse.tree.tokens[pronoun].start
    people = [m for m in parse.annotated.mentions if m.label == "PERSON" and m.end <= start]
    return people[-1:]


def np_text(parse: Parse, head: int) -> str:
    tree = parse.tree
    first, last = tree.subtree(head, without=tree.kids(head, "relcl", "acl", "prep", "conj", "cc"))
    if tree.tokens[first].pos == "PRON" and first == last:
        return ""
    return parse.span_text(first, last)
