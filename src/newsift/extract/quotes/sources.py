"""Sources that are not named people: organisations, outlets, documents and anonymous sources.

Method. Every organisation, country or demonym mentioned outside quotation marks is an entry in a
small salience list (sentence, offset, whether it is a grammatical subject). "it" and a short form
("the ministry", "the group", "the country") resolve to the closest earlier entry that agrees: one
that already spoke first, then subjects, then any mention, nearest sentence first; a short form
needs its head noun in the entry's name, else a generic noun of the entry's kind. What is left is
classified, never resolved: an outlet (an entity of kind outlet, or a noun phrase headed by
"newspaper", "news agency", ...) is the channel of an attribution (``media``); an unnamed person
("an official", "sources", "two diplomats") is ``anonymous``; a report or statement without an
author is a ``document``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsift.extract.quotes.lexicon import Lexicon
from newsift.extract.quotes.shapes import root_of
from newsift.extract.syntax import Tree
from newsift.model import AnnotatedArticle, Entity, EntityKind, Mention, Resolution, SpeakerKind

__all__ = ["SourceIndex", "Speaker"]

_THING_LABELS = ("ORG", "GPE", "NORP")
_NOT_NAMES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")
_SOME = frozenset(("one", "some", "several", "many", "few", "most", "none", "each", "either", "neither"))
_PLURAL_TAGS = ("NNS", "NNPS")
_MIN_LINE_WORDS = 5
# heads that name an outlet only with a news word beside them ('news agency', not 'space agency')
_NEEDS_NEWS = ("agency", "service", "network", "wire", "station", "channel")
_ORGANISATION_KINDS = (
    EntityKind.ORGANISATION,
    EntityKind.COMPANY,
    EntityKind.MILITARY_UNIT,
    EntityKind.OUTLET,
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the name as written (and where), its entity id, stated title and kind.

    ``speaks_for`` names the organisation a spokesperson speaks for. A speaker of kind anonymous,
    media or document keeps ``entity_id`` None and ``text`` as written.
    """

    text: str
    start: int
    end: int
    entity_id: str | None = None
    affiliation: str | None = None
    key: str | None = None
    kind: SpeakerKind | None = None
    speaks_for: str | None = None


@dataclass(frozen=True, slots=True)
class _Thing:
    offset: int
    mention: Mention
    is_subject: bool


