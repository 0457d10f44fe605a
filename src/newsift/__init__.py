"""newsift: news pages in, clean articles and source-linked knowledge out.

The Python API is ``Workspace`` (the CLI's verbs over one store) and ``analyze`` (one input, nothing
stored); names load on first use, so ``import newsift.model`` stays light.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsift.brief.records import Answer, Brief, FactRow
    from newsift.errors import ConfigError, InputError, NewsiftError, StoreError
    from newsift.model import Article, Claim, Entity, Event, Quote, RunReport, Story
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
    "InputError",
    "NewsiftError",
    "Quote",
    "Records",
    "RunReport",
    "StoreError",
    "Story",
    "Workspace",
    "__version__",
    "analyze",
    "fact_records",
]
__version__ = "0.1.0"

_HOMES = {
    "newsift.brief.records": ("Answer", "Brief", "FactRow"),
    "newsift.errors": ("ConfigError", "InputError", "NewsiftError", "StoreError"),
    "newsift.model": ("Article", "Claim", "Entity", "Event", "Quote", "RunReport", "Story"),
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
