"""Titles and offices: a description ('the army chief', 'the defence minister', 'the spokesman') to the
person who holds that office, by stated titles, portfolios and nationality, before or (in a lead)
after it. A person whose stated office is another is skipped.
"""

from __future__ import annotations

from newsift.extract.quotes.sources import SourceIndex, Speaker
from newsift.extract.quotes.speakers.people import Entry, People, Person
from newsift.extract.quotes.speakers.phrases import Phrases
from newsift.extract.quotes.speakers.pronouns import Pronouns

__all__ = ["SALIENT_SENTENCES", "Offices"]

SALIENT_SENTENCES = 4
_LEAD_SENTENCES = 2  # a description this early may name someone only named after it
_GENERIC_OFFICES = frozenset(("chief", "head", "commander", "leader", "boss", "officer"))
_CIVIL_OFFICES = frozenset(
    ("minister", "president", "secretary", "premier", "chancellor", "ambassador", "envoy", "spokesperson")
)
_SAME_OFFICE = {"envoy": frozenset(("ambassador",)), "ambassador": frozenset(("envoy",))}
_RELATIONS = frozenset(
    (
        "mother",
        "father",
        "wife",
        "husband",
        "son",
        "daughter",
        "parent",
        "brother",
        "sister",
        "lawyer",
        "attorney",
        "aide",
        "adviser",
        "advisor",
        "friend",
        "colleague",
        "partner",
        "rival",
        "opponent",
    )
)
_FEMALE_NOUNS = frozenset(
    ("lady", "wife", "mother", "daughter", "sister", "queen", "princess", "actress", "widow")
)
_MALE_NOUNS = frozenset(("husband", "father", "son", "brother", "king", "prince", "actor", "widower"))
_NOT_MALE = frozenset(("human", "german", "roman", "ottoman", "shaman"))
_LIGHT_MODIFIERS = frozenset(
    ("top", "senior", "new", "current", "the", "a", "an", "its", "his", "her", "their", "our")
)


