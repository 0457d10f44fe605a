"""Briefs and answers rendered as JSON (the contract), Markdown and rich terminal output.

Renderers only format records; every line they print carries its citation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newsift.brief.records import Answer, Brief, Citation, FactRow, QuoteRow, SentenceRow, SourceRow

__all__ = [
    "render_answer_json",
    "render_answer_rich",
    "render_brief_json",
    "render_brief_markdown",
    "render_brief_rich",
    "render_citation_json",
    "render_fact_json",
]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def render_citation_json(citation: Citation) -> dict[str, Any]:
    return {
        "article_id": citation.article_id,
        "sentence": citation.sentence,
        "sentence_index": citation.sentence_index,
    }


def render_fact_json(row: FactRow) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "text": row.text,
        "type": row.type,
        "subtype": row.subtype,
        "year": row.year,
        "status": row.status,
        "statuses": list(row.statuses),
        "n_reports": row.n_reports,
        "n_outlets": row.n_outlets,
        "outlets": list(row.outlets),
        "has_denial": row.has_denial,
        "denied_by": list(row.denied_by),
        "asserted_by": list(row.asserted_by),
        "alleged_by": list(row.alleged_by),
        "first_seen_at": _iso(row.first_seen_at),
        "last_seen_at": _iso(row.last_seen_at),
        "record_ids": list(row.record_ids),
        "citations": [render_citation_json(c) for c in row.citations],
    }


def _quote_json(row: QuoteRow) -> dict[str, Any]:
    return {
        "speaker": row.speaker,
        "affiliation": row.affiliation,
        "cue": row.cue,
        "kind": row.kind,
        "text": row.text,
        "citation": render_citation_json(row.citation),
    }


def _sentence_json(row: SentenceRow) -> dict[str, Any]:
    return {"text": row.text, "score": row.score, "citation": render_citation_json(row.citation)}


def _source_json(row: SourceRow) -> dict[str, Any]:
    return {
        "article_id": row.article_id,
        "title": row.title,
        "outlet": row.outlet,
        "published_at": _iso(row.published_at),
    }


def render_brief_json(brief: Brief) -> dict[str, Any]:
    """The ``brief --json`` contract: facts, claim roll-up, quotes, summary, sources, tags, related."""
    return {
        "kind": brief.kind,
        "subject": brief.subject,
        "subject_ids": list(brief.subject_ids),
        "as_of": _iso(brief.as_of),
        "counts": dict(brief.counts),
        "facts": [render_fact_json(r) for r in brief.facts],
        "claims": [render_fact_json(r) for r in brief.claims],
        "quotes": [_quote_json(q) for q in brief.quotes],
        "summary": [_sentence_json(s) for s in brief.summary],
        "key_facts": brief.key_facts,
        "sources": [_source_json(s) for s in brief.sources],
        "tags": list(brief.tags),
        "related": [{"id": i, "title": t, "reasons": r} for i, t, r in brief.related],
    }


def render_answer_json(answer: Answer) -> dict[str, Any]:
    """The ``ask --json`` contract: answer (str or null), citations, facts; extra keys explain how."""
    return {
        "answer": answer.text,
        "citations": [render_citation_json(c) for c in answer.citations],
        "facts": [render_fact_json(r) for r in answer.facts],
        "passages": [_sentence_json(p) for p in answer.passages],
        "method": answer.method,
        "n_unsupported": answer.n_unsupported,
        "phrased_by": answer.phrased_by,
    }


def _ref(citation: Citation) -> str:
    return f"[{citation.article_id[:12]}]"


def _roll(row: FactRow) -> str:
    parts = [row.status, f"{row.n_outlets} outlet{'s' if row.n_outlets != 1 else ''}"]
    if row.has_denial:
        parts.append("denied" + (f" by {', '.join(row.denied_by)}" if row.denied_by else ""))
    if row.first_seen_at:
        last = row.last_seen_at or row.first_seen_at
        parts.append(
            f"seen {row.first_seen_at:%Y-%m-%d}" + (f"…{last:%Y-%m-%d}" if last != row.first_seen_at else "")
        )
    return "; ".join(parts)


def render_brief_markdown(brief: Brief) -> str:
    """Markdown: each fact with its roll-up, then each cited sentence quoted under it."""
    lines = [f"# {brief.subject}", ""]
    if brief.as_of:
        lines += [f"_As of {brief.as_of:%Y-%m-%d}_", ""]
    if brief.summary:
        lines += ["## Summary", ""] + [f"- {s.text} {_ref(s.citation)}" for s in brief.summary] + [""]
    if brief.key_facts:
        lines += [f"**Key facts:** {brief.key_facts}", ""]
    for title, rows in (("Facts", brief.facts), ("Claims", brief.claims)):
        if rows:
            lines += [f"## {title}", ""]
            for row in rows:
                lines.append(f"- **{row.text}** ({_roll(row)})")
                lines += [f"  - > {c.sentence} {_ref(c)}" for c in row.citations]
            lines.append("")
    if brief.quotes:
        lines += ["## Quotes", ""]
        lines += [f"- {q.speaker or 'unattributed'}: “{q.text}” {_ref(q.citation)}" for q in brief.quotes]
        lines.append("")
    lines += _markdown_tail(brief)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_tail(brief: Brief) -> list[str]:
    lines = []
    if brief.tags:
        lines += ["## Tags", "", " ".join(f"#{t}" for t in brief.tags), ""]
    if brief.related:
        lines += ["## Related", ""] + [f"- [{i[:12]}] {t} ({r})" for i, t, r in brief.related] + [""]
    if brief.sources:
        lines += ["## Sources", ""]
        lines += [
            f"- [{s.article_id[:12]}] {s.title} — {s.outlet or '?'}"
            + (f", {s.published_at:%Y-%m-%d}" if s.published_at else "")
            for s in brief.sources
        ]
    return lines


def render_brief_rich(brief: Brief) -> RenderableType:
    """A rich renderable: summary, facts and claims tables with roll-ups and sources, quotes."""
    parts: list[RenderableType] = [Text(brief.subject, style="bold underline")]
    if brief.counts:
        parts.append(Text(" · ".join(f"{t} {n}" for t, n in brief.counts), style="dim"))
    for s in brief.summary:
        parts.append(Text.from_markup(f"• {escape(s.text)} [dim]{escape(_ref(s.citation))}[/dim]"))
    if brief.key_facts:
        parts.append(Text.from_markup(f"[bold]Key facts:[/bold] {escape(brief.key_facts)}"))
    for title, rows in (("Facts", brief.facts), ("Claims", brief.claims)):
        if rows:
            parts.append(_facts_table(title, rows))
    for q in brief.quotes:
        who = escape(q.speaker or "unattributed")
        parts.append(
            Text.from_markup(f"[bold]{who}[/bold]: “{escape(q.text)}” [dim]{escape(_ref(q.citation))}[/dim]")
        )
    if brief.tags:
        parts.append(Text(" ".join(f"#{t}" for t in brief.tags), style="cyan"))
    for i, t, r in brief.related:
        parts.append(Text.from_markup(f"related {i[:12]} [dim]{escape(r)}[/dim] {escape(t)}"))
    return Group(*parts)


def _facts_table(title: str, rows: tuple[FactRow, ...]) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("fact", "roll-up", "evidence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        evidence = "\n".join(f"{c.sentence} {_ref(c)}" for c in row.citations[:3])
        table.add_row(escape(row.text), escape(_roll(row)), escape(evidence))
    return table


def render_answer_rich(answer: Answer) -> RenderableType:
    if answer.text is None:
        return Text("No answer in the sources.", style="yellow")
    parts: list[RenderableType] = [Text(answer.text, style="bold")]
    for c in answer.citations:
        parts.append(Text.from_markup(f"  [dim]{escape(_ref(c))}[/dim] {escape(c.sentence)}"))
    if answer.n_unsupported:
        parts.append(Text(f"{answer.n_unsupported} unsupported sentence(s) dropped", style="yellow"))
    return Group(*parts)
