"""People's titles as stated around their names: pre-modifiers and appositives, found on tokens.

Pure functions over token records; returns character spans only. Which org is the affiliation is
decided by the resolver, which knows the mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.model import Token
from newsift.nlp.lexicon import ResolveLexicon

__all__ = ["TokenView", "find_title"]

_MAX_BEFORE = 12
_MAX_AFTER = 30
_PREMODIFIER_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_CLAUSE_WORDS = frozenset({"who", "which", "that", "whose", "said", "says", "told", "tells", "added"})
_QUOTES = frozenset({"'", '"', "‘", "’", "“", "”"})
_OPENERS = frozenset({"a", "an", "the", "his", "her", "its", "their"})


@dataclass(frozen=True, slots=True)
class TokenView:
    """The tokens and text of one article, with the token indices that belong to other people."""

    text: str
    tokens: Sequence[Token]
    blocked: frozenset[int]

    def word(self, i: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[i].end]


def find_title(doc: TokenView, first: int, last: int, lex: ResolveLexicon) -> tuple[int, int] | None:
    """Char span of the title stated with the name at tokens ``first..last``, or None.

    Tries a pre-modifier ("Washington-based South Asia analyst Michael Kugelman") first, then an
    appositive ("Kabir Taneja, Deputy Director, ..., Observer Research Foundation (ORF) agreed").
    """
    span = _before(doc, first, lex) or _after(doc, last, lex)
    if span is None:
        return None
    return doc.tokens[span[0]].start, doc.tokens[span[1]].end


def _is_title_word(word: str, lex: ResolveLexicon) -> bool:
    lower = word.lower()
    return lower in lex.title_words or lower in lex.honorifics


def _before(doc: TokenView, first: int, lex: ResolveLexicon) -> tuple[int, int] | None:
    sentence = doc.tokens[first].sentence
    left, j = first, first - 1
    while j >= 0 and first - j <= _MAX_BEFORE and doc.tokens[j].sentence == sentence:
        if j in doc.blocked or not _may_premodify(doc, j, lex):
            break
        left, j = j, j - 1
    left = _trim_left(doc, left, first, lex)
    if left == first or not (_is_title_word(doc.word(first - 1), lex) or _office_ends(doc, left, first, lex)):
        return None
    if not any(doc.word(i).lower() in lex.title_words for i in range(left, first)):
        return None
    return left, first - 1


def _office_ends(doc: TokenView, left: int, first: int, lex: ResolveLexicon) -> bool:
    """The title ends with the office it is 'of' ('Secretary of State', 'Chief of Army Staff')."""
    word = doc.word(first - 1)
    if not (word[:1].isupper() and word.lower() in lex.office_words):
        return False
    return any(doc.word(i).lower() in ("of", "for") for i in range(left, first - 1))


def _trim_left(doc: TokenView, left: int, first: int, lex: ResolveLexicon) -> int:
    """Drop leading connectors and plain nouns that are not titles ('presence of Prime Minister')."""
    while left < first:
        word = doc.word(left)
        plain_noun = doc.tokens[left].pos == "NOUN" and word.islower() and not _is_title_word(word, lex)
        if not (plain_noun or word.lower() in lex.connectors | {"then"}):
            break
        left += 1
    return left


def _may_premodify(doc: TokenView, j: int, lex: ResolveLexicon) -> bool:
    token, word = doc.tokens[j], doc.word(j)
    if _is_title_word(word, lex) or word.lower() in lex.connectors:
        return True
    return token.pos in _PREMODIFIER_POS or token.tag in ("VBN", "HYPH")


def _after(doc: TokenView, last: int, lex: ResolveLexicon) -> tuple[int, int] | None:
    n = len(doc.tokens)
    comma = last + 1
    if comma + 1 >= n or doc.word(comma) != "," or doc.tokens[comma].sentence != doc.tokens[last].sentence:
        return None
    start = comma + 1
    while start < n and doc.word(start).lower() in _OPENERS | {"former", "then"}:
        start += 1
    if start >= n or not (_is_title_word(doc.word(start), lex) or doc.word(start)[:1].isupper()):
        return None
    end = _appositive_end(doc, start, lex)
    while end > start and doc.tokens[end].pos == "PUNCT" and doc.word(end) not in (")", "]"):
        end -= 1
    first_part = [doc.word(i).lower() for i in range(start, end + 1)]
    head = first_part[: first_part.index(",")] if "," in first_part else first_part
    if end < start or not any(w in lex.title_words for w in head):
        return None
    return start, end


def _appositive_end(doc: TokenView, start: int, lex: ResolveLexicon) -> int:
    """Last token of the appositive: up to the predicate, a clause word, a quote or the sentence end."""
    sentence = doc.tokens[start].sentence
    i = start
    while i < len(doc.tokens) and i - start < _MAX_AFTER and doc.tokens[i].sentence == sentence:
        token, word = doc.tokens[i], doc.word(i)
        verb = token.pos in ("VERB", "AUX") and token.tag != "VBN" and not word[:1].isupper()
        if verb or word.lower() in _CLAUSE_WORDS or word in _QUOTES or i in doc.blocked:
            break
        i += 1
    return i - 1
