"""Strings a handler may recognise, so generated payloads reach past the lookups into the deep code.

Read from the workbench scenarios' OLX (node, choice, criterion, option and question ids, texts,
whole child elements such as a `<scenario>` or a `<rubric>`) plus the learners' anonymous ids and
dates.
"""

from __future__ import annotations

from lxml import etree

MOMENTS = (
    "2026-03-02T10:00:00Z",
    "2026-03-02T10:00:00+02:00",
    "2026-03-02",
    "2031-12-31T23:59",
    "1900-01-01",
    "9999-12-31T23:59:59Z",
)


def _from_olx(xml: str) -> set[str]:
    root = etree.fromstring(xml.encode("utf-8"))
    found = {root.tag}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        found.update(element.attrib.values())
        if element.text and element.text.strip():
            found.add(element.text.strip())
    for child in root:
        if isinstance(child.tag, str):
            found.add(etree.tostring(child, encoding="unicode"))
    body = "".join(
        etree.tostring(child, encoding="unicode") for child in root if isinstance(child.tag, str)
    )
    found.update({body, xml})
    return found


def plausible_strings(scenarios: dict, block_type: str) -> list[str]:
    """Sorted (so that derandomised runs draw the same), for the scenarios of one block type."""
    from django.conf import settings

    from tests.sites import anonymous_id

    found = set(MOMENTS)
    found.update(anonymous_id(name) for name in settings.SPOC_DEV_ROSTER)
    for scenario_id, scenario in scenarios.items():
        if scenario_id.rsplit(".", 1)[0] == block_type:
            found |= _from_olx(scenario.xml)
    return sorted(found)
