"""newsift: news pages in, clean articles and source-linked knowledge out.

The Python API is ``Workspace`` (the CLI's verbs over one store), ``analyze`` (one input, nothing
stored), ``run_ingest`` (inputs into a store, as ``newsift ingest``) and ``load_settings``; names load
on first use, so ``import newsift.model`` stays light. ``__all__`` is the public contract (a test
checks it).
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsift.brief.records import Answer, Brief, FactRow
    from newsift.config import Settings, load_settings
    from newsift.errors import ConfigError, InputError, NewsiftError, StoreError
    from newsift.model import Article, Claim, Entity, Event, Failure, Quote, Rejected, RunReport, Story
    from newsift.pipeline.runner import run_ingest
    from newsift.workspace import Analyzed, Records, Workspace, analyze, fact_records

__all__ = [
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
__version__ = "0.1.0"

_HOMES = {
    "newsift.brief.records": ("Answer", "Brief", "FactRow"),
    "newsift.config": ("Settings", "load_settings"),
    "newsift.errors": ("ConfigError", "InputError", "NewsiftError", "StoreError"),
    "newsift.model": (
        "Article",
        "Claim",
        "Entity",
        "Event",
        "Failure",
        "Quote",
        "Rejected",
        "RunReport",
        "Story",
    ),
    "newsift.pipeline.runner": ("run_ingest",),
    "newsift.workspace": ("Analyzed", "Records", "Workspace", "analyze", "fact_records"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'newsift' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
