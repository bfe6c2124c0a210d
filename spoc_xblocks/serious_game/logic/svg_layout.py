"""Where the scenario maps put things: columns by distance from the start, node boxes and edge
curves.

Pure geometry over the scenario model (no Django, no XBlock): `layered_layout` puts each node in the
column of its breadth-first depth from the start, unreachable nodes in a last column, in a stable
order; `Geometry` turns that into boxes in SVG user units and cubic curves for the edges.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .model import Scenario

NODE_WIDTH = 184
NODE_HEIGHT = 100  # a kind line, up to three lines of title, a figure line
TITLE_LINE_CHARS = 21  # what fits in a node's width at 13 px
TITLE_LINES = 3
LABEL_CHAR_WIDTH = 9  # a bold 13 px digit, with room to spare
LABEL_HEIGHT = 18
COLUMN_GAP = 76
ROW_GAP = 28
MARGIN = 24
HEADING_HEIGHT = 28
LOOP_LANE = 56  # room above the nodes where edges going back to an earlier column arc
PARALLEL_SPREAD = 14  # how far apart parallel edges between the same two nodes bend


@dataclass(frozen=True)
class Layout:
    """Node ids by column. With `has_unreachable`, the last column holds the nodes the start cannot
    reach."""

    columns: tuple[tuple[str, ...], ...]
    has_unreachable: bool

    @property
    def node_count(self) -> int:
        return sum(len(column) for column in self.columns)


def _depths(scenario: Scenario, node_ids: list[str]) -> dict[str, int]:
    """Breadth-first depth of each node reachable from the start, following choices in authored
    order."""
    known = set(node_ids)
    if scenario.start not in known:
        return {}
    depth = {scenario.start: 0}
    queue = deque([scenario.start])
    while queue:
        node_id = queue.popleft()
        for choice in scenario.node(node_id).choices:
            if choice.target in known and choice.target not in depth:
                depth[choice.target] = depth[node_id] + 1
                queue.append(choice.target)
    return depth


def layered_layout(scenario: Scenario) -> Layout:
    """Columns by depth from the start (in discovery order), then one column of unreachable nodes
    (authored order)."""
    node_ids = list(dict.fromkeys(scenario.node_ids))
    depth = _depths(scenario, node_ids)
    columns: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for node_id in depth:  # dicts keep insertion order, which is the breadth-first discovery order
        columns[depth[node_id]].append(node_id)
    unreachable = tuple(node_id for node_id in node_ids if node_id not in depth)
    layout_columns = tuple(tuple(column) for column in columns)
    return Layout(layout_columns + ((unreachable,) if unreachable else ()), bool(unreachable))


def truncated_layout(layout: Layout, limit: int) -> Layout:
    """The first `limit` nodes of the layout, column by column (nearest the start first)."""
    kept: list[tuple[str, ...]] = []
    left = limit
    for column in layout.columns:
        if left <= 0:
            break
        kept.append(column[:left])
        left -= len(kept[-1])
    has_unreachable = layout.has_unreachable and len(kept) == len(layout.columns)
    return Layout(tuple(kept), has_unreachable)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    column: int

    @property
    def middle_y(self) -> float:
        return self.y + NODE_HEIGHT / 2

    @property
    def center_x(self) -> float:
        return self.x + NODE_WIDTH / 2


@dataclass(frozen=True)
class Curve:
    """A cubic Bézier curve from `start` to `end` (points as (x, y))."""

    start: tuple[float, float]
    control1: tuple[float, float]
    control2: tuple[float, float]
    end: tuple[float, float]

    def path(self) -> str:
        points = (self.start, self.control1, self.control2, self.end)
        x0, y0, x1, y1, x2, y2, x3, y3 = (round(value, 1) for point in points for value in point)
        return f"M{x0},{y0} C{x1},{y1} {x2},{y2} {x3},{y3}"

    def middle(self) -> tuple[float, float]:
        """The point halfway along the curve's parameter, where its label goes."""
        xs, ys = zip(self.start, self.control1, self.control2, self.end, strict=True)
        return (
            (xs[0] + 3 * xs[1] + 3 * xs[2] + xs[3]) / 8,
            (ys[0] + 3 * ys[1] + 3 * ys[2] + ys[3]) / 8,
        )


