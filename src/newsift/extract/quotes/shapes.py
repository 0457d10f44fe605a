"""What is not a quote: content that names a thing instead of reporting words, headlines, datelines.

Works on the Tree and text of one article; used by ``extract_quotes`` only, so the attribution spans
scored against PolNeAR (which annotates such contents too) are unchanged.
"""

from __future__ import annotations

import re

from newsift.dates import dateline_end
from newsift.extract.syntax import Tree

__all__ = [
    "asks_anonymity",
    "clause_read_as_object",
    "dateline_end",
    "in_headline",
    "names_an_act",
    "reports_words",
    "root_of",
]

Span = tuple[int, int]
_THING_POS = ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET", "ADV")
_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
_CLOSING = ".!?…\"'”’»)"
_MAX_HEADLINE_WORDS = 20
_ANONYMITY = re.compile(
    r"\b(anonymity|anonymously|not (to )?be (named|identified)|names? (be )?withheld"
    r"|name not be (used|published))\b",
    re.IGNORECASE,
)


def asks_anonymity(words: str) -> bool:
    """'who asked not to be named', 'asked that his name not be used', 'on condition of anonymity': words
    by which a source asks to stay unnamed."""
    return bool(_ANONYMITY.search(words))


def reports_words(tree: Tree, span: Span) -> bool:
    """True when an indirect content is a clause that reports what was said ('that X will go', 'X will
    go'); False for a noun phrase ('the report', 'his counterpart, Ann Lee'), an adjective, or a verb
    phrase with no subject of its own ('to buy jets', 'providing arms')."""
    first, last = tree.token_at(span[0]), tree.token_at(span[1] - 1)
    roots = [
        i
        for i in range(first, last + 1)
        if not first <= tree.tokens[i].head <= last or tree.tokens[i].head == i
    ]
    if not roots:
        return False
    root = roots[0]
    token = tree.tokens[root]
    if token.pos in _THING_POS and not tree.kids(root, "cop"):
        return clause_read_as_object(tree, root) is not None
    if token.pos in ("VERB", "AUX") or tree.kids(root, "cop"):
        return bool(tree.kids(root, *_SUBJECTS)) or token.tag in ("VBD", "VBZ", "VBP", "MD")
    return True


def clause_read_as_object(tree: Tree, obj: int) -> Span | None:
    """'She said Beijing strictly controlled exports', parsed as 'said [Beijing-controlled exports]': a
    noun phrase opened by a name or pronoun and then a past-tense verb read as a modifier (adverbs
    between, no hyphen: 'Iran-made drones' is a noun phrase) is a reported clause; its tokens' span."""
    first, last = tree.subtree(obj)
    if tree.tokens[first].pos not in ("PROPN", "PRON") or first == obj:
        return None
    k = first + 1
    while k < obj and (tree.tokens[k].pos == "PROPN" or tree.tokens[k].tag == "RB"):
        k += 1
    verb = tree.tokens[k]
    if k < obj and verb.tag in ("VBN", "VBD") and verb.dep == "amod" and verb.head == obj:
        return tree.span(first, last)
    return None


def names_an_act(tree: Tree, span: Span) -> bool:
    """'to acquire "new" jets', 'providing arms': a verb phrase with no subject names what someone
    pledged or denied doing; it reports no words even with a phrase quoted inside it."""
    first, last = tree.token_at(span[0]), tree.token_at(span[1] - 1)
    while first < last and tree.tokens[first].pos == "PUNCT":
        first += 1
    token = tree.tokens[first]
    if token.tag == "TO" and tree.tokens[token.head].pos in ("VERB", "AUX"):
        return not tree.kids(token.head, *_SUBJECTS)
    return token.tag == "VBG" and not tree.kids(first, *_SUBJECTS) and first == root_of(tree, first, last)


def root_of(tree: Tree, first: int, last: int) -> int:
    """The token of ``first..last`` whose head lies outside the span (the span's head)."""
    for i in range(first, last + 1):
        if not first <= tree.tokens[i].head <= last or tree.tokens[i].head == i:
            return i
    return last


def in_headline(text: str, offset: int, title: str) -> bool:
    """The offset lies in a title that ends without a full stop ('Minister denies arms deal'), or in a
    short line that ends without one and has its words capitalised ('Minister Denies Report Of Deal')."""
    if title and offset < len(title):
        return title.rstrip()[-1:] not in _CLOSING
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    if not line or line[-1] in _CLOSING or len(line.split()) > _MAX_HEADLINE_WORDS or len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)
