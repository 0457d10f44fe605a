from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsift.cli import app
from newsift.cli.scale import parse_interval

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30.0), ("15m", 900.0), ("1h", 3600.0), ("45", 45.0)])
def test_cli_scale_parse_interval_units(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "-5m", "15 minutes", "m"])
def test_cli_scale_parse_interval_rejects_nonsense(text: str) -> None:
    with pytest.raises(typer.BadParameter):
        parse_interval(text)


def _ingest(db: Path, *extra: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", "--json", *extra, str(EXAMPLES)])
    assert result.exit_code == 0, result.stdout + result.stderr
    return dict(json.loads(result.stdout))


def _facts(db: Path, verb: str) -> list[object]:
    result = CliRunner().invoke(app, ["--db", str(db), verb, "--json"])
    assert result.exit_code == 0, result.stdout + result.stderr
    return list(json.loads(result.stdout))


@pytest.mark.model
def test_cli_scale_two_workers_store_what_one_worker_stores(tmp_path: Path) -> None:
    one = _ingest(tmp_path / "one.db")
    two = _ingest(tmp_path / "two.db", "--workers", "2")
    assert one["n_stored"] == two["n_stored"] and one["n_stored"]
    for verb in ("events", "quotes", "claims"):
        assert _facts(tmp_path / "one.db", verb) == _facts(tmp_path / "two.db", verb), verb
