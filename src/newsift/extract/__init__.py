"""The extract stage: quotes, events and claims from annotated articles.

Families, each a subpackage: ``events`` (triggers, types, roles, attributes, time), ``claims`` (status
cues, modality, claims), quotes; ``parse`` is the read-only view of a parse that all of them use.
"""

from newsift.extract.claims import extract_claims
from newsift.extract.events import extract_events
from newsift.extract.quotes import extract_quotes

__all__ = ["extract_claims", "extract_events", "extract_quotes"]
