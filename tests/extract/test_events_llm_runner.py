"""The LLM event extractor wired into ingest and analyze, against a real chat-completions server on
127.0.0.1 (the one of test_events_llm): its events are stored, and a failing endpoint falls back to rules."""

from __future__ import annotations

import importlib.util
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from tests.extract.chat_server import ChatServer, llm_event, llm_reply, serve_chat
from typer.testing import CliRunner

from newsift.cli import app
from newsift.config import Settings, load_settings
from newsift.extract.events.llm import EXTRACTOR as LLM
from newsift.extract.events.rules import EXTRACTOR as RULES
from newsift.pipeline.runner import run_ingest
from newsift.pipeline.steps import LLM_FALLBACK, analyze_input
from newsift.store import open_store

pytestmark = pytest.mark.model

BENCH = Path(__file__).parents[2] / "bench" / "events.py"

UPGRADE = "Turkish Aerospace will upgrade 41 F-16 jets of Pakistan for $75 million, officials said on Monday."
PAGE = f"Turkey and Pakistan deepen defence ties\n\n{UPGRADE}\n\nThe weather in Karachi was mild on Monday.\n"
UPGRADE_EVENT = llm_event(
    "AID",
    subtype="upgrade",
    trigger="upgrade",
    item="F-16 jets",
    quantity=41,
    source=[{"text": "Turkish Aerospace", "sector": None}],
    target=[{"text": "Pakistan", "sector": None}],
)


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    with serve_chat() as server:
        yield server


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def _env(server: ChatServer, **extra: str) -> dict[str, str]:
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    return {"NEWSIFT_LLM__BASE_URL": url, "NEWSIFT_LLM__MODEL": "tiny", **extra}


def _settings(server: ChatServer, *, extractor: str = "llm", workers: int = 1) -> Settings:
    settings = load_settings(env=_env(server))
    pipeline = msgspec.structs.replace(settings.pipeline, extractor=extractor, workers=workers, link=False)
    return msgspec.structs.replace(settings, pipeline=pipeline)


def _invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env)


def _asked(server: ChatServer, sentence: str) -> int:
    return sum(sentence in r["messages"][-1]["content"] for r in server.requests)


def _stored_events(db: Path) -> list[dict[str, Any]]:
    result = _invoke("--db", str(db), "events", "--json")
    assert result.exit_code == 0, result.output
    events: list[dict[str, Any]] = json.loads(result.stdout)
    return events


def test_events_llm_runner_ingest_stores_llm_events_with_settings_from_env(
    chat: ChatServer, page: Path, tmp_path: Path
) -> None:
    chat.replies[UPGRADE] = llm_reply(UPGRADE_EVENT)
    db = tmp_path / "news.db"
    env = _env(chat, NEWSIFT_LLM_API_KEY="k-123")  # not a setting: must not break loading
    result = _invoke("--db", str(db), "ingest", str(page), "--extractor", "llm", env=env)
    assert result.exit_code == 0, result.output
    events = _stored_events(db)
    assert [(e["type"], e["subtype"], e["extractor"]) for e in events] == [("AID", "upgrade", LLM)]
    assert [a["code"] for a in events[0]["source"] + events[0]["target"]] == ["TUR", "PAK"]
    assert _asked(chat, UPGRADE) == 1
    assert set(chat.authorizations) == {"Bearer k-123"}
    store = open_store(str(db))
    try:
        claims = store.query_claims()
    finally:
        store.close()
    assert events[0]["id"] in {c.event_id for c in claims}  # claims are made from the stored events


