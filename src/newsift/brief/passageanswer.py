"""An answer composed from sentences: the best ones holding the asked shape, a lead and the sentence that
gives its detail, a headline's body sentence, the sentence naming the asked person; cited."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from newsift.brief.facts import Sources
from newsift.brief.heads import asks_for_head, head_rows
from newsift.brief.matching import (
    all_forms,
    first_mention,
    holds_answer,
    may_tell_of,
    mentions_any,
    same_terms,
    years_fit,
)
from newsift.brief.passages import PassageIndex, extract_query_terms, stem
from newsift.brief.passagesearch import search_shaped
from newsift.brief.polarity import opposes
from newsift.brief.question import (
    Question,
    asks_about_speech,
    asks_for_person,
    counted_noun,
    drop_slot_noun,
    has_status_cue,
    holds_wanted,
    is_answer_shaped,
    is_type_word,
    names_a_party,
    names_a_person,
    time_words,
)
from newsift.brief.records import Answer, Citation, SentenceRow
from newsift.brief.wordfamily import synonyms
from newsift.model import Article
from newsift.store import Store, iter_articles

__all__ = [
    "MARGIN",
    "asks_one_thing",
    "asks_whole_year",
    "candidate_articles",
    "counted_first",
    "counted_terms",
    "gives_back",
    "one_of_two",
    "passage_answer",
    "retold_fact",
    "tells_part_of_year",
    "timed_first",
    "whole_year_first",
]

# How much more of the question a passage must cover to win over the records' own sentences.
MARGIN = 0.25

# A recipient named after 'to' or 'for' ('to Poland', 'for the Indian Navy').
_RECIPIENT = re.compile(r"\b(?:to|for)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
# Verbs of giving: their subject supplies ('A sold B jets', 'A will supply B'); 'buy' runs the other way.
_GIVING = re.compile(r"\b(?:sell|sells|selling|sold|suppl\w*|deliver\w*|transfer\w*|export\w*|provid\w*)\b")


# The base a figure is measured against ('from 53.3 in December', 'than in 2003', 'compared with a year
# earlier'), up to the clause's end: its time is not the time the figure tells of.
_BASE = re.compile(r"\b(?:from|than|compared\s+(?:with|to)|against)\s+[^,;]*", re.IGNORECASE)


def candidate_articles(
    store: Store, q: Question, sources: Sources, forms: dict[str, tuple[str, ...]]
) -> list[Article]:
    """Articles naming every entity of the question that may tell of its period (``may_tell_of``)."""
    return [
        a for a in iter_articles(store)
        if all(mentions_any(a.text, fs) for fs in forms.values()) and may_tell_of(a.id, q, sources)
    ]  # fmt: skip


def passage_answer(
    index: PassageIndex, q: Question, forms: dict[str, tuple[str, ...]], *, limit: int, rerank: bool
) -> Answer:
    """The best sentences naming one of the question's entities, else any sentence of an article naming
    them all (the answer may say 'the party' where the question says 'the Liberal Democrats')."""
    every_form = all_forms(forms)
    heads = head_rows(index, every_form) if every_form and asks_for_head(q.text) else []
    if heads:  # 'Who runs X?': the person named with a head's title, in an article about X
        return Answer(question=q.text, text=heads[0].text.strip(), citations=(heads[0].citation,),
                      passages=tuple(heads), method="passages")  # fmt: skip
    topic = set(extract_query_terms(q.topic or ""))

    def fits(_article_id: str, sentence: str) -> bool:
        # 'What did X say about Y': a sentence that never touches Y does not answer, however much of X;
        # 'who denied Y': a sentence without a word of denial does not either.
        on_topic = not topic or bool(topic & set(extract_query_terms(sentence)))
        cued = has_status_cue(sentence, q.status)
        # 'What has A sold to B?' asks for a transfer: a sentence without a word of one does not tell it.
        directed = not gives_back(sentence, q, forms) and (
            q.intent != "list" or any(is_type_word(w) for w in re.findall(r"[\w-]+", sentence))
        )
        # 'How many did A deliver to B?': a sentence giving to another name ('to Poland') tells of
        # another recipient.
        reaches = not (q.source and q.target) or not _gives_elsewhere(sentence, forms.get(q.target, ()))
        told = timely(sentence) and not opposes(q.text, sentence)  # the asked period, the asked change
        return on_topic and cued and directed and reaches and told

    # 'How much did output grow in the July to September quarter?': a sentence naming only other times
    # ('2.6% last year, 2.1% in 2005') tells of another period; one naming no time may still answer.
    asked_times = time_words(q.text) if q.since_year is None and q.until_year is None else set()

    def timely(sentence: str) -> bool:
        told = time_words(_BASE.sub(" ", sentence))  # 'fell to 51.8 from 53.3 in December' tells of now
        named = not asked_times or not told or bool(asked_times & told)
        return named and years_fit(sentence, q)

    def loosely_named(article_id: str, sentence: str) -> bool:
        return fits(article_id, sentence) and (not every_form or mentions_any(sentence, every_form))

    same = same_terms(forms)
    # A wanted name is preferred, not required: 'which body' may be answered by 'the budget committee of
    # the senate'. A place ('where') and a cause ('why') are required.
    found: list[SentenceRow] = []
    # The class asked for ('which countries') is named by its instances, not by its noun: a sentence
    # naming one ('Estonia, Finland and Norway') is measured on the rest of the question.
    slotless = replace(q, text=drop_slot_noun(q.text))
    # 'How much profit ...': the sentences naming what is counted are searched first, then any.
    counted = counted_terms(q)

    def counts(article_id: str, sentence: str) -> bool:
        return fits(article_id, sentence) and bool(counted & set(extract_query_terms(sentence)))

    # 'Who will attend?': a sentence whose only person is the speaker it quotes comes last.
    party = asks_for_person(q.text) and not asks_about_speech(q.text)

    def names_party(article_id: str, sentence: str) -> bool:
        speaker_only = names_a_person(sentence, every_form) and not names_a_party(sentence, every_form)
        return fits(article_id, sentence) and not speaker_only

    # 'How much did it grow over the whole of 2004?': sentences not telling of a part of the year first.
    year_asked = asks_whole_year(q)

    asked_years = set(re.findall(r"\b(?:19|20)\d\d\b", q.text))

    def whole(article_id: str, sentence: str) -> bool:  # and names the asked year, when one is asked
        named = not asked_years or bool(asked_years & set(re.findall(r"\b(?:19|20)\d\d\b", sentence)))
        return fits(article_id, sentence) and named and not tells_part_of_year(sentence)

    firsts = [
        keep for keep, asked in ((counts, bool(counted)), (names_party, party), (whole, year_asked)) if asked
    ]
    for keep in (*firsts, fits):
        for shape in (q, replace(q, wants=None), slotless) if q.wants == "name" else (q,):
            found = search_shaped(index, shape, keep, every_form, limit=limit, rerank=rerank, same=same)
            if found:
                break
        if found:
            break
    found = counted_first(whole_year_first(timed_first(found, q), q), q)
    continued = _continued(found, index, q, loosely_named, rerank=rerank, same=same, known=every_form)
    if not found and not continued:
        return Answer(question=q.text, text=None, method="none")
    # The answer and its citations are the sentences holding what is asked; a lead that only sets the
    # scene ('The economy all but stalled.' before 'Output grew 0.1%.') is context, not evidence.
    context = continued[:1]
    chosen = continued[1:] or _holding(
        [retold_fact(p, index, q) for p in _close_to_best(found, index, q)], q, every_form
    )
    names = names_a_party if party else names_a_person
    if asks_for_person(q.text) and not any(names(p.text, every_form) for p in chosen):
        named = _named_next(chosen[-1], index, every_form)
        context, chosen = (chosen, named) if named else (context, chosen)
    return Answer(
        question=q.text,
        text=" ".join(p.text.strip() for p in chosen),
        citations=tuple(p.citation for p in chosen),
        passages=(*context, *(p for p in found if p not in context)),
        method="passages",
    )


def _gives_elsewhere(sentence: str, target: Sequence[str]) -> bool:
    """True when the sentence names a recipient ('to Poland', 'for the Indian Navy') that is none of the
    asked recipient's forms."""
    return any(
        not mentions_any(m.group(0), target) for m in _RECIPIENT.finditer(sentence)
    ) and not mentions_any(sentence, target)


