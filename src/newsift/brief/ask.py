"""Questions answered from the sources only: first from stored records (entities, dyad, event type, claim
status, time window → events and claims; a speaker's quotes), as cited lines, else from retrieved
sentences; extractive, always cited, "no answer" when neither holds one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from newsift.brief.factlist import render_list_answer, select_quote_lines
from newsift.brief.facts import Sources, involves, summarize_claims, summarize_events
from newsift.brief.passages import MIN_COVERAGE, PassageIndex, extract_query_terms, normalize_designators
from newsift.brief.question import (
    AID_FAMILY,
    Question,
    asks_for_person,
    drop_status_words,
    entity_forms,
    has_status_cue,
    holds_wanted,
    is_answer_shaped,
    is_type_word,
    names_a_person,
    parse_question,
    time_words,
)
from newsift.brief.records import Answer, Citation, FactRow, SentenceRow
from newsift.model import Actor, Article, Claim, Entity, Event, PloverType
from newsift.store import Store, iter_articles

__all__ = ["answer_question", "mentions_any"]

# How much more of the question a passage must cover to win over the records' own sentences.
_MARGIN = 0.25
# A sentence of the asked shape (a number for 'how much', a time for 'when', a word of denial for 'who
# denied') may cover fewer of the question's words: the shape already narrows it, and answers rephrase
# ('drop' asked, 'fell' written).
_SHAPED_COVERAGE = 0.35
# A sentence read with its neighbours (no sentence holding enough of the question alone) must hold, with
# them, this share of the question's weighted terms.
_WINDOW_COVERAGE = 0.6

# Intents answered with every matching fact, in time order, rather than the few closest to the question.
_LIST_INTENTS = frozenset({"list", "dyad"})
# A sentence that names none of the question's entities must hold more of the other words, and there
# must be at least two of them ('What did Sweden sell?' leaves one, too little to judge a sentence by).
_MIN_REST_TERMS = 2
_REST_COVERAGE = 0.5
_MAX_LINES = 12
# A record of no asked type must hold one word in this many of what the question asks beyond its names.
_REST_SHARE = 3
# Verbs of giving: their subject supplies ('A sold B jets', 'A will supply B'); 'buy' runs the other way.
_GIVING = re.compile(r"\b(?:sell|sells|selling|sold|suppl\w*|deliver\w*|transfer\w*|export\w*|provid\w*)\b")
# A party named by a definite description of an organisation ('the company', 'the defence ministry').
_DESCRIPTION = re.compile(
    r"^the\s+(?:[\w'’-]+\s+){0,2}?(?:company|firm|group|maker|manufacturer|producer|shipyard|shipbuilder|"
    r"ministry|government|department|bank|carrier|airline|retailer|chain|insurer|lender|agency|club)$",
    re.IGNORECASE,
)


def answer_question(store: Store, question: str, *, limit: int = 3, rerank: bool = True) -> Answer:
    """Answer ``question`` from stored records, falling back to passage retrieval.

    Args:
        store: the store to read.
        question: the question as asked.
        limit: most facts or sentences in the answer.
        rerank: allow MiniLM re-ranking of passages when the optional package is installed.

    Returns:
        An Answer; its ``text`` is None ("no answer in the sources") when nothing matches.
    """
    stored = [e for e, _ in store.query_entities(limit=10**6)]
    parsed = parse_question(question, stored)
    sources = Sources(store)
    forms = {e: entity_forms(e, stored) for e in parsed.entities}
    if parsed.intent == "say":
        said = _quote_answer(store, parsed, sources, forms)
        if said is not None:
            return said
    leads: dict[str, Event] = {}
    # Records answer what a structured query can express (an event type, a claim status, a dyad); a
    # question naming only entities ('Where did Blair speak?') is asked of the sentences.
    # 'Why ...?' asks for a cause, which no record field holds.
    asks_records = bool(parsed.types or parsed.status or parsed.intent == "dyad") and parsed.wants != "cause"
    facts = _facts(store, parsed, sources, forms, leads) if asks_records else []
    if not parsed.status:  # a happening only ever denied does not answer what happened
        facts = [f for f in facts if set(f.statuses) != {"denied"}]
    shaped = (f for f in facts if any(_holds_answer(c.sentence, parsed, _all_forms(forms))
                                      for c in f.citations))  # fmt: skip
    facts = list(shaped)
    if parsed.intent == "list":
        facts = _naming_items(facts, leads)
    if parsed.intent in {"status", ""}:
        facts = _on_topic(parsed, facts, forms)
    if parsed.intent == "" and parsed.wh in {"what", "which"}:
        facts = [f for f in facts if not _echoes_question(f, leads, parsed)]
    if facts and parsed.intent in _LIST_INTENTS:  # every transfer, or everything between two actors
        return render_list_answer(parsed.text, facts[:_MAX_LINES], leads, sources)
    index = PassageIndex(_candidate_articles(store, parsed, sources, forms))
    passages = _passage_answer(index, parsed, forms, limit=limit, rerank=rerank)
    if facts:
        party = parsed.status if parsed.wh == "who" else None
        rows = _relevant(parsed, facts)[:limit]
        records = render_list_answer(parsed.text, rows, leads, sources, party_status=party,
                                     expects=parsed.expects)  # fmt: skip
        if not _covers_more(index, parsed, passages, records):
            return records
    return passages


def _on_topic(q: Question, facts: list[FactRow], forms: dict[str, tuple[str, ...]]) -> list[FactRow]:
    """'Who denied that X's jets were shot down?': a denial answers only when its sentence holds a third of
    the words of what was denied beyond the names ('shot', 'down'), or is of the asked type; Beijing denying
    a campaign about the same jets does not. A record answering a question of no status must hold such a
    share of the words beyond its names and type words too."""
    named = {t for fs in forms.values() for f in fs for t in extract_query_terms(f)}
    asked = drop_status_words(q.text)
    if not q.status:  # 'Which countries sent observers to the exercise?': 'exercise' is only the scene
        asked = " ".join(w for w in asked.split() if not is_type_word(w.strip("?.,")))
    rest = set(extract_query_terms(asked)) - named
    if not rest:  # 'What did X deny?' names nothing more: every denial of X answers
        return facts

    def typed(fact: FactRow) -> bool:  # 'the arms delivery' asked, a denied transfer of 'weapons' found
        return any((t is None or t == fact.type) and (s is None or s == fact.subtype) for t, s in q.types)

    def holds_rest(sentence: str) -> bool:  # a third of what was asked ('raised' alone is not 'raise rates')
        return _REST_SHARE * len(rest & set(extract_query_terms(sentence))) >= len(rest)

    return [f for f in facts if (q.status and typed(f)) or any(holds_rest(c.sentence) for c in f.citations)]


def _naming_items(facts: list[FactRow], leads: dict[str, Event]) -> list[FactRow]:
    """'What has X supplied to Y?': the happenings that name what was supplied. A line without an item
    ('the first units arrive next spring') tells of a supply named on another line, or of none."""

    def lead(fact: FactRow) -> Event | None:  # the event a line is rendered from (render_list_answer)
        return next((leads[i] for i in fact.record_ids if i in leads), None)

    named = [f for f in facts if (event := lead(f)) is not None and event.item]
    return [f for f in named if not _retold(f, named, leads)]


def _echoes_question(fact: FactRow, leads: dict[str, Event], q: Question) -> bool:
    """'What missile will A and B develop?' is not answered by a record whose item is only 'missile': a
    common noun the question itself says names nothing (the sentence may: 'a new missile, the X-1')."""
    items = _items(fact, leads)
    asked = set(extract_query_terms(q.text))
    return bool(items) and all(not _is_named(i) and set(extract_query_terms(i)) <= asked for i in items)


def _retold(fact: FactRow, facts: list[FactRow], leads: dict[str, Event]) -> bool:
    """A line whose item is only a common noun ('helicopters') retells another line of the same article
    that names the system ('AH-64E Apache attack helicopters'): the same deal, said again."""
    items = _items(fact, leads)
    if not items or any(_is_named(i) for i in items):
        return False
    heads = {extract_query_terms(i)[-1] for i in items if extract_query_terms(i)}
    articles = {c.article_id for c in fact.citations}
    return any(
        other is not fact
        and articles & {c.article_id for c in other.citations}
        and any(_is_named(i) and heads & set(extract_query_terms(i)) for i in _items(other, leads))
        for other in facts
    )


def _items(fact: FactRow, leads: dict[str, Event]) -> list[str]:
    return [item for i in fact.record_ids if i in leads and (item := leads[i].item)]


def _is_named(item: str) -> bool:
    """An item with a capital or a digit names a system ('Apache', 'K2 tanks'); 'helicopters' does not."""
    return any(c.isupper() or c.isdigit() for c in item)


def _quote_answer(
    store: Store, q: Question, sources: Sources, forms: dict[str, tuple[str, ...]]
) -> Answer | None:
    """'What did X say about Y?': X's quote sentences closest to Y, cited; None when X has none on Y."""
    speaker = q.speaker or ""
    names = forms.get(speaker, ())
    quotes = [
        quote for quote in store.query_quotes()
        if quote.speaker_id == speaker or (quote.speaker_text and mentions_any(quote.speaker_text, names))
    ]  # fmt: skip
    lines, citations = select_quote_lines(quotes, q.topic, sources)
    if not lines:
        return None
    return Answer(question=q.text, text="\n".join(lines), citations=tuple(citations), method="quotes")


