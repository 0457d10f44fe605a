"""A real chat-completions server on 127.0.0.1 whose replies the tests write (shared by the LLM tests),
and events and replies as a model writes them."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["ChatServer", "llm_event", "llm_reply", "serve_chat"]


def llm_event(type_: str = "AID", **fields: Any) -> dict[str, Any]:
    """One event as the model writes it (every key present, as the strict schema asks)."""
    event: dict[str, Any] = {
        "type": type_,
        "mode": None,
        "subtype": None,
        "trigger": None,
        "source": [],
        "target": [],
        "item": None,
        "quantity": None,
        "value": None,
        "programme": None,
        "place": None,
        "time_text": None,
        "year": None,
        "aspect": None,
        "status": "asserted",
    }
    event.update(fields)
    return event


def llm_reply(*events: dict[str, Any]) -> str:
    return json.dumps({"events": list(events)})


class ChatServer(ThreadingHTTPServer):
    replies: dict[str, str]  # a piece of the sentence sent → the assistant's content
    status = 200
    delay = 0.0
    refuse_schema = False
    requests: list[dict[str, Any]]
    authorizations: list[str | None]  # the Authorization header of each request


class _Handler(BaseHTTPRequestHandler):
    server: ChatServer

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path != "/v1/chat/completions":  # the root the tests configure is /v1
            self._send(404, b'{"error": {"message": "not found"}}')
            return
        self.server.requests.append(body)
        self.server.authorizations.append(self.headers.get("Authorization"))
        time.sleep(self.server.delay)
        if self.server.status != 200:
            self._send(self.server.status, b'{"error": {"message": "overloaded"}}')
            return
        if self.server.refuse_schema and "response_format" in body:
            self._send(400, b'{"error": {"message": "response_format is not supported"}}')
            return
        user = body["messages"][-1]["content"]
        content = next((r for key, r in self.server.replies.items() if key in user), llm_reply())
        choice = {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
        self._send(200, json.dumps({"id": "c1", "model": body["model"], "choices": [choice]}).encode())

    def _send(self, status: int, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client timed out and left
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_chat() -> Iterator[ChatServer]:
    """A running server (``replies``, ``status``, ``delay``, ``refuse_schema`` set by the test)."""
    server = ChatServer(("127.0.0.1", 0), _Handler)
    server.requests, server.replies, server.authorizations = [], {}, []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
