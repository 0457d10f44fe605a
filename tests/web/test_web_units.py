"""Unit tests of the web helpers: marked text, SVG charts, passwords and CSRF tokens (no server)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from newsift.link.summary import summarize
from newsift.model import Article, Position
from newsift.store import SqliteStore
from newsift.web.auth import (
    authenticate,
    check_csrf,
    create_session,
    create_user,
    make_csrf,
    query_session_user,
)
from newsift.web.charts import count_by_period, render_bar_chart
from newsift.web.marks import Span, render_marked_paragraphs
from newsift.web.summaries import query_summary


def test_marks_escape_text_and_nest_overlapping_spans() -> None:
    text = 'Title <b>\n\nTurkey denied "it" <script>x</script>.'
    start = text.index("Turkey")
    spans = [
        Span(start=start, end=len(text), layer="claim", kind="denied"),
        Span(start=start, end=start + 6, layer="mention", kind="country", href="/entities/TUR"),
        Span(start=text.index('"'), end=text.rindex('"') + 1, layer="quote", kind="direct"),
    ]
    title, body = (str(p) for p in render_marked_paragraphs(text, spans))
    assert title == "Title &lt;b&gt;"
    assert '<a class="mention mention-country" href="/entities/TUR">Turkey</a>' in body
    assert "&lt;script&gt;" in body and "<script>" not in body
    assert body.endswith('<span class="badge badge-denied">denied</span>')
    assert body.count("<span") - body.count("</span>") == 0


def test_marks_escape_every_attribute_value() -> None:
    text = "Ankara spoke. Then Paris."
    spans = [
        Span(start=0, end=13, layer="sentence", kind='0"><i>'),
        Span(start=0, end=6, layer="mention", kind="a&b", title='say "hi" <x>', href='/e?a=1&b="2"'),
        Span(start=19, end=24, layer="quote", kind="<k>", title="it's"),
        Span(start=14, end=25, layer="claim", kind='de"nied'),
    ]
    (html,) = (str(p) for p in render_marked_paragraphs(text, spans))
    assert '<span class="sent" data-s="0&#34;&gt;&lt;i&gt;" id="s-0&#34;&gt;&lt;i&gt;">' in html
    assert 'href="/e?a=1&amp;b=&#34;2&#34;" title="say &#34;hi&#34; &lt;x&gt;">Ankara</a>' in html
    assert 'class="mention mention-a&amp;b"' in html
    assert '<span class="quote quote-&lt;k&gt;" data-kind="&lt;k&gt;" title="it&#39;s">Paris</span>' in html
    assert html.endswith('<span class="badge badge-de&#34;nied">de&#34;nied</span>')
    assert "<i>" not in html and "<k>" not in html


def test_marks_drop_overlapping_mentions_keep_the_first() -> None:
    text = "New Delhi said so"
    spans = [
        Span(start=0, end=9, layer="mention", kind="place"),
        Span(start=4, end=9, layer="mention", kind="x"),
    ]
    (html,) = render_marked_paragraphs(text, spans)
    assert html.count("mention-") == 1 and "mention-place" in html


def test_charts_count_by_month_and_escape_labels() -> None:
    points = count_by_period([("2025-04-28T09:00", 2), ("2025-04-01", 1), (None, 1), ("2024-12-01", 3)])
    assert points == [("2024-12", 3), ("2025-04", 3), ("undated", 1)]
    svg = str(render_bar_chart([("<x>", 2)], title="a & b"))
    assert svg.startswith("<svg") and "&lt;x&gt;" in svg and "a &amp; b" in svg and "style=" not in svg


def test_auth_passwords_are_hashed_and_sessions_resolve(tmp_path: Path) -> None:
    conn = SqliteStore(tmp_path / "a.db")
    create_user(conn, "frank", "a fine password")
    with closing(sqlite3.connect(tmp_path / "a.db")) as raw_db:
        stored = raw_db.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2") and "a fine password" not in stored
    assert authenticate(conn, "frank", "a fine password")
    assert not authenticate(conn, "frank", "a wrong password") and not authenticate(conn, "nobody", "x" * 9)
    raw = create_session(conn, "frank")
    assert query_session_user(conn, raw) == "frank" and query_session_user(conn, raw + "x") is None
    conn.close()


@pytest.mark.parametrize(
    ("cookie", "field", "ok"),
    [("same", "same", True), ("same", "other", False), (None, "same", False), ("same", None, False)],
    ids=["match", "mismatch", "no-cookie", "no-field"],
)
def test_auth_csrf_needs_matching_signed_values(cookie: str | None, field: str | None, ok: bool) -> None:
    secret = b"k" * 32
    token = make_csrf(secret)
    assert check_csrf(secret, token if cookie else None, token if field == "same" else field) is ok
    assert not check_csrf(b"other" * 8, token, token)


def test_summaries_are_kept_by_their_inputs_only() -> None:
    body = (
        "The port authority opened a new container berth on Monday. It can take the largest ships now in "
        "service. The berth cost less than planned, the authority said. Dredging of the channel ends next "
        "year. A union said more pilots were needed for the larger ships."
    )
    first = Article(id="a", page_id="p", position=Position.MAIN, index=0, title="New berth opens", body=body)
    fresh = [
        {"sentence_index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in summarize(first)
    ]
    assert query_summary(first, []) == fresh == query_summary(first, [])
    query_summary(first, [])[0]["text"] = "changed by a caller"
    assert query_summary(first, []) == fresh
    other = replace(first, body="The museum reopened after a long repair. Visitors queued all morning.")
    assert query_summary(other, [])[0]["text"].startswith("The museum")  # same id, other text
    spans = [(0, len("New berth opens"))]  # a different sentence split is another input
    assert query_summary(first, spans) == []  # the title is never part of the summary
