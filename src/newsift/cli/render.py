"""Renderers shared by CLI verbs: records to JSON-ready dicts and to rich tables. No pipeline logic."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsift.model import Article, Mention, Quote

__all__ = [
    "console",
    "err_console",
    "print_json",
    "render_article",
    "render_articles_table",
    "render_marked",
]

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def render_articles_table(articles: list[Article], title: str = "Articles") -> Table:
    table = Table(title=title, show_lines=False)
    for column in ("id", "pos", "outlet", "published", "title"):
        table.add_column(column, overflow="fold")
    for article in articles:
        published = article.published_text or (
            article.published_at.strftime("%Y-%m-%d %H:%M") if article.published_at else ""
        )
        table.add_row(
            article.id[:12],
            str(article.position),
            escape(article.outlet or article.source or ""),
            escape(published),
            escape(article.title[:100]),
        )
    return table


def render_article(article: Article, *, show_removed: bool = True) -> None:
    console.rule(f"[bold]{escape(article.title)}")
    meta = [
        f"id {article.id}",
        f"outlet {article.outlet or '-'} ({escape(article.source or '-')})",
        f"published {article.published_text or '-'}"
        + (f" ≈ {article.published_at:%Y-%m-%d %H:%M} UTC" if article.published_at else ""),
    ]
    if article.dateline:
        meta.append(f"dateline {escape(article.dateline.text)}")
    if article.authors:
        meta.append("by " + escape(", ".join(article.authors)))
    if article.wire:
        meta.append(f"wire {article.wire}" + (f" ({article.wire_slug})" if article.wire_slug else ""))
    if article.editor:
        meta.append(f"edited by {escape(article.editor)}")
    console.print("[dim]" + " · ".join(meta) + "[/dim]")
    if article.standfirst:
        console.print(f"\n[italic]{escape(article.standfirst)}[/italic]")
    for paragraph in article.paragraphs:
        console.print("\n" + escape(paragraph))
    if show_removed and article.removed:
        console.print("\n[bold]Removed from the page[/bold]")
        for removed in article.removed:
            console.print(f"  [dim]{removed.reason}[/dim]: {escape(removed.text[:100])}")


_KIND_STYLE = {
    "PERSON": "bold cyan",
    "ORG": "bold magenta",
    "GPE": "bold green",
    "NORP": "green",
    "LOC": "green",
    "PRODUCT": "bold yellow",
}


def render_marked(article: Article, mentions: list[Mention], quotes: list[Quote]) -> None:
    """The article text with quotes underlined (speaker after each) and entity mentions coloured."""
    from rich.text import Text

    text = Text(article.text)
    for quote in quotes:
        text.stylize("italic underline", quote.start, quote.end)
    for mention in mentions:
        text.stylize(_KIND_STYLE.get(mention.label, "bold"), mention.start, mention.end)
    console.rule(f"[bold]{escape(article.title)}")
    console.print(text)
    if mentions:
        console.print("\n[bold]Entities[/bold]")
        seen: dict[str, str] = {}
        for m in mentions:
            seen.setdefault(m.entity_id or m.text, f"{m.text} [dim]{m.label} {m.entity_id or ''}[/dim]")
        console.print("  " + " · ".join(seen.values()))
    if quotes:
        console.print("\n[bold]Quotes[/bold]")
        for q in quotes:
            console.print(f"  [cyan]{escape(q.speaker_text or '?')}[/cyan]: {escape(q.text[:160])}")
