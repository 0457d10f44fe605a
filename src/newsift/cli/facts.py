"""CLI verbs over the knowledge layers: analyze (pure), entities, quotes, events, claims, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from newsift.cli.app import ExtractorFlag, JsonFlag, _parse_time, _store, _with_extractor, app, state
from newsift.cli.render import console, err_console, print_json
from newsift.errors import ConfigError, InputError, NewsiftError
from newsift.model import Analysis
from newsift.views import (
    render_analysis_json,
    render_claim_json,
    render_entity_json,
    render_event_json,
    render_quote_json,
)

__all__: list[str] = []


@app.command()
def analyze(
    path: Annotated[str, typer.Argument(help="One page: file or URL.")],
    fetched_at: Annotated[str | None, typer.Option(help="Fetch time (ISO 8601).")] = None,
    extractor: ExtractorFlag = None,
    json_out: JsonFlag = False,
) -> None:
    """Pure: the whole chain on one input (articles, entities, quotes, events, claims); nothing stored."""
    from newsift.pipeline.steps import analyze_input

    settings = _with_extractor(state.settings, extractor)
    try:
        analyses = analyze_input(path, settings, fetched_at=_parse_time(fetched_at))
    except NewsiftError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(1) from err
    data = render_analysis_json(analyses, _links(analyses))
    if json_out:
        print_json(data)
        return
    for key in ("articles", "entities", "quotes", "events", "claims", "stories"):
        console.print(f"{len(data[key])} {key}")
    _print_entities(data["entities"][:30])
    _print_events(data["events"])


def _links(analyses: list[Analysis]) -> Any:
    """The link stage over one input's articles (stories, copies, related, tags), as ingest runs it."""
    from collections import Counter

    from newsift.link.build import dyad_key, link_articles
    from newsift.link.story_facts import happening_keys

    entities: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for analysis in analyses:
        counts = Counter(m.entity_id for m in analysis.annotated.mentions if m.entity_id)
        entities[analysis.article.id] = [e for e, _ in counts.most_common()]
        names.update({e.id: e.name for e in analysis.annotated.entities})
    dyads = {
        a.article.id: sorted(
            {
                dyad_key(e.type, s.code, t.code)
                for e in a.events
                for s in e.source
                for t in e.target
                if s.code and t.code and s.code != t.code
            }
        )
        for a in analyses
    }
    happenings = {a.article.id: happening_keys(a.events) for a in analyses}
    return link_articles([a.article for a in analyses], entities, names, dyads, happenings=happenings)


@app.command()
def entities(
    kind: Annotated[str | None, typer.Option(help="Only this kind (country, company, person, ...).")] = None,
    limit: Annotated[int, typer.Option(help="Most rows.")] = 100,
    json_out: JsonFlag = False,
) -> None:
    """Canonical entities with kind, country and mention count."""
    rows = [render_entity_json(e, n) for e, n in _store().query_entities(kind=kind, limit=limit)]
    if json_out:
        print_json(rows)
        return
    _print_entities(rows)


