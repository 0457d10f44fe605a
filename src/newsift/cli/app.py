"""CLI verbs. Parsing, rendering and exit codes only; the work is done by the runner and the store.

Exit codes: 0 all good, 1 some inputs failed, 2 usage or configuration error, 3 (nearly) all failed.
"""

from __future__ import annotations

import enum
import logging
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsift import codec
from newsift.cli.render import (
    console,
    err_console,
    print_json,
    render_article,
    render_articles_table,
)
from newsift.config import EXTRACTORS, Settings, load_settings
from newsift.errors import ConfigError, NewsiftError
from newsift.model import RunReport
from newsift.store import Store, open_store
from newsift.views import render_article_json as article_json

__all__ = ["app", "main"]

_PROGRESS_COLUMNS = (
    TextColumn("{task.description}"),
    BarColumn(),
    MofNCompleteColumn(),
    TextColumn("inputs · {task.fields[stored]} articles stored · {task.fields[rate]:.1f} articles/s"),
    TimeElapsedColumn(),
)

app = typer.Typer(
    name="newsift",
    help="News pages in, source-linked knowledge out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]


# The values of ``pipeline.extractor`` (the registry's event extractors), as typer wants them.
ExtractorChoice = enum.StrEnum("ExtractorChoice", {choice.upper(): choice for choice in EXTRACTORS})  # type: ignore[misc]


ExtractorFlag = Annotated[
    ExtractorChoice | None,
    typer.Option(
        "--extractor",
        help="Event extractor: rules (offline) or llm (the llm.base_url endpoint; rules where it fails). "
        "Default: settings, rules.",
    ),
]


class _State:
    settings: Settings = Settings()
    db: str = "newsift.db"
    opened: list[Store] = []  # noqa: RUF012  (one process, one command: closed when it ends)

    def close_stores(self) -> None:
        while self.opened:
            self.opened.pop().close()


state = _State()


@app.callback()
def _main(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option(help="Store: a SQLite path or a postgresql:// URL.", envvar="NEWSIFT_DB")
    ] = None,
    config: Annotated[Path | None, typer.Option(help="Settings TOML file.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        state.settings = load_settings(config)
    except ConfigError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        raise typer.Exit(2) from err
    state.db = db or state.settings.db
    ctx.call_on_close(state.close_stores)


def _store() -> Store:
    """Open the --db store; it is closed when the command ends (closing twice is harmless)."""
    try:
        store = open_store(state.db)
    except NewsiftError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        raise typer.Exit(2) from err
    state.opened.append(store)
    return store


def _parse_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as err:
        raise typer.BadParameter(f"not an ISO 8601 time: {value!r}") from err
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or http(s) URLs.")],
    fetched_at: Annotated[
        str | None, typer.Option(help="When the inputs were fetched (ISO 8601); else file mtime.")
    ] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on private/loopback addresses.")] = False,
    no_analyze: Annotated[bool, typer.Option(help="Store clean articles only (no NLP).")] = False,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Analysis processes (default: settings, 1).")
    ] = None,
    extractor: ExtractorFlag = None,
    progress_every: Annotated[
        float,
        typer.Option(min=0, help="When stderr is not a terminal: a progress line every N seconds (0: none)."),
    ] = 5.0,
    json_out: JsonFlag = False,
) -> None:
    """Read pages (text, HTML, feeds, JSONL, WARC), split them into clean articles, analyse, store."""
    from newsift.pipeline.runner import run_ingest

    settings = state.settings
    settings = _with(settings, allow_private=allow_private, analyze=not no_analyze, workers=workers)
    if settings.pipeline.analyze:
        settings = _with_extractor(settings, extractor)
    store = _store()
    when = _parse_time(fetched_at)
    if sys.stderr.isatty() and not json_out:
        with Progress(*_PROGRESS_COLUMNS, console=err_console, transient=True) as progress:
            task = progress.add_task("ingesting", total=None, stored=0, rate=0.0)
            started = time.monotonic()

            def report_progress(done: int, total: int, stored: int) -> None:
                rate = stored / max(time.monotonic() - started, 1e-6)
                progress.update(task, completed=done, total=total, stored=stored, rate=rate)

            report = run_ingest(inputs, store, settings, fetched_at=when, on_progress=report_progress)
    elif progress_every > 0 and not sys.stderr.isatty():
        from newsift.cli.progress import ProgressLine

        with ProgressLine(sys.stderr, interval=progress_every) as line:
            report = run_ingest(inputs, store, settings, fetched_at=when, on_progress=line.update)
    else:
        report = run_ingest(inputs, store, settings, fetched_at=when)
    _print_report(report, json_out)
    if report.n_stored and not json_out:
        _print_alerts(store, settings)
    store.close()
    raise typer.Exit(_exit_code(report))


def _with(settings: Settings, *, allow_private: bool, analyze: bool, workers: int | None) -> Settings:
    import msgspec

    ingest_settings = msgspec.structs.replace(
        settings.ingest, allow_private=allow_private or settings.ingest.allow_private
    )
    pipeline = msgspec.structs.replace(
        settings.pipeline,
        analyze=analyze and settings.pipeline.analyze,
        workers=workers or settings.pipeline.workers,
    )
    return msgspec.structs.replace(settings, ingest=ingest_settings, pipeline=pipeline)


def _with_extractor(settings: Settings, extractor: ExtractorChoice | None) -> Settings:
    """Settings with ``--extractor`` applied; exits 2 when the extractor chosen cannot run."""
    import msgspec

    from newsift.pipeline.steps import check_extractor

    if extractor is not None:
        pipeline = msgspec.structs.replace(settings.pipeline, extractor=str(extractor))
        settings = msgspec.structs.replace(settings, pipeline=pipeline)
    try:
        check_extractor(settings)
    except ConfigError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        raise typer.Exit(2) from err
    return settings


def _print_report(report: RunReport, json_out: bool) -> None:
    if json_out:
        print_json(codec.to_builtins(report))
        return
    for failure in report.failures:
        err_console.print(
            f"[red]error[/red] {escape(failure.item_id)}: {escape(failure.message)}",
            soft_wrap=True,
        )
    console.print(
        f"{report.n_inputs} inputs, {report.n_articles} articles found, "
        f"{report.n_stored} stored, {report.n_unchanged} already stored"
        + (f", {len(report.failures)} failed" if report.failures else "")
        + (f", {n_rejected} rejected" if (n_rejected := _n_rejected(report)) else "")
    )
    _print_fallbacks(report)


def _n_rejected(report: RunReport) -> int:
    """Pages with no article and articles too long to analyse (not failures: the exit code stays 0)."""
    from newsift.pipeline.steps import NO_ARTICLE, TOO_LONG

    return sum(r.reason in (NO_ARTICLE, TOO_LONG) for r in report.rejected)


def _print_fallbacks(report: RunReport) -> None:
    from newsift.pipeline.steps import LLM_FALLBACK, NO_ARTICLE, NOT_ENGLISH, TOO_LONG

    for rejected in report.rejected:
        if rejected.reason in (NO_ARTICLE, TOO_LONG):
            err_console.print(
                f"[yellow]rejected[/yellow] {escape(rejected.item_id)}: {escape(rejected.detail)}",
                soft_wrap=True,
            )

    skipped = [r for r in report.rejected if r.reason == NOT_ENGLISH]
    if skipped:
        languages = sorted({r.detail.split(":")[0].removeprefix("language ") for r in skipped})
        err_console.print(
            f"{len(skipped)} article{'s' if len(skipped) > 1 else ''} not in English "
            f"({', '.join(languages)}): stored and searchable; English-only entities, quotes, events "
            "and claims skipped",
            soft_wrap=True,
        )

    fallbacks = [r for r in report.rejected if r.reason == LLM_FALLBACK]
    if fallbacks:
        err_console.print(
            f"[yellow]warning[/yellow] llm event extractor failed on {len(fallbacks)} "
            f"article{'s' if len(fallbacks) > 1 else ''}; rules events were stored for "
            f"{'them' if len(fallbacks) > 1 else 'it'} (first: {escape(fallbacks[0].detail)})",
            soft_wrap=True,
        )


def _print_alerts(store: Store, settings: Settings) -> None:
    """Watches (``watch add``) matched by new facts of this ingest: a line each; `watch check` for more.

    Webhooks are posted under the ingest rules (``--allow-private``, ``allow_hosts``); a failed delivery
    is one line, and its facts are sent again at the next check.
    """
    from newsift.brief.watch import check_watches, list_watches

    if not list_watches(store):
        return
    for found in check_watches(store, settings=settings.ingest):
        if found.new:
            console.print(
                f"[yellow]alert[/yellow] watch {found.watch.id}: {len(found.new)} new matching facts"
            )
            for fact in found.new[:5]:
                console.print(f"  {escape(fact.text)} [dim]({fact.status})[/dim]")
        if found.delivery is not None and not found.delivery.is_ok:
            console.print(
                f"[red]webhook failed[/red] watch {found.watch.id}: {escape(found.delivery.url)}: "
                f"{escape(found.delivery.error or 'no reason given')} (sent again at the next check)",
                soft_wrap=True,  # one line, however long the URL and the reason
            )


def _exit_code(report: RunReport) -> int:
    if not report.failures:
        return 0
    if report.n_inputs and len(report.failures) >= report.n_inputs and not report.n_articles:
        return 3
    return 1


@app.command()
def split(
    path: Annotated[str, typer.Argument(help="One page: file or URL.")],
    fetched_at: Annotated[str | None, typer.Option(help="Fetch time (ISO 8601).")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Pure: one page in, its clean articles out; nothing stored."""
    from newsift.pipeline.steps import split_input

    try:
        articles = split_input(path, state.settings, fetched_at=_parse_time(fetched_at))
    except NewsiftError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(1) from err
    if json_out:
        print_json([article_json(a) for a in articles])
        return
    console.print(render_articles_table(articles, title=f"{len(articles)} articles in {path}"))


@app.command()
def articles(
    limit: Annotated[int, typer.Option(help="Most rows to show.")] = 50,
    offset: Annotated[int, typer.Option(help="Rows to skip.")] = 0,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet id.")] = None,
    language: Annotated[
        str | None, typer.Option(help="Only articles in this language (ISO 639-1 code: en, fr, tr...).")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """List stored articles, newest first."""
    store = _store()
    rows = store.query_articles(limit=limit, offset=offset, outlet=outlet, language=language)
    total = store.count_articles()
    if json_out:
        print_json([article_json(a) for a in rows])
        return
    console.print(render_articles_table(rows, title=f"Articles ({len(rows)} of {total})"))


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
    entities: Annotated[bool, typer.Option("--entities", help="Mark entity mentions in the text.")] = False,
    quotes: Annotated[bool, typer.Option("--quotes", help="Mark quotes, with their speakers.")] = False,
    related: Annotated[bool, typer.Option("--related", help="List related articles with reasons.")] = False,
    json_out: JsonFlag = False,
) -> None:
    """One clean article with its metadata and what was removed from the page."""
    from newsift.cli.render import render_marked
    from newsift.pipeline.relink import load_related
    from newsift.views import render_quote_json, render_related_json

    store = _store()
    article = store.get_article(article_id)
    if article is None:
        err_console.print(f"[red]error[/red] no article with id {escape(article_id)}")
        raise typer.Exit(1)
    mentions = store.query_mentions(article.id) if entities or json_out else []
    found_quotes = store.query_quotes(article_id=article.id) if quotes or json_out else []
    neighbours = load_related(store, article.id) if related or json_out else []
    titles = {r.related_id: (store.get_article(r.related_id) or article).title for r in neighbours}
    if json_out:
        names = {m.entity_id: m.text for m in mentions if m.entity_id}
        data = article_json(article)
        data["mentions"] = [codec.to_builtins(m) for m in mentions]
        data["quotes"] = [render_quote_json(q, names) for q in found_quotes]
        data["related"] = [render_related_json(r, titles.get(r.related_id)) for r in neighbours]
        print_json(data)
        return
    if entities or quotes:
        render_marked(article, mentions, found_quotes)
    else:
        render_article(article)
    if related:
        console.print("\n[bold]Related articles[/bold]")
        for r in neighbours:
            reasons = ", ".join(str(x) for x in r.reasons)
            console.print(f"  {r.related_id[:12]} [dim]{reasons}[/dim] {escape(titles[r.related_id])}")
        if not neighbours:
            console.print("  none")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (title and body).")],
    limit: Annotated[int, typer.Option(help="Most hits.")] = 20,
    json_out: JsonFlag = False,
) -> None:
    """Full-text search over stored articles."""
    hits = _store().search(query, limit=limit)
    if json_out:
        print_json(
            [
                {
                    "id": h.article.id,
                    "title": h.article.title,
                    "outlet": h.article.outlet,
                    "snippet": h.snippet,
                    "rank": h.rank,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        console.print(f"no match for {escape(query)!r}")
        return
    for hit in hits:
        console.print(
            f"[bold]{hit.article.id[:12]}[/bold] {escape(hit.article.title)} "
            f"[dim]({escape(hit.article.outlet or '-')})[/dim]\n    {escape(hit.snippet)}"
        )


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the `newsift` script."""
    try:
        return app(args=argv, standalone_mode=True)
    except NewsiftError as err:
        err_console.print(f"[red]error[/red]: {escape(str(err))}")
        sys.exit(2)
