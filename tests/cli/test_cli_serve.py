"""`newsift serve --access-log --forwarded-allow-ips`: a real server process, one request, its log line."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from tests.web.conftest import _free_port


def test_cli_serve_access_log_names_the_forwarded_client(tmp_path: Path) -> None:
    port = _free_port()
    args = ["--db", str(tmp_path / "news.db"), "serve", "--port", str(port), "--access-log"]
    args += ["--forwarded-allow-ips", "127.0.0.1"]
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("newsift")), *args],
        stdout=subprocess.PIPE,  # uvicorn writes access lines to stdout
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url, deadline = f"http://127.0.0.1:{port}/healthz", time.monotonic() + 30
        while True:
            try:
                httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        response = httpx.get(url, headers={"X-Forwarded-For": "203.0.113.7"}, timeout=5)
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
    assert response.status_code == 200
    assert any(
        "203.0.113.7" in line and "GET /healthz" in line and "200" in line for line in out.splitlines()
    ), out
