from __future__ import annotations

import threading
import typing
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsift.errors import InputError
from newsift.ingest import (
    HttpFetcher,
    check_url,
    decode_text,
    detect_content_type,
    expand_inputs,
    read_file,
)
from newsift.model import ContentType


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", ContentType.HTML),
        (b"  <html lang='en'><p>x</p>", ContentType.HTML),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', ContentType.FEED),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', ContentType.FEED),
        (b'{"title": "a", "text": "b"}\n{"title": "c"}', ContentType.JSONL),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", ContentType.WARC),
        (b"Plain title\nSome body text.", ContentType.TEXT),
    ],
    ids=["html-doctype", "html-tag", "rss", "atom", "jsonl", "warc", "text"],
)
def test_sniff_detects_format_from_content(content: bytes, expected: ContentType) -> None:
    assert detect_content_type(content, "input.txt") == expected


def test_sniff_ignores_misleading_extension() -> None:
    assert detect_content_type(b"<html><body>x</body></html>", "page.json") == ContentType.HTML


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Türkiye’s defence — exports".encode(), "Türkiye’s defence — exports"),
        ("Café déjà vu, naïve".encode("latin-1"), "Café déjà vu, naïve"),
        ("“Quoted” – text".encode("cp1252"), "“Quoted” – text"),
        ("Ankara and Islamabad".encode("utf-16-le"), "Ankara and Islamabad"),
        (b"\xef\xbb\xbfBOM text", "BOM text"),
        ("a\u202eb\u200fc".encode(), "abc"),
    ],
    ids=["utf8", "latin1", "cp1252", "utf16-no-bom", "utf8-bom", "bidi-controls"],
)
def test_sniff_decodes_text_encodings(content: bytes, expected: str) -> None:
    assert decode_text(content, "x.txt") == expected


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"  \n\t ", "empty"), (bytes(range(256)) * 8, "binary")],
    ids=["empty", "whitespace", "binary"],
)
def test_sniff_rejects_unreadable_input(content: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        decode_text(content, "bad.bin")
    assert info.value.source == "bad.bin"


def test_files_expand_folders_recursively_and_skip_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden").write_text("h")
    found = list(expand_inputs([str(tmp_path), "https://example.org/x"]))
    assert found == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "sub" / "b.txt"),
        "https://example.org/x",
    ]


def test_files_read_uses_mtime_when_no_fetch_time(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("Title\nBody")
    raw = read_file(str(path))
    assert raw.fetched_at.tzinfo is not None
    assert abs(raw.fetched_at.timestamp() - path.stat().st_mtime) < 1
    given = datetime(2025, 7, 26, 12, tzinfo=UTC)
    assert read_file(str(path), fetched_at=given).fetched_at == given


def test_files_refuse_oversized_input(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(InputError, match="too large"):
        read_file(str(path), max_bytes=1024)


def test_files_missing_path_names_the_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read") as info:
        read_file(str(tmp_path / "nope.txt"))
    assert "nope.txt" in str(info.value)


class _Handler(BaseHTTPRequestHandler):
    routes: typing.ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.routes = {
        "/page.html": (
            200,
            {"Content-Type": "text/html"},
            b"<html><body><p>Hello</p></body></html>",
        ),
        "/hop": (302, {"Location": "/page.html"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/big": (200, {}, b"x" * 5000),
    }
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_fetch_follows_checked_redirects(server: str) -> None:
    with HttpFetcher(allow_private=True) as fetcher:
        raw = fetcher.fetch(server + "/hop")
    assert raw.url == server + "/page.html"
    assert raw.content_type == ContentType.HTML
    assert b"Hello" in raw.content


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/loop", "too many redirects"),
        ("/to-file", "scheme"),
        ("/missing", "HTTP 404"),
        ("/big", "larger"),
    ],
    ids=["loop", "redirect-to-file", "404", "too-large"],
)
def test_fetch_refuses_bad_responses(server: str, path: str, reason: str) -> None:
    with (
        HttpFetcher(allow_private=True, max_bytes=1000, max_redirects=3) as fetcher,
        pytest.raises(InputError, match=reason) as info,
    ):
        fetcher.fetch(server + path)
    assert path in info.value.source


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost:8000/",
        "http://[::1]/",
    ],
    ids=["loopback", "metadata", "localhost", "ipv6-loopback"],
)
def test_fetch_refuses_private_addresses_by_default(url: str) -> None:
    with pytest.raises(InputError, match="non-public"):
        check_url(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://example.org/", "ftp://example.org/x"])
def test_fetch_refuses_other_schemes(url: str) -> None:
    with pytest.raises(InputError, match="scheme"):
        check_url(url, allow_private=True)
