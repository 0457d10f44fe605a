"""WARC reading: small archives written here with warcio's writer from pages we write ourselves."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsift.errors import InputError
from newsift.ingest.files import read_file
from newsift.ingest.warc import is_warc_path, iter_warc_documents, split_warc
from newsift.model import ContentType, Failure, RawDocument

WHEN = datetime(2025, 7, 26, 12, tzinfo=UTC)


def _html(title: str) -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>Turkey and Pakistan held talks on the {title} programme in Ankara.</p></article>"
        "</body></html>"
    ).encode()


@dataclass
class _Rec:
    uri: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    kind: str = "response"
    extra: tuple[tuple[str, str], ...] = ()
    date: str = "2025-07-26T12:00:00Z"


def _warc(records: list[_Rec], *, gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "newsift-tests"}))
    for rec in records:
        http = None
        if rec.kind == "response":
            headers = [("Content-Type", rec.content_type), *rec.extra]
            http = StatusAndHeaders(rec.status, headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            rec.uri,
            rec.kind,
            payload=io.BytesIO(rec.body),
            length=len(rec.body),
            http_headers=http,
            warc_content_type=rec.content_type if rec.kind == "resource" else "",
            warc_headers_dict={"WARC-Date": rec.date},
        )
        writer.write_record(record)
    return buf.getvalue()


def _raw(content: bytes, uri: str = "crawl.warc.gz") -> RawDocument:
    return RawDocument(uri=uri, content=content, content_type=ContentType.WARC, fetched_at=WHEN)


def _read(content: bytes, max_record_bytes: int = 1_000_000) -> list[RawDocument | Failure]:
    return list(iter_warc_documents(_raw(content), max_record_bytes=max_record_bytes))


def _uris(items: list[RawDocument | Failure]) -> list[str]:
    return [i.uri for i in items if isinstance(i, RawDocument)]


def _failures(items: list[RawDocument | Failure]) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


def _offsets(data: bytes, *, gz: bool) -> list[int]:
    """Start of every record after the warcinfo one, found independently of the reader."""
    marker = b"\x1f\x8b\x08" if gz else b"WARC/1.0\r\n"
    found, at = [], data.find(marker, 1)
    while at >= 0:
        found.append(at)
        at = data.find(marker, at + 1)
    return found


PAGES = [_Rec("https://news.example/a", _html("drone")), _Rec("https://news.example/b", _html("jet"))]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip-members"])
def test_warc_yields_html_responses_as_documents(gz: bool) -> None:
    items = _read(_warc(PAGES, gz=gz))
    assert _uris(items) == ["https://news.example/a", "https://news.example/b"]
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.content == _html("drone")
    assert first.content_type == ContentType.HTML
    assert first.url == "https://news.example/a"
    assert first.fetched_at == WHEN
    assert first.encoding == "utf-8"


def test_warc_skips_records_that_are_not_html_pages() -> None:
    records = [
        _Rec("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
        _Rec("https://news.example/gone", _html("gone"), status="404 Not Found"),
        _Rec("https://news.example/moved", b"", status="301 Moved Permanently"),
        _Rec("https://news.example/req", b"GET / HTTP/1.1\r\n\r\n", "", kind="request"),
        _Rec("https://news.example/page", _html("kept")),
        _Rec("https://news.example/res", _html("resource"), "text/html", kind="resource"),
    ]
    items = _read(_warc(records, gz=True))
    assert _uris(items) == ["https://news.example/page", "https://news.example/res"]
    assert _failures(items) == []


def test_warc_reads_content_encoded_payloads() -> None:
    record = _Rec(
        "https://news.example/z", gzip.compress(_html("zipped")), extra=(("Content-Encoding", "gzip"),)
    )
    (item,) = _read(_warc([record], gz=False))
    assert isinstance(item, RawDocument)
    assert item.content == _html("zipped")


def test_warc_gzip_bomb_payload_is_bounded_and_reported() -> None:
    bomb = gzip.compress(b"<html><body>" + b"A" * 5_000_000 + b"</body></html>")
    records = [
        PAGES[0],
        _Rec("https://news.example/bomb", bomb, extra=(("Content-Encoding", "gzip"),)),
        PAGES[1],
    ]
    data = _warc(records, gz=True)
    items = _read(data, max_record_bytes=100_000)
    assert _uris(items) == ["https://news.example/a", "https://news.example/b"]
    (failure,) = _failures(items)
    offset = _offsets(data, gz=True)[1]
    assert failure.item_id == f"crawl.warc.gz@{offset}"
    assert "payload larger than 100000 bytes" in failure.message
    assert "news.example/bomb" in failure.message


def test_warc_oversized_compressed_record_is_skipped_without_inflating() -> None:
    huge = _Rec("https://news.example/huge", b"<html><body>" + b" " * 3_000_000 + b"</body></html>")
    data = _warc([PAGES[0], huge, PAGES[1]], gz=True)
    items = _read(data, max_record_bytes=100_000)
    assert _uris(items) == ["https://news.example/a", "https://news.example/b"]
    (failure,) = _failures(items)
    assert failure.item_id.endswith(f"@{_offsets(data, gz=True)[1]}")
    assert "record larger than 100000 bytes" in failure.message


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip-members"])
def test_warc_truncated_archive_reports_the_last_record(gz: bool) -> None:
    data = _warc(PAGES, gz=gz)
    items = _read(data[:-40])
    assert _uris(items) == ["https://news.example/a"]
    (failure,) = _failures(items)
    assert failure.item_id == f"crawl.warc.gz@{_offsets(data, gz=gz)[1]}"
    assert failure.stage == "ingest"
    assert "truncated" in failure.message


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip-members"])
def test_warc_bad_record_is_reported_and_reading_resumes(gz: bool) -> None:
    pages = [*PAGES, _Rec("https://news.example/c", _html("tank"))]
    data = _warc(pages, gz=gz)
    bad = _offsets(data, gz=gz)[1]
    corrupt = (
        data[:bad] + b"\x1f\x8b\x08" + b"\x00" * 40 + data[bad + 43 :]
        if gz
        else (data[:bad] + b"GARBAGE!" + data[bad + 8 :])
    )
    items = _read(corrupt)
    assert _uris(items) == ["https://news.example/a", "https://news.example/c"]
    (failure,) = _failures(items)
    assert failure.item_id == f"crawl.warc.gz@{bad}"
    assert "unreadable record" in failure.message


def test_warc_leading_junk_is_reported_then_records_read() -> None:
    items = _read(b"garbage before the archive starts here, honestly\n" + _warc(PAGES, gz=False))
    assert _uris(items) == ["https://news.example/a", "https://news.example/b"]
    assert [f.item_id for f in _failures(items)] == ["crawl.warc.gz@0"]


def test_warc_invalid_date_fails_only_that_record() -> None:
    records = [_Rec("https://news.example/d", _html("dated"), date="yesterday"), PAGES[1]]
    items = _read(_warc(records, gz=True))
    assert _uris(items) == ["https://news.example/b"]
    assert "invalid WARC-Date" in _failures(items)[0].message


def test_warc_reads_from_a_path_and_sniffs_it(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(PAGES, gz=True))
    page = tmp_path / "page.html"
    page.write_bytes(_html("x"))
    assert is_warc_path(path)
    assert not is_warc_path(page)
    assert not is_warc_path(tmp_path / "missing.warc")
    assert _uris(list(iter_warc_documents(path))) == ["https://news.example/a", "https://news.example/b"]
    raw = read_file(str(path))
    assert raw.content_type == ContentType.WARC
    assert len(_uris(list(split_warc(raw)))) == 2


def test_warc_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        list(iter_warc_documents(tmp_path / "absent.warc.gz"))


def test_warc_split_passes_other_documents_through() -> None:
    raw = RawDocument(uri="p.html", content=_html("p"), content_type=ContentType.HTML, fetched_at=WHEN)
    assert list(split_warc(raw)) == [raw]
