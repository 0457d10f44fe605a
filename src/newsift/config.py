"""Settings: built-in defaults, then a TOML file, then NEWSIFT_<SECTION>__<KEY> environment variables.

CLI flags are applied last by the CLI itself. Unknown keys fail, naming their path. Other NEWSIFT_*
variables (an API key, say) are not settings and are left alone.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import msgspec

from newsift.errors import ConfigError
from newsift.registry import EVENT_CHOICES

__all__ = [
    "EXTRACTORS",
    "IngestSettings",
    "LlmSettings",
    "OnError",
    "PipelineSettings",
    "Settings",
    "load_settings",
    "settings_hash",
]

OnError = Literal["record", "raise"]
EXTRACTORS: tuple[str, ...] = EVENT_CHOICES  # the pipeline.extractor values, from the registry
_ENV_PREFIX = "NEWSIFT_"
_ENV_SETTINGS = frozenset({"NEWSIFT_DB"})  # top-level settings; sections need a "__"


class IngestSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    max_input_bytes: int = 50 * 1024 * 1024
    """Largest file or HTTP body read; larger inputs fail with a clear error."""
    allow_private: bool = False
    """Allow URLs that resolve to private, loopback or link-local addresses."""
    fetch_timeout_s: float = 20.0
    """Timeout of one HTTP request, in seconds."""
    max_redirects: int = 5
    """Most redirects followed for one URL, each checked again."""
    allow_hosts: tuple[str, ...] = ()
    """Trusted ``host`` or ``host:port`` values exempt from the private-address check (an intranet
    feed server); every other host, redirect hops included, is still checked."""


class PipelineSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    analyze: bool = True
    """Run entities, quotes, events and claims at ingest (False stores clean articles only)."""
    batch_size: int = 32
    """Articles per spaCy batch and per store transaction."""
    on_error: OnError = "record"
    """'record' turns a failing input into a Failure row and goes on; 'raise' stops. Any other value is
    a settings error."""
    workers: int = 1
    """Analysis processes; 2 or more start a pool whose workers load the spaCy pipeline once."""
    max_analyze_chars: int = 1_000_000
    """Longest article text analysed; a longer one is stored clean, without analysis, and reported."""
    link: bool = True
    """After an ingest that stored something, recompute duplicates, stories, related articles and tags."""
    extractor: str = "rules"
    """Event extractor: 'rules' (offline, the default) or 'llm' (the endpoint of the ``llm`` section;
    an article whose request fails keeps its rules events, and the run reports it). The choices are
    the registry's (``newsift.registry``)."""

    def __post_init__(self) -> None:
        if self.extractor not in EXTRACTORS:
            choices = ", ".join(EXTRACTORS)
            raise ValueError(f"unknown event extractor {self.extractor!r} (pipeline.extractor: {choices})")


class LlmSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    base_url: str = ""
    """OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1; empty turns the LLM off."""
    model: str = ""
    """Model name sent with each request."""
    api_key_env: str = "NEWSIFT_LLM_API_KEY"
    """Environment variable holding the API key (the key itself is never stored in settings)."""
    timeout_s: float = 30.0
    """Timeout of one request, in seconds."""
    max_tokens: int = 300
    """Most tokens of a phrased answer."""
    event_max_tokens: int = 1000
    """Most tokens of one reply of the LLM event extractor (the JSON events of one sentence)."""
    event_max_requests: int = 24
    """Most requests the LLM event extractor sends for one article (one per sentence); eventful
    sentences past it keep the rules' events."""
    event_short_article: int = 6
    """Articles with at most this many sentences send every sentence, not only the eventful ones."""


class Settings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    db: str = "newsift.db"
    """Store location: a SQLite path (or sqlite:///path), or a postgresql:// URL."""
    ingest: IngestSettings = IngestSettings()
    pipeline: PipelineSettings = PipelineSettings()
    llm: LlmSettings = LlmSettings()
    """OpenAI-compatible endpoint of the optional LLM event extractor and of phrased answers; its fields
    are documented in ``LlmSettings`` above (``NEWSIFT_LLM__<FIELD>``)."""


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Resolve settings from defaults, an optional TOML file and the environment.

    Only ``NEWSIFT_<SECTION>__<KEY>`` variables and ``NEWSIFT_DB`` are read; others with the prefix
    (``NEWSIFT_LLM_API_KEY``, ...) belong to whoever reads them.

    Raises:
        ConfigError: unreadable file, unknown key or wrong type (the message names the field).
    """
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"{path}: cannot read settings: {err}") from err
    for key, value in (env if env is not None else dict(os.environ)).items():
        if key.startswith(_ENV_PREFIX) and ("__" in key or key in _ENV_SETTINGS):
            _apply_env(data, key[len(_ENV_PREFIX) :].lower().split("__"), value)
    try:
        return msgspec.convert(data, Settings, strict=False)
    except msgspec.ValidationError as err:
        raise ConfigError(f"invalid settings: {err}") from err


def _apply_env(data: dict[str, Any], path: list[str], value: str) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def settings_hash(settings: Settings) -> str:
    return hashlib.sha256(msgspec.json.encode(settings)).hexdigest()[:16]
