"""Where learners clicked on a simulation screen: the clicks binned into a grid and drawn as an SVG
heat map laid over the screenshot, with the figures of its table (pure: no Django).

The SVG is stretched over the picture (viewBox 0 0 1000 1000, no aspect kept), as the learner's
outlines are, so it fits any screenshot's proportions; every text in it is escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape

from .model import Node

COLUMNS, ROWS = 40, 25
SIZE = 1000
HEAT = "#c0001a"
OUTLINE = "#102a43"


def click_cells(clicks: Iterable[tuple[float, float]]) -> Counter:
    """How many clicks fell in each cell (column, row) of the grid."""
    cells = Counter()
    for x, y in clicks:
        cells[(min(int(x * COLUMNS), COLUMNS - 1), min(int(y * ROWS), ROWS - 1))] += 1
    return cells


def clicks_per_hotspot(node: Node, clicks: Sequence[tuple[float, float]]) -> list[int]:
    """For each hotspot of the node in authored order, the clicks that took it (the first hotspot
    holding the point, as the engine decides), then the clicks beside every hotspot."""
    hotspots = node.hotspots
    counts = [0] * (len(hotspots) + 1)
    for x, y in clicks:
        index = next(
            (at for at, hotspot in enumerate(hotspots) if hotspot.area.contains(x, y)),
            len(hotspots),
        )
        counts[index] += 1
    return counts


def heat_map_svg(node: Node, cells: Counter, title: str) -> str:
    """The heat map's SVG: one rectangle per cell clicked, darker with more clicks, and the
    hotspots outlined. `title` (already translated) names it for assistive technology."""
    most = max(cells.values(), default=0)
    width, height = SIZE / COLUMNS, SIZE / ROWS
    parts = [
        f'<svg class="spoc-sg__heatmap" viewBox="0 0 {SIZE} {SIZE}" preserveAspectRatio="none" '
        f'role="img" aria-label="{escape(title)}" focusable="false">'
    ]
    for (column, row), count in sorted(cells.items()):
        opacity = 0.25 + 0.6 * count / most
        parts.append(
            f'<rect x="{column * width:g}" y="{row * height:g}" width="{width:g}" '
            f'height="{height:g}" fill="{HEAT}" fill-opacity="{opacity:.2f}"/>'
        )
    for hotspot in node.hotspots:
        area = hotspot.area
        parts.append(
            f'<rect x="{SIZE * area.x:g}" y="{SIZE * area.y:g}" width="{SIZE * area.width:g}" '
            f'height="{SIZE * area.height:g}" fill="none" stroke="{OUTLINE}" stroke-width="2" '
            f'stroke-dasharray="6 3" vector-effect="non-scaling-stroke"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
