"""newsift: news pages in, clean articles and source-linked knowledge out."""

from __future__ import annotations

import logging

__all__: list[str] = []
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
