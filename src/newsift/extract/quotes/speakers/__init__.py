"""Speaker resolution: who a quote's source span refers to (``resolver`` runs the parts in order)."""

from newsift.extract.quotes.sources import Speaker
from newsift.extract.quotes.speakers.resolver import SpeakerResolver

__all__ = ["Speaker", "SpeakerResolver"]
