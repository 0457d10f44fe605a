"""Read latency of the web server while uploads are ingested, as a ratio to idle (issue 22, D19).

Usage: python bench/read_latency.py [--readers N] [--seconds S] [--uploaders N] [--keep DIR]
                                    [--before-src DIR [--rounds R]] [--desk N]

Builds a store (examples/, analysed, and a user with an API token: bench/load.py's helpers), starts
``newsift serve`` on a free 127.0.0.1 port and warms it up (one upload, so the analysis model is loaded).
Then it measures read latency twice, for the same time with the same readers cycling over five read
routes: idle, and while ``--uploaders`` clients post analysed pages to POST /api/ingest back to back.
Reports p50/p95/p99 of each phase, their ratios (during / idle), the uploads done and their mean time.
Uploaded pages are generated here from sentences of our own. Every loop is bounded in time.

With ``--before-src`` (e.g. a ``git archive`` of an earlier commit's ``src``), the same measurement is
made in the same run on a server over those sources and on one over these, each on its own copy of one
store, in ``--rounds`` rounds whose order alternates (before, after; then after, before; ...), so that
a shared machine's changing load falls on both alike; each version's phases pool its rounds.

With ``--desk N`` the store is bench/desk.py's (N synthetic analysed articles) and the readers cycle over
desk pages (relationships, claims, events, search, an article's JSON, /healthz); "during" is while
another process at nice +10, as the upload worker runs, stores batches of 20 more such articles (its
own connection, one write transaction each, no analysis, a pause of 0.5 s between batches). Each read
of that phase is also counted by whether it overlapped a batch's write transaction: what a write
itself holds up, apart from the CPU the writer takes.
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
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


def _phases(helpers: ModuleType, db: Path, token: str, args: Any, log: Path, first_upload: int) -> Any:
    """Idle and during-ingest latencies of one server over ``db`` (with the sources of ``PYTHONPATH``)."""
    port = helpers.free_port()
    base = f"http://127.0.0.1:{port}"
    with helpers.serve(db, port, analyze=True, log=log):
        article = httpx.get(base + "/api/articles", params={"limit": 1}).json()["items"][0]["id"]
        paths = ["/api/articles?limit=20", f"/api/articles/{article}", f"/articles/{article}"]
        paths += ["/api/search?q=naval+drones", "/healthz"]
        warm: list[float] = []
        measure(base, paths, 1, 0.1, [(token, 10_000_000 + first_upload, warm)])  # loads the model
        idle = measure(base, paths, args.readers, args.seconds, [])
        took: list[float] = []
        uploads = [(token, first_upload + 1000 * (u + 1), took) for u in range(args.uploaders)]
        during = measure(base, paths, args.readers, args.seconds, uploads)
    return idle, during, took


def _summary(idle: list[float], during: list[float], took: list[float]) -> dict[str, Any]:
    a, b = percentiles(idle), percentiles(during)
    ratios = {k: round(b[k] / a[k], 2) for k in ("p50_ms", "p95_ms", "p99_ms")}
    return {
        "idle": a, "during_ingest": b, "ratio_during_over_idle": ratios, "uploads": len(took),
        "mean_upload_s": round(statistics.mean(took), 2) if took else None,
    }  # fmt: skip


def run(folder: Path, args: Any) -> dict[str, Any]:
    helpers = _load_helpers()
    db = folder / "news.db"
    settings = {"readers": args.readers, "seconds": args.seconds, "uploaders": args.uploaders}
    if args.before_src is None:
        token = helpers.build_store(db, bbc=0)["token"]
        return settings | _summary(*_phases(helpers, db, token, args, folder / "serve.log", 0))
    versions = {
        "before": str(args.before_src.resolve()),
        "after": str(Path(__file__).resolve().parents[1] / "src"),
    }
    os.environ["PYTHONPATH"] = versions["before"]  # built by the older sources; the newer upgrade it
    token = helpers.build_store(db, bbc=0)["token"]
    pooled: dict[str, list[list[float]]] = {name: [[], [], []] for name in versions}
    for name in versions:
        shutil.copyfile(db, folder / f"{name}.db")
    for r in range(args.rounds):
        for n, name in enumerate(versions if r % 2 == 0 else reversed(versions)):
            os.environ["PYTHONPATH"] = versions[name]  # the server's and the CLI's sources
            found = _phases(
                helpers, folder / f"{name}.db", token, args, folder / f"{name}.log", 100_000 * (r * 2 + n)
            )
            for kept, new in zip(pooled[name], found, strict=True):
                kept.extend(new)
    os.environ["PYTHONPATH"] = versions["after"]
    summaries = {name: _summary(*pooled[name]) for name in versions}
    after_over_before = {
        phase: {k: round(summaries["after"][phase][k] / summaries["before"][phase][k], 2)
                for k in ("p50_ms", "p95_ms", "p99_ms")}
        for phase in ("idle", "during_ingest")
    }  # fmt: skip
    return settings | {"rounds": args.rounds, "before_src": versions["before"], "versions": summaries,
                       "after_over_before": after_over_before}  # fmt: skip


_DESK_PAGES = [
    "/relationships", "/claims", "/claims?status=denied", "/events?subtype=upgrade&actor=TUR",
    "/search?q=submarines", "/api/articles/desk00000007", "/healthz",
]  # fmt: skip
# The writer of --desk: batches of desk.py's articles stored on its own connection until a deadline,
# printing each write transaction's wall-clock start and end.
_DESK_WRITER = """
import json, os, random, sys, time
sys.path.insert(0, sys.argv[3])
os.nice(10)
from desk import _article
from newsift.store import SqliteStore
store, first = SqliteStore(sys.argv[1]), int(sys.argv[4])
rng, n = random.Random(first), first
print("ready", flush=True)
until = time.time() + float(sys.argv[2])
while time.time() < until:
    built = [_article(rng, n + i) for i in range(20)]
    n += 20
    began = time.time()
    store.store_batch([(raw, [art]) for raw, art, _ in built], {art.id: an for _, art, an in built})
    print(json.dumps([began, time.time()]), flush=True)
    time.sleep(0.5)
