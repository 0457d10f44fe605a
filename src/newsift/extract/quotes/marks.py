"""Quotation marks in raw text: which marks open and close, and the spans they enclose.

Pure text, no parse. Tells apostrophes ("it's", "Pakistan's", "teams'") from single quotes, nests
quotes inside quotes, and joins a quote that runs over paragraphs (each paragraph reopening it).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QuotedSpan", "find_quoted_spans", "normalize_quote_text"]

# family → (opening marks, closing marks); a straight mark is in both and decided by context.
_FAMILIES = {
    "double": ('"“„', '"”'),
    "single": ("'‘", "'’"),
    "guillemet": ("«‹", "»›"),
}
_OPEN_CONTEXT = "([{—–-/:;,"
_ALL_MARKS = "".join(o + c for o, c in _FAMILIES.values())
_MIN_LOST_WORDS = 6  # a paragraph-long quote whose closing mark was lost


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """``text[start]`` is the opening mark and ``text[end - 1]`` the closing one; depth 0 is outermost."""

    start: int
    end: int
    depth: int
    n_paragraphs: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


@dataclass(slots=True)
class _Open:
    family: str
    start: int
    n_paragraphs: int = 1


def _family(char: str) -> str | None:
    for family, (opening, closing) in _FAMILIES.items():
        if char in opening or char in closing:
            return family
    return None


def _role(text: str, i: int) -> str | None:
    """'open', 'close', 'weak' (a close that may be a plural possessive) or None (apostrophe)."""
    char = text[i]
    family = _family(char)
    opening, closing = _FAMILIES[family] if family else ("", "")
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if char in opening and char not in closing:
        return "open"
    if char in closing and char not in opening:
        if family == "single" and before.isalnum() and after.isalnum():
            return None
        if family == "single" and before.isalpha() and after == " ":
            return "weak"
        return "close" if not before.isspace() else None
    # a straight mark: decided by its neighbours
    if before.isalnum() and after.isalnum():
        return None
    if (before.isspace() or before in _OPEN_CONTEXT or before in _ALL_MARKS) and not after.isspace():
        return "open"
    if not before.isspace():
        if family == "single" and before.isalpha() and after == " ":
            return "weak"
        return "close"
    return None


def _next_single_role(text: str, i: int) -> str | None:
    """The role of the next single mark after ``i`` in the same paragraph."""
    j = i + 1
    while j < len(text) and text[j] != "\n":
        if _family(text[j]) == "single":
            role = _role(text, j)
            if role is not None:
                return role
        j += 1
    return None


def _continues(text: str, newline: int, family: str) -> int | None:
    """Index of the mark reopening a quote at the start of the next paragraph, if there is one."""
    j = newline
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and _family(text[j]) == family and _role(text, j) == "open":
        return j
    return None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span of ``text``, outer and nested, sorted by start.

    A quote left open at the end of a paragraph continues when the next paragraph opens with the
    same kind of mark (the newspaper convention); otherwise it is dropped.
    """
    spans: list[QuotedSpan] = []
    stack: list[_Open] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\n" and stack:
            i = _close_paragraph(text, i, stack, spans)
            continue
        family = _family(char)
        role = _role(text, i) if family else None
        if family is None or role is None:
            i += 1
            continue
        if role == "weak" and _next_single_role(text, i) in ("close", "weak"):
            role = None  # a possessive: the quote closes later
        if role == "open":
            stack.append(_Open(family, i))
        elif role in ("close", "weak"):
            _pop(stack, family, i, spans)
        i += 1
    if stack:
        _close_paragraph(text, len(text), stack, spans)
    return sorted(spans, key=lambda s: (s.start, -s.end))


def _pop(stack: list[_Open], family: str, i: int, spans: list[QuotedSpan]) -> None:
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].family == family:
            opened = stack[depth]
            del stack[depth:]
            spans.append(QuotedSpan(opened.start, i + 1, depth, opened.n_paragraphs))
            return


def _close_paragraph(text: str, newline: int, stack: list[_Open], spans: list[QuotedSpan]) -> int:
    """At a paragraph break: keep an outer quote that the next paragraph reopens; a quote that opens its
    paragraph and runs to a sentence end there lost its closing mark and ends with the paragraph; drop
    the rest."""
    outer = stack[0]
    reopen = _continues(text, newline, outer.family)
    stack.clear()
    if reopen is None:
        end = len(text[:newline].rstrip())
        opens_paragraph = not text[text.rfind("\n", 0, outer.start) + 1 : outer.start].strip()
        body = text[outer.start + 1 : end]
        words = len(body.split()) if not any(_family(ch) == outer.family for ch in body) else 0
        if (
            opens_paragraph
            and outer.family == "double"
            and words >= _MIN_LOST_WORDS
            and text[end - 1] in ".!?"
        ):
            spans.append(QuotedSpan(outer.start, end, 0, outer.n_paragraphs))
        return newline + 1
    outer.n_paragraphs += 1
    stack.append(outer)
    return reopen + 1


def normalize_quote_text(text: str) -> str:
    """Display form: whitespace collapsed, and the marks reopening continued paragraphs removed."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    kept = [lines[0], *(line[1:] if line[:1] in _ALL_MARKS else line for line in lines[1:])] if lines else []
    return " ".join(" ".join(kept).split())
