"""Who a source span refers to: names, surnames, pronouns and roles, by a small salience model.

Method. People are the PERSON mentions (grouped by entity id, else by surname) plus every proper-noun
speaker found on the way (``people``). A name or surname resolves directly (``names``). A pronoun ("she",
"he") resolves to the closest earlier person outside quotation marks, searching back sentence by sentence
(at most twelve): earlier speakers first, then grammatical subjects, then other mentions, skipping people
whose learned gender conflicts (``pronouns``). Gender is learned from the article itself (a pronoun with a
single candidate in its own or the previous sentence votes, as do honorifics such as "Mr" or "Ms").
A role ("the army chief") resolves to the most recent speaker, else the most recent person, whose
stated title contains the role's head noun and names no other nationality ("the Dutch minister")
(``offices``). Titles come from Entity.attributes when the resolver gives them, else from the words
around the name (pre-modifiers, appositions, "who served as ..."); the name is the fullest written,
without them (``phrases``). "it", "which" and what names no person (organisations, outlets, documents,
anonymous sources) go to ``sources`` and ``bodies``. A pronoun with no antecedent that agrees resolves to
None, never to itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsift.extract.quotes.lexicon import Lexicon
from newsift.extract.quotes.shapes import asks_anonymity
from newsift.extract.quotes.sources import SourceIndex, Speaker
from newsift.extract.quotes.speakers.bodies import Bodies
from newsift.extract.quotes.speakers.names import Names
from newsift.extract.quotes.speakers.offices import Offices
from newsift.extract.quotes.speakers.people import People, Person
from newsift.extract.quotes.speakers.phrases import Phrases
from newsift.extract.quotes.speakers.pronouns import Pronouns
from newsift.extract.syntax import Tree
from newsift.model import AnnotatedArticle, SpeakerKind

__all__ = ["SpeakerResolver"]

_AGE = re.compile(r"the \d{1,3}-year-old")


class SpeakerResolver:
    """Resolve source spans in text order; each resolved speaker becomes salient for what follows."""

    def __init__(
        self, annotated: AnnotatedArticle, tree: Tree, quoted: Sequence[tuple[int, int]], lexicon: Lexicon
    ) -> None:
        self._ph = Phrases(annotated, tree, quoted, lexicon)
        self._text, self._tree, self._lex = self._ph.text, tree, lexicon
        self._sources = SourceIndex(annotated, tree, quoted, lexicon)
        self._people = People(self._ph, self._sources)
        self._names = Names(self._ph, self._people, self._sources)
        self._pronouns = Pronouns(self._ph, self._people, self.resolve)
        self._offices = Offices(self._ph, self._people, self._sources, self._pronouns)
        self._bodies = Bodies(self._ph, self._sources, self._offices, self._pronouns)
        self._spokesperson: tuple[int, Speaker] | None = None  # the latest named spokesperson, by sentence

    def resolve(self, first: int, last: int, content: Sequence[tuple[int, int]] = ()) -> Speaker | None:
        """The speaker a source span (tokens ``first..last``, inclusive) refers to.

        None for a pronoun with no antecedent that agrees: a quote is never credited to "it" or "which".
        A pronoun is never a person named by name in what it says (``content``, char spans): in 'He said
        Mr Lee was right', 'he' is not Lee.
        """
        self._pronouns.content = content
        word = self._text[slice(*self._tree.span(first, last))].lower()
        if word == "they":
            return self._group_of_spokesperson(first) or self._pronouns.they(first)
        root = self._ph.root(first, last)
        joined = [k for k in self._tree.kids(root, "conj") if first < k <= last]
        if joined and self._tree.tokens[root].pos == "PROPN":
            return self._joint(first, root, joined[0], last)
        found = self._resolve(first, last, word)
        if found is not None and found.kind is SpeakerKind.PERSON and found.speaks_for:
            self._spokesperson = (self._tree.tokens[first].sentence, found)
        if found is not None and found.kind is not SpeakerKind.PERSON and self._ph.is_plural(root):
            self._pronouns.plural = (self._tree.tokens[root].sentence, found)
        return found

    def _group_of_spokesperson(self, i: int) -> Speaker | None:
        """'Group spokesman Ann Lee said X. They added Y': 'they' after a named spokesperson of a body, in
        this or the last sentence, is the body (never the spokesperson, never a subject of what he said)."""
        if self._spokesperson is None or self._spokesperson[0] < self._tree.tokens[i].sentence - 1:
            return None
        return self._sources.body_named(self._spokesperson[1].speaks_for or "", i)

    def _joint(self, first: int, root: int, conj: int, last: int) -> Speaker | None:
        """'Japan and the Philippines said', 'Ann Lee and Tom Reed said': the first named speaks for the
        record (its entity), and the text keeps every name joined ('Japan and the Philippines')."""
        cc = [k for k in self._tree.kids(root, "cc") if k < conj]
        end = (cc[0] if cc else conj) - 1
        while end > first and self._tree.tokens[end].pos == "PUNCT":
            end -= 1
        found = self._resolve(first, end, self._text[slice(*self._tree.span(first, end))].lower())
        if found is None or found.kind not in (SpeakerKind.PERSON, SpeakerKind.ORGANISATION):
            return found
        rest = self._text[self._tree.tokens[end].end : self._tree.tokens[last].end]
        return replace(found, text=found.text + rest)

    def _resolve(self, first: int, last: int, word: str) -> Speaker | None:
        kinds = self._lex.kinds
        if word in kinds.pronouns_relative:
            return self._pronouns.relative(first)
        if first == last and (word in kinds.pronouns_things or self._ph.gender_of(word) is not None):
            embedded = self._pronouns.clause_subject(first)
            if embedded is not None:
                return embedded
        if word in kinds.pronouns_things:
            return self._pronouns.recent_body(first) or self._sources.pronoun(first)
        if word in kinds.pronouns_other:
            return None
        outlet = self._sources.outlet_at_head(first, last)
        if outlet is not None:
            return self._sources.speaker_for(outlet)
        root = self._ph.root(first, last)
        if (self._tree.tokens[root].pos == "PROPN" and self._sources.titled_outlet(root, root)) or (
            self._sources.classify(first, last) is SpeakerKind.MEDIA
        ):
            start, end = self._tree.span(first, last)  # 'the newspaper Al Qalam', whatever the tagger said
            return Speaker(self._text[start:end], start, end, kind=SpeakerKind.MEDIA)
        if self._asks_anonymity(first, last):
            start, end = self._tree.span(first, last)
            return Speaker(self._text[start:end], start, end, kind=SpeakerKind.ANONYMOUS)
        short = self._sources.short_name(first, last)
        if short is not None:
            return short
        person = self._names.direct(first, last)
        if person is None and _AGE.fullmatch(word):
            person = self._aged(first)
        if person is None and first == last and self._ph.gender_of(word) is not None:
            unnamed = self._pronouns.unnamed_before(first)
            if unnamed is not None:
                return unnamed
        if person is None and first == last:
            person = self._pronouns.antecedent(first) or self._pronouns.cataphor(first)
        if person is None and self._ph.gender_of(word) is not None:
            return None
        if person is None:
            person = self._offices.role(first, last)
        if person is None:
            start, end = self._tree.span(first, last)
            body = self._bodies.non_person(first, last)
            if body is not None and body.kind is SpeakerKind.ORGANISATION:
                self._pronouns.body = (self._tree.tokens[first].sentence, body)
            if body is not None and body.kind is SpeakerKind.ANONYMOUS and self._ph.one_person(first, last):
                self._pronouns.unnamed = (self._tree.tokens[first].sentence, body)
            return body or Speaker(self._text[start:end], start, end, kind=self._unnamed_kind(first, last))
        return self._people.as_speaker(person, first, last)

    def _aged(self, i: int) -> Person | None:
        """'the 58-year-old': the one person named in this or the last sentence (none when two were)."""
        token = self._tree.tokens[i]
        named = self._pronouns.named_in_content()
        keys = {e.key for e in self._people.candidates(token.start, token.sentence, span=2)} - named
        return self._people[keys.pop()] if len(keys) == 1 else None

    def _asks_anonymity(self, first: int, last: int) -> bool:
        """'The general, who asked that his name not be used,': a common noun whose own clause asks to stay
        unnamed is an anonymous source, whoever holds that office in the article."""
        root = self._ph.root(first, last)
        if self._tree.tokens[root].pos != "NOUN":
            return False
        for clause in self._tree.kids(root, "relcl", "acl"):
            start, end = self._tree.span(*self._tree.subtree(clause))
            if asks_anonymity(self._text[start:end]):
                return True
        return False

    def _unnamed_kind(self, first: int, last: int) -> SpeakerKind | None:
        """'"...," the official said, speaking on condition of anonymity': a definite common noun for one
        person that is no title ('the official', 'the diplomat') and names no one is anonymous."""
        root = self._ph.root(first, last)
        token = self._tree.tokens[root]
        word = self._text[token.start : token.end]
        if token.pos != "NOUN" or token.tag != "NN" or not self._ph.is_definite(first, root):
            return None
        if (
            token.lemma.lower() not in self._lex.kinds.person_nouns
            or self._lex.expand(word) in self._lex.title_words
        ):
            return None
        return SpeakerKind.ANONYMOUS
