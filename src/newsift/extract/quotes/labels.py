"""Attributions marked by punctuation, not by a verb: a speaker label ('PENCE: ...', 'Poll: ...')
and a dash signature after a quote ('"..." — Ann Lee').

Works on the Tree, the mentions and the quoted spans of one article; resolves no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.extract.quotes.lexicon import Lexicon
from newsift.extract.quotes.marks import QuotedSpan
from newsift.extract.quotes.rules import Found
from newsift.extract.syntax import Tree
from newsift.model import Mention

__all__ = ["all_caps", "find_label_relations"]

Span = tuple[int, int]
_MAX_LABEL_TOKENS = 4
_MIN_CONTENT_WORDS = 3
_MAX_TURN_WORDS = 150  # a labelled turn is a paragraph; a page flattened into one line is none
_LABEL_KINDS = ("PERSON", "ORG", "NORP")
# a paragraph opening "Label: rest", where the label may follow a stray quote mark (transcripts)
_LABEL = re.compile(r"[\"'“”]?([^\s:\"'“”][^:\n]{0,60}?)\s*:[ \t]+(?=\S)")
_DASHES = ("―", "—", "–", "--")
_OPENING_MARKS = frozenset('"“«')
_SENTENCE_ENDS = frozenset(".!?")
# '... ." That was the message from', 'This is the view of': a noun for what was said, then its speaker
_MESSAGE = re.compile(
    r"\s+(?:That|This|Such) (?:was|is|has been) (?:the |a |an |their |his |her )?(?:[a-z]+ )?"
    r"(message|warning|verdict|view|assessment|response|reply|promise|pledge|answer|words?) (?:from|of) "
)


def find_label_relations(
    tree: Tree, text: str, quotes: Sequence[QuotedSpan], mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Found]:
    """Speaker labels at the start of a paragraph and dash signatures after a quote."""
    if not tree.tokens:
        return []
    found = [f for s, e in _paragraphs(text) if (f := _label(tree, text, s, e, mentions, lexicon))]
    found += [f for q in quotes if q.depth == 0 and (f := _signature(tree, text, q, mentions))]
    found += [f for q in quotes if q.depth == 0 and (f := _message_from(tree, text, q, mentions))]
    return found


def all_caps(label: str) -> bool:
    """'WALLACE', 'RIYADH': every word capitalised throughout."""
    words = label.split()
    return bool(words) and all(w.isupper() and w.isalpha() and len(w) > 1 for w in words)


def _paragraphs(text: str) -> list[Span]:
    out, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _label(
    tree: Tree, text: str, start: int, end: int, mentions: Sequence[Mention], lexicon: Lexicon
) -> Found | None:
    """'WALLACE: ...', 'Rush Limbaugh: ...', 'Poll: ...': the label names who (or what) says the rest."""
    match = _LABEL.match(text, start, end)
    if match is None:
        return None
    label = match.span(1)  # a match from ``start`` is placed in the whole text already
    content = (match.end(), end)
    label = _described_name(text, label, content, mentions) or label
    tokens = _tokens(tree, *label)
    if tokens is None or tokens[1] - tokens[0] + 1 > _MAX_LABEL_TOKENS:
        return None
    if not _names_a_source(tree, text, tokens, label, mentions, lexicon):
        return None
    if not _MIN_CONTENT_WORDS <= len(text[content[0] : content[1]].split()) <= _MAX_TURN_WORDS:
        return None
    colon = tree.token_at(text.index(":", label[1]))
    return Found(
        cue=tree.span(colon, colon),
        cue_token=colon,
        source=label,
        source_tokens=tokens,
        content=(content,),
        lemma=":",
    )


def _described_name(text: str, label: Span, content: Span, mentions: Sequence[Mention]) -> Span | None:
    """'Ann Lee, a fellow at the institute: "..."' in a list of reactions: a person named first, then
    described, labels the quotation that follows the colon; the name alone is the source."""
    if text[content[0] : content[0] + 1] not in _OPENING_MARKS:
        return None
    for m in mentions:
        if m.start == label[0] and m.end < label[1] and m.label == "PERSON" and text[m.end] == ",":
            return m.start, m.end
    return None


def _names_a_source(
    tree: Tree, text: str, tokens: Span, label: Span, mentions: Sequence[Mention], lexicon: Lexicon
) -> bool:
    """A capitalised label (a speaker in a transcript), a named person or organisation, or a 'poll'."""
    words = text[label[0] : label[1]].split()
    if all_caps(text[label[0] : label[1]]):
        return True
    if any(m.start == label[0] and m.end == label[1] and m.label in _LABEL_KINDS for m in mentions):
        return True
    first, last = tokens
    head = tree.tokens[last]
    return first == last and head.lemma.lower() in lexicon.source_nouns and words[0][0].isupper()


def _signature(tree: Tree, text: str, q: QuotedSpan, mentions: Sequence[Mention]) -> Found | None:
    """'"…" ― Ann Lee' at the end of a line: a dash and a named person sign the quote before them."""
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[q.end : line_end]
    stripped = rest.lstrip()
    dash = next((d for d in _DASHES if stripped.startswith(d)), None)
    if dash is None:
        return None
    dash_start = q.end + len(rest) - len(stripped)
    name_start = dash_start + len(dash)
    while name_start < line_end and text[name_start].isspace():
        name_start += 1
    name_end = line_end
    while name_end > name_start and (text[name_end - 1].isspace() or text[name_end - 1] in ".,;"):
        name_end -= 1
    person = [m for m in mentions if m.start == name_start and m.end == name_end and m.label == "PERSON"]
    tokens = _tokens(tree, name_start, name_end)
    if not person or tokens is None:
        return None
    cue = tree.token_at(dash_start)
    return Found(
        cue=(dash_start, dash_start + len(dash)),
        cue_token=cue,
        source=(name_start, name_end),
        source_tokens=tokens,
        content=((q.start, q.end),),
        lemma=dash,
    )


def _message_from(tree: Tree, text: str, q: QuotedSpan, mentions: Sequence[Mention]) -> Found | None:
    """'"We will not be intimidated." That was the message from General Ann Lee on Sunday.': a quotation
    that is a sentence of its own, then 'that was the message (warning, verdict ...) from' a named person."""
    if text[q.end - 2 : q.end - 1] not in _SENTENCE_ENDS or text[q.start - 1 : q.start].strip():
        return None
    match = _MESSAGE.match(text, q.end)
    if match is None:
        return None
    named = [
        m
        for m in mentions
        if m.label == "PERSON" and m.start >= match.end() and _only_titles(text[match.end() : m.start])
    ]
    tokens = _tokens(tree, match.end(), named[0].end) if named else None
    if tokens is None:
        return None
    cue = tree.token_at(match.start(1))
    return Found(
        cue=match.span(1),
        cue_token=cue,
        source=(match.end(), named[0].end),
        source_tokens=tokens,
        content=((q.start, q.end),),
        lemma=text[match.start(1) : match.end(1)].lower(),
    )


def _only_titles(between: str) -> bool:
    """'' or 'General ', 'Air Chief Marshal ': capitalised words only, as a title before a name."""
    return all(w[:1].isupper() and w.rstrip(".").isalpha() for w in between.split())


def _tokens(tree: Tree, start: int, end: int) -> Span | None:
    first, last = tree.token_at(start), tree.token_at(end - 1)
    if tree.tokens[first].start != start or tree.tokens[last].end != end:
        return None
    return first, last
