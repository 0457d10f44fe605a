from __future__ import annotations

import inspect
from pathlib import Path

import msgspec
import pytest

from newsift.config import IngestSettings, PipelineSettings, Settings, load_settings
from newsift.errors import ConfigError


def test_config_environment_overrides_file(tmp_path: Path) -> None:
    path = tmp_path / "newsift.toml"
    path.write_text('db = "a.db"\n[pipeline]\nbatch_size = 8\n')
    settings = load_settings(path, env={"NEWSIFT_PIPELINE__BATCH_SIZE": "4"})
    assert settings.db == "a.db"
    assert settings.pipeline.batch_size == 4


def test_config_unknown_key_names_its_path(tmp_path: Path) -> None:
    path = tmp_path / "newsift.toml"
    path.write_text("[ingest]\nmax_bytes = 3\n")
    with pytest.raises(ConfigError, match="max_bytes"):
        load_settings(path, env={})


def test_config_wrong_type_fails() -> None:
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(env={"NEWSIFT_PIPELINE__BATCH_SIZE": "many"})


@pytest.mark.parametrize("struct", [Settings, IngestSettings, PipelineSettings], ids=lambda s: s.__name__)
def test_config_every_setting_is_documented(struct: type[msgspec.Struct]) -> None:
    source = inspect.getsource(struct)
    for name in struct.__struct_fields__:
        if name in ("ingest", "pipeline"):
            continue
        block = source.split(f"    {name}:", 1)[1].splitlines()
        assert block[1].strip().startswith('"""'), f"{struct.__name__}.{name} has no docstring"
