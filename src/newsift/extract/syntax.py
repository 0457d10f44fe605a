"""Read-only views of a dependency parse stored as ``Token`` records: children, subtrees, spans.

Shared by the quote, event and claim families.

Works on the tuples of an AnnotatedArticle; never runs a parser.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsift.model import Token

__all__ = ["Tree", "singular"]

_EDGE_PUNCT = ",;:-—–(["


@dataclass(frozen=True, slots=True)
class Tree:
    """Children and subtree edges of every token; ``head`` indices are positions in ``tokens``."""

    tokens: tuple[Token, ...]
    children: tuple[tuple[int, ...], ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    starts: tuple[int, ...]

    @classmethod
    def build(cls, tokens: Sequence[Token]) -> Tree:
        n = len(tokens)
        kids: list[list[int]] = [[] for _ in range(n)]
        left, right = list(range(n)), list(range(n))
        for i, token in enumerate(tokens):
            if 0 <= token.head < n and token.head != i:
                kids[token.head].append(i)
            seen = {i}
            head = token.head
            while 0 <= head < n and head not in seen:
                left[head], right[head] = min(left[head], i), max(right[head], i)
                seen.add(head)
                head = tokens[head].head
        return cls(
            tokens=tuple(tokens),
            children=tuple(tuple(k) for k in kids),
            left=tuple(left),
            right=tuple(right),
            starts=tuple(t.start for t in tokens),
        )

    def kids(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if not deps or self.tokens[c].dep in deps]

    def conjuncts(self, i: int) -> list[int]:
        """The words coordinated after ``i`` ('tanks, jets and drones' from 'tanks'), in order."""
        out, frontier = [], self.kids(i, "conj")
        while frontier:
            node = frontier.pop(0)
            out.append(node)
            frontier += self.kids(node, "conj")
        return out

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens ``first..last`` inclusive."""
        return self.tokens[first].start, self.tokens[last].end

    def subtree(self, i: int, *, without: Iterable[int] = ()) -> tuple[int, int]:
        """Token range (inclusive) of ``i``'s subtree, cut before excluded children at its edges."""
        first, last = self.left[i], self.right[i]
        for child in sorted(without):
            if child > i:
                last = min(last, self.left[child] - 1)
            else:
                first = max(first, self.right[child] + 1)
        return self.trim(first, last)

    def trim(self, first: int, last: int) -> tuple[int, int]:
        """Drop punctuation and spaces at both edges of a token range."""
        while first < last and self._is_edge(first):
            first += 1
        while last > first and self._is_edge(last) and not self._closes_bracket(first, last):
            last -= 1
        return first, last

    def _closes_bracket(self, first: int, last: int) -> bool:
        """A closing bracket stays when its opening one is inside the range: '(ORF)'."""
        lemmas = [t.lemma for t in self.tokens[first : last + 1]]
        return lemmas[-1] in (")", "]") and ("(" in lemmas[:-1] or "[" in lemmas[:-1])

    def _is_edge(self, i: int) -> bool:
        token = self.tokens[i]
        return token.pos in ("PUNCT", "SPACE") and token.lemma not in ('"', "'", "”", "’", "»")

    def token_at(self, offset: int) -> int:
        """Index of the token starting at or before ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def ancestors(self, i: int) -> list[int]:
        out, head = [], self.tokens[i].head
        while head != i and 0 <= head < len(self.tokens) and head not in out:
            out.append(head)
            i, head = head, self.tokens[head].head
        return out


def singular(lemma: str) -> str:
    """A noun lemma without a plural '-s' the lemmatiser left ('paratroopers'); 'ss' words stay."""
    return lemma[:-1] if lemma.endswith("s") and not lemma.endswith("ss") and len(lemma) > 3 else lemma
