"""How the parse writes a speaker: phrase roots, subjects, definiteness, and the name and title written
around a person (titles before a name, appositions, 'who served as ...'). Reads the text; keeps no salience.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.extract.quotes.lexicon import Lexicon
from newsift.extract.quotes.shapes import dateline_end
from newsift.extract.syntax import Tree
from newsift.model import AnnotatedArticle, Entity, EntityKind, Mention, Resolution, Token

__all__ = ["SUBJECT_DEPS", "Phrases", "name_key", "no_dateline"]

SUBJECT_DEPS = ("nsubj", "nsubjpass")
_DEFINITE = ("the", "its", "his", "her", "their")
_TITLE_MODIFIERS = ("air", "vice", "deputy", "chief", "general", "senior")  # 'Air Mobile Brigade' is no title
_NOT_IN_NAMES = frozenset(("VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ", "PART"))
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)|[,.;:]")
_OFFICE_VERBS = frozenset(("head", "lead", "chair", "command", "run", "direct", "oversee", "manage"))


class Phrases:
    """Questions about words and phrases of one article: what a token is, where a phrase's root is, which
    words around a name are its title."""

    def __init__(
        self, annotated: AnnotatedArticle, tree: Tree, quoted: Sequence[tuple[int, int]], lexicon: Lexicon
    ) -> None:
        self.doc = annotated
        self.text = annotated.article.text
        self.tree = tree
        self.quoted = quoted
        self.lex = lexicon
        self.kinds: dict[str, Entity] = {e.id: e for e in annotated.entities}
        self.nationalities = {m.text.lower() for m in annotated.mentions if m.label == "NORP"}
        self._nations = {
            m.text.lower(): m.entity_id
            for m in annotated.mentions
            if m.label in ("NORP", "GPE") and m.entity_id and _is_country(self.kinds.get(m.entity_id))
        }
        self.he_she: set[int] | None = None

    def person_tagged_as_body(self, mention: Mention) -> bool:
        """'Murat Aksoy, Turkey's deputy foreign minister': a name the tagger took for an organisation is
        a person when it is shaped like a name (two to four capitalised words, none an organisation noun
        or a title) and the text treats it as one: a title before it, an apposition or 'who' clause
        naming a person, or 'he'/'she' as the next sentence's subject."""
        if mention.label != "ORG" or mention.resolution is not Resolution.NER:
            return False
        tree, text = self.tree, self.text
        first, last = tree.token_at(mention.start), tree.token_at(mention.end - 1)
        titled = first
        while titled < last and self.is_title(text[tree.tokens[titled].start : tree.tokens[titled].end]):
            titled += 1
        modifiers_only = all(self.word(k) in _TITLE_MODIFIERS for k in range(first, titled))
        if titled > first and not modifiers_only:  # 'Minister Khawar Rizvi': the title is the sign
            rest = [text[t.start : t.end] for t in tree.tokens[titled : last + 1]]
            return 2 <= len(rest) <= 4 and all(
                self.name_word(w, t) for w, t in zip(rest, tree.tokens[titled : last + 1], strict=True)
            )
        words = [text[t.start : t.end] for t in tree.tokens[first : last + 1]]
        if not 2 <= len(words) <= 4 or not all(
            self.name_word(w, t) for w, t in zip(words, tree.tokens[first : last + 1], strict=True)
        ):
            return False
        root = self.root(first, last)
        near = [*tree.kids(root, "appos", "relcl")]
        if tree.tokens[root].dep == "appos":
            near.append(tree.tokens[root].head)
        for k in near:
            if not first <= k <= last and self.names_a_person(k):
                return True
        return self.pronoun_follows(tree.tokens[first].sentence)

    def name_word(self, word: str, token: Token, *, titles: bool = True) -> bool:
        """A capitalised proper noun that is no organisation noun and (with ``titles``) no title."""
        lower = token.lemma.lower()
        return (
            token.pos == "PROPN"
            and word[:1].isupper()
            and not (len(word) > 1 and word.isupper())
            and all(ch.isalpha() or ch in "-'’" for ch in word)
            and lower not in self.lex.kinds.organisation_nouns
            and word.lower() not in self.lex.kinds.organisation_nouns
            and not (titles and self.is_title(word))
        )

    def names_a_person(self, k: int) -> bool:
        """A person noun or title heads the phrase ('deputy minister'), or a 'who' clause."""
        token = self.tree.tokens[k]
        if token.dep == "relcl":
            return any(self.word(c) == "who" for c in self.tree.kids(k, "nsubj", "nsubjpass"))
        return token.lemma.lower() in self.lex.kinds.person_nouns or self.is_title(self.word(k))

    def pronoun_follows(self, sentence: int) -> bool:
        """'he' or 'she' is the subject of the next sentence."""
        if self.he_she is None:
            self.he_she = {
                t.sentence
                for i, t in enumerate(self.tree.tokens)
                if t.dep in SUBJECT_DEPS and self.word(i) in ("he", "she")
            }
        return sentence + 1 in self.he_she

    def word(self, i: int) -> str:
        token = self.tree.tokens[i]
        return self.text[token.start : token.end].lower()

    def inside_quote(self, offset: int) -> bool:
        return any(start < offset < end for start, end in self.quoted)

    def name_tokens(self, first: int, last: int) -> tuple[int, int] | None:
        """The mention's tokens without leading titles ("Lt Gen") or a trailing possessive."""
        tokens, text = self.tree.tokens, self.text
        while first <= last and tokens[first].pos in _NOT_IN_NAMES and text[tokens[first].start].islower():
            first += 1  # 'rang Lucy': a tagger's mention that took in the verb before the name
        while (
            first <= last
            and (
                self.is_title(text[tokens[first].start : tokens[first].end])
                or not any(ch.isalnum() for ch in text[tokens[first].start : tokens[first].end])
            )
        ) or self.place_of_title(first, last):
            first += 1  # 'Lt Gen', 'Brig-Gen' ('-' between two titles) and what is left of them
        while last >= first and tokens[last].tag == "POS":
            last -= 1
        while last + 1 < len(tokens) and tokens[last + 1].pos == "PROPN" and tokens[last].head == last + 1:
            last += 1
        while first > 0 and self.name_part(first - 1, last):
            first -= 1
        return (first, last) if first <= last else None

    def is_title(self, word: str) -> bool:
        """'Gen.', 'Dr', 'Mayor', 'Director': a title or a person noun written before a name."""
        lower = word.lower()
        return (
            lower in self.lex.title_words
            or self.lex.expand(word) in self.lex.title_words
            or lower.rstrip(".") in self.lex.kinds.person_nouns
        )

    def place_of_title(self, first: int, last: int) -> bool:
        """'Envoy to Kenya Sam Lee': a proper noun after a title's 'to'/'of' belongs to the title."""
        tokens = self.tree.tokens
        if not (1 < first < last - 1) or tokens[first - 1].pos != "ADP" or tokens[first].pos != "PROPN":
            return False
        return tokens[first - 2].pos in ("NOUN", "PROPN")

    def name_part(self, k: int, last: int) -> bool:
        """'Chief executive Lena Vogt': a proper noun just before the name, inside its phrase,
        that is neither a title nor a place or organisation, is the rest of the name."""
        token = self.tree.tokens[k]
        word = self.text[token.start : token.end]
        return (
            token.pos == "PROPN"
            and (k == 0 or self.tree.tokens[k - 1].pos != "ADP")
            and token.dep in ("compound", "flat", "nmod")
            and k < token.head <= last
            and word[:1].isupper()
            and not self.is_title(word)
            and not any(m.start <= token.start < m.end and m.label != "PERSON" for m in self.doc.mentions)
        )

    def root(self, first: int, last: int) -> int:
        for i in range(first, last + 1):
            if not first <= self.tree.tokens[i].head <= last or self.tree.tokens[i].head == i:
                return i
        return last

    def is_subject(self, first: int, last: int) -> bool:
        i = self.root(first, last)
        while self.tree.tokens[i].dep in ("appos", "compound", "conj") and self.tree.tokens[i].head != i:
            i = self.tree.tokens[i].head
        return self.tree.tokens[i].dep in SUBJECT_DEPS

    def phrase_head(self, first: int, last: int) -> int:
        """The head of the noun phrase a name stands in ('analyst' for 'Defence analyst Ann Lee')."""
        i = self.root(first, last)
        while self.tree.tokens[i].dep in ("appos", "compound", "flat") and self.tree.tokens[i].head != i:
            i = self.tree.tokens[i].head
        return i

    def title(self, first: int, last: int) -> str | None:
        """Words around the name in its noun phrase: 'Defence analyst ... Ayesha Siddiqa'."""
        tree, i = self.tree, self.phrase_head(first, last)
        cut = [c for c in tree.kids(i, "relcl", "acl", "prep", "advcl", "conj", "cc") if c > last]
        a, b = tree.subtree(i, without=cut)
        for k in range(a, first):
            if (
                tree.tokens[k].dep == "ROOT" or self.text[tree.tokens[k].start] in ':;"“”«»'
            ):  # '"Q," Col Ann Lee
                a = k + 1
        left = no_dateline(self.text[tree.tokens[a].start : tree.tokens[first].start]) if a < first else ""

        right = self.text[tree.tokens[last].end : tree.tokens[b].end] if b > last else ""
        right = re.split(r'[:"“”«]', right, maxsplit=1)[0]  # 'Ann Lee, a fellow: "...' in a list
        served = [
            self.text[slice(*tree.span(*tree.subtree(p)))]
            for rel in tree.kids(i, "relcl")
            for p in tree.kids(rel, "prep")
            if self.text[tree.tokens[p].start : tree.tokens[p].end].lower() == "as"
        ]
        parts = [_clean_title(left), _clean_title(right), *(_clean_title(s[2:]) for s in served)]
        return ", ".join(p for p in parts if p) or None

    def with_office(self, title: str | None, first: int, last: int) -> str | None:
        """``title`` and the office a 'who' clause after the name states ('Ann Lee, who heads the arms
        office,'): stated apart from the title words, which name offices for later descriptions."""
        tree, i = self.tree, self.phrase_head(first, last)
        parts = [title or "", *(self.office_held(rel) for rel in tree.kids(i, "relcl") if rel > last)]
        return ", ".join(p for p in parts if p) or None

    def office_held(self, rel: int) -> str:
        """'Ann Lee, who heads the agency's arms office, said': a 'who' clause whose verb holds an office
        ('heads', 'leads', 'chairs', 'commands') states the person's post, as written without 'who'."""
        tree = self.tree
        verb = tree.tokens[rel]
        who = [k for k in tree.kids(rel, "nsubj") if self.word(k) in ("who", "that")]
        if not who or verb.lemma.lower() not in _OFFICE_VERBS or not tree.kids(rel, "dobj"):
            return ""
        a, b = tree.subtree(rel, without=[*who, *tree.kids(rel, "punct")])
        return _clean_title(self.text[tree.tokens[a].start : tree.tokens[b].end])

    def gender_of(self, word: str) -> str | None:
        if word in self.lex.male:
            return "male"
        return "female" if word in self.lex.female else None

    def is_plural(self, k: int) -> bool:
        """'rebels', 'Houthis' (a proper noun the tagger left singular)."""
        token = self.tree.tokens[k]
        word = self.text[token.start : token.end]
        return token.tag in ("NNS", "NNPS") or (
            token.tag == "NNP" and word.endswith("s") and word[:1].isupper()
        )

    def one_person(self, first: int, last: int) -> bool:
        """'an official', 'a senior diplomat', 'a source': one person, not 'officials' or 'two diplomats'."""
        token = self.tree.tokens[self.root(first, last)]
        return token.tag in ("NN", "NNP") and token.lemma.lower() in self.lex.kinds.person_nouns

    def heads_phrase(self, mention: Mention, root: int) -> int:
        """0 when the mention heads the source phrase, 1 when it is an apposition ("Lee's spokesman, Nick
        Arlo", "a spokesman for Lee, Nick Arlo"), 2 when it only modifies the head ('Lee aide Ann Cole'):
        the name a phrase is about speaks, not one inside its title."""
        tokens = self.tree.tokens
        first, last = self.tree.token_at(mention.start), self.tree.token_at(mention.end - 1)
        if first <= root <= last:
            return 0
        i = self.root(first, last)
        return 1 if tokens[i].dep == "appos" and tokens[i].head != i else 2

    def another_person(self, root: int) -> bool:
        """A person noun other than a spokesperson heads the phrase ('colleagues', 'aide', 'lawyer')."""
        token = self.tree.tokens[root]
        lemma, kinds = token.lemma.lower(), self.lex.kinds
        lower = self.text[token.start : token.start + 1].islower()
        return (
            lower and token.pos == "NOUN" and lemma in kinds.person_nouns and lemma not in kinds.spokes_words
        )

    def not_person(self, mention: Mention) -> bool:
        """An organisation, outlet or country the entity resolver knows ('Reuters', 'Navantia')."""
        entity = self.kinds.get(mention.entity_id or "")
        known = mention.resolution is not Resolution.NER  # a gazetteer entry, not a guess of the tagger
        return known and entity is not None and entity.kind is not EntityKind.PERSON

    def proper_run(self, root: int) -> tuple[int, int]:
        first = root
        while (
            first > 0
            and self.tree.tokens[first - 1].pos == "PROPN"
            and self.tree.tokens[first - 1].head == root
        ):
            first -= 1
        return first, root

    def is_body(self, lemma: str) -> bool:
        kinds = self.lex.kinds
        return lemma in kinds.organisation_nouns and lemma not in kinds.person_nouns

    def marks(self, first: int, root: int) -> set[str]:
        """Nationalities and countries in a role ('the *Dutch* defence minister', 'the *Pentagon* chief'): a
        person whose title names another country is not meant."""
        words = (self.text[t.start : t.end].lower() for t in self.tree.tokens[first:root])
        return {w for w in words if w in self.nationalities or w in self._nations}

    def nations_in(self, words: str) -> set[str]:
        """The countries a title names, by nationality or by name ('US Defense Secretary', 'his Philippine
        counterpart'), as entity ids; a nationality of no known country stands for itself."""
        lowered = " " + _POSSESSIVE.sub(" ", words.lower()) + " "
        found = {n for n in self.nationalities if f" {n} " in lowered}
        named = {v for k, v in self._nations.items() if f" {k} " in lowered}
        return {self._nations.get(n, n) for n in found} | named

    def is_indefinite(self, first: int) -> bool:
        token = self.tree.tokens[first]
        return self.text[token.start : token.end].lower() in self.lex.kinds.indefinite_determiners

    def names_body(self, mention: Mention) -> bool:
        entity = self.kinds.get(mention.entity_id or "")
        if entity is not None:
            return entity.kind not in (EntityKind.PERSON, EntityKind.PLACE)
        return mention.label in ("ORG", "GPE", "NORP")

    def names_someone(self, k: int) -> bool:
        """A person's name is in the phrase headed by token ``k`` ('an official, Ann Lee,', 'official Ann
        Lee'), not counting a clause or a prepositional phrase hung on it ('an aide to Ann Lee')."""
        tree = self.tree
        a, b = tree.subtree(k, without=[*tree.kids(k, "relcl", "acl", "prep")])
        start, end = tree.tokens[a].start, tree.tokens[b].end
        return any(m.label == "PERSON" and start <= m.start and m.end <= end for m in self.doc.mentions)

    def is_definite(self, first: int, root: int) -> bool:
        """'the minister', 'its chief', "Britain's defence secretary"."""
        word = self.text[self.tree.tokens[first].start : self.tree.tokens[first].end].lower()
        return word in _DEFINITE or any(self.tree.tokens[k].dep == "poss" for k in self.tree.kids(root))


_AGE = re.compile(r"\d{1,3},?")
_ARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "ul-")


def name_key(word: str) -> str:
    """A name word for matching: lowercased, without a possessive or an Arabic article ('al-')."""
    word = word.lower().removesuffix("'s").removesuffix("’s")
    for article in _ARTICLES:
        if word.startswith(article) and len(word) > len(article) + 1:
            return word[len(article) :]
    return word


def no_dateline(title: str) -> str:
    """'PARIS (Wire) - General' → 'General': a dateline the parse hung on the name is no title."""
    return title[dateline_end(title + " x", 0, len(title) + 2) :]


def _clean_title(text: str) -> str:
    """The words of a title as written; an age in apposition ('Ann Lee, 52,') is none."""
    words = " ".join(text.split()).strip(" ,;:-—").split(" ")
    while words and (words[0].lower() in ("the", "a", "an", "and", "who") or _AGE.fullmatch(words[0])):
        words = words[1:]
    title = " ".join(words).strip(" ,;:-—")
    return title if any(ch.isalpha() for ch in title) and title not in ("'s", "’s") else ""


def _is_country(entity: Entity | None) -> bool:
    return entity is not None and entity.kind is EntityKind.COUNTRY
