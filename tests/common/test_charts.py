"""The trainers' charts: every label whole, wrapped inside its column, never cut or shortened."""

from lxml import etree

from spoc_xblocks.common.charts import (
    CHARACTER_WIDTH,
    LABEL_WIDTH,
    bar_chart_svg,
    diverging_bar_chart_svg,
)

NS = {"s": "http://www.w3.org/2000/svg"}
LONG = "Serious game · Complaint call (assessment, two attempts, no going back)"
SIMILAR = "Serious game · Complaint call (practice)"


def labels(svg) -> list[list[str]]:
    root = etree.fromstring(svg)
    return [
        [span.text for span in text.findall("s:tspan", NS)]
        for text in root.findall("s:text", NS)
        if text.get("text-anchor") == "end"
    ]


def test_long_labels_are_wrapped_whole_inside_the_label_column():
    svg = bar_chart_svg(
        [(LONG, 3), (SIMILAR, 2), ("Short", 1)], 3, title="T", description="D", svg_id="c"
    )
    lines = labels(svg)
    assert [" ".join(label) for label in lines] == [LONG, SIMILAR, "Short"]
    assert len(lines[0]) > 1 and "…" not in svg
    room = (LABEL_WIDTH - 10) / CHARACTER_WIDTH
    assert all(len(line) <= room for label in lines for line in label)


def test_rows_grow_with_their_labels_so_nothing_overlaps():
    short = etree.fromstring(bar_chart_svg([("A", 1)], 1, title="T", description="D", svg_id="a"))
    tall = etree.fromstring(bar_chart_svg([(LONG, 1)], 1, title="T", description="D", svg_id="b"))
    assert int(tall.get("height")) > int(short.get("height"))
    rects = etree.fromstring(
        bar_chart_svg([(LONG, 1), ("B", 1)], 1, title="T", description="D", svg_id="c")
    ).findall("s:rect", NS)
    assert float(rects[1].get("y")) - float(rects[0].get("y")) >= 3 * 16


def test_a_word_longer_than_a_line_is_cut_into_lines_not_lost():
    word = "x" * 50
    svg = diverging_bar_chart_svg([(word, 1)], 2, title="T", description="D", svg_id="d")
    assert "".join(labels(svg)[0]) == word
