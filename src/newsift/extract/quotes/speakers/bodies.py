"""Bodies, spokespeople and unnamed sources: a named organisation or outlet, a document by one, a short
form ('the ministry', 'the panel'), a spokesperson who speaks for a body, an unnamed official written
again ('the official added'), or a source of another kind (anonymous, media, document).
"""

from __future__ import annotations

from newsift.extract.quotes.sources import SourceIndex, Speaker
from newsift.extract.quotes.speakers.offices import SALIENT_SENTENCES, Offices
from newsift.extract.quotes.speakers.phrases import Phrases
from newsift.extract.quotes.speakers.pronouns import Pronouns
from newsift.model import SpeakerKind

__all__ = ["Bodies"]

_AUTHOR_PREPS = ("by", "from", "of")


class Bodies:
    """Who a span that names no person by name refers to."""

    def __init__(self, phrases: Phrases, sources: SourceIndex, offices: Offices, pronouns: Pronouns) -> None:
        self._ph, self._sources, self._offices, self._pronouns = phrases, sources, offices, pronouns
        self._text, self._tree, self._lex, self._doc = phrases.text, phrases.tree, phrases.lex, phrases.doc

    def non_person(self, first: int, last: int) -> Speaker | None:
        """A named organisation or outlet, a document by one ('a 2022 report by X'), an organisation's
        short form ('the ministry'), or a source of another kind (anonymous, media, document)."""
        start, end = self._tree.span(first, last)
        raw = self._text[start:end]
        sources = self._sources
        spoken_for = sources.spoken_for(first, last) or (
            self.spokesperson_of_body(first, last) if self._ph.is_indefinite(first) else None
        )
        if spoken_for is not None:
            return spoken_for
        named = sources.named_inside(first, last)
        kind = sources.classify(first, last)
        if named is not None and kind is SpeakerKind.DOCUMENT:
            return sources.speaker_for(named)  # 'a report by X': X speaks
        if kind is SpeakerKind.DOCUMENT:
            owner = self.owner_of_document(first, last)
            if owner is not None:
                return owner
        if kind is not None:
            return Speaker(raw, start, end, kind=kind)
        if named is not None and (named.entity_id or not named.text[:1].islower()):
            return sources.speaker_for(named)
        return (  # an untagged or lowercase body ('the navy') is a short form first
            sources.short_form(first, last)
            or self.unnamed_again(first, last)
            or self.body_again(first, last)
            or self._offices.described_person(first, last)
            or self.spokesperson_of_body(first, last)
            or sources.unnamed_body(first, last)
            or (sources.speaker_for(named) if named is not None else None)
        )

    def owner_of_document(self, first: int, last: int) -> Speaker | None:
        """ "The ministry's statement said": a document owned by a body's short form is that body's, when the
        short form stands for a body named before."""
        root = self._ph.root(first, last)
        for k in self._tree.kids(root, "poss"):
            token = self._tree.tokens[k]
            if first <= k < root and token.pos == "NOUN":
                body = self._sources.body_by_noun(k, self._tree.left[k], k)
                if body is not None and body.kind is SpeakerKind.ORGANISATION:
                    self._pronouns.body = (token.sentence, body)
                    return body
        return self._issuing_body(root)

    def _issuing_body(self, root: int) -> Speaker | None:
        """'a statement from the Chilean navy', 'a report by the air force': a document whose 'by', 'from' or
        'of' names a body by its common noun is that body's (a short form of one named before, else the
        phrase as written)."""
        tree = self._tree
        for prep in tree.kids(root, "prep"):
            if self._ph.word(prep) not in _AUTHOR_PREPS:
                continue
            for obj in tree.kids(prep, "pobj"):
                if tree.tokens[obj].lemma.lower() not in self._lex.kinds.organisation_nouns:
                    continue
                a, b = tree.subtree(obj, without=[*tree.kids(obj, "relcl", "acl")])
                body = self._sources.short_form(a, b) or self._sources.unnamed_body(a, b)
                if body is not None and body.kind is SpeakerKind.ORGANISATION:
                    self._pronouns.body = (tree.tokens[obj].sentence, body)
                    return body
        return None

    def spokesperson_of_body(self, first: int, last: int) -> Speaker | None:
        """'its spokesman', 'a company spokeswoman', 'a ministry spokesman' (naming no body): the body
        'it' is, or the latest body the noun fits, speaks; with none before, the source stays unnamed.
        A definite one ('the government spokesman') is first a holder named next."""
        tree = self._tree
        root = self._ph.root(first, last)
        if self._ph.word(root) not in self._lex.kinds.spokes_words:
            return None
        for k in tree.kids(root, "poss", "compound", "amod", "nmod"):
            if not first <= k < root:
                continue
            if tree.tokens[k].dep == "poss" and self._ph.word(k) in ("its", "their"):
                body = self._sources.possessor(k)
            elif tree.tokens[k].dep == "poss" and tree.tokens[k].pos == "NOUN":
                body = self._sources.body_by_noun(k, tree.left[k], k)  # "the group's spokesman"
            elif (
                tree.tokens[k].dep != "poss"
                and tree.tokens[k].lemma.lower() in self._lex.kinds.organisation_nouns
            ):
                body = self._sources.body_by_noun(k, k, k) or self.recent_body_named(k)
            else:
                continue
            if body is not None and body.kind is SpeakerKind.ORGANISATION:
                return self._sources.speak_for(body, first, last)
        return self.bare_spokesperson(first, root, last)

    def bare_spokesperson(self, first: int, root: int, last: int) -> Speaker | None:
        """'The ministry summoned the envoy. ... A spokeswoman said': 'a spokesperson' with nothing naming
        a body speaks for the body that spoke, else was a subject, in this or the last two sentences."""
        if first != root - 1 or last != root or not self._ph.is_indefinite(first):
            return None
        body = self._pronouns.recent_body(root, back=2) or self._sources.possessor(root, span=3)
        if body is None or body.kind is not SpeakerKind.ORGANISATION:
            return None
        return self._sources.speak_for(body, first, last)

    def recent_body_named(self, k: int) -> Speaker | None:
        """The body that spoke in this or the last sentence when its words hold the noun at ``k``."""
        body = self._pronouns.recent_body(k)
        noun = self._tree.tokens[k].lemma.lower()
        return body if body is not None and noun in body.text.lower().split() else None

    def unnamed_again(self, first: int, last: int) -> Speaker | None:
        """'A senior official said ... "...," the official added': a definite description whose head noun
        was last written, in the last few sentences, in an indefinite phrase that names no one is that
        unnamed source again (anonymous), not the person named nearest."""
        tokens = self._tree.tokens
        root = self._ph.root(first, last)
        token = tokens[root]
        lemma = token.lemma.lower()
        if token.tag in ("NNS", "NNPS") or not self._ph.is_definite(first, root):
            return None
        if lemma not in self._lex.kinds.person_nouns or lemma in self._lex.kinds.spokes_words:
            return None
        for k in range(first - 1, -1, -1):
            if tokens[k].sentence < token.sentence - SALIENT_SENTENCES:
                break
            if (
                tokens[k].lemma.lower() != lemma
                or tokens[k].pos != "NOUN"
                or self._ph.inside_quote(tokens[k].start)
            ):
                continue
            if tokens[k].tag == "NNS" or self._ph.names_someone(k):
                return None
            if any(
                self._ph.word(d) in self._lex.kinds.indefinite_determiners for d in self._tree.kids(k, "det")
            ):
                start, end = self._tree.span(first, last)
                return Speaker(self._text[start:end], start, end, kind=SpeakerKind.ANONYMOUS)
            return None
        return None

    def body_again(self, first: int, last: int) -> Speaker | None:
        """'The UN panel of experts said X. The panel said Y', "Iran's mission to the UN ... the mission
        said": a definite singular noun (no person, country or document noun) last written, in the last
        few sentences, as the head of a phrase naming a body or country is that phrase, as first written."""
        tokens, kinds = self._tree.tokens, self._lex.kinds
        root = self._ph.root(first, last)
        token = tokens[root]
        lemma = token.lemma.lower()
        if token.pos != "NOUN" or token.tag != "NN" or not self._ph.is_definite(first, root):
            return None
        if lemma in kinds.person_nouns or lemma in kinds.country_nouns or lemma in self._lex.source_nouns:
            return None
        if lemma in kinds.document_nouns or lemma in self._lex.media:
            return None  # 'the article', 'the statement': a document, not a body
        for k in range(first - 1, -1, -1):
            if tokens[k].sentence < token.sentence - SALIENT_SENTENCES:
                return None
            if (
                tokens[k].lemma.lower() != lemma
                or tokens[k].pos != "NOUN"
                or self._ph.inside_quote(tokens[k].start)
            ):
                continue
            a, b = self._tree.subtree(k, without=[*self._tree.kids(k, "relcl", "acl")])
            start, end = tokens[a].start, tokens[b].end
            named = [
                m
                for m in self._doc.mentions
                if start <= m.start and m.end <= end and self._ph.names_body(m) and m.start < tokens[k].start
            ]
            if not named or b - a < 1:
                return None
            if last - first > b - a:  # 'a UN panel' then 'the panel of experts': the fuller as written
                start, end = self._tree.span(first, last)
            return Speaker(self._text[start:end], start, end, kind=SpeakerKind.ORGANISATION)
        return None
