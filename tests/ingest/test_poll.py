"""Polling against a real HTTP server on 127.0.0.1 serving feeds and pages that change between rounds."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import msgspec
import pytest

from newsift.config import IngestSettings, PipelineSettings, Settings
from newsift.errors import InputError
from newsift.pipeline.poll import PollPolicy, PollRound, poll_sources, read_sources
from newsift.store import SqliteStore

SETTINGS = Settings(
    ingest=IngestSettings(allow_private=True, fetch_timeout_s=5),
    pipeline=PipelineSettings(analyze=False),
)
FAST = PollPolicy(delay_s=0.0, retries=2, backoff_s=0.01)


@dataclass
class _Resource:
    body: bytes
    content_type: str = "application/rss+xml"
    etag: str | None = None
    last_modified: str | None = None
    fail_times: int = 0
    status: int = 200
    location: str | None = None


@dataclass
class _Site:
    resources: dict[str, _Resource] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str], float]] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.requests]


def _handler(site: _Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, dict(self.headers.items()), time.monotonic()))
            resource = site.resources.get(self.path)
            if resource is None:
                self._send(404, b"not found", "text/plain")
            elif resource.fail_times > 0:
                resource.fail_times -= 1
                self._send(503, b"busy", "text/plain")
            elif _not_modified(
                resource, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            ):
                self._send(304, b"", resource.content_type, resource)
            else:
                self._send(resource.status, resource.body, resource.content_type, resource)

        def _send(self, status: int, body: bytes, kind: str, resource: _Resource | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            if resource and resource.etag:
                self.send_header("ETag", resource.etag)
            if resource and resource.last_modified:
                self.send_header("Last-Modified", resource.last_modified)
            if resource and resource.location:
                self.send_header("Location", resource.location)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def _not_modified(resource: _Resource, etag: str | None, since: str | None) -> bool:
    if etag is not None:
        return etag == resource.etag
    return since is not None and since == resource.last_modified


@pytest.fixture
def site() -> Iterator[tuple[_Site, str]]:
    state = _Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def _rss(*titles: str) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>https://news.example/{i}</link><guid>{t}</guid>"
        f"<description>{t}: Turkey and Pakistan discussed defence ties in Ankara.</description></item>"
        for i, t in enumerate(titles)
    )
    channel = f"<channel><title>Wire</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def _sources(tmp_path: Path, *urls: str) -> Path:
    path = tmp_path / "sources.txt"
    path.write_text("# feeds\n\n" + "\n".join(urls) + "\n", encoding="utf-8")
    return path


def test_poll_reads_opml_and_plain_lists(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
        '<outline text="A" xmlUrl="https://a.example/rss"/><outline text="B" htmlUrl="https://b.example/"/>'
        '<outline text="A again" xmlUrl="https://a.example/rss"/></outline></body></opml>',
        encoding="utf-8",
    )
    assert read_sources(opml) == ["https://a.example/rss", "https://b.example/"]
    plain = _sources(tmp_path, "https://c.example/feed", "# not this", "https://d.example/page")
    assert read_sources(plain) == ["https://c.example/feed", "https://d.example/page"]
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline", encoding="utf-8")
    with pytest.raises(InputError, match="malformed OPML"):
        read_sources(broken)


def test_poll_refuses_opml_with_entity_declarations(tmp_path: Path) -> None:
    laughs = tmp_path / "laughs.opml"
    laughs.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        '<opml><body><outline text="&b;" xmlUrl="https://a.example/rss"/></body></opml>',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="DTD"):
        read_sources(laughs)


def test_poll_ingests_only_new_entries_with_conditional_get(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path
) -> None:
    server, base = site
    server.resources["/feed.xml"] = _Resource(_rss("Drone deal", "Jet upgrade"), etag='"v1"')

    def change_after_second(done: PollRound) -> None:
        if done.index == 1:
            server.resources["/feed.xml"] = _Resource(
                _rss("Navy drill", "Drone deal", "Jet upgrade"), etag='"v2"'
            )

    rounds = poll_sources(
        _sources(tmp_path, base + "/feed.xml"),
        store,
        SETTINGS,
        every_s=0,
        max_rounds=3,
        policy=FAST,
        on_round=change_after_second,
    )
    assert [r.report.n_stored for r in rounds] == [2, 0, 1]
    assert [r.n_not_modified for r in rounds] == [0, 1, 0]
    feed_requests = [headers for path, headers, _ in server.requests if path == "/feed.xml"]
    assert [h.get("If-None-Match") for h in feed_requests] == [None, '"v1"', '"v1"']
    assert sorted(a.title for a in store.query_articles()) == ["Drone deal", "Jet upgrade", "Navy drill"]


def test_poll_uses_last_modified_and_state_survives_restart(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path
) -> None:
    server, base = site
    stamp = formatdate(1_753_531_200, usegmt=True)
    server.resources["/page.txt"] = _Resource(
        b"Talks\n\nTurkey and Pakistan met.", "text/plain", last_modified=stamp
    )
    sources = _sources(tmp_path, base + "/page.txt")
    (first,) = poll_sources(sources, store, SETTINGS, max_rounds=1, policy=FAST)
    (second,) = poll_sources(sources, store, SETTINGS, max_rounds=1, policy=FAST)
    assert (first.report.n_stored, first.n_changed) == (1, 1)
    assert (second.report.n_stored, second.n_not_modified) == (0, 1)
    page_requests = [headers for path, headers, _ in server.requests if path == "/page.txt"]
    assert page_requests[1].get("If-Modified-Since") == stamp


def test_poll_same_bytes_without_validators_are_unchanged(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path
) -> None:
    server, base = site
    server.resources["/plain.xml"] = _Resource(_rss("Only entry"))
    rounds = poll_sources(
        _sources(tmp_path, base + "/plain.xml"), store, SETTINGS, every_s=0, max_rounds=2, policy=FAST
    )
    assert [(r.n_changed, r.report.n_stored, r.report.n_unchanged) for r in rounds] == [(1, 1, 0), (0, 0, 1)]


def test_poll_respects_robots_txt(site: tuple[_Site, str], store: SqliteStore, tmp_path: Path) -> None:
    server, base = site
    server.resources["/robots.txt"] = _Resource(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    server.resources["/private/feed.xml"] = _Resource(_rss("Secret"))
    server.resources["/public/feed.xml"] = _Resource(_rss("Open"))
    sources = _sources(tmp_path, base + "/private/feed.xml", base + "/public/feed.xml")
    (done,) = poll_sources(sources, store, SETTINGS, max_rounds=1, policy=FAST)
    assert "/private/feed.xml" not in server.paths()
    assert server.paths().count("/robots.txt") == 1
    assert done.n_disallowed == 1
    assert [(r.item_id, r.reason) for r in done.report.rejected] == [(base + "/private/feed.xml", "robots")]
    assert [a.title for a in store.query_articles()] == ["Open"]


def test_poll_retries_with_exponential_backoff(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path
) -> None:
    server, base = site
    server.resources["/flaky.xml"] = _Resource(_rss("Eventually"), fail_times=2)
    waits: list[float] = []
    (done,) = poll_sources(
        _sources(tmp_path, base + "/flaky.xml"),
        store,
        SETTINGS,
        max_rounds=1,
        policy=FAST,
        sleep=waits.append,
    )
    assert server.paths().count("/flaky.xml") == 3
    assert [w for w in waits if w in (0.01, 0.02)] == [0.01, 0.02]
    assert done.report.n_stored == 1


def test_poll_records_http_errors_and_goes_on(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path
) -> None:
    server, base = site
    server.resources["/down.xml"] = _Resource(_rss("Never"), fail_times=10)
    server.resources["/ok.xml"] = _Resource(_rss("Fine"))
    sources = _sources(tmp_path, base + "/missing.xml", base + "/down.xml", base + "/ok.xml")
    (done,) = poll_sources(sources, store, SETTINGS, max_rounds=1, policy=FAST, sleep=lambda _: None)
    assert [(f.item_id.rsplit("/", 1)[1], f.message) for f in done.report.failures] == [
        ("missing.xml", "HTTP 404"),
        ("down.xml", "HTTP 503"),
    ]
    assert done.report.n_stored == 1


def test_poll_waits_between_requests_to_one_host(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path
) -> None:
    server, base = site
    for name in ("a", "b", "c"):
        server.resources[f"/{name}.xml"] = _Resource(_rss(f"Story {name}"))
    sources = _sources(tmp_path, *(f"{base}/{n}.xml" for n in "abc"))
    poll_sources(sources, store, SETTINGS, max_rounds=1, policy=PollPolicy(delay_s=0.15, retries=0))
    times = [at for _, _, at in server.requests]
    assert len(times) == 4  # robots.txt, then the three feeds
    assert min(later - earlier for earlier, later in itertools.pairwise(times)) >= 0.14


def test_poll_refuses_private_addresses_by_default(store: SqliteStore, tmp_path: Path) -> None:
    sources = _sources(tmp_path, "http://127.0.0.1:9/feed.xml")
    (done,) = poll_sources(sources, store, Settings(), max_rounds=1, policy=FAST)
    (failure,) = done.report.failures
    assert "non-public address" in failure.message


def test_poll_unreachable_robots_txt_disallows_the_host(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path
) -> None:
    server, base = site
    server.resources["/robots.txt"] = _Resource(b"", "text/plain", fail_times=99)
    server.resources["/feed.xml"] = _Resource(_rss("Hidden"))
    (done,) = poll_sources(
        _sources(tmp_path, base + "/feed.xml"),
        store,
        SETTINGS,
        max_rounds=1,
        policy=FAST,
        sleep=lambda _: None,
    )
    assert done.n_disallowed == 1
    assert "/feed.xml" not in server.paths()


def _public_only(port: int, *allowed: str) -> Settings:
    """Private addresses refused, except the ``allowed`` host names on the test server's port."""
    hosts = tuple(f"{name}:{port}" for name in allowed)
    return msgspec.structs.replace(SETTINGS, ingest=IngestSettings(allow_hosts=hosts, fetch_timeout_s=5))