def _holding(chosen: list[SentenceRow], q: Question, known: Sequence[str]) -> list[SentenceRow]:
    """Of two sentences, the ones that hold the asked name or person when only some do: the other is a
    neighbour that shares the question's words but not its answer."""
    if len(chosen) < 2:
        return chosen
    if asks_for_person(q.text):
        names = names_a_person if asks_about_speech(q.text) else names_a_party
        held = [p for p in chosen if names(p.text, known)]
    elif q.wants == "name":
        held = [p for p in chosen if holds_wanted(p.text, q.wants, q.text, known)]
    else:
        return chosen
    return held or chosen


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
    loose = timed_first(index.search(q.text, limit=3, keep=keep, rerank=rerank, same=same), q)
    if not loose or (found and loose[0].citation == found[0].citation):
        return []
    lead = loose[0]
    if holds_answer(lead.text, q, known):
        return []
    if found:
        asked = time_words(q.text)
        timed = bool(asked & time_words(lead.text)) and not asked & time_words(found[0].text)
        if not timed and index.coverage(lead.text, q.text) < index.coverage(found[0].text, q.text) + MARGIN:
            return []
    following = index.next_sentence(lead.citation.article_id, lead.text)
    if following is None or not holds_answer(following, q, known):
        return []
    citation = Citation(article_id=lead.citation.article_id, sentence=following)
    return [lead, SentenceRow(text=following, citation=citation, score=lead.score)]