def test_events_llm_runner_rules_extractor_sends_nothing(
    chat: ChatServer, page: Path, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    result = _invoke("--db", str(db), "ingest", str(page), env=_env(chat))
    assert result.exit_code == 0, result.output
    assert [e["extractor"] for e in _stored_events(db)] == [RULES]
    assert chat.requests == []


@pytest.mark.parametrize("failure", ["http_500", "garbage"])
def test_events_llm_runner_failing_endpoint_falls_back_to_rules(
    chat: ChatServer, page: Path, tmp_path: Path, failure: str
) -> None:
    if failure == "http_500":
        chat.status = 500
    else:
        chat.replies[""] = "I am sorry, I cannot help with that."
    db = tmp_path / "news.db"
    env = _env(chat, NEWSIFT_PIPELINE__EXTRACTOR="llm")
    result = _invoke("--db", str(db), "ingest", str(page), env=env)
    assert result.exit_code == 0, result.output
    assert "llm event extractor failed on 1 article; rules events were stored for it" in result.stderr
    assert [(e["type"], e["extractor"]) for e in _stored_events(db)] == [("AID", RULES)]
    assert chat.requests


def test_events_llm_runner_json_report_lists_the_fallbacks(
    chat: ChatServer, page: Path, tmp_path: Path
) -> None:
    chat.status = 503
    db = tmp_path / "news.db"
    result = _invoke("--db", str(db), "ingest", str(page), "--extractor", "llm", "--json", env=_env(chat))
    assert result.exit_code == 0, result.output
    (rejected,) = json.loads(result.stdout)["rejected"]
    assert rejected["reason"] == LLM_FALLBACK and "HTTP 503" in rejected["detail"]


def test_events_llm_runner_without_endpoint_is_a_usage_error(page: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = _invoke("--db", str(db), "ingest", str(page), "--extractor", "llm")
    assert result.exit_code == 2
    assert "NEWSIFT_LLM__BASE_URL" in result.stderr
    assert not db.exists()


def test_events_llm_runner_unknown_extractor_flag_is_refused(page: Path, tmp_path: Path) -> None:
    result = _invoke("--db", str(tmp_path / "news.db"), "ingest", str(page), "--extractor", "gpt")
    assert result.exit_code == 2
    assert "gpt" in result.stderr


def test_events_llm_runner_analyze_uses_the_llm_from_settings(chat: ChatServer, page: Path) -> None:
    chat.replies[UPGRADE] = llm_reply(UPGRADE_EVENT)
    result = _invoke("analyze", str(page), "--json", env=_env(chat, NEWSIFT_PIPELINE__EXTRACTOR="llm"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [e["extractor"] for e in data["events"]] == [LLM]
    assert data["events"][0]["id"] in {c["event_id"] for c in data["claims"]}


def test_events_llm_runner_analyze_flag_picks_the_llm(chat: ChatServer, page: Path) -> None:
    chat.replies[UPGRADE] = llm_reply(UPGRADE_EVENT)
    result = _invoke("analyze", str(page), "--json", "--extractor", "llm", env=_env(chat))
    assert result.exit_code == 0, result.output
    assert [e["extractor"] for e in json.loads(result.stdout)["events"]] == [LLM]


def test_events_llm_runner_pure_analysis_falls_back_with_a_warning(
    chat: ChatServer, page: Path, caplog: pytest.LogCaptureFixture
) -> None:
    chat.status = 500
    with caplog.at_level(logging.WARNING, logger="newsift.pipeline.steps"):
        (analysis,) = analyze_input(str(page), _settings(chat))
    assert [e.extractor for e in analysis.events] == [RULES]
    (record,) = caplog.records
    assert "llm events failed, rules events kept" in record.getMessage() and "HTTP 500" in record.getMessage()


def test_events_llm_runner_with_workers_asks_from_the_main_process(
    chat: ChatServer, page: Path, tmp_path: Path
) -> None:
    chat.replies[UPGRADE] = llm_reply(UPGRADE_EVENT)
    second = tmp_path / "second.txt"
    second.write_text(PAGE.replace("mild", "warm"), encoding="utf-8")
    store = open_store(str(tmp_path / "news.db"))
    try:
        report = run_ingest([str(page), str(second)], store, _settings(chat, workers=2))
        events = store.query_events()
    finally:
        store.close()
    assert (report.n_stored, report.failures, report.rejected) == (2, (), ())
    assert {e.extractor for e in events} == {LLM}  # the two reports may link to one event
    assert _asked(chat, UPGRADE) == 2


def test_events_llm_runner_flag_choices_are_the_settings_choices() -> None:
    from newsift.cli.app import ExtractorChoice
    from newsift.config import EXTRACTORS

    assert tuple(str(choice) for choice in ExtractorChoice) == EXTRACTORS


def _bench_main(argv: list[str]) -> int:
    spec = importlib.util.spec_from_file_location("bench_events", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    code: int = module.main(argv)
    return code


def test_events_llm_runner_bench_without_endpoint_says_so(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--extractor", "llm", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "NEWSIFT_LLM__BASE_URL" in result.stderr


def test_events_llm_runner_bench_types_plover_records_through_the_llm(
    chat: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {
        "event": "AID",
        "text": UPGRADE,
        "source": [{"actorText": "Turkish Aerospace", "code": "TUR"}],
        "target": [{"actorText": "Pakistan", "code": "PAK"}],
    }
    (tmp_path / "plover_mine.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    chat.replies[UPGRADE] = llm_reply(UPGRADE_EVENT)
    for key, value in _env(chat).items():
        monkeypatch.setenv(key, value)
    assert _bench_main(["--data", str(tmp_path), "--extractor", "llm"]) == 0
    result = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert result["extractor"] == "llm"
    assert (result["plover"]["type_accuracy"], result["plover"]["llm_fallbacks"]) == (1.0, 0)
    assert _asked(chat, UPGRADE) == 1
