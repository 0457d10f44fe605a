"""Issue 22, D19: an upload is analysed in a worker process at a lower priority, never in the server's
own process, so the server's reads do not wait behind analysis (bench/read_latency.py measures it)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import anyio.to_thread
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


_LONG = (
    "The council of a river town voted on {n} proposals for a new footbridge on Wednesday evening.",
    "Its engineer said the steel deck would weigh about {n} tonnes and open to walkers next summer.",
    "A cycling group asked for a wider path, according to a letter it sent to the mayor.",
    "Shop owners on the east bank welcomed the plan but warned of {n} weeks of closed roads.",
)


def _long_page(sentences: int) -> bytes:
    """A page of our own sentences that takes the worker some seconds to analyse."""
    body = " ".join(_LONG[i % len(_LONG)].format(n=i + 3) for i in range(sentences))
    return ("Footbridge vote in a river town\n\n" + body).encode()


def _one_server_thread(app: Any) -> Any:
    """``app`` with the server's thread pool cut to one thread (where every synchronous read runs):
    an upload that held a server thread while it is analysed would hold every read behind it."""

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        anyio.to_thread.current_default_thread_limiter().total_tokens = 1
        await app(scope, receive, send)

    return asgi


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime of that process


def test_d19_the_server_answers_reads_while_another_process_analyses_an_upload(tmp_path: Path) -> None:
    """While the worker process is busy with an upload, reads through a one-thread pool are answered:
    the server enqueues the upload and awaits it on its event loop, no server thread waits for it."""
    from newsift.web import create_app

    path = tmp_path / "news.db"
    store = SqliteStore(path)
    create_user(store, "alice", PASSWORD)
    token = create_api_token(store, "alice")
    store.close()
    app = create_app(str(path))
    auth = {"Authorization": f"Bearer {token}"}
    with serve(_one_server_thread(app)) as base_url, httpx.Client(base_url=base_url, timeout=600) as http:
        first = http.post("/api/ingest", files={"file": ("cranes.txt", PAGE.encode())}, headers=auth)
        assert first.status_code == 201, first.text  # the worker is up and its model loaded
        worker = app.state.uploads.worker_pid()
        assert worker != os.getpid()  # the server runs in this process
        before = _cpu_ticks(worker)
        answer: list[httpx.Response] = []

        def upload() -> None:
            files = {"file": ("bridge.txt", _long_page(150))}
            answer.append(httpx.post(base_url + "/api/ingest", files=files, headers=auth, timeout=600))

        uploading = threading.Thread(target=upload)
        uploading.start()
        ticks = os.sysconf("SC_CLK_TCK")
        deadline = time.monotonic() + 300  # a bound on the wait, not a claim about speed
        while _cpu_ticks(worker) - before < ticks // 2 and uploading.is_alive():
            assert time.monotonic() < deadline, "the worker never started on the upload"
            time.sleep(0.05)
        reads = [http.get(p) for p in ("/api/articles?limit=5", "/healthz", "/api/search?q=cranes")]
        assert uploading.is_alive(), "the reads were answered only after the upload (or it was too short)"
        assert [r.status_code for r in reads] == [200, 200, 200]
        assert reads[0].json()["items"] and reads[2].json()["items"]
        uploading.join(timeout=600)
        (done,) = answer
        assert done.status_code == 201, done.text
        assert _cpu_ticks(worker) - before >= ticks // 2  # the analysis ran in the worker process
