"""Documents for the OLX and importer fuzzers: valid seeds broken in random places, and known XML
attacks."""

from __future__ import annotations

from hypothesis import strategies as st
from lxml import etree

# Text lxml accepts in attributes and element text (no control characters, no lone surrogates).
XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=40)
TAG = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>{open}&lol9;{close}"
)
ATTACKS = {
    "billion laughs": BILLION_LAUGHS,
    "internal entity": '<!DOCTYPE x [<!ENTITY e "expanded">]>{open}&e;{close}',
    "external file entity": '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>{open}&e;{close}',
    "external network entity": (
        '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/spoc">]>{open}&e;{close}'
    ),
    "parameter entity": (
        '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>{open}{close}'
    ),
    "external DTD": '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">{open}{close}',
    "bare DOCTYPE": "<!DOCTYPE x>{open}{close}",
    "xinclude": (
        '{open}<xi:include xmlns:xi="http://www.w3.org/2001/XInclude"'
        ' href="file:///etc/passwd"/>{close}'
    ),
}
LEAKS = (
    "root:",
    "expanded",
    "lollollol",
)  # what a fetched /etc/passwd or an expanded entity would show


def attack(name: str, tag: str) -> str:
    return ATTACKS[name].format(open=f"<{tag}>", close=f"</{tag}>")


def oversized(tag: str, size: int) -> str:
    return f"<{tag}>" + "<!-- padding -->" * (size // 16 + 1) + f"</{tag}>"


def deeply_nested(tag: str, depth: int = 5_000) -> str:
    return f"<{tag}>" + "<n>" * depth + "</n>" * depth + f"</{tag}>"


@st.composite
def mutated_xml(draw, xml: str) -> str:
    """The document with one to three random edits: attributes set, dropped or added, elements
    removed, duplicated, renamed or given text or children."""
    root = etree.fromstring(xml.encode("utf-8"))
    for _edit in range(draw(st.integers(1, 3))):
        elements = [element for element in root.iter() if isinstance(element.tag, str)]
        element = draw(st.sampled_from(elements))
        edit = draw(
            st.sampled_from(
                [
                    "set",
                    "set",
                    "drop attribute",
                    "add attribute",
                    "remove",
                    "duplicate",
                    "rename",
                    "text",
                    "child",
                ]
            )
        )
        names = sorted(element.attrib)
        if edit == "set" and names:
            element.set(draw(st.sampled_from(names)), draw(XML_TEXT))
        elif edit == "drop attribute" and names:
            del element.attrib[draw(st.sampled_from(names))]
        elif edit == "add attribute":
            element.set(draw(TAG), draw(XML_TEXT))
        elif edit == "remove" and element is not root:
            element.getparent().remove(element)
        elif edit == "duplicate" and element is not root:
            element.addnext(etree.fromstring(etree.tostring(element)))
        elif edit == "rename" and element is not root:
            element.tag = draw(TAG)
        elif edit == "text":
            element.text = draw(XML_TEXT)
        elif edit == "child":
            etree.SubElement(element, draw(TAG)).text = draw(XML_TEXT)
    return etree.tostring(root, encoding="unicode")
