"""Schemathesis against the live server (bounded): the OpenAPI document is the API, with zero failures.

Every check runs, the conformance of each answer to its response schema included. Part of `make test`
(fixed seed, 10 examples per operation: about 2,000 requests, 25-50 s on an idle machine and under 3
minutes on a loaded one; cut at 10 minutes); `make contract` runs it alone. Only rejections the document
cannot express are allowed, in schemathesis.toml with their reasons.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.web.conftest import WebSite

REPO = Path(__file__).resolve().parents[2]


def test_web_schemathesis_finds_no_contract_failure(site: WebSite) -> None:
    binary = Path(sys.executable).with_name("schemathesis")
    if not binary.exists() and shutil.which("schemathesis") is None:
        pytest.skip("schemathesis is not installed (pip install 'newsift[dev]')")
    command = [
        str(binary if binary.exists() else "schemathesis"),
        "--config-file", str(REPO / "schemathesis.toml"),
        "run", f"{site.base_url}/openapi.json",
        "--header", f"Authorization: Bearer {site.tokens['alice']}",
        "--checks", "all", "--max-examples", "10", "--seed", "18", "--no-color",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
