"""Reading WARC archives (plain or per-record gzip): HTML response records become RawDocuments.

Streams record by record with bounded memory; a bad, truncated or oversized record becomes a Failure
naming the archive and the record's byte offset, and reading resumes at the next record. No line is
read past 1 MiB, so a gzip member inflating to gigabytes behind a short Content-Length costs one
bounded line; a Content-Length that is too short, or long enough to swallow the next records, is
reported as misframed (and the swallowed records are read).
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.utils import BUFF_SIZE

from newsift.errors import InputError
from newsift.ingest.files import open_regular, printable_name
from newsift.ingest.sniff import detect_content_type
from newsift.model import ContentType, Failure, RawDocument

__all__ = ["DEFAULT_MAX_RECORD_BYTES", "is_warc_path", "iter_warc_documents", "split_warc"]

logger = logging.getLogger(__name__)

DEFAULT_MAX_RECORD_BYTES = 20 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_CHUNK = 1 << 20
_RECORD_TYPES = {"response", "resource"}
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_READ_ERRORS = (
    ArchiveLoadFailed,
    EOFError,
    zlib.error,
    OSError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,  # warcio on a response record without WARC-Target-URI
)


class _RecordError(Exception):
    """One record is unusable; the reader reports it and goes on with the next."""


class _FramingError(ValueError):
    """The archive's framing is broken at this record (its Content-Length is wrong, a line never ends)."""


_MAX_LINE = 1 << 20  # a WARC or HTTP header line; nothing legitimate comes near it
_MAX_HEADERS = 4 << 20  # all header lines of one record (WARC and HTTP) together
_MAX_PADDING = 1 << 16  # blank lines between two records
_PAST_LENGTH = "data past the record's Content-Length (misframed record)"


class _BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]  # warcio is untyped
    """warcio's reader with every line bounded, and a gzip member that breaks midway raised, not printed.

    warcio reads a line until it ends, so a gzip member inflating to gigabytes without a newline
    (a bomb behind a short Content-Length) would be held whole; here no line passes ``_MAX_LINE``,
    and the header lines of one record share the budget ``header_budget`` while it is set.
    """

    header_budget: int | None = None

    def readline(self, length: int | None = None) -> bytes:
        limit = _MAX_LINE + 1 if length is None else min(length, _MAX_LINE + 1)
        line = bytearray()
        while len(line) < limit:
            self._fillbuff()
            if self.empty():
                break
            part = self.buff.readline(limit - len(line))
            line += part
            if part.endswith(b"\n"):
                break
        if len(line) > _MAX_LINE:
            raise _FramingError(f"a line of over {_MAX_LINE} bytes (no record framing)")
        if self.header_budget is not None:
            self.header_budget -= len(line)
            if self.header_budget < 0:
                raise _FramingError(f"record headers over {_MAX_HEADERS} bytes")
        return bytes(line)

    def _decompress(self, data: bytes) -> bytes:
        if self.decompressor is not None and data and self.num_block_read:
            return bytes(self.decompressor.decompress(data))  # a corrupt member raises zlib.error
        return bytes(super()._decompress(data))


class _BoundedArchive(ArchiveIterator):  # type: ignore[misc]  # warcio is untyped
    """warcio's record iterator over a ``_BoundedReader``, WARC only, with strict record framing."""

    def __init__(self, handle: IO[bytes]) -> None:
        super().__init__(handle)
        self.reader = _BoundedReader(self.fh, block_size=BUFF_SIZE)
        self.known_format = "warc"  # never guess ARC: junk would parse as an ARC header

    def _next_record(self, next_line: bytes | None) -> Any:
        self.reader.header_budget = _MAX_HEADERS
        try:
            return super()._next_record(next_line)
        finally:
            self.reader.header_budget = None

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """The blank lines after a record. Anything else means its Content-Length is wrong: raised
        (warcio printed it to stderr, a gigabyte of it for a bomb, and read on)."""
        empty = 0
        while True:
            try:
                line = self.reader.readline()
            except _FramingError as err:
                raise _FramingError(f"{_PAST_LENGTH}: {err}") from err
            if not line:
                return None, empty
            if line.strip():
                if empty or line.startswith(_WARC_MAGIC):
                    return line, empty
                raise _FramingError(_PAST_LENGTH)
            empty += len(line)
            if empty > _MAX_PADDING:
                raise _FramingError(f"over {_MAX_PADDING} bytes of blank lines after the record")


def is_warc_path(path: str | Path) -> bool:
    """True when the file's first bytes (decompressed when gzip) start a WARC record."""
    try:
        with open_regular(path) as handle:  # a named pipe is refused here, never waited on
            head = handle.read(4096)
    except (InputError, OSError):
        return False
    if head.startswith(_GZIP_MAGIC[:2]):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(_WARC_MAGIC)


