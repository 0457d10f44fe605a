"""CLI verbs over the link stage: stories, duplicates, tags and related articles."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from newsift.cli.app import JsonFlag, _parse_time, _store, app
from newsift.cli.render import console, err_console, print_json
from newsift.link.labels import happening_label
from newsift.pipeline.relink import load_duplicates, load_related, load_stories, load_tags, relink_store
from newsift.store import Store
from newsift.views import render_related_json, render_story_json

__all__: list[str] = []


def _titles(store: Store, ids: set[str]) -> dict[str, str]:
    found = {}
    for article_id in ids:
        article = store.get_article(article_id)
        if article is not None:
            found[article_id] = article.title
    return found


def _happening(store: Store, article_ids: tuple[str, ...]) -> str:
    """The label of the happening a story's articles report (from their stored events)."""
    return happening_label(e for a in article_ids for e in store.query_events(article_id=a))


def _article_id(store: Store, prefix: str) -> str:
    article = store.get_article(prefix)
    if article is None:
        err_console.print(f"[red]error[/red] no article with id {escape(prefix)}")
        raise typer.Exit(1)
    return article.id


@app.command()
def stories(
    since: Annotated[str | None, typer.Option(help="Only stories active since (ISO 8601 date).")] = None,
    min_size: Annotated[int, typer.Option(min=1, help="Only stories of at least N articles.")] = 1,
    limit: Annotated[int, typer.Option(help="Most stories to show.")] = 50,
    json_out: JsonFlag = False,
) -> None:
    """Stories (clusters of articles about one happening), largest first, with time span, the happening
    (kind: who → whom, item, time, from the events) and the headline."""
    store = _store()
    when: datetime | None = _parse_time(since)
    found = [
        s
        for s in load_stories(store)
        if len(s.article_ids) >= min_size and (when is None or (s.last_at is not None and s.last_at >= when))
    ][:limit]
    titles = _titles(store, {a for s in found for a in s.article_ids})
    happenings = {s.id: _happening(store, s.article_ids) for s in found}
    if json_out:
        print_json([render_story_json(s, titles) | {"happening": happenings[s.id]} for s in found])
        return
    table = Table(title=f"Stories ({len(found)})")  # narrow columns fixed, the two texts share the rest
    table.add_column("id", no_wrap=True)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("happening", ratio=1, overflow="fold")
    table.add_column("headline", ratio=1, overflow="fold")
    for story in found:
        table.add_row(
            story.id[:8],
            str(len(story.article_ids)),
            _span(story.first_at, story.last_at),
            escape(happenings[story.id][:60]),
            escape(story.label[:90]),
        )
    console.print(table)


def _span(first: datetime | None, last: datetime | None) -> str:
    """'2022-03' for a story within one month, '2021-12..2022-03' across months."""
    if first is None or last is None:
        return ""
    a, b = f"{first:%Y-%m}", f"{last:%Y-%m}"
    return a if a == b else f"{a}..{b}"


@app.command()
def relink(json_out: JsonFlag = False) -> None:
    """Recompute every story, copy, related list and tag over the whole store (an ingest links only
    its new articles; use this after ingesting with linking off or pages older than the stored ones)."""
    store = _store()
    try:
        links = relink_store(store)
        counts = {
            "articles": store.count_articles(),
            "stories": len(links.stories),
            "copy_groups": len(load_duplicates(store)),
            "with_related": sum(1 for r in links.related.values() if r),
        }
    finally:
        store.close()
    if json_out:
        print_json(counts)
        return
    console.print(
        f"relinked {counts['articles']} articles: {counts['stories']} stories, "
        f"{counts['copy_groups']} groups of copies, {counts['with_related']} with related articles"
    )


@app.command()
def duplicates(json_out: JsonFlag = False) -> None:
    """Groups of exact, near-duplicate and syndicated copies, origin first."""
    store = _store()
    groups = load_duplicates(store)
    if json_out:
        print_json(
            [
                {
                    "group": group,
                    "origin": matches[0].origin,
                    "articles": [
                        {"id": m.article_id, "kind": str(m.kind), "similarity": m.similarity} for m in matches
                    ],
                }
                for group, matches in groups
            ]
        )
        return
    titles = _titles(store, {m.article_id for _, ms in groups for m in ms})
    console.print(f"{len(groups)} groups of copies")
    for group, matches in groups:
        console.print(f"[bold]{group[:12]}[/bold] origin {escape(matches[0].origin)}")
        for m in matches:
            console.print(
                f"  {m.article_id[:12]} {m.kind} {m.similarity:.2f} {escape(titles.get(m.article_id, ''))}"
            )


@app.command()
def tags(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
    json_out: JsonFlag = False,
) -> None:
    """Tags of an article: its main canonical entities, then keyphrases (at most 8)."""
    store = _store()
    found = load_tags(store, _article_id(store, article_id))
    if json_out:
        print_json([{"text": t.text, "kind": t.kind, "score": t.score} for t in found])
        return
    console.print(" ".join(f"#{escape(t.text)}" for t in found) or "no tags")


@app.command()
def related(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
    json_out: JsonFlag = False,
) -> None:
    """Articles related to one article, each with its reason (same story, shared entities, text)."""
    store = _store()
    found = load_related(store, _article_id(store, article_id))
    titles = _titles(store, {r.related_id for r in found})
    rows = [render_related_json(r, titles.get(r.related_id)) for r in found]
    if json_out:
        print_json(rows)
        return
    for row in rows:
        console.print(f"{row['id'][:12]} [dim]{', '.join(row['reasons'])}[/dim] {escape(row['title'] or '')}")
    if not rows:
        console.print("no related articles")
