"""Hostile URLs: other schemes, private addresses and redirect chains into them, against a real server.

Private-address refusal happens before any connection (the server counts its requests) and holds for
every hop of a redirect chain.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
import typing
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType

import pytest

from newsift.errors import InputError
from newsift.ingest import HttpFetcher

HERE = Path(__file__).resolve().parent


def _load(name: str) -> ModuleType:
    key = f"newsift_tests_hostile_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        sys.modules[key] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[key])
    return sys.modules[key]


corpus = _load("make_corpus")
proc = _load("cli_process")


class _Redirector(BaseHTTPRequestHandler):
    """Serves a feed at /feed.xml and redirects /to/<n> to the n-th target of ``targets``."""

    targets: typing.ClassVar[list[str]] = []
    seen: typing.ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        if self.path == "/feed.xml":
            self._reply(200, {"Content-Type": "application/rss+xml"}, corpus.GOOD_RSS)
        elif self.path.startswith("/hop/"):  # /hop/3/<n>: three local hops, then target n
            _, _, left, n = self.path.split("/")
            nxt = f"/hop/{int(left) - 1}/{n}" if int(left) > 1 else self.targets[int(n)]
            self._reply(302, {"Location": nxt}, b"")
        else:
            self._reply(404, {}, b"not found")

    def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
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
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Redirector)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    port = httpd.server_address[1]
    _Redirector.targets = [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://127.0.0.2/",
        f"http://[::ffff:127.0.0.1]:{port}/feed.xml",
        f"http://0x7f000001:{port}/feed.xml",
        f"http://localhost:{port}/feed.xml",
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/",
        "http://[::1/",
        "/feed.xml",
    ]
    yield f"127.0.0.1:{port}"
    httpd.shutdown()
    httpd.server_close()


PRIVATE_TARGETS = ["metadata", "rfc1918", "loopback-2", "v4-mapped", "hex-ip", "localhost"]


@pytest.mark.parametrize("n", range(6), ids=PRIVATE_TARGETS)
def test_fetch_redirect_chain_into_private_address_is_refused(server: str, n: int) -> None:
    """The server itself is trusted (allow_hosts); three hops later it points somewhere private."""
    _Redirector.seen.clear()
    start = f"http://{server}/hop/3/{n}"
    with HttpFetcher(allow_hosts={server}, max_redirects=5) as fetcher, pytest.raises(InputError) as info:
        fetcher.fetch(start)
    assert info.value.source == start
    assert "redirect to" in info.value.reason and "non-public address" in info.value.reason
    assert _Redirector.seen == ["/hop/3/" + str(n), "/hop/2/" + str(n), "/hop/1/" + str(n)]


@pytest.mark.parametrize(
    ("n", "reason"), [(6, "scheme 'file'"), (7, "scheme 'gopher'"), (8, "malformed|Invalid URL")]
)
def test_fetch_redirect_to_other_scheme_or_garbage_is_refused(server: str, n: int, reason: str) -> None:
    with HttpFetcher(allow_hosts={server}) as fetcher, pytest.raises(InputError, match=reason):
        fetcher.fetch(f"http://{server}/hop/1/{n}")


def test_fetch_redirect_chain_within_the_trusted_host_is_followed(server: str) -> None:
    with HttpFetcher(allow_hosts={server}) as fetcher:
        raw = fetcher.fetch(f"http://{server}/hop/3/9")
    assert raw.url == f"http://{server}/feed.xml"
    assert b"K2 tanks" in raw.content


def test_cli_hostile_url_list_is_refused_before_connecting(server: str, tmp_path: Path) -> None:
    """Default settings: each URL gets one error line, nothing reaches the server, files are stored."""
    _Redirector.seen.clear()
    port = server.split(":")[1]
    urls = [
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/_GET",
        f"http://127.0.0.1:{port}/feed.xml",
        f"http://localhost:{port}/feed.xml",
        f"http://0x7f000001:{port}/feed.xml",
        f"http://[::ffff:127.0.0.1]:{port}/feed.xml",
        "http://169.254.169.254/latest/meta-data/",
        f"http://{server}/hop/3/0",
    ]
    good = corpus.write_good_inputs(tmp_path / "good")
    started = time.monotonic()
    run = proc.run_newsift(
        ["--db", str(tmp_path / "n.db"), "ingest", "--no-analyze", *urls, *map(str, good)], tmp_path / "run"
    )
    assert time.monotonic() - started < 30  # nothing waited on a connection to a refused address
    assert run.code == 1
    lines = run.error_lines()
    assert len(lines) == len(urls), run.stderr
    for url, line in zip(urls, lines, strict=True):
        assert url in line and ("scheme" in line or "non-public address" in line), line
    assert _Redirector.seen == []
    assert "2 stored" in run.stdout