def split_warc(
    raw: RawDocument, *, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
) -> Iterator[RawDocument | Failure]:
    """Yield the pages of a WARC RawDocument, or the document itself when it is not a WARC."""
    if raw.content_type == ContentType.WARC:
        yield from iter_warc_documents(raw, max_record_bytes=max_record_bytes)
    else:
        yield raw


def iter_warc_documents(
    source: RawDocument | str | Path, *, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
) -> Iterator[RawDocument | Failure]:
    """Stream the HTML response records of a WARC as RawDocuments, in archive order.

    ``uri`` and ``url`` are the record's target URI, ``fetched_at`` its WARC-Date, the content type
    is sniffed from the payload (after HTTP transfer and content decoding). Records of other types,
    non-2xx responses and non-HTML payloads are skipped silently.

    Args:
        source: a WARC already read into a RawDocument, or a path (read as a stream).
        max_record_bytes: the largest record or decoded payload kept; larger ones (a gzip bomb
            included) become Failures without being decompressed past the limit.

    Yields:
        A RawDocument per HTML page, or a Failure (stage ``ingest``) naming the archive and the
        byte offset of a bad, truncated or oversized record, which is then skipped.

    Raises:
        InputError: the path cannot be opened.
    """
    name, handle = _open(source)
    with handle:
        size = handle.seek(0, io.SEEK_END)
        start: int | None = 0
        reported = False
        while start is not None and start < size:
            reader = _Segment(handle, name, start, max_record_bytes)
            yield from reader.read()
            if reader.error is None:
                break
            if reader.n_records or not reported:
                yield _failure(name, reader.error_offset, reader.error)
            reported = True
            start = _resync(handle, reader.error_offset + 1, size)


class _Segment:
    """Reads records from ``start`` until the end of the archive or the first unreadable part."""

    def __init__(self, handle: IO[bytes], name: str, start: int, max_record_bytes: int) -> None:
        self.handle = handle
        self.name = name
        self.start = start
        self.max_record_bytes = max_record_bytes
        self.n_records = 0
        self.error: str | None = None
        self.error_offset = start

    def read(self) -> Iterator[RawDocument | Failure]:
        self.handle.seek(self.start)
        compressed = self.handle.read(2) == _GZIP_MAGIC[:2]
        self.handle.seek(self.start)
        archive = _BoundedArchive(self.handle)
        try:
            yield from self._records(archive, compressed)
        finally:
            archive.close()

    def _records(self, archive: Any, compressed: bool) -> Iterator[RawDocument | Failure]:
        offset = self.start
        while True:
            try:
                record = next(archive, None)
            except _READ_ERRORS as err:
                self._stop(max(offset, archive.offset), _describe(err))
                return
            if record is None:
                break
            offset = archive.offset  # get_record_offset() would consume the record
            self.n_records += 1
            if compressed and (record.length or 0) > self.max_record_bytes:
                self._stop(offset, f"record larger than {self.max_record_bytes} bytes")
                return
            if not compressed and (swallowed := _swallowed_records(self.handle, archive, record)):
                self._stop(offset, _swallowed_message(record.length, swallowed))
                return
            try:
                yield from self._convert(record, offset)
            except _READ_ERRORS as err:
                self._stop(offset, _describe(err))
                return
        if not _only_padding(self.handle, archive.offset):
            self._stop(archive.offset, "truncated or unreadable data")

    def _stop(self, offset: int, message: str) -> None:
        self.error, self.error_offset = message, offset

    def _convert(self, record: Any, offset: int) -> Iterator[RawDocument | Failure]:
        try:
            document = _document(record, self.max_record_bytes)
        except _RecordError as err:
            logger.warning("%s: record at offset %d skipped: %s", self.name, offset, err)
            yield _failure(self.name, offset, str(err))
            return
        if document is not None:
            yield document


def _document(record: Any, max_bytes: int) -> RawDocument | None:
    if record.rec_type not in _RECORD_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if not uri:
        raise _RecordError(f"{record.rec_type} record without WARC-Target-URI")
    declared = _declared_type(record)
    if declared is None:
        return None
    if record.length is not None and record.length > max_bytes:
        raise _RecordError(f"{uri}: record larger than {max_bytes} bytes")
    body = _read_bounded(record, uri, max_bytes)
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise _RecordError(f"{uri}: truncated record ({record.raw_stream.limit} bytes missing)")
    sniffed = detect_content_type(body, uri)
    if sniffed != ContentType.HTML and not declared.startswith(_HTML_TYPES):
        return None
    return RawDocument(
        uri=uri,
        url=uri,
        content=body,
        content_type=sniffed,
        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date"), uri),
        encoding=_charset(declared),
    )


