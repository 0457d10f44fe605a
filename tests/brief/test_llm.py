from __future__ import annotations

from collections.abc import Iterator

import msgspec
import pytest
from tests.brief.conftest import DRONES
from tests.extract.chat_server import ChatServer, serve_chat

from newsift.brief.ask import answer_question
from newsift.brief.llm import LlmSettings, is_supported, phrase_answer
from newsift.config import load_settings
from newsift.errors import ConfigError, ExtractionError
from newsift.store import SqliteStore


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    with serve_chat() as server:
        yield server


def _settings(server: ChatServer) -> LlmSettings:
    return LlmSettings(base_url=f"http://127.0.0.1:{server.server_address[1]}/v1", model="tiny")


def test_llm_keeps_supported_sentences_and_drops_unsupported_ones(
    chat: ChatServer, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSIFT_LLM_API_KEY", "sekret")
    chat.replies[""] = (  # "" is in every request: the one reply
        "Pakistan bought Bayraktar TB2 drones from Baykar of Turkey in 2022 [1]. "
        "Turkey also sold 40 fighter jets to Pakistan in 2021 [1]."
    )
    extractive = answer_question(SqliteStore(db), "What has Turkey supplied to Pakistan since 2020?")
    answer = phrase_answer(extractive, _settings(chat))
    assert answer.text == "Pakistan bought Bayraktar TB2 drones from Baykar of Turkey in 2022."
    assert answer.n_unsupported == 1 and answer.method == "records+llm" and answer.phrased_by == "tiny"
    assert [c.sentence for c in answer.citations] == [DRONES]
    (request,) = chat.requests
    assert chat.authorizations == ["Bearer sekret"] and request["model"] == "tiny"
    assert DRONES in request["messages"][1]["content"]


def test_llm_reply_without_support_keeps_the_extractive_answer(chat: ChatServer, db: str) -> None:
    chat.replies[""] = "Turkey has not supplied anything to Pakistan [1]."
    extractive = answer_question(SqliteStore(db), "What has Turkey supplied to Pakistan since 2020?")
    answer = phrase_answer(extractive, _settings(chat))
    assert answer.text == extractive.text and answer.n_unsupported == 1 and answer.phrased_by is None


def test_llm_is_not_called_without_an_answer(chat: ChatServer, db: str) -> None:
    extractive = answer_question(SqliteStore(db), "What did Brazil sell to Norway?")
    assert phrase_answer(extractive, _settings(chat)).text is None
    assert chat.requests == []


def test_llm_endpoint_error_is_an_extraction_error(chat: ChatServer, db: str) -> None:
    extractive = answer_question(SqliteStore(db), "What has Turkey supplied to Pakistan since 2020?")
    settings = LlmSettings(base_url=f"http://127.0.0.1:{chat.server_address[1]}/nope", model="tiny")
    with pytest.raises(ExtractionError):
        phrase_answer(extractive, settings)


@pytest.mark.parametrize(
    ("sentence", "supported"),
    [
        ("Pakistan bought TB2 drones from Turkey in 2022.", True),
        ("Pakistan bought 12 TB2 drones from Turkey in 2022.", False),
        ("Pakistan did not buy TB2 drones from Turkey in 2022.", False),
        ("Pakistan launched a satellite with China.", False),
    ],
    ids=["paraphrase", "new-number", "flipped-negation", "unrelated"],
)
def test_llm_is_supported_checks_numbers_words_and_negation(sentence: str, supported: bool) -> None:
    assert is_supported(sentence, DRONES) is supported


def test_llm_settings_from_environment_and_overrides() -> None:
    env = {"NEWSIFT_LLM__BASE_URL": "http://127.0.0.1:9/v1", "NEWSIFT_LLM__TIMEOUT_S": "5"}
    settings = msgspec.structs.replace(load_settings(env=env).llm, model="m")  # the --llm-model flag
    assert (settings.base_url, settings.timeout_s, settings.model) == ("http://127.0.0.1:9/v1", 5.0, "m")
    with pytest.raises(ConfigError):
        load_settings(env={"NEWSIFT_LLM__BASEURL": "x"})
