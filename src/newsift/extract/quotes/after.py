"""A speaker named in the sentence after the quote: '"Q." The warning came from Ann Lee.', '"Q." Those were
the words of Ann Lee.', '"Q." Tom Reed echoed her.', and '"Q," he said. The remarks by Ann Lee came ...'.

Works on the Tree, text and mentions of one article; returns the token span of the person's phrase (for
the speaker resolver), never a pronoun and never a person named inside a clause about something else.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsift.extract.quotes.shapes import root_of
from newsift.extract.syntax import Tree
from newsift.model import Mention

__all__ = ["named_after"]

# nouns that stand for what was said: 'the warning came from X', 'the remarks by X'
WORDS_NOUNS = frozenset(
    (
        "word",
        "words",
        "warning",
        "remark",
        "remarks",
        "comment",
        "comments",
        "message",
        "plea",
        "appeal",
        "threat",
        "promise",
        "pledge",
        "verdict",
        "reply",
        "response",
        "admission",
        "rebuke",
        "assurance",
    )
)
_DEMONSTRATIVES = frozenset(("this", "that", "these", "those", "such"))
_AUTHOR_PREPS = frozenset(("of", "from", "by"))
_NAME_DEPS = ("compound", "flat", "appos")
_CLAUSES = ("ccomp", "xcomp", "dobj", "attr", "advcl", "parataxis")


def named_after(
    tree: Tree, text: str, mentions: Sequence[Mention], offset: int, speech: frozenset[str]
) -> tuple[int, int] | None:
    """The person the sentence right after ``offset`` (in the same paragraph) names as the speaker of what
    came before: the author of a words noun that is its subject ('The warning came from X', 'X's remarks
    came as ...', 'Those were the words of X'), or its subject when its verb is a speech verb with no
    content of its own ('X echoed him', 'X warned.'). Token span of the person's phrase, else None."""
    k = tree.token_at(offset)
    while k < len(tree.tokens) and (tree.tokens[k].start < offset or tree.tokens[k].pos == "PUNCT"):
        k += 1
    if k >= len(tree.tokens) or "\n" in text[offset : tree.tokens[k].start]:
        return None
    sentence = tree.tokens[k].sentence
    if k > 0 and tree.tokens[k - 1].sentence == sentence and tree.tokens[k - 1].start >= offset:
        return None
    here = [i for i in range(k, len(tree.tokens)) if tree.tokens[i].sentence == sentence]
    roots = [i for i in here if tree.tokens[i].head == i]
    if not roots:
        return None
    root = roots[0]
    start, end = tree.tokens[here[0]].start, tree.tokens[here[-1]].end
    people = [m for m in mentions if m.label == "PERSON" and start <= m.start and m.end <= end]
    subjects = tree.kids(root, "nsubj", "nsubjpass")
    if not people or not subjects:
        return None
    subject = subjects[0]
    if _is_words(tree, text, subject, root):
        for mention in people:
            head = _climb(tree, root_of(tree, tree.token_at(mention.start), tree.token_at(mention.end - 1)))
            token = tree.tokens[head]
            by = tree.tokens[token.head]
            if token.dep == "poss" or (
                token.dep == "pobj" and text[by.start : by.end].lower() in _AUTHOR_PREPS
            ):
                return tree.subtree(head, without=[*tree.kids(head, "relcl", "acl", "prep", "appos", "case")])
        return None
    lemma = tree.tokens[root].lemma.lower()
    if lemma not in speech or _has_content(tree, root):
        return None
    for mention in people:
        head = root_of(tree, tree.token_at(mention.start), tree.token_at(mention.end - 1))
        if _climb(tree, head) == subject:
            return tree.subtree(subject, without=[*tree.kids(subject, "relcl", "acl", "prep", "appos")])
    return None


def _is_words(tree: Tree, text: str, subject: int, root: int) -> bool:
    """'The warning', 'His remarks', or 'Those' with 'the words' after the copula."""
    token = tree.tokens[subject]
    if token.lemma.lower() in WORDS_NOUNS or text[token.start : token.end].lower() in WORDS_NOUNS:
        return True
    if text[token.start : token.end].lower() not in _DEMONSTRATIVES:
        return False
    return any(tree.tokens[a].lemma.lower() in WORDS_NOUNS for a in tree.kids(root, "attr"))


def _has_content(tree: Tree, verb: int) -> bool:
    """A clause or object of its own ('X said the talks failed'), other than a pronoun ('X echoed him')."""
    return any(tree.tokens[k].pos != "PRON" for k in tree.kids(verb, *_CLAUSES))


def _climb(tree: Tree, i: int) -> int:
    while tree.tokens[i].dep in _NAME_DEPS and tree.tokens[i].head != i:
        i = tree.tokens[i].head
    return i
