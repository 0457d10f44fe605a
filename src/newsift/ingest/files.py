"""Reading inputs from disk: paths and folders (recursive) into RawDocuments, with a size cap."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from newsift.errors import InputError
from newsift.ingest.sniff import detect_content_type
from newsift.model import RawDocument

__all__ = ["DEFAULT_MAX_BYTES", "expand_inputs", "read_file"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def expand_inputs(items: Iterable[str]) -> Iterator[str]:
    """Yield URLs as given and files under folders (sorted, hidden files skipped)."""
    for item in items:
        if "://" in item:
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name not in _SKIP_NAMES:
                        yield str(Path(root) / name)
        else:
            yield item


def read_file(
    path: str, *, fetched_at: datetime | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> RawDocument:
    """Read one file; fetched-at is the given time, else the file's modification time.

    Raises:
        InputError: missing, unreadable, not a regular file, or larger than ``max_bytes``.
    """
    file = Path(path)
    try:
        stat = file.stat()
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from err
    if not file.is_file():
        raise InputError(path, "not a regular file")
    if stat.st_size > max_bytes:
        raise InputError(path, f"too large: {stat.st_size} bytes (limit {max_bytes})")
    try:
        with file.open("rb") as handle:
            content = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from err
    if len(content) > max_bytes:
        raise InputError(path, f"too large: over {max_bytes} bytes")
    when = fetched_at or datetime.fromtimestamp(stat.st_mtime, tz=UTC)
    return RawDocument(
        uri=str(file),
        content=content,
        content_type=detect_content_type(content, str(file)),
        fetched_at=when,
    )