class SourceIndex:
    """Organisations and countries of one article, in text order, for non-person sources."""

    def __init__(
        self, annotated: AnnotatedArticle, tree: Tree, quoted: Sequence[tuple[int, int]], lexicon: Lexicon
    ) -> None:
        self._text = annotated.article.text
        self._tree = tree
        self._words = lexicon.kinds
        self._lex = lexicon
        self._mentions = annotated.mentions
        self._entities: dict[str, Entity] = {e.id: e for e in annotated.entities}
        self._things: defaultdict[int, list[_Thing]] = defaultdict(list)
        self._spoken: list[str] = []
        self._spokesperson: Speaker | None = None
        for mention in annotated.mentions:
            if (
                self._is_thing(mention)
                and not any(s < mention.start < e for s, e in quoted)
                and not self._credit(mention)
            ):
                first = tree.token_at(mention.start)
                subject = tree.tokens[_climb(tree, first)].dep in ("nsubj", "nsubjpass")
                self._things[tree.tokens[first].sentence].append(_Thing(mention.start, mention, subject))

    def _credit(self, mention: Mention) -> bool:
        """A name on a line of its own or in brackets (a byline, a wire or photo credit) is no antecedent."""
        start = self._text.rfind("\n", 0, mention.start) + 1
        end = self._text.find("\n", mention.end)
        if self._text[: mention.start].rstrip().endswith("(") and self._text[
            mention.end :
        ].lstrip().startswith(")"):
            return True  # 'MANILA (Wire) -', '(Photo: Agency)'
        return len(self._text[start : end if end >= 0 else len(self._text)].split()) < _MIN_LINE_WORDS

    def _is_thing(self, mention: Mention) -> bool:
        entity = self._entities.get(mention.entity_id or "")
        if entity is not None:
            return entity.kind in (*_ORGANISATION_KINDS, EntityKind.COUNTRY)
        return mention.label in _THING_LABELS

    def _word(self, i: int) -> str:
        token = self._tree.tokens[i]
        return self._text[token.start : token.end].lower()

    # --- public -----------------------------------------------------------------------------------

    def speaker_for(self, mention: Mention) -> Speaker:
        """A named organisation, country or outlet as a speaker (an outlet is media, not a speaker)."""
        entity = self._entities.get(mention.entity_id or "")
        if self.is_outlet(mention):
            return Speaker(mention.text, mention.start, mention.end, kind=SpeakerKind.MEDIA)
        if mention.entity_id:
            self._spoken.append(mention.entity_id)
        is_person = entity.kind is EntityKind.PERSON if entity is not None else mention.label == "PERSON"
        kind = SpeakerKind.PERSON if is_person else None
        entity_id = None if is_person else self._country_short_form(mention)
        return Speaker(
            mention.text,
            mention.start,
            mention.end,
            entity_id or mention.entity_id,
            kind=kind or SpeakerKind.ORGANISATION,
        )

    def _country_short_form(self, mention: Mention) -> str | None:
        """'the Islamic Republic' after 'Iran', 'the North' after 'North Korea': a name the tagger made of
        the leading words of a country's name or alias, written with 'the', speaks as the nearest country
        named before it whose name starts so."""
        entity = self._entities.get(mention.entity_id or "")
        if mention.resolution is not Resolution.NER or (
            entity is not None and entity.kind is not EntityKind.PLACE
        ):
            return None
        words = mention.text.lower().split()
        if words[:1] == ["the"]:
            words = words[1:]
        elif not self._text[: mention.start].rstrip().lower().endswith("the"):
            return None
        if not words:
            return None
        for other in sorted(self._mentions, key=lambda m: -m.start):
            country = self._entities.get(other.entity_id or "")
            if other.end > mention.start or country is None or country.kind is not EntityKind.COUNTRY:
                continue
            for name in (country.name, *country.aliases):
                written = name.lower().split()
                if len(words) < len(written) and written[: len(words)] == words:
                    return country.id
        return None

    def is_outlet(self, mention: Mention) -> bool:
        entity = self._entities.get(mention.entity_id or "")
        if entity is not None and entity.kind is EntityKind.OUTLET:
            return True
        first, last = self._tree.token_at(mention.start), self._tree.token_at(mention.end - 1)
        return self._names_outlet(first, last) or self._described_as_outlet(mention)

    def outlet_at_head(self, first: int, last: int) -> Mention | None:
        """The outlet a source span is headed by ('Reuters', 'Al Ahram, an Egyptian daily')."""
        mention = self.named_inside(first, last)
        if mention is not None and self.is_outlet(mention):
            return mention
        return None

    def names_person(self, first: int, last: int) -> bool:
        """The source span holds a person's name (a PERSON mention, or an entity of kind person)."""
        start, end = self._tree.span(first, last)
        for m in self._mentions:
            entity = self._entities.get(m.entity_id or "")
            if (
                start <= m.start
                and m.end <= end
                and (m.label == "PERSON" if entity is None else entity.kind is EntityKind.PERSON)
            ):
                return True
        return False

    def is_channel(self, first: int, last: int) -> bool:
        """A source that relays rather than speaks: a news outlet."""
        return self.outlet_at_head(first, last) is not None or self.classify(first, last) is SpeakerKind.MEDIA

    def pronoun(self, i: int) -> Speaker | None:
        """'it said': the closest earlier organisation or country that agrees; a country that owns the
        body a clause was about ("Chile's navy denied it. It said ...") stands with that body as written."""
        token = self._tree.tokens[i]
        for thing in self._candidates(token.start, token.sentence, span=4):
            return self._owned_body(self.speaker_for(thing.mention), thing.mention)
        return None

    def _owned_body(self, speaker: Speaker, mention: Mention) -> Speaker:
        """ "Chile's navy", "Ukraine's General Staff" as a subject: the country with the body it owns."""
        tree = self._tree
        root = root_of(tree, tree.token_at(mention.start), tree.token_at(mention.end - 1))
        owner = tree.tokens[root].head
        noun = tree.tokens[owner]
        if tree.tokens[root].dep != "poss" or owner <= root or noun.dep not in ("nsubj", "nsubjpass"):
            return speaker
        head = noun.lemma.lower()
        people = self._words.person_nouns | self._words.spokes_words | self._lex.title_words
        if noun.pos not in ("NOUN", "PROPN") or noun.tag in _PLURAL_TAGS or head in people:
            return speaker  # 'Chile's president', 'Chile's diplomats' are people, not the country's body
        return replace(speaker, text=self._text[mention.start : noun.end], end=noun.end)

    def possessor(self, i: int, *, span: int = 2) -> Speaker | None:
        """'its spokesman': the body 'its' stands for, the nearest earlier one that spoke or was a subject
        in this or the last sentence (``span`` sentences; a nationality in passing, 'a Korean yard', is
        not meant)."""
        token = self._tree.tokens[i]
        tree = self._tree
        for thing in self._candidates(token.start, token.sentence, span=span):
            m = thing.mention
            root = _climb(tree, root_of(tree, tree.token_at(m.start), tree.token_at(m.end - 1)))
            if tree.tokens[root].dep in ("nsubj", "nsubjpass") or m.entity_id in self._spoken:
                return self.speaker_for(m)
        return None

    def short_form(self, first: int, last: int) -> Speaker | None:
        """'the ministry', 'the London-based group', 'the Dutch builder', 'the country': a definite common
        noun phrase. A nationality in it ('the Dutch builder') skips bodies of another country; when no
        body before it fits, the first that fits in its sentence or the next two ('..., its Brazilian
        manufacturer said. Embraer ...')."""
        root = root_of(self._tree, first, last)
        token = self._tree.tokens[root]
        if token.pos != "NOUN" or not self._is_definite(first, root):
            return None
        return self.body_by_noun(root, first, last)

    def short_name(self, first: int, last: int) -> Speaker | None:
        """'the Guards' after 'the Revolutionary Guards', 'the Corps' after 'the Marine Corps': 'the' and
        the last words of a body's name named before (a known entity, not a country) stand for it."""
        root = root_of(self._tree, first, last)
        words = [self._word(k) for k in range(first, last + 1)]
        if self._tree.tokens[root].pos != "PROPN" or len(words) < 2 or words[0] != "the" or root != last:
            return None
        offset = self._tree.tokens[first].start
        for thing in self._candidates(offset, self._tree.tokens[first].sentence, span=10_000):
            entity = self._entities.get(thing.mention.entity_id or "")
            if entity is None or entity.kind not in _ORGANISATION_KINDS or thing.mention.end > offset:
                continue
            names = [thing.mention.text.lower().split(), entity.name.lower().split()]
            if any(len(n) > len(words) - 1 and n[-(len(words) - 1) :] == words[1:] for n in names):
                return self.speaker_for(thing.mention)
        return None

    def body_by_noun(self, root: int, first: int, last: int) -> Speaker | None:
        """The body a common noun (token ``root`` heading ``first..last``) stands for: the latest named
        that holds it ('the ministry'), or for a generic noun fits it ('the company'), or that owns it."""
        token = self._tree.tokens[root]
        head = token.lemma.lower()
        words = self._words
        if head not in words.organisation_nouns and head not in words.country_nouns:
            return None
        generic = head in words.generic_heads or head in words.country_nouns
        countries = self._countries_in(first, last)
        for candidates in (
            self._candidates(token.start, token.sentence, span=10_000),
            self._following(self._tree.tokens[last].end, token.sentence),
        ):
            candidates = [t for t in candidates if self._of_country(t.mention, countries)]
            named = [
                t for t in candidates if head in self._name_words(t.mention) and not self.is_outlet(t.mention)
            ]
            fitting = [t for t in candidates if generic and self._fits(t.mention, head)]
            owner = [t for t in candidates if not generic and self._owns(t.mention, root)]
            for thing in named or fitting or owner:
                return self._as_written(thing.mention, first, last)
        body = self._spokesperson  # 'a spokesperson for the defence ministry said ... the ministry added'
        if body is not None and head in body.text.lower().split():
            return body
        return None

    def _owns(self, mention: Mention, root: int) -> bool:
        """ "Israel's military", 'the Israeli army': a country written as the body's possessor or
        nationality."""
        entity = self._entities.get(mention.entity_id or "")
        if entity is None or entity.kind is not EntityKind.COUNTRY:
            return False
        first = self._tree.token_at(mention.start)
        return _climb(self._tree, first) in self._tree.kids(root, "poss", "amod", "compound")

    def _as_written(self, mention: Mention, first: int, last: int) -> Speaker:
        """'the German government': a body named inside the span is credited with the span as written."""
        start, end = self._tree.span(first, last)
        found = self.speaker_for(mention)
        if not start <= mention.start < end or found.kind is SpeakerKind.MEDIA:
            return found
        return Speaker(self._text[start:end], start, end, found.entity_id, kind=SpeakerKind.ORGANISATION)

    def unnamed_body(self, first: int, last: int) -> Speaker | None:
        """'the ministry of defence', "Egypt's armed forces" with no body named that fits: an organisation
        as written."""
        root = root_of(self._tree, first, last)
        token = self._tree.tokens[root]
        if not self._is_definite(first, root):
            return None
        if token.lemma.lower() not in self._words.organisation_nouns and self._word(root) not in (
            self._words.organisation_nouns
        ):
            return None
        start, end = self._tree.span(first, last)
        return Speaker(self._text[start:end], start, end, kind=SpeakerKind.ORGANISATION)

    def _countries_in(self, first: int, last: int) -> set[str]:
        """Country codes of the nationalities written in a span ('the *Dutch* builder')."""
        start, end = self._tree.span(first, last)
        return {
            m.entity_id
            for m in self._mentions
            if start <= m.start and m.end <= end and m.label == "NORP" and m.entity_id
        }

    def _of_country(self, mention: Mention, countries: set[str]) -> bool:
        """A body of one of ``countries``, or of no known country; any body when none is asked for."""
        entity = self._entities.get(mention.entity_id or "")
        if not countries or entity is None:
            return True
        own = entity.id if entity.kind is EntityKind.COUNTRY else entity.country
        return own is None or own in countries

    def _following(self, offset: int, sentence: int) -> list[_Thing]:
        """Bodies named after ``offset`` in its sentence and the next two, in text order."""
        return [
            t
            for s in range(sentence, sentence + 3)
            for t in sorted(self._things.get(s, []), key=lambda t: t.offset)
            if t.offset >= offset
        ]

    def classify(self, first: int, last: int) -> SpeakerKind | None:
        """Anonymous, media or document for a source that names no one, else None."""
        root = root_of(self._tree, first, last)
        token = self._tree.tokens[root]
        if token.pos == "PROPN":
            return None
        lemma = token.lemma.lower()
        if self._names_outlet(first, last):
            return SpeakerKind.MEDIA
        if (lemma in self._lex.source_nouns or lemma in self._words.document_nouns) and lemma not in (
            "source",
            "sources",
        ):
            return SpeakerKind.DOCUMENT
        if self._one_of_them(root):
            return SpeakerKind.ANONYMOUS
        if lemma in self._words.person_nouns or lemma in ("source", "sources"):
            modifiers = {self._word(k) for k in range(first, root)}
            if (
                token.tag in _PLURAL_TAGS
                or modifiers & self._words.indefinite_determiners
                or modifiers & self._words.anonymous_modifiers
                or lemma == "source"
            ):
                return SpeakerKind.ANONYMOUS
        return None

    def _one_of_them(self, root: int) -> bool:
        """'one of them', 'two of the officials': some of an unnamed group (a pronoun or a plural person
        noun after 'of') speak, and no one is named."""
        token = self._tree.tokens[root]
        if token.pos != "NUM" and self._word(root) not in _SOME:
            return False
        for prep in self._tree.kids(root, "prep"):
            if self._word(prep) != "of":
                continue
            for obj in self._tree.kids(prep, "pobj"):
                group = self._tree.tokens[obj]
                if self._word(obj) in ("them", "us") or (
                    group.tag in _PLURAL_TAGS and group.lemma.lower() in self._words.person_nouns
                ):
                    return True
        return False

    def spokesperson_for(self, first: int, last: int) -> str | None:
        """'a spokesman for the ministry', 'the agency's spokeswoman Ann Lee': whom the speaker speaks for."""
        tree = self._tree
        i = _climb(tree, root_of(tree, first, last), deps=("appos", "compound", "flat"))
        a, b = tree.left[i], tree.right[i]
        if not any(self._word(k) in self._words.spokes_words for k in range(a, b + 1)):
            return None
        start, end = tree.span(a, b)
        name = tree.span(first, last)
        for mention in self._mentions:
            if start <= mention.start and mention.end <= end and self._is_thing(mention):
                if self._only_titles(mention.text) or mention.start < name[1] <= mention.end:
                    continue  # 'spokesman Rear Admiral X', 'spokesman, General X': a rank or the name itself
                outside = not (name[0] <= mention.start < name[1])
                if outside or self._word(first) in self._words.spokes_words:
                    entity = self._entities.get(mention.entity_id or "")
                    return entity.name if entity is not None else mention.text
        return None

    def _only_titles(self, phrase: str) -> bool:
        words = phrase.lower().split()
        return bool(words) and all(w in self._lex.title_words for w in words)

    def spoken_for(self, first: int, last: int) -> Speaker | None:
        """'a BBC spokesman', 'a spokeswoman for the ministry': an unnamed spokesperson is the body itself."""
        tree = self._tree
        root = root_of(tree, first, last)
        if self._word(root) not in self._words.spokes_words:
            return None
        start, end = tree.span(first, last)
        for mention in self._mentions:
            if start <= mention.start and mention.end <= end and self._is_thing(mention):
                if mention.entity_id:
                    self._spoken.append(mention.entity_id)
                text = self._text[start:end]
                body = self._body_phrase(mention, start, end)
                self._spokesperson = Speaker(
                    self._text[body[0] : body[1]],
                    body[0],
                    body[1],
                    mention.entity_id,
                    text,
                    None,
                    SpeakerKind.ORGANISATION,
                )
                return self._spokesperson
        return None

    def speak_for(self, body: Speaker, first: int, last: int) -> Speaker:
        """'its spokesman', 'a company spokeswoman': the unnamed spokesperson of ``body`` is that body,
        with the phrase as written for affiliation; 'the spokesman added' later is the same body."""
        start, end = self._tree.span(first, last)
        self._spokesperson = replace(
            body, affiliation=self._text[start:end], kind=SpeakerKind.ORGANISATION, speaks_for=None
        )
        return self._spokesperson

    def _body_phrase(self, mention: Mention, start: int, end: int) -> tuple[int, int]:
        """'a spokesperson for the German defence ministry': a country or nationality that only modifies a
        body's noun gives the body's phrase as written; else the name itself."""
        tree = self._tree
        i = root_of(tree, tree.token_at(mention.start), tree.token_at(mention.end - 1))
        while tree.tokens[i].dep in ("amod", "compound", "poss") and tree.tokens[i].head != i:
            i = tree.tokens[i].head
        head = tree.tokens[i]
        left = tree.tokens[tree.left[i]]
        if head.lemma.lower() in self._words.organisation_nouns and start <= left.start and head.end <= end:
            first = tree.left[i] + (1 if self._word(tree.left[i]) in ("the", "a", "an") else 0)
            return tree.tokens[first].start, head.end
        return mention.start, mention.end

    def body_named(self, name: str, i: int) -> Speaker | None:
        """The latest body before token ``i``, in its sentence or the last two, whose entity is ``name``."""
        token = self._tree.tokens[i]
        for thing in self._candidates(token.start, token.sentence, span=3):
            entity = self._entities.get(thing.mention.entity_id or "")
            if (entity.name if entity is not None else thing.mention.text) == name:
                return self.speaker_for(thing.mention)
        return None

    def latest_spokesperson(self) -> Speaker | None:
        """'the spokesman added': the body whose unnamed spokesperson spoke last, if any."""
        return self._spokesperson

    def named_inside(self, first: int, last: int) -> Mention | None:
        """The organisation or outlet a source span names: its head, else the author of a document."""
        start, end = self._tree.span(first, last)
        inside = [
            m for m in self._mentions if start <= m.start and m.end <= end and m.label not in _NOT_NAMES
        ]
        root = self._tree.tokens[root_of(self._tree, first, last)]
        named = [m for m in inside if m.start <= root.start < m.end]
        if not named and root.pos == "ADJ":  # "Sudan's paramilitary Rapid Support Forces", the head misparsed
            named = [m for m in inside if m.end == end]
        if not named and root.pos == "NOUN":
            named = [m for m in inside if self._names_apposition(m, root_of(self._tree, first, last))]
        if not named and root.lemma.lower() in self._lex.source_nouns:
            named = [m for m in inside if self._is_author(m)][-1:]
        return named[0] if named else None

    def _names_apposition(self, mention: Mention, root: int) -> bool:
        """'The group, Amnesty International, said': a body or country named in apposition to the
        common noun heading the source is what that noun stands for."""
        tree = self._tree
        own = root_of(tree, tree.token_at(mention.start), tree.token_at(mention.end - 1))
        return tree.tokens[own].dep == "appos" and tree.tokens[own].head == root and self._is_thing(mention)

    def _is_author(self, mention: Mention) -> bool:
        """'X's report', 'a report by X', 'a study from X' (not 'a US intelligence report'); 'An Army
        statement' when the tagger put the article in the name ('An Army')."""
        tree = self._tree
        first, last = tree.token_at(mention.start), tree.token_at(mention.end - 1)
        while first < last and tree.tokens[first].pos == "DET":
            first += 1
        own = root_of(tree, first, last)
        named = tree.tokens[tree.tokens[own].head]
        if (
            tree.tokens[own].dep == "compound"
            and self._is_body(mention)
            and named.lemma.lower() in (self._lex.source_nouns)
        ):
            return True  # 'a Rheinmetall statement' (not 'a US intelligence report': a country)
        token = tree.tokens[_climb(tree, own)]
        if token.dep == "poss":
            return True
        return token.dep == "pobj" and tree.tokens[token.head].lemma.lower() in ("by", "from", "of")

    # --- helpers ----------------------------------------------------------------------------------

    def _is_body(self, mention: Mention) -> bool:
        """An organisation (not a country, a nationality or an outlet)."""
        entity = self._entities.get(mention.entity_id or "")
        if entity is not None:
            return entity.kind in _ORGANISATION_KINDS and entity.kind is not EntityKind.OUTLET
        return mention.label == "ORG"

    def _names_outlet(self, first: int, last: int) -> bool:
        """'the AFP news agency', 'a Saudi-owned newspaper', 'the TV channel', 'state media'."""
        words = {self._word(k) for k in range(first, last + 1)}
        root = root_of(self._tree, first, last)
        head = self._tree.tokens[root].lemma.lower()
        if head in _NEEDS_NEWS:
            return bool(words & self._words.news_words)
        return head in self._words.outlet_nouns or self._word(root) in self._words.outlet_nouns  # 'media'

    def titled_outlet(self, root: int, first: int) -> bool:
        """'the London newspaper Al Qalam': an outlet noun modifies the name from before ``first``."""
        tree = self._tree
        before = [k for k in tree.kids(root, "compound", "nmod") if k < first]
        return any(tree.tokens[k].pos == "NOUN" and self._word(k) in self._words.outlet_nouns for k in before)

    def _described_as_outlet(self, mention: Mention) -> bool:
        """'Al Ahram, an Egyptian daily, said': an apposition of the name that is an outlet; 'the London
        newspaper Al Ahram': an outlet noun written just before the name."""
        tree = self._tree
        first, last = tree.token_at(mention.start), tree.token_at(mention.end - 1)
        root = root_of(tree, first, last)
        if self.titled_outlet(root, first):
            return True
        near = [*tree.kids(root, "appos")]
        if tree.tokens[root].dep == "appos":
            near.append(tree.tokens[root].head)
        return any(self._names_outlet(*tree.subtree(k)) for k in near if not first <= k <= last)

    def _is_definite(self, first: int, root: int) -> bool:
        """'the ministry', 'its maker', "Israel's military" (a possessive before the head)."""
        words = [self._word(k) for k in range(first, root)]
        if bool(words) and words[0] in ("the", "its", "their", "this", "that"):
            return True
        return any(self._tree.tokens[k].dep == "poss" for k in self._tree.kids(root))

    def _name_words(self, mention: Mention) -> set[str]:
        entity = self._entities.get(mention.entity_id or "")
        names = [mention.text, entity.name if entity is not None else ""]
        return {w.lower().strip(".,'’s") for n in names for w in n.split()}

    def _fits(self, mention: Mention, head: str) -> bool:
        """A generic noun agrees with the entry's kind: 'the country' a country, 'the group' a body."""
        entity = self._entities.get(mention.entity_id or "")
        is_country = (entity.kind is EntityKind.COUNTRY) if entity is not None else mention.label == "GPE"
        if head in ("government", "administration"):
            return is_country or head in self._name_words(mention)
        if head in self._words.country_nouns:
            return is_country
        return not is_country and mention.label not in ("NORP",) and not self.is_outlet(mention)

    def _candidates(self, offset: int, sentence: int, *, span: int) -> list[_Thing]:
        out: list[_Thing] = []
        for s in range(sentence, max(-1, sentence - span), -1):
            here = sorted((t for t in self._things.get(s, []) if t.offset < offset), key=lambda t: -t.offset)
            out += sorted(here, key=lambda t: (t.mention.entity_id not in self._spoken, not t.is_subject))
        return out


def _climb(tree: Tree, i: int, deps: tuple[str, ...] = ("appos", "compound", "conj", "flat")) -> int:
    while tree.tokens[i].dep in deps and tree.tokens[i].head != i:
        i = tree.tokens[i].head
    return i