def _covers_more(index: PassageIndex, q: Question, passages: Answer, records: Answer) -> bool:
    """True when the best passage holds clearly more of the question's words than any record sentence."""
    if not passages.citations:
        return False
    best_record = max(index.coverage(c.sentence, q.text) for c in records.citations)
    return index.coverage(passages.citations[0].sentence, q.text) >= best_record + _MARGIN


def mentions_any(sentence: str, forms: Sequence[str]) -> bool:
    """True when one of the surface forms occurs in the sentence as whole words; a form of several words
    in any case and in the plural ('the Turkish foreign ministry' for 'Turkish Foreign Ministry', 'Lib Dems'
    for 'Lib Dem'), a one-word form as written ('US' is not 'us'), a designator however it is joined
    ('TB2' for 'TB-2')."""
    return any(
        re.search(rf"(?<!\w){re.escape(f)}(?!\w)", sentence)
        or (" " in f.strip() and re.search(rf"(?<!\w){re.escape(f)}s?(?!\w)", sentence, re.IGNORECASE))
        for f in forms
    ) or _names_designator(sentence, [f for f in forms if any(c.isdigit() for c in f)])


def _names_designator(sentence: str, forms: Sequence[str]) -> bool:
    closed = normalize_designators(sentence) if forms else ""
    return any(re.search(rf"(?<!\w){re.escape(normalize_designators(f))}s?(?!\w)", closed) for f in forms)


