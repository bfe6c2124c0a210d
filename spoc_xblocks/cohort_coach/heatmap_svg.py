"""The cohort heat map drawn as SVG: a row per learner, a column per module, each cell shaded by
the learner's progress there with their minutes written in it; the view gives the same figures in a
table (colour is never the only way to read a value)."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from spoc_xblocks.common.charts import TEXT_COLOUR, chart_opening, label_lines

from .logic.heatmap import HeatPage

# Not measured, then no progress, then the SHADES levels of progress: one hue, light to dark, each
# step told apart from its neighbours; the minutes are written in white from the fourth level on.
FILLS = ("#f2f2f2", "#ffffff", "#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b")
LIGHT_TEXT_FROM = 4
NAME_WIDTH, ROW, LINE = 170, 14, 12
MIN_COLUMN, MAX_COLUMN, MAX_WIDTH = 56, 110, 1100
NAME_CHARACTERS = 26
HEADER_LINES = 3  # a longer module name is cut here; the table gives it whole


def column_width(columns: int) -> int:
    """Columns share what the names leave of a 1100 px chart, between 56 and 110 px each."""
    if not columns:
        return MAX_COLUMN
    return max(MIN_COLUMN, min(MAX_COLUMN, (MAX_WIDTH - NAME_WIDTH) // columns))


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARACTERS else name[: NAME_CHARACTERS - 1] + "…"


def _header_lines(name: str, width: int) -> list[str]:
    lines = label_lines(name, width)
    if len(lines) <= HEADER_LINES:
        return lines
    return [*lines[: HEADER_LINES - 1], lines[HEADER_LINES - 1][:-1] + "…"]


def heatmap_svg(page: HeatPage, *, svg_id: str, title: str, description: str) -> SafeString:
    width_each = column_width(len(page.columns))
    headers = [_header_lines(column.name, width_each) for column in page.columns]
    header = LINE * max([1] + [len(lines) for lines in headers]) + 8
    width = NAME_WIDTH + width_each * len(page.columns) + 2
    height = header + ROW * len(page.rows) + 2
    parts = [chart_opening(width, height, svg_id, title, description)]
    for index, lines in enumerate(headers):
        x = NAME_WIDTH + width_each * index + width_each / 2
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if number == 0 else LINE}">{escape(line)}</tspan>'
            for number, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{x:.1f}" y="{LINE}" text-anchor="middle" font-size="11" '
            f'fill="{TEXT_COLOUR}">{spans}</text>'
        )
    for number, row in enumerate(page.rows):
        y = header + ROW * number
        parts.append(
            f'<text x="{NAME_WIDTH - 6}" y="{y + ROW - 3}" text-anchor="end" font-size="11" '
            f'fill="{TEXT_COLOUR}">{escape(_short(row.name))}</text>'
        )
        for index, cell in enumerate(row.cells):
            shade = -1 if cell.shade is None else cell.shade
            x = NAME_WIDTH + width_each * index
            colour = "#ffffff" if shade >= LIGHT_TEXT_FROM else TEXT_COLOUR
            parts.append(
                f'<rect x="{x}" y="{y}" width="{width_each}" height="{ROW}" '
                f'fill="{FILLS[shade + 1]}" stroke="#8c959f" stroke-width="0.5"/>'
                f'<text x="{x + width_each / 2:.1f}" y="{y + ROW - 3}" text-anchor="middle" '
                f'font-size="10" fill="{colour}">{cell.minutes if cell.seconds else ""}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it was escaped above
