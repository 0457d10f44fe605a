"""Within-article coreference of names: acronyms, surnames, outlet and organisation spelling variants.

Works on the resolver's draft mentions (mutable, private to nlp/); never loads a model.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsift.gazetteer import Gazetteer
from newsift.model import Entity, EntityKind, Resolution, Token
from newsift.nlp.lexicon import ResolveLexicon

__all__ = ["Context", "Draft", "link_acronyms", "link_people", "link_variants", "slug"]

_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
_ACRONYM_LABELS = frozenset({"ORG", "FAC", "GPE", "LOC", "EVENT", "NORP", "PRODUCT", "LAW"})
_MINOR = frozenset({"of", "and", "for", "the", "&", "on", "in", "de", "du", "des", "la", "le"})
_SURNAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "PRODUCT", "FAC"})


@dataclass(slots=True)
class Draft:
    """A mention being resolved. ``same_as`` points at the draft whose entity it shares."""

    start: int
    end: int
    label: str
    sentence: int
    entity_id: str | None = None
    how: Resolution = Resolution.NER
    role: str | None = None
    same_as: Draft | None = field(default=None, repr=False)
    hint: str | None = None

    def root(self) -> Draft:
        node = self
        for _ in range(16):  # a chain never needs more; a cycle cannot hang us
            if node.same_as is None:
                break
            node = node.same_as
        return node


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    tokens: Sequence[Token]
    gazetteer: Gazetteer
    lexicon: ResolveLexicon
    starts: tuple[int, ...] = ()

    @classmethod
    def build(cls, text: str, tokens: Sequence[Token], gaz: Gazetteer, lex: ResolveLexicon) -> Context:
        return cls(text, tokens, gaz, lex, tuple(t.start for t in tokens))

    def surface(self, draft: Draft) -> str:
        return self.text[draft.start : draft.end]

    def token_at(self, offset: int) -> int:
        """Index of the token containing (or first after) a char offset; -1 when there are none."""
        return bisect.bisect_right(self.starts, offset) - 1 if self.tokens else -1

    def word(self, i: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[i].end]

    def entity(self, draft: Draft) -> Entity | None:
        return self.gazetteer.entities.get(draft.entity_id or "")


def fold(text: str) -> str:
    """Case- and accent-free form used for matching names ("Erdoğan" ~ "erdogan")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _covered(drafts: Iterable[Draft], start: int, end: int) -> bool:
    return any(d.start < end and start < d.end for d in drafts)


