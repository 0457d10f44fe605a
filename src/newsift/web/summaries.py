"""An article's summary as the article page shows it, kept by what it is computed from (the text, where
the title and standfirst end, the sentence spans): the same inputs always give the same sentences, and
choosing them was most of an article's JSON time. No store access here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from newsift.link.summary import summarize
from newsift.model import Article, content_hash

__all__ = ["query_summary"]

_MOST_KEPT = 1024  # articles' summaries kept; the least recently shown go first
_Key = tuple[str, int, int, tuple[tuple[int, int], ...]]
_kept: OrderedDict[_Key, tuple[dict[str, Any], ...]] = OrderedDict()
_lock = threading.Lock()


def query_summary(article: Article, sentences: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """The summary sentences of ``article`` (JSON rows), computed once per distinct input."""
    spans = tuple((int(s), int(e)) for s, e in sentences)
    key = (content_hash(article.text), len(article.title or ""), len(article.standfirst or ""), spans)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
    if found is None:
        chosen = summarize(article, spans=spans or None)
        found = tuple(
            {"sentence_index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in chosen
        )
        with _lock:
            _kept[key] = found
            if len(_kept) > _MOST_KEPT:
                _kept.popitem(last=False)
    return [dict(row) for row in found]  # copies: a caller may change its rows
