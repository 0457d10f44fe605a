"""Text helpers shared by the link stage: words, stop words, shingles and sentence spans.

Pure functions over strings; no model is loaded and nothing is read from disk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "STOP_WORDS",
    "normalize_for_hash",
    "split_sentence_spans",
    "split_words",
    "word_shingles",
]

_STOP_TEXT = """
a about above according across after afterwards again against ago all almost alone along already
also although always am among amongst an and another any anyone anything anyway anywhere are around
as at back be became because become becomes been before being below beside besides between beyond
both but by can cannot could did do does doing done down during each either else elsewhere enough
etc even ever every everyone everything everywhere except few first for former formerly from further
get gets got had has have having he hence her here hers herself him himself his how however i if in
including indeed into is it its itself just last latter least less like made make many may me
meanwhile might mine more moreover most mostly much must my myself near neither never nevertheless
new next no nobody none nor not nothing now nowhere of off often on once one only onto or other
others otherwise our ours ourselves out over own per perhaps please put rather re really said same
say says see seem seemed seems several she should since so some someone something sometime sometimes
somewhere still such than that the their theirs them themselves then there thereafter thereby
therefore these they this those though three through throughout thus to together too told toward
towards two under until up upon us used very via was we well were what whatever when whenever where
whereas whether which while who whoever whole whom whose why will with within without would yet you
your yours yourself yourselves mr mrs ms s t don didn doesn isn wasn weren won wouldn year years
week weeks day days time times told tell today yesterday tomorrow percent pct mln dlrs cts reuter
reuters
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_NON_WORD = re.compile(r"[\W_]+")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and a capital,
# digit or opening quote; or at a blank line.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_ABBREVIATION_TEXT = (
    "mr mrs ms dr prof gen col lt sgt capt maj cmdr adm gov sen rep st jr sr inc ltd co corp vs no "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())


def split_words(text: str) -> list[str]:
    """Word tokens as written (case kept), apostrophes inside words kept."""
    return _WORD.findall(text)


def normalize_for_hash(text: str) -> str:
    """Casefolded words joined by single spaces: punctuation and layout differences vanish."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def word_shingles(text: str, size: int = 5) -> set[str]:
    """Overlapping ``size``-word shingles of the normalised text (the whole text when shorter)."""
    words = normalize_for_hash(text).split()
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def split_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of sentences in ``text``, whitespace trimmed; abbreviations do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ends_with_abbreviation(text[start : match.start()]):
            continue
        spans.extend(_trimmed(text, start, match.start()))
        start = match.end()
    spans.extend(_trimmed(text, start, len(text)))
    return spans


def _ends_with_abbreviation(chunk: str) -> bool:
    if not chunk.endswith("."):
        return False
    last = chunk[:-1].rsplit(None, 1)[-1] if chunk[:-1].split() else ""
    return last.casefold() in _ABBREVIATIONS or (len(last) == 1 and last.isupper())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end
