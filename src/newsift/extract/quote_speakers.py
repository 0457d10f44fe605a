"""Who a source span refers to: names, surnames, pronouns and roles, by a small salience model.

Method. People are the PERSON mentions (grouped by entity id, else by surname) plus every proper-noun
speaker found on the way. A name or surname resolves directly. A pronoun ("she", "he") resolves to
the closest earlier person outside quotation marks, searching back sentence by sentence (at most
twelve): earlier speakers first, then grammatical subjects, then other mentions, skipping people
whose learned gender conflicts. Gender is learned from the article itself (a pronoun with a single
candidate in its own or the previous sentence votes, as do honorifics such as "Mr" or "Ms").
A role ("the army chief") resolves to the most recent speaker, else the most recent person, whose
stated title contains the role's head noun. Titles come from Entity.attributes when the resolver
gives them, else from the words around the name (pre-modifiers, appositions, "who served as ...").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsift.extract.quote_lexicon import Lexicon
from newsift.extract.quote_syntax import Tree
from newsift.model import AnnotatedArticle, EntityKind, Mention

__all__ = ["Speaker", "SpeakerResolver"]

_TITLE_KEYS = ("title", "affiliation", "role", "position", "office")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_WINDOW = 12
_PLACES = ("GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT", "PRODUCT", "LAW")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the name as written (and where), its entity id and stated title."""

    text: str
    start: int
    end: int
    entity_id: str | None = None
    affiliation: str | None = None
    key: str | None = None


@dataclass(slots=True)
class _Person:
    key: str
    entity_id: str | None
    name: str
    start: int
    end: int
    title: str | None = None
    role_words: set[str] = field(default_factory=set)
    votes: Counter[str] = field(default_factory=Counter)

    @property
    def gender(self) -> str | None:
        if not self.votes:
            return None
        (best, n), *rest = [*self.votes.most_common(2), ("", 0)]
        return best if n > rest[0][1] else None


@dataclass(frozen=True, slots=True)
class _Entry:
    offset: int
    key: str
    is_subject: bool
    is_speaker: bool = False