def _declared_type(record: Any) -> str | None:
    """The payload's declared media type, or None when the record is not a usable page."""
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        declared = record.http_headers.get_header("Content-Type") or ""
    else:
        declared = record.rec_headers.get_header("Content-Type") or ""
    declared = declared.strip().lower()
    if declared and not declared.startswith(("text/", "application/xhtml", "application/xml")):
        return None
    return declared


def _read_bounded(record: Any, uri: str, max_bytes: int) -> bytes:
    """Read the decoded payload, stopping one byte past the limit (a gzip bomb never inflates)."""
    stream = record.content_stream()
    body = bytearray()
    while len(body) <= max_bytes:
        chunk = stream.read(min(65536, max_bytes + 1 - len(body)))
        if not chunk:
            return bytes(body)
        body.extend(chunk)
    raise _RecordError(f"{uri}: payload larger than {max_bytes} bytes once decoded")


def _warc_date(value: str | None, uri: str) -> datetime:
    if not value:
        raise _RecordError(f"{uri}: record without WARC-Date")
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError as err:
        raise _RecordError(f"{uri}: invalid WARC-Date {value!r}") from err
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _only_padding(handle: IO[bytes], offset: int) -> bool:
    """True when nothing but blank lines follows ``offset`` (the normal end of an archive)."""
    handle.seek(offset)
    while chunk := handle.read(_SCAN_CHUNK):
        if chunk.strip(b"\r\n"):
            return False
    return True


def _resync(handle: IO[bytes], offset: int, size: int) -> int | None:
    """The offset of the next plausible record start (gzip member or WARC header) after ``offset``."""
    position = offset
    while position < size:
        handle.seek(position)
        chunk = handle.read(_SCAN_CHUNK + len(_WARC_MAGIC))
        hits = [i for i in (chunk.find(_GZIP_MAGIC), _line_start(chunk, _WARC_MAGIC)) if i >= 0]
        if hits:
            return position + min(hits)
        position += _SCAN_CHUNK
    return None


def _line_start(chunk: bytes, marker: bytes) -> int:
    index = chunk.find(b"\n" + marker)
    return index + 1 if index >= 0 else (0 if chunk.startswith(marker) else -1)


def _swallowed_records(handle: IO[bytes], archive: Any, record: Any) -> list[int]:
    """Offsets of record headers inside this record's block: its Content-Length runs over them.

    Only for uncompressed archives, where the block is the file's bytes; reads the block once more in
    chunks and puts the file position back for warcio.
    """
    here = handle.tell()
    start = here - archive.reader.rem_length()
    end = start + max(0, getattr(record.raw_stream, "limit", 0))
    found: list[int] = []
    position = start
    try:
        while position < end and len(found) < _MAX_SWALLOWED:
            back = min(2, position - start)  # a CRLF just before this chunk still marks a line start
            handle.seek(position - back)
            within = back + min(_SCAN_CHUNK, end - position)
            chunk = handle.read(within + _HEADER_PROBE)
            found.extend(position - back + i for i in _header_starts(chunk, within))
            position += _SCAN_CHUNK
    finally:
        handle.seek(here)
    return found[:_MAX_SWALLOWED]


_MAX_SWALLOWED = 5
_HEADER_PROBE = 8192
_EMBEDDED_START = re.compile(rb"\r\nWARC/1\.[01]\r\n")


def _header_starts(chunk: bytes, within: int) -> Iterator[int]:
    """Positions in ``chunk`` (before ``within``) where a full WARC header block with a record id begins."""
    for match in _EMBEDDED_START.finditer(chunk):
        begin = match.start() + 2
        if begin >= within:
            return
        header, blank, _ = chunk[begin : begin + _HEADER_PROBE].partition(b"\r\n\r\n")
        if blank and b"\r\nwarc-record-id:" in header.lower():
            yield begin


def _swallowed_message(length: int | None, offsets: list[int]) -> str:
    where = ", ".join(str(offset) for offset in offsets)
    records = "records at offsets" if len(offsets) > 1 else "record at offset"
    return (
        f"its Content-Length ({length} bytes) runs over the {records} {where} (misframed): "
        "skipped, and reading goes on from the next record header"
    )


def _describe(err: Exception) -> str:
    if isinstance(err, _FramingError):
        return str(err)
    detail = " ".join(str(err).split())
    detail = detail if len(detail) <= 120 else detail[:120] + "…"
    return f"unreadable record: {type(err).__name__}: {detail!r}"


def _failure(name: str, offset: int, message: str) -> Failure:
    return Failure(
        item_id=f"{name}@{offset}",
        stage="ingest",
        error_type="InputError",
        message=f"WARC record at offset {offset}: {message}",
    )


def _open(source: RawDocument | str | Path) -> tuple[str, IO[bytes]]:
    if isinstance(source, RawDocument):
        return source.uri, io.BytesIO(source.content)
    return printable_name(str(source)), open_regular(source)  # closed by the caller's with-block
