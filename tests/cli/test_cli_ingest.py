from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.cli import app

runner = CliRunner()

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Defence Wire</title>
<item><title>Poland signs for K2 tanks</title><link>https://example.org/k2</link>
<pubDate>Fri, 26 Aug 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Poland agreed to buy 180 K2 Black Panther tanks
from Hyundai Rotem.&lt;/p&gt;</description></item>
<item><title>Second item</title><link>https://example.org/2</link>
<description>Another short report about artillery.</description></item>
</channel></rss>"""

JSONL = (
    '{"title": "India orders Rafale Marine", "text": "India signed for 26 Rafale Marine jets.", '
    '"url": "https://example.org/r", "source": "The Print", "published": "2025-04-28T09:00:00Z"}\n'
    "this line is not json\n"
    '{"title": "No text here"}\n'
    '{"title": "Second good line", "text": "Dassault Aviation builds the Rafale."}\n'
)


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _write_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "feed.xml").write_bytes(RSS)
    (folder / "dump.jsonl").write_text(JSONL)


def test_cli_ingest_stores_feed_and_jsonl_and_reports_bad_lines(tmp_path: Path) -> None:
    _write_inputs(tmp_path / "in")
    db = str(tmp_path / "news.db")
    code, out, err = _invoke("--db", db, "ingest", "--no-analyze", str(tmp_path / "in"))
    assert code == 1, out + err
    assert "dump.jsonl:2" in err and "not a JSON article" in err
    assert "dump.jsonl:3" in err and "no text" in err
    code, out, _ = _invoke("--db", db, "articles", "--json")
    assert code == 0
    titles = {a["title"] for a in json.loads(out)}
    assert titles == {
        "Poland signs for K2 tanks",
        "Second item",
        "India orders Rafale Marine",
        "Second good line",
    }
    rafale = next(a for a in json.loads(out) if a["title"].startswith("India"))
    assert rafale["outlet"] == "theprint"
    assert rafale["published"].startswith("2025-04-28T09:00:00")


def test_cli_ingest_twice_stores_nothing_new(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_bytes(RSS)
    db = str(tmp_path / "news.db")
    assert _invoke("--db", db, "ingest", "--no-analyze", str(tmp_path / "feed.xml"))[0] == 0
    code, out, _ = _invoke("--db", db, "ingest", "--no-analyze", "--json", str(tmp_path / "feed.xml"))
    report = json.loads(out)
    assert code == 0
    assert report["n_stored"] == 0 and report["n_unchanged"] == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty input"),
        ("binary.bin", bytes(range(256)) * 40, "binary content"),
        ("broken.xml", b'<?xml version="1.0"?><rss><channel><item><title>x', "feed"),
        ("bad.jsonl", b"{not json}\n", "not a JSON article"),
    ],
    ids=["empty", "binary", "truncated-feed", "jsonl-not-json"],
)
def test_cli_ingest_bad_input_fails_alone(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(content)
    (tmp_path / "in" / "good.xml").write_bytes(RSS)
    db = str(tmp_path / "news.db")
    code, out, err = _invoke("--db", db, "ingest", "--no-analyze", str(tmp_path / "in"))
    assert code == 1, out + err
    assert name in err and reason in err
    assert len([line for line in err.splitlines() if line.startswith("error")]) == 1
    assert "2 articles found, 2 stored" in out


def test_cli_ingest_all_failed_exits_3(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    code, _, err = _invoke("--db", str(tmp_path / "n.db"), "ingest", str(tmp_path / "empty.txt"))
    assert code == 3
    assert "empty input" in err


def test_cli_oversized_input_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSIFT_INGEST__MAX_INPUT_BYTES", "1000")
    (tmp_path / "big.txt").write_bytes(b"word " * 1000)
    (tmp_path / "feed.xml").write_bytes(RSS)
    code, out, err = _invoke(
        "--db",
        str(tmp_path / "n.db"),
        "ingest",
        "--no-analyze",
        str(tmp_path / "big.txt"),
        str(tmp_path / "feed.xml"),
    )
    assert code == 1
    assert "big.txt" in err and "too large" in err
    assert "2 stored" in out


def test_cli_bad_setting_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSIFT_PIPELINE__BATCH_SIZE", "lots")
    code, _, err = _invoke("--db", str(tmp_path / "n.db"), "articles")
    assert code == 2
    assert "batch_size" in err


def test_cli_search_and_show(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_bytes(RSS)
    db = str(tmp_path / "news.db")
    _invoke("--db", db, "ingest", "--no-analyze", str(tmp_path / "feed.xml"))
    code, out, _ = _invoke("--db", db, "search", "K2 Black Panther", "--json")
    hits = json.loads(out)
    assert code == 0 and [h["title"] for h in hits] == ["Poland signs for K2 tanks"]
    code, out, _ = _invoke("--db", db, "show", hits[0]["id"][:10])
    assert code == 0 and "Hyundai Rotem" in out
    code, _, err = _invoke("--db", db, "show", "doesnotexist")
    assert code == 1 and "no article" in err
