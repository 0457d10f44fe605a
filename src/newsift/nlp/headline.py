"""Headlines in Title Case, read in sentence case.

'Tehran Denies Seizure Of Weapons Shipment To Rebels' parses as one long proper name: the small model
takes capitalised words for names, so the headline's verb, its object and its 'to' phrase are lost,
and a headline counts as a sentence of the article. Before parsing, a Title Case headline is
lower-cased word by word, keeping capitals where they carry a name: the first word, words the
gazetteer knows (alone or within a name of up to four words: 'South Korea', 'Hyundai Heavy
Industries'), acronyms and designations ('US', 'F-16', 'TB2'). Only letters' case changes, so every
offset stays the same; the stored text is never touched (the caller parses the variant and keeps the
original for spans).
"""

from __future__ import annotations

import re

from newsift.dates import dateline_end
from newsift.gazetteer import load_gazetteer

__all__ = ["sentence_cased", "title_cased", "without_datelines"]

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_LONGEST = 4  # words in the longest name looked up


def title_cased(line: str) -> bool:
    """Whether a headline is in Title Case: at least four words, and nearly every word of four or
    more letters capitalised, small words included somewhere ('Of', 'To', 'With')."""
    words = _WORD.findall(line)
    long_words = [w for w in words if len(w) >= 4]
    if len(words) < 4 or len(long_words) < 2:
        return False
    capitalised = sum(w[0].isupper() for w in long_words)
    small_upper = any(w[0].isupper() and len(w) <= 3 and not w.isupper() for w in words[1:])
    return capitalised >= 0.85 * len(long_words) and (small_upper or capitalised == len(long_words))


def sentence_cased(line: str) -> str:
    """The headline with the capitals of its common words lowered (see the module docstring); the
    result has exactly the length of the input."""
    matches = list(_WORD.finditer(line))
    keep = _named(line, matches)
    out = list(line)
    for k, match in enumerate(matches):
        word = match.group(0)
        if k == 0 or k in keep or _designation(word):
            continue
        lowered = word[0].lower() + word[1:]
        if len(lowered) == len(word):
            out[match.start()] = lowered[0]
    return "".join(out)


def _designation(word: str) -> bool:
    """'US', 'NATO', 'F-16', 'TB2', 'McDonnell': capitals inside the word carry meaning."""
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def _named(line: str, matches: list[re.Match[str]]) -> set[int]:
    """Indices of the words inside a name the gazetteer knows (longest names first)."""
    gazetteer = load_gazetteer()
    keep: set[int] = set()
    for size in range(_LONGEST, 0, -1):
        for k in range(len(matches) - size + 1):
            span = range(k, k + size)
            if keep.intersection(span):
                continue
            text = line[matches[k].start() : matches[k + size - 1].end()]
            if gazetteer.lookup(text) or gazetteer.lookup(text.rstrip("'’s")):
                keep.update(span)
    return keep


_PARAGRAPH = re.compile(r"(?:^|\n)[ \t]*(?=\S)")
_DATELINE_REACH = 120  # characters a dateline may take at a paragraph's start


def _label(head: str) -> bool:
    """'HOST: ', 'RIYADH: ': a colon after a bare name may be a transcript's speaker label, which the
    quotes need; only a dash, a date or a wire credit make a dateline sure."""
    return head.rstrip().endswith(":") and "(" not in head and not any(c.isdigit() for c in head)


def without_datelines(text: str) -> str:
    """The text with each paragraph's opening wire dateline blanked ('MANILA, May 2 (Wire) - ',
    'PARIS — '): the model otherwise reads the place as the subject or a modifier of the sentence's
    first noun. Spaces replace the dateline, so the length and every offset hold."""
    out: list[str] | None = None
    for match in _PARAGRAPH.finditer(text):
        start = match.end()
        end = dateline_end(text, start, min(len(text), start + _DATELINE_REACH))
        if end > start and not _label(text[start:end]):
            out = out if out is not None else list(text)
            out[start:end] = " " * (end - start)
    return text if out is None else "".join(out)
