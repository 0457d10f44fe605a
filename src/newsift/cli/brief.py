"""CLI verbs over briefs and answers: brief (article, dyad, entity), ask, and watch add/list/check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import msgspec
import typer
from rich.markup import escape

from newsift.brief.records import Brief
from newsift.brief.render import (
    render_answer_json,
    render_answer_rich,
    render_brief_json,
    render_brief_markdown,
    render_brief_rich,
    render_fact_json,
)
from newsift.cli.app import JsonFlag, _parse_time, _store, app, state
from newsift.cli.render import console, err_console, print_json
from newsift.config import IngestSettings
from newsift.errors import ConfigError, ExtractionError, InputError

if TYPE_CHECKING:
    from newsift.brief.webhook import Delivery

__all__: list[str] = []

watch_app = typer.Typer(help="Saved filters that report new matching facts.", no_args_is_help=True)
app.add_typer(watch_app, name="watch")


@app.command()
def brief(
    article_id: Annotated[str | None, typer.Argument(help="Article id (or a unique prefix).")] = None,
    dyad: Annotated[
        tuple[str, str] | None,
        typer.Option(help="Two actors (ISO3 codes or entity ids): their relationship.", show_default=False),
    ] = None,
    entity: Annotated[str | None, typer.Option(help="An entity id, name or alias.")] = None,
    as_of: Annotated[str | None, typer.Option(help="Dyad brief as known on this date (ISO 8601).")] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Markdown output.")] = False,
    json_out: JsonFlag = False,
) -> None:
    """A brief built from stored records, each line citing its article and sentence."""
    from newsift.brief.article import build_article_brief
    from newsift.brief.dyad import build_dyad_brief
    from newsift.brief.entity import build_entity_brief

    if sum(x is not None for x in (article_id, dyad, entity)) != 1:
        err_console.print("[red]error[/red] give one of ARTICLE_ID, --dyad A B or --entity NAME")
        raise typer.Exit(2)
    store = _store()
    try:
        if dyad is not None:
            made = build_dyad_brief(store, dyad[0], dyad[1], as_of=_parse_time(as_of))
        elif entity is not None:
            made = build_entity_brief(store, entity)
        else:
            made = build_article_brief(store, str(article_id))
    except InputError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(1) from err
    _print_brief(made, json_out=json_out, markdown=markdown)


def _print_brief(made: Brief, *, json_out: bool, markdown: bool) -> None:
    if json_out:
        print_json(render_brief_json(made))
    elif markdown:
        typer.echo(render_brief_markdown(made), nl=False)
    else:
        console.print(render_brief_rich(made))


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question, e.g. 'Who denied the arms delivery?'")],
    llm_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible API root to phrase the answer (optional).")
    ] = None,
    llm_model: Annotated[str | None, typer.Option(help="Model name for --llm-url.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Answer a question from the stored sources only, with citations (or say there is none)."""
    from newsift.brief.ask import answer_question
    from newsift.brief.llm import phrase_answer

    answer = answer_question(_store(), question)
    try:
        flags = {k: v for k, v in (("base_url", llm_url), ("model", llm_model)) if v is not None}
        settings = msgspec.structs.replace(state.settings.llm, **flags)  # [llm] of the settings file, env
        answer = phrase_answer(answer, settings)
    except ConfigError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(2) from err
    except ExtractionError as err:
        err_console.print(f"[yellow]warning[/yellow] {escape(str(err))}: extractive answer kept")
    if json_out:
        print_json(render_answer_json(answer))
        return
    console.print(render_answer_rich(answer))


AllowPrivate = Annotated[
    bool, typer.Option(help="Allow webhooks on private/loopback addresses (as ingest --allow-private).")
]


def _ingest_settings(allow_private: bool) -> IngestSettings:
    """The ingest SSRF rules from settings (allow_private, allow_hosts), the flag turning private on."""
    rules = state.settings.ingest
    return msgspec.structs.replace(rules, allow_private=True) if allow_private else rules


