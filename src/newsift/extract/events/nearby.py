"""Whether context words stand near a trigger: in its own phrase, or in the clause of its verb."""

from __future__ import annotations

from newsift.extract.events.lexicon import load_lexicon
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
        for node in [root, *tree.ancestors(root)][:6]:  # up to the verb: "joined X for two days of drills"
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
    for _ in range(5):  # "stage manoeuvres", "take part in drills", "joined X for two days of drills"
        if tree.tokens[verb].pos in ("VERB", "AUX") or tree.tokens[verb].dep == "ROOT":
            break
        verb = tree.tokens[verb].head
    if tree.tokens[verb].pos not in ("VERB", "AUX"):
        return set()
    codes: set[str] = set()
    for subject in tree.kids(verb, "nsubj"):
        if not _state_or_forces(parse, subject):
            continue  # 'students from India and France took part in an exercise': people, not states
        for mention in parse.mentions_in(tree.left[subject], tree.right[subject]):
            if parse.kind_of(mention) == EntityKind.COUNTRY and (code := parse.code_of(mention)):
                codes.add(code)
    return codes


# heads of a subject that stand for a state or its forces ('the navies of X and Y', 'X and Y troops')
_STATE_HEADS = frozenset({"country", "state", "nation", "government", "side", "ally", "partner", "neighbour"})


def _state_or_forces(parse: Parse, subject: int) -> bool:
    """A subject headed by a name, or by a common noun for states, forces or their weapons; not one
    headed by other people or things that merely come from the states ('students from X and Y')."""
    token = parse.tree.tokens[subject]
    if token.pos != "NOUN":
        return True
    lexicon = load_lexicon()
    lemma = singular(parse.lemma(subject))
    known = lexicon.force_units | lexicon.force_generic | lexicon.military | lexicon.items | _STATE_HEADS
    return lemma in known or parse.lemma(subject) in known
