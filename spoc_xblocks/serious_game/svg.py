"""Scenario maps as inline SVG drawn on the server: the authoring map with its problems, the
learners' path diagram.

No XBlock and no translation here: `labels` holds the words already translated
(`svg_labels(gettext)` builds it from `SVG_LABELS`), and every text that comes from the scenario is
escaped. Colour is never the only cue: each node says its kind in words and has its own shape,
problems add a thick border and a "!" marker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

from spoc_xblocks.common.text import _

from .logic.messages import ERROR, WARNING
from .logic.model import Node, Scenario
from .logic.svg_layout import (
    NODE_HEIGHT,
    NODE_WIDTH,
    Box,
    Geometry,
    layered_layout,
    needs_lane,
    parallel_bends,
    spread_labels,
    title_lines,
    truncated_layout,
)

MAX_DRAWN_NODES = 300
FIGURE_LINE = NODE_HEIGHT - 12  # the baseline of a node's last line (its id, or learners reached)
ID_CHARS = 24
TOOLTIP_CHARS = 200
NOTE_WIDTH = 600
SMALLEST_SCALE = (
    0.7  # fitted to a narrow container, a drawing shrinks no further (its container scrolls)
)
TEXT = "#1f2328"
MUTED = "#4d5661"
DANGER = "#a4262c"
WARNING_COLOUR = "#7a4b00"
PRIMARY = "#0a5c8a"
UNUSED = "#6e7781"
# Fill and border of each kind of node (endings by outcome); every fill keeps TEXT and MUTED above
# 4.5:1.
NODE_STYLES = {
    "content": ("#ffffff", MUTED),
    "decision": ("#e3eef7", PRIMARY),
    "success": ("#e6f4ea", "#1a6430"),
    "partial": ("#fff4e0", WARNING_COLOUR),
    "failure": ("#fdecea", DANGER),
}

SVG_LABELS = {
    "start": _("Start"),
    "content": _("Content"),
    "decision": _("Decision"),
    "ending": _("Ending"),
    "success": _("Success"),
    "partial": _("Partial"),
    "failure": _("Failure"),
    "unreachable": _("Not reachable from the start"),
    "problems": _("Problems:"),
    "map_title": _("Scenario map"),
    "map_desc": _(
        "The scenario in columns by distance from the start. Nodes: {nodes}; links: {links}; nodes "
        "with "
        "problems (thick border and exclamation mark): {problems}."
    ),
    "diagram_title": _("Paths taken by learners"),
    "diagram_desc": _(
        "The scenario's nodes with how many learners reached each; the width and the number of "
        "each arrow say how many learners took that choice. Nodes: {nodes}."
    ),
    "reached": _("Reached: {count}"),
    "not_drawn": _("Only the first {shown} of {total} nodes are drawn; the tables list them all."),
}


def svg_labels(gettext: Callable[[str], str]) -> dict[str, str]:
    """The labels the drawings need, translated with `gettext`."""
    return {key: gettext(template) for key, template in SVG_LABELS.items()}


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _attrs(**values) -> str:
    """SVG attributes, escaped; a trailing underscore is dropped and other underscores become
    dashes."""
    return " ".join(
        f'{name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for name, value in values.items()
    )


def _text(x: float, y: float, content: str, **extra) -> str:
    return f"<text {_attrs(x=round(x, 1), y=round(y, 1), **extra)}>{escape(content)}</text>"


class _Drawing:
    """What both drawings share: the layout (capped), the SVG wrapper, node shapes and edges with
    arrows."""

    def __init__(self, scenario: Scenario, labels: Mapping[str, str], svg_id: str):
        self.scenario = scenario
        self.labels = labels
        self.svg_id = svg_id
        full = layered_layout(scenario)
        self.total = full.node_count
        self.layout = truncated_layout(full, MAX_DRAWN_NODES)
        heading = self.layout.has_unreachable or self.layout.node_count < self.total
        self.geometry = Geometry(
            self.layout, lane=needs_lane(scenario, self.layout), heading=heading
        )
        self.edges = [
            (node_id, choice)
            for column in self.layout.columns
            for node_id in column
            for choice in scenario.node(node_id).choices
            if choice.target in self.geometry.boxes
        ]

    def label(self, key: str, **params) -> str:
        """The caller's translation of a label; the English one when missing; the key for an unknown
        kind."""
        return (self.labels.get(key) or SVG_LABELS.get(key, key)).format(**params)

    def document(self, title: str, desc: str, body: list[str]) -> SafeString:
        """The whole <svg>: an image for assistive technology, named by its title and described by
        its desc."""
        shown = self.layout.node_count
        notes = []
        width = self.geometry.width
        if shown < self.total:
            note = self.label("not_drawn", shown=shown, total=self.total)
            desc = f"{desc} {note}"
            notes.append(_text(24, 20, note, fill=TEXT, font_weight=700))
            width = max(width, NOTE_WIDTH)
        if self.layout.has_unreachable:
            x, y = self.geometry.heading_position(len(self.layout.columns) - 1)
            notes.append(_text(x, y, self.label("unreachable"), fill=MUTED, font_weight=700))
        svg_attrs = _attrs(
            xmlns="http://www.w3.org/2000/svg",
            class_="spoc-chart spoc-map",
            role="img",
            aria_labelledby=f"{self.svg_id}-title {self.svg_id}-desc",
            viewBox=f"0 0 {round(width)} {round(self.geometry.height)}",
            width=round(width),
            height=round(self.geometry.height),
            style=f"min-width: {round(width * SMALLEST_SCALE)}px",
            font_family="system-ui, -apple-system, 'Segoe UI', sans-serif",
            font_size=13,
        )
        # Safe: every text of the drawing was escaped where it was written into it.
        return mark_safe(
            "\n".join(
                [
                    f"<svg {svg_attrs}>",
                    f'<title id="{escape(self.svg_id)}-title">{escape(title)}</title>',
                    f'<desc id="{escape(self.svg_id)}-desc">{escape(desc)}</desc>',
                    self._markers(),
                    *notes,
                    *body,
                    "</svg>",
                ]
            )
        )

    def _markers(self) -> str:
        shape = {
            "viewBox": "0 0 10 10",
            "refX": 10,
            "refY": 5,
            "markerWidth": 11,
            "markerHeight": 11,
            "markerUnits": "userSpaceOnUse",
            "orient": "auto",
        }
        markers = [
            f'<marker {_attrs(id=self.arrow(colour), **shape)}><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{colour}"/></marker>'
            for colour in (MUTED, PRIMARY, UNUSED)
        ]
        return "<defs>" + "".join(markers) + "</defs>"

    def edge(self, curve, colour: str, width: float, tooltip: str, **style) -> str:
        """An edge with its arrow head and a tooltip."""
        attributes = _attrs(
            d=curve.path(),
            fill="none",
            stroke=colour,
            stroke_width=width,
            marker_end=f"url(#{self.arrow(colour)})",
            **style,
        )
        return (
            f"<path {attributes}><title>{escape(_truncate(tooltip, TOOLTIP_CHARS))}</title></path>"
        )

    def arrow(self, colour: str) -> str:
        return f"{self.svg_id}-arrow-{colour.lstrip('#')}"

    def edge_curves(self):
        """(source id, choice, curve) of every drawn edge, parallel edges bent apart."""
        pairs = [(node_id, choice.target) for node_id, choice in self.edges]
        for (node_id, choice), bend in zip(self.edges, parallel_bends(pairs), strict=True):
            yield node_id, choice, self.geometry.curve(node_id, choice.target, bend)

    def kind_line(self, node: Node) -> str:
        words = (
            [self.label("ending"), self.label(node.outcome)]
            if node.is_ending
            else [self.label(node.kind)]
        )
        if node.id == self.scenario.start:
            words.insert(0, self.label("start"))
        return " · ".join(words)

    def node_group(
        self, node: Node, third_line: str, tooltip_extra: str = "", level: str | None = None
    ) -> str:
        """A node: its shape by kind, its kind in words, its title (on up to three lines; in full in
        the tooltip), a last line."""
        box = self.geometry.boxes[node.id]
        name = node.title or node.id
        named = f"{_truncate(node.title, TOOLTIP_CHARS)} ({node.id})" if node.title else node.id
        tooltip = f"{named} · {self.kind_line(node)}{tooltip_extra}"
        parts = [
            f"<g {_attrs(class_='spoc-map-node', data_spoc_node=node.id)}>",
            f"<title>{escape(tooltip)}</title>",
            _shape(node, box, node.id == self.scenario.start, level),
            _text(
                box.x + 16,
                box.y + 21,
                self.kind_line(node),
                fill=TEXT,
                font_size=12,
                font_weight=700,
            ),
            *(
                _text(box.x + 16, box.y + 40 + 15 * number, line, fill=TEXT)
                for number, line in enumerate(title_lines(name))
            ),
            third_line,
        ]
        if level:
            parts.append(_problem_marker(box, level))
        return "".join(parts) + "</g>"


def _shape(node: Node, box: Box, is_start: bool, level: str | None) -> str:
    """Content: a rectangle. Decision: a hexagon. Ending: a rounded rectangle. Problems thicken the
    border."""
    fill, stroke = NODE_STYLES.get(
        node.outcome if node.is_ending else node.kind, NODE_STYLES["content"]
    )
    width = 2.5 if is_start else 1.5
    extra = {}
    if level:
        stroke, width = (DANGER, 4) if level == ERROR else (WARNING_COLOUR, 4)
        if level != ERROR:
            extra["stroke_dasharray"] = "8 4"
    style = {"fill": fill, "stroke": stroke, "stroke_width": width, **extra}
    x, y, w, h = box.x, box.y, NODE_WIDTH, NODE_HEIGHT
    if node.kind == "decision":
        middle = y + h / 2
        corners = (
            (x + 12, y),
            (x + w - 12, y),
            (x + w, middle),
            (x + w - 12, y + h),
            (x + 12, y + h),
            (x, middle),
        )
        points = " ".join(f"{round(px, 1)},{round(py, 1)}" for px, py in corners)
        return f"<polygon {_attrs(points=points, **style)}/>"
    radius = 18 if node.is_ending else 2
    return f"<rect {_attrs(x=x, y=y, width=w, height=h, rx=radius, **style)}/>"


def _problem_marker(box: Box, level: str) -> str:
    colour = DANGER if level == ERROR else WARNING_COLOUR
    cx, cy = box.x + NODE_WIDTH - 6, box.y + 6
    return (
        f"<circle {_attrs(cx=cx, cy=cy, r=11, fill=colour, stroke='#ffffff', stroke_width=2)}/>"
        + _text(
            cx, cy + 5, "!", fill="#ffffff", font_size=15, font_weight=700, text_anchor="middle"
        )
    )


def _worst_level(problems: Sequence[tuple[str, str]]) -> str | None:
    """ERROR when any problem is an error, WARNING for warnings only, None without problems."""
    levels = {level for level, _text_ in problems}
    if ERROR in levels:
        return ERROR
    return WARNING if levels else None


def scenario_map_svg(
    scenario: Scenario,
    problems_by_node: Mapping[str, Sequence[tuple[str, str]]],
    labels: Mapping[str, str],
    *,
    svg_id: str = "spoc-map",
) -> SafeString:
    """The authoring map; `problems_by_node` maps node ids to (level, translated text) pairs to
    highlight."""
    drawing = _Drawing(scenario, labels, svg_id)
    body = []
    for _node_id, choice, curve in drawing.edge_curves():
        body.append(drawing.edge(curve, MUTED, 1.5, choice.text or choice.id))
    with_problems = 0
    for node_id in drawing.geometry.boxes:
        node = scenario.node(node_id)
        found = problems_by_node.get(node_id, ())
        level = _worst_level(found)
        with_problems += bool(level)
        extra = (
            f" · {drawing.label('problems')} " + " ".join(text for _level, text in found)
            if found
            else ""
        )
        id_line = _text(
            drawing.geometry.boxes[node_id].x + 16,
            drawing.geometry.boxes[node_id].y + FIGURE_LINE,
            _truncate(node_id, ID_CHARS),
            fill=MUTED,
            font_size=11,
            font_family="monospace",
        )
        body.append(drawing.node_group(node, id_line, _truncate(extra, 2 * TOOLTIP_CHARS), level))
    desc = drawing.label(
        "map_desc", nodes=drawing.total, links=len(drawing.edges), problems=with_problems
    )
    return drawing.document(drawing.label("map_title"), desc, body)


def _edge_width(count: int, most: int) -> float:
    return round(1.5 + 10 * count / most, 1) if most else 1.5


def path_diagram_svg(
    scenario: Scenario,
    node_counts: Mapping[str, int],
    edge_counts: Mapping[tuple[str, str], int],
    labels: Mapping[str, str],
    *,
    svg_id: str = "spoc-paths",
) -> SafeString:
    """The debrief diagram: each node with how many learners reached it, edges as wide as the
    learners who took them.

    `node_counts` maps node ids to learners; `edge_counts` maps (node id, choice id) to learners.
    """
    drawing = _Drawing(scenario, labels, svg_id)
    most = max(edge_counts.values(), default=0)
    edges, anchors = [], []
    for node_id, choice, curve in drawing.edge_curves():
        count = edge_counts.get((node_id, choice.id), 0)
        colour = PRIMARY if count else UNUSED
        style = {"stroke_dasharray": "5 4"} if not count else {}
        tooltip = f"{_truncate(choice.text or choice.id, TOOLTIP_CHARS - 10)}: {count}"
        edges.append(drawing.edge(curve, colour, _edge_width(count, most), tooltip, **style))
        if count:
            anchors.append((*curve.middle(), len(str(count)), str(count)))
    places = spread_labels([(x, y, characters) for x, y, characters, _count in anchors])
    counts = [
        _text(
            x,
            y + 4,
            count,
            class_="spoc-map-count",
            fill=TEXT,
            font_weight=700,
            text_anchor="middle",
            stroke="#ffffff",
            stroke_width=4,
            paint_order="stroke",
        )
        for (x, y), (*_anchor, count) in zip(places, anchors, strict=True)
    ]
    nodes = []
    for node_id, box in drawing.geometry.boxes.items():
        reached = drawing.label("reached", count=node_counts.get(node_id, 0))
        line = _text(
            box.x + 16, box.y + FIGURE_LINE, reached, fill=TEXT, font_size=12, font_weight=700
        )
        nodes.append(drawing.node_group(scenario.node(node_id), line, f" · {reached}"))
    desc = drawing.label("diagram_desc", nodes=drawing.total)
    return drawing.document(drawing.label("diagram_title"), desc, edges + nodes + counts)
