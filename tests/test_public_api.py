"""The public Python API contract: ``newsift.__all__`` is exactly these names, each resolves to its home,
and ``import newsift`` loads none of them until asked."""

from __future__ import annotations

import subprocess
import sys

import newsift

PUBLIC = [
    "Analyzed",
    "Answer",
    "Article",
    "Brief",
    "Claim",
    "ConfigError",
    "Entity",
    "Event",
    "FactRow",
    "Failure",
    "InputError",
    "NewsiftError",
    "Quote",
    "Records",
    "Rejected",
    "RunReport",
    "Settings",
    "StoreError",
    "Story",
    "Workspace",
    "__version__",
    "analyze",
    "fact_records",
    "load_settings",
    "run_ingest",
]


def test_public_api_all_is_the_contract() -> None:
    assert newsift.__all__ == PUBLIC  # a change here is an API change: say so in the changelog


def test_public_api_names_come_from_their_homes() -> None:
    from newsift.config import load_settings
    from newsift.model import Rejected
    from newsift.pipeline.runner import run_ingest
    from newsift.workspace import Workspace

    assert (newsift.load_settings, newsift.Rejected, newsift.run_ingest, newsift.Workspace) == (
        load_settings,
        Rejected,
        run_ingest,
        Workspace,
    )
    assert set(PUBLIC) <= set(dir(newsift))


def test_public_api_import_is_light() -> None:
    heavy = ("newsift.pipeline", "newsift.store", "newsift.nlp", "spacy")
    code = f"import sys, newsift; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
