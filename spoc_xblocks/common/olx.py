"""Safe XML parsing for OLX and imported files: no entities, no network, a size limit, errors that
name the line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .numbers import Figure
from .text import Message, TranslatableError, _, untranslated

MAX_XML_BYTES = 2 * 1024 * 1024
DOCTYPE_REFUSED = _("The XML declares a DOCTYPE or entities, which are not allowed.")
_CDATA_SECTION = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.DOTALL)
# Where the problem is, after the sentence.
AT_ELEMENT_AND_LINE = _("{sentence} (<{tag}>, line {line})")
AT_ELEMENT = _("{sentence} (<{tag}>)")
AT_LINE = _("{sentence} (line {line})")


class OlxError(TranslatableError):
    """Bad OLX: a translatable sentence a course team can act on, naming the element and the
    line."""

    def __init__(self, message: str | Message, element=None, line: int | None = None, **params):
        if line is None and element is not None:
            line = element.sourceline
        self.line = line
        self.element_tag = (
            element.tag if element is not None and isinstance(element.tag, str) else None
        )
        sentence = message if isinstance(message, Message) else Message(message, params)
        where = {"sentence": sentence, "tag": self.element_tag, "line": line}
        if self.element_tag and line:
            super().__init__(Message(AT_ELEMENT_AND_LINE, where))
        elif self.element_tag:
            super().__init__(Message(AT_ELEMENT, where))
        elif line:
            super().__init__(Message(AT_LINE, where))
        else:
            super().__init__(sentence)


class OlxProblems(OlxError):
    """Every problem found in a document's elements, each an OlxError with its line: an editor
    shows them one by one, an import's message says them all."""

    def __init__(self, problems: list[OlxError]):
        first = problems[0]
        every = Message("{problems}", {"problems": _Sentences(tuple(problems))})
        TranslatableError.__init__(self, every if len(problems) > 1 else first.message)
        self.problems = problems
        self.line, self.element_tag = first.line, first.element_tag


@dataclass(frozen=True)
class _Sentences:
    """Translatable sentences given to a Message as one value, each in turn."""

    sentences: tuple

    def text(self, gettext=untranslated) -> str:
        return " ".join(sentence.text(gettext) for sentence in self.sentences)


def problems_of(error: OlxError) -> list[OlxError]:
    return getattr(error, "problems", [error])


def read_each(elements, read) -> list:
    """`read(element)` for each element, in order; the problems of all of them are raised together
    (OlxProblems) rather than the first alone."""
    results, problems = [], []
    for element in elements:
        try:
            results.append(read(element))
        except OlxError as error:
            problems.extend(problems_of(error))
    if problems:
        raise OlxProblems(problems)
    return results


def safe_parser() -> etree.XMLParser:
    """A parser that resolves no entities, loads no DTD, reaches no network and refuses huge
    trees."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(text: str | bytes, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse XML text safely and return the root element, or raise OlxError."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > max_bytes:
        raise OlxError(
            _("The XML is {size} bytes long; the limit is {limit}."),
            size=Figure(len(data)),
            limit=Figure(max_bytes),
        )
    # Author HTML in CDATA may say "<!DOCTYPE html>"; a real declaration is refused before and after
    # parsing.
    if re.search(rb"<!(DOCTYPE|ENTITY)", _CDATA_SECTION.sub(b"", data)):
        raise OlxError(DOCTYPE_REFUSED)
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise OlxError(
            _("The XML is not well formed: {reason}"), line=exc.lineno, reason=exc.msg
        ) from exc
    if _declares_doctype(root):
        raise OlxError(DOCTYPE_REFUSED)
    return root


def _declares_doctype(node) -> bool:
    docinfo = node.getroottree().docinfo
    return bool(
        docinfo.doctype
        or docinfo.internalDTD is not None
        or docinfo.system_url
        or docinfo.public_id
    )


def new_block_from_olx(cls, node, runtime, keys):
    """The first step of every block's `parse_xml`: refuse an element whose document declares a
    DOCTYPE (the platform parsed it, and may have expanded its entities, before the block sees it),
    then construct the block."""
    if _declares_doctype(node):
        raise OlxError(DOCTYPE_REFUSED, node)
    return runtime.construct_xblock_from_class(cls, keys)


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def element_text(element) -> str:
    """The text inside an element ('' when absent), stripped unless the element says
    xml:space="preserve"."""
    if element is None or element.text is None:
        return ""
    if element.get(XML_SPACE) == "preserve":
        return element.text
    return element.text.strip()


def set_text(parent, tag: str, text: str, cdata: bool = False):
    """Add a child element holding `text` (as CDATA when it holds markup), unless the text is empty.

    Surrounding whitespace is kept with xml:space="preserve" so `element_text` reads back the same
    string. CDATA cannot hold `]]>` (older lxml refuses it) nor a carriage return (parsers turn it
    into a line feed), so such text is written escaped instead.
    """
    if not text:
        return None
    child = etree.SubElement(parent, tag)
    if text != text.strip():
        child.set(XML_SPACE, "preserve")
    wants_cdata = cdata and ("<" in text or "&" in text)
    child.text = (
        etree.CDATA(text) if wants_cdata and "]]>" not in text and "\r" not in text else text
    )
    return child


def to_string(element) -> str:
    return etree.tostring(element, encoding="unicode", pretty_print=True)


def child_elements(element) -> list:
    """Child elements, skipping comments and processing instructions a caller's tree may still
    hold."""
    return [child for child in element if isinstance(child.tag, str)]


def check_element(
    element, where: str | Message, required=(), optional=(), children=(), leaf_text: bool = True
) -> None:
    """Refuse unknown or missing attributes, unknown child elements and loose text, naming `where`
    and the line.

    `where` starts the sentence ("Question 'pace'", a Message or a tag); `children` lists the
    allowed child tags. An element with no allowed children may hold text unless `leaf_text` is
    False.
    """
    for name in element.attrib:
        if name not in required and name not in optional and name != XML_SPACE:
            allowed = ", ".join((*required, *optional))
            sentence = (
                _("{where} has an unknown attribute '{name}'; allowed: {allowed}.")
                if allowed
                else _("{where} has an unknown attribute '{name}'; it takes none.")
            )
            raise OlxError(sentence, element, where=where, name=name, allowed=allowed)
    for name in required:
        if element.get(name) is None:
            raise OlxError(
                _("{where} has no '{name}' attribute, which is required."),
                element,
                where=where,
                name=name,
            )
    for child in child_elements(element):
        if child.tag not in children:
            allowed = ", ".join(f"<{tag}>" for tag in children)
            sentence = (
                _("{where} has an unknown element <{tag}>; use {allowed}.")
                if children
                else _("{where} has an unknown element <{tag}>; it takes none.")
            )
            raise OlxError(sentence, child, where=where, tag=child.tag, allowed=allowed)
    loose = [element.text] + [child.tail for child in element]
    if (children or not leaf_text) and any(text and text.strip() for text in loose):
        raise OlxError(
            _("{where} holds text outside its elements; put text inside a child element."),
            element,
            where=where,
        )
