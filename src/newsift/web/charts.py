"""Small server-side SVG charts (no JavaScript, no inline styles: CSP-safe). Labels are escaped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from markupsafe import Markup

__all__ = ["count_by_period", "render_bar_chart"]

_W, _H, _PAD = 560, 160, 24
# Markup templates: format() escapes every argument that is not already Markup.
_CHART = Markup(
    '<svg class="chart" viewBox="0 0 {w} {h_all}" role="img" aria-label="{title}"><title>{title}</title>'
    '<line x1="{pad}" y1="{h}" x2="{right}" y2="{h}" stroke="#888"/>{bars}</svg>'
)
_BAR = Markup(
    '<g><rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}"'
    ' fill="#3a6ea5"><title>{label}: {n}</title></rect>'
    '<text x="{middle:.1f}" y="{above:.1f}" text-anchor="middle" font-size="11">{n}</text>'
    '<text x="{middle:.1f}" y="{below}" text-anchor="middle" font-size="10">{label}</text></g>'
)


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
    bars = Markup("").join(_bar(i, label, n, top, step) for i, (label, n) in enumerate(points))
    return _CHART.format(w=_W, h=_H, h_all=_H + _PAD, pad=_PAD, right=_W - _PAD, title=title, bars=bars)


def _bar(i: int, label: str, n: int, top: int, step: float) -> Markup:
    height = (_H - _PAD) * n / top
    width = min(step * 0.7, 48.0)
    x = _PAD + i * step + (step - width) / 2
    y = _H - height
    return _BAR.format(
        x=x, y=y, width=width, height=height, label=label, n=n, middle=x + width / 2, above=y - 4,
        below=_H + 14,
    )  # fmt: skip
