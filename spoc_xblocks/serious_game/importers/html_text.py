"""Plain text to body HTML and back: paragraphs split by blank lines become `<p>`, line breaks
`<br>`."""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

_BLANK_LINE = re.compile(r"\n\s*\n")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li "
    "main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_SKIPPED_TAGS = frozenset(("script", "style", "template"))
_PARAGRAPH = "\n\n"
# HTML collapses ASCII whitespace only: a no-break space (French « guillemets ») is text and is
# kept.
_HTML_SPACES = re.compile(r"[ \t\n\r\f]+")


def text_to_html(text: str) -> str:
    """Escaped paragraphs: `<p>line<br>line</p>` per blank-line-separated block, whitespace
    collapsed."""
    paragraphs = []
    for block in _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [_collapse(line) for line in block.split("\n")]
        lines = [html.escape(line, quote=False) for line in lines if line]
        if lines:
            paragraphs.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(paragraphs)


def html_to_text(markup: str) -> str:
    """The readable text of HTML: blocks become paragraphs split by a blank line, `<br>` a line
    break."""
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except etree.ParserError:
        return ""
    pieces: list[str] = []
    _collect_text(root, pieces)
    paragraphs = []
    for block in "".join(pieces).split(_PARAGRAPH):
        lines = [_collapse(line) for line in block.split("\n")]
        if any(lines):
            paragraphs.append("\n".join(line for line in lines if line))
    return _PARAGRAPH.join(paragraphs)


def html_to_line(markup: str) -> str:
    """The text of HTML on one line (for titles and labels)."""
    return _collapse(html_to_text(markup))


def _collect_text(element, pieces: list[str]) -> None:
    """Append text with source whitespace flattened to spaces, `\\n` for `<br>`, `\\n\\n` around
    blocks."""
    tag = element.tag if isinstance(element.tag, str) else None
    if tag in _SKIPPED_TAGS:
        return
    if tag == "br":
        pieces.append("\n")
    is_block = tag in _BLOCK_TAGS
    if is_block:
        pieces.append(_PARAGRAPH)
    if tag and element.text:
        pieces.append(_HTML_SPACES.sub(" ", element.text))
    for child in element:
        _collect_text(child, pieces)
        if child.tail:
            pieces.append(_HTML_SPACES.sub(" ", child.tail))
    if is_block:
        pieces.append(_PARAGRAPH)


def _collapse(text: str) -> str:
    return _HTML_SPACES.sub(" ", text).strip(" ")
