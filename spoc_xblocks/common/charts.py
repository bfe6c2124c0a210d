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


def chart_opening(width: int, height: int, svg_id: str, title: str, description: str) -> str:
    """An SVG chart's opening tag with its title and description, which name it to screen
    readers."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spoc-chart" role="img" viewBox="0 0 '
        f'{width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{svg_id}-title {svg_id}-desc">'
        f'<title id="{svg_id}-title">{escape(title)}</title><desc '
        f'id="{svg_id}-desc">{escape(description)}</desc>'
    )


LABEL_WIDTH, ROW_HEIGHT, LINE_HEIGHT = 170, 28, 16
# Wide enough for most text at 13 px, so that a wrapped line stays inside the label column.
CHARACTER_WIDTH = 7.5


def label_lines(label: str, width: int = LABEL_WIDTH) -> list[str]:
    """A bar's label wrapped on words to the label column (a word too long for a line is cut),
    so that no label is clipped or shortened: the whole name is always there."""
    room = max(int((width - 10) / CHARACTER_WIDTH), 4)
    lines, line = [], ""
    for word in label.split():
        while len(word) > room:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:room])
            word = word[room:]
        if line and len(line) + 1 + len(word) > room:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line or not lines:
        lines.append(line)
    return lines


def _row_layout(labels: list[str]) -> tuple[list[tuple[float, list[str]]], int]:
    """Each row's top and wrapped label, and the chart's height: a row grows with its label."""
    rows, y = [], 4
    for label in labels:
        lines = label_lines(label)
        rows.append((y, lines))
        y += max(ROW_HEIGHT, LINE_HEIGHT * len(lines) + 12)
    return rows, y + 4


def _row_label(lines: list[str], y: float) -> str:
    """A bar's label, right-aligned before the plot, one <tspan> per wrapped line."""
    spans = "".join(
        f'<tspan x="{LABEL_WIDTH - 6}" dy="{0 if index == 0 else LINE_HEIGHT}">{escape(line)}'
        "</tspan>"
        for index, line in enumerate(lines)
    )
    return (
        f'<text x="{LABEL_WIDTH - 6}" y="{y + 18}" text-anchor="end" font-size="13" '
        f'fill="{TEXT_COLOUR}">{spans}</text>'
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
    label_width, value_room = LABEL_WIDTH, 60
    plot = width - label_width - value_room
    rows, height = _row_layout([label for label, _ in bars])
    parts = [chart_opening(width, height, svg_id, title, description)]
    for (y, lines), (_, value) in zip(rows, bars, strict=True):
        length = 0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * plot
        parts.append(
            _row_label(lines, y)
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
    label_width, value_room = LABEL_WIDTH, 70
    plot = width - label_width - value_room
    centre = label_width + plot / 2
    scale = 0 if limit <= 0 else (plot / 2) / limit
    rows, height = _row_layout([label for label, _ in bars])

    def x_of(value: float) -> float:
        return centre + max(-limit, min(limit, value)) * scale

    parts = [chart_opening(width, height, svg_id, title, description)]
    for index, ((y, lines), (_, value)) in enumerate(zip(rows, bars, strict=True)):
        start, end = sorted((centre, x_of(value)))
        colour = BAR_COLOUR if value >= 0 else NEGATIVE_COLOUR
        parts.append(
            _row_label(lines, y)
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
