"""The server-drawn maps: every node drawn and escaped, problems marked, widths by learners, big
graphs capped."""

import re
import time

import pytest
from lxml import etree

from spoc_xblocks.serious_game import svg
from spoc_xblocks.serious_game.logic import svg_layout
from spoc_xblocks.serious_game.logic.model import Choice, Node, Scenario
from spoc_xblocks.serious_game.logic.svg_layout import layered_layout
from spoc_xblocks.serious_game.olx import scenario_from_xml

from .conftest import SMALL_SCENARIO

SVG_NS = "{http://www.w3.org/2000/svg}"
LABELS = dict(svg.SVG_LABELS)


def _parse(drawing: str):
    """The drawing as an XML tree: it must be well formed, so every text in it was escaped."""
    return etree.fromstring(drawing.encode())


def _chain(count: int) -> Scenario:
    nodes = [
        Node(f"n{i}", "content", title=f"Step {i}", choices=(Choice("go", f"n{i + 1}"),))
        for i in range(count)
    ]
    return Scenario(start="n0", nodes=(*nodes, Node(f"n{count}", "ending")))


def _node_group(tree, node_id: str):
    return tree.find(f"{SVG_NS}g[@data-spoc-node='{node_id}']")


@pytest.fixture
def small():
    return scenario_from_xml(SMALL_SCENARIO)


def test_layout_puts_nodes_in_columns_by_distance_from_the_start_and_unreachable_ones_last():
    scenario = Scenario(
        start="a",
        nodes=(
            Node("orphan", "ending"),
            Node("a", "decision", choices=(Choice("1", "c"), Choice("2", "b"))),
            Node("b", "content", choices=(Choice("1", "a"),)),
            Node("c", "content", choices=(Choice("1", "end"),)),
            Node("end", "ending"),
        ),
    )
    layout = layered_layout(scenario)
    assert layout.columns == (("a",), ("c", "b"), ("end",), ("orphan",))
    assert layout.has_unreachable and layout.node_count == 5
    assert layered_layout(scenario) == layout  # stable


def test_layout_without_a_start_node_puts_everything_in_one_unreachable_column():
    scenario = Scenario(
        start="missing", nodes=(Node("a", "ending"), Node("a", "content"), Node("b", "ending"))
    )
    assert layered_layout(scenario).columns == (("a", "b"),)


def test_the_map_is_an_image_named_by_its_title_and_described(small):
    drawing = svg.scenario_map_svg(small, {}, LABELS, svg_id="map-1")
    root = _parse(drawing)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "map-1-title map-1-desc"
    assert root.find(f"{SVG_NS}title").text == "Scenario map"
    assert "Nodes: 3; links: 2" in root.find(f"{SVG_NS}desc").text
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


def test_every_node_is_drawn_with_its_kind_in_words_and_its_own_shape(small):
    root = _parse(svg.scenario_map_svg(small, {}, LABELS))
    decision, win, lose = (_node_group(root, node_id) for node_id in ("intro", "win", "lose"))
    assert decision.find(f"{SVG_NS}polygon") is not None
    assert "Start · Decision" in [text.text for text in decision.iter(f"{SVG_NS}text")]
    assert win.find(f"{SVG_NS}rect").get("rx") == "18"
    assert "Ending · Success" in [text.text for text in win.iter(f"{SVG_NS}text")]
    assert "Ending · Failure" in [text.text for text in lose.iter(f"{SVG_NS}text")]
    assert len(root.findall(f"{SVG_NS}path")) == 2  # the edges (arrow heads are inside <defs>)


def test_titles_are_escaped_and_wrapped_with_the_full_text_in_the_tooltip():
    title = '<script>alert("x")</script> & a very long title indeed'
    link = Choice("c", "b", text="<b>go</b>")
    scenario = Scenario(
        start="a", nodes=(Node("a", "content", title=title, choices=(link,)), Node("b", "ending"))
    )
    drawing = svg.scenario_map_svg(
        scenario, {"a": [("error", "<img src=x onerror=alert(1)>")]}, LABELS, svg_id='x"><script>'
    )
    assert "<script>" not in drawing and "<img" not in drawing and "<b>" not in drawing
    root = _parse(drawing)
    group = _node_group(root, "a")
    assert group.find(f"{SVG_NS}title").text.startswith(title + " (a)")
    assert "<img src=x onerror=alert(1)>" in group.find(f"{SVG_NS}title").text
    shown = [text.text for text in group.iter(f"{SVG_NS}text")]
    assert shown[1:4] == ['<script>alert("x")</s', "cript> & a very long", "title indeed"]


def test_a_title_wraps_between_words_and_only_a_very_long_one_ends_with_an_ellipsis():
    assert svg_layout.title_lines("A message from your team lead") == [
        "A message from your",
        "team lead",
    ]
    long_title = " ".join(["word"] * 30)
    lines = svg_layout.title_lines(long_title)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(len(line) <= svg_layout.TITLE_LINE_CHARS for line in lines)


def test_edge_counts_placed_at_the_same_spot_are_spread_apart():
    places = svg_layout.spread_labels([(100, 100, 2), (104, 102, 3), (100, 300, 1)])
    assert places[0] == (100, 100) and places[2] == (100, 300)
    first, second = places[0][1], places[1][1]
    assert abs(first - second) >= svg_layout.LABEL_HEIGHT


