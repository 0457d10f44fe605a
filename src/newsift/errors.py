"""The exception tree of newsift. Stage code raises these; only the runner decides what a failure means.

NewsiftError
├── InputError        empty, binary, undecodable, too large, unsupported or malformed input
├── ExtractionError   a stage could not process an otherwise valid input
├── StoreError        the store could not be opened, migrated or written
└── ConfigError       settings are invalid or a required component is missing
"""

from __future__ import annotations

__all__ = ["ConfigError", "ExtractionError", "InputError", "NewsiftError", "StoreError"]


class NewsiftError(Exception):
    """Base class of every error newsift raises on purpose."""


class InputError(NewsiftError):
    """An input cannot be read: the message names the input and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        """Pickled with its two parts, so it crosses a process boundary (an upload worker) intact."""
        return type(self), (self.source, self.reason)


class ExtractionError(NewsiftError):
    """A stage failed on an input it accepted."""


class StoreError(NewsiftError):
    """The store could not be opened, migrated or written."""


class ConfigError(NewsiftError):
    """Settings are invalid, or a required optional component is not installed."""
