"""Small server-drawn SVG charts for trainers and learners: horizontal bars and sparklines.

Every text is escaped here, so each chart comes back as a SafeString. Each chart is `role="img"`
with a title and a description, and the views show the same figures in a table next to it (colour
is never the only way to read a value).
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

BAR_COLOUR = "#0a5c8a"
TEXT_COLOUR = "#1f2328"
AXIS_COLOUR = "#6e7781"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _chart_opening(width: int, height: int, svg_id: str, title: str, description: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spoc-chart" role="img" viewBox="0 0 '
        f'{width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{svg_id}-title {svg_id}-desc">'
        f'<title id="{svg_id}-title">{escape(title)}</title><desc '
        f'id="{svg_id}-desc">{escape(description)}</desc>'
    )


def _row_label(label: str, label_width: int, y: float) -> str:
    """A bar's label, right-aligned before the plot, shortened with its full text in a tooltip."""
    short = label if len(label) <= 26 else label[:25] + "…"
    return (
        f'<text x="{label_width - 6}" y="{y + 18}" text-anchor="end" font-size="13" '
        f'fill="{TEXT_COLOUR}">'
        f"<title>{escape(label)}</title>{escape(short)}</text>"
    )


def bar_chart_svg(
    bars: list[tuple[str, float]],
    maximum: float,
    *,
    title: str,
    description: str,
    svg_id: str,
    suffix: str = "",
    written=None,
    width: int = 480,
) -> SafeString:
    """Horizontal bars, one per (label, value), scaled to `maximum`, each with its value written
    after it (by `written(value)`, a figures helper, when given)."""
    label_width, row, value_room = 170, 28, 60
    plot = width - label_width - value_room
    height = row * max(len(bars), 1) + 8
    parts = [_chart_opening(width, height, svg_id, title, description)]
    for index, (label, value) in enumerate(bars):
        y = 4 + index * row
        length = 0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * plot
        parts.append(
            _row_label(label, label_width, y)
            + f'<rect x="{label_width}" y="{y + 5}" width="{length:.1f}" height="16" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 18}" font-size="13" '
            f'fill="{TEXT_COLOUR}">'
            f"{escape(written(value) if written else _number(value) + suffix)}</text>"
        )
    parts.append(
        f'<line x1="{label_width}" y1="2" x2="{label_width}" y2="{height - 2}" '
        f'stroke="{AXIS_COLOUR}"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it was escaped above


def sparkline_svg(
    values: list[float | None],
    minimum: float,
    maximum: float,
    *,
    title: str,
    svg_id: str,
    width: int = 100,
    height: int = 24,
) -> SafeString:
    """A small line through the values (None leaves a gap), with a dot on the last one."""
    span = (maximum - minimum) or 1
    step = width / max(len(values) - 1, 1)
    points, segments = [], []
    for index, value in enumerate(values):
        if value is None:
            if points:
                segments.append(points)
            points = []
            continue
        y = height - 3 - (min(max(value, minimum), maximum) - minimum) / span * (height - 6)
        points.append((index * step, y))
    if points:
        segments.append(points)
    lines = "".join(
        f'<polyline fill="none" stroke="{BAR_COLOUR}" stroke-width="2" '
        f'points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in segment)}"/>'
        for segment in segments
        if len(segment) > 1
    )
    last = segments[-1][-1] if segments else None
    dot = (
        f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="2.5" fill="{BAR_COLOUR}"/>'
        if last
        else ""
    )
    return mark_safe(  # the title is escaped; the rest is numbers
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spoc-sparkline" role="img" '
        f'width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="{svg_id}-title">'
        f'<title id="{svg_id}-title">{escape(title)}</title>{lines}{dot}</svg>'
    )


NEGATIVE_COLOUR = "#a4262c"


def _signed(value: float) -> str:
    if round(value, 1) == 0:
        return "0"
    return ("+" if value > 0 else "-") + _number(round(abs(value), 1))


def diverging_bar_chart_svg(
    bars: list[tuple[str, float]],
    limit: float,
    *,
    title: str,
    description: str,
    svg_id: str,
    spreads: list[float] | None = None,
    width: int = 480,
) -> SafeString:
    """Bars left (negative) or right (positive) of a zero line, scaled to ±`limit`, each signed
    value written.

    With `spreads`, a whisker spans value ± spread (a standard deviation, say) on each bar. Gains
    and losses differ in colour and in their written sign, so colour is never the only cue.
    """
    label_width, row, value_room = 170, 28, 70
    plot = width - label_width - value_room
    centre = label_width + plot / 2
    scale = 0 if limit <= 0 else (plot / 2) / limit
    height = row * max(len(bars), 1) + 8

    def x_of(value: float) -> float:
        return centre + max(-limit, min(limit, value)) * scale

    parts = [_chart_opening(width, height, svg_id, title, description)]
    for index, (label, value) in enumerate(bars):
        y = 4 + index * row
        start, end = sorted((centre, x_of(value)))
        colour = BAR_COLOUR if value >= 0 else NEGATIVE_COLOUR
        parts.append(
            _row_label(label, label_width, y)
            + f'<rect x="{start:.1f}" y="{y + 5}" width="{end - start:.1f}" height="16" '
            f'fill="{colour}"/>'
        )
        if spreads is not None and spreads[index]:
            low, high = x_of(value - spreads[index]), x_of(value + spreads[index])
            middle = y + 13
            parts.append(
                f'<path d="M{low:.1f} {middle - 5}v10M{low:.1f} {middle}H{high:.1f}M{high:.1f} '
                f'{middle - 5}v10" '
                f'stroke="{TEXT_COLOUR}" stroke-width="1.5" fill="none"/>'
            )
        parts.append(
            f'<text x="{label_width + plot + 8}" y="{y + 18}" font-size="13" fill="{TEXT_COLOUR}">'
            f"{escape(_signed(value))}</text>"
        )
    parts.append(
        f'<line x1="{centre:.1f}" y1="2" x2="{centre:.1f}" y2="{height - 2}" '
        f'stroke="{AXIS_COLOUR}"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it was escaped above
