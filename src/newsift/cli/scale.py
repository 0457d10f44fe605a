"""CLI verbs for running at scale: polling sources on a schedule and the Ray pipeline."""

from __future__ import annotations

import re
from typing import Annotated

import typer
from rich.markup import escape

from newsift.cli.app import JsonFlag, _exit_code, _print_report, _store, app, state
from newsift.cli.render import console, err_console
from newsift.errors import NewsiftError

__all__ = ["parse_interval"]

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}


def parse_interval(text: str) -> float:
    """'15m' -> 900.0; bare numbers are seconds.

    Raises:
        typer.BadParameter: not a positive interval.
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not match or float(match.group(1)) <= 0:
        raise typer.BadParameter(f"not an interval like 30s, 15m or 1h: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


@app.command()
def poll(
    sources: Annotated[str, typer.Argument(help="OPML file or a list of feed/page URLs, one a line.")],
    every: Annotated[str, typer.Option(help="Time between rounds: 30s, 15m, 1h.")] = "15m",
    rounds: Annotated[int | None, typer.Option(min=1, help="Stop after N rounds (default: run on).")] = None,
    delay: Annotated[float, typer.Option(min=0, help="Seconds between requests to one host.")] = 1.0,
    allow_private: Annotated[bool, typer.Option(help="Allow private/loopback addresses.")] = False,
) -> None:
    """Fetch sources on a schedule (conditional GET, robots.txt, per-host delay) and ingest what is new."""
    import msgspec

    from newsift.pipeline.poll import PollPolicy, PollRound, poll_sources

    settings = state.settings
    if allow_private:
        ingest = msgspec.structs.replace(settings.ingest, allow_private=True)
        settings = msgspec.structs.replace(settings, ingest=ingest)

    def report(done: PollRound) -> None:
        r = done.report
        console.print(
            f"round {done.index + 1}: {done.n_sources} sources, {done.n_changed} changed, "
            f"{done.n_not_modified} not modified, {done.n_disallowed} disallowed; "
            f"{r.n_stored} articles stored" + (f", {len(r.failures)} failed" if r.failures else "")
        )
        for failure in r.failures:
            err_console.print(f"[red]error[/red] {escape(failure.item_id)}: {escape(failure.message)}")

    store = _store()
    try:
        poll_sources(
            sources,
            store,
            settings,
            every_s=parse_interval(every),
            max_rounds=rounds,
            policy=PollPolicy(delay_s=delay),
            on_round=report,
        )
    except NewsiftError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(1) from err
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        store.close()


@app.command("run-ray")
def run_ray_command(
    input_glob: Annotated[str, typer.Option("--input", help="Glob of input shards (WARC, pages, JSONL).")],
    output: Annotated[str, typer.Option(help="Folder for the Parquet output.")],
    actors: Annotated[int | None, typer.Option(min=1, help="spaCy actors (default: CPUs - 1).")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Clean and analyse shards on Ray (local or connected cluster), write Parquet, load the --db store."""
    from newsift.pipeline.distributed import run_ray

    try:
        result = run_ray(input_glob, output, state.db, settings=state.settings, actors=actors)
    except NewsiftError as err:
        err_console.print(f"[red]error[/red] {escape(str(err))}")
        raise typer.Exit(1) from err
    _print_report(result, json_out)
    raise typer.Exit(_exit_code(result))
