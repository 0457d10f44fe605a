from __future__ import annotations

import inspect
from pathlib import Path

import msgspec
import pytest

from newsift.config import IngestSettings, LlmSettings, PipelineSettings, Settings, load_settings
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


@pytest.mark.parametrize(
    "struct", [Settings, IngestSettings, PipelineSettings, LlmSettings], ids=lambda s: s.__name__
)
def test_config_every_setting_is_documented(struct: type[msgspec.Struct]) -> None:
    source = inspect.getsource(struct)
    for name in struct.__struct_fields__:
        if name in ("ingest", "pipeline"):
            continue
        block = source.split(f"    {name}:", 1)[1].splitlines()
        assert block[1].strip().startswith('"""'), f"{struct.__name__}.{name} has no docstring"


def test_config_llm_settings_are_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    keys = ["pipeline.extractor", *(f"llm.{name}" for name in LlmSettings.__struct_fields__)]
    assert [key for key in keys if f"`{key}`" not in readme] == []


def test_config_extractor_defaults_to_rules_and_accepts_llm() -> None:
    assert load_settings(env={}).pipeline.extractor == "rules"
    assert load_settings(env={"NEWSIFT_PIPELINE__EXTRACTOR": "llm"}).pipeline.extractor == "llm"


def test_config_unknown_extractor_fails_naming_the_field() -> None:
    with pytest.raises(ConfigError, match=r"'gpt'.*pipeline\.extractor"):
        load_settings(env={"NEWSIFT_PIPELINE__EXTRACTOR": "gpt"})


def test_config_llm_section_from_file_and_environment(tmp_path: Path) -> None:
    path = tmp_path / "newsift.toml"
    path.write_text('[llm]\nbase_url = "http://127.0.0.1:8000/v1"\nmodel = "small"\n')
    env = {"NEWSIFT_LLM__MODEL": "large", "NEWSIFT_LLM__EVENT_MAX_REQUESTS": "3"}
    llm = load_settings(path, env=env).llm
    assert (llm.base_url, llm.model, llm.event_max_requests) == ("http://127.0.0.1:8000/v1", "large", 3)


def test_config_other_newsift_variables_are_not_settings() -> None:
    env = {"NEWSIFT_LLM_API_KEY": "sk-secret", "NEWSIFT_SOMETHING": "x", "NEWSIFT_DB": "b.db"}
    settings = load_settings(env=env)
    assert settings.db == "b.db"
    assert settings.llm == LlmSettings()
    assert "sk-secret" not in msgspec.json.encode(settings).decode()


def test_config_unknown_section_variable_still_fails() -> None:
    with pytest.raises(ConfigError, match="lmm"):
        load_settings(env={"NEWSIFT_LMM__MODEL": "x"})