class Geometry:
    """Boxes of the laid-out nodes in SVG user units, the drawing's size, and the curve of each
    edge."""

    def __init__(self, layout: Layout, *, lane: bool, heading: bool):
        """`lane`: leave room above for edges going back several columns; `heading`: room for a line
        of text."""
        self.layout = layout
        self.top = MARGIN + (LOOP_LANE if lane else 0) + (HEADING_HEIGHT if heading else 0)
        self.boxes: dict[str, Box] = {}
        for column_number, column in enumerate(layout.columns):
            x = MARGIN + column_number * (NODE_WIDTH + COLUMN_GAP)
            for row, node_id in enumerate(column):
                self.boxes[node_id] = Box(
                    x, self.top + row * (NODE_HEIGHT + ROW_GAP), column_number
                )
        rows = max((len(column) for column in layout.columns), default=0)
        columns = max(len(layout.columns), 1)
        self.width = 2 * MARGIN + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP + COLUMN_GAP / 2
        self.height = self.top + max(rows, 1) * (NODE_HEIGHT + ROW_GAP) + MARGIN

    def heading_position(self, column: int) -> tuple[float, float]:
        return MARGIN + column * (NODE_WIDTH + COLUMN_GAP), self.top - 10

    def curve(self, source: str, target: str, bend: float = 0) -> Curve:
        """The edge from `source` to `target`; `bend` moves it aside when parallel edges share its
        ends."""
        start, end = self.boxes[source], self.boxes[target]
        if source == target:
            return self._self_loop(start, bend)
        span = end.column - start.column
        if span > 0:
            reach = COLUMN_GAP / 2 + 24 * (span - 1)
            begin, finish = (start.x + NODE_WIDTH, start.middle_y), (end.x, end.middle_y)
            return Curve(
                begin,
                (begin[0] + reach, begin[1] + bend),
                (finish[0] - reach, finish[1] + bend),
                finish,
            )
        if span == 0:
            return self._same_column(start, end, bend)
        if span == -1:
            return self._one_column_back(start, end, bend)
        return self._arc_back(start, end, bend)

    @staticmethod
    def _same_column(start: Box, end: Box, bend: float) -> Curve:
        """Between two nodes of one column: a bulge into the gap on their left."""
        rows_apart = abs(end.y - start.y) / (NODE_HEIGHT + ROW_GAP)
        bulge = min(COLUMN_GAP - 16, 24 + 8 * rows_apart) + bend
        begin, finish = (start.x, start.y + NODE_HEIGHT * 0.3), (end.x, end.y + NODE_HEIGHT * 0.3)
        return Curve(begin, (begin[0] - bulge, begin[1]), (finish[0] - bulge, finish[1]), finish)

    @staticmethod
    def _one_column_back(start: Box, end: Box, bend: float) -> Curve:
        """Back to the previous column: from the source's left side to the target's right side, low
        on both."""
        begin = (start.x, start.y + NODE_HEIGHT * 0.78)
        finish = (end.x + NODE_WIDTH, end.y + NODE_HEIGHT * 0.78)
        reach = COLUMN_GAP / 2
        return Curve(
            begin,
            (begin[0] - reach, begin[1] + bend),
            (finish[0] + reach, finish[1] + bend),
            finish,
        )

    def _arc_back(self, start: Box, end: Box, bend: float) -> Curve:
        """Back over several columns: out of the top of the source, over the lane, into the top of
        the target."""
        span = start.column - end.column
        lift = min(LOOP_LANE - 8, 16 + 10 * span)
        begin = (start.center_x + 20 + bend, start.y)
        finish = (end.center_x - 20 + bend, end.y)
        lane = max(self.top - HEADING_HEIGHT - lift, 4)
        return Curve(begin, (begin[0], lane), (finish[0], lane), finish)

    @staticmethod
    def _self_loop(box: Box, bend: float) -> Curve:
        begin = (box.x + NODE_WIDTH, box.y + NODE_HEIGHT / 3)
        finish = (box.x + NODE_WIDTH - 28, box.y)
        reach = 40 + bend
        return Curve(begin, (begin[0] + reach, begin[1]), (finish[0], finish[1] - reach), finish)


def needs_lane(scenario: Scenario, layout: Layout) -> bool:
    """Whether an edge goes back more than one column (those arc over the top of the drawing)."""
    column_of = {
        node_id: number for number, column in enumerate(layout.columns) for node_id in column
    }
    return any(
        column_of.get(choice.target, column_of[node_id]) < column_of[node_id] - 1
        for node_id in column_of
        for choice in scenario.node(node_id).choices
    )


def parallel_bends(edges: list[tuple[str, str]]) -> list[float]:
    """For each (source, target) edge, how far to bend it so parallel edges stay apart (0 when
    alone)."""
    totals: dict[tuple[str, str], int] = {}
    for edge in edges:
        totals[edge] = totals.get(edge, 0) + 1
    seen: dict[tuple[str, str], int] = {}
    bends = []
    for edge in edges:
        position = seen.get(edge, 0)
        seen[edge] = position + 1
        bends.append((position - (totals[edge] - 1) / 2) * PARALLEL_SPREAD)
    return bends


def title_lines(text: str, per_line: int = TITLE_LINE_CHARS, most: int = TITLE_LINES) -> list[str]:
    """A title broken between words into lines of at most `per_line` characters; past `most`
    lines, the last ends with an ellipsis (the full title stays in the tooltip and the tables)."""
    lines: list[str] = []
    for word in " ".join(text.split()).split(" "):
        while len(word) > per_line:  # a word longer than a line is cut across lines
            lines.append(word[:per_line])
            word = word[per_line:]
        if lines and len(lines[-1]) + 1 + len(word) <= per_line and lines[-1]:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        last = lines[most - 1]
        lines = [*lines[: most - 1], last[: per_line - 1].rstrip() + "…"]
    return [line for line in lines if line]


def spread_labels(
    anchors: list[tuple[float, float, int]], step: float = LABEL_HEIGHT + 2, tries: int = 12
) -> list[tuple[float, float]]:
    """Where to centre each label (x, y, characters) so that no two overlap: the first free place
    above or below its anchor, nearest first, in the order given."""
    placed: list[tuple[float, float, float, float]] = []
    positions = []
    for x, y, characters in anchors:
        half_width = (LABEL_CHAR_WIDTH * characters + 8) / 2
        for attempt in range(2 * tries + 1):
            offset = step * ((attempt + 1) // 2) * (1 if attempt % 2 else -1)
            box = (x - half_width, y + offset - LABEL_HEIGHT / 2, x + half_width)
            box = (*box, y + offset + LABEL_HEIGHT / 2)
            if not any(_overlap(box, other) for other in placed):
                break
        placed.append(box)
        positions.append((x, y + offset))
    return positions


def _overlap(first, second) -> bool:
    left, top, right, bottom = first
    other_left, other_top, other_right, other_bottom = second
    return left < other_right and other_left < right and top < other_bottom and other_top < bottom
