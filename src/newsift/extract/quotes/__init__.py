"""Quotes and their speakers: quotation marks, cue rules, labels, shapes that are not quotes, and
speaker resolution (people by ``speakers``, organisations, outlets and anonymous sources by ``sources``).

``extract`` runs them in order; this package exposes its entry points.
"""

from newsift.extract.quotes.extract import EXTRACTOR, Attribution, extract_attributions, extract_quotes

__all__ = ["EXTRACTOR", "Attribution", "extract_attributions", "extract_quotes"]
