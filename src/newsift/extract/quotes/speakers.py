"""Who a source span refers to: names, surnames, pronouns and roles, by a small salience model.

Method. People are the PERSON mentions (grouped by entity id, else by surname) plus every proper-noun
speaker found on the way. A name or surname resolves directly. A pronoun ("she", "he") resolves to
the closest earlier person outside quotation marks, searching back sentence by sentence (at most
twelve): earlier speakers first, then grammatical subjects, then other mentions, skipping people
whose learned gender conflicts. Gender is learned from the article itself (a pronoun with a single
candidate in its own or the previous sentence votes, as do honorifics such as "Mr" or "Ms").
A role ("the army chief") resolves to the most recent speaker, else the most recent person, whose
stated title contains the role's head noun and names no other nationality ("the Dutch minister").
Titles come from Entity.attributes when the resolver gives them, else from the words around the name
(pre-modifiers, appositions, "who served as ..."); the name is the fullest written, without them.
"it", "which" and what names no person (organisations, outlets, documents, anonymous sources) go to
``sources``. A pronoun with no antecedent that agrees resolves to None, never to itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newsift.extract.quotes.lexicon import Lexicon
from newsift.extract.quotes.shapes import dateline_end
from newsift.extract.quotes.sources import SourceIndex, Speaker
from newsift.extract.syntax import Tree
from newsift.model import AnnotatedArticle, EntityKind, Mention, Resolution, SpeakerKind, Token

__all__ = ["Speaker", "SpeakerResolver"]

_TITLE_KEYS = ("title", "affiliation", "role", "position", "office")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_WINDOW = 12
_SALIENT_SENTENCES = 4
_LEAD_SENTENCES = 2  # a description this early may name someone only named after it
_DEFINITE = ("the", "its", "his", "her", "their")
_TITLE_MODIFIERS = ("air", "vice", "deputy", "chief", "general")  # 'Air Mobile Brigade' is no title
_GENERIC_OFFICES = frozenset(("chief", "head", "commander", "leader", "boss"))
_CIVIL_OFFICES = frozenset(
    ("minister", "president", "secretary", "premier", "chancellor", "ambassador", "envoy", "spokesperson")
)
_SAME_OFFICE = {"envoy": frozenset(("ambassador",)), "ambassador": frozenset(("envoy",))}
_QUOTE_MARKS = frozenset('"“”«»')
_NOT_IN_NAMES = frozenset(("VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ", "PART"))
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
_LIGHT_MODIFIERS = frozenset(("top", "senior", "new", "current", "the", "a", "an", "its", "his", "her"))
_PLACES = ("GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT", "PRODUCT", "LAW")


@dataclass(slots=True)
class _Person:
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
        self._body: tuple[int, Speaker] | None = None  # the latest body that spoke, with its sentence
        self._unnamed: tuple[int, Speaker] | None = None  # the latest unnamed person who spoke
        self._plural: tuple[int, Speaker] | None = None  # the latest source named in the plural
        self._he_she: set[int] | None = None
        self._content: Sequence[tuple[int, int]] = ()
        self._sources = SourceIndex(annotated, tree, quoted, lexicon)
        self._nationalities = {m.text.lower() for m in annotated.mentions if m.label == "NORP"}
        kinds = self._kinds = {e.id: e for e in annotated.entities}
        for mention in annotated.mentions:
            entity = kinds.get(mention.entity_id or "")
            if (
                (mention.label == "PERSON" and not self._not_person(mention))  # 'Labour' tagged a person
                or (entity is not None and entity.kind is EntityKind.PERSON)
                or self._person_tagged_as_body(mention)
            ):
                self._add_mention(mention)
        self._add_honorific_names(annotated.mentions)
        for person in self._people.values():
            entity = kinds.get(person.entity_id or "")
            stated = [_no_dateline(v) for k, v in entity.attributes if k in _TITLE_KEYS] if entity else []
            person.title = "; ".join(stated) or person.title
        self._learn_gender()

    # --- building ------------------------------------------------------------------------------

    def _add_honorific_names(self, mentions: Sequence[Mention]) -> None:
        """'Ms King has held the seat since 1997': a capitalised proper noun right after an honorific is
        a person's name even when the tagger missed it or the word is also a title."""
        tokens, honorifics = self._tree.tokens, self._lex.honorifics
        for i in range(len(tokens) - 1):
            word, nxt = self._word(i), tokens[i + 1]
            if (
                word not in honorifics
                or nxt.pos != "PROPN"
                or not self._text[nxt.start : nxt.start + 1].isupper()
            ):
                continue
            if any(m.start <= nxt.start < m.end for m in mentions) or self._inside_quote(nxt.start):
                continue
            name = (i + 1, i + 1)
            while (
                name[1] + 1 < len(tokens)
                and tokens[name[1] + 1].pos == "PROPN"
                and tokens[name[1]].head == name[1] + 1
            ):
                name = (name[0], name[1] + 1)
            person = self._by_surname(*self._tree.span(*name)) or self._person_for(name, None)
            self._note(i, name[1], person.key, self._is_subject(i, name[1]))

    def _person_tagged_as_body(self, mention: Mention) -> bool:
        """'Murat Aksoy, Turkey's deputy foreign minister': a name the tagger took for an organisation is
        a person when it is shaped like a name (two to four capitalised words, none an organisation noun
        or a title) and the text treats it as one: a title before it, an apposition or 'who' clause
        naming a person, or 'he'/'she' as the next sentence's subject."""
        if mention.label != "ORG" or mention.resolution is not Resolution.NER:
            return False
        tree, text = self._tree, self._text
        first, last = tree.token_at(mention.start), tree.token_at(mention.end - 1)
        titled = first
        while titled < last and self._is_title(text[tree.tokens[titled].start : tree.tokens[titled].end]):
            titled += 1
        modifiers_only = all(self._word(k) in _TITLE_MODIFIERS for k in range(first, titled))
        if titled > first and not modifiers_only:  # 'Minister Khawar Rizvi': the title is the sign
            rest = [text[t.start : t.end] for t in tree.tokens[titled : last + 1]]
            return 2 <= len(rest) <= 4 and all(
                self._name_word(w, t) for w, t in zip(rest, tree.tokens[titled : last + 1], strict=True)
            )
        words = [text[t.start : t.end] for t in tree.tokens[first : last + 1]]
        if not 2 <= len(words) <= 4 or not all(
            self._name_word(w, t) for w, t in zip(words, tree.tokens[first : last + 1], strict=True)
        ):
            return False
        root = self._root(first, last)
        near = [*tree.kids(root, "appos", "relcl")]
        if tree.tokens[root].dep == "appos":
            near.append(tree.tokens[root].head)
        for k in near:
            if not first <= k <= last and self._names_a_person(k):
                return True
        return self._pronoun_follows(tree.tokens[first].sentence)

    def _name_word(self, word: str, token: Token, *, titles: bool = True) -> bool:
        """A capitalised proper noun that is no organisation noun and (with ``titles``) no title."""
        lower = token.lemma.lower()
        return (
            token.pos == "PROPN"
            and word[:1].isupper()
            and not (len(word) > 1 and word.isupper())
            and all(ch.isalpha() or ch in "-'’" for ch in word)
            and lower not in self._lex.kinds.organisation_nouns
            and word.lower() not in self._lex.kinds.organisation_nouns
            and not (titles and self._is_title(word))
        )

    def _names_a_person(self, k: int) -> bool:
        """A person noun or title heads the phrase ('deputy minister'), or a 'who' clause."""
        token = self._tree.tokens[k]
        if token.dep == "relcl":
            return any(self._word(c) == "who" for c in self._tree.kids(k, "nsubj", "nsubjpass"))
        return token.lemma.lower() in self._lex.kinds.person_nouns or self._is_title(self._word(k))

    def _pronoun_follows(self, sentence: int) -> bool:
        """'he' or 'she' is the subject of the next sentence."""
        if self._he_she is None:
            self._he_she = {
                t.sentence
                for i, t in enumerate(self._tree.tokens)
                if t.dep in _SUBJECT_DEPS and self._word(i) in ("he", "she")
            }
        return sentence + 1 in self._he_she

    def _word(self, i: int) -> str:
        token = self._tree.tokens[i]
        return self._text[token.start : token.end].lower()

    def _inside_quote(self, offset: int) -> bool:
        return any(start < offset < end for start, end in self._quoted)

    def _name_tokens(self, first: int, last: int) -> tuple[int, int] | None:
        """The mention's tokens without leading titles ("Lt Gen") or a trailing possessive."""
        tokens, text = self._tree.tokens, self._text
        while first <= last and tokens[first].pos in _NOT_IN_NAMES and text[tokens[first].start].islower():
            first += 1  # 'rang Lucy': a tagger's mention that took in the verb before the name
        while (
            first <= last and self._is_title(text[tokens[first].start : tokens[first].end])
        ) or self._place_of_title(first, last):
            first += 1
        while last >= first and tokens[last].tag == "POS":
            last -= 1
        while last + 1 < len(tokens) and tokens[last + 1].pos == "PROPN" and tokens[last].head == last + 1:
            last += 1
        while first > 0 and self._name_part(first - 1, last):
            first -= 1
        return (first, last) if first <= last else None

    def _is_title(self, word: str) -> bool:
        """'Gen.', 'Dr', 'Mayor', 'Director': a title or a person noun written before a name."""
        lower = word.lower()
        return (
            lower in self._lex.title_words
            or self._lex.expand(word) in self._lex.title_words
            or lower.rstrip(".") in self._lex.kinds.person_nouns
        )

    def _place_of_title(self, first: int, last: int) -> bool:
        """'Envoy to Kenya Sam Lee': a proper noun after a title's 'to'/'of' belongs to the title."""
        tokens = self._tree.tokens
        if not (1 < first < last - 1) or tokens[first - 1].pos != "ADP" or tokens[first].pos != "PROPN":
            return False
        return tokens[first - 2].pos in ("NOUN", "PROPN")

    def _name_part(self, k: int, last: int) -> bool:
        """'Chief executive Lena Vogt': a proper noun just before the name, inside its phrase,
        that is neither a title nor a place or organisation, is the rest of the name."""
        token = self._tree.tokens[k]
        word = self._text[token.start : token.end]
        return (
            token.pos == "PROPN"
            and (k == 0 or self._tree.tokens[k - 1].pos != "ADP")
            and token.dep in ("compound", "flat", "nmod")
            and k < token.head <= last
            and word[:1].isupper()
            and not self._is_title(word)
            and not any(m.start <= token.start < m.end and m.label != "PERSON" for m in self._doc.mentions)
        )

    def _add_mention(self, mention: Mention) -> None:
        first, last = self._tree.token_at(mention.start), self._tree.token_at(mention.end - 1)
        name = self._name_tokens(first, last)
        if name is None:
            return
        short = self._by_surname(*self._tree.span(*name)) if name[1] - name[0] < 2 else None
        person = short or self._person_for(name, mention.entity_id)  # 'Aksoy' after 'Murat Aksoy'
        if not self._inside_quote(mention.start):
            self._note(first, last, person.key, self._is_subject(first, last))
        title = self._title(*name)
        person.title = person.title or title
        person.speaks_for = person.speaks_for or self._sources.spokesperson_for(*name)
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
        person.prior = self._given_gender(person.name) or person.prior
        return person

    def _given_gender(self, name: str) -> str | None:
        """'Ann Lee' is female, 'Tom Reed' male, by the given name; one word is no given name."""
        words = name.split()
        if len(words) < 2:
            return None
        given = words[0].lower()
        if given in self._lex.given_male:
            return "male"
        return "female" if given in self._lex.given_female else None

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
        left = _no_dateline(self._text[tree.tokens[a].start : tree.tokens[first].start]) if a < first else ""

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
                person = self._people[keys.pop()] if len(keys) == 1 else None
                if person is not None and person.prior in (None, gender):  # not 'she' for 'Tom Reed'
                    person.votes[gender] += 1
            elif i + 1 < len(self._tree.tokens):  # an honorific: the next mention is its person
                nxt = self._tree.tokens[i + 1]
                for entry in self._entries.get(nxt.sentence, []):
                    if entry.offset == nxt.start or entry.offset == token.start:
                        self._people[entry.key].votes[gender] += 2
                        self._people[entry.key].stated = gender

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

    def resolve(self, first: int, last: int, content: Sequence[tuple[int, int]] = ()) -> Speaker | None:
        """The speaker a source span (tokens ``first..last``, inclusive) refers to.

        None for a pronoun with no antecedent that agrees: a quote is never credited to "it" or "which".
        A pronoun is never a person named by name in what it says (``content``, char spans): in 'He said
        Mr Lee was right', 'he' is not Lee.
        """
        self._content = content
        word = self._text[slice(*self._tree.span(first, last))].lower()
        if word == "they":
            return self._they(first)
        root = self._root(first, last)
        joined = [k for k in self._tree.kids(root, "conj") if first < k <= last]
        if joined and self._tree.tokens[root].pos == "PROPN":
            return self._joint(first, root, joined[0], last)
        found = self._resolve(first, last, word)
        if found is not None and found.kind is not SpeakerKind.PERSON and self._is_plural(root):
            self._plural = (self._tree.tokens[root].sentence, found)
        return found

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

    def _is_plural(self, k: int) -> bool:
        """'rebels', 'Houthis' (a proper noun the tagger left singular)."""
        token = self._tree.tokens[k]
        word = self._text[token.start : token.end]
        return token.tag in ("NNS", "NNPS") or (
            token.tag == "NNP" and word.endswith("s") and word[:1].isupper()
        )

    def _they(self, i: int) -> Speaker | None:
        """'The rebels rejected the report. They said ...': 'they' is a source named in the plural (a
        group, or unnamed officials) in this or the last sentence, with no person named since."""
        token = self._tree.tokens[i]
        if self._plural is None or self._plural[0] < token.sentence - 1:
            self._plural = None
            subject = self._plural_subject(i)
            if subject is None:
                return None
            found = self.resolve(*subject)
            return found if self._plural is not None else None
        sentence, plural = self._plural
        between = [
            e
            for s in range(sentence, token.sentence + 1)
            for e in self._entries.get(s, [])
            if plural.end <= e.offset < token.start
        ]
        return None if between else plural

    def _plural_subject(self, i: int) -> tuple[int, int] | None:
        """The nearest plural subject before token ``i`` in its sentence or the last, outside quotes
        ('The rebels', 'The Houthis'): its phrase without clauses."""
        tree, sentence = self._tree, self._tree.tokens[i].sentence
        for k in range(i - 1, -1, -1):
            token = tree.tokens[k]
            if token.sentence < sentence - 1:
                return None
            if token.dep not in _SUBJECT_DEPS or self._inside_quote(token.start):
                continue
            if self._is_plural(k):
                return tree.subtree(k, without=[*tree.kids(k, "relcl", "acl", "appos")])
            return None  # the nearest subject is singular: 'they' is not about it
        return None

    def _resolve(self, first: int, last: int, word: str) -> Speaker | None:
        kinds = self._lex.kinds
        if word in kinds.pronouns_relative:
            return self._relative(first)
        if word in kinds.pronouns_things:
            return self._recent_body(first) or self._sources.pronoun(first)
        if word in kinds.pronouns_other:
            return None
        outlet = self._sources.outlet_at_head(first, last)
        if outlet is not None:
            return self._sources.speaker_for(outlet)
        root = self._root(first, last)
        if (self._tree.tokens[root].pos == "PROPN" and self._sources.titled_outlet(root, root)) or (
            self._sources.classify(first, last) is SpeakerKind.MEDIA
        ):
            start, end = self._tree.span(first, last)  # 'the newspaper Al Qalam', whatever the tagger said
            return Speaker(self._text[start:end], start, end, kind=SpeakerKind.MEDIA)
        person = self._direct(first, last)
        if person is None and first == last and self._gender_of(word) is not None:
            unnamed = self._unnamed_before(first)
            if unnamed is not None:
                return unnamed
        if person is None and first == last:
            person = self._antecedent(first)
        if person is None and self._gender_of(word) is not None:
            return None
        if person is None:
            person = self._role(first, last)
        if person is None:
            start, end = self._tree.span(first, last)
            body = self._non_person(first, last)
            if body is not None and body.kind is SpeakerKind.ORGANISATION:
                self._body = (self._tree.tokens[first].sentence, body)
            if body is not None and body.kind is SpeakerKind.ANONYMOUS and self._one_person(first, last):
                self._unnamed = (self._tree.tokens[first].sentence, body)
            return body or Speaker(self._text[start:end], start, end)
        return self._as_speaker(person, first, last)

    def _unnamed_before(self, i: int) -> Speaker | None:
        """'An official told the paper X. "Y," he added.': 'he' or 'she' is an unnamed person who spoke in
        this or the last sentence when no person is written between them."""
        if self._unnamed is None:
            return None
        sentence, unnamed = self._unnamed
        token = self._tree.tokens[i]
        if sentence < token.sentence - 1:
            return None
        between = [
            e
            for s in range(sentence, token.sentence + 1)
            for e in self._entries.get(s, [])
            if unnamed.end <= e.offset < token.start
        ]
        return None if between else unnamed

    def _one_person(self, first: int, last: int) -> bool:
        """'an official', 'a senior diplomat', 'a source': one person, not 'officials' or 'two diplomats'."""
        token = self._tree.tokens[self._root(first, last)]
        return token.tag in ("NN", "NNP") and token.lemma.lower() in self._lex.kinds.person_nouns

    def _recent_body(self, i: int) -> Speaker | None:
        """'The Pakistani navy said X. It said Y': 'it' is the body that spoke in this or the last
        sentence, however it was written."""
        if self._body is None or self._body[0] < self._tree.tokens[i].sentence - 1:
            return None
        return self._body[1]

    def _as_speaker(self, person: _Person, first: int, last: int) -> Speaker:
        self._note(first, last, person.key, True, is_speaker=True)
        self._speakers.append(person.key)
        title = self._title(first, last) if self._tree.tokens[first].pos == "PROPN" else None
        person.role_words |= {self._lex.expand(w) for w in (title or "").replace(",", " ").split()}
        speaks_for = self._sources.spokesperson_for(first, last) or person.speaks_for
        return Speaker(
            person.name,
            person.start,
            person.end,
            person.entity_id,
            title or person.title,
            person.key,
            SpeakerKind.PERSON,
            speaks_for,
        )

    def _relative(self, i: int) -> Speaker | None:
        """'the report, which said': a relative pronoun stands for the noun its clause hangs on."""
        verb = self._tree.tokens[i].head
        if self._tree.tokens[verb].dep not in ("relcl", "acl") or verb == i:
            return None
        noun = self._tree.tokens[verb].head
        first, last = self._tree.subtree(noun, without=[verb])
        if first <= i <= last:
            return None
        return self.resolve(first, last)

    def _direct(self, first: int, last: int) -> _Person | None:
        """A person named in the span: a PERSON mention, a known surname, or a new proper name."""
        start, end = self._tree.span(first, last)
        root = self._root(first, last)
        inside = [m for m in self._doc.mentions if start <= m.start and m.end <= end]
        inside.sort(key=lambda m: self._heads_phrase(m, root))
        for mention in inside:
            if mention.end <= self._tree.tokens[root].start and self._another_person(root):
                continue  # "Lee's colleagues", 'a Lee aide': someone else speaks
            key = mention.entity_id or ""
            found = self._people.get(key) or self._by_surname(mention.start, mention.end)
            if found is not None and self._written_fits(mention, found):
                return found
        appositive = self._appositive_name(root, first, last)
        if appositive is not None:
            return appositive
        word = self._text[self._tree.tokens[root].start : self._tree.tokens[root].end]
        if (
            self._tree.tokens[root].pos == "PROPN"
            and root > first
            and self._word(root - 1) in self._lex.honorifics
        ):
            span = self._tree.span(root, root)  # 'Ms King': a surname, whatever else the word is
            return self._by_surname(*span) or self._person_for((root, root), None)
        if self._tree.tokens[root].pos != "PROPN" or self._lex.expand(word) in self._lex.title_words:
            return None
        if not word[:1].isupper() or word.lower() in self._lex.kinds.organisation_nouns:
            return None  # 'the defence ministry' tagged as a proper noun names no person
        if any(
            m.start <= self._tree.tokens[root].start < m.end and (m.label in _PLACES or self._not_person(m))
            for m in self._doc.mentions
        ):
            return None
        name = self._name_tokens(*self._proper_run(root))
        found = self._by_surname(
            *self._tree.span(*(name or (root, root)))
        )  # 'Ravi Singh' is no 'Karim Singh'
        if found is not None:
            return found
        return self._person_for(name, None) if name else None

    def _appositive_name(self, root: int, first: int, last: int) -> _Person | None:
        """'The embassy's spokesman, Bui Thanh Son,': a name in apposition to a person noun or title is the
        person, even when the tagger did not take it for one (two to four name-shaped proper nouns, none
        inside a place or a known organisation)."""
        tree, text = self._tree, self._text
        head = tree.tokens[root]
        if head.lemma.lower() not in self._lex.kinds.person_nouns and not self._is_title(
            text[head.start : head.end]
        ):
            return None
        for k in tree.kids(root, "appos"):
            if not first <= k <= last or tree.tokens[k].pos != "PROPN":
                continue
            run = self._name_tokens(*self._proper_run(k))
            if run is None:
                continue
            tokens = tree.tokens[run[0] : run[1] + 1]
            words = [text[t.start : t.end] for t in tokens]
            if not 2 <= len(words) <= 4 or not all(  # 'Son' ends a name; the first word is no title
                self._name_word(w, t) or (n and self._name_word(w.lower().title(), t, titles=False))
                for n, (w, t) in enumerate(zip(words, tokens, strict=True))
            ):
                continue
            start, end = tree.span(*run)
            if any(m.start < end and start < m.end and self._not_person(m) for m in self._doc.mentions):
                continue  # a gazetteer's place or body; a tagger's guess ('Costa' a place) gives way
            person = self._by_surname(start, end) or self._person_for(run, None)
            person.speaks_for = person.speaks_for or self._sources.spokesperson_for(*run)
            return person
        return None

    def _written_fits(self, mention: Mention, person: _Person) -> bool:
        """'Air Marshal Ravi Singh' is not 'Karim Singh': the proper nouns written before a surname the
        linker tied to someone must end that person's name."""
        tree = self._tree
        run = self._name_tokens(*self._proper_run(tree.token_at(mention.end - 1)))
        if run is None or tree.tokens[run[0]].start >= mention.start:
            return True
        written = [_name_key(w) for w in self._text[slice(*tree.span(*run))].split()]
        theirs = [_name_key(w) for w in person.name.split()]
        return len(written) <= len(theirs) and theirs[len(theirs) - len(written) :] == written

    def _heads_phrase(self, mention: Mention, root: int) -> int:
        """0 when the mention heads the source phrase, 1 when it is an apposition ("Lee's spokesman, Nick
        Arlo", "a spokesman for Lee, Nick Arlo"), 2 when it only modifies the head ('Lee aide Ann Cole'):
        the name a phrase is about speaks, not one inside its title."""
        tokens = self._tree.tokens
        first, last = self._tree.token_at(mention.start), self._tree.token_at(mention.end - 1)
        if first <= root <= last:
            return 0
        i = self._root(first, last)
        return 1 if tokens[i].dep == "appos" and tokens[i].head != i else 2

    def _another_person(self, root: int) -> bool:
        """A person noun other than a spokesperson heads the phrase ('colleagues', 'aide', 'lawyer')."""
        token = self._tree.tokens[root]
        lemma, kinds = token.lemma.lower(), self._lex.kinds
        lower = self._text[token.start : token.start + 1].islower()
        return (
            lower and token.pos == "NOUN" and lemma in kinds.person_nouns and lemma not in kinds.spokes_words
        )

    def _not_person(self, mention: Mention) -> bool:
        """An organisation, outlet or country the entity resolver knows ('Reuters', 'Navantia')."""
        entity = self._kinds.get(mention.entity_id or "")
        known = mention.resolution is not Resolution.NER  # a gazetteer entry, not a guess of the tagger
        return known and entity is not None and entity.kind is not EntityKind.PERSON

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
        """The person whose name ends with these words ('Muallem' or 'al-Muallem' for 'Walid al-Muallem',
        'Abdel Hafez' for 'Gharib Abdel Hafez')."""
        written = self._text[start:end].split()
        while len(written) > 1 and self._is_title(written[0]):
            written = written[1:]  # 'Mr Blair', 'General Haddad'
        words = [_name_key(w) for w in written]
        if not words or not words[-1]:
            return None
        for person in self._people.values():
            theirs = [_name_key(w) for w in person.name.split()]
            if len(words) <= len(theirs) and theirs[len(theirs) - len(words) :] == words:
                return person
        return None

    def _antecedent(self, i: int) -> _Person | None:
        token = self._tree.tokens[i]
        gender = self._gender_of(self._text[token.start : token.end].lower())
        if gender is None:
            return None
        named = self._named_in_content()
        for entry in self._candidates(token.start, token.sentence):
            person = self._people[entry.key]
            if person.gender in (None, gender) and person.key not in named:
                return person
        return None

    def _named_in_content(self) -> set[str]:
        """Keys of the people named by name as an argument (not a possessor: 'Trump's microphone') of the
        indirect content being attributed; a content holding quotation marks may name its own speaker."""
        keys: set[str] = set()
        spans = [(s, e) for s, e in self._content if not _QUOTE_MARKS & set(self._text[s:e])]
        for mention in self._doc.mentions:
            if mention.label != "PERSON" or not any(s <= mention.start < e for s, e in spans):
                continue
            last = self._tree.token_at(mention.end - 1)
            if (
                self._tree.tokens[last].dep == "poss"
                or self._tree.tokens[min(last + 1, len(self._tree.tokens) - 1)].tag == "POS"
            ):
                continue
            person = self._people.get(mention.entity_id or "") or self._by_surname(mention.start, mention.end)
            if person is not None:
                keys.add(person.key)
        return keys

    def _role(self, first: int, last: int) -> _Person | None:
        """'the army chief' → the latest speaker, else person, whose title holds the head noun."""
        root = self._root(first, last)
        token = self._tree.tokens[root]
        if (token.pos != "NOUN" and token.pos != "PROPN") or token.tag in ("NNS", "NNPS"):
            return None
        head = self._lex.expand(self._text[token.start : token.end])
        if token.lemma.lower() in self._lex.source_nouns or self._is_indefinite(first):
            return None
        if self._is_body(token.lemma.lower()):
            return None  # 'the Pakistani navy' is a body, even after 'India's navy chief, Admiral X'
        recent = list(dict.fromkeys(reversed(self._speakers)))
        recent += [
            e.key for e in self._candidates(token.start, token.sentence, span=10_000) if e.key not in recent
        ]
        marks = self._marks(first, root)
        for key in recent:
            person = self._people[key]
            if head in person.role_words and not self._clashes(marks, person):
                return person
        for key in recent:  # 'the Dutch minister' for 'her Dutch counterpart, Ann Lee'
            if marks and marks <= self._people[key].role_words:
                return self._people[key]
        return None

    def _is_body(self, lemma: str) -> bool:
        kinds = self._lex.kinds
        return lemma in kinds.organisation_nouns and lemma not in kinds.person_nouns

    def _marks(self, first: int, root: int) -> set[str]:
        """Nationalities in a role ('the *Dutch* defence minister'): a person whose title names
        another one is not meant."""
        words = (self._text[t.start : t.end].lower() for t in self._tree.tokens[first:root])
        return {w for w in words if w in self._nationalities}

    def _clashes(self, marks: set[str], person: _Person) -> bool:
        theirs = {w.strip(",.").lower() for w in (person.title or "").split()} & self._nationalities
        return bool(marks and theirs and not marks & theirs)

    def _is_indefinite(self, first: int) -> bool:
        token = self._tree.tokens[first]
        return self._text[token.start : token.end].lower() in self._lex.kinds.indefinite_determiners

    def _non_person(self, first: int, last: int) -> Speaker | None:
        """A named organisation or outlet, a document by one ('a 2022 report by X'), an organisation's
        short form ('the ministry'), or a source of another kind (anonymous, media, document)."""
        start, end = self._tree.span(first, last)
        raw = self._text[start:end]
        sources = self._sources
        spoken_for = sources.spoken_for(first, last) or (
            self._spokesperson_of_body(first, last) if self._is_indefinite(first) else None
        )
        if spoken_for is not None:
            return spoken_for
        named = sources.named_inside(first, last)
        kind = sources.classify(first, last)
        if named is not None and kind is SpeakerKind.DOCUMENT:
            return sources.speaker_for(named)  # 'a report by X': X speaks
        if kind is not None:
            return Speaker(raw, start, end, kind=kind)
        if named is not None and (named.entity_id or not named.text[:1].islower()):
            return sources.speaker_for(named)
        return (  # an untagged or lowercase body ('the navy') is a short form first
            sources.short_form(first, last)
            or self._unnamed_again(first, last)
            or self._body_again(first, last)
            or self._described_person(first, last)
            or self._spokesperson_of_body(first, last)
            or sources.unnamed_body(first, last)
            or (sources.speaker_for(named) if named is not None else None)
        )

    def _spokesperson_of_body(self, first: int, last: int) -> Speaker | None:
        """'its spokesman', 'a company spokeswoman', 'a ministry spokesman' (naming no body): the body
        'it' is, or the latest body the noun fits, speaks; with none before, the source stays unnamed.
        A definite one ('the government spokesman') is first a holder named next."""
        tree = self._tree
        root = self._root(first, last)
        if self._word(root) not in self._lex.kinds.spokes_words:
            return None
        for k in tree.kids(root, "poss", "compound", "amod", "nmod"):
            if not first <= k < root:
                continue
            if tree.tokens[k].dep == "poss" and self._word(k) in ("its", "their"):
                body = self._sources.possessor(k)
            elif (
                tree.tokens[k].dep != "poss"
                and tree.tokens[k].lemma.lower() in self._lex.kinds.organisation_nouns
            ):
                body = self._sources.body_by_noun(k, k, k) or self._recent_body_named(k)
            else:
                continue
            if body is not None and body.kind is SpeakerKind.ORGANISATION:
                return self._sources.speak_for(body, first, last)
        return None

    def _recent_body_named(self, k: int) -> Speaker | None:
        """The body that spoke in this or the last sentence when its words hold the noun at ``k``."""
        body = self._recent_body(k)
        noun = self._tree.tokens[k].lemma.lower()
        return body if body is not None and noun in body.text.lower().split() else None

    def _unnamed_again(self, first: int, last: int) -> Speaker | None:
        """'A senior official said ... "...," the official added': a definite description whose head noun
        was last written, in the last few sentences, in an indefinite phrase that names no one is that
        unnamed source again (anonymous), not the person named nearest."""
        tokens = self._tree.tokens
        root = self._root(first, last)
        token = tokens[root]
        lemma = token.lemma.lower()
        if token.tag in ("NNS", "NNPS") or not self._is_definite(first, root):
            return None
        if lemma not in self._lex.kinds.person_nouns or lemma in self._lex.kinds.spokes_words:
            return None
        for k in range(first - 1, -1, -1):
            if tokens[k].sentence < token.sentence - _SALIENT_SENTENCES:
                break
            if (
                tokens[k].lemma.lower() != lemma
                or tokens[k].pos != "NOUN"
                or self._inside_quote(tokens[k].start)
            ):
                continue
            if tokens[k].tag == "NNS" or self._names_someone(k):
                return None
            if any(
                self._word(d) in self._lex.kinds.indefinite_determiners for d in self._tree.kids(k, "det")
            ):
                start, end = self._tree.span(first, last)
                return Speaker(self._text[start:end], start, end, kind=SpeakerKind.ANONYMOUS)
            return None
        return None

    def _body_again(self, first: int, last: int) -> Speaker | None:
        """'The UN panel of experts said X. The panel said Y', "Iran's mission to the UN ... the mission
        said": a definite singular noun (no person, country or document noun) last written, in the last
        few sentences, as the head of a phrase naming a body or country is that phrase, as first written."""
        tokens, kinds = self._tree.tokens, self._lex.kinds
        root = self._root(first, last)
        token = tokens[root]
        lemma = token.lemma.lower()
        if token.pos != "NOUN" or token.tag != "NN" or not self._is_definite(first, root):
            return None
        if lemma in kinds.person_nouns or lemma in kinds.country_nouns or lemma in self._lex.source_nouns:
            return None
        if lemma in kinds.document_nouns or lemma in self._lex.media:
            return None  # 'the article', 'the statement': a document, not a body
        for k in range(first - 1, -1, -1):
            if tokens[k].sentence < token.sentence - _SALIENT_SENTENCES:
                return None
            if (
                tokens[k].lemma.lower() != lemma
                or tokens[k].pos != "NOUN"
                or self._inside_quote(tokens[k].start)
            ):
                continue
            a, b = self._tree.subtree(k, without=[*self._tree.kids(k, "relcl", "acl")])
            start, end = tokens[a].start, tokens[b].end
            named = [
                m
                for m in self._doc.mentions
                if start <= m.start and m.end <= end and self._names_body(m) and m.start < tokens[k].start
            ]
            if not named or b - a < 1:
                return None
            if last - first > b - a:  # 'a UN panel' then 'the panel of experts': the fuller as written
                start, end = self._tree.span(first, last)
            return Speaker(self._text[start:end], start, end, kind=SpeakerKind.ORGANISATION)
        return None

    def _names_body(self, mention: Mention) -> bool:
        entity = self._kinds.get(mention.entity_id or "")
        if entity is not None:
            return entity.kind not in (EntityKind.PERSON, EntityKind.PLACE)
        return mention.label in ("ORG", "GPE", "NORP")

    def _names_someone(self, k: int) -> bool:
        """A person's name is in the phrase headed by token ``k`` ('an official, Ann Lee,', 'official Ann
        Lee'), not counting a clause or a prepositional phrase hung on it ('an aide to Ann Lee')."""
        tree = self._tree
        a, b = tree.subtree(k, without=[*tree.kids(k, "relcl", "acl", "prep")])
        start, end = tree.tokens[a].start, tree.tokens[b].end
        return any(m.label == "PERSON" and start <= m.start and m.end <= end for m in self._doc.mentions)

    def _described_person(self, first: int, last: int) -> Speaker | None:
        """'the top diplomat', 'the Salford MP', "the country's top judge": a definite description of
        one person is the person the text is about. The latest who spoke in the last few sentences,
        else the person named nearest before it in them (speakers, then subjects first in a
        sentence); in a lead that names nobody before it, the first person named as a subject in it or
        the next two sentences. A person whose stated office is another ('General ...' for 'the minister') or
        whose title names another nationality is skipped; 'the spokesman' is the body whose unnamed
        spokesperson spoke last, else only a recent speaker."""
        root = self._root(first, last)
        token = self._tree.tokens[root]
        word = self._text[token.start : token.end]
        head = self._lex.expand(word)
        if token.tag in ("NNS", "NNPS") or not self._is_definite(first, root):
            return None
        if self._word(first) in ("his", "her", "their") and token.lemma.lower() in _RELATIONS:
            return None  # 'her mother', 'his lawyer': someone related to a person, not that person
        spokes = token.lemma.lower() in self._lex.kinds.spokes_words
        owner = [
            k for k in self._tree.kids(root, "poss") if first <= k and self._tree.tokens[k].pos == "NOUN"
        ]
        if spokes and owner:  # "the prime minister's spokesman" speaks for the prime minister
            return self._described_person(*self._tree.subtree(owner[0]))
        if spokes and self._word(first) in ("his", "her"):  # 'her spokesman': the person 'her' is
            person = self._antecedent(first)
            return self._as_speaker(person, first, last) if person is not None else None
        if spokes and self._sources.latest_spokesperson() is not None:
            return self._sources.latest_spokesperson()
        if token.lemma.lower() not in self._lex.kinds.person_nouns and head not in self._lex.title_words:
            return None
        marks = self._marks(first, root)
        body_chief = head in _GENERIC_OFFICES and any(  # 'the Pentagon chief' may be its secretary
            self._tree.tokens[k].pos == "PROPN" for k in range(first, root)
        )
        if self._named_holder_before(first, root, head, marks) is None:
            after = self._holder_after(first, root, head, marks) or self._holder_anywhere(
                first, root, head, marks
            )
            if after is not None:
                return self._as_speaker(after, first, last)
        before = [
            e
            for e in self._candidates(token.start, token.sentence, span=_SALIENT_SENTENCES)
            if not self._clashes(marks, self._people[e.key])
            and (
                body_chief
                or not self._other_office(head, e.key)
                or self._same_portfolio(first, root, head, self._people[e.key])
            )
            and e.key not in self._reporting(self._tree.tokens[first].start, token.sentence)
        ]
        chosen = [e for e in before if e.is_speaker] or ([] if spokes else before)
        in_lead = token.sentence < _LEAD_SENTENCES
        if not chosen and in_lead and not spokes and not self._candidates(token.start, token.sentence):
            chosen = [
                e
                for e in self._later(token.end, token.sentence, marks, head)
                if not self._other_portfolio(first, root, head, self._people[e.key])
            ]
        return self._as_speaker(self._people[chosen[0].key], first, last) if chosen else None

    def _reporting(self, offset: int, sentence: int) -> set[str]:
        """'Ann Lee said the envoy told her ...': who spoke earlier in a description's own sentence is
        the one reporting it, not the one described."""
        return {e.key for e in self._entries.get(sentence, []) if e.is_speaker and e.offset < offset}

    def _is_definite(self, first: int, root: int) -> bool:
        """'the minister', 'its chief', "Britain's defence secretary"."""
        word = self._text[self._tree.tokens[first].start : self._tree.tokens[first].end].lower()
        return word in _DEFINITE or any(self._tree.tokens[k].dep == "poss" for k in self._tree.kids(root))

    def _other_office(self, head: str, key: str) -> bool:
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

    def _named_holder_before(self, first: int, root: int, head: str, marks: set[str]) -> _Person | None:
        """The latest person in the last few sentences whose stated title holds the description's head."""
        token = self._tree.tokens[root]
        for e in self._candidates(token.start, token.sentence, span=_SALIENT_SENTENCES):
            person = self._people[e.key]
            if head in person.role_words and not self._clashes(marks, person):
                return person
        return None

    def _holder_after(self, first: int, root: int, head: str, marks: set[str]) -> _Person | None:
        """'The defence minister said X. "Y," Minister Ann Lee said.': a description of one office that no
        one named before holds is the person named next, as a subject in its sentence or the next, whose
        stated title holds the same head noun and no other portfolio ('Foreign Minister' is not 'the
        defence minister')."""
        token = self._tree.tokens[root]
        for s in (token.sentence, token.sentence + 1):
            for e in sorted(self._entries.get(s, []), key=lambda e: e.offset):
                person = self._people[e.key]
                if e.offset <= token.start or not e.is_subject or head not in person.role_words:
                    continue
                if self._clashes(marks, person) or self._other_portfolio(first, root, head, person):
                    continue
                return person
        return None

    def _other_portfolio(self, first: int, root: int, head: str, person: _Person) -> bool:
        """'the defence minister' and 'Foreign Minister Ann Lee' each narrow the office, differently."""
        own = self._portfolio({self._lex.expand(self._word(k)) for k in range(first, root)} - {head})
        theirs = self._portfolio(person.role_words - {head})
        return bool(own and theirs and not own & theirs)

    def _holder_anywhere(self, first: int, root: int, head: str, marks: set[str]) -> _Person | None:
        """'The home secretary said ...' with 'Home Secretary Ann Lee' written anywhere in the article: the
        one person whose stated title holds the office and its portfolio."""
        own = self._portfolio({self._lex.expand(self._word(k)) for k in range(first, root)} - {head})
        if not own or head not in self._lex.title_words:
            return None
        found = [
            p
            for p in self._people.values()
            if head in p.role_words
            and own <= self._portfolio(p.role_words - {head})
            and not self._clashes(marks, p)
        ]
        return found[0] if len(found) == 1 else None

    def _same_portfolio(self, first: int, root: int, head: str, person: _Person) -> bool:
        """'the defence chief' for 'Defence Secretary Ann Lee': a generic office narrowed the same way."""
        own = self._portfolio({self._lex.expand(self._word(k)) for k in range(first, root)} - {head})
        return head in _GENERIC_OFFICES and bool(own & self._portfolio(person.role_words - {head}))

    def _portfolio(self, words: set[str]) -> set[str]:
        """Words that narrow an office ('defence', 'foreign'), without titles, nationalities or 'top'."""
        drop = self._lex.title_words | self._lex.kinds.person_nouns | self._nationalities | _LIGHT_MODIFIERS
        return {w.strip(",.'’s") for w in words if w.isalpha()} - drop - {""}

    def _later(self, offset: int, sentence: int, marks: set[str], head: str) -> list[_Entry]:
        """The first subject named after ``offset`` in its sentence or the next two."""
        for s in range(sentence, sentence + 3):
            here = [
                e
                for e in sorted(self._entries.get(s, []), key=lambda e: e.offset)
                if e.offset >= offset
                and e.is_subject
                and not self._clashes(marks, self._people[e.key])
                and not self._other_office(head, e.key)
            ]
            if here:
                return here[:1]
        return []


_ARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "ul-")


def _name_key(word: str) -> str:
    """A name word for matching: lowercased, without a possessive or an Arabic article ('al-')."""
    word = word.lower().removesuffix("'s").removesuffix("’s")
    for article in _ARTICLES:
        if word.startswith(article) and len(word) > len(article) + 1:
            return word[len(article) :]
    return word


def _no_dateline(title: str) -> str:
    """'PARIS (Wire) - General' → 'General': a dateline the parse hung on the name is no title."""
    return title[dateline_end(title + " x", 0, len(title) + 2) :]


def _clean_title(text: str) -> str:
    words = " ".join(text.split()).strip(" ,;:-—").split(" ")
    while words and words[0].lower() in ("the", "a", "an", "and", "who"):
        words = words[1:]
    return " ".join(words).strip(" ,;:-—")
