"""Questions answered from the sources only: first from stored records (entities, dyad, event type, claim
status, time window → events and claims; a speaker's quotes), as cited lines, else from retrieved
sentences; extractive, always cited, "no answer" when neither holds one.

The parts: ``question`` parses, ``factsearch`` and ``factfilter`` find and keep the records,
``passagesearch`` and ``passageanswer`` find and compose sentences, ``matching`` holds what both share.
"""

from __future__ import annotations

from newsift.brief.factfilter import echoes_question, select_naming_items, select_on_topic
from newsift.brief.factlist import render_list_answer, select_quote_lines
from newsift.brief.facts import Sources
from newsift.brief.factsearch import query_facts, select_relevant
from newsift.brief.matching import all_forms, holds_answer, mentions_any
from newsift.brief.passageanswer import MARGIN, candidate_articles, passage_answer
from newsift.brief.passages import PassageIndex
from newsift.brief.polarity import opposes
from newsift.brief.question import Question, asks_for_person, entity_forms, names_a_person, parse_question
from newsift.brief.records import Answer, FactRow
from newsift.model import Entity, Event
from newsift.store import Store

__all__ = ["answer_question", "mentions_any"]

# Intents answered with every matching fact, in time order, rather than the few closest to the question.
_LIST_INTENTS = frozenset({"list", "dyad"})
# Most lines of a list answer.
_MAX_LINES = 12


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
    facts = query_facts(store, parsed, sources, forms, leads) if asks_records else []
    if not parsed.status:  # a happening only ever denied does not answer what happened
        facts = [f for f in facts if set(f.statuses) != {"denied"}]
    shaped = (f for f in facts if any(holds_answer(c.sentence, parsed, all_forms(forms))
                                      for c in f.citations))  # fmt: skip
    facts = [f for f in shaped if not all(opposes(parsed.text, c.sentence) for c in f.citations)]
    if parsed.intent == "list":
        facts = select_naming_items(facts, leads)
    if parsed.intent in {"status", ""}:
        facts = select_on_topic(parsed, facts, forms)
    if parsed.intent == "" and parsed.wh in {"what", "which"}:
        facts = [f for f in facts if not echoes_question(f, leads, parsed)]
    if facts and parsed.intent in _LIST_INTENTS:  # every transfer, or everything between two actors
        return render_list_answer(parsed.text, facts[:_MAX_LINES], leads, sources)
    index = PassageIndex(candidate_articles(store, parsed, sources, forms))
    passages = passage_answer(index, parsed, forms, limit=limit, rerank=rerank)
    if facts:
        party = parsed.status if parsed.wh == "who" else None
        rows = _naming_person(parsed, select_relevant(parsed, facts), forms)[:limit]
        records = render_list_answer(parsed.text, rows, leads, sources, party_status=party,
                                     expects=parsed.expects)  # fmt: skip
        if not _covers_more(index, parsed, passages, records):
            return records
    return passages


def _naming_person(q: Question, facts: list[FactRow], forms: dict[str, tuple[str, ...]]) -> list[FactRow]:
    """'Who signed the pact for Japan?': the rows naming a person beyond the question's names, when some
    do; a row telling only of the pact ('Japan and the Philippines sign pact') names no signer."""
    if not asks_for_person(q.text):
        return facts
    known = all_forms(forms)
    named = [f for f in facts if any(names_a_person(c.sentence, known) for c in f.citations)]
    return named or facts


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
    return index.coverage(passages.citations[0].sentence, q.text) >= best_record + MARGIN


def stored_entities(store: Store) -> list[Entity]:
    return [e for e, _ in store.query_entities(limit=10**6)]