def _facts(
    store: Store, q: Question, sources: Sources, forms: dict[str, tuple[str, ...]], leads: dict[str, Event]
) -> list[FactRow]:
    """Fact rows answering the question; ``leads`` is filled with the kept events by id."""
    events, claims = _candidates(store, q)
    linked: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.event_id:
            linked.setdefault(claim.event_id, []).append(claim)
    kept = [e for e in events if _keeps_event(e, q, sources, forms, linked.get(e.id, []))]
    kept = _best_typed(kept, q)
    leads.update((e.id, e) for e in kept)
    loose = [
        c for c in claims
        if not c.event_id and q.status and str(c.status) == q.status
        and (_names_all(c.evidence.text, (), q, forms) or _described(c, forms, sources))
        and _in_window(None, c.evidence.article_id, q, sources)
    ]  # fmt: skip
    kept_claims = [c for e in kept for c in linked.get(e.id, [])]
    return summarize_events(kept, kept_claims, sources) + summarize_claims(loose, sources)


def _described(claim: Claim, forms: dict[str, tuple[str, ...]], sources: Sources) -> bool:
    """'The company denied ...' under a headline naming Harbour Foods answers 'What did Harbour Foods
    deny?': a party given only as 'the <organisation noun>' stands for what the headline names."""
    parties = (*claim.denied_by, *claim.alleged_by, *claim.asserted_by)
    if not forms or not any(_DESCRIPTION.match(p) for p in parties):
        return False
    article = sources.article(claim.evidence.article_id)
    return article is not None and all(mentions_any(article.title, fs) for fs in forms.values())


