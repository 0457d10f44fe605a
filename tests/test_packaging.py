"""The built package holds every data file newsift reads at run time.

Data files ship through ``[tool.setuptools.package-data]`` globs in pyproject.toml; a file the globs miss
works from a checkout and breaks once installed. Two checks: the globs cover every non-Python file under
``src/newsift`` (offline, always), and a wheel built from the checkout holds them all and runs from an
empty folder: gazetteer, lexicons, migrations, templates and static files are read from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "newsift"


def _data_files() -> set[str]:
    """Every file under src/newsift that is not Python source, relative to the package."""
    return {
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }


def _globbed() -> set[str]:
    """What the package-data globs select, as setuptools reads them (globs relative to the package)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["newsift"]
    return {str(p.relative_to(PACKAGE)) for pattern in patterns for p in PACKAGE.glob(pattern) if p.is_file()}


def test_packaging_globs_cover_every_data_file() -> None:
    data = _data_files()
    assert {"py.typed", "store/migrations/001_init.sql", "web/templates/base.html"} <= data
    assert sorted(data - _globbed()) == []


def test_packaging_build_backend_reads_the_license_expression() -> None:
    """``license = "MIT"`` (an SPDX expression) needs setuptools 77 or later; older ones refuse the file."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(config["project"]["license"], str)
    assert "setuptools>=77" in config["build-system"]["requires"]


_RUN_FROM_WHEEL = """
import sys
from pathlib import Path

import newsift
assert Path(newsift.__file__).is_relative_to(sys.argv[1]), newsift.__file__
from newsift.extract.claims.cues import load_claim_cues
from newsift.extract.events.acled import load_acled_cues
from newsift.extract.events.lexicon import load_lexicon as load_event_lexicon
from newsift.extract.quotes.lexicon import load_lexicon as load_quote_lexicon
from newsift.gazetteer import load_gazetteer
from newsift.nlp.lexicon import load_resolve_lexicon
from newsift.store import SqliteStore

assert load_gazetteer().by_kind("country")
load_resolve_lexicon(), load_claim_cues(), load_acled_cues(), load_event_lexicon(), load_quote_lexicon()
SqliteStore(Path(sys.argv[1]) / "news.db").close()

from fastapi.testclient import TestClient
from newsift.web import create_app

with TestClient(create_app(str(Path(sys.argv[1]) / "news.db"))) as client:
    for path in ("/", "/static/style.css", "/static/app.js", "/favicon.ico"):
        assert client.get(path).status_code == 200, path
print("ok")
"""


def test_packaging_wheel_holds_and_loads_every_data_file(tmp_path: Path) -> None:
    """Build a wheel from a copy of the checkout, list it, and run newsift from it in a folder with no
    sources. The copy keeps the checkout free of build/ and *.egg-info, whose stale files a later build
    would pack as well."""
    source = tmp_path / "source"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(REPO / "src", source / "src", ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if built.returncode != 0 and "setuptools" in built.stderr and "No matching distribution" in built.stderr:
        pytest.skip("the build backend (setuptools>=77) cannot be installed here: offline, nothing cached")
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("newsift-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert sorted(f"newsift/{f}" for f in _data_files() if f"newsift/{f}" not in names) == []
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # a pure wheel: unpacked is installed
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSIFT_")} | {"PYTHONPATH": str(site)}
    ran = subprocess.run(
        [sys.executable, "-c", _RUN_FROM_WHEEL, str(site)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert ran.returncode == 0 and ran.stdout.strip().endswith("ok"), ran.stderr[-3000:]
