"""The runner's one error policy, its failure records and the runs row with the settings hash."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import msgspec
import pytest

from newsift.config import PipelineSettings, Settings, settings_hash
from newsift.errors import InputError, StoreError
from newsift.pipeline.runner import Outcomes, failure_of, run_ingest
from newsift.store import SqliteStore

QUIET = Settings(pipeline=PipelineSettings(analyze=False, link=False))


def test_runner_failure_of_an_input_error_names_its_source_and_reason() -> None:
    failure = failure_of("folder/", "clean", InputError("folder/page.html", "empty input"))
    assert (failure.item_id, failure.stage, failure.error_type, failure.message) == (
        "folder/page.html",
        "clean",
        "InputError",
        "empty input",
    )


def test_runner_failure_of_another_error_names_the_item() -> None:
    failure = failure_of("batch of 3 articles", "analyze", StoreError("disk full"))
    assert (failure.item_id, failure.error_type, failure.message) == ("batch of 3 articles", "StoreError",
                                                                      "disk full")  # fmt: skip


def test_runner_outcomes_record_or_raise() -> None:
    recorded = Outcomes(on_error="record")
    recorded.fail("a.txt", "ingest", InputError("a.txt", "binary content"))
    assert [f.message for f in recorded.failures] == ["binary content"]
    with pytest.raises(InputError, match="binary content"):
        Outcomes(on_error="raise").fail("a.txt", "ingest", InputError("a.txt", "binary content"))


def test_runner_isolates_a_bug_on_one_input() -> None:
    def documents() -> object:
        yield "first"
        raise RuntimeError("boom")

    outcomes = Outcomes(on_error="record")
    assert list(outcomes.isolated(documents(), "x.txt")) == ["first"]  # type: ignore[arg-type]
    assert [(f.item_id, f.error_type, f.message) for f in outcomes.failures] == [
        ("x.txt", "RuntimeError", "boom")
    ]


def test_runner_settings_hash_follows_the_settings() -> None:
    other = msgspec.structs.replace(QUIET, pipeline=msgspec.structs.replace(QUIET.pipeline, batch_size=7))
    assert settings_hash(QUIET) == settings_hash(
        Settings(pipeline=PipelineSettings(analyze=False, link=False))
    )
    assert settings_hash(QUIET) != settings_hash(other)


def test_runner_writes_the_runs_row_with_the_settings_hash(tmp_path: Path, store: SqliteStore) -> None:
    (tmp_path / "note.txt").write_text("Harbour reopens\nThe harbour of the town reopened on Monday.\n")
    report = run_ingest([str(tmp_path / "note.txt")], store, QUIET)
    with closing(sqlite3.connect(tmp_path / "news.db")) as conn:
        rows = list(conn.execute("SELECT settings_hash, report, finished_at FROM runs"))
    assert len(rows) == 1 and rows[0][0] == settings_hash(QUIET) and rows[0][2]
    assert json.loads(rows[0][1])["n_stored"] == report.n_stored == 1
