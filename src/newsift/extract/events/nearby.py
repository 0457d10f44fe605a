"""Whether context words stand near a trigger: in its own phrase, or in the clause of its verb."""

from __future__ import annotations

from newsift.extract.parse import Parse
from newsift.extract.syntax import singular

__all__ = ["words_near"]


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
