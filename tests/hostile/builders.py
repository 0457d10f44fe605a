"""Builders for hostile inputs written by the tests themselves (issue 22): WARC records, gzip bombs.

Nothing here is read from a corpus; every page is a short text of our own.
"""

from __future__ import annotations

import io
import re
import struct
import zlib

__all__ = ["gzip_bomb_member", "misframe", "page", "warc_record"]

MB = 1 << 20


def page(title: str) -> bytes:
    """A small HTML news page of our own about ``title``."""
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>Turkey and Pakistan held talks on the {title} programme in Ankara on Monday, officials "
        "said, and agreed to meet again next month to sign the final papers.</p></article></body></html>"
    ).encode()


def warc_record(uri: str, body: bytes, *, gz: bool = True) -> bytes:
    """One WARC response record holding ``body`` as an HTML page (gzip member or plain)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2025-07-26T12:00:00Z"},
    )
    writer.write_record(record)
    return buf.getvalue()


def gzip_bomb_member(prefix: bytes, inflated_mb: int) -> bytes:
    """One valid gzip member: ``prefix`` then ``inflated_mb`` MiB of zero bytes (2.5 GB is 2.6 MB).

    Built from one full-flushed deflate block repeated, so even gigabytes take about a second.
    """
    zeros = bytes(MB)
    head = _deflate_flushed(prefix)
    block = _deflate_flushed(zeros)
    crc = zlib.crc32(prefix)
    for _ in range(inflated_mb):
        crc = zlib.crc32(zeros, crc)
    size = (len(prefix) + inflated_mb * MB) & 0xFFFFFFFF
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    return header + head + block * inflated_mb + final + struct.pack("<II", crc, size)


def _deflate_flushed(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def misframe(record: bytes, extra: int) -> bytes:
    """A plain WARC record whose Content-Length claims ``extra`` bytes more than its block holds."""
    match = re.search(rb"Content-Length: (\d+)\r\n", record)
    assert match is not None
    length = int(match.group(1)) + extra
    return record[: match.start()] + f"Content-Length: {length}\r\n".encode() + record[match.end() :]
