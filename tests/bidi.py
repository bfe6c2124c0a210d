"""Checks that people's text is isolated for bidirectional display: wherever it shows, it sits in
an element with dir="auto" or in a <bdi>, so Arabic or Hebrew cannot reorder the sentence around
it."""

from __future__ import annotations

from lxml import html as lxml_html

RIGHT_TO_LEFT = "שלום עולם"  # Hebrew: "hello world"


def _holders(tree, text: str):
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if text in (element.text or ""):
            yield element
        for child in element:
            if text in (child.tail or ""):
                yield element


def assert_isolated(html: str, text: str = RIGHT_TO_LEFT) -> int:
    """Every place `text` shows is isolated; how many places there were."""
    tree = lxml_html.fromstring(html)
    places = 0
    for holder in _holders(tree, text):
        places += 1
        chain = [holder, *holder.iterancestors()]
        assert any(node.tag == "bdi" or node.get("dir") == "auto" for node in chain), (
            f"{text!r} is not isolated in <{holder.tag} {dict(holder.attrib)}>"
        )
    return places
