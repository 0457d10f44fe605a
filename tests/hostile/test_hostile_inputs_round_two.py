"""Hostile inputs, round two (issue 22): each row's input written here, run through the real runner or
CLI beside a good input, and the run's report compared with what the store then holds.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from tests.hostile import cli_process as proc

from newsift.config import Settings
from newsift.model import RunReport
from newsift.pipeline.runner import run_ingest
from newsift.store import open_store

GOOD = "Good title\n\nTurkey and Pakistan held talks in Ankara on Monday about a new frigate.\n"


def _settings(db: Path) -> Settings:
    import msgspec

    settings = Settings(db=str(db))
    pipeline = msgspec.structs.replace(settings.pipeline, analyze=False)
    return msgspec.structs.replace(settings, pipeline=pipeline)


def _ingest(paths: list[Path], db: Path) -> tuple[RunReport, list[dict[str, object]]]:
    """Run the runner (no NLP) and return its report and the articles the store then holds."""
    store = open_store(str(db))
    try:
        report = run_ingest([str(p) for p in paths], store, _settings(db))
    finally:
        store.close()
    with closing(sqlite3.connect(db)) as conn:
        stored = [json.loads(row[0]) for row in conn.execute("SELECT record FROM articles")]
    assert report.n_stored == len(stored) == len(set(report.article_ids))  # the report equals the store
    return report, stored


def test_d2_named_pipe_in_a_folder_is_skipped_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    os.mkfifo(folder / "pipe.txt")
    done: list[tuple[RunReport, list[dict[str, object]]]] = []
    worker = threading.Thread(
        target=lambda: done.append(_ingest([folder], tmp_path / "news.db")), daemon=True
    )
    worker.start()
    worker.join(60)
    if worker.is_alive():  # unblock the open() so the thread can end, then fail
        with open(folder / "pipe.txt", "wb"):
            pass
        pytest.fail("ingest blocked on a named pipe")
    report, stored = done[0]
    assert [a["title"] for a in stored] == ["Good title"]
    [failure] = report.failures
    assert failure.item_id.endswith("pipe.txt") and "not a regular file" in failure.message


def test_d3_file_name_not_utf8_is_reported_printably_and_the_rest_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    odd = os.path.join(os.fsencode(folder), b"\xff\x1b[31m.txt")  # a byte no UTF-8 and an escape sequence
    with open(odd, "wb") as handle:
        handle.write(b"Odd name\n\nPakistan and Turkey signed a drone deal in Islamabad on Tuesday.\n")
    db = tmp_path / "news.db"
    run = proc.run_newsift(["--db", str(db), "ingest", "--no-analyze", str(folder)], tmp_path / "run")
    assert run.code == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    with closing(sqlite3.connect(db)) as conn:
        uris = sorted(row[0] for row in conn.execute("SELECT uri FROM pages"))
    assert len(uris) == 2 and "2 stored" in run.stdout
    assert uris[0].endswith("\\xff\\x1b[31m.txt")  # printable: the bytes spelled out, no raw escape
    assert all(uri.isprintable() for uri in uris)


def test_d3_unreadable_odd_name_is_reported_on_one_printable_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    with open(os.path.join(os.fsencode(folder), b"bad\xfe\nname.txt"), "wb") as handle:
        handle.write(b"")  # empty: refused, so its name must be printed
    run = proc.run_newsift(
        ["--db", str(tmp_path / "news.db"), "ingest", "--no-analyze", str(folder)], tmp_path / "run"
    )
    assert run.code == 1, run.stderr[-2000:]
    [line] = run.error_lines()
    assert "bad\\xfe\\nname.txt: empty input" in line


def test_d5_deep_jsonl_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    depth = 200_000
    with path.open("w") as out:
        out.write('{"title": "Deep", "text": "x", "extra": ' + "[" * depth + "]" * depth + "}\n")
        out.write(
            '{"title": "Deep object", "text": "y", "extra": ' + '{"a":' * depth + "1" + "}" * depth + "}\n"
        )
        out.write('{"title": "Good line", "text": "The KAAN jet flew over Ankara on Friday."}\n')
    report, stored = _ingest([path], tmp_path / "news.db")
    assert [a["title"] for a in stored] == ["Good line"]
    assert sorted(f.item_id for f in report.failures) == [f"{path}:1", f"{path}:2"]
    assert all("nested too deeply" in f.message for f in report.failures)


@pytest.mark.parametrize(
    ("charset", "codec", "text"),
    [
        ("Shift_JIS", "shift_jis", "東京で両国の代表が会談し、防衛協力の拡大で合意した。"),
        ("GB18030", "gb18030", "两国代表在北京举行会谈，同意扩大防务合作。"),
        ("gb2312", "gb18030", "两国代表在北京举行会谈，同意扩大防务合作。"),
    ],
)
def test_d9_declared_meta_charset_is_used_when_it_decodes(
    tmp_path: Path, charset: str, codec: str, text: str
) -> None:
    from newsift.ingest.sniff import decode_text

    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{text[:6]}</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    )
    content = page.encode(codec)
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    assert text in decode_text(content, "page.html")
    short = f'<meta charset="{charset}"><p>{text}</p>'.encode(codec)
    assert text in decode_text(short, "page.html")


def test_d9_a_declared_charset_that_does_not_fit_is_not_trusted() -> None:
    from newsift.ingest.sniff import decode_text

    content = '<meta charset="shift_jis"><p>Café au lait in Besançon, naïve façade.</p>'.encode("cp1252")
    decoded = decode_text(content, "page.html")  # \xe7 then \x61 is no Shift_JIS pair: the guess wins
    assert "Besançon" in decoded


def test_d10_duplicate_guids_and_ids_are_all_kept_and_reported_as_stored(tmp_path: Path) -> None:
    items = "".join(
        f"<item><guid>same-guid</guid><title>Story {n}</title>"
        f"<description>Report number {n} on the frigate talks in Karachi.</description></item>"
        for n in range(3)
    )
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    )
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text(
        '{"id": "r1", "title": "First", "text": "The first record about the drone deal."}\n'
        '{"id": "r1", "title": "Second", "text": "The second record about the tank order."}\n'
    )
    report, stored = _ingest([feed, jsonl], tmp_path / "news.db")
    assert report.n_stored == 5
    assert sorted(a["title"] for a in stored) == ["First", "Second", "Story 0", "Story 1", "Story 2"]


def test_d10_first_of_duplicate_ids_keeps_its_plain_id(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from newsift.clean.structured import extract_jsonl_articles
    from newsift.model import make_id

    text = '{"id": "r1", "title": "A", "text": "One."}\n{"id": "r1", "title": "B", "text": "Two."}\n'
    result = extract_jsonl_articles(text, page_id="p", uri="r.jsonl", fetched_at=datetime.now(UTC))
    assert result.articles[0].id == make_id("p", "r1")
    assert len({a.id for a in result.articles}) == 2


@pytest.mark.parametrize("spaces", ["\u00a0\u3000\u200b\ufeff \n", "\ufeff\u200b\u2060\u00ad\t"])
def test_d11_only_unicode_spaces_is_empty_input(tmp_path: Path, spaces: str) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text(spaces * 1000, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    report, stored = _ingest([blank, good], tmp_path / "news.db")
    assert [a["title"] for a in stored] == ["Good title"]
    [failure] = report.failures
    assert failure.item_id == str(blank) and failure.message.startswith("empty input")


UNDER_CAP = 49 * 1024 * 1024  # just under ingest.max_input_bytes (50 MiB)


def _write_under_cap(path: Path, *, one_line: bool) -> None:
    sentence = "Turkey and Pakistan held talks in Ankara on Monday about the new frigate programme. "
    body = sentence * (UNDER_CAP // len(sentence))
    path.write_text("A very long report\n\n" + (body if one_line else body.replace(". ", ".\n")))


@pytest.mark.parametrize(
    "one_line", [True, pytest.param(False, marks=pytest.mark.slow)], ids=["one-line", "many-lines"]
)
def test_d8_text_just_under_the_size_cap_stays_under_the_memory_bound(tmp_path: Path, one_line: bool) -> None:
    path = tmp_path / "long.txt"
    _write_under_cap(path, one_line=one_line)
    db = tmp_path / "news.db"
    run = proc.run_newsift(
        ["--db", str(db), "ingest", "--no-analyze", str(path)],
        tmp_path / "run",
        timeout_s=300,
        preexec=proc.limit_memory(),  # the kernel holds the run's data to the bound: MemoryError past it
    )
    assert run.code == 0, run.stderr[-2000:]
    assert run.peak_rss_mb < proc.MEMORY_BOUND_MB, run.peak_rss_mb
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_d8_content_hash_in_slices_equals_the_hash_of_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from newsift import model

    def whole(text: str) -> str:
        return model.make_id(" ".join(text.split()).casefold(), length=32)

    pieces = [
        "a",
        "B",
        "ß",
        "Σ",
        "ς",
        "İ",
        "é",
        " ",
        "\n",
        "\t",
        "\u00a0",
        "\u3000",
        "\u2028",
        "\x1c",
        "\x85",
    ]
    rng = random.Random(22)
    monkeypatch.setattr(model, "_SLICE", 5)  # many slices, cut inside runs of words and of spaces
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 50)))
        assert model.content_hash(text) == whole(text), repr(text)