@watch_app.command("add")
def watch_add(
    dyad: Annotated[tuple[str, str] | None, typer.Option(help="Two actors.", show_default=False)] = None,
    actor: Annotated[str | None, typer.Option(help="An actor code or entity id.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. AID.")] = None,
    subtype: Annotated[str | None, typer.Option(help="Defence subtype, e.g. arms_transfer.")] = None,
    status: Annotated[str | None, typer.Option(help="Claim status, e.g. denied.")] = None,
    webhook: Annotated[
        str | None, typer.Option(help="POST new matches as JSON to this http(s) URL (SSRF-checked).")
    ] = None,
    allow_private: AllowPrivate = False,
    json_out: JsonFlag = False,
) -> None:
    """Save a watch; later `watch check` lists the matching facts that landed since."""
    from newsift.brief.watch import WatchFilter, add_watch

    if not any((dyad, actor, type_, subtype, status)):
        err_console.print("[red]error[/red] a watch needs at least one filter")
        raise typer.Exit(2)
    spec = WatchFilter(dyad=dyad, actor=actor, type=type_, subtype=subtype, status=status)
    try:
        watch, n = add_watch(_store(), spec, webhook=webhook, settings=_ingest_settings(allow_private))
    except InputError as err:
        err_console.print(f"[red]error[/red] webhook {escape(str(err))}")
        raise typer.Exit(2) from err
    if json_out:
        print_json({"id": watch.id, "filter": _filter_json(spec), "webhook": webhook, "n_matching": n})
        return
    console.print(f"watch {watch.id} added ({n} matching records now; only new ones will be reported)")


def _filter_json(spec: object) -> dict[str, object]:
    import msgspec

    data: dict[str, object] = msgspec.to_builtins(spec)
    return data


@watch_app.command("list")
def watch_list(json_out: JsonFlag = False) -> None:
    """Saved watches with their filters and last check."""
    from newsift.brief.watch import list_watches, render_watch_json

    watches = list_watches(_store())
    rows = [render_watch_json(w) for w in watches]
    if json_out:
        print_json(rows)
        return
    for row in rows:
        console.print(
            f"{row['id']} {escape(str(row['filter']))} [dim]checked {row['checked_at'] or 'never'}[/dim]"
            + (f" → {escape(str(row['webhook']))}" if row["webhook"] else "")
        )
    if not rows:
        console.print("no watches")


@watch_app.command("check")
def watch_check(
    watch_id: Annotated[str | None, typer.Argument(help="Only this watch (id or prefix).")] = None,
    allow_private: AllowPrivate = False,
    json_out: JsonFlag = False,
) -> None:
    """New facts matching each watch since its last check (then marked as reported; POSTed to webhooks).

    Exit code 1 when a webhook delivery failed (those facts stay unreported and are sent next time).
    """
    from newsift.brief.watch import check_watches

    reports = check_watches(_store(), watch_id, settings=_ingest_settings(allow_private))
    failed = any(r.delivery is not None and not r.delivery.is_ok for r in reports)
    if json_out:
        rows = [
            {
                "id": r.watch.id,
                "new": [render_fact_json(f) for f in r.new],
                "delivery": _delivery_json(r.delivery),
            }
            for r in reports
        ]
        print_json(rows)
        raise typer.Exit(1 if failed else 0)
    for report in reports:
        console.print(
            f"[bold]{report.watch.id}[/bold] {len(report.new)} new" + _delivery_text(report.delivery)
        )
        for fact in report.new:
            console.print(f"  {escape(fact.text)} [dim]({fact.status})[/dim]")
            for c in fact.citations[:2]:
                console.print(f"    [dim][{c.article_id[:12]}][/dim] {escape(c.sentence)}")
    raise typer.Exit(1 if failed else 0)


def _delivery_json(delivery: Delivery | None) -> dict[str, object] | None:
    if delivery is None:
        return None
    return {"url": delivery.url, "ok": delivery.is_ok, "status": delivery.status, "error": delivery.error}


def _delivery_text(delivery: Delivery | None) -> str:
    if delivery is None:
        return ""
    if delivery.is_ok:
        return f" [green]sent to {escape(delivery.url)}[/green]"
    return f" [red]webhook failed: {escape(delivery.error or '?')}[/red] (kept for the next check)"