def _candidates(store: Store, q: Question) -> tuple[list[Event], list[Claim]]:
    events: dict[str, Event] = {}
    for entity_id in q.entities:
        events.update((e.id, e) for e in store.query_events(actor=entity_id))
    for type_, subtype in _asked_types(q):
        events.update((e.id, e) for e in store.query_events(type_=type_, subtype=subtype))
    if q.status:
        for e in store.query_events():
            events.setdefault(e.id, e)
    articles = sorted({e.evidence.article_id for e in events.values()})
    claims = [c for a in articles for c in store.query_claims(article_id=a)]
    if q.status:
        known = {c.id for c in claims}
        claims += [c for c in store.query_claims(status=q.status) if c.id not in known]
    return list(events.values()), claims


def _keeps_event(
    event: Event, q: Question, sources: Sources, forms: dict[str, tuple[str, ...]], claims: list[Claim]
) -> bool:
    if q.status and str(event.status) != q.status and all(str(c.status) != q.status for c in claims):
        return False
    described = q.status and any(str(c.status) == q.status and _described(c, forms, sources) for c in claims)
    if not (_names_all(event.evidence.text, (event,), q, forms) or described):
        return False
    if not _carries_relation(event, q, forms):
        return False
    return _in_window(event.year, event.evidence.article_id, q, sources)


def _names_all(
    sentence: str, events: Sequence[Event], q: Question, forms: dict[str, tuple[str, ...]]
) -> bool:
    """Every entity of the question is an actor of the event or is named in its sentence."""
    return all(
        any(involves(e, entity_id) for e in events) or mentions_any(sentence, forms.get(entity_id, ()))
        for entity_id in q.entities
    )


def _carries_relation(event: Event, q: Question, forms: dict[str, tuple[str, ...]]) -> bool:
    """'What has A supplied to B?' is answered by an event from A to B: not by B supplying A, nor by A
    supplying a third party in a sentence that also names B, nor by C supplying B. A side the event leaves
    open may be the asked one when its sentence names it; an actor that is the item itself ('the
    Virginia-class submarines') is no party. 'Who sold jets to B?' asks one side only: B must receive.
    Cooperation has no direction."""
    if not (q.source or q.target) or event.type == PloverType.COOPERATE:
        return True
    sources, targets = _party_ids(event.source, event.item), _party_ids(event.target, event.item)
    if (q.target in sources or not q.target) and (q.source in targets or not q.source):
        return False
    return all(
        asked in side if side else mentions_any(event.evidence.text, forms.get(asked, ()))
        for asked, side in ((q.source, sources), (q.target, targets))
        if asked
    )


def _party_ids(actors: Sequence[Actor], item: str | None) -> set[str]:
    item_key = (item or "").casefold()
    parties = [a for a in actors if not (item_key and a.text.casefold() in item_key)]
    return {x for a in parties for x in (a.code, a.id) if x}


def _in_window(year: int | None, article_id: str, q: Question, sources: Sources) -> bool:
    if q.since_year is None and q.until_year is None:
        return True
    if year is None:
        published = sources.published(article_id)
        year = published.year if published else None
    if year is None:
        return False
    return (q.since_year is None or year >= q.since_year) and (q.until_year is None or year <= q.until_year)


