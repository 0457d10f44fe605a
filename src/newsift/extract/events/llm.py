"""Optional LLM event extractor (``events.llm.v1``): one chat-completions request per eventful sentence,
JSON-schema constrained, its answer cross-checked against the sentence before it becomes an Event.

It owns the prompt, the schema and the checks; the transport is ``newsift.llm_client``. Never trusts a
span, number or actor code the sentence and the article's mentions do not bear out.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from newsift import codec
from newsift.errors import ConfigError, ExtractionError, InputError
from newsift.extract.events.attributes import extract_values, parse_number
from newsift.extract.events.lexicon import DefenceTriggers, load_lexicon
from newsift.extract.parse import Parse
from newsift.llm_client import LlmError, LlmSettings, fetch_completion
from newsift.model import (
    Actor,
    AnnotatedArticle,
    ClaimStatus,
    Event,
    EventMode,
    Evidence,
    PloverType,
    Sentence,
    Value,
    make_id,
)

__all__ = ["EXTRACTOR", "extract_events_llm", "response_schema", "select_sentences"]

logger = logging.getLogger(__name__)

EXTRACTOR = "events.llm.v1"
_ASPECTS = ("done", "ongoing", "planned", "expected")
# Servers that refuse ``response_format`` say so with one of these; the request is retried without it.
_SCHEMA_REFUSED = frozenset({400, 415, 422})
_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)
_WORD = re.compile(r"[A-Za-z]+")
_NUMBER_WORD = re.compile(r"[\w,]+")
_APOSTROPHE = "['’]"
_E = TypeVar("_E", PloverType, EventMode, ClaimStatus)


def select_sentences(annotated: AnnotatedArticle, settings: LlmSettings) -> tuple[int, ...]:
    """Indices of the sentences the extractor sends, in text order.

    Every non-blank sentence of a short article (``event_short_article`` sentences or fewer); otherwise
    those holding a trigger lemma of the rules' lexicon. At most ``event_max_requests`` of them: the
    first ones in the text.
    """
    text = annotated.article.text
    sentences = [s for s in annotated.sentences if text[s.start : s.end].strip()]
    if len(sentences) > settings.event_short_article:
        words, triggers = _sentence_words(annotated), _trigger_words()
        sentences = [s for s in sentences if words.get(s.index, set()) & triggers]
    return tuple(s.index for s in sentences[: max(0, settings.event_max_requests)])


def extract_events_llm(
    annotated: AnnotatedArticle,
    settings: LlmSettings,
    *,
    rules: tuple[Event, ...] = (),
    client: httpx.Client | None = None,
) -> tuple[Event, ...]:
    """Events of one article from an OpenAI-compatible model, checked against the text.

    A field whose text (item, value, programme, place, time), quantity or year the sentence does not
    contain is dropped; an event whose type is unknown or one of whose actors is not in the sentence is
    dropped whole. Actor ids and codes come from the article's mentions under the actor's text, never
    from the model.

    Args:
        annotated: the article with its sentences and resolved mentions (tokens are optional).
        settings: the endpoint and the per-article bounds (``event_max_requests``, ...).
        rules: the rules' events of the same article; those of sentences not sent (not eventful, or past
            the request bound) are kept, so the LLM replaces the rules only where it read.
        client: an open HTTP client to reuse; one is opened (and closed) per call otherwise.

    Returns:
        The events in text order, extractor ``events.llm.v1`` (kept rules' events keep theirs).

    Raises:
        ConfigError: no ``base_url`` is set.
        ExtractionError: a request timed out or failed, or a reply is not JSON of the expected shape.
            Nothing is returned then: the caller keeps the rules' events of that article.
    """
    if not settings.base_url:
        raise ConfigError("the llm event extractor needs llm.base_url (NEWSIFT_LLM__BASE_URL)")
    sent = select_sentences(annotated, settings)
    parse = Parse.build(annotated)
    own = client is None
    session = _Session(settings=settings, client=client or httpx.Client(timeout=settings.timeout_s))
    events: list[Event] = []
    try:
        for index in sent:
            events.extend(_sentence_events(parse, index, _ask(session, annotated, index)))
    finally:
        if own:
            session.client.close()
    read = set(sent)
    events.extend(e for e in rules if e.evidence.sentence not in read)
    logger.debug("%s: %d llm requests, %d events", annotated.article.id, len(sent), len(events))
    return tuple(sorted(events, key=lambda e: (e.evidence.sentence, e.evidence.start)))


@dataclass
class _Session:
    settings: LlmSettings
    client: httpx.Client
    constrained: bool = True  # False once the server refused response_format


def _ask(session: _Session, annotated: AnnotatedArticle, index: int) -> list[Any]:
    where = f"{annotated.article.id} sentence {index}"
    messages = _messages(annotated, index)
    settings = session.settings
    try:
        if session.constrained:
            try:
                content = fetch_completion(
                    messages,
                    settings,
                    client=session.client,
                    max_tokens=settings.event_max_tokens,
                    response_format=_response_format(),
                )
                return _parse_reply(content, where)
            except LlmError as err:
                if err.status not in _SCHEMA_REFUSED:
                    raise
                logger.warning("%s: llm refused response_format (%s): plain JSON from now on", where, err)
                session.constrained = False
        content = fetch_completion(
            messages, settings, client=session.client, max_tokens=settings.event_max_tokens
        )
    except LlmError as err:
        raise ExtractionError(f"{where}: {err}") from err
    return _parse_reply(content, where)


def _messages(annotated: AnnotatedArticle, index: int) -> list[dict[str, str]]:
    user = (
        f"Headline (context only): {annotated.article.title}\n"
        f"Sentence: {annotated.sentence_text(index).strip()}"
    )
    return [{"role": "system", "content": _system_prompt()}, {"role": "user", "content": user}]


@functools.cache
def _system_prompt() -> str:
    mapping = "; ".join(
        f"{d.subtype} ({d.type}" + (f", {d.promised_type} while only promised)" if d.promised_type else ")")
        for d in load_lexicon().defence
    )
    return (
        "You extract events from ONE news sentence. An event is something an actor did, does, plans or is "
        "said to do to another. 'type' is one of the PLOVER types "
        + ", ".join(t for t in PloverType if t != PloverType.STATEMENT)
        + ", or STATEMENT for a remark. Defence subtypes and their types: "
        + mapping
        + ". Copy every text field (trigger, actor text, item, value text, programme, place, time_text) "
        "verbatim from the sentence, or use null when the sentence does not say it. Report no event that "
        "the sentence negates or only imagines. status: asserted, attributed (someone is reported saying "
        "it), alleged, denied, speculated (could, may), confirmed. aspect: done, ongoing, planned, expected. "
        'Reply with one JSON object only: {"events": [{"type", "mode", "subtype", "trigger", '
        '"source": [{"text", "sector"}], "target": [...], "item", "quantity", '
        '"value": {"amount", "currency", "text"}, "programme", "place", "time_text", "year", "aspect", '
        '"status"}]}, with "events": [] when there is none.'
    )


def _response_format() -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {"name": "events", "strict": True, "schema": response_schema()},
    }


@functools.cache
def response_schema() -> dict[str, Any]:
    """The JSON schema of a reply (OpenAI strict mode: every key required, nulls allowed)."""
    lexicon = load_lexicon()
    sectors = sorted({s for _, s in lexicon.sectors})

    def text() -> dict[str, Any]:
        return {"type": ["string", "null"]}

    def choice(values: list[str]) -> dict[str, Any]:
        return {"type": ["string", "null"], "enum": [*values, None]}

    def strict(properties: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": list(properties),
            "properties": properties,
        }

    actor = strict({"text": {"type": "string"}, "sector": choice(sectors)})
    value = strict({"amount": {"type": "number"}, "currency": {"type": "string"}, "text": {"type": "string"}})
    event = strict(
        {
            "type": {"type": "string", "enum": [str(t) for t in PloverType]},
            "mode": choice([str(m) for m in EventMode]),
            "subtype": choice([d.subtype for d in lexicon.defence]),
            "trigger": text(),
            "source": {"type": "array", "items": actor},
            "target": {"type": "array", "items": actor},
            "item": text(),
            "quantity": {"type": ["integer", "null"]},
            "value": {"anyOf": [value, {"type": "null"}]},
            "programme": text(),
            "place": text(),
            "time_text": text(),
            "year": {"type": ["integer", "null"]},
            "aspect": choice(list(_ASPECTS)),
            "status": {"type": "string", "enum": [str(s) for s in ClaimStatus]},
        }
    )
    return strict({"events": {"type": "array", "items": event}})


def _parse_reply(content: str, where: str) -> list[Any]:
    """The reply's event list; prose or a code fence around the JSON (no schema enforced) is skipped."""
    fenced = _FENCE.search(content)
    candidates = [
        content,
        fenced.group(1) if fenced else "",
        content[content.find("{") : content.rfind("}") + 1],
    ]
    for candidate in filter(None, candidates):
        try:
            data = codec.decode(candidate, object, source=where)
        except InputError:
            continue
        events = data.get("events") if isinstance(data, dict) else data
        if isinstance(events, list):
            return events
        raise ExtractionError(f"{where}: llm reply has no 'events' list: {content[:120]!r}")
    raise ExtractionError(f"{where}: llm reply is not JSON: {content[:120]!r}")


def _sentence_events(parse: Parse, index: int, raws: list[Any]) -> list[Event]:
    events: dict[str, Event] = {}
    for raw in raws:
        event = _event(parse, parse.annotated.sentences[index], raw) if isinstance(raw, dict) else None
        if event is None:
            logger.debug("%s sentence %d: llm event rejected: %r", parse.annotated.article.id, index, raw)
            continue
        events.setdefault(event.id, event)
    return list(events.values())


def _event(parse: Parse, sentence: Sentence, raw: Mapping[str, Any]) -> Event | None:
    """One checked Event, or None when its type is unknown or an actor is not in the sentence."""
    article = parse.annotated.article
    text = article.text
    type_ = _enum(PloverType, raw.get("type"))
    source, target = _actors(parse, sentence, raw.get("source")), _actors(parse, sentence, raw.get("target"))
    if type_ is None or source is None or target is None:
        return None
    spec = _subtypes().get(str(raw.get("subtype")))
    if spec is not None and type_ not in (spec.type, spec.promised_type):
        type_ = spec.type  # the lexicon's mapping is the one mapping of subtypes to types
    trigger = _span(text, sentence, raw.get("trigger"))
    start, end = trigger or (sentence.start, sentence.end)
    return Event(
        id=make_id(article.id, str(sentence.index), str(start), spec.subtype if spec else str(type_), "llm"),
        type=type_,
        mode=_enum(EventMode, raw.get("mode")) or (spec.mode if spec else _default_mode(type_)),
        evidence=_evidence(parse, sentence, start, end),
        subtype=spec.subtype if spec else None,
        trigger=text[start:end] if trigger else None,
        source=source,
        target=target,
        participants=source + target if type_ == PloverType.COOPERATE else (),
        item=_surface(text, sentence, raw.get("item")),
        quantity=_quantity(text[sentence.start : sentence.end], raw.get("quantity")),
        value=_value(text, sentence, raw.get("value")),
        programme=_surface(text, sentence, raw.get("programme")),
        place=_surface(text, sentence, raw.get("place")),
        time_text=_surface(text, sentence, raw.get("time_text")),
        year=_year(text[sentence.start : sentence.end], raw.get("year")),
        aspect=raw.get("aspect") if raw.get("aspect") in _ASPECTS else None,
        status=_enum(ClaimStatus, raw.get("status")) or ClaimStatus.ASSERTED,
        extractor=EXTRACTOR,
        confidence=0.7 if spec else 0.6,
    )


def _evidence(parse: Parse, sentence: Sentence, start: int, end: int) -> Evidence:
    text = parse.annotated.sentence_text(sentence.index)
    return Evidence(
        article_id=parse.annotated.article.id, sentence=sentence.index, start=start, end=end, text=text
    )


def _actors(parse: Parse, sentence: Sentence, raw: Any) -> tuple[Actor, ...] | None:
    """The actors of one side, or None when one of them is not in the sentence (invented)."""
    if raw is None:
        return ()
    actors: list[Actor] = []
    for item in raw if isinstance(raw, list) else [raw]:
        name = item.get("text") if isinstance(item, dict) else item
        span = _span(parse.annotated.article.text, sentence, name)
        if span is None:
            return None
        sector = item.get("sector") if isinstance(item, dict) else None
        actors.append(_actor(parse, span, sector))
    return tuple(dict.fromkeys(actors))


def _actor(parse: Parse, span: tuple[int, int], sector: Any) -> Actor:
    """Id and code from the longest resolved mention under the actor's text; the model's are ignored."""
    start, end = span
    surface = parse.annotated.article.text[start:end]
    under = [m for m in parse.annotated.mentions if m.entity_id and m.start < end and start < m.end]
    under.sort(key=lambda m: (m.end - m.start, m.start), reverse=True)
    codes = [c for c in (parse.code_of(m) for m in under) if c]
    return Actor(
        text=surface,
        id=under[0].entity_id if under else None,
        code=codes[0] if codes else None,
        sector=_sector(surface, sector),
    )


def _sector(surface: str, claimed: Any) -> str | None:
    """The sector a word of the actor's text names ('army' → MIL), else the model's if it is one."""
    lexicon = load_lexicon()
    for word in reversed(_WORD.findall(surface)):
        sector = lexicon.sector_of(word)
        if sector is not None:
            return sector
    return claimed if claimed in {s for _, s in lexicon.sectors} else None


def _span(text: str, sentence: Sentence, needle: Any) -> tuple[int, int] | None:
    """Where ``needle`` occurs in the sentence as whole words (case and spacing aside), if it does."""
    if not isinstance(needle, str) or not needle.strip():
        return None
    words = [re.escape(w).replace("'", _APOSTROPHE).replace("’", _APOSTROPHE) for w in needle.split()]
    pattern = r"\s+".join(words)
    if needle.strip()[0].isalnum():
        pattern = r"(?<!\w)" + pattern
    if needle.strip()[-1].isalnum():
        pattern += r"(?!\w)"
    match = re.compile(pattern, re.IGNORECASE).search(text, sentence.start, sentence.end)
    return match.span() if match else None


def _surface(text: str, sentence: Sentence, needle: Any) -> str | None:
    span = _span(text, sentence, needle)
    return text[span[0] : span[1]] if span else None


def _quantity(sentence: str, raw: Any) -> int | None:
    """A count the sentence states, in digits or words ('41', 'two')."""
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        return None
    return raw if any(parse_number(w) == raw for w in _NUMBER_WORD.findall(sentence)) else None


def _value(text: str, sentence: Sentence, raw: Any) -> Value | None:
    """A money value whose text is in the sentence; the parser's amount and currency when it reads it."""
    if not isinstance(raw, dict):
        return None
    span = _span(text, sentence, raw.get("text"))
    if span is None:
        return None
    surface = text[span[0] : span[1]]
    parsed = extract_values(surface)
    if parsed:
        return Value(amount=parsed[0][2].amount, currency=parsed[0][2].currency, text=surface)
    amount, currency = raw.get("amount"), raw.get("currency")
    if isinstance(amount, bool) or not isinstance(amount, int | float) or amount <= 0:
        return None
    if not (isinstance(currency, str) and len(currency) == 3 and currency.isalpha()):
        return None
    return Value(amount=float(amount), currency=currency.upper(), text=surface)


def _year(sentence: str, raw: Any) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1800 <= raw <= 2200:
        return None
    return raw if re.search(rf"(?<!\d){raw}(?!\d)", sentence) else None


def _enum(kind: type[_E], raw: Any) -> _E | None:
    try:
        return kind(str(raw).strip().upper() if kind is PloverType else str(raw).strip().lower())
    except ValueError:
        return None


@functools.cache
def _subtypes() -> dict[str, DefenceTriggers]:
    return {d.subtype: d for d in load_lexicon().defence}


def _default_mode(type_: PloverType) -> EventMode:
    modes = {t.type: t.mode for t in load_lexicon().types}
    return modes.get(type_, EventMode.VERBAL)


@functools.cache
def _trigger_words() -> frozenset[str]:
    """Lemmas that can trigger an event in the rules' lexicon (speech verbs alone do not)."""
    lexicon = load_lexicon()
    words: set[str] = set()
    for spec in lexicon.types:
        words |= spec.verbs | spec.nouns
    for defence in lexicon.defence:
        words |= defence.verbs | defence.nouns
    for operator in lexicon.operators:
        words |= operator.verbs
    return frozenset(w.lower() for w in words)


def _sentence_words(annotated: AnnotatedArticle) -> dict[int, set[str]]:
    """Lemmas per sentence from the parse; without one, word forms and their plain inflections."""
    words: dict[int, set[str]] = {}
    if annotated.tokens:
        for token in annotated.tokens:
            words.setdefault(token.sentence, set()).add(token.lemma.lower())
        return words
    text = annotated.article.text
    for sentence in annotated.sentences:
        forms = {w.lower() for w in _WORD.findall(text[sentence.start : sentence.end])}
        words[sentence.index] = forms | {
            f[: -len(end)] for f in forms for end in ("s", "es", "d", "ed", "ing") if f.endswith(end)
        }
    return words