class Offices:
    """Who a description of one person or office refers to."""

    def __init__(self, phrases: Phrases, people: People, sources: SourceIndex, pronouns: Pronouns) -> None:
        self._ph, self._people, self._sources, self._pronouns = phrases, people, sources, pronouns
        self._text, self._tree, self._lex, self._doc = phrases.text, phrases.tree, phrases.lex, phrases.doc

    def role(self, first: int, last: int) -> Person | None:
        """'the army chief' → the latest speaker, else person, whose title holds the head noun."""
        root = self._ph.root(first, last)
        token = self._tree.tokens[root]
        if (token.pos != "NOUN" and token.pos != "PROPN") or token.tag in ("NNS", "NNPS"):
            return None
        head = self._lex.expand(self._text[token.start : token.end])
        if token.lemma.lower() in self._lex.source_nouns or self._ph.is_indefinite(first):
            return None
        if self._ph.is_body(token.lemma.lower()):
            return None  # 'the Pakistani navy' is a body, even after 'India's navy chief, Admiral X'
        recent = list(dict.fromkeys(reversed(self._people.speakers)))
        recent += [
            e.key
            for e in self._people.candidates(token.start, token.sentence, span=10_000)
            if e.key not in recent
        ]
        marks = self._ph.marks(first, root)
        for key in recent:
            person = self._people[key]
            if head in person.role_words and not self.clashes(marks, person):
                return person
        for key in recent:  # 'the Dutch minister' for 'her Dutch counterpart, Ann Lee'
            if marks and marks <= self._people[key].role_words:
                return self._people[key]
        return None

    def clashes(self, marks: set[str], person: Person) -> bool:
        """'the Philippine secretary' is not 'US Defense Secretary Ann Lee': her title names another
        country, by nationality or by name."""
        if not marks:
            return False
        theirs = self._ph.nations_in(person.title or "")
        return bool(theirs and not self._ph.nations_in(" ".join(marks)) & theirs)

    def described_person(self, first: int, last: int) -> Speaker | None:
        """'the top diplomat', 'the Salford MP', "the country's top judge": a definite description of
        one person is the person the text is about. The latest who spoke in the last few sentences,
        else the person named nearest before it in them (speakers, then subjects first in a
        sentence); in a lead that names nobody before it, the first person named as a subject in it or
        the next two sentences. A person whose stated office is another ('General ...' for 'the minister') or
        whose title names another nationality is skipped; 'the spokesman' is the body whose unnamed
        spokesperson spoke last, else only a recent speaker."""
        root = self._ph.root(first, last)
        token = self._tree.tokens[root]
        word = self._text[token.start : token.end]
        head = self._lex.expand(word)
        if token.tag in ("NNS", "NNPS") or not self._ph.is_definite(first, root):
            return None
        if self._ph.word(first) in ("his", "her", "their") and token.lemma.lower() in _RELATIONS:
            return None  # 'her mother', 'his lawyer': someone related to a person, not that person
        spokes = token.lemma.lower() in self._lex.kinds.spokes_words
        owner = [
            k for k in self._tree.kids(root, "poss") if first <= k and self._tree.tokens[k].pos == "NOUN"
        ]
        if spokes and owner:  # "the prime minister's spokesman" speaks for the prime minister
            return self.described_person(*self._tree.subtree(owner[0]))
        if spokes and self._ph.word(first) in ("his", "her"):  # 'her spokesman': the person 'her' is
            person = self._pronouns.antecedent(first)
            return self._people.as_speaker(person, first, last) if person is not None else None
        if spokes and self._sources.latest_spokesperson() is not None:
            return self._sources.latest_spokesperson()
        if token.lemma.lower() not in self._lex.kinds.person_nouns and head not in self._lex.title_words:
            return None
        marks = self._ph.marks(first, root)
        body_chief = head in _GENERIC_OFFICES and any(  # 'the Pentagon chief' may be its secretary
            self._tree.tokens[k].pos == "PROPN" for k in range(first, root)
        )
        if self.named_holder_before(first, root, head, marks) is None:
            after = self.holder_after(first, root, head, marks) or self.holder_anywhere(
                first, root, head, marks
            )
            if after is not None:
                return self._people.as_speaker(after, first, last)
        before = [
            e
            for e in self._people.candidates(token.start, token.sentence, span=SALIENT_SENTENCES)
            if not self.clashes(marks, self._people[e.key])
            and (
                body_chief
                or not self.other_office(head, e.key)
                or self.same_portfolio(first, root, head, self._people[e.key])
            )
            and e.key not in self.reporting(self._tree.tokens[first].start, token.sentence)
        ]
        before = self.same_gender(token.lemma.lower(), before)
        chosen = [e for e in before if e.is_speaker] or ([] if spokes else before)
        in_lead = token.sentence < _LEAD_SENTENCES
        if not chosen and in_lead and not spokes and not self._people.candidates(token.start, token.sentence):
            chosen = [
                e
                for e in self.later(token.end, token.sentence, marks, head)
                if not self.other_portfolio(first, root, head, self._people[e.key])
            ]
        return self._people.as_speaker(self._people[chosen[0].key], first, last) if chosen else None

    def same_gender(self, noun: str, entries: list[Entry]) -> list[Entry]:
        """'the businessman' is no one known to be a woman, 'the first lady' no one known to be a man: when
        such a noun rules a candidate out, only people known to agree remain (not one of unknown gender)."""
        offices = self._lex.kinds.spokes_words | self._lex.title_words  # 'spokesman' is said of women too
        gender = None if noun in offices and noun.endswith("man") else _noun_gender(noun)
        if gender is None:
            return entries
        known = [(e, self._people[e.key].gender) for e in entries]
        if all(g in (None, gender) for _, g in known):
            return entries
        return [e for e, g in known if g == gender]

    def reporting(self, offset: int, sentence: int) -> set[str]:
        """'Ann Lee said the envoy told her ...': who spoke earlier in a description's own sentence is
        the one reporting it, not the one described."""
        return {e.key for e in self._people.entries.get(sentence, []) if e.is_speaker and e.offset < offset}

    def other_office(self, head: str, key: str) -> bool:
        """A person whose title states an office, none of which is the office ``head`` names (a generic
        noun such as 'the top diplomat' names none)."""
        words = self._people[key].role_words
        if head not in self._lex.title_words:
            return False
        offices = {w for w in words if w in self._lex.title_words or w in self._lex.kinds.person_nouns}
        offices -= self._lex.male | self._lex.female
        if head in _GENERIC_OFFICES:  # 'the chief of the navy' may be an admiral, not a minister
            offices &= _CIVIL_OFFICES
        return bool(offices) and head not in words and not _SAME_OFFICE.get(head, frozenset()) & words

    def named_holder_before(self, first: int, root: int, head: str, marks: set[str]) -> Person | None:
        """The latest person in the last few sentences whose stated title holds the description's head."""
        token = self._tree.tokens[root]
        for e in self._people.candidates(token.start, token.sentence, span=SALIENT_SENTENCES):
            person = self._people[e.key]
            if head in person.role_words and not self.clashes(marks, person):
                return person
        return None

    def holder_after(self, first: int, root: int, head: str, marks: set[str]) -> Person | None:
        """'The defence minister said X. "Y," Minister Ann Lee said.': a description of one office that no
        one named before holds is the person named next, as a subject in its sentence or the next, whose
        stated title holds the same head noun and no other portfolio ('Foreign Minister' is not 'the
        defence minister')."""
        token = self._tree.tokens[root]
        for s in self.told_sentences(token.sentence, 1):
            for e in sorted(self._people.entries.get(s, []), key=lambda e: e.offset):
                person = self._people[e.key]
                if e.offset <= token.start or not e.is_subject or head not in person.role_words:
                    continue
                if self.clashes(marks, person) or self.other_portfolio(first, root, head, person):
                    continue
                return person
        return None

    def other_portfolio(self, first: int, root: int, head: str, person: Person) -> bool:
        """'the defence minister' and 'Foreign Minister Ann Lee' each narrow the office, differently."""
        own = self.portfolio({self._lex.expand(self._ph.word(k)) for k in range(first, root)} - {head})
        theirs = self.portfolio(person.role_words - {head})
        return bool(own and theirs and not own & theirs)

    def holder_anywhere(self, first: int, root: int, head: str, marks: set[str]) -> Person | None:
        """'The home secretary said ...' with 'Home Secretary Ann Lee' written anywhere in the article: the
        one person whose stated title holds the office and its portfolio."""
        own = self.portfolio({self._lex.expand(self._ph.word(k)) for k in range(first, root)} - {head})
        if not own or head not in self._lex.title_words:
            return None
        found = [
            p
            for p in self._people.values()
            if head in p.role_words
            and own <= self.portfolio(p.role_words - {head})
            and not self.clashes(marks, p)
        ]
        return found[0] if len(found) == 1 else None

    def same_portfolio(self, first: int, root: int, head: str, person: Person) -> bool:
        """'the defence chief' for 'Defence Secretary Ann Lee': a generic office narrowed the same way."""
        own = self.portfolio({self._lex.expand(self._ph.word(k)) for k in range(first, root)} - {head})
        return head in _GENERIC_OFFICES and bool(own & self.portfolio(person.role_words - {head}))

    def portfolio(self, words: set[str]) -> set[str]:
        """Words that narrow an office ('defence', 'foreign'), without titles, nationalities or 'top'."""
        drop = (
            self._lex.title_words | self._lex.kinds.person_nouns | self._ph.nationalities | _LIGHT_MODIFIERS
        )
        # 'its' and 'his' are dropped before the strip, which would make 'its' the word 'it'
        return {w.strip(",.'’s") for w in words if w.isalpha() and w not in drop} - drop - {""}

    def later(self, offset: int, sentence: int, marks: set[str], head: str) -> list[Entry]:
        """The first subject named after ``offset`` in its sentence or the next two told ones."""
        for s in self.told_sentences(sentence, 2):
            here = [
                e
                for e in sorted(self._people.entries.get(s, []), key=lambda e: e.offset)
                if e.offset >= offset
                and e.is_subject
                and not self.clashes(marks, self._people[e.key])
                and not self.other_office(head, e.key)
            ]
            if here:
                return here[:1]
        return []

    def told_sentences(self, sentence: int, more: int) -> list[int]:
        """``sentence`` and the next ``more`` sentences with words outside quotation marks: '"A," the
        general said. "B." General Ann Lee ...': the quote that goes on is skipped, not counted."""
        out, sentences = [sentence], self._doc.sentences
        for s in range(sentence + 1, len(sentences)):
            if len(out) > more:
                break
            start, end = sentences[s].start, sentences[s].end
            if any(
                ch.isalnum() and not self._ph.inside_quote(start + i)
                for i, ch in enumerate(self._text[start:end])
            ):
                out.append(s)
        return out


def _noun_gender(noun: str) -> str | None:
    """'businesswoman', 'lady' → female; 'chairman', 'king' → male; else None."""
    if noun.endswith("woman") or noun in _FEMALE_NOUNS:
        return "female"
    if (noun.endswith("man") and noun not in _NOT_MALE) or noun in _MALE_NOUNS:
        return "male"
    return None
