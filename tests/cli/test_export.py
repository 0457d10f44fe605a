"""`newsift export`: csv, parquet, graphml, gexf and jsonl, read back by pandas and networkx."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx
import pandas
import pytest
from tests.test_workspace import fill_store
from typer.testing import CliRunner

from newsift.cli import app
from newsift.exports import TABLES
from newsift.store import SqliteStore
from newsift.web.auth import create_user
from newsift.web.comments import create_comment

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = fill_store(tmp_path / "n.db")
    conn = SqliteStore(path)
    create_user(conn, "analyst", "long-enough-pw")
    create_comment(conn, "a1", "analyst", "Check the launcher count against the ministry.", claim_id="c1")
    conn.close()
    return path


def _export(db: str, *args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(app, ["--db", db, "export", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


def test_export_csv_writes_one_file_per_table(db: str, tmp_path: Path) -> None:
    code, _, err = _export(db, "csv", "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.csv")) == sorted(TABLES)
    events = pandas.read_csv(tmp_path / "out" / "events.csv")
    assert events.loc[0, ["actors", "item", "quantity", "year"]].tolist() == [
        "NOR -> UKR",
        "NASAMS launchers",
        12,
        2023,
    ]
    comments = pandas.read_csv(tmp_path / "out" / "comments.csv")
    assert comments.loc[0, ["article_id", "claim_id", "user"]].tolist() == ["a1", "c1", "analyst"]


def test_export_csv_one_table_to_stdout(db: str) -> None:
    code, out, _ = _export(db, "csv", "--table", "claims")
    claims = pandas.read_csv(io.BytesIO(out))
    assert code == 0
    assert claims[["id", "status", "denied_by"]].values.tolist() == [["c1", "denied", "NOR"]]


def test_export_parquet_reads_back_typed(db: str, tmp_path: Path) -> None:
    code, _, err = _export(db, "parquet", "--out", str(tmp_path))
    events = pandas.read_parquet(tmp_path / "events.parquet")
    assert code == 0, err
    assert (events.loc[0, "value"], events.loc[0, "currency"], events.loc[0, "status"]) == (
        2e8,
        "USD",
        "asserted",
    )
    assert str(events["year"].dtype) == "int64"


def test_export_graphml_opens_in_networkx(db: str, tmp_path: Path) -> None:
    code, out, _ = _export(db, "graphml")
    (tmp_path / "g.graphml").write_bytes(out)
    graph = networkx.read_graphml(tmp_path / "g.graphml")
    assert code == 0
    assert dict(graph.nodes(data=True))["NOR"] == {
        "label": "Norway",
        "kind": "country",
        "country": "NOR",
        "mentions": 1,
    }
    edges = {d["relation"]: (u, v, d) for u, v, d in graph.edges(data=True)}
    u, v, event = edges["event"]
    assert (u, v, event["type"], event["subtype"], event["status"]) == (
        "NOR",
        "UKR",
        "AID",
        "arms_transfer",
        "asserted",
    )
    assert (event["time"], event["count"], event["n_articles"]) == ("2023", 1, 1)
    assert edges["co_mention"][2]["count"] == 1


def test_export_gexf_opens_in_networkx(db: str, tmp_path: Path) -> None:
    code, out, _ = _export(db, "gexf")
    (tmp_path / "g.gexf").write_bytes(out)
    graph = networkx.read_gexf(tmp_path / "g.gexf")
    assert code == 0
    assert sorted(graph.nodes) == ["NOR", "UKR"]
    assert graph.nodes["UKR"]["kind"] == "country"
    assert sorted(d["relation"] for _, _, d in graph.edges(data=True)) == ["co_mention", "event"]


def test_export_jsonl_carries_comments(db: str) -> None:
    code, out, _ = _export(db, "jsonl")
    lines = [json.loads(line) for line in out.decode().splitlines()]
    (comment,) = [line["record"] for line in lines if line["type"] == "comment"]
    assert code == 0
    assert comment["body"].startswith("Check the launcher count")
    assert {line["type"] for line in lines} == {"article", "entity", "event", "claim", "comment"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(("csv",), "--out DIR", id="table-format-needs-out-or-table"),
        pytest.param(("csv", "--table", "nope"), "tables: articles", id="unknown-table"),
        pytest.param(("graphml", "--table", "events"), "writes one file", id="table-on-graph"),
        pytest.param(("xml",), "choose one of", id="unknown-format"),
    ],
)
def test_export_usage_errors_exit_2_and_say_why(db: str, args: tuple[str, ...], says: str) -> None:
    code, _, err = _export(db, *args)
    assert code == 2
    assert says in " ".join(err.split())
