"""The analyst's desk, two versions side by side: the pages of ``bench/desk.py`` timed on a server over
older sources (``--before-src``, e.g. a ``git archive`` of an earlier commit) and on one over these
sources, with their requests interleaved, so that a shared machine's changing load falls on both alike.

Usage: python bench/desk_compare.py --before-src DIR [--n N] [--requests R] [--keep DIR]
The store is built once by the older sources (``bench/desk.py --build-only``) and copied; the server
over these sources opens its copy as an upgrade would (applying newer migrations, not timed). Each
server is its own uvicorn process on 127.0.0.1. For each page, after one warm-up request to each, R
rounds of one request to each server (the order alternating by round). Prints p50, p95 and p50 over
each server's own ``/healthz``, the after/before ratio of those multiples, then ONE JSON object as the
last line. No text from any benchmark set.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))
from desk import BASELINE, PAGES, SESSION_COOKIE, SIGNED_IN, WATCHER  # noqa: E402

_SERVE = (
    "import sys, uvicorn\nfrom newsift.web import create_app\n"
    "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')"
)
_SESSION = (
    "import sys\nfrom newsift.store import SqliteStore\nfrom newsift.web.auth import create_session\n"
    "s = SqliteStore(sys.argv[1]); print(create_session(s, sys.argv[2])); s.close()"
)


def _python(src: Path, *args: str, **kw: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.Popen([sys.executable, *args], env=env, text=True, **kw)  # type: ignore[call-overload]


def _output(src: Path, *args: str) -> str:
    process = _python(src, *args, stdout=subprocess.PIPE)
    out, _ = process.communicate(timeout=1800)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed over {src}")
    return str(out)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(src: Path, db: Path) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    process = _python(src, "-c", _SERVE, str(db), str(port))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(base + BASELINE, timeout=5)
            return process, base
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server over {src} did not start") from None
            time.sleep(0.3)


def _once(http: httpx.Client, path: str) -> float:
    began = time.perf_counter()
    response = http.get(path)
    assert response.status_code == 200, (str(http.base_url), path, response.status_code)
    return (time.perf_counter() - began) * 1000


def _pair(clients: list[httpx.Client], path: str, rounds: int) -> list[list[float]]:
    """``rounds`` timings of ``path`` on each server, one request to each per round."""
    for http in clients:
        _once(http, path)  # warm-up
    times: list[list[float]] = [[] for _ in clients]
    for r in range(rounds):
        order = range(len(clients)) if r % 2 == 0 else reversed(range(len(clients)))
        for i in order:
            times[i].append(_once(clients[i], path))
    return times


def _row(times: list[float], base_p50: float) -> dict[str, float]:
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    return {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "x_baseline": round(p50 / base_p50, 1)}


def measure(bases: list[str], sessions: list[str], rounds: int) -> dict[str, list[dict[str, float]]]:
    """Per page, per server: p50, p95 and p50 over the server's own /healthz (timed before and after)."""
    clients = [httpx.Client(base_url=b, timeout=120, headers={"accept": "text/html"}) for b in bases]
    try:
        base = _pair(clients, BASELINE, rounds)
        pages = {name: _pair(clients, path, rounds) for name, path in PAGES.items()}
        for http, session in zip(clients, sessions, strict=True):
            http.cookies.set(SESSION_COOKIE, session)
        pages |= {name: _pair(clients, path, rounds) for name, path in SIGNED_IN.items()}
        for http in clients:
            http.cookies.clear()
        base = [a + b for a, b in zip(base, _pair(clients, BASELINE, rounds), strict=True)]
    finally:
        for http in clients:
            http.close()
    p50s = [statistics.median(t) for t in base]
    found = {"baseline_healthz": [_row(t, p) for t, p in zip(base, p50s, strict=True)]}
    return found | {n: [_row(t, p) for t, p in zip(ts, p50s, strict=True)] for n, ts in pages.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before-src", type=Path, required=True)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsift-desk-compare-"))
    folder.mkdir(parents=True, exist_ok=True)
    built = folder / "desk.db"
    if not built.exists():
        _output(args.before_src.resolve(), str(HERE / "desk.py"), "--n", str(args.n), "--build-only",
                "--keep", str(folder))  # fmt: skip
    sources = [args.before_src.resolve(), SRC]
    dbs = [folder / "before.db", folder / "after.db"]
    for db in dbs:
        if not db.exists():
            shutil.copyfile(built, db)
    pairs = list(zip(sources, dbs, strict=True))
    sessions = [_output(src, "-c", _SESSION, str(db), WATCHER).strip() for src, db in pairs]
    servers = [_start(src, db) for src, db in pairs]
    load_before = os.getloadavg()[0]
    try:
        found = measure([base for _, base in servers], sessions, args.requests)
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(timeout=30)
    for name, (old, new) in found.items():
        print(
            f"{name:18} before p50 {old['p50_ms']:6.1f} p95 {old['p95_ms']:6.1f} {old['x_baseline']:5.1f}x"
            f"  after p50 {new['p50_ms']:6.1f} p95 {new['p95_ms']:6.1f} {new['x_baseline']:5.1f}x"
            f"  after/before {new['x_baseline'] / old['x_baseline']:.2f}"
        )
    summary = {
        "n_articles": args.n, "requests": args.requests, "before_src": str(args.before_src),
        "load_avg_1m": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "pages": {name: {"before": old, "after": new} for name, (old, new) in found.items()},
    }  # fmt: skip
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
