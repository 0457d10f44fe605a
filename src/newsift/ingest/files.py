"""Reading inputs from disk: paths and folders (recursive) into RawDocuments, with a size cap.

Only regular files are opened, without blocking (a named pipe or a device is refused, never waited
on), and a path is named by ``printable_name`` wherever it is shown or stored.
"""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from newsift.errors import InputError
from newsift.ingest.sniff import detect_content_type
from newsift.model import RawDocument

__all__ = ["DEFAULT_MAX_BYTES", "expand_inputs", "open_regular", "printable_name", "read_file"]

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

    The document's ``uri`` is the path's ``printable_name``.

    Raises:
        InputError: missing, unreadable, not a regular file, or larger than ``max_bytes``.
    """
    name = printable_name(str(Path(path)))  # as before: the path normalised ("./a.txt" is "a.txt")
    with open_regular(path) as handle:
        stat = os.fstat(handle.fileno())
        if stat.st_size > max_bytes:
            raise InputError(name, f"too large: {stat.st_size} bytes (limit {max_bytes})")
        try:
            content = handle.read(max_bytes + 1)
        except OSError as err:
            raise InputError(name, f"cannot read: {err.strerror or err}") from err
    if len(content) > max_bytes:
        raise InputError(name, f"too large: over {max_bytes} bytes")
    when = fetched_at or datetime.fromtimestamp(stat.st_mtime, tz=UTC)
    return RawDocument(
        uri=name,
        content=content,
        content_type=detect_content_type(content, name),
        fetched_at=when,
    )


def open_regular(path: str | Path) -> BinaryIO:
    """Open a regular file for reading; anything else (a FIFO, socket or device) is refused unopened
    for reading (O_NONBLOCK: opening a named pipe never waits for a writer).

    Raises:
        InputError: missing, unreadable, or not a regular file (named by ``printable_name``).
    """
    name = printable_name(str(path))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or err}") from err
    try:
        mode = os.fstat(fd).st_mode
        if not stat_module.S_ISREG(mode):
            raise InputError(name, f"not a regular file ({_kind(mode)})")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    for test, kind in (
        (stat_module.S_ISDIR, "a folder"),
        (stat_module.S_ISFIFO, "a named pipe"),
        (stat_module.S_ISSOCK, "a socket"),
        (stat_module.S_ISCHR, "a character device"),
        (stat_module.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return kind
    return "an unknown kind of file"


def printable_name(path: str) -> str:
    """The path as it can be shown on one line and stored as UTF-8: bytes that are not UTF-8 (a file
    name from another system) as ``\\xNN``, control and other unprintable characters escaped."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    return char.encode("unicode_escape").decode("ascii")
