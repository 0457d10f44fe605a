"""Small server-side SVG charts (no JavaScript, no inline styles: CSP-safe). Labels are escaped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape

__all__ = ["count_by_period", "render_bar_chart", "render_time_strip"]

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


_STRIP = Markup(
    '<svg class="chart strip" viewBox="0 0 {w} {h}" role="img" aria-label="{title}"><title>{title}</title>'
    "{axis}{lanes}{marks}</svg>"
)
_LANE = Markup(
    '<text class="lane" x="4" y="{y:.0f}" font-size="11">{label}</text>'
    '<line x1="{left}" y1="{y:.0f}" x2="{right}" y2="{y:.0f}" stroke="#ccc"/>'
)
_TICK = Markup(
    '<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#eee"/>'
    '<text x="{x:.1f}" y="{label_y}" text-anchor="middle" font-size="10">{year}</text>'
)
# A plain string, each text escaped by ``_mark`` (Markup.format's escaping formatter is slow over hundreds
# of marks; the result is the same).
_MARK = (
    '<a href="{href}"><circle class="mark status-{status} when-{source}" cx="{x:.1f}" cy="{y:.1f}" r="6">'
    "<title>{when} · {status}: {text}</title></circle></a>"
)
_LANES = (("text", "event date", 34.0), ("report", "report date only", 104.0))
_LEFT, _STRIP_H = 110.0, 150


def _fraction(value: str) -> float | None:
    """An ISO date or prefix as a fractional year (2018 → 2018.0, 2018-07 → 2018.5)."""
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
    except ValueError:
        return None
    return year + (month - 1) / 12 + (day - 1) / 366


def render_time_strip(points: Sequence[dict[str, str]], *, title: str) -> Markup:
    """Facts placed on their own time (one lane), and those dated only by their report (a lane apart).

    Each point has ``when`` (ISO date or prefix), ``source`` (``text`` or ``report``), ``status``,
    ``text`` (shown on hover) and ``href``.
    """
    placed = [(p, x) for p in points if (x := _fraction(p["when"])) is not None]
    if not placed:
        return Markup('<p class="empty">No dated events to draw.</p>')
    low = int(min(x for _, x in placed))
    high = int(max(x for _, x in placed)) + 1
    scale = (_W - _LEFT - _PAD) / (high - low)
    axis = Markup("").join(
        _TICK.format(
            x=_LEFT + (year - low) * scale, year=year, top=14, bottom=_STRIP_H - 22, label_y=_STRIP_H - 8
        )
        for year in range(low, high + 1, max(1, (high - low) // 8))
    )
    lanes = Markup("").join(
        _LANE.format(y=y, label=label, left=_LEFT, right=_W - _PAD) for _, label, y in _LANES
    )
    seen: Counter[tuple[str, int]] = Counter()
    marks = []
    for point, x in sorted(placed, key=lambda item: item[1]):
        source = "report" if point["source"] == "report" else "text"
        lane_y = _LANES[0][2] if source == "text" else _LANES[1][2]
        slot = (source, round((x - low) * scale / 8))
        y = lane_y + (0, -9, 9, -18)[seen[slot] % 4]
        seen[slot] += 1
        marks.append(_mark(point, source, _LEFT + (x - low) * scale, y))
    return _STRIP.format(w=_W, h=_STRIP_H, title=title, axis=axis, lanes=lanes, marks=Markup("".join(marks)))


def _mark(point: dict[str, str], source: str, x: float, y: float) -> str:
    """One mark of the strip as SVG text, its strings escaped."""
    texts = {k: escape(point[k]) for k in ("href", "status", "when", "text")}
    return _MARK.format(source=escape(source), x=x, y=y, **texts)
