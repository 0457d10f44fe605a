"""Shared fixtures: a clean NEWSIFT_* environment, one spaCy model per session, the shared data folder,
a fresh temporary store, and the ``--update-goldens`` switch of the golden tests (tests/golden/)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
FIXTURES = REPO / "tests" / "fixtures"
EXAMPLES = REPO / "examples"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite the golden outputs under tests/golden/ instead of comparing with them.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    """A fresh, empty SQLite store in the test's temporary folder (``news.db``), closed afterwards."""
    from newsift.store import SqliteStore

    opened = SqliteStore(tmp_path / "news.db")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for key in list(os.environ):
        if key.startswith("NEWSIFT_"):
            monkeypatch.delenv(key)
    yield


@pytest.fixture(scope="session")
def nlp() -> Any:
    from newsift.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder; tests that need it skip with a message when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): benchmark/example data not available")
    return SHARED


@pytest.fixture(scope="session")
def shared_example(shared_dir: Path) -> Path:
    path = shared_dir / "examples" / "daily8-turkey-pakistan.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path
