"""Entity resolution: model and ruler mentions → canonical entities with ids, roles, titles and affiliations.

A pure function over AnnotatedArticle records and the gazetteer; never runs spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsift.gazetteer import Gazetteer, load_gazetteer
from newsift.model import AnnotatedArticle, Entity, EntityKind, Mention, Resolution
from newsift.nlp.coref import Context, Draft, fold, link_acronyms, link_people, link_variants, slug
from newsift.nlp.lexicon import ResolveLexicon, load_resolve_lexicon
from newsift.nlp.names import repair_speaker_names
from newsift.nlp.ruler import label_for
from newsift.nlp.titles import TokenView, find_title

__all__ = ["EXTRACTOR", "resolve_entities"]

EXTRACTOR = "nlp.resolve.v1"

_VALUE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# The model labels an ambiguous gazetteer name must carry to be accepted as that entity.
_COMPATIBLE: dict[EntityKind, frozenset[str]] = {
    EntityKind.COUNTRY: frozenset({"GPE", "LOC", "NORP", "ORG", "FAC"}),
    EntityKind.PERSON: frozenset({"PERSON"}),
    EntityKind.PLACE: frozenset({"GPE", "LOC", "FAC"}),
}
_DEFAULT_COMPATIBLE = frozenset({"ORG", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "NORP", "GPE", "LAW"})
_PREFERENCE = (Resolution.EXACT, Resolution.ALIAS, Resolution.DEMONYM, Resolution.METONYM)
_DERIVED = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANISATION,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,
    "EVENT": EntityKind.EVENT,
}
_ORG_KINDS = frozenset(
    {EntityKind.ORGANISATION, EntityKind.COMPANY, EntityKind.OUTLET, EntityKind.MILITARY_UNIT}
)
_TRAILING = re.compile(r"(?:['’]s|['’‘\"”,;:.(\s])+$")


def resolve_entities(
    annotated: AnnotatedArticle,
    *,
    gazetteer: Gazetteer | None = None,
    lexicon: ResolveLexicon | None = None,
) -> AnnotatedArticle:
    """Give every mention an entity id, how it was resolved and its role; list the canonical entities.

    Mentions may arrive with an ``entity_id`` hint (the gazetteer ruler's match). Unknown people and
    organisations get derived ids (``person:ayesha-siddiqa``); surnames, acronyms and spelling
    variants within the article share the entity of the full name.

    Args:
        annotated: an article with tokens (and their parse) and unresolved mentions.
        gazetteer: the entity gazetteer (the packaged one by default).
        lexicon: resolution word lists (the packaged one by default).

    Returns:
        A copy with resolved ``mentions`` (in text order) and ``entities``.
    """
    ctx = Context.build(
        annotated.article.text,
        annotated.tokens,
        gazetteer or load_gazetteer(),
        lexicon or load_resolve_lexicon(),
    )
    mentions = repair_speaker_names(
        ctx.text, ctx.tokens, annotated.mentions, ctx.lexicon, article_id=annotated.article.id
    )
    drafts = [d for m in mentions if (d := _draft(ctx, m)) is not None]
    for draft in drafts:
        _match_gazetteer(ctx, draft)
    _confirm_ambiguous(ctx, drafts)
    drafts = link_acronyms(ctx, drafts)
    drafts = link_people(ctx, drafts, annotated.article.authors)
    link_variants(ctx, drafts)
    _assign_ids(ctx, drafts)
    for draft in drafts:
        draft.role = _role(ctx, draft)
    mentions = tuple(_mention(ctx, annotated.article.id, d) for d in drafts)
    return replace(annotated, mentions=mentions, entities=_entities(ctx, drafts))


# --- drafts ---------------------------------------------------------------------------------------


def _draft(ctx: Context, mention: Mention) -> Draft | None:
    start, end = mention.start, mention.end
    text = ctx.text[start:end]
    if "(" in text and ")" not in text:  # "the Line of Control (LoC": the acronym is found later
        end = start + text.index("(")
    end = start + len(_TRAILING.sub("", ctx.text[start:end]))
    draft = Draft(start, end, mention.label, mention.sentence, hint=mention.entity_id)
    if mention.label == "PERSON" and not _strip_honorifics(ctx, draft):
        return None
    if mention.label == "NORP":
        _strip_quantifiers(ctx, draft)
    if mention.label == "DATE" and not _is_date(ctx, draft):
        return _not_a_date(ctx, draft)
    return draft if draft.end > draft.start else None


def _strip_honorifics(ctx: Context, draft: Draft) -> bool:
    """'Lt Gen Zia' → 'Zia'; False when only titles are left ('Lt Gen') or no word is capitalised."""
    first, last = ctx.token_at(draft.start), ctx.token_at(draft.end - 1)
    while first < last and ctx.word(first).lower() in ctx.lexicon.honorifics:
        first += 1
    if ctx.word(first).lower() in ctx.lexicon.honorifics:
        return False
    draft.start = max(draft.start, ctx.tokens[first].start)
    return any(w[:1].isupper() for w in ctx.text[draft.start : draft.end].split())


# words a sentence-initial capital glues onto a demonym ('Several Egyptian units', 'Some Iraqi officials')
_QUANTIFIERS = frozenset(
    {"several", "some", "many", "most", "few", "both", "all", "numerous", "various", "other", "two", "three",
     "four", "five", "hundreds", "thousands", "dozens"}
)  # fmt: skip


def _strip_quantifiers(ctx: Context, draft: Draft) -> None:
    """'Several Egyptian' → 'Egyptian': a quantifier is no part of the people or country named."""
    first, last = ctx.token_at(draft.start), ctx.token_at(draft.end - 1)
    while first < last and ctx.word(first).lower() in _QUANTIFIERS:
        first += 1
    draft.start = max(draft.start, ctx.tokens[first].start)


def _is_date(ctx: Context, draft: Draft) -> bool:
    words = re.findall(r"[^\W\d_]+", fold(ctx.surface(draft)))
    has_digit = any(c.isdigit() for c in ctx.surface(draft))
    return (
        has_digit or any(w in ctx.lexicon.date_words for w in words) or not ctx.surface(draft)[:1].isupper()
    )


def _not_a_date(ctx: Context, draft: Draft) -> Draft | None:
    """A capitalised 'date' with no date word: a place after 'in'/'at', else not a mention at all."""
    before = ctx.token_at(draft.start) - 1
    if before >= 0 and ctx.word(before).lower() in ctx.lexicon.locative_preps:
        draft.label = "GPE"
        return draft
    return None


# --- gazetteer ------------------------------------------------------------------------------------


def _variants(text: str) -> list[str]:
    out = [text, text.replace("’", "'")]
    if text[:4] in ("the ", "The "):
        out.append(text[4:])
    if text.endswith("s") and len(text) > 3:
        out.append(text[:-1])
    return out


def _match_gazetteer(ctx: Context, draft: Draft) -> None:
    if draft.label in _VALUE_LABELS:
        return
    text = ctx.surface(draft)
    candidates = [pair for v in _variants(text) for pair in ctx.gazetteer.lookup(v)]
    if draft.hint and draft.hint in ctx.gazetteer.entities:
        how = next((h for i, h in candidates if i == draft.hint), Resolution.ALIAS)
        candidates = [(draft.hint, how)]
    accepted = [(i, h) for i, h in candidates if _compatible(ctx, i, draft.label, draft.hint is not None)]
    if not accepted:
        return
    entity_id, how = min(accepted, key=lambda pair: _PREFERENCE.index(pair[1]))
    draft.entity_id, draft.how = entity_id, how
    draft.label = label_for(ctx.gazetteer.entities[entity_id].kind, how)


def _confirm_ambiguous(ctx: Context, drafts: list[Draft]) -> None:
    """An ambiguous name ('Shakti') is its entity when the article names it surely ('Exercise Shakti')."""
    sure = {d.entity_id for d in drafts if d.hint and d.entity_id}
    for draft in drafts:
        if draft.entity_id is not None or draft.label in _VALUE_LABELS:
            continue
        for entity_id, how in ctx.gazetteer.lookup(ctx.surface(draft)):
            if entity_id in sure:
                kind = ctx.gazetteer.entities[entity_id].kind
                draft.entity_id, draft.how, draft.label = (
                    entity_id,
                    Resolution.COREFERENCE,
                    label_for(kind, how),
                )
                break


def _compatible(ctx: Context, entity_id: str, label: str, from_ruler: bool) -> bool:
    entity = ctx.gazetteer.entities[entity_id]
    if from_ruler:
        return True
    if ("ambiguous", "true") not in entity.attributes:
        return label != "PERSON" or entity.kind in (EntityKind.PERSON, EntityKind.COMPANY)
    return label in _COMPATIBLE.get(entity.kind, _DEFAULT_COMPATIBLE)


# --- ids and roles --------------------------------------------------------------------------------


def _assign_ids(ctx: Context, drafts: list[Draft]) -> None:
    for draft in drafts:
        if draft.entity_id is None and draft.same_as is None:
            draft.entity_id = _derived_id(ctx, draft)
    for draft in drafts:
        root = draft.root()
        if draft.entity_id is None and root is not draft and root.entity_id is not None:
            draft.entity_id, draft.how = root.entity_id, Resolution.COREFERENCE
            draft.label = root.label if root.label != "NORP" else draft.label


def _derived_id(ctx: Context, draft: Draft) -> str | None:
    kind = _DERIVED.get(draft.label)
    text = ctx.surface(draft)
    if text[:4] in ("the ", "The "):
        text = text[4:]
    if kind is None or fold(text) in ctx.lexicon.generic_names or not text[:1].isupper():
        return None
    return f"{kind.value}:{slug(text)}"


def _role(ctx: Context, draft: Draft) -> str | None:
    """A country's role in this mention: state, place, government, military, people or origin."""
    entity = ctx.entity(draft)
    if entity is None or entity.kind is not EntityKind.COUNTRY:
        return None
    first, last = ctx.token_at(draft.start), ctx.token_at(draft.end - 1)
    after_place = first > 0 and ctx.word(first - 1).lower() in ctx.lexicon.locative_preps
    following = [ctx.word(i).lower() for i in range(last + 1, min(last + 3, len(ctx.tokens)))]
    if following[:1] in (["'s"], ["’s"]):
        after_place = False
    elif following[:1] == ["-"] and following[1:2] in (["based"], ["born"]):
        after_place = True
    if draft.how is Resolution.METONYM:
        return "place" if after_place else "government"
    if draft.how is not Resolution.DEMONYM:
        return "place" if after_place else "state"
    return _demonym_role(ctx, last)


def _demonym_role(ctx: Context, last: int) -> str:
    lex = ctx.lexicon
    for i in range(last + 1, min(last + 4, len(ctx.tokens))):
        forms = {ctx.tokens[i].lemma.lower(), ctx.word(i).lower()}
        if forms & lex.government_nouns:
            return "government"
        if forms & lex.military_nouns:
            return "military"
        if forms & lex.people_nouns:
            return "people"
        if ctx.tokens[i].pos not in ("ADJ", "NOUN", "PROPN", "PUNCT", "CCONJ"):
            break
    word = ctx.word(last)
    return "people" if word.endswith("s") and not word.endswith("ss") else "origin"


def _mention(ctx: Context, article_id: str, draft: Draft) -> Mention:
    return Mention(
        article_id=article_id,
        start=draft.start,
        end=draft.end,
        text=ctx.surface(draft),
        entity_id=draft.entity_id,
        label=draft.label,
        resolution=draft.how,
        role=draft.role,
        sentence=draft.sentence,
    )


# --- entities -------------------------------------------------------------------------------------


def _entities(ctx: Context, drafts: Sequence[Draft]) -> tuple[Entity, ...]:
    by_id: dict[str, list[Draft]] = {}
    for draft in drafts:
        if draft.entity_id:
            by_id.setdefault(draft.entity_id, []).append(draft)
    view = TokenView(ctx.text, ctx.tokens, frozenset(_person_tokens(ctx, drafts)))
    return tuple(_entity(ctx, view, entity_id, group, drafts) for entity_id, group in by_id.items())


def _person_tokens(ctx: Context, drafts: Sequence[Draft]) -> list[int]:
    return [
        i
        for d in drafts
        if d.label == "PERSON"
        for i in range(ctx.token_at(d.start), ctx.token_at(d.end - 1) + 1)
    ]


def _entity(
    ctx: Context, view: TokenView, entity_id: str, group: list[Draft], drafts: Sequence[Draft]
) -> Entity:
    stated, stated_in = _stated(ctx, view, group, drafts)
    texts = list(dict.fromkeys(ctx.surface(d) for d in group))
    known = ctx.gazetteer.entities.get(entity_id)
    if known is not None:
        aliases = tuple(t for t in dict.fromkeys((*known.aliases, *texts)) if t != known.name)
        return replace(known, aliases=aliases, attributes=tuple(dict.fromkeys(known.attributes + stated)))
    kind = _DERIVED.get(group[0].label, EntityKind.ORGANISATION)
    name = max(texts, key=lambda t: (len(t.split()), len(t)))
    name = name[4:] if name[:4] in ("the ", "The ") else name
    country = _stated_country(ctx, group, stated, stated_in) or _name_country(ctx, name)
    aliases = tuple(t for t in texts if t != name)
    return Entity(id=entity_id, kind=kind, name=name, aliases=aliases, country=country, attributes=stated)


def _stated(
    ctx: Context, view: TokenView, group: list[Draft], drafts: Sequence[Draft]
) -> tuple[tuple[tuple[str, str], ...], list[Draft]]:
    """The first title stated next to a person's name, as written, and the organisations inside it;
    also the mentions inside that title."""
    for draft in group:
        if draft.label != "PERSON":
            continue
        span = find_title(view, ctx.token_at(draft.start), ctx.token_at(draft.end - 1), ctx.lexicon)
        if span is None:
            continue
        inside = [d for d in drafts if span[0] <= d.start and d.end <= span[1] and d is not draft]
        orgs = [d.entity_id for d in inside if _is_org(ctx, d)]
        title = ("title", ctx.text[span[0] : span[1]].strip(" ,"))
        return (title, *(("affiliations", o) for o in dict.fromkeys(orgs) if o)), inside
    return (), []


def _is_org(ctx: Context, draft: Draft) -> bool:
    entity = ctx.entity(draft)
    if entity is not None:
        return entity.kind in _ORG_KINDS
    return draft.label == "ORG" and draft.entity_id is not None


def _stated_country(
    ctx: Context, group: list[Draft], stated: tuple[tuple[str, str], ...], inside: list[Draft]
) -> str | None:
    """An unknown person's country from their title: a demonym ('Turkish president X'), a country
    named in it ('Pakistan President X', "Niger's ambassador X"), else an affiliation's country."""
    if group[0].label != "PERSON" or not stated:
        return None
    title = dict(stated).get("title", "")
    for word in re.findall(r"[^\W\d_]+", title):
        for entity_id, how in ctx.gazetteer.lookup(word):
            if how is Resolution.DEMONYM:
                return entity_id
    for draft in inside:
        entity = ctx.entity(draft)
        if entity is not None and entity.kind is EntityKind.COUNTRY and draft.role != "place":
            return entity.id
    affiliations = [v for k, v in stated if k == "affiliations"]
    return next((c for a in affiliations if (c := ctx.gazetteer.country_of(a))), None)


def _name_country(ctx: Context, name: str) -> str | None:
    """An unknown organisation's country from a country name or demonym inside it ('Pak Rangers')."""
    for word in re.findall(r"[^\W\d_]+", name):
        for entity_id, how in ctx.gazetteer.lookup(word):
            entity = ctx.gazetteer.entities[entity_id]
            if entity.kind is EntityKind.COUNTRY and how is not Resolution.METONYM:
                return entity_id
    return None
