"""Fine-grained event typing on the ACLED/CASE 2021 scale, from cue lemmas in ``data/event_acled.json``.

A scorer over the stored lemmas with our PLOVER type as the fallback; no model, no spaCy calls.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from newsift.extract.events.classify import CHOOSER, classify_article
from newsift.model import AnnotatedArticle

__all__ = ["classify_acled", "load_acled_cues"]


@functools.cache
def load_acled_cues() -> tuple[tuple[tuple[str, tuple[tuple[str, ...], ...]], ...], dict[str, str]]:
    """(type, cue lemma sequences) in file order, and the PLOVER → fine type fallback."""
    raw = json.loads(resources.files("newsift.extract").joinpath("data/event_acled.json").read_text("utf-8"))
    types = tuple((name, tuple(tuple(cue.split()) for cue in cues)) for name, cues in raw["types"].items())
    return types, dict(raw["fallback"])


def classify_acled(annotated: AnnotatedArticle, chooser: bool = CHOOSER) -> str:
    """The fine-grained type of a snippet: the type whose cues score highest (phrases count double);
    without cues, the PLOVER type (``chooser``: typed with the trained chooser on)."""
    lemmas = [t.lemma.lower() for t in annotated.tokens]
    types, fallback = load_acled_cues()
    best, best_score = "", 0
    for name, cues in types:
        score = sum(len(cue) * _count(lemmas, cue) for cue in cues)
        if score > best_score:
            best, best_score = name, score
    if best:
        return best
    event = classify_article(annotated, chooser)
    return fallback.get(str(event.type), "OTHER") if event else "OTHER"


def _count(lemmas: list[str], cue: tuple[str, ...]) -> int:
    n = len(cue)
    return sum(1 for k in range(len(lemmas) - n + 1) if tuple(lemmas[k : k + n]) == cue)