def test_poll_connects_to_the_address_it_checked(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path
) -> None:
    """``feeds.example`` exists only in the fake DNS: reaching the server proves the pinned connect."""
    server, base = site
    port = int(base.rsplit(":", 1)[1])
    server.resources["/feed.xml"] = _Resource(_rss("Pinned"))
    lookups: list[str] = []

    def resolver(host: str, _: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    sources = _sources(tmp_path, f"http://feeds.example:{port}/feed.xml")
    (done,) = poll_sources(sources, store, _public_only(port, "feeds.example"), max_rounds=1, policy=FAST,
                           resolver=resolver)  # fmt: skip
    assert done.report.n_stored == 1, done.report
    assert server.paths() == ["/robots.txt", "/feed.xml"]
    assert {headers["Host"] for _, headers, _ in server.requests} == {f"feeds.example:{port}"}
    assert lookups == ["feeds.example"] * 3  # the source check, then once per request


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::ffff:127.0.0.1"])
def test_poll_refuses_a_name_resolving_to_a_private_address(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path, address: str
) -> None:
    server, base = site
    port = int(base.rsplit(":", 1)[1])
    sources = _sources(tmp_path, f"http://feeds.example:{port}/feed.xml")
    (done,) = poll_sources(sources, store, _public_only(port), max_rounds=1, policy=FAST,
                           resolver=lambda host, _: [address])  # fmt: skip
    (failure,) = done.report.failures
    assert "non-public address" in failure.message
    assert server.requests == []


def test_poll_refuses_a_redirect_into_a_private_address(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path
) -> None:
    server, base = site
    port = int(base.rsplit(":", 1)[1])
    server.resources["/feed.xml"] = _Resource(b"", status=302, location=f"http://localhost:{port}/inner.xml")
    server.resources["/inner.xml"] = _Resource(_rss("Internal"))
    sources = _sources(tmp_path, f"{base}/feed.xml")
    (done,) = poll_sources(sources, store, _public_only(port, "127.0.0.1"), max_rounds=1, policy=FAST)
    (failure,) = done.report.failures
    assert "redirect to http://localhost" in failure.message and "non-public address" in failure.message
    assert "/inner.xml" not in server.paths() and done.report.n_stored == 0


def test_poll_ignores_proxy_settings_from_the_environment(
    site: tuple[_Site, str], store: SqliteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proxy would resolve the name itself, after the check: it is never used."""
    server, base = site
    server.resources["/feed.xml"] = _Resource(_rss("Direct"))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    (done,) = poll_sources(_sources(tmp_path, f"{base}/feed.xml"), store, SETTINGS, max_rounds=1, policy=FAST)
    assert done.report.n_stored == 1, done.report
