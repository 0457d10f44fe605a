"""Language per article: detected offline at cleaning, stored, filterable; English-only extractors skipped."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsift.clean.language import DEFAULT_LANGUAGE, detect_language
from newsift.config import Settings
from newsift.pipeline.runner import run_ingest
from newsift.pipeline.steps import NOT_ENGLISH
from newsift.store import SqliteStore

WHEN = datetime(2025, 3, 4, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le gouvernement a annoncé mardi la commande de deux frégates pour la marine, un contrat que le"
            " ministre a qualifié de décisif pour les chantiers de la côte atlantique.",
            "fr",
        ),
        (
            "Hükümet salı günü donanma için iki fırkateyn sipariş edildiğini açıkladı ve bakan sözleşmenin"
            " tersaneler için çok önemli olduğunu söyledi.",
            "tr",
        ),
        (
            "El gobierno anunció el martes la compra de dos fragatas para la armada, un contrato que el"
            " ministro calificó de decisivo para los astilleros del norte.",
            "es",
        ),
        (
            "The government said on Tuesday it had ordered two frigates for the navy, a contract the minister"
            " called decisive for the shipyards on the Atlantic coast.",
            "en",
        ),
    ],
    ids=["french", "turkish", "spanish", "english"],
)
def test_language_detects_article_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_language_short_text_keeps_the_default() -> None:
    assert detect_language("Frégates: accord signé") == DEFAULT_LANGUAGE


FRENCH_PAGE = """<!DOCTYPE html><html lang="fr"><head>
<title>La France et l'Inde signent un accord naval</title>
<meta property="og:site_name" content="Le Courrier du Port"></head><body><article>
<h1>La France et l'Inde signent un accord naval</h1>
<p>Paris et New Delhi ont signé mardi un accord de coopération navale qui prévoit des exercices communs
dans l'océan Indien et l'échange d'officiers entre les deux marines, a annoncé le ministère des Armées.</p>
<p>Selon le ministère, l'Inde s'est engagée à acheter vingt-six avions de combat embarqués, dont la livraison
doit commencer d'ici trois ans. Le ministre a déclaré que l'accord renforçait un partenariat ancien.</p>
<p>Les deux pays organiseront leur prochain exercice naval au printemps, au large de la côte ouest
de l'Inde.</p>
</article></body></html>
"""
ENGLISH_PAGE = """India signs naval pact with France

India and France signed a naval cooperation agreement on Tuesday. India agreed to buy 26 carrier-based
fighter jets from France, the defence ministry said. The two navies will hold a joint exercise in spring.
"""


def _pages(tmp_path: Path) -> Path:
    """A folder with the French page and the same news in English."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "accord.html").write_text(FRENCH_PAGE, encoding="utf-8")
    (pages / "pact.txt").write_text(ENGLISH_PAGE, encoding="utf-8")
    return pages


def test_issue_20_french_page_is_stored_in_french_without_english_facts(
    tmp_path: Path, store: SqliteStore
) -> None:
    settings = Settings(db=str(tmp_path / "news.db"))
    report = run_ingest([str(_pages(tmp_path))], store, settings, fetched_at=WHEN)
    assert not report.failures and report.n_stored == 2
    (french,) = store.query_articles(language="fr")
    (english,) = store.query_articles(language="en")
    assert french.title == "La France et l'Inde signent un accord naval"
    assert store.query_events(article_id=french.id) == []
    assert store.query_mentions(french.id) == []
    assert store.query_events(article_id=english.id)  # the same news in English does give events
    assert [(r.item_id, r.reason) for r in report.rejected] == [(french.id, NOT_ENGLISH)]
    assert "language fr" in report.rejected[0].detail
    assert [hit.article.id for hit in store.search("coopération navale")] == [french.id]


def test_issue_20_cli_lists_articles_by_language_and_reports_skipped(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsift.cli import app

    db = str(tmp_path / "news.db")
    runner = CliRunner()
    ingest = runner.invoke(app, ["--db", db, "ingest", str(_pages(tmp_path))])
    assert ingest.exit_code == 0, ingest.stdout + ingest.stderr
    assert "1 article not in English (fr)" in ingest.stderr
    listed = runner.invoke(app, ["--db", db, "articles", "--language", "fr", "--json"])
    assert listed.exit_code == 0
    assert [(a["title"], a["language"]) for a in json.loads(listed.stdout)] == [
        ("La France et l'Inde signent un accord naval", "fr")
    ]
