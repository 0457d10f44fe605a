"""One article's parse as the event and claim extractors read it: tree, token texts, mentions, codes.

Built from an AnnotatedArticle's records; never runs a parser and never mutates its input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.extract.claims.cues import load_claim_cues
from newsift.extract.repair import (
    repair_gerunds,
    repair_inverted_attributions,
    repair_plural_openers,
    repair_shifted_recipients,
)
from newsift.extract.syntax import Tree
from newsift.gazetteer import load_gazetteer
from newsift.model import Actor, AnnotatedArticle, Entity, EntityKind, Mention, Resolution

__all__ = ["IGO", "Parse", "is_place", "is_state"]

_COUNTRY_ID = re.compile(r"^[A-Z]{3}$")


IGO = "IGO"
_BODY_CODES = frozenset({IGO, "NGO", "IMG"})  # CAMEO codes of bodies with no home country


def is_state(actor: Actor) -> bool:
    """Whether an actor's code is a country's ISO alpha-3 code (not a body such as the UN's IGO)."""
    code = actor.code or ""
    return bool(_COUNTRY_ID.match(code)) and code not in _BODY_CODES


def is_place(actor: Actor) -> bool:
    """Whether an actor is a gazetteer place (a sea, a region): where things happen, never a party."""
    return (actor.id or "").startswith("place:")


@dataclass(frozen=True, slots=True)
class Parse:
    """Read-only helpers over the tokens of one article."""

    annotated: AnnotatedArticle
    tree: Tree
    texts: tuple[str, ...]
    entities: dict[str, Entity]
    lemmas: tuple[str, ...]  # lower-cased, one per token: read in every trigger test

    @classmethod
    def build(cls, annotated: AnnotatedArticle) -> Parse:
        text = annotated.article.text
        texts = tuple(text[t.start : t.end] for t in annotated.tokens)
        tokens = repair_gerunds(annotated.tokens, texts)
        tokens = repair_inverted_attributions(tokens, texts, load_claim_cues().attribution)
        tokens = repair_shifted_recipients(tokens, texts, _places(annotated, texts))
        tokens = repair_plural_openers(tokens, texts, [(m.start, m.end) for m in annotated.mentions])
        return cls(
            annotated=annotated,
            tree=Tree.build(tokens),
            texts=texts,
            entities={e.id: e for e in annotated.entities},
            lemmas=tuple(t.lemma.lower() for t in tokens),
        )

    def text(self, i: int) -> str:
        return self.texts[i]

    def lemma(self, i: int) -> str:
        return self.lemmas[i]

    def name_opened_by(self, i: int) -> int | None:
        """The head of the proper name a word opens ('Exercise' in 'Exercise Nomadic Elephant'), or None."""
        token = self.tree.tokens[i]
        if token.dep == "compound" and i < token.head and self.tree.tokens[token.head].pos == "PROPN":
            return token.head
        return None

    def span_text(self, first: int, last: int) -> str:
        start, end = self.tree.span(first, last)
        return self.annotated.article.text[start:end]

    def sentence_tokens(self, index: int) -> list[int]:
        return [i for i, t in enumerate(self.tree.tokens) if t.sentence == index]

    def mentions_in(self, first: int, last: int) -> list[Mention]:
        """Mentions wholly inside the token range ``first..last``."""
        start, end = self.tree.span(first, last)
        return [m for m in self.annotated.mentions if start <= m.start and m.end <= end]

    def mention_at(self, i: int) -> Mention | None:
        token = self.tree.tokens[i]
        for mention in self.annotated.mentions:
            if mention.start <= token.start and token.end <= mention.end:
                return mention
        return None

    def code_of(self, mention: Mention) -> str | None:
        """ISO alpha-3 of a mention: the country itself, or the country of a firm, unit or system."""
        if mention.entity_id is None:
            return None
        entity = self.entities.get(mention.entity_id)
        if entity is None:
            return mention.entity_id if _COUNTRY_ID.match(mention.entity_id) else None
        if entity.kind == EntityKind.COUNTRY:
            return entity.id
        if entity.country is None:  # a body with no home country: CAMEO's IGO, NGO or IMG, from the
            # gazetteer's sector (which it validates against nlp.gazetteer.SECTORS)
            sector = next((value for key, value in entity.attributes if key == "sector"), None)
            return sector.upper() if sector else None
        return entity.country

    def kind_of(self, mention: Mention) -> EntityKind | None:
        entity = self.entities.get(mention.entity_id or "")
        if entity is not None:
            return entity.kind
        if mention.entity_id and _COUNTRY_ID.match(mention.entity_id):
            return EntityKind.COUNTRY
        return None


def _places(annotated: AnnotatedArticle, texts: tuple[str, ...]) -> list[tuple[int, int]]:
    """Inclusive token ranges of up to three proper nouns that name a country by its name or an alias
    in the gazetteer (not a demonym), for the parse repairs; read from the words, since the tagger
    may fold a country into a longer name ('Ukraine Patriot')."""
    gazetteer, tokens, out = load_gazetteer(), annotated.tokens, []
    for first in range(len(tokens)):
        for last in range(first, min(first + 3, len(tokens))):
            if tokens[last].pos != "PROPN":
                break
            name = " ".join(texts[first : last + 1])
            if any(
                how in (Resolution.EXACT, Resolution.ALIAS)
                and gazetteer.entities.get(entity) is not None
                and gazetteer.entities[entity].kind is EntityKind.COUNTRY
                for entity, how in gazetteer.lookup(name)
            ):
                out.append((first, last))
    return out