def timed_first(found: list[SentenceRow], q: Question) -> list[SentenceRow]:
    """With a time in the question ('in the quarter to September', 'the 2016 deal'), the sentences naming
    it first, in their order; a figure for another period answers another question."""
    asked = time_words(q.text)
    if not asked:
        return found
    return sorted(found, key=lambda p: not asked & time_words(p.text))


def counted_terms(q: Question) -> set[str]:
    """The stemmed words of what a 'how many / how much' question counts, with their synonyms ('staff'
    asked: 'jobs', 'workers', 'employees'); empty for other questions."""
    return {s for t in extract_query_terms(counted_noun(q.text)) for s in synonyms(t, stem)}


def counted_first(found: list[SentenceRow], q: Question) -> list[SentenceRow]:
    """'How many Ethiopians ...', 'how much profit ...': of the sentences found, those naming what is
    counted, when some do; a figure beside other nouns ('965,000 tonnes' for 'how many people', revenue for
    'how much profit') counts something else."""
    counted = counted_terms(q)
    if not counted:
        return found
    holding = [p for p in found if counted & set(extract_query_terms(p.text))]
    return holding or found


# A part of a year ('the third quarter', 'the three months to June', 'in March'), and a whole year ('for the
# full year', 'over the year'; not 'an annual rate', which states a quarter's pace).
_PART_OF_YEAR = re.compile(
    r"\b(?:quarters?|months?|half|halves|weeks?|January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b",
)
_WHOLE_YEAR = re.compile(
    r"\b(?:(?:full|whole|entire|calendar)\s+year|for\s+the\s+year|over\s+the\s+year|year\s+as\s+a\s+whole|"
    r"annual(?!\s+rate)|(?:19|20)\d\d\s+as\s+a\s+whole)\b",
    re.IGNORECASE,
)


def asks_whole_year(q: Question) -> bool:
    """True for a question of a year ('in 2004', 'over the whole of 2004', 'last year') naming no part of
    one ('the third quarter', 'in March')."""
    asks_year = bool(re.search(r"\b(?:(?:19|20)\d\d|year)\b", q.text, re.IGNORECASE))
    return asks_year and not _PART_OF_YEAR.search(q.text)


