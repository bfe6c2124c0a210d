"""The generic pieces this package added to common/: list, map and either-or payload shapes, the
element check, and the diverging bar chart."""

import pytest
from lxml import etree

from spoc_xblocks.common.charts import diverging_bar_chart_svg
from spoc_xblocks.common.olx import OlxError, check_element, parse_xml
from spoc_xblocks.common.payloads import (
    AnyOf,
    Integer,
    ListOf,
    MapOf,
    PayloadError,
    String,
    clean_payload,
)

SHAPE = {
    "answers": MapOf(
        String(max_length=8),
        AnyOf(
            (
                Integer(minimum=0, maximum=10),
                String(max_length=20),
                ListOf(String(max_length=8), max_items=3),
            )
        ),
        max_items=4,
    ),
    "tags": ListOf(String(max_length=5), max_items=2, required=False),
}


def test_nested_shapes_clean_a_map_of_numbers_texts_and_lists():
    cleaned = clean_payload(SHAPE, {"answers": {"a": 3, "b": "text", "c": ["x", "y"]}})
    assert cleaned == {"answers": {"a": 3, "b": "text", "c": ["x", "y"]}, "tags": ()}


@pytest.mark.parametrize(
    "payload, fragment, name",
    [
        ({"answers": []}, "must be an object", "answers"),
        ({"answers": {f"k{n}": 1 for n in range(5)}}, "more than {limit} entries", "answers"),
        ({"answers": {"toolongkey": 1}}, "longer than", "answers"),
        ({"answers": {"a": 11}}, "must be from {low} to {high}", "answers.a"),
        ({"answers": {"a": True}}, "accepted type", "answers.a"),
        ({"answers": {"a": {"x": 1}}}, "accepted type", "answers.a"),
        ({"answers": {"a": ["x", "y", "z", "w"]}}, "more than {limit} items", "answers.a"),
        ({"answers": {}, "tags": "x"}, "must be a list", "tags"),
        ({"answers": {}, "tags": ["a", "b", "c"]}, "more than {limit} items", "tags"),
        ({"answers": {}, "tags": ["toolong"]}, "longer than", "tags"),
    ],
)
def test_nested_shapes_refuse_what_does_not_fit_and_name_the_field(payload, fragment, name):
    with pytest.raises(PayloadError) as error:
        clean_payload(SHAPE, payload)
    assert fragment in error.value.message.template and error.value.params["name"] == name


def test_the_element_check_refuses_unknown_attributes_children_and_loose_text():
    root = parse_xml('<item id="a">\n<known/>\n<extra/></item>')
    check_element(root[0], "The known element")
    with pytest.raises(OlxError, match="unknown element <extra>; use <known>") as error:
        check_element(root, "The item", required=("id",), children=("known",))
    assert error.value.line == 3
    with pytest.raises(OlxError, match="no 'name' attribute"):
        check_element(
            root, "The item", required=("name",), optional=("id",), children=("known", "extra")
        )
    with pytest.raises(OlxError, match="unknown attribute 'id'; it takes none"):
        check_element(root, "The item", children=("known", "extra"))
    with pytest.raises(OlxError, match="text outside its elements"):
        check_element(parse_xml("<item>loose<known/></item>"), "The item", children=("known",))


def test_the_diverging_chart_draws_gains_right_losses_left_with_signed_values_and_whiskers():
    svg = diverging_bar_chart_svg(
        [("Up <b>", 1.5), ("Down", -1.0), ("Flat", 0.04)],
        2,
        title="T & t",
        description="D",
        svg_id="c",
        spreads=[0.5, 0, 0],
    )
    root = etree.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    up, down, flat = root.findall("s:rect", ns)
    centre = float(root.find("s:line", ns).get("x1"))
    assert float(up.get("x")) == centre and float(up.get("width")) > 0
    assert float(down.get("x")) + float(down.get("width")) == pytest.approx(centre)
    assert up.get("fill") != down.get("fill")
    values = [
        text.text
        for text in root.findall("s:text", ns)
        if text.text and text.get("text-anchor") is None
    ]
    assert values == ["+1.5", "-1", "0"]
    assert len(root.findall("s:path", ns)) == 1  # one whisker: the others have no spread
    assert "Up &lt;b&gt;" in svg and "T &amp; t" in svg and 'role="img"' in svg