def _asked_types(q: Question) -> tuple[tuple[str | None, str | None], ...]:
    """The types asked for; a list of supplies takes every subtype of military aid (sales, upgrades)."""
    if q.intent == "list":
        return tuple(dict.fromkeys((*q.types, *(("AID", s) for s in sorted(AID_FAMILY)))))
    return q.types


def _best_typed(events: list[Event], q: Question) -> list[Event]:
    """With event types asked for, keep the events that match them best (type and subtype over type)."""
    if not q.types:
        return events
    if q.intent == "list":
        return [e for e in events if str(e.type) == "AID" and e.subtype in AID_FAMILY]

    def score(event: Event) -> int:
        # A subtype asked for must match: a co-development does not answer a question about exercises.
        best = 0
        for type_, subtype in q.types:
            type_ok = type_ is None or str(event.type) == type_
            if subtype is not None and event.subtype != subtype:
                continue
            best = max(best, 2 * type_ok + (type_ok and type_ is not None))
        return best

    top = max((score(e) for e in events), default=0)
    return [e for e in events if score(e) == top] if top else ([] if not q.status else events)


def _relevant(q: Question, facts: list[FactRow]) -> list[FactRow]:
    """The facts whose sentences share the most words with the question (ties kept, in time order)."""
    terms = set(extract_query_terms(q.text))

    def overlap(fact: FactRow) -> int:
        return max(len(terms & set(extract_query_terms(c.sentence))) for c in fact.citations)

    best = max(overlap(f) for f in facts)
    return [f for f in facts if overlap(f) == best]


def _candidate_articles(
    store: Store, q: Question, sources: Sources, forms: dict[str, tuple[str, ...]]
) -> list[Article]:
    """Articles naming every entity of the question, inside its time window."""
    return [
        a for a in iter_articles(store)
        if all(mentions_any(a.text, fs) for fs in forms.values()) and _in_window(None, a.id, q, sources)
    ]  # fmt: skip


def _passage_answer(
    index: PassageIndex, q: Question, forms: dict[str, tuple[str, ...]], *, limit: int, rerank: bool
) -> Answer:
    """The best sentences naming one of the question's entities, else any sentence of an article naming
    them all (the answer may say 'the party' where the question says 'the Liberal Democrats')."""
    every_form = _all_forms(forms)
    topic = set(extract_query_terms(q.topic or ""))

    def fits(_article_id: str, sentence: str) -> bool:
        # 'What did X say about Y': a sentence that never touches Y does not answer, however much of X;
        # 'who denied Y': a sentence without a word of denial does not either.
        on_topic = not topic or bool(topic & set(extract_query_terms(sentence)))
        cued = has_status_cue(sentence, q.status)
        # 'What has A sold to B?' asks for a transfer: a sentence without a word of one does not tell it.
        directed = not _gives_back(sentence, q, forms) and (
            q.intent != "list" or any(is_type_word(w) for w in re.findall(r"[\w-]+", sentence))
        )
        return on_topic and cued and directed

    def loosely_named(article_id: str, sentence: str) -> bool:
        return fits(article_id, sentence) and (not every_form or mentions_any(sentence, every_form))

    same = _same_terms(forms)
    # A wanted name is preferred, not required: 'which body' may be answered by 'the budget committee of
    # the senate'. A place ('where') and a cause ('why') are required.
    found: list[SentenceRow] = []
    for shape in (q, replace(q, wants=None)) if q.wants == "name" else (q,):
        found = _search_shaped(index, shape, fits, every_form, limit=limit, rerank=rerank, same=same)
        if found:
            break
    found = _timed_first(found, q)
    continued = _continued(found, index, q, loosely_named, rerank=rerank, same=same, known=every_form)
    if not found and not continued:
        return Answer(question=q.text, text=None, method="none")
    # The answer and its citations are the sentences holding what is asked; a lead that only sets the
    # scene ('The economy all but stalled.' before 'Output grew 0.1%.') is context, not evidence.
    context = continued[:1]
    chosen = continued[1:] or _holding(
        [_retold_fact(p, index, q) for p in _close_to_best(found, index, q.text)], q, every_form
    )
    if asks_for_person(q.text) and not any(names_a_person(p.text, every_form) for p in chosen):
        named = _named_next(chosen[-1], index, every_form)
        context, chosen = (chosen, named) if named else (context, chosen)
    return Answer(
        question=q.text,
        text=" ".join(p.text.strip() for p in chosen),
        citations=tuple(p.citation for p in chosen),
        passages=(*context, *(p for p in found if p not in context)),
        method="passages",
    )


