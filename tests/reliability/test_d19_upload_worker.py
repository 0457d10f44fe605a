"""Issue 22, D19: an upload is analysed in a worker process at a lower priority, never in the server's
own process, so the server's reads do not wait behind analysis (bench/read_latency.py measures it)."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
from tests.web.conftest import PASSWORD, serve

from newsift.store import SqliteStore
from newsift.web.auth import create_api_token, create_user
from newsift.web.uploads import UPLOAD_NICENESS

PAGE = (
    "Harbour crane order signed\n\n"
    "The port authority of a coastal city signed an order for four electric cranes on Monday, "
    "its director said, adding that the first two would arrive next spring."
)


def test_d19_uploads_are_ingested_in_a_lower_priority_worker_process(tmp_path: Path) -> None:
    from newsift.web import create_app

    path = tmp_path / "news.db"
    store = SqliteStore(path)
    create_user(store, "alice", PASSWORD)
    token = create_api_token(store, "alice")
    store.close()
    app = create_app(str(path))
    with serve(app) as base_url, httpx.Client(base_url=base_url, timeout=120) as http:
        files = {"file": ("cranes.txt", PAGE.encode(), "text/plain")}
        response = http.post("/api/ingest", files=files, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 201, response.text
        (article_id,) = response.json()["report"]["article_ids"]
        assert http.get(f"/api/articles/{article_id}").json()["title"] == "Harbour crane order signed"
        worker = app.state.uploads.worker_pid()
        assert worker != os.getpid()
        wanted = min(19, os.getpriority(os.PRIO_PROCESS, 0) + UPLOAD_NICENESS)  # the kernel caps it at 19
        assert os.getpriority(os.PRIO_PROCESS, worker) == wanted
    assert not Path(f"/proc/{worker}").exists() or _is_zombie(worker)  # the worker ends with the server


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except OSError:
        return True
