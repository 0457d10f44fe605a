"""Exports analysts load into their own tools, one writer per format, all over the same store queries.

Formats: ``jsonl`` (every record, comments included), ``plover`` and ``sipri`` (events), ``csv`` and
``parquet`` (one file per table of ``exports.tables``), ``graphml`` and ``gexf`` (the entity graph).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TextIO

from newsift.errors import InputError
from newsift.exports.files import write_csv_table, write_parquet_table
from newsift.exports.graph import build_entity_graph, write_gexf, write_graphml
from newsift.exports.records import SIPRI_COLUMNS, export_jsonl, export_plover, export_sipri
from newsift.exports.tables import TABLES, query_table
from newsift.store import Store

__all__ = [
    "EXPORT_FORMATS",
    "SIPRI_COLUMNS",
    "TABLES",
    "ExportFormat",
    "export_jsonl",
    "export_plover",
    "export_sipri",
    "run_export",
]

Writer = Callable[[Store, IO[Any], str | None], int]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """A format: its writer (store, binary stream, table or None → records written) and its file name."""

    name: str
    file_name: str  # in --out DIR; "{table}" is replaced for per-table formats
    write: Writer
    is_per_table: bool = False


def _text(write: Callable[[Store, TextIO], int]) -> Writer:
    def binary(store: Store, out: IO[Any], _table: str | None) -> int:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        try:
            return write(store, text)
        finally:
            text.detach()  # leave the caller's stream open

    return binary


def _csv(store: Store, out: IO[Any], table: str | None) -> int:
    return _text(lambda s, text: write_csv_table(str(table), query_table(s, str(table)), text))(
        store, out, table
    )


def _parquet(store: Store, out: IO[Any], table: str | None) -> int:
    return write_parquet_table(str(table), query_table(store, str(table)), out)


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("jsonl", "records.jsonl", _text(export_jsonl)),
        ExportFormat("plover", "events.plover.jsonl", _text(export_plover)),
        ExportFormat("sipri", "arms.sipri.csv", _text(export_sipri)),
        ExportFormat("csv", "{table}.csv", _csv, is_per_table=True),
        ExportFormat("parquet", "{table}.parquet", _parquet, is_per_table=True),
        ExportFormat(
            "graphml", "entities.graphml", lambda s, out, _t: write_graphml(build_entity_graph(s), out)
        ),
        ExportFormat("gexf", "entities.gexf", lambda s, out, _t: write_gexf(build_entity_graph(s), out)),
    )
}


def run_export(
    store: Store, name: str, *, stream: IO[bytes], out_dir: Path | None = None, table: str | None = None
) -> list[tuple[str, int]]:
    """Write one format: to ``out_dir`` (one file per table, or one file) or else to ``stream``.

    A per-table format needs ``out_dir`` or ``table``. Returns (file name or "-", records written).

    Raises:
        InputError: unknown format or table, or a per-table format with neither a table nor a folder.
        ConfigError: the format needs a package that is not installed (pyarrow for parquet).
    """
    fmt = EXPORT_FORMATS.get(name)
    if fmt is None:
        raise InputError(name, f"unknown export format; choose one of {', '.join(EXPORT_FORMATS)}")
    if table is not None and (not fmt.is_per_table or table not in TABLES):
        allowed = ", ".join(TABLES) if fmt.is_per_table else "none (it writes one file)"
        raise InputError(table, f"not a table of the {name} export; tables: {allowed}")
    if fmt.is_per_table and table is None and out_dir is None:
        raise InputError(name, f"give --out DIR (one file per table) or --table ({', '.join(TABLES)})")
    tables = [table] if table else list(TABLES) if fmt.is_per_table else [None]
    if out_dir is None:
        return [("-", fmt.write(store, stream, tables[0]))]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for each in tables:
        path = out_dir / fmt.file_name.format(table=each)
        with path.open("wb") as out:
            written.append((path.name, fmt.write(store, out, each)))
    return written