def _holding(chosen: list[SentenceRow], q: Question, known: Sequence[str]) -> list[SentenceRow]:
    """Of two sentences, the ones that hold the asked name or person when only some do: the other is a
    neighbour that shares the question's words but not its answer."""
    if len(chosen) < 2:
        return chosen
    if asks_for_person(q.text):
        held = [p for p in chosen if names_a_person(p.text, known)]
    elif q.wants == "name":
        held = [p for p in chosen if holds_wanted(p.text, q.wants, q.text, known)]
    else:
        return chosen
    return held or chosen


def _search_shaped(
    index: PassageIndex,
    q: Question,
    fits: Any,
    every_form: Sequence[str],
    *,
    limit: int,
    rerank: bool,
    same: dict[str, frozenset[str]],
) -> list[SentenceRow]:
    """Sentences that ``fits`` and hold the asked shape: naming one of the question's entities first,
    then any, then measured on the question less its names; the question's words as written first, then,
    when nothing holds them, widened to their word families ('lay off' asked, 'cut' written)."""
    for widen in (False, True):
        found = _search_staged(index, q, fits, every_form, limit=limit, rerank=rerank, same=same, widen=widen)
        if found:
            return found
    found = _search_windows(index, q, fits, every_form, limit=limit, same=same)
    if found:
        return found
    return _search_meaning(index, q, fits, every_form, limit=limit) if rerank and MEANING_FALLBACK else []


def _search_windows(
    index: PassageIndex,
    q: Question,
    fits: Any,
    every_form: Sequence[str],
    *,
    limit: int,
    same: dict[str, frozenset[str]],
) -> list[SentenceRow]:
    """When no sentence holds enough of the question alone: the sentences that hold the asked shape and,
    with the sentences around them, the question ('UK Coal's losses deepened.' then 'The miner blamed
    flooding.'), naming one of the question's entities first."""
    asked = drop_status_words(q.text) if q.status else q.text
    rest = set(extract_query_terms(_drop_forms(asked, every_form)))

    def holds_rest(article_id: str, sentence: str) -> bool:  # names alone do not tie it to the question
        return bool(rest & set(extract_query_terms(sentence))) and bool(fits(article_id, sentence))

    shaped, named = _keepers(q, holds_rest, every_form)
    for keep in (named, shaped) if every_form else (shaped,):
        found = index.search_windows(asked, limit=limit, keep=keep, min_coverage=_WINDOW_COVERAGE, same=same)
        if found:
            return found
    return []


# The meaning fallback (sentences close to the question by MiniLM when its words find none) is off:
# measured with the encoder installed it gained two tune questions and lost check ones (answers to
# questions the sources cannot answer; docs/benchmarks.md, session 8). Kept for a fresh question set.
MEANING_FALLBACK = False


def _search_meaning(
    index: PassageIndex, q: Question, fits: Any, every_form: Sequence[str], *, limit: int
) -> list[SentenceRow]:
    """When no sentence holds enough of the question's words: the sentences closest in meaning that hold
    the asked shape, naming one of the question's entities first (only with the optional encoder)."""
    shaped, named = _keepers(q, fits, every_form)
    asked = drop_status_words(q.text) if q.status else q.text
    for keep in (named, shaped) if every_form else (shaped,):
        found = index.search_meaning(asked, limit=limit, keep=keep)
        if found:
            return found
    return []


