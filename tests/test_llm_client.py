from __future__ import annotations

import inspect

from newsift.config import load_settings
from newsift.llm_client import LlmSettings


def test_llm_client_every_setting_is_documented() -> None:
    source = inspect.getsource(LlmSettings)
    for name in LlmSettings.__struct_fields__:
        block = source.split(f"    {name}:", 1)[1].splitlines()
        assert block[1].strip().startswith('"""'), f"LlmSettings.{name} has no docstring"


def test_llm_client_event_bounds_come_from_the_environment() -> None:
    env = {"NEWSIFT_LLM__EVENT_MAX_REQUESTS": "4", "NEWSIFT_LLM__EVENT_SHORT_ARTICLE": "2"}
    settings = load_settings(env=env).llm
    assert (settings.event_max_requests, settings.event_short_article, settings.event_max_tokens) == (
        4,
        2,
        1000,
    )
