"""Watch webhooks against a real HTTP server on 127.0.0.1: SSRF rules, payload, retry after a failure."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from tests.brief.test_watch_cli import NEW, _run, _store_denial

from newsift.brief.watch import WatchFilter, add_watch, check_watches, list_watches
from newsift.brief.webhook import post_webhook
from newsift.config import IngestSettings
from newsift.errors import InputError
from newsift.store import SqliteStore

EXAMPLES = Path(__file__).parents[2] / "examples"


class _Hook:
    """A real server recording each POSTed JSON body; ``status`` is what it answers next."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.status = 204
        self.location: str | None = None
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                hook.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(hook.status)
                if hook.location:
                    self.send_header("location", hook.location)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.host = f"127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def hook() -> Iterator[_Hook]:
    server = _Hook()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()
    thread.join(timeout=5)


def test_webhook_private_address_refused_without_an_allow_setting(hook: _Hook, db: str) -> None:
    with pytest.raises(InputError, match="non-public address"):
        add_watch(SqliteStore(db), WatchFilter(status="denied"), webhook=hook.url)
    with pytest.raises(InputError, match="scheme"):
        add_watch(SqliteStore(db), WatchFilter(status="denied"), webhook="file:///etc/passwd")
    assert post_webhook(hook.url, {"x": 1}).error is not None and hook.bodies == []


def test_webhook_check_posts_new_matches_as_json(hook: _Hook, db: str) -> None:
    allowed = IngestSettings(allow_hosts=(hook.host,))
    store = SqliteStore(db)
    watch, _ = add_watch(store, WatchFilter(dyad=("TUR", "PAK"), status="denied"), webhook=hook.url,
                         settings=allowed)  # fmt: skip
    assert list_watches(store)[0].webhook == hook.url
    assert check_watches(store, settings=allowed)[0].delivery is None  # nothing new: nothing sent
    store.close()
    _store_denial(db)
    store = SqliteStore(db)
    (report,) = check_watches(store, settings=allowed)
    assert report.delivery is not None and report.delivery.is_ok
    (body,) = hook.bodies
    assert body["watch"]["id"] == watch.id and body["watch"]["filter"]["status"] == "denied"
    assert [f["citations"][0]["sentence"] for f in body["new"]] == [NEW]


def test_webhook_failed_delivery_is_sent_again_at_the_next_check(hook: _Hook, db: str) -> None:
    allowed = IngestSettings(allow_private=True)
    store = SqliteStore(db)
    add_watch(store, WatchFilter(status="denied"), webhook=hook.url, settings=allowed)
    _store_denial(db)
    hook.status = 500
    (failed,) = check_watches(store, settings=allowed)
    assert failed.delivery is not None and failed.delivery.error == "HTTP 500"
    hook.status = 200
    (retried,) = check_watches(store, settings=allowed)
    assert retried.delivery is not None and retried.delivery.is_ok and len(retried.new) == len(failed.new)
    assert check_watches(store, settings=allowed)[0].new == ()
    assert len(hook.bodies) == 2


def test_webhook_cli_add_and_check_with_allow_private(hook: _Hook, db: str) -> None:
    code, _ = _run("--db", db, "watch", "add", "--actor", "TUR", "--status", "denied", "--webhook", hook.url)
    assert code == 2  # loopback refused by default
    code, out = _run("--db", db, "watch", "add", "--actor", "TUR", "--status", "denied",
                     "--webhook", hook.url, "--allow-private", "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["webhook"] == hook.url
    _store_denial(db)
    code, out = _run("--db", db, "watch", "check", "--allow-private", "--json")
    (report,) = json.loads(out)
    assert code == 0 and report["delivery"]["ok"] and hook.bodies[0]["new"][0]["status"] == "denied"


def test_webhook_connects_to_the_address_it_checked(hook: _Hook) -> None:
    """``hook.example`` exists only in the fake DNS: reaching the server proves the pinned connect."""
    port = hook.host.rsplit(":", 1)[1]
    lookups: list[str] = []

    def resolver(host: str, _: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    delivery = post_webhook(f"http://hook.example:{port}/hook", {"x": 1}, allow_hosts={"hook.example"},
                            resolver=resolver)  # fmt: skip
    assert delivery.is_ok, delivery
    assert hook.bodies == [{"x": 1}] and lookups == ["hook.example"]


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1"])
def test_webhook_name_resolving_to_a_private_address_is_refused(hook: _Hook, address: str) -> None:
    port = hook.host.rsplit(":", 1)[1]
    delivery = post_webhook(f"http://hook.example:{port}/hook", {"x": 1}, resolver=lambda host, _: [address])
    assert not delivery.is_ok and delivery.error is not None and "non-public address" in delivery.error
    assert hook.bodies == []


def test_webhook_redirect_into_a_private_address_is_not_followed(hook: _Hook) -> None:
    inner = _Hook()
    thread = threading.Thread(target=inner.server.serve_forever, daemon=True)
    thread.start()
    try:
        hook.status, hook.location = 307, inner.url.replace("127.0.0.1", "localhost")
        delivery = post_webhook(hook.url, {"x": 1}, allow_hosts={hook.host})
    finally:
        inner.server.shutdown()
        inner.server.server_close()
        thread.join(timeout=5)
    assert not delivery.is_ok and delivery.status == 307
    assert hook.bodies == [{"x": 1}] and inner.bodies == []


def test_webhook_ignores_proxy_settings_from_the_environment(
    hook: _Hook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proxy would resolve the name itself, after the check: it is never used."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert post_webhook(hook.url, {"x": 1}, allow_private=True).is_ok
    assert hook.bodies == [{"x": 1}]


@pytest.mark.model
@pytest.mark.parametrize(
    ("flags", "status", "reason"),
    [(["--allow-private"], 500, "HTTP 500"), ([], 204, "non-public address")],
    ids=["answers-500", "private-refused"],
)
def test_webhook_cli_ingest_prints_each_failed_delivery(
    hook: _Hook, tmp_path: Path, flags: list[str], status: int, reason: str
) -> None:
    """The ingest's own rules (``--allow-private``) govern the alerts' webhooks."""
    db = str(tmp_path / "w.db")
    code, _ = _run("--db", db, "watch", "add", "--actor", "FRA", "--webhook", hook.url, "--allow-private")
    assert code == 0
    hook.status = status
    code, out = _run("--db", db, "ingest", str(EXAMPLES), *flags)
    failed = [line for line in out.splitlines() if "webhook failed" in line]
    assert code == 0 and len(failed) == 1 and reason in failed[0], out
    assert len(hook.bodies) == (1 if flags else 0)
