"""Wire services: canonical names and the markers that show an article is a wire copy.

Reads ``Article.wire`` when the clean stage set it, else the text's own credits; imports no other stage.
"""

from __future__ import annotations

import re

__all__ = ["WIRES", "detect_wire", "normalize_wire"]

# Canonical key -> spellings seen in credits and datelines.
WIRES: dict[str, tuple[str, ...]] = {
    "PTI": ("PTI", "Press Trust of India"),
    "Reuters": ("Reuters", "Reuter", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "ANI": ("ANI", "Asian News International"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "UNI": ("UNI", "United News of India"),
    "Xinhua": ("Xinhua",),
    "DPA": ("DPA", "dpa", "Deutsche Presse-Agentur"),
    "EFE": ("EFE",),
    "TASS": ("TASS",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "APP": ("APP", "Associated Press of Pakistan"),
    "Bloomberg": ("Bloomberg",),
}

_BY_SPELLING = {s.casefold(): key for key, spellings in WIRES.items() for s in spellings}
_ALTERNATION = "|".join(
    sorted((re.escape(s) for spellings in WIRES.values() for s in spellings), key=len, reverse=True)
)
# "(PTI)", "(Reuters) -", "— AFP", "PTI MIJ VN VN" (an agency slug line), "Agence France-Presse reported".
_CREDIT = re.compile(
    rf"\((?P<paren>{_ALTERNATION})\)|^[\s—–-]*(?P<line>{_ALTERNATION})[\s—–-]*$", re.MULTILINE
)
_SLUG = re.compile(rf"^\s*(?P<slug>{_ALTERNATION})(?:\s+[A-Z]{{2,4}}){{1,6}}\s*$", re.MULTILINE)


def normalize_wire(name: str | None) -> str | None:
    """The canonical key of a wire name ("Press Trust of India" -> "PTI"); None when not a known wire."""
    if not name:
        return None
    return _BY_SPELLING.get(" ".join(name.split()).casefold())


def detect_wire(text: str, wire: str | None = None) -> str | None:
    """The wire an article comes from: the given ``wire`` field first, else a credit in the text.

    Args:
        text: the article text (title, standfirst, body).
        wire: ``Article.wire`` as set by the clean stage, if any.

    Returns:
        A key of ``WIRES`` ("PTI", "Reuters", ...), the raw ``wire`` when it is not a known service, or None.
    """
    if wire and wire.strip():
        return normalize_wire(wire) or wire.strip()
    for pattern in (_CREDIT, _SLUG):
        for match in pattern.finditer(text):
            found = normalize_wire(match.group(match.lastgroup or 0))
            if found is not None:
                return found
    return None