def link_acronyms(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """'Observer Research Foundation (ORF)': the acronym, here and later, names the same entity."""
    defined: dict[str, Draft] = {}
    added: list[Draft] = []
    for draft in drafts:
        match = _ACRONYM.match(ctx.text, draft.end)
        if draft.label not in _ACRONYM_LABELS or match is None or draft.label == "PERSON":
            continue
        defined.setdefault(match.group(1), draft)
    for acronym, long in defined.items():
        for found in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", ctx.text):
            start, end = found.span()
            same = [d for d in (*drafts, *added) if (d.start, d.end) == (start, end)]
            if same:
                same[0].same_as = same[0].same_as or (long if same[0] is not long else None)
            elif not _covered((*drafts, *added), start, end):
                sentence = ctx.tokens[ctx.token_at(start)].sentence if ctx.tokens else 0
                added.append(Draft(start, end, long.label, sentence, same_as=long))
    _link_initials(ctx, [*drafts, *added])
    return sorted([*drafts, *added], key=lambda d: d.start)


def _link_initials(ctx: Context, drafts: list[Draft]) -> None:
    """An unresolved all-capitals name whose letters are the initials of a longer name in the article."""
    longs: dict[str, Draft] = {}
    for draft in drafts:
        words = [w for w in re.findall(r"[\w']+", ctx.surface(draft)) if w.lower() not in _MINOR]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            longs.setdefault("".join(w[0] for w in words), draft)
    for draft in drafts:
        text = ctx.surface(draft).replace(".", "").replace("-", "")
        if draft.entity_id is None and draft.same_as is None and text.isupper() and text in longs:
            draft.same_as = longs[text] if longs[text] is not draft else None


def _name_words(ctx: Context, draft: Draft) -> list[str]:
    return re.findall(r"[^\W\d_][\w.'’-]*", ctx.surface(draft))


def link_people(ctx: Context, drafts: list[Draft], authors: Sequence[str]) -> list[Draft]:
    """A surname alone ('Siddiqa', even labelled ORG) is the person named in full in the article."""
    index = _surname_index(ctx, drafts, authors)
    given = _given_name_index(ctx, drafts)
    for draft in drafts:
        words = _name_words(ctx, draft)
        if len(words) != 1 or draft.label not in _SURNAME_LABELS:
            continue
        entity = ctx.entity(draft)
        sure = entity is not None and ("ambiguous", "true") not in entity.attributes
        target = index.get(fold(words[0]))
        if target is None and draft.label == "PERSON":
            target = given.get(fold(words[0]))
        if target is not None and not (sure and entity is not None and entity.kind != EntityKind.PERSON):
            _point(draft, target)
    return sorted([*drafts, *_unlabelled_surnames(ctx, drafts, index)], key=lambda d: d.start)


def _point(draft: Draft, target: Draft | str) -> None:
    draft.label = "PERSON"
    if isinstance(target, Draft):
        if target is not draft:
            draft.entity_id, draft.same_as, draft.how = None, target, Resolution.COREFERENCE
    elif draft.entity_id != target:
        draft.entity_id, draft.how = target, Resolution.COREFERENCE


def _surname_index(ctx: Context, drafts: list[Draft], authors: Sequence[str]) -> dict[str, Draft | str]:
    index: dict[str, Draft | str] = {}
    clashes: set[str] = set()

    def add(key: str, value: Draft | str) -> None:
        known = index.get(key)
        same = known is value or (known is not None and _id_of(known) == _id_of(value))
        if known is not None and not same:
            clashes.add(key)
        index.setdefault(key, value)

    for draft in drafts:
        entity = ctx.entity(draft)
        words = _name_words(ctx, draft)
        if draft.label == "PERSON" and len(words) >= 2:
            add(fold(words[-1]), draft.entity_id or draft)
        elif entity is not None and entity.kind == EntityKind.PERSON:
            add(fold(entity.name.split()[-1]), entity.id)
    for author in authors:
        if len(author.split()) >= 2:
            known = ctx.gazetteer.lookup(author)
            add(fold(author.split()[-1]), known[0][0] if known else f"person:{slug(author)}")
    return {k: v for k, v in index.items() if k not in clashes}


def _given_name_index(ctx: Context, drafts: list[Draft]) -> dict[str, Draft | str]:
    """First names of people named in full, for a PERSON mention of a first name alone ('Gen Anil')."""
    index: dict[str, Draft | str] = {}
    clashes: set[str] = set()
    for draft in drafts:
        words = _name_words(ctx, draft)
        if draft.label == "PERSON" and len(words) >= 2:
            key, value = fold(words[0]), draft.entity_id or draft
            if key in index and _id_of(index[key]) != _id_of(value):
                clashes.add(key)
            index.setdefault(key, value)
    return {k: v for k, v in index.items() if k not in clashes}


def _id_of(value: Draft | str) -> str | None:
    return value if isinstance(value, str) else value.entity_id


def _unlabelled_surnames(ctx: Context, drafts: list[Draft], index: dict[str, Draft | str]) -> list[Draft]:
    """Surnames the model did not label at all ('Taneja agreed.')."""
    added: list[Draft] = []
    for i, token in enumerate(ctx.tokens):
        word = ctx.word(i)
        if token.pos != "PROPN" or fold(word) not in index or _covered(drafts, token.start, token.end):
            continue
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(ctx.tokens)]
        if any(ctx.tokens[j].pos == "PROPN" and ctx.word(j)[:1].isupper() for j in neighbours):
            continue
        draft = Draft(token.start, token.end, "PERSON", token.sentence)
        _point(draft, index[fold(word)])
        added.append(draft)
    return added


def compact(text: str) -> str:
    """'The Print', 'ThePrint', 'the print' → one key; used to group variants of an unknown name."""
    key = re.sub(r"\W+", "", fold(text))
    return key[3:] if key.startswith("the") and len(key) > 5 else key


def link_variants(ctx: Context, drafts: list[Draft]) -> None:
    """Unresolved organisations spelled differently in one article share one entity."""
    groups: dict[tuple[str, str], list[Draft]] = {}
    for draft in drafts:
        if draft.entity_id is None and draft.same_as is None and draft.label in ("ORG", "FAC", "EVENT"):
            groups.setdefault((draft.label, compact(ctx.surface(draft))), []).append(draft)
    for members in groups.values():
        head = max(members, key=lambda d: (len(ctx.surface(d)), -d.start))
        for member in members:
            if member is not head:
                member.same_as, member.how = head, Resolution.COREFERENCE
