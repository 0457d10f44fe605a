"""Small server-side SVG charts (no JavaScript, no inline styles: CSP-safe). Labels are escaped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape

__all__ = ["count_by_period", "render_bar_chart"]

_W, _H, _PAD = 560, 160, 24


def count_by_period(dates: Iterable[tuple[str | None, int]], *, width: int = 7) -> list[tuple[str, int]]:
    """Sum counts per period: the first ``width`` characters of an ISO date (7 = month); None is 'undated'."""
    counts: Counter[str] = Counter()
    for date, n in dates:
        counts[date[:width] if date else "undated"] += n
    return sorted(counts.items(), key=lambda item: (item[0] == "undated", item[0]))


def render_bar_chart(points: Sequence[tuple[str, int]], *, title: str) -> Markup:
    """A bar chart of (label, count) points as an accessible inline SVG."""
    if not points:
        return Markup('<p class="empty">No data to chart.</p>')
    top = max(n for _, n in points) or 1
    step = (_W - 2 * _PAD) / len(points)
    bars = [_bar(i, label, n, top, step) for i, (label, n) in enumerate(points)]
    return Markup(
        f'<svg class="chart" viewBox="0 0 {_W} {_H + _PAD}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<line x1="{_PAD}" y1="{_H}" x2="{_W - _PAD}" y2="{_H}" stroke="#888"/>' + "".join(bars) + "</svg>"
    )


def _bar(i: int, label: str, n: int, top: int, step: float) -> str:
    height = (_H - _PAD) * n / top
    width = min(step * 0.7, 48.0)
    x = _PAD + i * step + (step - width) / 2
    y = _H - height
    middle = x + width / 2
    return (
        f'<g><rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}"'
        f' fill="#3a6ea5"><title>{escape(label)}: {n}</title></rect>'
        f'<text x="{middle:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11">{n}</text>'
        f'<text x="{middle:.1f}" y="{_H + 14}" text-anchor="middle" font-size="10">{escape(label)}</text></g>'
    )