def tells_part_of_year(sentence: str) -> bool:
    """True for a sentence naming a part of a year ('in the last quarter of 2004') and not the whole year
    ('for the full year')."""
    return bool(_PART_OF_YEAR.search(sentence)) and not _WHOLE_YEAR.search(sentence)


def whole_year_first(found: list[SentenceRow], q: Question) -> list[SentenceRow]:
    """A question of a whole year is answered first by the sentences not telling of a part of one; a
    quarter's figure tells of a part."""
    return sorted(found, key=lambda p: tells_part_of_year(p.text)) if asks_whole_year(q) else found


def retold_fact(row: SentenceRow, index: PassageIndex, q: Question) -> SentenceRow:
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


def gives_back(sentence: str, q: Question, forms: dict[str, tuple[str, ...]]) -> bool:
    """'What has A sold to B?' is not answered by 'B agreed to sell A ...': the asked target named before
    the sentence's first verb of giving and the asked source only after it."""
    if q.intent != "list" or not (q.source and q.target):
        return False
    verb = _GIVING.search(sentence)
    source = first_mention(sentence, forms.get(q.source, ()))
    target = first_mention(sentence, forms.get(q.target, ()))
    return verb is not None and source is not None and target is not None and target < verb.start() < source


def _named_next(row: SentenceRow, index: PassageIndex, known: Sequence[str]) -> list[SentenceRow]:
    """The sentence after ``row`` when it gives the name the question asks for and ``row`` does not
    ('One of the country's best-known bankers was arrested.' then 'Jane Roe, 61, ...')."""
    following = index.next_sentence(row.citation.article_id, row.text)
    if following is None or not names_a_person(following, known):
        return []
    return [
        SentenceRow(text=following, citation=Citation(article_id=row.citation.article_id, sentence=following))
    ]


def _close_to_best(found: list[SentenceRow], index: PassageIndex, q: Question) -> list[SentenceRow]:
    """The best one or two sentences; a headline gives way to a body sentence that states the fact, and
    of two body sentences only those holding the most of the question stay (either may rank first; a word
    of the question's family counts: 'jumped' holds 'grow'). Of two that hold as much, a question asking
    one thing (a figure, a time, a place or a cause) keeps one (``one_of_two``)."""
    best = found[0].score
    close = [p for p in found[:2] if p.score >= 0.8 * best]
    body = [p for p in close if p.text.strip() not in index.titles.get(p.citation.article_id, "")]
    if len(body) == 2:  # the fact's own sentence holds more of the question than its neighbours
        family = index.word_families(extract_query_terms(q.text), {})
        held = {p.text: index.coverage(p.text, q.text, family) for p in body}
        body = [p for p in body if held[p.text] == max(held.values())]
    if len(body) == 2 and asks_one_thing(q):
        body = [one_of_two(body, index, q)]
    return body or close[:1]


# A sentence telling that something was denied or rejected: weaker evidence of it than one stating it.
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ial)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut\w*)\b", re.IGNORECASE
)


def asks_one_thing(q: Question) -> bool:
    """True for a question whose answer is one item a sentence holds or not: a figure, sum or time, a place
    or a cause ('How many ...?', 'When ...?', 'Where ...?', 'Why ...?'). Not a name or a person: any
    capitalised word passes for one, so the two sentences are kept and the name's own rules choose."""
    return bool(q.expects) or q.wants in {"place", "cause"}


def one_of_two(rows: list[SentenceRow], index: PassageIndex, q: Question) -> SentenceRow:
    """Of two sentences holding the asked item and as much of the question, the one to cite: not a denial
    of it (unless a denial is asked), then the one nearer its article's start (news states its main fact
    first; a later sentence repeats or qualifies it), then the better ranked."""
    ranked = sorted(
        enumerate(rows),
        key=lambda r: (
            not q.status and bool(_DENIAL.search(r[1].text)),
            index.position(r[1].citation.article_id, r[1].text),
            r[0],
        ),
    )
    return ranked[0][1]
