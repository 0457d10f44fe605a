"""Read latency of the web server while uploads are ingested, as a ratio to idle (issue 22, D19).

Usage: python bench/read_latency.py [--readers N] [--seconds S] [--uploaders N] [--keep DIR]

Builds a store (examples/, analysed, and a user with an API token: bench/load.py's helpers), starts
``newsift serve`` on a free 127.0.0.1 port and warms it up (one upload, so the analysis model is loaded).
Then it measures read latency twice, for the same time with the same readers cycling over five read
routes: idle, and while ``--uploaders`` clients post analysed pages to POST /api/ingest back to back.
Reports p50/p95/p99 of each phase, their ratios (during / idle), the uploads done and their mean time.
Uploaded pages are generated here from sentences of our own. Every loop is bounded in time.
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

_SENTENCES = (
    "The harbour board of a northern port approved {n} new berths for container ships on Tuesday.",
    "Its chair said the work would start in the autumn and take about {n} months.",
    "Two shipping lines had asked for deeper water, according to a statement from the board.",
    "A union spokesperson welcomed the plan but asked for {n} more pilots to be trained.",
    "The regional minister of transport said the state would pay a third of the cost.",
    "Critics in the city council argued that the dredging could harm a nearby bird reserve.",
)


def _load_helpers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsift_bench_load", Path(__file__).with_name("load.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def page(n: int) -> bytes:
    """A distinct page of about forty sentences (a few seconds of analysis)."""
    lines = [f"Port expansion update number {n}", ""]
    lines += [s.format(n=n * 7 + i) for i in range(7) for s in _SENTENCES]
    return "\n\n".join(lines).encode()


def _read(base: str, paths: list[str], until: float, found: list[float]) -> None:
    with httpx.Client(base_url=base, timeout=60) as http:
        i = 0
        while time.monotonic() < until:
            started = time.perf_counter()
            response = http.get(paths[i % len(paths)])
            found.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"{paths[i % len(paths)]}: HTTP {response.status_code}")
            i += 1


def _upload(base: str, token: str, first: int, until: float, took: list[float]) -> None:
    with httpx.Client(base_url=base, timeout=600, headers={"Authorization": f"Bearer {token}"}) as http:
        n = first
        while time.monotonic() < until:
            started = time.perf_counter()
            files = {"file": (f"port-{n}.txt", page(n), "text/plain")}
            response = http.post("/api/ingest", files=files)
            if response.status_code not in (200, 201):
                raise RuntimeError(f"upload {n}: HTTP {response.status_code}: {response.text[:200]}")
            took.append(time.perf_counter() - started)
            n += 1


def measure(base: str, paths: list[str], readers: int, seconds: float, uploads: list[Any]) -> list[float]:
    """Latencies of ``readers`` threads for ``seconds``; ``uploads`` are (token, n) started alongside."""
    found: list[float] = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=_read, args=(base, paths, until, found)) for _ in range(readers)]
    threads += [threading.Thread(target=_upload, args=(base, u[0], u[1], until, u[2])) for u in uploads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 900)
    return found


def percentiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"n": len(values), "p50_ms": cuts[49] * 1000, "p95_ms": cuts[94] * 1000, "p99_ms": cuts[98] * 1000}


def run(folder: Path, *, readers: int, seconds: float, uploaders: int) -> dict[str, Any]:
    helpers = _load_helpers()
    db = folder / "news.db"
    token = helpers.build_store(db, bbc=0)["token"]
    port = helpers.free_port()
    base = f"http://127.0.0.1:{port}"
    with helpers.serve(db, port, analyze=True, log=folder / "serve.log"):
        article = httpx.get(base + "/api/articles", params={"limit": 1}).json()["items"][0]["id"]
        paths = ["/api/articles?limit=20", f"/api/articles/{article}", f"/articles/{article}"]
        paths += ["/api/search?q=naval+drones", "/healthz"]
        warm: list[float] = []
        measure(base, paths, 1, 0.1, [(token, 10_000_000, warm)])  # loads the model in the upload worker
        idle = measure(base, paths, readers, seconds, [])
        took: list[float] = []
        during = measure(
            base, paths, readers, seconds, [(token, 1000 * (u + 1), took) for u in range(uploaders)]
        )
    a, b = percentiles(idle), percentiles(during)
    ratios = {k: round(b[k] / a[k], 2) for k in ("p50_ms", "p95_ms", "p99_ms")}
    return {
        "readers": readers, "seconds": seconds, "uploaders": uploaders, "idle": a, "during_ingest": b,
        "ratio_during_over_idle": ratios, "uploads": len(took),
        "mean_upload_s": round(statistics.mean(took), 2) if took else None,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--uploaders", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsift-latency-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        result = run(folder, readers=args.readers, seconds=args.seconds, uploaders=args.uploaders)
    for phase in ("idle", "during_ingest"):
        f = result[phase]
        figures = f"p50 {f['p50_ms']:.1f} ms, p95 {f['p95_ms']:.1f}, p99 {f['p99_ms']:.1f}"
        print(f"{phase:>14}: {f['n']} reads, {figures}")
    print(f"during / idle: {result['ratio_during_over_idle']}; {result['uploads']} uploads, "
          f"mean {result['mean_upload_s']} s")  # fmt: skip
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
