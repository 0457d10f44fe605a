"""Table writers: CSV (text) and Parquet (pyarrow, optional), both over the rows of ``exports.tables``.

The same typed columns feed ``Workspace`` frames, so a table reads the same in pandas from either path.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO, Any

from newsift.errors import ConfigError
from newsift.exports.tables import TABLES, Row, Table

__all__ = ["arrow_table", "require_module", "write_csv_table", "write_parquet_table"]

_ARROW_TYPES = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_"}


def require_module(name: str, extra: str) -> Any:
    """Import an optional dependency, or fail with the install line that brings it.

    Raises:
        ConfigError: the module is not installed.
    """
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as err:
        raise ConfigError(f"{name} is not installed: pip install {name} (or 'newsift[{extra}]')") from err


def write_csv_table(table: str, rows: Sequence[Row], out: IO[str]) -> int:
    """One table as CSV with a header of its fixed columns; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=TABLES[table].names, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def arrow_table(table: Table, rows: Sequence[Row]) -> Any:
    """A ``pyarrow.Table`` with the table's typed columns (nulls kept as nulls).

    Raises:
        ConfigError: pyarrow is not installed.
    """
    pa = require_module("pyarrow", "ray")
    columns = table.columns
    schema = pa.schema([(c.name, getattr(pa, _ARROW_TYPES[c.type])()) for c in columns])
    data = {c.name: [row.get(c.name) for row in rows] for c in columns}
    return pa.table(data, schema=schema)


def write_parquet_table(table: str, rows: Sequence[Row], out: IO[bytes]) -> int:
    """One table as a Parquet file; returns the number of rows.

    Raises:
        ConfigError: pyarrow is not installed.
    """
    parquet = require_module("pyarrow.parquet", "ray")
    parquet.write_table(arrow_table(TABLES[table], rows), out)
    return len(rows)
