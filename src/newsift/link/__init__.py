"""The link stage: duplicates, stories, related articles, keyphrases and summaries."""

from __future__ import annotations

from newsift.link.duplicates import DuplicateIndex, DuplicateKind, DuplicateMatch, DuplicateSettings
from newsift.link.keyphrases import Tag, extract_keyphrases, extract_tags
from newsift.link.related import Reason, Related, RelatedIndex
from newsift.link.stories import Story, StoryClusterer, StorySettings, article_time
from newsift.link.summary import SummarySentence, summarize
from newsift.link.wires import detect_wire, normalize_wire

__all__ = [
    "DuplicateIndex",
    "DuplicateKind",
    "DuplicateMatch",
    "DuplicateSettings",
    "Reason",
    "Related",
    "RelatedIndex",
    "Story",
    "StoryClusterer",
    "StorySettings",
    "SummarySentence",
    "Tag",
    "article_time",
    "detect_wire",
    "extract_keyphrases",
    "extract_tags",
    "normalize_wire",
    "summarize",
]
