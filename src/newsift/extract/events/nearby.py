"""Whether context words stand near a trigger: in its own phrase, or in the clause of its verb."""

from __future__ import annotations

from newsift.extract.parse import Parse
from newsift.extract.syntax import singular
from newsift.model import EntityKind

__all__ = ["holder_states", "words_near"]


def words_near(parse: Parse, head: int, words: frozenset[str], *, clause: bool) -> bool:
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
    lemmas |= {singular(w) for w in lemmas}  # 'Soldiers' opening a sentence, tagged a name, keeps its plural
    return bool(lemmas & words)


def holder_states(parse: Parse, head: int) -> set[str]:
    """The countries that act the trigger noun: the subject of the verb it is the object of ('Moscow and
    Minsk will stage manoeuvres', 'Seoul and Washington kicked off their exercise'), as ISO codes; a
    city that is a capital counts as its country, a firm or unit of a country does not."""
    tree = parse.tree
    verb = head
    for _ in range(3):  # 'stage manoeuvres', 'take part in drills', 'began a week of drills'
        if tree.tokens[verb].pos in ("VERB", "AUX") or tree.tokens[verb].dep == "ROOT":
            break
        verb = tree.tokens[verb].head
    if tree.tokens[verb].pos not in ("VERB", "AUX"):
        return set()
    codes: set[str] = set()
    for subject in tree.kids(verb, "nsubj"):
        for mention in parse.mentions_in(tree.left[subject], tree.right[subject]):
            if parse.kind_of(mention) == EntityKind.COUNTRY and (code := parse.code_of(mention)):
                codes.add(code)
    return codes
