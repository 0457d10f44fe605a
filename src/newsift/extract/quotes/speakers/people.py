"""The people an article names and how salient each is: the person table (fullest name, title, body
spoken for, gender), and the entries (who is named where, as subject or speaker) that pronouns and
descriptions search back through. Resolves nothing by itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from newsift.extract.quotes.sources import SourceIndex, Speaker
from newsift.extract.quotes.speakers.phrases import Phrases, name_key, no_dateline
from newsift.model import EntityKind, Mention, SpeakerKind

__all__ = ["Entry", "People", "Person"]

_TITLE_KEYS = ("title", "affiliation", "role", "position", "office")
_WINDOW = 12
_PARTICLES = frozenset(("bin", "ibn", "bint", "binti", "al", "el", "abu", "bte"))


@dataclass(slots=True)
class Person:
    key: str
    entity_id: str | None
    name: str
    start: int
    end: int
    title: str | None = None
    speaks_for: str | None = None
    role_words: set[str] = field(default_factory=set)
    votes: Counter[str] = field(default_factory=Counter)
    prior: str | None = None  # from a given name that is almost always one gender
    stated: str | None = None  # from an honorific written before the name ('Ms Lee'): it decides

    @property
    def gender(self) -> str | None:
        if self.stated is not None:
            return self.stated
        if not self.votes:
            return self.prior
        (best, n), *rest = [*self.votes.most_common(2), ("", 0)]
        return best if n > rest[0][1] else None


@dataclass(frozen=True, slots=True)
class Entry:
    offset: int
    key: str
    is_subject: bool
    is_speaker: bool = False


class People:
    """People are the PERSON mentions (grouped by entity id, else by surname) plus every proper-noun speaker
    found on the way; ``entries`` record, per sentence, where each is named."""

    def __init__(self, phrases: Phrases, sources: SourceIndex) -> None:
        self._ph = phrases
        self._text, self._tree, self._lex, self._doc = phrases.text, phrases.tree, phrases.lex, phrases.doc
        self._sources = sources
        self._table: dict[str, Person] = {}
        self.entries: defaultdict[int, list[Entry]] = defaultdict(list)
        self.speakers: list[str] = []
        kinds = phrases.kinds
        for mention in self._doc.mentions:
            entity = kinds.get(mention.entity_id or "")
            if (
                (mention.label == "PERSON" and not phrases.not_person(mention))  # 'Labour' tagged a person
                or (entity is not None and entity.kind is EntityKind.PERSON)
                or phrases.person_tagged_as_body(mention)
            ):
                self.add_mention(mention)
        self.add_honorific_names(self._doc.mentions)
        self.add_short_names(self._doc.mentions)
        for person in self._table.values():
            entity = kinds.get(person.entity_id or "")
            stated = [no_dateline(v) for k, v in entity.attributes if k in _TITLE_KEYS] if entity else []
            person.title = "; ".join(stated) or person.title
        self.learn_gender()

    def __getitem__(self, key: str) -> Person:
        return self._table[key]

    def get(self, key: str) -> Person | None:
        return self._table.get(key)

    def values(self) -> Iterator[Person]:
        return iter(self._table.values())

    def add_honorific_names(self, mentions: Sequence[Mention]) -> None:
        """'Ms King has held the seat since 1997': a capitalised proper noun right after an honorific is
        a person's name even when the tagger missed it or the word is also a title."""
        tokens, honorifics = self._tree.tokens, self._lex.honorifics
        for i in range(len(tokens) - 1):
            word, nxt = self._ph.word(i), tokens[i + 1]
            if (
                word not in honorifics
                or nxt.pos != "PROPN"
                or not self._text[nxt.start : nxt.start + 1].isupper()
            ):
                continue
            if any(m.start <= nxt.start < m.end for m in mentions) or self._ph.inside_quote(nxt.start):
                continue
            name = (i + 1, i + 1)
            while (
                name[1] + 1 < len(tokens)
                and tokens[name[1] + 1].pos == "PROPN"
                and tokens[name[1]].head == name[1] + 1
            ):
                name = (name[0], name[1] + 1)
            person = self.by_surname(*self._tree.span(*name)) or self.person_for(name, None)
            self.note(i, name[1], person.key, self._ph.is_subject(i, name[1]))

    def add_short_names(self, mentions: Sequence[Mention]) -> None:
        """'Peter Lund met Mark Hale. Lund welcomed the move.': a lone proper noun that is the subject of
        its clause and that the tagger left untagged (or took for a place) is the person whose surname it
        is; with a name written with a particle ('Faisal bin Nasser'), the given name is the short form
        too. Only a word that names one person of the article."""
        tokens, tree = self._tree.tokens, self._tree
        short: dict[str, set[str]] = defaultdict(set)
        for person in self._table.values():
            words = [name_key(w) for w in person.name.split()]
            if len(words) < 2 or not words[-1]:
                continue
            short[words[-1]].add(person.key)
            if any(w in _PARTICLES for w in words[1:-1]):
                short[words[0]].add(person.key)
        for i, token in enumerate(tokens):
            written = self._text[token.start : token.end]
            if token.pos not in ("PROPN", "NOUN") or not written[:1].isupper():  # 'Lund' tagged a noun
                continue
            if token.dep not in ("nsubj", "nsubjpass") or self._ph.inside_quote(token.start):
                continue
            if (
                tree.kids(i, "compound", "flat")
                or token.head == i
                or tokens[token.head].pos not in ("VERB", "AUX")
            ):
                continue
            keys = short.get(name_key(written), set())
            if len(keys) != 1 or any(
                m.start <= token.start < m.end and m.label == "PERSON" for m in mentions
            ):
                continue
            self.note(i, i, next(iter(keys)), True)

    def add_mention(self, mention: Mention) -> None:
        first, last = self._tree.token_at(mention.start), self._tree.token_at(mention.end - 1)
        name = self._ph.name_tokens(first, last)
        if name is None:
            return
        short = self.by_surname(*self._tree.span(*name)) if name[1] - name[0] < 2 else None
        person = short or self.person_for(name, mention.entity_id)  # 'Aksoy' after 'Murat Aksoy'
        if not self._ph.inside_quote(mention.start):
            self.note(first, last, person.key, self._ph.is_subject(first, last))
        title = self._ph.title(*name)
        person.title = person.title or self._ph.with_office(title, *name)
        person.speaks_for = person.speaks_for or self._sources.spokesperson_for(*name)
        person.role_words |= {self._lex.expand(w) for w in (title or "").replace(",", " ").split()}

    def person_for(self, name: tuple[int, int], entity_id: str | None) -> Person:
        start, end = self._tree.span(*name)
        surname = self._text[self._tree.tokens[name[1]].start : end].lower()
        key = entity_id or f"name:{surname}"
        person = self._table.get(key)
        if person is None:
            person = self._table[key] = Person(key, entity_id, self._text[start:end], start, end)
        elif end - start > person.end - person.start:
            person.name, person.start, person.end = self._text[start:end], start, end
        person.prior = self.given_gender(person.name) or person.prior
        return person

    def given_gender(self, name: str) -> str | None:
        """'Ann Lee' is female, 'Tom Reed' male, by the given name; one word is no given name."""
        words = name.split()
        if len(words) < 2:
            return None
        given = words[0].lower()
        if given in self._lex.given_male:
            return "male"
        return "female" if given in self._lex.given_female else None

    def note(self, first: int, last: int, key: str, is_subject: bool, *, is_speaker: bool = False) -> None:
        token = self._tree.tokens[first]
        self.entries[token.sentence].append(Entry(token.start, key, is_subject, is_speaker))

    def learn_gender(self) -> None:
        for i, token in enumerate(self._tree.tokens):
            word = self._text[token.start : token.end].lower()
            gender = self._ph.gender_of(word)
            if gender is None or self._ph.inside_quote(token.start):
                continue
            if word in ("he", "she", "his", "him", "her", "himself", "herself"):
                keys = {e.key for e in self.candidates(token.start, token.sentence, span=2)}
                person = self._table[keys.pop()] if len(keys) == 1 else None
                if person is not None and person.prior in (None, gender):  # not 'she' for 'Tom Reed'
                    person.votes[gender] += 1
            elif i + 1 < len(self._tree.tokens):  # an honorific: the next mention is its person
                nxt = self._tree.tokens[i + 1]
                for entry in self.entries.get(nxt.sentence, []):
                    if entry.offset == nxt.start or entry.offset == token.start:
                        self._table[entry.key].votes[gender] += 2
                        self._table[entry.key].stated = gender

    def candidates(self, offset: int, sentence: int, *, span: int = _WINDOW) -> list[Entry]:
        """Earlier entries, nearest sentence first; in each sentence subjects first, then by recency."""
        out: list[Entry] = []
        for s in range(sentence, max(-1, sentence - span), -1):
            here = sorted((e for e in self.entries.get(s, []) if e.offset < offset), key=lambda e: -e.offset)
            out += sorted(here, key=lambda e: (not e.is_speaker, not e.is_subject))
        return out

    def as_speaker(self, person: Person, first: int, last: int) -> Speaker:
        self.note(first, last, person.key, True, is_speaker=True)
        self.speakers.append(person.key)
        title = self._ph.title(first, last) if self._tree.tokens[first].pos == "PROPN" else None
        if title is None and person.title is None:
            title = self.written_title(first, last)
        person.role_words |= {self._lex.expand(w) for w in (title or "").replace(",", " ").split()}
        speaks_for = self._sources.spokesperson_for(first, last) or person.speaks_for
        return Speaker(
            person.name,
            person.start,
            person.end,
            person.entity_id,
            self._ph.with_office(title, first, last) or person.title,
            person.key,
            SpeakerKind.PERSON,
            speaks_for,
        )

    def written_title(self, first: int, last: int) -> str | None:
        """The title written with a name in a source span, apart from the name: 'Air Chief Marshal Ravi
        Rao' gives 'Air Chief Marshal' even when the tagger tagged no person there."""
        name = self._ph.name_tokens(first, last)
        if self._tree.tokens[first].pos != "PROPN" or name is None or not first < name[0] <= name[1] <= last:
            return None
        return self._ph.title(*name)

    def by_surname(self, start: int, end: int) -> Person | None:
        """The person whose name ends with these words ('Muallem' or 'al-Muallem' for 'Walid al-Muallem',
        'Abdel Hafez' for 'Gharib Abdel Hafez')."""
        written = self._text[start:end].split()
        while len(written) > 1 and self._ph.is_title(written[0]):
            written = written[1:]  # 'Mr Blair', 'General Haddad'
        words = [name_key(w) for w in written]
        if not words or not words[-1]:
            return None
        for person in self._table.values():
            theirs = [name_key(w) for w in person.name.split()]
            if len(words) <= len(theirs) and theirs[len(theirs) - len(words) :] == words:
                return person
        return None
