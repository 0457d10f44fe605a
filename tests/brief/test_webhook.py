"""Watch webhooks against a real HTTP server on 127.0.0.1: SSRF rules, payload, retry after a failure."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from tests.brief.test_watch_cli import NEW, _run, _store_denial

from newsift.brief.watch import WatchFilter, add_watch, check_watches, list_watches
from newsift.brief.webhook import post_webhook
from newsift.config import IngestSettings
from newsift.errors import InputError
from newsift.store import SqliteStore


class _Hook:
    """A real server recording each POSTed JSON body; ``status`` is what it answers next."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.status = 204
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                hook.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(hook.status)
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
