"""Search words to phrases, shared by the SQLite and PostgreSQL stores: diacritics folded, and military
designators spelled every way the press writes them (F-16 / F16 / F 16 / F-16s; TB2 / TB-2).

Each query term becomes a group of alternative phrases (any may match); groups are all required. The
output is plain words: the stores quote them, so a query is never search syntax.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["split_search_terms"]

# Letters, digits, then an optional variant letter or two (MQ-9B, Su-30MKI); a trailing lower-case "s"
# is the plural (F-16s).
_DESIGNATOR = re.compile(r"^([A-Za-z]{1,4})[-\s]?(\d{1,4})([A-Za-z]{0,3})$")
_UPPER_LETTERS = re.compile(r"^[A-Z]{1,4}$")
_LEADING_DIGIT = re.compile(r"^\d{1,4}[A-Za-z]{0,3}$")


def _fold(text: str) -> str:
    """Türkiye → Turkiye: drop combining marks after compatibility decomposition."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _words(term: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in term).split()


def _merge_spaced(terms: list[str]) -> list[str]:
    """Join an upper-case letter run and a number typed apart ("F 16", "TB 2") into one term."""
    merged: list[str] = []
    for term in terms:
        if merged and _UPPER_LETTERS.match(merged[-1]) and _LEADING_DIGIT.match(term):
            merged[-1] = f"{merged[-1]}-{term}"
        else:
            merged.append(term)
    return merged


def _designator_phrases(term: str) -> tuple[str, ...] | None:
    found = _DESIGNATOR.match(term.strip(".,;:!?()[]\"'"))
    if not found:
        return None
    letters, digits, suffix = found.groups()
    if suffix.endswith("s") and suffix.lower() == suffix:  # F-16s, TB2s: the plural of the designator
        suffix = suffix[:-1]
    base = (letters + " " + digits + suffix).lower(), (letters + digits + suffix).lower()
    return (*base, *(b + "s" for b in base))


def split_search_terms(query: str) -> list[tuple[str, ...]]:
    """Each whitespace-separated term as alternative phrases of plain words (at least one phrase each).

    >>> split_search_terms("F16 Türkiye")
    [('f 16', 'f16', 'f 16s', 'f16s'), ('Turkiye',)]
    """
    groups: list[tuple[str, ...]] = []
    for term in _merge_spaced(_fold(query).split()):
        phrases = _designator_phrases(term)
        if phrases is None:
            words = _words(term)
            phrases = (" ".join(words),) if words else None
        if phrases:
            groups.append(phrases)
    return groups