class SpeakerResolver:
    """Resolve source spans in text order; each resolved speaker becomes salient for what follows."""

    def __init__(
        self, annotated: AnnotatedArticle, tree: Tree, quoted: Sequence[tuple[int, int]], lexicon: Lexicon
    ) -> None:
        self._doc = annotated
        self._text = annotated.article.text
        self._tree = tree
        self._quoted = quoted
        self._lex = lexicon
        self._people: dict[str, _Person] = {}
        self._entries: defaultdict[int, list[_Entry]] = defaultdict(list)
        self._speakers: list[str] = []
        kinds = {e.id: e for e in annotated.entities}
        for mention in annotated.mentions:
            entity = kinds.get(mention.entity_id or "")
            if mention.label == "PERSON" or (entity is not None and entity.kind is EntityKind.PERSON):
                self._add_mention(mention)
        for person in self._people.values():
            entity = kinds.get(person.entity_id or "")
            stated = [v for k, v in entity.attributes if k in _TITLE_KEYS] if entity else []
            person.title = "; ".join(stated) or person.title
        self._learn_gender()

    # --- building ------------------------------------------------------------------------------

    def _inside_quote(self, offset: int) -> bool:
        return any(start < offset < end for start, end in self._quoted)

    def _name_tokens(self, first: int, last: int) -> tuple[int, int] | None:
        """The mention's tokens without leading titles ("Lt Gen") or a trailing possessive."""
        tokens, text = self._tree.tokens, self._text
        while (
            first <= last and text[tokens[first].start : tokens[first].end].lower() in self._lex.title_words
        ):
            first += 1
        while last >= first and tokens[last].tag == "POS":
            last -= 1
        while last + 1 < len(tokens) and tokens[last + 1].pos == "PROPN" and tokens[last].head == last + 1:
            last += 1
        return (first, last) if first <= last else None

    def _add_mention(self, mention: Mention) -> None:
        first, last = self._tree.token_at(mention.start), self._tree.token_at(mention.end - 1)
        name = self._name_tokens(first, last)
        if name is None:
            return
        person = self._person_for(name, mention.entity_id)
        if not self._inside_quote(mention.start):
            self._note(first, last, person.key, self._is_subject(first, last))
        title = self._title(first, last)
        person.title = person.title or title
        person.role_words |= {self._lex.expand(w) for w in (title or "").replace(",", " ").split()}

    def _person_for(self, name: tuple[int, int], entity_id: str | None) -> _Person:
        start, end = self._tree.span(*name)
        surname = self._text[self._tree.tokens[name[1]].start : end].lower()
        key = entity_id or f"name:{surname}"
        person = self._people.get(key)
        if person is None:
            person = self._people[key] = _Person(key, entity_id, self._text[start:end], start, end)
        elif end - start > person.end - person.start:
            person.name, person.start, person.end = self._text[start:end], start, end
        return person

    def _note(self, first: int, last: int, key: str, is_subject: bool, *, is_speaker: bool = False) -> None:
        token = self._tree.tokens[first]
        self._entries[token.sentence].append(_Entry(token.start, key, is_subject, is_speaker))

    def _root(self, first: int, last: int) -> int:
        for i in range(first, last + 1):
            if not first <= self._tree.tokens[i].head <= last or self._tree.tokens[i].head == i:
                return i
        return last

    def _is_subject(self, first: int, last: int) -> bool:
        i = self._root(first, last)
        while self._tree.tokens[i].dep in ("appos", "compound", "conj") and self._tree.tokens[i].head != i:
            i = self._tree.tokens[i].head
        return self._tree.tokens[i].dep in _SUBJECT_DEPS

    def _title(self, first: int, last: int) -> str | None:
        """Words around the name in its noun phrase: 'Defence analyst ... Ayesha Siddiqa'."""
        tree, i = self._tree, self._root(first, last)
        while tree.tokens[i].dep in ("appos", "compound", "flat") and tree.tokens[i].head != i:
            i = tree.tokens[i].head
        cut = [c for c in tree.kids(i, "relcl", "acl", "prep", "advcl", "conj", "cc") if c > last]
        a, b = tree.subtree(i, without=cut)
        for k in range(a, first):
            if tree.tokens[k].dep == "ROOT" or self._text[tree.tokens[k].start] in ":;":
                a = k + 1
        left = self._text[tree.tokens[a].start : tree.tokens[first].start] if a < first else ""
        right = self._text[tree.tokens[last].end : tree.tokens[b].end] if b > last else ""
        served = [
            self._text[slice(*tree.span(*tree.subtree(p)))]
            for rel in tree.kids(i, "relcl")
            for p in tree.kids(rel, "prep")
            if self._text[tree.tokens[p].start : tree.tokens[p].end].lower() == "as"
        ]
        parts = [_clean_title(left), _clean_title(right), *(_clean_title(s[2:]) for s in served)]
        return ", ".join(p for p in parts if p) or None

    def _learn_gender(self) -> None:
        for i, token in enumerate(self._tree.tokens):
            word = self._text[token.start : token.end].lower()
            gender = self._gender_of(word)
            if gender is None or self._inside_quote(token.start):
                continue
            if word in ("he", "she", "his", "him", "her", "himself", "herself"):
                keys = {e.key for e in self._candidates(token.start, token.sentence, span=2)}
                if len(keys) == 1:
                    self._people[keys.pop()].votes[gender] += 1
            elif i + 1 < len(self._tree.tokens):  # an honorific: the next mention is its person
                nxt = self._tree.tokens[i + 1]
                for entry in self._entries.get(nxt.sentence, []):
                    if entry.offset == nxt.start or entry.offset == token.start:
                        self._people[entry.key].votes[gender] += 2

    def _gender_of(self, word: str) -> str | None:
        if word in self._lex.male:
            return "male"
        return "female" if word in self._lex.female else None

    def _candidates(self, offset: int, sentence: int, *, span: int = _WINDOW) -> list[_Entry]:
        """Earlier entries, nearest sentence first; in each sentence subjects first, then by recency."""
        out: list[_Entry] = []
        for s in range(sentence, max(-1, sentence - span), -1):
            here = sorted((e for e in self._entries.get(s, []) if e.offset < offset), key=lambda e: -e.offset)
            out += sorted(here, key=lambda e: (not e.is_speaker, not e.is_subject))
        return out

    # --- resolving -----------------------------------------------------------------------------

    def resolve(self, first: int, last: int) -> Speaker:
        """The speaker a source span (tokens ``first..last``, inclusive) refers to."""
        tree = self._tree
        start, end = tree.span(first, last)
        raw = Speaker(self._text[start:end], start, end)
        person = self._direct(first, last)
        if person is None and first == last:
            person = self._antecedent(first)
        if person is None:
            person = self._role(first, last)
        if person is None:
            return self._non_person(first, last) or raw
        self._note(first, last, person.key, True, is_speaker=True)
        self._speakers.append(person.key)
        title = self._title(first, last) if tree.tokens[first].pos == "PROPN" else None
        person.role_words |= {self._lex.expand(w) for w in (title or "").replace(",", " ").split()}
        return Speaker(
            person.name, person.start, person.end, person.entity_id, title or person.title, person.key
        )

    def _direct(self, first: int, last: int) -> _Person | None:
        """A person named in the span: a PERSON mention, a known surname, or a new proper name."""
        start, end = self._tree.span(first, last)
        for mention in self._doc.mentions:
            if start <= mention.start and mention.end <= end:
                key = mention.entity_id or ""
                found = self._people.get(key) or self._by_surname(mention.start, mention.end)
                if found is not None:
                    return found
        root = self._root(first, last)
        word = self._text[self._tree.tokens[root].start : self._tree.tokens[root].end]
        if self._tree.tokens[root].pos != "PROPN" or self._lex.expand(word) in self._lex.title_words:
            return None
        if any(
            m.start <= self._tree.tokens[root].start < m.end and m.label in _PLACES
            for m in self._doc.mentions
        ):
            return None
        found = self._by_surname(*self._tree.span(root, root))
        if found is not None:
            return found
        name = self._name_tokens(*self._proper_run(root))
        return self._person_for(name, None) if name else None

    def _proper_run(self, root: int) -> tuple[int, int]:
        first = root
        while (
            first > 0
            and self._tree.tokens[first - 1].pos == "PROPN"
            and self._tree.tokens[first - 1].head == root
        ):
            first -= 1
        return first, root

    def _by_surname(self, start: int, end: int) -> _Person | None:
        words = self._text[start:end].split()
        surname = words[-1].lower().removesuffix("'s").removesuffix("’s") if words else ""
        for person in self._people.values():
            if person.name.split()[-1].lower() == surname:
                return person
        return None

    def _antecedent(self, i: int) -> _Person | None:
        token = self._tree.tokens[i]
        gender = self._gender_of(self._text[token.start : token.end].lower())
        if gender is None:
            return None
        for entry in self._candidates(token.start, token.sentence):
            person = self._people[entry.key]
            if person.gender in (None, gender):
                return person
        return None

    def _role(self, first: int, last: int) -> _Person | None:
        """'the army chief' → the latest speaker, else person, whose title holds the head noun."""
        root = self._root(first, last)
        token = self._tree.tokens[root]
        if (token.pos != "NOUN" and token.pos != "PROPN") or token.tag in ("NNS", "NNPS"):
            return None
        head = self._lex.expand(self._text[token.start : token.end])
        if token.lemma.lower() in self._lex.source_nouns:
            return None
        recent = list(dict.fromkeys(reversed(self._speakers)))
        recent += [
            e.key for e in self._candidates(token.start, token.sentence, span=10_000) if e.key not in recent
        ]
        for key in recent:
            if head in self._people[key].role_words:
                return self._people[key]
        return None

    def _non_person(self, first: int, last: int) -> Speaker | None:
        """A named organisation or outlet, or a document by one ('a 2022 report by X')."""
        start, end = self._tree.span(first, last)
        inside = [m for m in self._doc.mentions if start <= m.start and m.end <= end and m.label != "DATE"]
        root = self._tree.tokens[self._root(first, last)]
        named = [m for m in inside if m.start <= root.start < m.end]
        if not named and root.lemma.lower() in self._lex.source_nouns:
            named = inside[-1:]
        if not named:
            return None
        m = named[0]
        return Speaker(m.text, m.start, m.end, m.entity_id, None, None)


def _clean_title(text: str) -> str:
    words = " ".join(text.split()).strip(" ,;:-—").split(" ")
    while words and words[0].lower() in ("the", "a", "an", "and", "who"):
        words = words[1:]
    return " ".join(words).strip(" ,;:-—")
