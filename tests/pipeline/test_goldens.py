"""Golden outputs (tests/golden/): the clean stage on one HTML page and the whole analysis of the bundled
example page, compared as JSON with sorted keys. ``pytest --update-goldens`` rewrites them; review the
diff like code."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsift import codec
from newsift.config import Settings
from newsift.ingest import read_file
from newsift.model import ContentType, RawDocument
from newsift.pipeline.steps import analyze_articles, clean_document
from newsift.views import render_analysis_json, render_article_json

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
WHEN = datetime(2025, 8, 1, 9, tzinfo=UTC)  # a fixed fetch time: no volatile field in a golden


def _check(actual: Any, path: Path, update: bool) -> None:
    text = json.dumps(codec.to_builtins(actual), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"{path.relative_to(REPO)} is missing: run pytest --update-goldens")
    assert json.loads(text) == json.loads(path.read_text(encoding="utf-8")), (
        f"{path.relative_to(REPO)} differs: review, then run pytest --update-goldens"
    )


def _html_page(name: str) -> RawDocument:
    """One of the bundled example pages (examples/, written for this project), never a copy of it."""
    content = (REPO / "examples" / f"{name}.html").read_bytes()
    return RawDocument(uri=f"golden/{name}.html", content=content, content_type=ContentType.HTML,
                       fetched_at=WHEN)  # fmt: skip


@pytest.mark.parametrize("name", ["defence-article"])
def test_golden_clean_html_page(name: str, update_goldens: bool) -> None:
    articles = clean_document(_html_page(name)).articles
    _check(
        [render_article_json(a) for a in articles], GOLDEN / "clean" / "html" / f"{name}.json", update_goldens
    )


def test_golden_analysis_of_the_example_page(update_goldens: bool) -> None:
    raw = replace(read_file(str(REPO / "examples" / "defence-ties-page.txt"), fetched_at=WHEN),
                  uri="examples/defence-ties-page.txt")  # fmt: skip
    analyses = analyze_articles(clean_document(raw).articles, Settings())
    golden = GOLDEN / "pipeline" / "examples" / "defence-ties-page.json"
    _check(render_analysis_json(analyses), golden, update_goldens)
