"""A speaker written by name: a PERSON mention, a known surname, a name in apposition to a title, or a
new proper name; never a place, a known body, or a name that ends someone else's ('Ravi Singh' is no
'Karim Singh').
"""

from __future__ import annotations

from newsift.extract.quotes.sources import SourceIndex
from newsift.extract.quotes.speakers.people import People, Person
from newsift.extract.quotes.speakers.phrases import Phrases, name_key
from newsift.model import Mention

__all__ = ["Names"]

_PLACES = ("GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT", "PRODUCT", "LAW")


class Names:
    """The person a span names by name."""

    def __init__(self, phrases: Phrases, people: People, sources: SourceIndex) -> None:
        self._ph, self._people, self._sources = phrases, people, sources
        self._text, self._tree, self._lex, self._doc = phrases.text, phrases.tree, phrases.lex, phrases.doc

    def direct(self, first: int, last: int) -> Person | None:
        """A person named in the span: a PERSON mention, a known surname, or a new proper name."""
        start, end = self._tree.span(first, last)
        root = self._ph.root(first, last)
        inside = [m for m in self._doc.mentions if start <= m.start and m.end <= end]
        inside.sort(key=lambda m: self._ph.heads_phrase(m, root))
        for mention in inside:
            if mention.end <= self._tree.tokens[root].start and self._ph.another_person(root):
                continue  # "Lee's colleagues", 'a Lee aide': someone else speaks
            key = mention.entity_id or ""
            found = self._people.get(key) or self._people.by_surname(mention.start, mention.end)
            if found is not None and self.written_fits(mention, found):
                return found
        appositive = self.appositive_name(root, first, last)
        if appositive is not None:
            return appositive
        word = self._text[self._tree.tokens[root].start : self._tree.tokens[root].end]
        if (
            self._tree.tokens[root].pos == "PROPN"
            and root > first
            and self._ph.word(root - 1) in self._lex.honorifics
        ):
            span = self._tree.span(root, root)  # 'Ms King': a surname, whatever else the word is
            return self._people.by_surname(*span) or self._people.person_for((root, root), None)
        if self._tree.tokens[root].pos != "PROPN" or self._lex.expand(word) in self._lex.title_words:
            return None
        if not word[:1].isupper() or word.lower() in self._lex.kinds.organisation_nouns:
            return None  # 'the defence ministry' tagged as a proper noun names no person
        if any(
            m.start <= self._tree.tokens[root].start < m.end
            and (m.label in _PLACES or self._ph.not_person(m) or _of_body(m, self._tree.tokens[root].end))
            for m in self._doc.mentions
        ):
            return None
        name = self._ph.name_tokens(*self._ph.proper_run(root))
        found = self._people.by_surname(
            *self._tree.span(*(name or (root, root)))
        )  # 'Ravi Singh' is no 'Karim Singh'
        if found is not None:
            return found
        return self._people.person_for(name, None) if name else None

    def appositive_name(self, root: int, first: int, last: int) -> Person | None:
        """'The embassy's spokesman, Bui Thanh Son,': a name in apposition to a person noun or title is the
        person, even when the tagger did not take it for one (two to four name-shaped proper nouns, none
        inside a place or a known organisation)."""
        tree, text = self._tree, self._text
        head = tree.tokens[root]
        if head.lemma.lower() not in self._lex.kinds.person_nouns and not self._ph.is_title(
            text[head.start : head.end]
        ):
            return None
        for k in tree.kids(root, "appos"):
            if not first <= k <= last or tree.tokens[k].pos != "PROPN":
                continue
            run = self._ph.name_tokens(*self._ph.proper_run(k))
            if run is None:
                continue
            tokens = tree.tokens[run[0] : run[1] + 1]
            words = [text[t.start : t.end] for t in tokens]
            if not 2 <= len(words) <= 4 or not all(  # 'Son' ends a name; the first word is no title
                self._ph.name_word(w, t) or (n and self._ph.name_word(w.lower().title(), t, titles=False))
                for n, (w, t) in enumerate(zip(words, tokens, strict=True))
            ):
                continue
            start, end = tree.span(*run)
            if any(m.start < end and start < m.end and self._ph.not_person(m) for m in self._doc.mentions):
                continue  # a gazetteer's place or body; a tagger's guess ('Costa' a place) gives way
            person = self._people.by_surname(start, end) or self._people.person_for(run, None)
            person.speaks_for = person.speaks_for or self._sources.spokesperson_for(*run)
            return person
        return None

    def written_fits(self, mention: Mention, person: Person) -> bool:
        """'Air Marshal Ravi Singh' is not 'Karim Singh': the proper nouns written before a surname the
        linker tied to someone must end that person's name."""
        tree = self._tree
        run = self._ph.name_tokens(*self._ph.proper_run(tree.token_at(mention.end - 1)))
        if run is None or tree.tokens[run[0]].start >= mention.start:
            return True
        written = [name_key(w) for w in self._text[slice(*tree.span(*run))].split()]
        theirs = [name_key(w) for w in person.name.split()]
        return len(written) <= len(theirs) and theirs[len(theirs) - len(written) :] == written


def _of_body(mention: Mention, end: int) -> bool:
    """'the Joint Chiefs of Staff', 'the Chamber of Commerce': an organisation the tagger named with 'of'
    and a capitalised word after the head word is a body, not a person's name."""
    if mention.label != "ORG" or end >= mention.end:
        return False
    rest = mention.text[end - mention.start :].split()
    return len(rest) >= 2 and rest[0] == "of" and rest[1][:1].isupper()
