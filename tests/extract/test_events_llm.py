"""The LLM event extractor against a real chat-completions server on 127.0.0.1 whose replies we write."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.extract.chat_server import ChatServer, llm_event, llm_reply, serve_chat

from newsift.errors import ConfigError, ExtractionError
from newsift.extract.events.lexicon import load_lexicon
from newsift.extract.events.llm import EXTRACTOR, extract_events_llm, response_schema, select_sentences
from newsift.llm_client import LlmSettings
from newsift.model import (
    AnnotatedArticle,
    Article,
    ClaimStatus,
    Entity,
    EntityKind,
    Event,
    EventMode,
    Evidence,
    Mention,
    PloverType,
    Position,
    Resolution,
    Sentence,
    Token,
    Value,
)

UPGRADE = "Turkish Aerospace will upgrade 41 F-16 jets of Pakistan for $75 million in 2025."
DRILL = "Troops of Turkey and Pakistan held a joint exercise in the Arabian Sea."
QUIET = "The weather in Karachi was mild on Monday."
NAMES = [
    ("Turkish Aerospace", "ORG", "turkish-aerospace"),
    ("Turkey", "GPE", "TUR"),
    ("Pakistan", "GPE", "PAK"),
    ("Karachi", "GPE", None),
]
ENTITIES = (
    Entity(id="TUR", kind=EntityKind.COUNTRY, name="Turkey"),
    Entity(id="PAK", kind=EntityKind.COUNTRY, name="Pakistan"),
    Entity(id="turkish-aerospace", kind=EntityKind.COMPANY, name="Turkish Aerospace", country="TUR"),
)


def _annotated(sentences: list[str], *, lemmas: dict[str, str] | None = None) -> AnnotatedArticle:
    """An article whose body is ``sentences``; mentions of NAMES; tokens (one per word) if ``lemmas``."""
    article = Article(
        id="a1", page_id="p1", position=Position.MAIN, index=0, title="Defence ties", body=" ".join(sentences)
    )
    text, start, spans = article.text, len(article.title) + 2, []
    for index, words in enumerate(sentences):
        spans.append(Sentence(article_id="a1", index=index, start=start, end=start + len(words)))
        start += len(words) + 1
    mentions: list[Mention] = []
    for name, label, entity_id in NAMES:
        at = text.find(name)
        while at >= 0:
            in_sentence = next(s.index for s in spans if s.start <= at < s.end)
            mentions.append(
                Mention(
                    article_id="a1",
                    start=at,
                    end=at + len(name),
                    text=name,
                    sentence=in_sentence,
                    entity_id=entity_id,
                    label=label,
                    resolution=Resolution.EXACT,
                )
            )
            at = text.find(name, at + len(name))
    tokens: list[Token] = []
    for s in spans if lemmas is not None else ():
        for word in text[s.start : s.end].split():
            at = text.index(word, tokens[-1].end if tokens else s.start)
            lemma = (lemmas or {}).get(word, word.lower())
            tokens.append(
                Token(
                    start=at,
                    end=at + len(word),
                    lemma=lemma,
                    pos="X",
                    tag="X",
                    dep="dep",
                    head=len(tokens),
                    sentence=s.index,
                )
            )
    return AnnotatedArticle(
        article=article,
        sentences=tuple(spans),
        mentions=tuple(mentions),
        entities=ENTITIES,
        tokens=tuple(tokens),
    )


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    with serve_chat() as server:
        yield server


def _settings(server: ChatServer, **fields: Any) -> LlmSettings:
    return LlmSettings(base_url=f"http://127.0.0.1:{server.server_address[1]}/v1", model="tiny", **fields)


def _sent(server: ChatServer) -> list[str]:
    return [r["messages"][-1]["content"].split("Sentence: ", 1)[1] for r in server.requests]


def test_events_llm_good_reply_gives_checked_events_with_evidence(chat: ChatServer) -> None:
    value = {"amount": 75_000_000, "currency": "USD", "text": "$75 million"}
    chat.replies[UPGRADE] = llm_reply(
        llm_event(
            "AID",
            mode="military",
            subtype="upgrade",
            trigger="upgrade",
            item="F-16 jets",
            quantity=41,
            source=[{"text": "Turkish Aerospace", "sector": None}],
            target=[{"text": "Pakistan", "sector": None}],
            value=value,
            time_text="in 2025",
            year=2025,
            aspect="planned",
        )
    )
    annotated = _annotated([UPGRADE, QUIET])
    (event,) = extract_events_llm(annotated, _settings(chat))
    assert (event.type, event.mode, event.subtype) == (PloverType.AID, EventMode.MILITARY, "upgrade")
    assert [(a.text, a.id, a.code) for a in event.source] == [
        ("Turkish Aerospace", "turkish-aerospace", "TUR")
    ]
    assert [(a.text, a.code) for a in event.target] == [("Pakistan", "PAK")]
    assert (event.item, event.quantity, event.year, event.aspect) == ("F-16 jets", 41, 2025, "planned")
    assert event.value == Value(amount=75e6, currency="USD", text="$75 million")
    assert (event.time_text, event.status, event.extractor) == ("in 2025", ClaimStatus.ASSERTED, EXTRACTOR)
    assert (event.evidence.article_id, event.evidence.sentence, event.evidence.text) == ("a1", 0, UPGRADE)
    assert annotated.article.text[event.evidence.start : event.evidence.end] == "upgrade"
    assert _sent(chat) == [UPGRADE, QUIET]  # a short article sends every sentence
    request = chat.requests[0]
    assert request["model"] == "tiny" and request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["schema"] == response_schema()


def test_events_llm_event_with_an_invented_actor_is_dropped(chat: ChatServer) -> None:
    chat.replies[DRILL] = llm_reply(
        llm_event("ASSAULT", trigger="held", source=[{"text": "France", "sector": None}]),
        llm_event(
            "COOPERATE",
            subtype="exercise",
            trigger="exercise",
            source=[{"text": "Turkey", "sector": None}],
            target=[{"text": "Pakistan", "sector": None}],
        ),
    )
    (event,) = extract_events_llm(_annotated([DRILL]), _settings(chat))
    assert (event.type, event.subtype, event.mode) == (PloverType.COOPERATE, "exercise", EventMode.MILITARY)
    assert [a.code for a in event.participants] == ["TUR", "PAK"]


def test_events_llm_fields_the_sentence_does_not_hold_are_dropped(chat: ChatServer) -> None:
    chat.replies[UPGRADE] = llm_reply(
        llm_event(
            "AID",
            subtype="upgrade",
            trigger="modernise",
            item="Mirage jets",
            quantity=12,
            year=2019,
            value={"amount": 9e7, "currency": "USD", "text": "$90 million"},
            place="Ankara",
            programme="KAAN",
            source=[{"text": "Turkish Aerospace", "sector": None}],
        )
    )
    (event,) = extract_events_llm(_annotated([UPGRADE]), _settings(chat))
    dropped = (
        event.item,
        event.quantity,
        event.year,
        event.value,
        event.place,
        event.programme,
        event.trigger,
    )
    assert dropped == (None,) * 7
    assert event.evidence.start == _annotated([UPGRADE]).sentences[0].start  # no trigger: the whole sentence


def test_events_llm_actor_codes_come_from_mentions_not_from_the_model(chat: ChatServer) -> None:
    chat.replies[DRILL] = llm_reply(
        llm_event(
            "COOPERATE",
            source=[
                {"text": "turkey", "code": "USA", "id": "usa", "sector": "GOV"},
                {"text": "troops", "sector": None},
            ],
            target=[{"text": "Pakistan", "code": "PAK", "sector": "NAVY"}],
        )
    )
    (event,) = extract_events_llm(_annotated([DRILL]), _settings(chat))
    assert [(a.text, a.id, a.code, a.sector) for a in event.source] == [
        ("Turkey", "TUR", "TUR", "GOV"),  # the model's sector, when it is one, if the text names none
        ("Troops", None, None, "MIL"),
    ]
    assert [(a.code, a.sector) for a in event.target] == [("PAK", None)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (llm_event("WAR"), None),
        (llm_event("AGREE", subtype="arms_transfer"), (PloverType.AID, "arms_transfer")),
        (llm_event("agree", subtype="defence_pact", aspect="planned"), (PloverType.AGREE, "defence_pact")),
        (llm_event("SUPPORT", subtype="alliance"), (PloverType.SUPPORT, None)),
    ],
    ids=["unknown-type", "subtype-decides-type", "promised-pact", "unknown-subtype"],
)
def test_events_llm_types_follow_the_ontology(
    chat: ChatServer, raw: dict[str, Any], expected: tuple[PloverType, str | None] | None
) -> None:
    chat.replies[DRILL] = llm_reply(raw)
    events = extract_events_llm(_annotated([DRILL]), _settings(chat))
    assert [(e.type, e.subtype) for e in events] == ([expected] if expected else [])


@pytest.mark.parametrize(
    "content",
    ["Sure! The events:\n```json\n{reply}\n```\nHope this helps.", "Here you go: {reply} (1 event)"],
    ids=["code-fence", "prose-around"],
)
def test_events_llm_reads_json_from_a_server_that_ignores_the_schema(chat: ChatServer, content: str) -> None:
    chat.replies[DRILL] = content.replace("{reply}", llm_reply(llm_event("COOPERATE", trigger="exercise")))
    (event,) = extract_events_llm(_annotated([DRILL]), _settings(chat))
    assert event.type == PloverType.COOPERATE and event.trigger == "exercise"


def test_events_llm_retries_without_the_schema_when_the_server_refuses_it(chat: ChatServer) -> None:
    chat.refuse_schema = True
    chat.replies[DRILL] = llm_reply(llm_event("COOPERATE", trigger="exercise"))
    events = extract_events_llm(_annotated([UPGRADE, DRILL]), _settings(chat))
    assert [e.type for e in events] == [PloverType.COOPERATE]
    assert ["response_format" in r for r in chat.requests] == [True, False, False]


@pytest.mark.parametrize(
    ("content", "message"),
    [("events: an upgrade of jets", "is not JSON"), ('{"result": "none"}', "has no 'events' list")],
    ids=["not-json", "wrong-shape"],
)
def test_events_llm_malformed_reply_is_an_extraction_error(
    chat: ChatServer, content: str, message: str
) -> None:
    chat.replies[UPGRADE] = content
    with pytest.raises(ExtractionError, match=f"^a1 sentence 0: llm reply {message}"):
        extract_events_llm(_annotated([UPGRADE]), _settings(chat))


def test_events_llm_server_error_is_an_extraction_error(chat: ChatServer) -> None:
    chat.status = 503
    with pytest.raises(
        ExtractionError, match=r"a1 sentence 0: llm http://127\.0\.0\.1:\d+/v1/chat/completions: HTTP 503"
    ):
        extract_events_llm(_annotated([UPGRADE]), _settings(chat))
    assert len(chat.requests) == 1  # a 5xx is not retried without the schema


def test_events_llm_timeout_is_an_extraction_error(chat: ChatServer) -> None:
    chat.delay = 0.3
    with pytest.raises(ExtractionError, match=r"timed out after 0\.05s"):
        extract_events_llm(_annotated([UPGRADE]), _settings(chat, timeout_s=0.05))


def test_events_llm_needs_a_base_url() -> None:
    with pytest.raises(ConfigError, match="NEWSIFT_LLM__BASE_URL"):
        extract_events_llm(_annotated([UPGRADE]), LlmSettings())


def test_events_llm_request_bound_keeps_the_rules_events_past_it(chat: ChatServer) -> None:
    sentences = [f"Turkey delivered {n} drones to Pakistan." for n in range(2, 10)]
    chat.replies["Turkey delivered 2 "] = llm_reply(llm_event("AID", trigger="delivered", quantity=2))
    annotated = _annotated(sentences)
    rules = tuple(_rules_event(annotated, i) for i in (0, 6))
    events = extract_events_llm(
        annotated, _settings(chat, event_max_requests=3, event_short_article=2), rules=rules
    )
    assert _sent(chat) == sentences[:3]
    assert [(e.evidence.sentence, e.extractor) for e in events] == [(0, EXTRACTOR), (6, "events.rules.v5")]


def test_events_llm_long_article_sends_only_eventful_sentences(chat: ChatServer) -> None:
    sentences = [QUIET, UPGRADE, QUIET, "Officials signed a pact.", QUIET, QUIET, QUIET]
    assert select_sentences(_annotated(sentences), _settings(chat, event_short_article=3)) == (1, 3)


def test_events_llm_eventful_sentences_are_found_by_lemma_when_parsed(chat: ChatServer) -> None:
    sentences = [QUIET, "Ankara supplied drones.", QUIET, QUIET]
    settings = _settings(chat, event_short_article=1)
    assert select_sentences(_annotated(sentences, lemmas={"supplied": "supply"}), settings) == (1,)
    assert select_sentences(_annotated(sentences, lemmas={}), settings) == ()


def test_events_llm_schema_lists_the_ontology_and_is_strict() -> None:
    schema = response_schema()
    event = schema["properties"]["events"]["items"]
    assert set(event["properties"]["type"]["enum"]) == {str(t) for t in PloverType}
    assert set(event["properties"]["subtype"]["enum"]) == {d.subtype for d in load_lexicon().defence} | {None}
    assert set(event["properties"]["status"]["enum"]) == {str(s) for s in ClaimStatus}

    def objects(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for child in node.values():
                yield from objects(child)
        elif isinstance(node, list):
            for child in node:
                yield from objects(child)

    found = list(objects(schema))
    assert len({id(o) for o in found}) == 4  # reply, event, actor, value
    assert all(o["required"] == list(o["properties"]) and o["additionalProperties"] is False for o in found)


def _rules_event(annotated: AnnotatedArticle, index: int) -> Event:
    sentence = annotated.sentences[index]
    evidence = Evidence(
        article_id="a1",
        sentence=index,
        start=sentence.start,
        end=sentence.end,
        text=annotated.sentence_text(index),
    )
    return Event(
        id=f"r{index}",
        type=PloverType.AID,
        mode=EventMode.MILITARY,
        evidence=evidence,
        extractor="events.rules.v5",
    )
