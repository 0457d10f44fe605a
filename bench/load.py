"""The web server under load: read endpoints and search driven by wrk while an ingest writes through the API.

Usage: python bench/load.py [--quick] [--duration S] [--connections N] [--bbc N] [--ingest-files N]
                            [--ingest-size N] [--no-ingest-analyze] [--keep DIR]
(--quick is the configuration of tests/reliability/test_load.py: 4 s, no corpus, no NLP anywhere.)

Builds a store (the project's examples/, analysed, plus the first ``--bbc`` records of
../shared/benchdata/corpus/bbc_news.jsonl with --no-analyze when present), starts ``newsift serve`` on a free
127.0.0.1 port, then for ``--duration`` seconds runs one wrk process per endpoint (/api/articles,
/api/articles/{id}, /articles/{id}, /api/search?q=..., /healthz; a Lua script rotates ids and queries and
counts 5xx) while a client thread uploads JSONL files to POST /api/ingest with a token. Afterwards every
article id an ingest reported stored must be readable (lost writes), and the server's RSS is read from
/proc before and after (after a warm-up round, so first-touch caches do not count as growth).
Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
Prints a human summary, then ONE JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
BBC = REPO / ".." / "shared" / "benchdata" / "corpus" / "bbc_news.jsonl"
CLI = "import sys; from newsift.cli import main; sys.exit(main(sys.argv[1:]))"
USER, PASSWORD = "loadtester", "a load-test password"
SEARCHES = ("Pakistan", "Turkey drones", "submarine", "profit", "election", "market shares", "army")
ENDPOINTS = ("api_articles", "api_article", "article_page", "api_search", "healthz")
_WRK_JSON = "WRKJSON "
QUICK: dict[str, Any] = {
    "duration_s": 4, "connections": 3, "bbc": 0, "ingest_files": 30, "ingest_size": 4,
    "ingest_analyze": False, "examples_analyze": False, "warmup_s": 1,
}  # fmt: skip

_LUA = """
local paths = {%(paths)s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = 0; s5 = 0; s4 = 0 end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1], {["Accept"] = "%(accept)s"})
end
function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1 elseif status >= 400 then s4 = s4 + 1 end
end
function done(summary, latency, requests)
  local t5, t4 = 0, 0
  for _, t in ipairs(threads) do t5 = t5 + t:get("s5"); t4 = t4 + t:get("s4") end
  local e = summary.errors
  io.write(string.format(
    '%(marker)s{"requests":%%d,"duration_us":%%d,"p50_us":%%d,"p95_us":%%d,"p99_us":%%d,"max_us":%%d,' ..
    '"n_5xx":%%d,"n_4xx":%%d,"socket_errors":%%d,"timeouts":%%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, t5, t4, e.connect + e.read + e.write, e.timeout))
end
"""


@dataclass
class IngestLog:
    """What the concurrent writer did: each POST's status and seconds, and the ids it reported stored."""

    statuses: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def newsift(db: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> str:
    """Run the real CLI on ``db``; returns stdout. Raises CalledProcessError on failure."""
    done = subprocess.run(
        [sys.executable, "-c", CLI, "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        env=_env(env),
        timeout=900,
    )
    return done.stdout


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSIFT_")}
    env.update({"NO_COLOR": "1", "COLUMNS": "200"})
    env.update(extra or {})
    return env


def read_bbc(start: int, n: int) -> list[dict[str, Any]]:
    """Records ``start`` .. ``start + n`` of the BBC corpus (fewer when it is absent or shorter)."""
    if n <= 0 or not BBC.is_file():
        return []
    rows = []
    with BBC.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= start + n:
                break
            if number >= start:
                rows.append(json.loads(line))
    return rows


def synthetic_records(tag: str, n: int) -> list[dict[str, Any]]:
    """``n`` small distinct articles (for when the corpus is absent, and for the CI test)."""
    return [
        {
            "id": f"{tag}-{i}",
            "title": f"Load test dispatch {tag} number {i}",
            "text": (
                f"Dispatch {i} of run {tag}: ministers in Ankara and Islamabad met on Tuesday to discuss "
                f"naval cooperation, drone exports and a joint exercise planned for the spring. "
                f"Officials said talks on item {i * 7 + 3} would continue next month."
            ),
        }
        for i in range(n)
    ]


def build_store(db: Path, *, bbc: int, analyze: bool = True) -> dict[str, Any]:
    """examples/ (analysed unless told), then ``bbc`` corpus records clean only; a user with a token."""
    started = time.monotonic()
    newsift(db, "ingest", *([] if analyze else ["--no-analyze"]), str(REPO / "examples"))
    rows = read_bbc(0, bbc)
    if rows:
        slice_path = db.parent / "bbc-slice.jsonl"
        slice_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        newsift(db, "ingest", "--no-analyze", str(slice_path))
    newsift(db, "user", "add", USER, "--password-stdin", stdin=PASSWORD + "\n")
    token = newsift(db, "token", "create", "--user", USER, "--label", "load").strip()
    return {"token": token, "n_bbc": len(rows), "build_s": round(time.monotonic() - started, 1)}


@contextmanager
def serve(db: Path, port: int, *, analyze: bool, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``newsift serve`` in a child process on 127.0.0.1:``port``, stopped (SIGTERM, then SIGKILL) after."""
    env = {"NEWSIFT_PIPELINE__ANALYZE": "true" if analyze else "false"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", CLI, "--db", str(db), "serve", "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(env),
        )
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", process, log)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}): {log.read_text(errors='replace')}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server not healthy after {timeout_s} s")


def rss_mb(pid: int) -> float:
    """Resident set size of ``pid`` now, from /proc (MiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def sample_rss(pid: int, samples: list[float], stop: threading.Event, every_s: float = 0.25) -> None:
    """RSS of ``pid`` every ``every_s`` seconds until ``stop`` is set."""
    while not stop.wait(every_s):
        samples.append(rss_mb(pid))


def _second_half_growth(samples: Sequence[float]) -> float | None:
    """Highest RSS of the run's second half minus the highest of its first: about 0 when memory is flat."""
    if len(samples) < 4:
        return None
    half = len(samples) // 2
    return round(max(samples[half:]) - max(samples[:half]), 1)


def endpoint_paths(base: str) -> dict[str, list[str]]:
    """The paths each endpoint's wrk rotates through (ids come from the running server)."""
    items = httpx.get(base + "/api/articles", params={"limit": 200}, timeout=30).json()["items"]
    ids = [a["id"] for a in items] or ["none"]
    searches = [f"/api/search?q={q.replace(' ', '+')}" for q in SEARCHES]
    return {
        "api_articles": [f"/api/articles?limit=20&offset={o}" for o in (0, 20, 40)]
        + ["/api/articles?limit=20&outlet=theprint", "/api/articles?limit=20&claim_status=denied"],
        "api_article": [f"/api/articles/{i}" for i in ids[:50]],
        "article_page": [f"/articles/{i}" for i in ids[:50]],
        "api_search": searches,
        "healthz": ["/healthz"],
    }


def write_lua(folder: Path, name: str, paths: Sequence[str]) -> Path:
    accept = "text/html" if name == "article_page" else "application/json"
    quoted = ", ".join(json.dumps(p) for p in paths)
    script = folder / f"{name}.lua"
    script.write_text(_LUA % {"paths": quoted, "accept": accept, "marker": _WRK_JSON}, encoding="utf-8")
    return script


def run_wrk(
    base: str, scripts: dict[str, Path], *, duration_s: float, connections: int, timeout_s: float = 30
) -> dict[str, dict[str, Any]]:
    """One wrk process per endpoint, all at once; the parsed JSON of each one's done()."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk not found: apt-get install wrk")
    processes = {
        name: subprocess.Popen(
            [
                wrk,
                "-t1",
                f"-c{connections}",
                f"-d{max(1, round(duration_s))}s",
                f"--timeout={timeout_s:g}s",
                "-s",
                str(script),
                base,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, script in scripts.items()
    }
    results = {}
    for name, process in processes.items():
        out, err = process.communicate(timeout=duration_s + timeout_s + 60)
        line = next((x for x in out.splitlines() if x.startswith(_WRK_JSON)), None)
        if line is None:
            raise RuntimeError(f"wrk {name} gave no result: {out} {err}")
        raw = json.loads(line[len(_WRK_JSON) :])
        seconds = raw["duration_us"] / 1e6
        results[name] = {
            "requests": raw["requests"],
            "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
            **{f"p{p}_ms": round(raw[f"p{p}_us"] / 1000, 1) for p in (50, 95, 99)},
            "max_ms": round(raw["max_us"] / 1000, 1),
            "n_5xx": raw["n_5xx"],
            "n_4xx": raw["n_4xx"],
            "socket_errors": raw["socket_errors"],
            "timeouts": raw["timeouts"],
        }
    return results


def ingest_loop(
    base: str, token: str, batches: list[list[dict[str, Any]]], log: IngestLog, stop: threading.Event
) -> None:
    """Upload each batch as a JSONL file to POST /api/ingest, one after another, until done or stopped."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=300, headers=headers) as http:
        for number, batch in enumerate(batches):
            if stop.is_set():
                return
            body = "".join(json.dumps(r) + "\n" for r in batch).encode()
            started = time.monotonic()
            try:
                response = http.post(
                    "/api/ingest", files={"file": (f"batch-{number}.jsonl", body, "application/jsonl")}
                )
            except httpx.HTTPError as err:
                log.errors.append(f"batch {number}: {type(err).__name__}: {err}")
                continue
            log.seconds.append(time.monotonic() - started)
            log.statuses.append(response.status_code)
            if response.status_code in (200, 201):
                log.stored_ids.extend(response.json()["report"]["article_ids"])
            else:
                log.errors.append(f"batch {number}: HTTP {response.status_code}: {response.text[:200]}")


def count_lost(base: str, ids: Sequence[str]) -> list[str]:
    """The stored ids that cannot be read back (each one a lost write)."""
    with httpx.Client(base_url=base, timeout=60) as http:
        return [i for i in ids if http.get(f"/api/articles/{i}").status_code != 200]


def run_load(
    workdir: Path,
    *,
    duration_s: float,
    connections: int,
    bbc: int,
    ingest_files: int,
    ingest_size: int,
    ingest_analyze: bool,
    examples_analyze: bool = True,
    warmup_s: float = 1.0,
) -> dict[str, Any]:
    """The whole scenario; returns the result object (the JSON line)."""
    db = workdir / "load.db"
    built = build_store(db, bbc=bbc, analyze=examples_analyze)
    records = read_bbc(bbc, ingest_files * ingest_size) or synthetic_records(
        f"{os.getpid()}-{int(time.time())}", ingest_files * ingest_size
    )
    batches = [records[i : i + ingest_size] for i in range(0, len(records), ingest_size)]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with serve(db, port, analyze=ingest_analyze, log=workdir / "server.log") as server:
        rss_start = rss_mb(server.pid)
        paths = endpoint_paths(base)
        scripts = {name: write_lua(workdir, name, paths[name]) for name in ENDPOINTS}
        log, stop = IngestLog(), threading.Event()
        # Warm-up: caches, the thread pool and (with analysis) the spaCy model, loaded by the first ingest.
        ingest_loop(base, built["token"], batches[:1], log, stop)
        run_wrk(base, scripts, duration_s=warmup_s, connections=2, timeout_s=10)
        rss_warm = rss_mb(server.pid)
        n_before = httpx.get(base + "/healthz", timeout=30).json()["articles"] - len(log.stored_ids)
        writer = threading.Thread(target=ingest_loop, args=(base, built["token"], batches[1:], log, stop))
        samples: list[float] = []
        sampler = threading.Thread(target=sample_rss, args=(server.pid, samples, stop))
        started = time.monotonic()
        writer.start()
        sampler.start()
        reads = run_wrk(base, scripts, duration_s=duration_s, connections=connections)
        stop.set()  # the batch in flight finishes; later ones are not sent
        sampler.join(timeout=10)
        writer.join(timeout=600)
        wall = time.monotonic() - started
        lost = count_lost(base, log.stored_ids)
        n_after = httpx.get(base + "/healthz", timeout=30).json()["articles"]
        rss_end = rss_mb(server.pid)
    n_5xx = sum(r["n_5xx"] for r in reads.values()) + sum(1 for s in log.statuses if s >= 500)
    return {
        "bench": "load",
        "duration_s": duration_s,
        "connections_per_endpoint": connections,
        "store": {"n_articles_before": n_before, "n_bbc_clean": built["n_bbc"], "build_s": built["build_s"]},
        "endpoints": reads,
        "total_rps": round(sum(r["rps"] for r in reads.values()), 1),
        "ingest": {
            "analyze": ingest_analyze,
            "posts": len(log.statuses),  # the warm-up POST included
            "posts_planned": len(batches),
            "articles_per_post": ingest_size,
            "stored": len(log.stored_ids),
            "p50_s": round(statistics.median(log.seconds), 2) if log.seconds else None,
            "max_s": round(max(log.seconds), 2) if log.seconds else None,
            "errors": log.errors[:5],
            "wall_s": round(wall, 1),
        },
        "n_5xx": n_5xx,
        "lost_writes": len(lost),
        "articles_after": n_after,
        "count_consistent": n_after == n_before + len(set(log.stored_ids)),
        "rss_mb": {"start": round(rss_start, 1), "warm": round(rss_warm, 1), "end": round(rss_end, 1)},
        "rss_growth_mb": round(rss_end - rss_warm, 1),
        "rss_second_half_growth_mb": _second_half_growth(samples),
    }


def _summary(result: dict[str, Any]) -> str:
    lines = [f"{'endpoint':<14} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'5xx':>5}"]
    for name, r in result["endpoints"].items():
        lines.append(
            f"{name:<14} {r['rps']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['p99_ms']:>8} {r['n_5xx']:>5}"
        )
    ingest = result["ingest"]
    lines.append(
        f"ingest: {ingest['posts']} POSTs, {ingest['stored']} articles stored, p50 {ingest['p50_s']} s; "
        f"lost writes {result['lost_writes']}; 5xx {result['n_5xx']}; RSS {result['rss_mb']} MiB"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=30.0, help="Seconds of read load.")
    parser.add_argument("--connections", type=int, default=4, help="Open connections per endpoint.")
    parser.add_argument("--bbc", type=int, default=1500, help="Corpus records stored clean up front.")
    parser.add_argument("--ingest-files", type=int, default=40, help="Most POST /api/ingest uploads.")
    parser.add_argument("--ingest-size", type=int, default=10, help="Articles per uploaded JSONL file.")
    parser.add_argument("--no-ingest-analyze", action="store_true", help="Server ingests without NLP.")
    parser.add_argument("--quick", action="store_true", help="The CI test's short configuration.")
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it (else a temp folder).")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk not found: apt-get install wrk", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="newsift-load-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        given = {
            "duration_s": args.duration, "connections": args.connections, "bbc": args.bbc,
            "ingest_files": args.ingest_files, "ingest_size": args.ingest_size,
            "ingest_analyze": not args.no_ingest_analyze,
        }  # fmt: skip
        result = run_load(workdir, **(QUICK if args.quick else given))
    print(_summary(result))
    print(json.dumps(result, sort_keys=True))
    return 0 if result["n_5xx"] == 0 and result["lost_writes"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
