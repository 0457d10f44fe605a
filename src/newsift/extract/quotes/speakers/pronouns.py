"""Pronouns and what was said last: 'he'/'she' to the nearest earlier person who agrees (or an unnamed
person who just spoke), 'it' to the body that just spoke, 'they' to a source named in the plural,
'which'/'who' to the noun their clause hangs on. Never a person named in the content being attributed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsift.extract.quotes.sources import Speaker
from newsift.extract.quotes.speakers.people import People, Person
from newsift.extract.quotes.speakers.phrases import SUBJECT_DEPS, Phrases
from newsift.model import SpeakerKind

__all__ = ["Pronouns"]

_QUOTE_MARKS = frozenset('"“”«»')
# a 'what' clause as an argument ('for what it called'), and the links up to the clause around it
_FREE_DEPS = ("pcomp", "pobj", "dobj", "ccomp", "conj")
_UP_DEPS = ("pcomp", "pobj", "prep", "dobj", "relcl", "acl", "conj")


class Pronouns:
    """Antecedents, and the recent sources they may stand for (``body``, ``unnamed``, ``plural``, each
    with the sentence it spoke in). ``resolve`` resolves a token span, for 'they' and 'which'."""

    def __init__(
        self, phrases: Phrases, people: People, resolve: Callable[[int, int], Speaker | None]
    ) -> None:
        self._ph, self._people, self._resolve_span = phrases, people, resolve
        self._text, self._tree, self._lex, self._doc = phrases.text, phrases.tree, phrases.lex, phrases.doc
        self.body: tuple[int, Speaker] | None = None  # the latest body that spoke, with its sentence
        self.unnamed: tuple[int, Speaker] | None = None  # the latest unnamed person who spoke
        self.plural: tuple[int, Speaker] | None = None  # the latest source named in the plural
        self.content: Sequence[tuple[int, int]] = ()  # what the span being resolved says (char spans)

    def they(self, i: int) -> Speaker | None:
        """'The rebels rejected the report. They said ...': 'they' is a source named in the plural (a
        group, or unnamed officials) in this or the last sentence, with no person named since."""
        token = self._tree.tokens[i]
        if self.plural is None or self.plural[0] < token.sentence - 1:
            self.plural = None
            subject = self.plural_subject(i)
            if subject is None:
                return None
            found = self._resolve_span(*subject)
            return found if self.plural is not None else None
        sentence, plural = self.plural
        between = [
            e
            for s in range(sentence, token.sentence + 1)
            for e in self._people.entries.get(s, [])
            if plural.end <= e.offset < token.start
        ]
        return None if between else plural

    def plural_subject(self, i: int) -> tuple[int, int] | None:
        """The nearest plural subject before token ``i`` in its sentence or the last, outside quotes
        ('The rebels', 'The Houthis'): its phrase without clauses."""
        tree, sentence = self._tree, self._tree.tokens[i].sentence
        for k in range(i - 1, -1, -1):
            token = tree.tokens[k]
            if token.sentence < sentence - 1:
                return None
            if token.dep not in SUBJECT_DEPS or self._ph.inside_quote(token.start):
                continue
            if self._ph.is_plural(k):
                return tree.subtree(k, without=[*tree.kids(k, "relcl", "acl", "appos")])
            return None  # the nearest subject is singular: 'they' is not about it
        return None

    def unnamed_before(self, i: int) -> Speaker | None:
        """'An official told the paper X. "Y," he added.': 'he' or 'she' is an unnamed person who spoke in
        this or the last sentence when no person is written between them."""
        if self.unnamed is None:
            return None
        sentence, unnamed = self.unnamed
        token = self._tree.tokens[i]
        if sentence < token.sentence - 1:
            return None
        between = [
            e
            for s in range(sentence, token.sentence + 1)
            for e in self._people.entries.get(s, [])
            if unnamed.end <= e.offset < token.start
        ]
        return None if between else unnamed

    def recent_body(self, i: int, *, back: int = 1) -> Speaker | None:
        """'The Pakistani navy said X. It said Y': 'it' is the body that spoke in this or the last
        sentence (the last ``back``), however it was written."""
        if self.body is None or self.body[0] < self._tree.tokens[i].sentence - back:
            return None
        return self.body[1]

    def relative(self, i: int) -> Speaker | None:
        """'the report, which said': a relative pronoun stands for the noun its clause hangs on."""
        verb = self._tree.tokens[i].head
        if self._tree.tokens[verb].dep not in ("relcl", "acl") or verb == i:
            return None
        noun = self._tree.tokens[verb].head
        first, last = self._tree.subtree(noun, without=[verb])
        if first <= i <= last:
            return None
        return self._resolve_span(first, last)

    def clause_subject(self, i: int) -> Speaker | None:
        """'The office thanked Seoul for what it called "steady support"', 'Lee signed the deal, which he
        called "historic"': the pronoun subject of a naming clause embedded in another clause (a 'what'
        clause, a relative clause) stands for that clause's subject, when it agrees ('it' a body, 'he' or
        'she' a person)."""
        tree = self._tree
        verb = tree.tokens[i].head
        if tree.tokens[i].dep != "nsubj" or not self._embedded(verb):
            return None
        outer = self._outer_verb(verb)
        subjects = [k for k in tree.kids(outer, "nsubj") if k != i] if outer is not None else []
        if not subjects or self._ph.inside_quote(tree.tokens[subjects[0]].start):
            return None
        k = subjects[0]
        content = self.content
        found = self._resolve_span(*tree.subtree(k, without=[*tree.kids(k, "relcl", "acl", "appos")]))
        self.content = content
        word = self._text[tree.tokens[i].start : tree.tokens[i].end].lower()
        is_person = found is not None and found.kind is SpeakerKind.PERSON
        return found if found is not None and is_person == (self._ph.gender_of(word) is not None) else None

    def _embedded(self, verb: int) -> bool:
        tree = self._tree
        whats = [k for k in tree.kids(verb, "dobj") if self._ph.word(k) == "what"]
        return tree.tokens[verb].dep == "relcl" or (bool(whats) and tree.tokens[verb].dep in _FREE_DEPS)

    def _outer_verb(self, verb: int) -> int | None:
        """The verb of the clause a 'what' or relative clause is embedded in (through its noun or
        preposition), else None."""
        tree = self._tree
        k = verb
        for _ in range(4):
            k = tree.tokens[k].head
            if tree.tokens[k].pos in ("VERB", "AUX"):
                return k
            if tree.tokens[k].dep not in _UP_DEPS:
                return None
        return None

    def antecedent(self, i: int) -> Person | None:
        token = self._tree.tokens[i]
        gender = self._ph.gender_of(self._text[token.start : token.end].lower())
        if gender is None:
            return None
        named = self.named_in_content()
        for entry in self._people.candidates(token.start, token.sentence):
            person = self._people[entry.key]
            if person.gender in (None, gender) and person.key not in named:
                return person
        return None

    def cataphor(self, i: int) -> Person | None:
        """'"We will not wait," he said. / General Tom Reed spoke at the base on Monday.': 'he' or 'she'
        with no person named before it in the article is the person named first in the next two
        sentences, when that name is a subject and the gender agrees."""
        token = self._tree.tokens[i]
        gender = self._ph.gender_of(self._text[token.start : token.end].lower())
        if gender is None or self._people.candidates(token.start, token.sentence, span=token.sentence + 1):
            return None
        for s in (token.sentence + 1, token.sentence + 2):
            here = sorted(self._people.entries.get(s, []), key=lambda e: e.offset)
            if here:
                person = self._people[here[0].key]
                agrees = person.gender in (None, gender) and person.key not in self.named_in_content()
                return person if here[0].is_subject and agrees else None
        return None

    def named_in_content(self) -> set[str]:
        """Keys of the people named by name as an argument (not a possessor: 'Trump's microphone') of the
        indirect content being attributed; a content holding quotation marks may name its own speaker."""
        keys: set[str] = set()
        spans = [(s, e) for s, e in self.content if not _QUOTE_MARKS & set(self._text[s:e])]
        for mention in self._doc.mentions:
            if mention.label != "PERSON" or not any(s <= mention.start < e for s, e in spans):
                continue
            last = self._tree.token_at(mention.end - 1)
            if (
                self._tree.tokens[last].dep == "poss"
                or self._tree.tokens[min(last + 1, len(self._tree.tokens) - 1)].tag == "POS"
            ):
                continue
            person = self._people.get(mention.entity_id or "") or self._people.by_surname(
                mention.start, mention.end
            )
            if person is not None:
                keys.add(person.key)
        return keys
