"""Answers as lists of stored facts: one line per happening, claim or quote (item, quantity, value, time,
status, outlets), each line citing its sentence. Formats records only; never writes a fact of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsift.brief.facts import Sources
from newsift.brief.passages import extract_query_terms, stem
from newsift.brief.records import Answer, Citation, FactRow
from newsift.brief.wordfamily import related
from newsift.link.text import split_sentence_spans
from newsift.model import Actor, Article, Event, Quote, QuoteKind

__all__ = [
    "event_time_text",
    "named_item",
    "order_citations",
    "render_fact_line",
    "render_key_facts",
    "render_list_answer",
    "select_quote_lines",
]

# A word that can stand in a system's name before its common noun: a capital, a digit or a hyphen.
_MODIFIER = r"(?:[A-Z][\w'’-]*|[\w-]*\d[\w-]*|[a-z]+-[a-z-]+)"
_PARTIES = {
    "denied": "denied_by",
    "alleged": "alleged_by",
    "asserted": "asserted_by",
    "attributed": "asserted_by",
}
# One citation per line: the line's own sentence (other reports of it stay in the answer's facts).
_CITES_PER_LINE = 1


def event_time_text(event: Event) -> str | None:
    """The event's own time as stated (the ``time`` record when the store has it, else year or text);
    a report date used as a fallback is marked as such."""
    when = getattr(event, "time", None)
    if when is not None:
        text = getattr(when, "text", None) or getattr(when, "value", None)
        if text:
            fallback = str(getattr(when, "source", "")) in {"report", "published", "fallback"}
            return f"{text} (report date)" if fallback else str(text)
    if event.time_text:
        return event.time_text
    return str(event.year) if event.year else None


def _actor_names(actors: Sequence[Actor], names: dict[str, str]) -> str:
    labels = [names.get(a.id or "") or names.get(a.code or "") or a.text for a in actors]
    return ", ".join(dict.fromkeys(labels))


def _actors(event: Event, names: dict[str, str]) -> str:
    if event.source or event.target:
        return f"{_actor_names(event.source, names) or '?'} → {_actor_names(event.target, names) or '?'}"
    return _actor_names(event.participants, names)


def _fields(event: Event, row: FactRow, sources: Sources, expects: str | None) -> list[str]:
    """Item, quantity, value and time of an event; empty when it names no item or lacks what is asked."""
    when = event_time_text(event) or (str(row.year) if row.year else None)
    lacks = (
        (expects == "number" and not (event.quantity or event.value))
        or (expects == "money" and not event.value)
        or (expects == "time" and not when)
    )
    if not event.item or lacks:
        return []
    kind = (event.subtype or str(event.type)).replace("_", " ")
    head = " ".join(p for p in (_actors(event, sources.names()), kind) if p)
    item = named_item(event.item, event.evidence.text)
    parts = [f"{head}: {item}" if head else item]
    if event.quantity:
        parts.append(f"{event.quantity} units")
    if event.value:
        parts.append(event.value.text)
    if when:
        parts.append(when)
    return parts


def named_item(item: str, sentence: str) -> str:
    """The item as its sentence names it, when the stored item is a bare common noun ('howitzers') that the
    sentence gives with a designator or name before it ('36 K9 self-propelled howitzers' -> 'K9
    self-propelled howitzers'); the stored item otherwise. Only words with a capital, a digit or a hyphen
    are taken, so no verb or article ('delivered howitzers') joins the item."""
    if any(c.isupper() or c.isdigit() for c in item):
        return item
    found = re.search(rf"((?:{_MODIFIER}\s+)+){re.escape(item)}\b", sentence)
    if found is None:
        return item
    words = found.group(1).split()
    while words and (words[0][0].isdigit() and not any(c.isalpha() for c in words[0])):
        words.pop(0)  # a quantity ('36') is the event's own field, not part of the name
    named = any(c.isupper() or c.isdigit() for w in words for c in w)
    return " ".join((*words, item)) if words and named else item


def render_fact_line(
    row: FactRow, lead: Event | None, sources: Sources, *, party: str = "", expects: str | None = None
) -> str:
    """One answer line: the event's fields (or its sentence, when the fields name no item or lack the
    number or time the question asks for), then its status and outlets."""
    fields = _fields(lead, row, sources, expects) if lead is not None else []
    body = " · ".join(fields) if fields else row.citations[0].sentence.strip()
    outlets = ", ".join(row.outlets)
    tail = " · ".join(p for p in (row.status, outlets) if p)
    prefix = f"{party}: " if party else ""
    return f"{prefix}{body} ({tail})" if tail else f"{prefix}{body}"


def _party(row: FactRow, status: str | None, names: dict[str, str]) -> str:
    if not status:
        return ""
    parties: tuple[str, ...] = getattr(row, _PARTIES.get(status, "asserted_by"))
    return ", ".join(dict.fromkeys(names.get(x, x) for x in parties))


def render_list_answer(
    question: str,
    rows: Sequence[FactRow],
    leads: dict[str, Event],
    sources: Sources,
    *,
    party_status: str | None = None,
    expects: str | None = None,
) -> Answer:
    """A numbered list, one line per fact row, each ending with the numbers of the sentences it cites.

    With ``party_status`` ('who denied') each line names the parties and quotes the claim's sentence,
    since the claim is the sentence; otherwise an event line gives its fields. A sentence is listed once.
    """
    lines: list[str] = []
    citations: list[Citation] = []
    seen: set[str] = set()
    for row in rows:
        row = replace(row, citations=order_citations(row, leads, sources))
        lead = next((leads[i] for i in row.record_ids if i in leads), None)
        party = _party(row, party_status, sources.names())
        lead = None if party_status else lead
        line = render_fact_line(row, lead, sources, party=party, expects=expects)
        key = line if lead is not None and lead.item else row.citations[0].sentence
        if key in seen:
            continue
        seen.add(key)
        refs = []
        for citation in row.citations[:_CITES_PER_LINE]:
            if citation not in citations:
                citations.append(citation)
            refs.append(str(citations.index(citation) + 1))
        lines.append(f"{len(lines) + 1}. {line} [{', '.join(refs)}]")
    return Answer(question=question, text="\n".join(lines), citations=tuple(citations), facts=tuple(rows),
                  method="records")  # fmt: skip


def order_citations(row: FactRow, leads: dict[str, Event], sources: Sources) -> tuple[Citation, ...]:
    """The row's sentences, the one holding most of its happening's fields (actors, item, quantity,
    value) first, a body sentence before the headline that compresses it; stable among equals."""
    fields: set[str] = set()
    for event in (leads[i] for i in row.record_ids if i in leads):
        fields.update(a.text for a in (*event.source, *event.target, *event.participants))
        fields.update((event.item or "", str(event.quantity or ""), event.value.text if event.value else ""))
    fields.discard("")

    def rank(citation: Citation) -> tuple[int, bool]:
        article = sources.article(citation.article_id)
        is_title = article is not None and citation.sentence.strip() in article.title
        return -sum(f in citation.sentence for f in fields), is_title

    return tuple(sorted(row.citations, key=rank))


def select_quote_lines(
    quotes: Sequence[Quote], topic: str | None, sources: Sources, *, limit: int = 2
) -> tuple[list[str], list[Citation]]:
    """The speaker's quote sentences that share most words with the topic (all quotes when none is given),
    the speaker's own words (a direct quote) before the outlet's retelling among equals; each a verbatim
    sentence of the quote, cited. Empty when a topic is given and no quote touches it."""
    terms = set(extract_query_terms(topic or ""))
    lines, citations = _quote_lines(quotes, terms, sources, limit=limit, widen=False)
    if lines or not terms:
        return lines, citations
    # No quote holds the topic's own words: its word families ('problems' asked, 'issues' said), then the
    # article's lead: a quote in an article whose headline or first sentence names the topic is about it
    # ('The first children's commissioner was appointed.' ... 'Kelly said he would be a strong voice').
    lines, citations = _quote_lines(quotes, terms, sources, limit=limit, widen=True)
    if lines:
        return lines, citations
    return _quote_lines(quotes, terms, sources, limit=limit, widen=False, lead=True)


def _quote_lines(
    quotes: Sequence[Quote], terms: set[str], sources: Sources, *, limit: int, widen: bool, lead: bool = False
) -> tuple[list[str], list[Citation]]:
    scored: list[tuple[int, bool, int, Citation, str]] = []
    for quote in quotes:
        article = sources.article(quote.article_id)
        if article is None:
            continue
        spans = split_sentence_spans(article.text)
        # Half the topic's words must be in the lead ('the new commissioner' asked, 'the first children's
        # commissioner' written), else one word shared by chance would pull a quote in.
        about = _lead_terms(article, spans) if lead else set()
        if lead and 2 * len(terms & about) < len(terms):
            continue
        for start, end in spans:
            if end <= quote.start or start >= quote.end:
                continue
            sentence = article.text[start:end]
            held = set(extract_query_terms(sentence)) | about
            overlap = len(terms & held) if not widen else sum(bool(related(t, held, stem)) for t in terms)
            speaker = sources.names().get(quote.speaker_id or "") or quote.speaker_text or "?"
            citation = Citation(article_id=article.id, sentence=sentence, sentence_index=None)
            direct = quote.kind == QuoteKind.DIRECT
            scored.append((overlap, direct, -len(scored), citation, speaker))
    if terms:
        scored = [s for s in scored if s[0] > 0]
    scored.sort(key=lambda s: (-s[0], not s[1], -s[2]))
    best = scored[0][0] if scored else 0
    chosen = [s for s in scored if s[0] >= best][:limit]
    lines = [f"{i}. {speaker}: {c.sentence.strip()} [{i}]" for i, (*_, c, speaker) in enumerate(chosen, 1)]
    return lines, [c for *_, c, _ in chosen]


def _lead_terms(article: Article, spans: Sequence[tuple[int, int]]) -> set[str]:
    """The terms of the headline and the body's first sentence (the text may open with its headline)."""
    text, title = article.text, article.title
    body = (text[s:e] for s, e in spans if text[s:e].strip() != title.strip())
    return set(extract_query_terms(f"{title} {next(body, '')}"))


