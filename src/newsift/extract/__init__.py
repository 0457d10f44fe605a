"""The extract stage: quotes, events and claims from annotated articles."""

from newsift.extract.claims import extract_claims
from newsift.extract.events import extract_events, link_events
from newsift.extract.quotes import extract_quotes

__all__ = ["extract_claims", "extract_events", "extract_quotes", "link_events"]
