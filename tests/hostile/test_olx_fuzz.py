"""Every OLX reader fuzzed: each block's `parse_xml` (through the runtime, as a course import runs
it) and `common/olx.parse_xml`. Mutated workbench OLX either loads or raises OlxError, never another
exception; DTDs, entities (billion laughs, external files and URLs), XInclude, oversized and
over-deep documents are refused with a clear message, and nothing is expanded or fetched.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spoc_xblocks.common.olx import DOCTYPE_REFUSED, MAX_XML_BYTES, OlxError, parse_xml
from tests import figures

from .documents import ATTACKS, LEAKS, XML_TEXT, attack, deeply_nested, mutated_xml, oversized
from .reach import our_blocks, scenarios_of

EXAMPLES_PER_BLOCK = 60
SOURCE = "OLX and importer fuzzing"
_slugs = itertools.count()


def _load(xml: str):
    """Parse OLX as a course import does: the runtime parses the file, the block's parse_xml reads
    the node."""
    from lxml import etree
    from workbench.runtime import WorkbenchRuntime

    figures.record("payloads tried", 1, source=SOURCE)
    runtime = WorkbenchRuntime("trainer")
    runtime.id_generator.set_scenario(f"hostile-olx-{next(_slugs)}")
    try:
        usage_id = runtime.parse_xml_string(xml)
    except etree.XMLSyntaxError:
        return None  # the runtime's parser refused it before any block code ran
    return runtime.get_block(usage_id)


@pytest.mark.parametrize("block_type", sorted(our_blocks()))
def test_a_blocks_parse_xml_loads_mutated_olx_or_raises_olx_error(block_type, scenarios):
    seeds = [scenarios[scenario_id].xml for scenario_id in scenarios_of(scenarios, block_type)]
    assert seeds, f"no workbench scenario shows a {block_type}: its OLX cannot be fuzzed"

    @settings(max_examples=EXAMPLES_PER_BLOCK, deadline=None, derandomize=True, database=None)
    @given(st.sampled_from(seeds).flatmap(mutated_xml))
    def fuzz(xml):
        try:
            _load(xml)
        except OlxError as error:
            assert str(error).strip()

    fuzz()


@pytest.mark.parametrize("name", sorted(ATTACKS))
@pytest.mark.parametrize("block_type", sorted(our_blocks()))
def test_a_blocks_parse_xml_refuses_dtds_entities_and_includes(block_type, name, scenarios, db):
    try:
        block = _load(attack(name, block_type))
    except OlxError as error:
        assert DOCTYPE_REFUSED in str(error) or name == "xinclude", str(error)
        return
    if block is None:
        return  # the runtime's parser already refused it (libxml2 caps entity amplification)
    assert name == "xinclude", f"{block_type} loaded OLX with a {name}"
    values = str({name: field.read_from(block) for name, field in block.fields.items()})
    assert not any(leak in values for leak in LEAKS)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.one_of(XML_TEXT, st.binary(max_size=200), st.text(max_size=200)))
def test_common_parse_xml_reads_any_text_or_raises_olx_error(text):
    figures.record("payloads tried", 1, source=SOURCE)
    try:
        parse_xml(text)
    except OlxError as error:
        assert str(error).strip()


@pytest.mark.parametrize("name", sorted(set(ATTACKS) - {"xinclude"}))
def test_common_parse_xml_refuses_every_dtd_and_entity(name):
    figures.record("payloads tried", 1, source=SOURCE)
    with pytest.raises(OlxError, match="DOCTYPE"):
        parse_xml(attack(name, "scenario"))


def test_common_parse_xml_neither_expands_nor_fetches_an_xinclude():
    figures.record("payloads tried", 1, source=SOURCE)
    root = parse_xml(attack("xinclude", "scenario"))
    assert not any(leak in (root.xpath("string()") or "") for leak in LEAKS)
    assert len(root) == 1  # the include element is kept as it is, not replaced by a file


@pytest.mark.parametrize(
    "document",
    [oversized("scenario", MAX_XML_BYTES), deeply_nested("scenario")],
    ids=["oversized", "deeply nested"],
)
def test_common_parse_xml_refuses_oversized_and_over_deep_documents(document):
    figures.record("payloads tried", 1, source=SOURCE)
    with pytest.raises(OlxError):
        parse_xml(document)