def render_key_facts(
    rows: Sequence[FactRow], leads: dict[str, Event], names: dict[str, str], *, limit: int = 6
) -> str:
    """The 'key facts' line of an article: its events that name an item (what, how many, how much, when),
    most detailed first, then what its claims deny or allege; '' when there are none."""
    found: list[tuple[int, str]] = []
    for row in rows:
        lead = next((leads[i] for i in row.record_ids if i in leads), None)
        if lead is None or not lead.item:
            continue
        kind = (lead.subtype or str(lead.type)).replace("_", " ")
        extra = [str(lead.quantity) if lead.quantity else "", lead.value.text if lead.value else ""]
        extra += [event_time_text(lead) or ""]
        detail = ", ".join(p for p in extra if p)
        parties = getattr(row, _PARTIES.get(row.status, "asserted_by")) if row.status == "denied" else ()
        marked = "" if row.status in {"asserted", "attributed"} else row.status
        if marked and parties:
            marked += " by " + ", ".join(dict.fromkeys(names.get(x, x) for x in parties))
        actors = _actors(lead, names)
        text = (f"{marked}: " if marked else "") + (f"{actors} " if actors else "") + f"{kind} of {lead.item}"
        text += f" ({detail})" if detail else ""
        found.append((-(len([p for p in extra if p]) + 10 * (row.status == "denied")), text))
    found.sort(key=lambda f: f[0])
    return "; ".join(dict.fromkeys(text for _, text in found[:limit]))
