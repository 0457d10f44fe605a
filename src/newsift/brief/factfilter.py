"""Fact rows kept for a question: on its topic beyond the names, naming what was supplied, not echoing the
question, not retelling another line."""

from __future__ import annotations

from newsift.brief.passages import extract_query_terms
from newsift.brief.question import Question, drop_status_words, is_type_word
from newsift.brief.records import FactRow
from newsift.model import Event

__all__ = ["echoes_question", "select_naming_items", "select_on_topic"]

# A record of no asked type must hold one word in this many of what the question asks beyond its names.
_REST_SHARE = 3


def select_on_topic(q: Question, facts: list[FactRow], forms: dict[str, tuple[str, ...]]) -> list[FactRow]:
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


def select_naming_items(facts: list[FactRow], leads: dict[str, Event]) -> list[FactRow]:
    """'What has X supplied to Y?': the happenings that name what was supplied. A line without an item
    ('the first units arrive next spring') tells of a supply named on another line, or of none."""

    def lead(fact: FactRow) -> Event | None:  # the event a line is rendered from (render_list_answer)
        return next((leads[i] for i in fact.record_ids if i in leads), None)

    named = [f for f in facts if (event := lead(f)) is not None and event.item]
    return [f for f in named if not _retold(f, named, leads)]


def echoes_question(fact: FactRow, leads: dict[str, Event], q: Question) -> bool:
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