store.close()
"""


def _read_stamped(base: str, until: float, found: list[tuple[float, float]]) -> None:
    with httpx.Client(base_url=base, timeout=120) as http:
        i = 0
        while time.time() < until:
            began = time.time()
            response = http.get(_DESK_PAGES[i % len(_DESK_PAGES)])
            found.append((began, time.time()))
            if response.status_code != 200:
                raise RuntimeError(f"{_DESK_PAGES[i % len(_DESK_PAGES)]}: HTTP {response.status_code}")
            i += 1


def _desk_phase(base: str, readers: int, seconds: float, writer: list[str] | None) -> Any:
    """Stamped reads for ``seconds`` (from when the writer process, when given, is ready) and its writes."""
    process = None
    if writer:
        process = subprocess.Popen(
            [*writer[:4], str(seconds), *writer[4:]], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    found: list[tuple[float, float]] = []
    until = time.time() + seconds
    threads = [threading.Thread(target=_read_stamped, args=(base, until, found)) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 600)
    writes = []
    if process is not None:
        out, _ = process.communicate(timeout=600)
        if process.returncode != 0:
            raise RuntimeError("the desk writer failed")
        writes = [json.loads(line) for line in out.splitlines()]
    return [b - a for a, b in found], found, writes


def _desk_version(folder: Path, name: str, src: str, args: Any, first: int) -> dict[str, list[float]]:
    import desk_compare

    db = folder / f"{name}.db"
    process, base = desk_compare._start(Path(src), db)
    try:
        for path in _DESK_PAGES:
            httpx.get(base + path, timeout=120)  # warm-up
        idle, _, _ = _desk_phase(base, args.readers, args.seconds, None)
        writer = [sys.executable, "-c", _DESK_WRITER, str(db), str(Path(__file__).parent), str(first)]
        during, stamped, writes = _desk_phase(base, args.readers, args.seconds, writer)
    finally:
        process.terminate()
        process.wait(timeout=30)
    in_write = [b - a for a, b in stamped if any(a < end and b > start for start, end in writes)]
    return {"idle": idle, "during_ingest": during, "during_a_write": in_write, "n_batches": [len(writes)]}


def run_desk(folder: Path, args: Any) -> dict[str, Any]:
    """The --desk measurement: one version, or two interleaved by round (``--before-src``)."""
    here = str(Path(__file__).resolve().parent)
    sys.path.insert(0, here)
    after = str(Path(__file__).resolve().parents[1] / "src")
    versions = {"before": str(args.before_src.resolve())} if args.before_src else {}
    versions["after"] = after
    built = folder / "desk.db"
    if not built.exists():
        env = {**os.environ, "PYTHONPATH": next(iter(versions.values()))}
        command = [
            sys.executable,
            f"{here}/desk.py",
            "--n",
            str(args.desk),
            "--build-only",
            "--keep",
            str(folder),
        ]
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, timeout=3600)
    pooled: dict[str, dict[str, list[float]]] = {name: {} for name in versions}
    for name in versions:
        shutil.copyfile(built, folder / f"{name}.db")
    for r in range(args.rounds if args.before_src else 1):
        for n, name in enumerate(versions if r % 2 == 0 else reversed(versions)):
            os.environ["PYTHONPATH"] = versions[name]
            found = _desk_version(folder, name, versions[name], args, 1_000_000 + 100_000 * (2 * r + n))
            for key, values in found.items():
                pooled[name].setdefault(key, []).extend(values)
    os.environ["PYTHONPATH"] = after
    summaries = {
        name: {
            k: percentiles(v) if len(v) > 1 else {"n": len(v)} for k, v in found.items() if k != "n_batches"
        }
        | {"batches": sum(found["n_batches"])}
        for name, found in pooled.items()
    }
    result: dict[str, Any] = {"readers": args.readers, "seconds": args.seconds, "desk_articles": args.desk}
    return result | {"rounds": args.rounds if args.before_src else 1, "desk_versions": summaries}


def _print(result: dict[str, Any], label: str = "") -> None:
    for phase in ("idle", "during_ingest"):
        f = result[phase]
        figures = f"p50 {f['p50_ms']:.1f} ms, p95 {f['p95_ms']:.1f}, p99 {f['p99_ms']:.1f}"
        print(f"{label}{phase:>14}: {f['n']} reads, {figures}")
    print(f"{label}during / idle: {result['ratio_during_over_idle']}; {result['uploads']} uploads, "
          f"mean {result['mean_upload_s']} s")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--uploaders", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    parser.add_argument("--before-src", type=Path, help="also time a server over these older sources")
    parser.add_argument("--rounds", type=int, default=2, help="with --before-src: rounds, order alternating")
    parser.add_argument("--desk", type=int, help="bench/desk.py's store of N articles, written beside")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="newsift-latency-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        result = run_desk(folder, args) if args.desk else run(folder, args)
    result["load_avg_1m"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    if "desk_versions" in result:
        for name, found in result["desk_versions"].items():
            for phase in ("idle", "during_ingest", "during_a_write"):
                f = found[phase]
                if "p50_ms" not in f:
                    print(f"{name:>6} {phase:>14}: {f['n']} reads")
                    continue
                figures = f"p50 {f['p50_ms']:.1f} ms, p95 {f['p95_ms']:.1f}, p99 {f['p99_ms']:.1f}"
                print(f"{name:>6} {phase:>14}: {f['n']} reads, {figures}")
            print(f"{name:>6} {found['batches']} batches written")
    elif "versions" in result:
        for name, found in result["versions"].items():
            _print(found, f"{name:>6} ")
        print(f"after / before: {result['after_over_before']}")
    else:
        _print(result)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
