"""The extract stage: quotes, events and claims from annotated articles."""

from newsift.extract.quotes import extract_quotes

__all__ = ["extract_quotes"]
