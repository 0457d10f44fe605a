"""SSRF: URL ingest connects to the address it checked (DNS pinning), against real local servers.

The host names end in ``.test`` (reserved, RFC 2606), so the system resolver cannot answer for them: a
fetch that succeeds proves the connection went to the address our resolver returned and checked, with no
second lookup. The resolver is the only stand-in (a fake DNS); sockets, TLS and HTTP are real.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
import typing
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from newsift.errors import InputError
from newsift.ingest.fetch import HttpFetcher, PinnedTransport, vet_url

FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


class _Recorder(BaseHTTPRequestHandler):
    """Answers /feed.xml, redirects /hop/<n> down to /feed.xml; records each request's Host header."""

    hosts: typing.ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hosts.append(self.headers.get("Host", ""))
        if self.path.startswith("/hop/") and int(self.path.rsplit("/", 1)[1]) > 0:
            nxt = int(self.path.rsplit("/", 1)[1]) - 1
            self._reply(302, {"Location": f"/hop/{nxt}" if nxt else "/feed.xml"}, b"")
        else:
            self._reply(200, {"Content-Type": "application/rss+xml"}, FEED)

    def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


class _Dns:
    """A fake DNS: fixed answers per host, and a log of every question."""

    def __init__(self, answers: dict[str, Sequence[str]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> Sequence[str]:
        self.asked.append(host)
        if host not in self.answers:
            raise OSError(f"NXDOMAIN {host}")
        return self.answers[host]


def _start(httpd: ThreadingHTTPServer) -> Iterator[int]:
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def port() -> Iterator[int]:
    _Recorder.hosts = []
    yield from _start(ThreadingHTTPServer(("127.0.0.1", 0), _Recorder))


def test_security_fetch_connects_to_the_checked_address(port: int) -> None:
    dns = _Dns({"news.test": ["127.0.0.1"]})
    with HttpFetcher(allow_private=True, resolver=dns) as fetcher:
        raw = fetcher.fetch(f"http://news.test:{port}/feed.xml")
    assert raw.content == FEED
    assert dns.asked == ["news.test"]  # one lookup; the system resolver knows no .test name
    assert _Recorder.hosts == [f"news.test:{port}"]  # the Host header names the host, not the address


def test_security_fetch_resolves_each_redirect_hop_once(port: int) -> None:
    dns = _Dns({"news.test": ["127.0.0.1"]})
    with HttpFetcher(allow_private=True, resolver=dns) as fetcher:
        raw = fetcher.fetch(f"http://news.test:{port}/hop/3")
    assert raw.url == f"http://news.test:{port}/feed.xml"
    assert dns.asked == ["news.test"] * 4 and len(_Recorder.hosts) == 4


def test_security_fetch_refuses_a_private_answer_before_connecting(port: int) -> None:
    dns = _Dns({"news.test": ["93.184.215.14", "127.0.0.1"]})  # one private answer is enough
    with (
        HttpFetcher(resolver=dns) as fetcher,
        pytest.raises(InputError, match=r"non-public address 127\.0\.0\.1"),
    ):
        fetcher.fetch(f"http://news.test:{port}/feed.xml")
    assert _Recorder.hosts == []


def test_security_fetch_pins_idna_hosts_as_sent(port: int) -> None:
    dns = _Dns({"xn--bcher-kva.test": ["127.0.0.1"]})
    with HttpFetcher(allow_private=True, resolver=dns) as fetcher:
        fetcher.fetch(f"http://Bücher.test:{port}/feed.xml")
    assert dns.asked == ["xn--bcher-kva.test"]
    assert _Recorder.hosts == [f"xn--bcher-kva.test:{port}"]


def test_security_pinned_transport_refuses_unvetted_hosts(port: int) -> None:
    with (
        httpx.Client(transport=PinnedTransport()) as http,
        pytest.raises(httpx.ConnectError, match="not vetted"),
    ):
        http.get(f"http://127.0.0.1:{port}/feed.xml")
    assert _Recorder.hosts == []


def test_security_fetch_ignores_proxy_environment(port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy would resolve the name itself, after our check: proxy variables are not used."""
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    for proxy_port in _start(proxy):
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy_port}")
        monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{proxy_port}")
        dns = _Dns({"news.test": ["127.0.0.1"]})
        with HttpFetcher(allow_private=True, resolver=dns) as fetcher:
            fetcher.fetch(f"http://news.test:{port}/feed.xml")
    assert _Recorder.hosts == [f"news.test:{port}"]  # one request, straight to the origin


def test_security_vet_url_reports_host_port_and_addresses() -> None:
    dns = _Dns({"news.test": ["127.0.0.1", "::1", "127.0.0.1"]})
    vetted = vet_url("https://NEWS.test/a", allow_hosts={"news.test"}, resolver=dns)
    assert (vetted.host, vetted.port, vetted.addresses) == (
        "news.test",
        443,
        ("127.0.0.1", "::1", "127.0.0.1"),
    )
    with pytest.raises(InputError, match="cannot resolve host"):
        vet_url("http://gone.test/", allow_private=True, resolver=dns)


def _certificate(folder: Path, name: str) -> tuple[Path, Path]:
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return key, cert


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI not installed")
def test_security_fetch_https_checks_the_certificate_for_the_host_name(tmp_path: Path) -> None:
    """TLS to the pinned address still sends SNI for, and verifies the certificate of, the URL's host."""
    key, cert = _certificate(tmp_path, "news.test")
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    names: list[str | None] = []
    server_context.sni_callback = lambda _sock, name, _ctx: names.append(name)  # type: ignore[assignment,return-value]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    httpd.socket = server_context.wrap_socket(httpd.socket, server_side=True)
    _Recorder.hosts = []
    client_context = ssl.create_default_context(cafile=str(cert))
    dns = _Dns({"news.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
    for port in _start(httpd):
        with HttpFetcher(allow_private=True, resolver=dns, verify=client_context) as fetcher:
            assert fetcher.fetch(f"https://news.test:{port}/feed.xml").content == FEED
            with pytest.raises(InputError, match=r"certificate|hostname"):
                fetcher.fetch(f"https://other.test:{port}/feed.xml")
    assert names[:2] == ["news.test", "other.test"]
    assert _Recorder.hosts == [f"news.test:{port}"]
