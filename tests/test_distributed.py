"""run_ray on a local two-CPU Ray: a WARC shard and a JSONL shard in, Parquet out, the store loaded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsift.config import PipelineSettings, Settings
from newsift.errors import ConfigError
from newsift.store import SqliteStore

ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'ray[data]')")

from newsift.pipeline.distributed import run_ray  # noqa: E402

pytestmark = [
    pytest.mark.model,
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*"),  # Ray's own, from its defaults
]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _shards(folder: Path) -> None:
    rows = [
        {
            "id": f"r{i}",
            "title": f"Talks {i}",
            "text": f"Turkey and Pakistan held talks in Ankara, round {i}.",
        }
        for i in range(5)
    ]
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (folder / "b.jsonl").write_text(
        '{"id": "x", "title": "Drones", "text": "India bought drones."}\nnot json\n'
    )


def test_distributed_run_ray_writes_parquet_and_loads_the_store(local_ray: None, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    shards = tmp_path / "in"
    shards.mkdir()
    _shards(shards)
    out, db = tmp_path / "out", tmp_path / "ray.db"
    settings = Settings(pipeline=PipelineSettings(batch_size=4))
    report = run_ray(str(shards / "*.jsonl"), out, str(db), settings=settings)
    assert (report.n_inputs, report.n_articles, report.n_stored) == (2, 6, 6)
    assert [f.item_id.rsplit("/", 1)[-1] for f in report.failures] == ["b.jsonl:2"]
    table = pq.read_table(out)
    assert table.num_rows == 7
    store = SqliteStore(db)
    assert store.count_articles() == 6
    assert all(
        table.column("analysis").to_pylist()[i]
        for i, k in enumerate(table.column("kind").to_pylist())
        if k == "article"
    )
    assert any(store.query_mentions(article_id) for article_id in report.article_ids)
    store.close()
    again = run_ray(str(shards / "*.jsonl"), tmp_path / "out2", str(db), settings=settings)
    assert (again.n_stored, again.n_unchanged) == (0, 6)


def test_distributed_run_ray_refuses_an_empty_glob(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no input matches"):
        run_ray(str(tmp_path / "*.warc.gz"), tmp_path / "out", str(tmp_path / "db"))
