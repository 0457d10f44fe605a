"""What differs between the SQLite and PostgreSQL stores' SQL, in one small object: the placeholder,
the byte-order collation, upserts, reading a JSON field and what a text column can hold.

Queries are written once with ``?`` placeholders; ``Dialect.sql`` turns them into the driver's own.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["POSTGRES", "SQLITE", "Dialect"]


@dataclass(frozen=True, slots=True)
class Dialect:
    """One SQL dialect of the store: ``"sqlite"`` or ``"postgres"``."""

    name: str

    @property
    def collate(self) -> str:
        """What follows a text ORDER BY term to sort by bytes, as SQLite does by default."""
        return ' COLLATE "C"' if self.name == "postgres" else ""

    def sql(self, text: str) -> str:
        """``text`` (written with ``?`` placeholders) with the driver's placeholders."""
        return text.replace("?", "%s") if self.name == "postgres" else text

    def upsert(self, table: str, columns: tuple[str, ...], n_keys: int) -> str:
        """INSERT that replaces the row whose first ``n_keys`` columns (its primary key) match."""
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[n_keys:])
        marks = ", ".join("?" for _ in columns)
        return (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) "  # nosec B608  # names from code
            f"ON CONFLICT ({', '.join(columns[:n_keys])}) DO UPDATE SET {updates}"
        )

    def json_text(self, column: str, *path: str) -> str:
        """A field of the JSON held in ``column``, as text."""
        if self.name == "postgres":
            return f"(({column})::jsonb #>> '{{{','.join(path)}}}')"
        return f"CAST(json_extract({column}, '$.{'.'.join(path)}') AS TEXT)"

    def item(self) -> str:
        """An event's item, lower-cased: the expression of the ``events_item`` index (migration 008)."""
        if self.name == "postgres":
            return "lower((e.record::jsonb) #>> '{item}')"
        return "lower(json_extract(e.record, '$.item'))"

    def text(self, value: str | None) -> str | None:
        """A value for a text column: PostgreSQL text cannot hold NUL (the JSON record keeps it, escaped)."""
        if self.name == "postgres" and value:
            return value.replace("\x00", "")
        return value


SQLITE = Dialect("sqlite")
POSTGRES = Dialect("postgres")
