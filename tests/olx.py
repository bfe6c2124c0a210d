"""OLX in the tests: parse a block through its own parse_xml on a workbench runtime, and export it
back."""

from __future__ import annotations

import itertools

from lxml import etree

_scenario_numbers = itertools.count()


def block_from_olx(xml: str | bytes, user_id: str = "trainer"):
    """The block the OLX describes, read by its own parse_xml (OlxError for bad OLX), in a scenario
    of its own."""
    from workbench.runtime import WorkbenchRuntime

    runtime = WorkbenchRuntime(user_id)
    runtime.id_generator.set_scenario(f"olx-test-{next(_scenario_numbers)}")
    return runtime.get_block(runtime.parse_xml_string(xml))


def export_block(block) -> str:
    """The block's OLX, as its add_xml_to_node writes it."""
    node = etree.Element("placeholder")
    block.add_xml_to_node(node)
    return etree.tostring(node, encoding="unicode")