def _keepers(q: Question, fits: Any, every_form: Sequence[str]) -> tuple[Any, Any]:
    """Two sentence filters: ``shaped`` (``fits`` and holds the asked shape) and ``named`` (and names one of
    the question's entities)."""

    def shaped(article_id: str, sentence: str) -> bool:
        return bool(fits(article_id, sentence)) and _holds_answer(sentence, q, every_form)

    def named(article_id: str, sentence: str) -> bool:
        return shaped(article_id, sentence) and mentions_any(sentence, every_form)

    return shaped, named


def _search_staged(
    index: PassageIndex,
    q: Question,
    fits: Any,
    every_form: Sequence[str],
    *,
    limit: int,
    rerank: bool,
    same: dict[str, frozenset[str]],
    widen: bool,
) -> list[SentenceRow]:
    shaped, named = _keepers(q, fits, every_form)
    coverage = _SHAPED_COVERAGE if q.expects or q.status else MIN_COVERAGE
    asked = drop_status_words(q.text) if q.status else q.text
    found = index.search(asked, limit=limit, keep=named if every_form else shaped, rerank=rerank,
                         min_coverage=coverage, same=same, widen=widen)  # fmt: skip
    if not found and every_form:
        found = index.search(asked, limit=limit, keep=shaped, rerank=rerank, min_coverage=coverage, same=same,
                             widen=widen)  # fmt: skip
    if not found and every_form:
        # Every indexed article names the question's entities, so a sentence that refers to them ('the
        # deal', 'the two navies') is measured on the rest of the question, which it must hold more of.
        rest = _drop_forms(asked, every_form)
        if len(set(extract_query_terms(rest))) >= _MIN_REST_TERMS:
            found = index.search(rest, limit=limit, keep=shaped, rerank=rerank,
                                 min_coverage=max(coverage, _REST_COVERAGE), widen=widen)  # fmt: skip
    return found


def _all_forms(forms: dict[str, tuple[str, ...]]) -> list[str]:
    return [f for fs in forms.values() for f in fs]


def _holds_answer(sentence: str, q: Question, known: Sequence[str] = ()) -> bool:
    """The sentence holds what the question asks for: a number, sum or time, a place, a name or a cause
    (``known``: the forms of the question's entities, which are no answer)."""
    return is_answer_shaped(sentence, q.expects, q.text) and holds_wanted(sentence, q.wants, q.text, known)


def _continued(
    found: list[SentenceRow],
    index: PassageIndex,
    q: Question,
    keep: Any,
    *,
    rerank: bool,
    same: dict[str, frozenset[str]],
    known: Sequence[str],
) -> list[SentenceRow]:
    """A lead sentence that holds the question but not the asked figure, place or name, and the next
    sentence that gives it ('The economy all but stalled last quarter.' then 'Output grew 0.1%.'): news
    states the topic first and the detail after. Taken only when the lead holds clearly more of the
    question than any sentence of the asked shape, or names the time the question names ('the quarter to
    September') where that sentence does not; empty otherwise."""
    if not (q.expects or q.wants):
        return []
    loose = _timed_first(index.search(q.text, limit=3, keep=keep, rerank=rerank, same=same), q)
    if not loose or (found and loose[0].citation == found[0].citation):
        return []
    lead = loose[0]
    if _holds_answer(lead.text, q, known):
        return []
    if found:
        asked = time_words(q.text)
        timed = bool(asked & time_words(lead.text)) and not asked & time_words(found[0].text)
        if not timed and index.coverage(lead.text, q.text) < index.coverage(found[0].text, q.text) + _MARGIN:
            return []
    following = index.next_sentence(lead.citation.article_id, lead.text)
    if following is None or not _holds_answer(following, q, known):
        return []
    citation = Citation(article_id=lead.citation.article_id, sentence=following)
    return [lead, SentenceRow(text=following, citation=citation, score=lead.score)]


