"""The one error type of the web adapter; app.py renders it as ``{"error": {...}}`` or as an HTML page."""

from __future__ import annotations

__all__ = ["HttpError"]


class HttpError(Exception):
    """An HTTP error with a stable machine code (``not_found``, ``forbidden``, ...) and a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