def test_problem_nodes_get_a_thick_border_and_a_marker_errors_solid_warnings_dashed(small):
    problems = {
        "intro": [("warning", "W"), ("error", "E")],
        "lose": [("warning", "Only a warning")],
    }
    root = _parse(svg.scenario_map_svg(small, problems, LABELS))
    error_shape = _node_group(root, "intro").find(f"{SVG_NS}polygon")
    warning_shape = _node_group(root, "lose").find(f"{SVG_NS}rect")
    assert error_shape.get("stroke") == svg.DANGER and error_shape.get("stroke-width") == "4"
    assert error_shape.get("stroke-dasharray") is None
    assert (
        warning_shape.get("stroke") == svg.WARNING_COLOUR
        and warning_shape.get("stroke-dasharray") == "8 4"
    )
    groups = root.iter(f"{SVG_NS}g")
    markers = {
        group.get("data-spoc-node") for group in groups if group.find(f"{SVG_NS}circle") is not None
    }
    assert markers == {"intro", "lose"}
    assert (
        "nodes with problems (thick border and exclamation mark): 2"
        in root.find(f"{SVG_NS}desc").text
    )


def test_loops_and_back_edges_are_curved_and_self_loops_drawn():
    scenario = Scenario(
        start="a",
        nodes=(
            Node("a", "decision", choices=(Choice("again", "a"), Choice("on", "b"))),
            Node("b", "decision", choices=(Choice("back", "a"), Choice("end", "end"))),
            Node("end", "ending"),
        ),
    )
    root = _parse(svg.scenario_map_svg(scenario, {}, LABELS))
    edges = [path.get("d") for path in root.findall(f"{SVG_NS}path")]
    assert len(edges) == 4 and all(" C" in d for d in edges)


def test_the_path_diagram_widths_follow_the_learners_who_took_each_choice(small):
    edge_counts = {("intro", "good"): 6, ("intro", "bad"): 3}
    drawing = svg.path_diagram_svg(
        small, {"intro": 8, "win": 6, "lose": 2}, edge_counts, LABELS, svg_id="paths"
    )
    root = _parse(drawing)
    assert (
        root.get("role") == "img" and root.find(f"{SVG_NS}title").text == "Paths taken by learners"
    )
    widths = {
        path.find(f"{SVG_NS}title").text: float(path.get("stroke-width"))
        for path in root.findall(f"{SVG_NS}path")
        if path.find(f"{SVG_NS}title") is not None
    }
    assert widths == {"Good: 6": 11.5, "Bad: 3": 6.5}
    texts = [text.text for text in root.iter(f"{SVG_NS}text")]
    assert "Reached: 8" in texts and "Reached: 2" in texts and "6" in texts and "3" in texts


def test_an_edge_nobody_took_is_thin_dashed_and_unlabelled(small):
    root = _parse(svg.path_diagram_svg(small, {}, {("intro", "good"): 4}, LABELS))
    unused = [
        path for path in root.findall(f"{SVG_NS}path") if path.get("stroke-dasharray") == "5 4"
    ]
    assert len(unused) == 1 and unused[0].get("stroke-width") == "1.5"
    assert unused[0].find(f"{SVG_NS}title").text == "Bad: 0"


def test_the_path_diagram_with_no_learners_still_draws_every_node(small):
    root = _parse(svg.path_diagram_svg(small, {}, {}, LABELS))
    assert {group.get("data-spoc-node") for group in root.iter(f"{SVG_NS}g")} == {
        "intro",
        "win",
        "lose",
    }


def test_a_thousand_node_scenario_is_capped_with_a_note_and_drawn_quickly():
    scenario = _chain(1200)
    started = time.perf_counter()
    drawing = svg.scenario_map_svg(scenario, {"n1": [("error", "E")]}, LABELS)
    diagram = svg.path_diagram_svg(scenario, {}, {("n0", "go"): 5}, LABELS)
    assert time.perf_counter() - started < 2
    for document in (drawing, diagram):
        root = _parse(document)
        assert len(list(root.iter(f"{SVG_NS}g"))) == svg.MAX_DRAWN_NODES
        assert "Only the first 300 of 1201 nodes are drawn" in root.find(f"{SVG_NS}desc").text
        assert any(
            text.text.startswith("Only the first 300") for text in root.iter(f"{SVG_NS}text")
        )


def test_the_labels_come_translated_from_the_caller(small):
    french = {"Scenario map": "Carte du scénario", "Start": "Début", "Decision": "Décision"}
    root = _parse(
        svg.scenario_map_svg(small, {}, svg.svg_labels(lambda text: french.get(text, text)))
    )
    assert root.find(f"{SVG_NS}title").text == "Carte du scénario"
    assert "Début · Décision" in [text.text for text in root.iter(f"{SVG_NS}text")]


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("fill", sorted({fill for fill, _stroke in svg.NODE_STYLES.values()}))
def test_node_text_contrast_is_at_least_4_5_to_1(fill):
    assert _contrast(svg.TEXT, fill) >= 4.5 and _contrast(svg.MUTED, fill) >= 4.5


def test_white_marker_text_and_edge_colours_are_readable():
    assert (
        _contrast("#ffffff", svg.DANGER) >= 4.5 and _contrast("#ffffff", svg.WARNING_COLOUR) >= 4.5
    )
    assert all(_contrast(colour, "#ffffff") >= 3 for colour in (svg.MUTED, svg.PRIMARY, svg.UNUSED))
    assert re.fullmatch(r"#[0-9a-f]{6}", svg.TEXT)


def test_a_node_of_an_unknown_kind_or_outcome_is_still_drawn():
    scenario = Scenario(
        start="a",
        nodes=(
            Node("a", "puzzle", choices=(Choice("c", "b"),)),
            Node("b", "ending", outcome="draw"),
        ),
    )
    root = _parse(svg.scenario_map_svg(scenario, {}, LABELS))
    texts = [text.text for text in root.iter(f"{SVG_NS}text")]
    assert "Start · puzzle" in texts and "Ending · draw" in texts