def _timed_first(found: list[SentenceRow], q: Question) -> list[SentenceRow]:
    """With a time in the question ('in the quarter to September', 'the 2016 deal'), the sentences naming
    it first, in their order; a figure for another period answers another question."""
    asked = time_words(q.text)
    if not asked:
        return found
    return sorted(found, key=lambda p: not asked & time_words(p.text))


def _retold_fact(row: SentenceRow, index: PassageIndex, q: Question) -> SentenceRow:
    """A headline answer is cited by the body sentence it compresses, when that sentence holds the asked
    shape and half as much of the question: the fact's own sentence, with its details, not its headline
    (which says 'order' where the body says 'signed a contract')."""
    article_id = row.citation.article_id
    if row.text.strip() not in index.titles.get(article_id, ""):
        return row
    body = index.retelling(article_id, row.text)
    if body is None or not is_answer_shaped(body, q.expects, q.text):
        return row
    asked = set(extract_query_terms(q.text))
    if 2 * len(asked & set(extract_query_terms(body))) < len(asked & set(extract_query_terms(row.text))):
        return row
    return SentenceRow(text=body, citation=Citation(article_id=article_id, sentence=body), score=row.score)


def _gives_back(sentence: str, q: Question, forms: dict[str, tuple[str, ...]]) -> bool:
    """'What has A sold to B?' is not answered by 'B agreed to sell A ...': the asked target named before
    the sentence's first verb of giving and the asked source only after it."""
    if q.intent != "list" or not (q.source and q.target):
        return False
    verb = _GIVING.search(sentence)
    source = _first_mention(sentence, forms.get(q.source, ()))
    target = _first_mention(sentence, forms.get(q.target, ()))
    return verb is not None and source is not None and target is not None and target < verb.start() < source


def _first_mention(sentence: str, names: Sequence[str]) -> int | None:
    found = [m.start() for f in names if (m := re.search(rf"(?<!\w){re.escape(f)}(?!\w)", sentence))]
    return min(found, default=None)


def _same_terms(forms: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Each one-word form of a named entity stands for the others ('Indian' asked, 'India' written)."""
    same: dict[str, frozenset[str]] = {}
    for names in forms.values():
        words = frozenset(terms[0] for f in names if len(terms := extract_query_terms(f)) == 1)
        for word in words:
            same[word] = same.get(word, frozenset()) | words
    return same


def _named_next(row: SentenceRow, index: PassageIndex, known: Sequence[str]) -> list[SentenceRow]:
    """The sentence after ``row`` when it gives the name the question asks for and ``row`` does not
    ('One of the country's best-known bankers was arrested.' then 'Jane Roe, 61, ...')."""
    following = index.next_sentence(row.citation.article_id, row.text)
    if following is None or not names_a_person(following, known):
        return []
    return [
        SentenceRow(text=following, citation=Citation(article_id=row.citation.article_id, sentence=following))
    ]


def _drop_forms(text: str, forms: Sequence[str]) -> str:
    """The question without the names of its entities (longest forms first, with a possessive 's)."""
    for form in sorted(forms, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(form)}(?:['’]s)?(?!\w)", " ", text)
    return text


def _close_to_best(found: list[SentenceRow], index: PassageIndex, question: str) -> list[SentenceRow]:
    """The best one or two sentences; a headline gives way to a body sentence that states the fact, and
    of two body sentences only those holding the most of the question stay (either may rank first)."""
    best = found[0].score
    close = [p for p in found[:2] if p.score >= 0.8 * best]
    body = [p for p in close if p.text.strip() not in index.titles.get(p.citation.article_id, "")]
    if len(body) == 2:  # the fact's own sentence holds more of the question than its neighbours
        most = max(index.coverage(p.text, question) for p in body)
        body = [p for p in body if index.coverage(p.text, question) == most]
    return body or close[:1]


def stored_entities(store: Store) -> list[Entity]:
    return [e for e, _ in store.query_entities(limit=10**6)]
