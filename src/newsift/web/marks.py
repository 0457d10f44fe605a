"""Article text with entities, quotes and claims marked, as escaped HTML paragraphs.

Spans may overlap (a mention inside a quote inside a claim): the text is cut at every boundary and each
piece reopens the spans covering it, so the HTML stays well nested. Every piece of text is escaped.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["LABEL_KINDS", "Span", "render_marked_paragraphs"]

# spaCy NER labels shown as entity kinds when a mention is not resolved; numbers and dates are not marked.
LABEL_KINDS = {
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "country",
    "ORG": "organisation",
    "PERSON": "person",
    "PRODUCT": "weapon_system",
    "EVENT": "event",
    "WORK_OF_ART": "programme",
}
_LAYERS = {"sentence": -1, "claim": 0, "quote": 1, "mention": 2}
_PLAIN = {"asserted"}  # the outlet's own statements are the default: marked, but without a badge


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """One marked span: ``layer`` is sentence, claim, quote or mention; ``kind`` the sentence's index, a
    status, a speaker or an entity kind."""

    start: int
    end: int
    layer: str
    kind: str
    title: str = ""
    href: str | None = None


def render_marked_paragraphs(text: str, spans: Iterable[Span]) -> list[Markup]:
    """The text's paragraphs (split at blank lines) as HTML with the spans marked."""
    ordered = sorted(_without_overlapping_mentions(spans), key=lambda s: (_LAYERS[s.layer], s.start))
    return [_render_range(text, start, end, ordered) for start, end in _paragraphs(text)]


def _without_overlapping_mentions(spans: Iterable[Span]) -> list[Span]:
    kept: list[Span] = []
    last_end = -1
    for span in sorted(spans, key=lambda s: (s.layer != "mention", s.start, -s.end)):
        if span.end <= span.start:
            continue
        if span.layer == "mention":
            if span.start < last_end:
                continue
            last_end = span.end
        kept.append(span)
    return kept


def _paragraphs(text: str) -> list[tuple[int, int]]:
    found, start = [], 0
    while start <= len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            found.append((start, end))
        start = end + 2
    return found


def _render_range(text: str, start: int, end: int, spans: Sequence[Span]) -> Markup:
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end} | {max(start, min(end, p)) for s in inside for p in (s.start, s.end)})
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        active = [s for s in inside if s.start <= a and s.end >= b]
        parts.append(_wrap(_escaped(text[a:b]), active, a))
        parts.extend(_badge(s) for s in inside if s.layer == "claim" and s.end == b and s.kind not in _PLAIN)
    return Markup("".join(parts))  # every piece was escaped where it was made


# The tags are built as plain strings from escaped values: Markup.format and Markup + str go through
# string.Formatter and escape() per piece, which made this module most of an article page's time.
def _escaped(value: str) -> str:
    return str(escape(value))


def _wrap(html: str, active: Sequence[Span], at: int) -> str:
    for span in reversed(active):
        html = _open(span, at) + html + ("</a>" if span.href else "</span>")
    return html


def _open(span: Span, at: int) -> str:
    """The opening tag, with the layer, kind, title and href escaped.

    A sentence cut into pieces by other marks carries ``data-s`` on each piece and ``id="s-N"`` (the
    target of evidence links) on its first piece only, so ids stay unique.
    """
    kind = _escaped(span.kind)
    if span.layer == "sentence":
        anchor = f' id="s-{kind}"' if at == span.start else ""
        return f'<span class="sent" data-s="{kind}"{anchor}>'
    layer = _escaped(span.layer)
    title = f' title="{_escaped(span.title)}"' if span.title else ""
    if span.href:
        return f'<a class="{layer} {layer}-{kind}" href="{_escaped(span.href)}"{title}>'
    return f'<span class="{layer} {layer}-{kind}" data-kind="{kind}"{title}>'


def _badge(span: Span) -> str:
    kind = _escaped(span.kind)
    return f'<span class="badge badge-{kind}">{kind}</span>'
