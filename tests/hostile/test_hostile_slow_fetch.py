"""A server that drips its answer a byte at a time (issue 22, D6): every fetch has one overall deadline.

The server is a plain socket on 127.0.0.1 sending a byte every 0.2 s, well inside any per-read timeout,
for a minute; the fetch must give up at its deadline (``fetch_timeout_s``), headers or body alike.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from newsift.errors import InputError
from newsift.ingest import HttpFetcher

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"


@pytest.fixture
def drip_server() -> Iterator[tuple[str, threading.Event]]:
    """Yields a base URL and a stop event; ``/headers`` drips its headers, anything else its body."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        with conn:
            request = conn.recv(65536)
            slow_headers = request.startswith(b"GET /headers")
            if not slow_headers:
                conn.sendall(HEADERS)
            for byte in HEADERS if slow_headers else b"<p>" + b"x" * 99_997:
                if stop.wait(0.2):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", stop
    finally:
        stop.set()
        thread.join(5)
        listener.close()


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_d6_slow_drip_server_hits_the_overall_fetch_deadline(
    drip_server: tuple[str, threading.Event], path: str
) -> None:
    base_url, _ = drip_server
    with HttpFetcher(allow_private=True, timeout_s=1.5) as fetcher:
        started = time.monotonic()
        with pytest.raises(InputError) as raised:
            fetcher.fetch(base_url + path)
        elapsed = time.monotonic() - started
    assert elapsed < 3.0  # the deadline, not the minute the server would take
    assert "no complete answer within 1.5 s" in raised.value.reason


def test_d6_deadline_is_per_fetch_not_per_fetcher(drip_server: tuple[str, threading.Event]) -> None:
    """A second fetch with the same fetcher gets its own full deadline."""
    base_url, _ = drip_server
    with HttpFetcher(allow_private=True, timeout_s=0.6) as fetcher:
        for _ in range(2):
            started = time.monotonic()
            with pytest.raises(InputError):
                fetcher.fetch(base_url + "/body")
            assert 0.5 < time.monotonic() - started < 2.0