def _print_entities(rows: list[dict[str, object]]) -> None:
    table = Table(title="Entities")
    for column in ("id", "kind", "name", "country", "mentions"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(escape(str(row.get(c) or "")) for c in ("id", "kind", "name", "country", "mentions")))
    console.print(table)


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Speaker name or id (substring).")] = None,
    about: Annotated[
        str | None, typer.Option(help="Only quotes in articles mentioning this entity id.")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Quotes with their speakers, cues and kinds."""
    store = _store()
    names = {e.id: e.name for e, _ in store.query_entities(limit=10**6)}
    found = store.query_quotes(speaker=speaker)
    if about:
        articles = {m for m in store.query_articles_mentioning(about)}
        found = [q for q in found if q.article_id in articles]
    rows = [render_quote_json(q, names) for q in found]
    if json_out:
        print_json(rows)
        return
    for row in rows:
        who = row["speaker"] or row["speaker_text"] or "?"
        console.print(f"[bold]{escape(str(who))}[/bold] [dim]({row['kind']}, {row['cue'] or '-'})[/dim]")
        console.print(f"  {escape(str(row['text']))}")


@app.command()
def events(
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. AID.")] = None,
    subtype: Annotated[str | None, typer.Option(help="Defence subtype, e.g. arms_transfer.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor country code or entity id.")] = None,
    distinct: Annotated[
        bool, typer.Option("--distinct", help="One row per happening, however many reports mention it.")
    ] = False,
    json_out: JsonFlag = False,
) -> None:
    """Events between actors, with attributes, status and evidence; each says how many reports share it."""
    from newsift.pipeline.relink import load_happenings

    store = _store()
    happenings = load_happenings(store)
    rows, seen = [], set()
    for event in store.query_events(type_=type_, subtype=subtype, actor=actor):
        same = happenings.get(event.id, [event.id])
        if distinct and same[0] in seen:
            continue
        seen.add(same[0])
        row = render_event_json(event)
        row["happening"] = {"first_event_id": same[0], "reports": len(same)}
        rows.append(row)
    if json_out:
        print_json(rows)
        return
    _print_events(rows)


def _print_events(rows: list[dict[str, object]]) -> None:
    """One line per event that fits 80 columns: what (subtype, else PLOVER type), who → whom (or the
    participants), item, value, its own time (a report date is not shown as the event's) and status."""
    table = Table(title="Events")
    table.add_column("what", no_wrap=True, max_width=14, overflow="ellipsis")
    table.add_column("who", overflow="fold", max_width=15)
    table.add_column("item", overflow="fold")
    table.add_column("value", overflow="fold", max_width=12)
    table.add_column("when", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for row in rows:
        value = row.get("value")
        source, target = _codes(row["source"]), _codes(row["target"])
        who = f"{source or '?'} → {target or '?'}" if source or target else _codes(row["participants"])
        table.add_row(
            str(row.get("subtype") or row["type"]),
            who,
            escape(str(row.get("item") or "")),
            escape(str(value["text"])) if isinstance(value, dict) else "",
            _when(row),
            str(row["status"]),
        )
    console.print(table)


def _when(row: dict[str, object]) -> str:
    time = row.get("time")
    if isinstance(time, dict) and time.get("source") == "text":
        return str(time.get("value") or "")
    return str(row.get("year") or "")


def _codes(actors: object) -> str:
    if not isinstance(actors, list):
        return ""
    return ", ".join(escape(str(a.get("code") or a.get("text"))) for a in actors)


@app.command()
def claims(
    status: Annotated[str | None, typer.Option(help="asserted, attributed, alleged, denied, ...")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Claims with their status, cue and who asserts or denies them."""
    rows = [render_claim_json(c) for c in _store().query_claims(status=status)]
    if json_out:
        print_json(rows)
        return
    for row in rows:
        console.print(f"[bold]{row['status']}[/bold] [dim]{escape(str(row['cue'] or ''))}[/dim]")
        evidence = row["evidence"]
        console.print(f"  {escape(str(evidence['sentence']))}")


@app.command()
def export(
    format_: Annotated[
        str, typer.Argument(metavar="FORMAT", help="jsonl, plover, sipri, csv, parquet, graphml or gexf.")
    ],
    out: Annotated[
        Path | None, typer.Option(help="Folder to write into (csv/parquet: one file per table).")
    ] = None,
    table: Annotated[
        str | None,
        typer.Option(help="csv/parquet: one table to stdout (articles, entities, events, claims, ...)."),
    ] = None,
) -> None:
    """Write stored records in an analyst format, to stdout or into --out DIR."""
    from newsift.exports import run_export

    try:
        written = run_export(_store(), format_, stream=sys.stdout.buffer, out_dir=out, table=table)
    except (InputError, ConfigError) as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2) from err
    sys.stdout.flush()
    for name, n in written:
        where = "" if name == "-" else f" to {escape(str(out / name if out else name))}"
        err_console.print(f"{n} records exported as {format_}{where}")
